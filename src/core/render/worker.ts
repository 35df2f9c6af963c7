// Entry of the isolated render/optimize process (bundled as dist/render-worker.js
// and started by WorkerPool). It answers one job at a time, in order, over IPC. Anything
// that can take the process down — a native abort in resvg, running out of
// memory, a job that never ends — only ends this process; the pool sees it and
// reports the job as failed.
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { optimizeInProcess } from '../optimize';
import { analyzeInProcess, explainInProcess } from './analyze';
import { expandInternalEntities } from './entities';
import { chooseFonts, type FontChoice } from './fonts';
import { applyHighlight, DEFAULT_HIGHLIGHT_STYLE } from './highlight';
import { measureInk } from './ink';
import { neutralizeExternalReferences } from './neutralize';
import { checkSizeOptions, fitFor, intrinsicFromRootTag, zoomOf, type Intrinsic } from './size';
import type { JobResult, RenderOptions, RenderResult, WorkerReply, WorkerRequest } from './types';

let fonts: FontChoice | undefined;
const TEXT_ELEMENT = /<(?:[\w.-]+:)?(?:text|tspan|textPath)\b/;

function fontOptions(svg: string): ResvgRenderOptions['font'] {
  if (!TEXT_ELEMENT.test(svg)) return { loadSystemFonts: false };
  fonts ??= chooseFonts();
  return {
    loadSystemFonts: false,
    fontFiles: fonts.files,
    defaultFontFamily: fonts.sansSerif ?? fonts.serif ?? fonts.monospace ?? '',
    ...(fonts.sansSerif ? { sansSerifFamily: fonts.sansSerif } : {}),
    ...(fonts.serif ? { serifFamily: fonts.serif } : {}),
    ...(fonts.monospace ? { monospaceFamily: fonts.monospace } : {}),
  };
}

function firstLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return (msg.split('\n').find((l) => l.trim()) ?? 'unknown error').trim().slice(0, 300);
}

export function renderInProcess(svg: string, options: RenderOptions): RenderResult {
  const t0 = performance.now();
  const fail = (error: string): RenderResult => ({ ok: false, kind: 'invalid', error, ms: performance.now() - t0 });
  const sizeError = checkSizeOptions(options);
  if (sizeError) return fail(sizeError);

  // Highlight offsets refer to the text as given, so it is applied before anything rewrites it.
  let text = svg;
  let intrinsic: Intrinsic | undefined = intrinsicFromRootTag(svg);
  if (options.highlight) {
    const size = intrinsic ?? probeUntrusted(svg);
    if (!size) return fail('not a renderable SVG document');
    const fit = fitFor(size, options);
    const unitsToPx = intrinsic?.viewBox ? Math.min(size.width / intrinsic.viewBox.width, size.height / intrinsic.viewBox.height) : 1;
    const opaque = options.background && options.background !== 'transparent';
    const hl = applyHighlight(svg, options.highlight, {
      ...DEFAULT_HIGHLIGHT_STYLE,
      pixelsPerUnit: zoomOf(size, fit) * unitsToPx,
      ...(opaque ? { dim: options.background! } : {}),
    });
    if (!hl.ok) return fail(hl.error);
    text = hl.svg;
  }

  const expanded = expandInternalEntities(text);
  if (!expanded.ok) return fail(expanded.error);
  const safe = neutralizeExternalReferences(expanded.text);
  text = safe.svg;
  if (expanded.expansions > 0 || !intrinsic) intrinsic = intrinsicFromRootTag(text);

  try {
    const size = intrinsic ?? probe(text, true);
    if (!size) return fail('not a renderable SVG document');
    const background = options.background && options.background !== 'transparent' ? options.background : undefined;
    const fitTo = fitFor(size, options);
    const canvas = options.letterbox ? letterboxSize(options) : undefined;
    const padded = canvas !== undefined && !fillsCanvas(size, fitTo, canvas);
    const resvg = new Resvg(text, {
      fitTo,
      font: fontOptions(text),
      logLevel: 'off',
      // A drawing that needs padding is rendered clear; the padding and the background come with it below.
      ...(background && !padded ? { background } : {}),
    });
    let image = resvg.render();
    if (padded) image = centerOn(image, canvas, background);
    const ink = options.measureInk ? measureInk(image.pixels, image.width, image.height, backgroundPixel(background)) : undefined;
    const png = image.asPng();
    return { ok: true, png, width: image.width, height: image.height, ms: performance.now() - t0, blockedReferences: safe.blocked, ...(ink ? { ink } : {}) };
  } catch (e) {
    if (options.background && !isColor(options.background)) return fail(`background "${options.background}" is not a CSS color`);
    return fail(`not a renderable SVG: ${firstLine(e)}`);
  }
}

