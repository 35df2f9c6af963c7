// Endpoint options shared by `generate` and `critique`: where the model is,
// the API key (flag or SVG_COPILOT_API_KEY), the model name, timeouts, the
// critic kind and the prompt profile.
import { ModelClient } from '../core/model/client';
import { PROMPT_PROFILE_CHOICES, type PromptProfileChoice } from '../core/model/prompts';
import type { ParsedArgs, OptionSpec } from './args';
import { CliError, type CliIo } from './io';

export const ENDPOINT_OPTIONS: readonly OptionSpec[] = [
  { name: 'endpoint', type: 'string', valueName: 'URL', description: 'OpenAI-compatible base URL, e.g. http://127.0.0.1:8080/v1 (required)' },
  { name: 'api-key', type: 'string', valueName: 'KEY', description: 'API key (default: $SVG_COPILOT_API_KEY)' },
  { name: 'model', type: 'string', valueName: 'NAME', description: 'model name (default: the first the endpoint lists)' },
  { name: 'request-timeout', type: 'number', valueName: 'SECONDS', description: 'longest time one model request may take (default 300)' },
  { name: 'critic', type: 'string', valueName: 'auto|vision|text', description: 'critic kind (default auto: vision when the endpoint takes images)', choices: ['auto', 'vision', 'text'] },
  {
    name: 'prompts',
    type: 'string',
    valueName: 'auto|introsvg|generic',
    description: "prompt texts and sampling: introsvg (the released IntroSVG loop's, word for word) or generic (for general VLMs); default auto: introsvg when the model name contains \"introsvg\"",
    choices: PROMPT_PROFILE_CHOICES,
  },
];

/** Model output is untrusted: scripts, handlers and outside references are removed unless this is given. */
export const ALLOW_ACTIVE_CONTENT_OPTION: OptionSpec = {
  name: 'allow-active-content',
  type: 'boolean',
  description: 'keep scripts, event handlers and references outside the document that the model writes (default: removed, and listed on stderr)',
};

export function clientFromArgs(args: ParsedArgs, io: CliIo): ModelClient {
  const endpoint = args.options.endpoint as string | undefined;
  if (!endpoint) throw new CliError('--endpoint URL is required (the base URL of an OpenAI-compatible server)');
  try {
    const u = new URL(endpoint);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('not http');
  } catch {
    throw new CliError(`--endpoint must be an http(s) URL (got "${endpoint}")`);
  }
  const timeout = args.options['request-timeout'] as number | undefined;
  if (timeout !== undefined && !(timeout > 0 && timeout <= 86_400)) throw new CliError('--request-timeout must be between 0 and 86400 seconds');
  return new ModelClient({
    baseURL: endpoint,
    apiKey: (args.options['api-key'] as string | undefined) ?? io.env.SVG_COPILOT_API_KEY,
    model: args.options.model as string | undefined,
    ...(timeout !== undefined ? { timeoutMs: Math.round(timeout * 1000), idleTimeoutMs: Math.min(60_000, Math.round(timeout * 1000)) } : {}),
  });
}

export function promptsFromArgs(args: ParsedArgs): PromptProfileChoice {
  return (args.options.prompts as PromptProfileChoice | undefined) ?? 'auto';
}

export function criticFromArgs(args: ParsedArgs): 'auto' | 'vision' | 'text' {
  return (args.options.critic as 'auto' | 'vision' | 'text' | undefined) ?? 'auto';
}

/** An AbortSignal that fires on Ctrl-C / SIGTERM while `fn` runs, so the loop ends with what it has. */
export async function withInterrupt<T>(io: CliIo, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) return;
    io.stderr.write('\nsvg-copilot: stopping (keeping what exists so far)…\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await fn(controller.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
