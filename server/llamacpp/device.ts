// Which native build of llama.cpp runs the model, and on which device.
//
// The binding's own checks are not enough to choose: isLibVariantAvailable()
// swallows the load error (so a CUDA build that cannot find libcudart.so.12
// just reads "not available"), and a GPU build that loads but finds no GPU
// device runs on the CPU without a word. So each build is loaded here, its load
// error kept, and its device list read, before any model is resolved.
//
// "auto" takes, in order: a CUDA build that loads and sees a CUDA device; a
// Vulkan build that loads and sees a real GPU (ggml lists no CPU Vulkan device
// such as Mesa's lavapipe, so what it lists is a GPU); the CPU build.
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

/** What ggml reports for one backend device (the binding's getBackendDevicesInfo()). */
export interface BackendDevice {
  backend: string;
  type: string;
  deviceName: string;
  maxMemorySize: number;
  metadata?: Record<string, unknown>;
}

/** How a build is looked at; the real one loads the binding's platform packages. */
export interface BuildProbe {
  /** Loads the build's native module: undefined when it loads, else why not. */
  load(variant: 'cuda' | 'vulkan'): string | undefined;
  /** The devices the (loaded) build sees. */
  devices(variant: Variant): Promise<BackendDevice[]>;
}

const PACKAGE_PREFIX = `@fugood/node-llama-${process.platform}-${process.arch}`;

/** The binding's platform packages, resolved from the binding itself as it does. */
export function bindingProbe(): BuildProbe {
  const fromBinding = createRequire(require.resolve('@fugood/llama.node'));
  return {
    load(variant) {
      const name = `${PACKAGE_PREFIX}-${variant}`;
      let path: string;
      try {
        path = fromBinding.resolve(name);
      } catch {
        return `not installed (${name})`;
      }
      try {
        fromBinding(path);
        return undefined;
      } catch (err) {
        return loadFailure(err);
      }
    },
    async devices(variant) {
      const binding: typeof import('@fugood/llama.node') = await import('@fugood/llama.node');
      return binding.getBackendDevicesInfo(variant);
    },
  };
}

/** A dlopen error as a short reason that names the missing library when there is one. */
export function loadFailure(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const missing = /([\w.+-]+\.so(?:\.\d+)*): cannot open shared object file/.exec(message);
  if (missing) return `cannot load: ${missing[1]} is missing`;
  return `cannot load: ${message.split('\n')[0]}`;
}

/** "Vulkan0: NVIDIA H200", from ggml's device name and, where it gives one, its description. */
export function deviceLabel(d: BackendDevice): string {
  const m = d.metadata ?? {};
  const description = [m.description, m.deviceDescription, m.name].find((v): v is string => typeof v === 'string' && v.trim() !== '' && v !== d.deviceName);
  return description ? `${d.deviceName}: ${description.trim()}` : d.deviceName;
}

const isGpu = (d: BackendDevice) => d.type === 'gpu' || d.type === 'igpu';

function cpuLabel(): string {
  const model = cpus()[0]?.model?.trim();
  return model ? `CPU: ${model}` : 'CPU';
}

/** The first GPU the build sees for its own backend (discrete before integrated), or why there is none. */
async function gpuOf(probe: BuildProbe, variant: 'cuda' | 'vulkan'): Promise<{ device?: BackendDevice; why?: string }> {
  const loadError = probe.load(variant);
  if (loadError) return { why: loadError };
  const backend = variant === 'cuda' ? 'CUDA' : 'Vulkan';
  let devices: BackendDevice[];
  try {
    devices = await probe.devices(variant);
  } catch (err) {
    return { why: `loads, but listing its devices failed: ${(err as Error).message}` };
  }
  const gpus = devices.filter((d) => d.backend.toLowerCase() === backend.toLowerCase() && isGpu(d));
  const device = gpus.find((d) => d.type === 'gpu') ?? gpus[0];
  if (device) return { device };
  return { why: `loads, but finds no ${backend} GPU device (only ${devices.map((d) => d.deviceName).join(', ') || 'nothing'})` };
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
    const { device, why } = await gpuOf(probe, backend);
    if (device) return { variant: backend, device: deviceLabel(device), gpu: true, reason: `--backend ${backend}` };
    const name = backend === 'cuda' ? 'CUDA' : 'Vulkan';
    throw new DeviceUnavailableError(`--backend ${backend}: the ${name} build of @fugood/llama.node ${why}; ${FIX[backend](why!)}`);
  }
  const skipped: string[] = [];
  for (const variant of ['cuda', 'vulkan'] as const) {
    const { device, why } = await gpuOf(probe, variant);
    const name = variant === 'cuda' ? 'CUDA' : 'Vulkan';
    if (device) return { variant, device: deviceLabel(device), gpu: true, reason: `auto: ${[...skipped, `${name} build sees this GPU`].join('; ')}` };
    skipped.push(`${name} build ${why}${why!.startsWith('not installed') ? '' : ` [${FIX[variant](why!)}]`}`);
  }
  return cpu(`auto: no GPU here: ${skipped.join('; ')}`);
}
