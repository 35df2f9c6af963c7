// How a launcher hands the bundled server its API token: in this environment
// variable, which only the same user can read, never on a command line, which
// every local user can read (ps, /proc/PID/cmdline). The extension sets it; the
// server reads it and passes it on to its worker the same way.
export const SERVER_TOKEN_ENV = 'SVG_COPILOT_SERVER_TOKEN';
