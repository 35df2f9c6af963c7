// svgo with a preset that is safe to apply to someone's source file: the
// default optimizations, minus renaming ids (a referenced id may also be used
// from outside the file — CSS, scripts, sprite <use>), plus removal of active
// content, which svgo's default preset keeps. This module runs inside the
// isolated worker (src/core/render/worker.ts); callers reach it through
// WorkerPool.optimize, never in their own process: svgo can overflow its stack
// on deep nesting and run for minutes on huge paths.
import type { Config, CustomPlugin } from 'svgo';
import { expandInternalEntities } from './render/entities';
import type { OptimizeOptions, OptimizeResult } from './render/types';

// Loaded through require() so bundlers pick svgo's CommonJS build: its ESM
// build reads data files via import.meta.url, which a CommonJS bundle lacks.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { optimize } = require('svgo') as typeof import('svgo');

export const DEFAULT_FLOAT_PRECISION = 3;

/** svgo needs ~10 s per million elements here; past this count the answer is a quick refusal instead of a timeout. */
export const MAX_OPTIMIZE_ELEMENTS = 200_000;

interface XastElementLike {
  type: 'element';
  name: string;
  attributes: Record<string, string>;
  children: unknown[];
}

/** <foreignObject> embeds HTML (and with it, scripts and event handlers); nothing of it survives. */
const removeForeignObjects: CustomPlugin = {
  name: 'removeForeignObjects',
  fn: () => ({
    element: {
      enter: (node, parent) => {
        if (node.name === 'foreignObject' || node.name.endsWith(':foreignObject')) {
          parent.children = parent.children.filter((c) => c !== node);
        }
      },
    },
  }),
};

/** javascript: URLs in any href, and on* handlers anywhere (removeScripts only knows the SVG event list). */
const removeScriptUrlsAndHandlers: CustomPlugin = {
  name: 'removeScriptUrlsAndHandlers',
  fn: () => ({
    element: {
      enter: (node) => {
        const el = node as unknown as XastElementLike;
        for (const [name, value] of Object.entries(el.attributes)) {
          const local = name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
          if (/^on/i.test(local) || (/href$/i.test(local) && /^\s*javascript:/i.test(value.replace(/[\s\u0000-\u001f]/g, '')))) {
            delete el.attributes[name];
          }
        }
      },
    },
  }),
};

export function safePreset(options: OptimizeOptions = {}): Config {
  return {
    multipass: options.multipass ?? true,
    floatPrecision: options.floatPrecision ?? DEFAULT_FLOAT_PRECISION,
    plugins: [
      {
        name: 'preset-default',
        params: {
          overrides: {
            // Keep referenced ids exactly as written; unreferenced ones may go.
            cleanupIds: { minify: false },
          },
        },
      },
      'removeScripts',
      removeScriptUrlsAndHandlers,
      removeForeignObjects,
    ],
  };
}

/** Runs svgo in the current process. Only the render worker calls this. */
export function optimizeInProcess(svg: string, options: OptimizeOptions = {}): OptimizeResult {
  const t0 = performance.now();
  const fail = (error: string): OptimizeResult => ({ ok: false, kind: 'invalid', error, ms: performance.now() - t0 });
  const precision = options.floatPrecision;
  if (precision !== undefined && !(Number.isInteger(precision) && precision >= 0 && precision <= 20)) {
    return fail(`floatPrecision must be an integer from 0 to 20 (got ${precision})`);
  }
  const expanded = expandInternalEntities(svg);
  if (!expanded.ok) return fail(expanded.error);
  let tags = 0;
  for (let i = expanded.text.indexOf('<'); i >= 0; i = expanded.text.indexOf('<', i + 1)) {
    if (++tags > MAX_OPTIMIZE_ELEMENTS) return fail(`more than ${MAX_OPTIMIZE_ELEMENTS.toLocaleString('en-US')} tags: too many elements to optimize`);
  }
  try {
    const out = optimize(expanded.text, safePreset(options)).data;
    return {
      ok: true,
      svg: out,
      bytesBefore: Buffer.byteLength(svg, 'utf8'),
      bytesAfter: Buffer.byteLength(out, 'utf8'),
      ms: performance.now() - t0,
    };
  } catch (e) {
    if (e instanceof RangeError && /call stack/i.test(e.message)) return fail('elements are nested too deeply to optimize');
    return fail(`cannot optimize: ${oneLine(e)}`);
  }
}

function oneLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 2).join(' — ').slice(0, 300);
}
