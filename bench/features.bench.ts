// Editor-feature latencies, measured on the extension's own code in plain Node
// through its pure content builders (no stand-in for the vscode module, so VS
// Code's own IPC is not included; activation is timed in the real extension
// host by activation-host.bench.ts):
//   diagnostics: lint + diagnostic content of a ~100 KB SVG after an edit,
//     against linting the same text alone;
//   hover: on a path segment of icon-sized files, text only and with the
//     thumbnail, against parsing the icon alone.
import { providerRows } from './featureProviders';
import type { BenchRow } from './types';

export async function run(): Promise<BenchRow[]> {
  return providerRows();
}
