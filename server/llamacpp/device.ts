// Which native build of llama.cpp runs the model, and on which device.
//
// The binding's own checks are not enough to choose: isLibVariantAvailable()
// swallows the load error (so a CUDA build that cannot find libcudart.so.12
// just reads "not available"), and a GPU build that loads but finds no GPU
// device runs on the CPU without a word. So each build is loaded in a child
// process, its load error kept and its device list read, before any model is
// resolved.
//
// "auto" takes, in order: a CUDA build that loads and sees a CUDA device; a
// Vulkan build that loads and sees a real GPU (ggml lists no CPU Vulkan device
// such as Mesa's lavapipe, so what it lists is a GPU); the CPU build.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';

export type Backend = 'auto' | 'cpu' | 'cuda' | 'vulkan';
export type Variant = 'default' | 'cuda' | 'vulkan';

export interface DeviceChoice {
  /** The binding's build ("default" is the CPU build). */
  variant: Variant;
  /** The device the model runs on, e.g. "Vulkan0: NVIDIA H200" or "CPU: AMD EPYC 9654". */
  device: string;
  /** Whether that device is a GPU (the layers named by gpuLayers go there). */
  gpu: boolean;
  /** Why this device: the request, or what "auto" found on the way. */
  reason: string;
}

/** The device asked for with --backend is not there; the message says why and what to do. */
export class DeviceUnavailableError extends Error {}

/** What ggml reports for one backend device (the binding's getBackendDevicesInfo()), plus its name where ggml printed one. */
export interface BackendDevice {
  backend: string;
  type: string;
  deviceName: string;
  maxMemorySize: number;
  metadata?: Record<string, unknown>;
  /** The GPU's name, e.g. "NVIDIA H200" (ggml prints it while listing devices; the list itself has only "Vulkan0"). */
  description?: string;
}

/** One build looked at: undefined loadError when its native module loads. */
export interface BuildReport {
  loadError?: string;
  devices: BackendDevice[];
}

/** How a build is looked at; the real one runs the binding's platform package in a child process. */
export type BuildProbe = (variant: 'cuda' | 'vulkan') => Promise<BuildReport>;

const PACKAGE_PREFIX = `@fugood/node-llama-${process.platform}-${process.arch}`;
const MARK = '@@device-probe ';

// Runs in a child: loads one build, lists its devices, prints one marked JSON line.
const PROBE_SCRIPT = `
const [bindingPath, variantPath, variant] = process.argv.slice(1);
const say = (r) => process.stdout.write(${JSON.stringify(MARK)} + JSON.stringify(r) + '\\n');
try { require(variantPath); } catch (err) { say({ loadError: String(err && err.message || err), devices: [] }); process.exit(0); }
require(bindingPath).getBackendDevicesInfo(variant).then((devices) => say({ devices }), (err) => say({ loadError: 'listing devices failed: ' + err.message, devices: [] }));
`;

/**
 * Looks at a build in a child process: a GPU driver that hangs or crashes while
 * listing devices cannot take the server with it, the server process loads only
 * the build it chose, and the device names ggml prints (to the native streams,
 * which the process cannot read from inside) are read from the child's output.
 */
export function bindingProbe(): BuildProbe {
  const bindingPath = require.resolve('@fugood/llama.node');
  const fromBinding = createRequire(bindingPath);
  return async (variant) => {
    let variantPath: string;
    try {
      variantPath = fromBinding.resolve(`${PACKAGE_PREFIX}-${variant}`);
    } catch {
      return { loadError: `not installed (${PACKAGE_PREFIX}-${variant})`, devices: [] };
    }
    const { stdout, stderr, error } = await new Promise<{ stdout: string; stderr: string; error?: Error }>((done) => {
      execFile(process.execPath, ['-e', PROBE_SCRIPT, bindingPath, variantPath, variant], { timeout: 60_000, maxBuffer: 4 << 20, env: process.env }, (err, out, errOut) => done({ stdout: out, stderr: errOut, error: err ?? undefined }));
    });
    const line = stdout.split('\n').find((l) => l.startsWith(MARK));
    if (!line) return { loadError: `the device probe failed: ${error?.message.split('\n')[0] ?? 'no answer'}`, devices: [] };
    const report = JSON.parse(line.slice(MARK.length)) as BuildReport;
    const names = deviceNames(`${stdout}\n${stderr}`);
    for (const d of report.devices) d.description ??= names.get(d.deviceName);
    return report;
  };
}

/** GPU names ggml prints while listing devices: "ggml_vulkan: 0 = NVIDIA H200 (NVIDIA) | …", "Device 0: NVIDIA H200, compute capability 9.0". */
export function deviceNames(log: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const m of log.matchAll(/^ggml_vulkan: (\d+) = ([^|\n]+?)(?: \([^)|]*\))? \|/gm)) names.set(`Vulkan${m[1]}`, m[2].trim());
  for (const m of log.matchAll(/^\s*Device (\d+): ([^,\n]+), compute capability/gm)) names.set(`CUDA${m[1]}`, m[2].trim());
  return names;
}

