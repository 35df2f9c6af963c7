// GET {baseURL}/models for the extension: the one place it asks an HTTP
// endpoint which models it serves (endpoint resolution and Select Model).
import type { Failed } from '../../shared/outcome';

const PROBE_TIMEOUT_MS = 5000;

export async function fetchModelList(baseURL: string, apiKey: string): Promise<{ kind: 'ok'; models: string[] } | Failed> {
  try {
    const res = await fetch(`${baseURL}/models`, {
      headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    if (res.status === 401 || res.status === 403) return { kind: 'error', message: `it rejected the API key (HTTP ${res.status}); run "SVG Copilot: Set API Key"` };
    if (!res.ok) return { kind: 'error', message: `GET /models answered HTTP ${res.status}` };
    const body = (await res.json()) as { data?: { id?: unknown }[] };
    return { kind: 'ok', models: (body.data ?? []).map((m) => m.id).filter((id): id is string => typeof id === 'string') };
  } catch (e) {
    const cause = e instanceof Error && e.cause instanceof Error ? e.cause.message : '';
    const message = e instanceof Error ? (e.name === 'TimeoutError' ? `no answer within ${PROBE_TIMEOUT_MS / 1000} s` : cause || e.message) : String(e);
    return { kind: 'error', message };
  }
}
