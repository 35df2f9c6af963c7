// The one line the bundled server prints on stdout once it serves requests,
// and how the extension reads it back. Both sides import this file, so the
// format is a contract in code rather than a convention.

export interface ReadyLine {
  /** OpenAI base URL, e.g. http://127.0.0.1:PORT/v1; null for a headless vLLM worker. */
  url: string | null;
  model: string;
  headless?: boolean;
}

/** The ready line as printed (without the trailing newline). */
export function formatReadyLine(ready: ReadyLine): string {
  return JSON.stringify(ready.headless ? { url: ready.url, model: ready.model, headless: true } : { url: ready.url, model: ready.model });
}

/** The served URL and model, or undefined when the line is not a ready line with a URL. */
export function parseReadyLine(line: string): { url: string; model: string } | undefined {
  let value: unknown;
  try { value = JSON.parse(line); } catch { return undefined; }
  if (typeof value !== 'object' || value === null) return undefined;
  const { url, model } = value as { url?: unknown; model?: unknown };
  return typeof url === 'string' && typeof model === 'string' ? { url, model } : undefined;
}
