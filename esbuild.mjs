// Builds every artifact: the extension host bundle, the browser bundle for the
// preview webview, the server and CLI executables, the isolated render worker,
// and an unbundled transpile of sources + tests into out/ for mocha.
import * as esbuild from 'esbuild';
import { readdirSync, statSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

// Native addons and packages that locate files relative to their own install
// directory stay in node_modules (shipped inside the VSIX) instead of the bundle.
const nativeExternals = ['vscode', '@resvg/resvg-js', '@fugood/llama.node', 'node-llama-cpp'];

const shebang = { js: '#!/usr/bin/env node' };
// TEST_SEAMS (src/shared/buildFlags.d.ts): false in the production bundles, so
// every `if (TEST_SEAMS)` branch, and what only it uses, is dropped as dead code.
const define = { TEST_SEAMS: production ? 'false' : 'true' };
const nodeCommon = {
  define,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify: production,
  external: nativeExternals,
  logLevel: 'warning',
};

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const optional = (entry) => existsSync(entry);

const builds = [
  // The production bundle is src/extension.ts alone. The test build's entry wraps it and injects
  // the test seams (test/seams: a scripted Ui, the preview hooks, the tests' exports).
  { ...nodeCommon, entryPoints: [production ? 'src/extension.ts' : 'test/seams/extension.ts'], outfile: 'dist/extension.js' },
  // The model loop and the openai client (~0.5 MB) load on first use from their own bundle, keeping activation fast.
  { ...nodeCommon, entryPoints: ['src/features/model/loopSession.ts'], outfile: 'dist/loopSession.js' },
  { ...nodeCommon, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: shebang },
  optional('server/main.ts') && { ...nodeCommon, entryPoints: ['server/main.ts'], outfile: 'dist/server.js', banner: shebang },
  optional('src/core/render/worker.ts') && { ...nodeCommon, entryPoints: ['src/core/render/worker.ts'], outfile: 'dist/render-worker.js' },
  optional('src/core/lint/worker.ts') && { ...nodeCommon, entryPoints: ['src/core/lint/worker.ts'], outfile: 'dist/lint-worker.js' },
  optional('webview/main.ts') && {
    entryPoints: ['webview/main.ts'],
    outfile: 'dist/webview.js',
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    sourcemap: true,
    minify: production,
    define,
    logLevel: 'warning',
  },
  // Tests run against unbundled, transpiled sources so each module can be
  // exercised on its own; out/ mirrors the repository layout.
  !production && {
    entryPoints: [...walk('src'), ...walk('server'), ...walk('test'), ...walk('bench')],
    outdir: 'out',
    outbase: '.',
    bundle: false,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    define,
    logLevel: 'warning',
  },
].filter(Boolean);

// Outputs whose source is gone are pruned one by one (rather than wiping out/)
// so a build never pulls files from under a test run that is using them.
function pruneStale(dir = 'out') {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) { pruneStale(p); continue; }
    const source = p.slice('out/'.length).replace(/\.js(\.map)?$/, '.ts');
    if (/\.js(\.map)?$/.test(name) && !existsSync(source) && !existsSync(source + 'x')) rmSync(p, { force: true });
  }
}

if (watch) {
  for (const b of builds) {
    const ctx = await esbuild.context(b);
    await ctx.watch();
  }
  console.log('esbuild: watching for changes');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  // A production build (npm run package) makes no out/, so it leaves the test build alone.
  if (!production) pruneStale();
}
