// The house rules that hold across files: no import circles (type-only imports
// count), and no test seam in what ships.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { build } from 'esbuild';

interface MadgeResult { obj(): Record<string, string[]>; circular(): string[][] }
// madge ships no types; this is the part of its API used here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const madge = require('madge') as (paths: string[], config: Record<string, unknown>) => Promise<MadgeResult>;

const root = join(__dirname, '..', '..', '..');

/** Strings only the test seams contain (test/seams, the TEST_SEAMS branches). */
const TEST_SEAM_MARKERS = ['SVG_COPILOT_TEST', 'svgCopilot.test.', 'testProbe', 'testClick', 'testExport', 'testChoose', 'probeReport', 'answerInput', 'answerSaveDialog', 'securitypolicyviolation'];

describe('architecture', function () {
  this.timeout(120_000);

  it('src, server and webview have no import circles, type-only imports included (madge)', async () => {
    const result = await madge(['src', 'server', 'webview'].map((d) => join(root, d)), {
      baseDir: root,
      fileExtensions: ['ts'],
      tsConfig: join(root, 'tsconfig.json'),
      detectiveOptions: { ts: { skipTypeImports: false } },
      excludeRegExp: [/\.d\.ts$/],
    });
    const files = Object.keys(result.obj());
    assert.ok(files.length > 100, `madge saw only ${files.length} files`);
    assert.ok(files.includes('src/features/services.ts'), 'madge did not resolve the sources');
    assert.deepEqual(result.circular(), []);
  });

  it('the production bundles of the extension and the webview contain no test seam', async () => {
    // As esbuild.mjs --production builds them: TEST_SEAMS is false, so its branches are dead code.
    const bundles = await Promise.all([
      build({ entryPoints: [join(root, 'src', 'extension.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', minify: true, write: false, define: { TEST_SEAMS: 'false' }, external: ['vscode', '@resvg/resvg-js', '@fugood/llama.node', 'node-llama-cpp'], logLevel: 'error' }),
      build({ entryPoints: [join(root, 'webview', 'main.ts')], bundle: true, platform: 'browser', format: 'iife', target: 'es2022', minify: true, write: false, define: { TEST_SEAMS: 'false' }, logLevel: 'error' }),
    ]);
    for (const [i, b] of bundles.entries()) {
      const text = b.outputFiles[0].text;
      assert.ok(text.length > 10_000, 'the bundle was built');
      assert.deepEqual(TEST_SEAM_MARKERS.filter((m) => text.includes(m)), [], `${i ? 'webview' : 'extension'} bundle`);
    }
  });
});
