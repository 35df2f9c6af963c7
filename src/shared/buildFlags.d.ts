// Set by esbuild's `define` (esbuild.mjs): true in the test build, false in the
// production bundles, where every `if (TEST_SEAMS)` branch is removed as dead code.
declare const TEST_SEAMS: boolean;
