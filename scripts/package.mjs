// Builds the VSIX (after `node esbuild.mjs --production`, see `npm run package`).
//
//   node scripts/package.mjs [--variant cuda] [--no-gpu] [--out FILE]
//
// The bundles in dist/ already contain every pure-JS dependency (openai, svgo,
// the webview components), so the only node_modules that ship are the native
// runtime packages and the prebuilt binaries for this platform:
//   @resvg/resvg-js + @resvg/resvg-js-<platform>      (render worker)
//   @fugood/llama.node + @fugood/node-llama-<platform> (bundled server, CPU build)
// The Vulkan build of llama.node ships too where one exists for the platform
// (linux-x64, win32-x64; ≈59 MB unpacked): it runs on NVIDIA, AMD and Intel GPUs
// with the driver the machine already has, so the bundled server uses a GPU with
// no download and no CUDA runtime (`--no-gpu` leaves it out). The CUDA build
// (linux-x64 ≈196 MB, and it needs the CUDA 12 runtime) ships only on request:
// `npm run package -- --variant cuda` (it must be installed in node_modules,
// which `npm ci` does on a matching machine).
//
// Relative links in README.md stay relative (they resolve inside the installed
// extension, which ships media/), since the repository URL is not a public host.
//
// The package is staged in .cache/vsix/ (a copy of what ships plus exactly
// those node_modules), and `vsce package --target <platform>` runs there, so
// the VSIX is a platform-specific extension and .vscodeignore still applies.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const target = `${process.platform}-${process.arch}`;
const binding = JSON.parse(readFileSync(join(root, 'node_modules', '@fugood', 'llama.node', 'package.json'), 'utf8'));
const hasVulkan = Object.hasOwn(binding.optionalDependencies ?? {}, `@fugood/node-llama-${target}-vulkan`);
const variants = [...new Set([
  ...(hasVulkan && !args.includes('--no-gpu') ? ['vulkan'] : []),
  ...args.flatMap((a, i) => (a === '--variant' ? [args[i + 1]] : [])),
])];
const out = outIndex >= 0 ? resolve(args[outIndex + 1]) : join(root, `${manifest.name}-${target}-${manifest.version}.vsix`);
const stage = join(root, '.cache', 'vsix');

/** Native packages that stay outside the bundles, and their binaries for this platform. */
const libc = process.platform === 'linux' ? '-gnu' : process.platform === 'win32' ? '-msvc' : '';
const runtime = {
  '@resvg/resvg-js': [`@resvg/resvg-js-${target}${libc}`],
  '@fugood/llama.node': [`@fugood/node-llama-${target}`, ...variants.map((v) => `@fugood/node-llama-${target}-${v}`)],
};

// Top-level entries never copied into the stage (sources, tests, caches, tools);
// .vscodeignore filters what remains.
const notStaged = new Set(['.git', 'node_modules', 'out', '.cache', 'test-results', 'src', 'server', 'webview', 'test', 'bench', 'scripts']);

const fail = (msg) => {
  console.error(`package: ${msg}`);
  process.exit(1);
};

if (!existsSync(join(root, manifest.main))) fail(`${manifest.main} is missing: run "node esbuild.mjs --production" first`);

rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
for (const entry of readdirSync(root)) {
  if (notStaged.has(entry) || entry.endsWith('.vsix') || entry === 'package.json') continue;
  cpSync(join(root, entry), join(stage, entry), { recursive: true });
}

for (const [pkg, binaries] of Object.entries(runtime)) {
  for (const name of [pkg, ...binaries]) {
    const from = join(root, 'node_modules', name);
    if (!existsSync(from)) fail(`${name} is not installed (run "npm ci"${name.includes('-cuda') || name.includes('-vulkan') ? ` and "npm install --no-save ${name}"` : ''})`);
    const deps = JSON.parse(readFileSync(join(from, 'package.json'), 'utf8')).dependencies ?? {};
    if (Object.keys(deps).length) fail(`${name} has run-time dependencies (${Object.keys(deps).join(', ')}) that this script does not stage`);
    cpSync(from, join(stage, 'node_modules', name), { recursive: true });
  }
}

// The shipped manifest lists only what ships; nothing else in it changes.
const shipped = { ...manifest };
shipped.dependencies = Object.fromEntries(Object.keys(runtime).map((p) => [p, manifest.dependencies[p]]));
delete shipped.devDependencies;
delete shipped.scripts;
delete shipped.allowScripts;
writeFileSync(join(stage, 'package.json'), JSON.stringify(shipped, null, 2) + '\n');

const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
execFileSync(process.execPath, [vsce, 'package', '--target', target, '--skip-license', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out], { cwd: stage, stdio: 'inherit' });

const listing = execFileSync('unzip', ['-Z1', out], { encoding: 'utf8' }).split('\n').filter(Boolean);
const sources = listing.filter((f) => /\.(ts|tsx|map)$/.test(f));
if (sources.length) fail(`the VSIX ships sources or source maps: ${sources.slice(0, 5).join(', ')}`);
const mb = (statSync(out).size / 1024 / 1024).toFixed(1);
console.log(`VSIX: ${out} — ${mb} MB, ${listing.length} files (llama.node variants: cpu${variants.map((v) => `, ${v}`).join('')})`);
