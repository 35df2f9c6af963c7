// Device choice, checked against the real builds of @fugood/llama.node on this
// machine: the CUDA build (installed, but its CUDA 12 runtime is not) and the
// Vulkan build, which, with Debian's libvulkan1 and mesa-vulkan-drivers, loads
// and finds only a CPU Vulkan device (Mesa's lavapipe, which ggml does not list).
import assert from 'node:assert/strict';
import { bindingProbe, chooseDevice, deviceNames, loadFailure, type BuildProbe, type BuildReport } from '../../server/llamacpp/device';
import { launch, waitReady, tinyText } from './harness';

describe('device choice', function () {
  this.timeout(60_000);
  const probe = bindingProbe();
  let vulkan: BuildReport;
  let cuda: BuildReport;
  before(async () => { [vulkan, cuda] = await Promise.all([probe('vulkan'), probe('cuda')]); });
  const hasGpu = (r: BuildReport) => !r.loadError && r.devices.some((d) => d.type === 'gpu' || d.type === 'igpu');

  /** Starts the server with a model name that cannot resolve offline: a refusal must come before the model is looked at. */
  const refusal = async (backend: string) => {
    const l = launch(['--model', 'no-such-preset-xyz', '--offline', '--backend', backend]);
    const exit = await l.exit;
    assert.equal(exit.code, 2, l.stderr());
    assert.deepEqual(l.stdoutLines, []);
    assert.doesNotMatch(l.stderr(), /no-such-preset-xyz/, 'the model was never resolved');
    return l.stderr();
  };

  it('--backend vulkan without a Vulkan GPU refuses at once and names the backend', async function () {
    if (hasGpu(vulkan)) this.skip();
    const err = await refusal('vulkan');
    assert.match(err, /--backend vulkan: the Vulkan build of @fugood\/llama\.node /);
    if (!vulkan.loadError) assert.match(err, /loads, but finds no Vulkan GPU device/);
    assert.match(err, /or use --backend cpu/);
  });

  it('--backend cuda without a loadable CUDA build refuses at once, naming the missing library and both fixes', async function () {
    if (hasGpu(cuda)) this.skip();
    const err = await refusal('cuda');
    assert.match(err, /--backend cuda: the CUDA build of @fugood\/llama\.node /);
    if (/libcudart\.so\.12/.test(cuda.loadError ?? '')) assert.match(err, /cannot load: libcudart\.so\.12 is missing; install the CUDA 12 runtime .*or use --backend vulkan/);
    else assert.match(err, /or use --backend vulkan/);
  });

  it('the Vulkan build here loads and lists no GPU (the case the refusal covers)', function () {
    if (vulkan.loadError) this.skip();
    assert.ok(!hasGpu(vulkan), `a GPU here: ${JSON.stringify(vulkan.devices)}`);
    assert.ok(vulkan.devices.some((d) => d.type === 'cpu'));
  });

  it('auto falls back to the CPU and says why, in the log and the ready line', async function () {
    if (hasGpu(vulkan) || hasGpu(cuda)) this.skip();
    const l = launch(['--model', tinyText, '--token', 'a-test-token-123', '--threads', '1', '--ctx', '512']);
    const ready = await waitReady(l) as { device?: string; deviceReason?: string };
    l.child.kill('SIGTERM');
    await l.exit;
    assert.match(ready.device ?? '', /^CPU/);
    assert.match(ready.deviceReason ?? '', /^auto: no GPU here: CUDA build .*; Vulkan build /);
    assert.match(l.stderr(), /svg-copilot-server: device: CPU.* \(auto: no GPU here/);
  });

  it('--gpu-layers 0 and --backend cpu choose the CPU without looking at the GPU builds', async () => {
    const untouched: BuildProbe = () => { throw new Error('probed'); };
    assert.deepEqual((await chooseDevice('vulkan', 0, untouched)).reason, '--gpu-layers 0');
    assert.deepEqual((await chooseDevice('cpu', -1, untouched)).variant, 'default');
  });
});

// A machine with a GPU cannot be had in tests: these run chooseDevice's order on reports shaped like the H200's.
describe('device choice order (reports as GPU machines give them)', () => {
  const h200: BuildReport = {
    devices: [
      { backend: 'Vulkan', type: 'gpu', deviceName: 'Vulkan0', maxMemorySize: 150754820096, description: 'NVIDIA H200' },
      { backend: 'CPU', type: 'cpu', deviceName: 'CPU', maxMemorySize: 135129063424 },
    ],
  };
  const missingCudart: BuildReport = { loadError: 'libcudart.so.12: cannot open shared object file: No such file or directory', devices: [] };

  it('auto takes the Vulkan GPU when the CUDA build cannot load, and says why', async () => {
    const c = await chooseDevice('auto', -1, async (v) => (v === 'cuda' ? missingCudart : h200));
    assert.equal(c.variant, 'vulkan');
    assert.equal(c.device, 'Vulkan0: NVIDIA H200');
    assert.equal(c.gpu, true);
    assert.match(c.reason, /^auto: CUDA build cannot load: libcudart\.so\.12 is missing \[install the CUDA 12 runtime .*or use --backend vulkan\]; Vulkan build sees this GPU$/);
  });

  it('auto takes a CUDA build that loads and sees a device first', async () => {
    const cudaOk: BuildReport = { devices: [{ backend: 'CUDA', type: 'gpu', deviceName: 'CUDA0', maxMemorySize: 1, description: 'NVIDIA H200' }] };
    const c = await chooseDevice('auto', -1, async (v) => (v === 'cuda' ? cudaOk : h200));
    assert.deepEqual([c.variant, c.device], ['cuda', 'CUDA0: NVIDIA H200']);
  });

  it('prefers a discrete GPU to an integrated one, and never takes a CPU device of a GPU build', async () => {
    const two: BuildReport = { devices: [
      { backend: 'Vulkan', type: 'igpu', deviceName: 'Vulkan0', maxMemorySize: 1 },
      { backend: 'Vulkan', type: 'gpu', deviceName: 'Vulkan1', maxMemorySize: 1 },
    ] };
    assert.equal((await chooseDevice('vulkan', -1, async () => two)).device, 'Vulkan1');
    const cpuOnly: BuildReport = { devices: [{ backend: 'Vulkan', type: 'cpu', deviceName: 'Vulkan0', maxMemorySize: 1, description: 'llvmpipe' }] };
    await assert.rejects(chooseDevice('vulkan', -1, async () => cpuOnly), /--backend vulkan: .*finds no Vulkan GPU device/);
  });

  it('reads GPU names from what ggml prints and names a missing library', () => {
    const names = deviceNames('ggml_vulkan: Found 1 Vulkan devices:\nggml_vulkan: 0 = NVIDIA H200 (NVIDIA) | uma: 0 | fp16: 1 | matrix cores: NV_coopmat2\n  Device 0: NVIDIA H200, compute capability 9.0, VMM: yes\n');
    assert.deepEqual([...names], [['Vulkan0', 'NVIDIA H200'], ['CUDA0', 'NVIDIA H200']]);
    assert.equal(loadFailure(missingCudart.loadError!), 'cannot load: libcudart.so.12 is missing');
    assert.equal(loadFailure('something else\nmore'), 'cannot load: something else');
  });
});