/** A dlopen error as a short reason that names the missing library when there is one. */
export function loadFailure(message: string): string {
  const missing = /([\w.+-]+\.so(?:\.\d+)*): cannot open shared object file/.exec(message);
  if (missing) return `cannot load: ${missing[1]} is missing`;
  return `cannot load: ${message.split('\n')[0]}`;
}

/** "Vulkan0: NVIDIA H200", from ggml's device name and the GPU's name where known. */
export function deviceLabel(d: BackendDevice): string {
  return d.description ? `${d.deviceName}: ${d.description}` : d.deviceName;
}

const isGpu = (d: BackendDevice) => d.type === 'gpu' || d.type === 'igpu';

function cpuLabel(): string {
  const model = cpus()[0]?.model?.trim();
  return model ? `CPU: ${model}` : 'CPU';
}

/** The first GPU the build sees for its own backend (discrete before integrated), or why there is none. */
async function gpuOf(reported: Promise<BuildReport>, variant: 'cuda' | 'vulkan'): Promise<{ device?: BackendDevice; why?: string }> {
  const report = await reported;
  if (report.loadError) return { why: /^(not installed|the device probe)/.test(report.loadError) ? report.loadError : loadFailure(report.loadError) };
  const backend = variant === 'cuda' ? 'CUDA' : 'Vulkan';
  const gpus = report.devices.filter((d) => d.backend.toLowerCase() === backend.toLowerCase() && isGpu(d));
  const device = gpus.find((d) => d.type === 'gpu') ?? gpus[0];
  if (device) return { device };
  return { why: `loads, but finds no ${backend} GPU device (only ${report.devices.map((d) => d.deviceName).join(', ') || 'nothing'})` };
}

const FIX: Record<'cuda' | 'vulkan', (why: string) => string> = {
  cuda: (why) => (/libcu[a-z]*\.so\.12/.test(why)
    ? 'install the CUDA 12 runtime (libcudart.so.12 and libcublas.so.12), or use --backend vulkan'
    : /not installed/.test(why)
      ? 'install it (npm install @fugood/node-llama-linux-x64-cuda), or use --backend vulkan'
      : 'check the NVIDIA driver, or use --backend vulkan'),
  vulkan: (why) => (/not installed/.test(why)
    ? 'install it (npm install @fugood/node-llama-linux-x64-vulkan), or use --backend cpu'
    : /libvulkan/.test(why)
      ? 'install the Vulkan loader (Debian/Ubuntu: libvulkan1) and the GPU driver\'s Vulkan driver, or use --backend cpu'
      : 'check the GPU driver and its Vulkan driver (ICD), or use --backend cpu'),
};

/**
 * Chooses the build and device. An explicit --backend that cannot run on a GPU
 * here throws DeviceUnavailableError at once; "auto" falls through to the next
 * choice and says why in the reason.
 */
export async function chooseDevice(backend: Backend, gpuLayers: number, probe: BuildProbe = bindingProbe()): Promise<DeviceChoice> {
  const cpu = (reason: string): DeviceChoice => ({ variant: 'default', device: cpuLabel(), gpu: false, reason });
  if (backend === 'cpu') return cpu('--backend cpu');
  if (gpuLayers === 0) return cpu('--gpu-layers 0');
  if (backend === 'cuda' || backend === 'vulkan') {
    const { device, why } = await gpuOf(probe(backend), backend);
    if (device) return { variant: backend, device: deviceLabel(device), gpu: true, reason: `--backend ${backend}` };
    const name = backend === 'cuda' ? 'CUDA' : 'Vulkan';
    throw new DeviceUnavailableError(`--backend ${backend}: the ${name} build of @fugood/llama.node ${why}; ${FIX[backend](why!)}`);
  }
  const skipped: string[] = [];
  // Both builds are looked at together (each probe is a process start); CUDA still wins when both have a GPU.
  const reports = { cuda: probe('cuda'), vulkan: probe('vulkan') };
  for (const variant of ['cuda', 'vulkan'] as const) {
    const { device, why } = await gpuOf(reports[variant], variant);
    const name = variant === 'cuda' ? 'CUDA' : 'Vulkan';
    if (device) return { variant, device: deviceLabel(device), gpu: true, reason: `auto: ${[...skipped, `${name} build sees this GPU`].join('; ')}` };
    skipped.push(`${name} build ${why}${why!.startsWith('not installed') ? '' : ` [${FIX[variant](why!)}]`}`);
  }
  return cpu(`auto: no GPU here: ${skipped.join('; ')}`);
}