/** The exact output size a letterboxed render has: size × size, or width × height. */
function letterboxSize(options: RenderOptions): { width: number; height: number } | undefined {
  if (options.size !== undefined) return { width: options.size, height: options.size };
  if (options.width !== undefined && options.height !== undefined) return { width: options.width, height: options.height };
  return undefined;
}

/** Whether the fitted drawing already is canvas-sized (resvg rounds the output size to whole pixels). */
function fillsCanvas(size: { width: number; height: number }, fitTo: ReturnType<typeof fitFor>, canvas: { width: number; height: number }): boolean {
  const zoom = zoomOf(size, fitTo);
  return Math.round(size.width * zoom) === canvas.width && Math.round(size.height * zoom) === canvas.height;
}

/**
 * The rendered drawing centred on a canvas of exactly `canvas` pixels over the
 * background, as cairosvg draws a document asked for an output width and
 * height (the IntroSVG critic's renders). resvg draws the already-rendered
 * pixels at 1:1 and whole-pixel offsets, so they are not resampled.
 */
function centerOn(image: ReturnType<Resvg['render']>, canvas: { width: number; height: number }, background: string | undefined): ReturnType<Resvg['render']> {
  const x = Math.floor((canvas.width - image.width) / 2);
  const y = Math.floor((canvas.height - image.height) / 2);
  const href = `data:image/png;base64,${image.asPng().toString('base64')}`;
  const page = `<svg xmlns="http://www.w3.org/2000/svg" width="${canvas.width}" height="${canvas.height}"><image x="${x}" y="${y}" width="${image.width}" height="${image.height}" image-rendering="optimizeSpeed" href="${href}"/></svg>`;
  return new Resvg(page, { logLevel: 'off', font: { loadSystemFonts: false }, ...(background ? { background } : {}) }).render();
}

const backgroundPixels = new Map<string, Uint8Array>();

/** The RGBA resvg fills an empty canvas with for this background (transparent: all zero). */
function backgroundPixel(background: string | undefined): Uint8Array {
  if (!background) return new Uint8Array(4);
  let pixel = backgroundPixels.get(background);
  if (!pixel) {
    const empty = new Resvg('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>', { background, logLevel: 'off', font: { loadSystemFonts: false } });
    pixel = new Uint8Array(empty.render().pixels.subarray(0, 4));
    if (backgroundPixels.size > 64) backgroundPixels.clear();
    backgroundPixels.set(background, pixel);
  }
  return pixel;
}

function isColor(background: string): boolean {
  try {
    new Resvg('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>', { background, logLevel: 'off', font: { loadSystemFonts: false } }).render();
    return true;
  } catch {
    return false;
  }
}

/** probe() for text that has not been made safe yet. */
function probeUntrusted(svg: string): { width: number; height: number } | undefined {
  const expanded = expandInternalEntities(svg);
  return expanded.ok ? probe(neutralizeExternalReferences(expanded.text).svg) : undefined;
}

/** Intrinsic size as resvg resolves it (units, percentages); undefined when the text does not parse. */
function probe(svg: string, rethrow = false): { width: number; height: number } | undefined {
  try {
    const r = new Resvg(svg, { font: { loadSystemFonts: false }, logLevel: 'off' });
    return { width: r.width, height: r.height };
  } catch (e) {
    if (rethrow) throw e;
    return undefined;
  }
}

function handle(req: WorkerRequest): WorkerReply {
  try {
    let result: JobResult;
    switch (req.job) {
      case 'render': result = renderInProcess(req.svg, req.options); break;
      case 'optimize': result = optimizeInProcess(req.svg, req.options); break;
      case 'analyze': result = analyzeInProcess(req.svg, req.options); break;
      case 'explain': result = explainInProcess(req.svg, req.options.offset); break;
    }
    return { id: req.id, result };
  } catch (e) {
    return { id: req.id, result: { ok: false, kind: 'invalid', error: firstLine(e), ms: 0 } };
  }
}

// The pool may send the next request before this one is answered. It starts
// that job's time limit when the reply arrives, so a job starts only once the
// previous reply has been written out: a large PNG would otherwise wait in the
// pipe behind the next render and count against the wrong job's limit.
const pending: WorkerRequest[] = [];
let busy = false;

function runNext(): void {
  const req = pending.shift();
  if (!req) {
    busy = false;
    return;
  }
  busy = true;
  process.send!(handle(req), undefined, undefined, () => runNext());
}

if (typeof process.send === 'function') {
  process.on('message', (req: WorkerRequest) => {
    pending.push(req);
    if (!busy) runNext();
  });
  // The pool owns this process: when it goes away, so do we.
  process.on('disconnect', () => process.exit(0));
  // Job time limits start now, not while modules were still loading.
  process.send({ ready: true });
}
