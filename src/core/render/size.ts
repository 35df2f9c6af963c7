// Output size for a render. resvg-js fixes the scale when the Resvg instance is
// built (fitTo), so the intrinsic size must be known first; reading it from
// the root start tag avoids parsing the document twice, which would double the
// cost of an icon render.
import { MAX_OUTPUT_SIDE, type RenderOptions } from './types';

export type FitTo = { mode: 'original' } | { mode: 'width'; value: number } | { mode: 'height'; value: number } | { mode: 'zoom'; value: number };

export interface Intrinsic {
  width: number;
  height: number;
  /** viewBox width/height when present: user units across the viewport. */
  viewBox?: { width: number; height: number };
}

const NUMBER = /^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(px)?\s*$/;

/** Intrinsic size from the root <svg> start tag, or undefined when it needs resvg's full resolution (units, percentages). */
export function intrinsicFromRootTag(svg: string): Intrinsic | undefined {
  const open = /<(?:[\w.-]+:)?svg\b([^>]*)>/.exec(svg.length > 65_536 ? svg.slice(0, 65_536) : svg);
  if (!open) return undefined;
  const attrs = open[1];
  const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs)?.slice(1).find((v) => v !== undefined);
  const num = (v: string | undefined) => {
    const m = v === undefined ? null : NUMBER.exec(v);
    const n = m ? Number(m[1]) : NaN;
    return n > 0 && Number.isFinite(n) ? n : undefined;
  };
  const vbParts = attr('viewBox')?.trim().split(/[\s,]+/).map(Number);
  const viewBox = vbParts && vbParts.length === 4 && vbParts[2] > 0 && vbParts[3] > 0 && vbParts.every(Number.isFinite)
    ? { width: vbParts[2], height: vbParts[3] } : undefined;
  const wRaw = attr('width');
  const hRaw = attr('height');
  let w = num(wRaw);
  let h = num(hRaw);
  if ((wRaw !== undefined && w === undefined) || (hRaw !== undefined && h === undefined)) return undefined;
  if (w === undefined && h === undefined) {
    if (!viewBox) return undefined;
    return { width: viewBox.width, height: viewBox.height, viewBox };
  }
  if (w === undefined || h === undefined) {
    if (!viewBox) return undefined;
    if (w === undefined) w = (h! * viewBox.width) / viewBox.height;
    else h = (w * viewBox.height) / viewBox.width;
  }
  return { width: w, height: h!, viewBox };
}

export type FitResult = { ok: true; fitTo: FitTo } | { ok: false; error: string };

export function checkSizeOptions(o: RenderOptions): string | undefined {
  for (const key of ['size', 'width', 'height'] as const) {
    const v = o[key];
    if (v !== undefined && !(Number.isInteger(v) && v >= 1 && v <= MAX_OUTPUT_SIDE)) {
      return `${key} must be a whole number of pixels from 1 to ${MAX_OUTPUT_SIDE} (got ${v})`;
    }
  }
  return undefined;
}

/** How resvg should scale a document of the given intrinsic size to honour the options. */
export function fitFor(intrinsic: { width: number; height: number }, o: RenderOptions): FitTo {
  const { width: w, height: h } = intrinsic;
  const landscape = w >= h;
  if (o.size !== undefined) return landscape ? { mode: 'width', value: o.size } : { mode: 'height', value: o.size };
  if (o.width !== undefined && o.height !== undefined) {
    return o.width / w <= o.height / h ? { mode: 'width', value: o.width } : { mode: 'height', value: o.height };
  }
  if (o.width !== undefined) return { mode: 'width', value: o.width };
  if (o.height !== undefined) return { mode: 'height', value: o.height };
  if (Math.max(w, h) > MAX_OUTPUT_SIDE) return landscape ? { mode: 'width', value: MAX_OUTPUT_SIDE } : { mode: 'height', value: MAX_OUTPUT_SIDE };
  return { mode: 'original' };
}

/** Output pixels per intrinsic pixel for a fit. */
export function zoomOf(intrinsic: { width: number; height: number }, fit: FitTo): number {
  switch (fit.mode) {
    case 'original': return 1;
    case 'width': return fit.value / intrinsic.width;
    case 'height': return fit.value / intrinsic.height;
    case 'zoom': return fit.value;
  }
}
