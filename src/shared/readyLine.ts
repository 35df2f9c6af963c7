// The one line the bundled server prints on stdout once it serves requests,
// and how the extension reads it back. Both sides import this file, so the
// format is a contract in code rather than a convention.

export interface ReadyLine {
  /** OpenAI base URL, e.g. http://127.0.0.1:PORT/v1; null for a headless vLLM worker. */
  url: string | null;
  model: string;
  headless?: boolean;
  /** The device the model runs on, e.g. "Vulkan0: NVIDIA H200", and why it was chosen (the llamacpp engine says). */
  device?: string;
  deviceReason?: string;
}

/** What the extension reads from a ready line with a URL. */
export interface ServedModel {
  url: string;
  model: string;
  device?: string;
  deviceReason?: string;
}

/** The ready line as printed (without the trailing newline). */
export function formatReadyLine(ready: ReadyLine): string {
  const device = ready.device ? { device: ready.device, ...(ready.deviceReason ? { deviceReason: ready.deviceReason } : {}) } : {};
  return JSON.stringify(ready.headless ? { url: ready.url, model: ready.model, headless: true } : { url: ready.url, model: ready.model, ...device });
}

/** The served URL and model (and device, where the line names one), or undefined when the line is not a ready line with a URL. */
export function parseReadyLine(line: string): ServedModel | undefined {
  let value: unknown;
  try { value = JSON.parse(line); } catch { return undefined; }
  if (typeof value !== 'object' || value === null) return undefined;
  const { url, model, device, deviceReason } = value as { url?: unknown; model?: unknown; device?: unknown; deviceReason?: unknown };
  if (typeof url !== 'string' || typeof model !== 'string') return undefined;
  // Shown in a tooltip and a log line: short text only.
  const text = (v: unknown) => (typeof v === 'string' && v ? v.slice(0, 300) : undefined);
  const d = text(device);
  const why = d ? text(deviceReason) : undefined;
  return { url, model, ...(d ? { device: d } : {}), ...(why ? { deviceReason: why } : {}) };
}
