// Child processes started in their own process group, so that stopping one
// also stops everything it started (code-server's extension host, pty host,
// file watcher). Every group still registered is killed when this process
// exits, whichever way it exits.
import { spawn } from 'node:child_process';

const groups = new Set();

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

const groupAlive = (pid) => signalGroup(pid, 0);

/** spawn() in a new process group that killGroup()/killAllGroups() and process exit clean up. */
export function spawnGroup(command, args, options = {}) {
  const child = spawn(command, args, { ...options, detached: true });
  if (child.pid) groups.add(child.pid);
  return child;
}

/** SIGTERM, then SIGKILL after graceMs if any member of the group is still there. */
export async function killGroup(pid, graceMs = 3000) {
  if (!groups.has(pid)) return;
  signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(pid)) signalGroup(pid, 'SIGKILL');
  groups.delete(pid);
}

export async function killAllGroups(graceMs = 3000) {
  await Promise.all([...groups].map((pid) => killGroup(pid, graceMs)));
}

process.on('exit', () => {
  for (const pid of groups) signalGroup(pid, 'SIGKILL');
});

/**
 * Runs cleanup once on SIGINT/SIGTERM/SIGHUP, then exits with exitCode.
 * @param {() => Promise<void>} cleanup
 */
export function onTerminationSignal(cleanup, exitCode = 2) {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      console.error(`\n${signal}: stopping`);
      cleanup().finally(() => process.exit(exitCode));
    });
  }
}
