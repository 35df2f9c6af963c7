// Every option the supervisor puts on the `vllm serve` command line must exist
// in the vLLM release the README names: checked against the option names read
// from that release's argument parser (test/fixtures/vllm/, which cites its source).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildVllmArgs, type VllmOptions } from '../../server/vllm/args';

const fixture = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'vllm', 'serve-flags-0.11.json'), 'utf8')) as { release: string; flags: string[] };
const known = new Set(fixture.flags);
const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');

const flagsOf = (args: string[]) => args.filter((a) => a.startsWith('--'));

describe(`vllm serve flags against ${fixture.release}`, () => {
  const base: VllmOptions = { model: 'gitcat404/IntroSVG-Qwen2.5-VL-7B', servedModelName: 'introsvg-7b', host: '127.0.0.1', port: 8001, apiKey: 'k'.repeat(32) };
  const shapes: Array<[string, VllmOptions]> = [
    ['one GPU', { ...base, maxModelLen: 16384, maxImagePixels: 40000, gpuMemoryUtilization: 0.85 }],
    ['tensor and data parallel, head node', { ...base, tensorParallelSize: 2, dataParallelSize: 4, dataParallelSizeLocal: 2, dataParallelAddress: '10.0.0.1', dataParallelRpcPort: 13345 }],
    ['secondary node', { ...base, dataParallelSize: 4, dataParallelSizeLocal: 2, dataParallelStartRank: 2, dataParallelAddress: '10.0.0.1', dataParallelRpcPort: 13345, headless: true }],
    ['Ray placement', { ...base, dataParallelSize: 8, dataParallelBackend: 'ray' }],
  ];
  for (const [name, options] of shapes) {
    it(`${name}: every flag exists in ${fixture.release}`, () => {
      const args = buildVllmArgs(options);
      assert.equal(args[0], 'serve');
      const unknown = flagsOf(args).filter((f) => !known.has(f));
      assert.deepEqual(unknown, [], `flags ${fixture.release} does not accept: ${unknown.join(', ')}`);
    });
  }

  it('covers every flag the supervisor can emit', () => {
    const all = new Set(shapes.flatMap(([, o]) => flagsOf(buildVllmArgs(o))));
    // The API key is not among them: vLLM reads it from VLLM_API_KEY, so it stays off the process list.
    assert.ok(!all.has('--api-key'), 'the key must not go on the vllm command line');
    for (const f of ['--served-model-name', '--host', '--port', '--max-model-len', '--limit-mm-per-prompt', '--mm-processor-kwargs', '--tensor-parallel-size', '--data-parallel-size', '--data-parallel-size-local', '--data-parallel-address', '--data-parallel-rpc-port', '--data-parallel-start-rank', '--data-parallel-backend', '--headless', '--gpu-memory-utilization']) {
      assert.ok(all.has(f), `${f} not exercised`);
    }
  });

  it('the fixture can catch a flag that does not exist', () => {
    assert.ok(!known.has('--max-image-pixels'), 'our own option must not pass as a vLLM one');
    assert.ok(known.has('--data-parallel-start-rank'));
  });

  it('the README names the release the fixture is read from', () => {
    assert.match(readme, new RegExp(fixture.release.replace(/\./g, '\\.')));
  });
});
