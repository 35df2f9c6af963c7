// What an endpoint can do, found by tiny probe requests (a few tokens each)
// and cached per endpoint + model, since servers rarely advertise it and
// silently ignoring an unknown field is common.
import type { Capabilities, ChatClient } from './chatClient';
import { findJson } from './critique';
import { cancelled, type ModelResult } from './result';

export type { Capabilities } from './chatClient';

/** Body fields that ask the bundled server to constrain output to well-formed SVG. */
export const SVG_GRAMMAR_BODY: Readonly<Record<string, unknown>> = { svg_grammar: true };

/** A 2×2 white PNG: the smallest image that exercises the vision path. */
const PROBE_IMAGE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAEElEQVR4nGP8DwQMQABnAABX1Qf7aYiKPAAAAABJRU5ErkJggg==';

const PROBE_SCHEMA = {
  type: 'object',
  properties: { ok: { type: 'boolean' } },
  required: ['ok'],
  additionalProperties: false,
};

/** Probe results per endpoint + model, shared by everything that talks to that endpoint. */
export class CapabilityCache {
  private readonly entries = new Map<string, Promise<ModelResult<{ capabilities: Capabilities }>>>();

  get(client: ChatClient, model: string, signal?: AbortSignal): Promise<ModelResult<{ capabilities: Capabilities }>> {
    const key = `${client.endpointName}\n${model}`;
    let entry = this.entries.get(key);
    if (!entry) {
      entry = probeCapabilities(client, signal);
      this.entries.set(key, entry);
      // Failed or cancelled probes are not remembered: the next call probes again.
      void entry.then((r) => {
        if (!r.ok && this.entries.get(key) === entry) this.entries.delete(key);
      });
    }
    return entry;
  }

  /** Records known capabilities (e.g. from settings) without probing. */
  set(client: ChatClient, model: string, capabilities: Capabilities): void {
    this.entries.set(`${client.endpointName}\n${model}`, Promise.resolve({ ok: true, capabilities }));
  }

  clear(): void {
    this.entries.clear();
  }
}

export const sharedCapabilityCache = new CapabilityCache();

/** Capabilities of the client's endpoint and model, probed once per process. */
export async function capabilitiesOf(client: ChatClient, signal?: AbortSignal, cache = sharedCapabilityCache): Promise<ModelResult<{ capabilities: Capabilities }>> {
  if (client.knownCapabilities) return { ok: true, capabilities: client.knownCapabilities };
  const model = await client.resolveModel(signal);
  if (!model.ok) return model;
  return cache.get(client, model.model, signal);
}

async function probeCapabilities(client: ChatClient, signal?: AbortSignal): Promise<ModelResult<{ capabilities: Capabilities }>> {
  const question = 'Reply with one word.';
  // Probes run one after another: a small server with a short queue would
  // answer a burst with 429, which must not read as "unsupported".
  const ask = (n: number) => client.chat({ messages: [{ role: 'user', content: question }], maxTokens: 1, temperature: 0, n }, { signal, timeoutMs: 60_000 });
  let plain = await ask(2);
  // Some servers refuse `n` outright rather than ignoring it.
  if (!plain.ok && plain.kind === 'error' && plain.reason === 'http' && (plain.status === 400 || plain.status === 422)) plain = await ask(1);
  if (!plain.ok) return plain;
  const multipleChoices = plain.texts.length >= 2;

  const withImage = await client.chat(
    {
      messages: [{ role: 'user', content: [{ type: 'text', text: question }, { type: 'image_url', image_url: { url: PROBE_IMAGE } }] }],
      maxTokens: 1,
      temperature: 0,
    },
    { signal, timeoutMs: 60_000 },
  );
  if (!withImage.ok && withImage.kind === 'cancelled') return cancelled();
  // A server that drops images it cannot see answers fine but with no more prompt tokens.
  const images = withImage.ok && (withImage.promptTokens === 0 || plain.promptTokens === 0 || withImage.promptTokens > plain.promptTokens);

  const json = await client.chat(
    { messages: [{ role: 'user', content: 'Is the sky blue? Answer in JSON.' }], maxTokens: 200, temperature: 0, jsonSchema: { name: 'probe', schema: PROBE_SCHEMA } },
    { signal, timeoutMs: 60_000 },
  );
  if (!json.ok && json.kind === 'cancelled') return cancelled();
  const probeAnswer = json.ok ? findJson(json.texts[0])?.value : undefined;
  const jsonSchema = typeof (probeAnswer as { ok?: unknown } | undefined)?.ok === 'boolean';

  const grammar = await client.chat(
    { messages: [{ role: 'user', content: 'Say hello.' }], maxTokens: 8, temperature: 0, extraBody: { ...SVG_GRAMMAR_BODY } },
    { signal, timeoutMs: 60_000 },
  );
  if (!grammar.ok && grammar.kind === 'cancelled') return cancelled();
  const svgGrammar = grammar.ok && /^\s*<svg/i.test(grammar.texts[0]);

  return { ok: true, capabilities: { images, jsonSchema, svgGrammar, multipleChoices } };
}
