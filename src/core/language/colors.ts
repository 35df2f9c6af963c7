// Colours for the editor's colour decorators and picker: in fill, stroke,
// stop-color, flood-color, lighting-color and color attributes, in style
// attributes and in <style> sheets; written as hex, rgb()/rgba(),
// hsl()/hsla() or a CSS named colour. The picker's first presentation keeps
// the notation (and its details: case, short hex, commas) of the value edited.
import colorNames from 'color-name';
import { parseStyle } from '../lint/values/style';
import { forEachElement } from '../svg/query';
import type { Range, SvgElement } from '../svg/types';
import { scanStyleSheet } from './css';
import { type SvgRegion, type TextEdit, toHost, toLocal } from './region';
import { isStyleElement, styleSheets } from './styleText';

/** Channels 0–1, as VS Code's Color. */
export interface Rgba {
  red: number;
  green: number;
  blue: number;
  alpha: number;
}

export type ColorNotation = 'hex' | 'rgb' | 'hsl' | 'named';

export interface ColorInfo {
  /** Host range of the colour as written. */
  range: Range;
  color: Rgba;
  notation: ColorNotation;
}

export interface ColorPresentation {
  label: string;
  textEdit: TextEdit;
}

/** Properties whose value is (or, for paint, may hold) a colour. */
const COLOR_PROPERTIES = new Set(['fill', 'stroke', 'stop-color', 'flood-color', 'lighting-color', 'color', 'background-color', 'border-color', 'outline-color']);

const NAMES = new Map<string, readonly number[]>(Object.entries(colorNames as Record<string, readonly number[]>));

const HEX = /^#([0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})(?![\w-])/;
const FUNCTION = /^(rgba?|hsla?)\(([^()]*)\)/i;
const IDENT = /^[A-Za-z][\w-]*/;

function clamp01(v: number): number {
  return Math.min(1, Math.max(0, v));
}

/** A number, percentage or angle of a colour function; undefined when malformed. */
function channel(s: string, scale: number): number | undefined {
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)(%|deg|grad|rad|turn)?$/i.exec(s.trim());
  if (!m) return undefined;
  const v = Number(m[1]);
  switch (m[2]?.toLowerCase()) {
    case '%': return v / 100;
    case 'grad': return (v * 0.9) / 360;
    case 'rad': return (v * 180) / Math.PI / 360;
    case 'turn': return v;
    case 'deg': return v / 360;
    default: return v / scale;
  }
}

function hslToRgb(h: number, s: number, l: number): [number, number, number] {
  const hue = ((h % 1) + 1) % 1;
  const f = (n: number): number => {
    const k = (n + hue * 12) % 12;
    return l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k - 3, 9 - k, 1));
  };
  return [f(0), f(8), f(4)];
}

/** Parses one colour at the start of s: its length and value, or undefined. */
export function parseColorAt(s: string): { length: number; color: Rgba; notation: ColorNotation } | undefined {
  const hex = HEX.exec(s);
  if (hex) {
    let h = hex[1];
    if (h.length <= 4) h = [...h].map((c) => c + c).join('');
    const n = (i: number): number => parseInt(h.slice(i, i + 2), 16) / 255;
    return { length: hex[0].length, color: { red: n(0), green: n(2), blue: n(4), alpha: h.length === 8 ? n(6) : 1 }, notation: 'hex' };
  }
  const fn = FUNCTION.exec(s);
  if (fn) {
    const name = fn[1].toLowerCase();
    const body = fn[2].trim();
    let parts: string[];
    let alphaPart: string | undefined;
    if (body.includes(',')) {
      parts = body.split(',');
      if (parts.length === 4) alphaPart = parts.pop();
    } else {
      const [main, alpha] = body.split('/');
      parts = main.trim().split(/\s+/);
      alphaPart = alpha;
    }
    if (parts.length !== 3) return undefined;
    const alpha = alphaPart === undefined ? 1 : channel(alphaPart, 1);
    if (alpha === undefined) return undefined;
    if (name.startsWith('rgb')) {
      const [r, g, b] = parts.map((p) => channel(p, 255));
      if (r === undefined || g === undefined || b === undefined) return undefined;
      return { length: fn[0].length, color: { red: clamp01(r), green: clamp01(g), blue: clamp01(b), alpha: clamp01(alpha) }, notation: 'rgb' };
    }
    const h = channel(parts[0], 360);
    const sat = channel(parts[1], 100);
    const light = channel(parts[2], 100);
    if (h === undefined || sat === undefined || light === undefined) return undefined;
    const [r, g, b] = hslToRgb(h, clamp01(sat), clamp01(light));
    return { length: fn[0].length, color: { red: r, green: g, blue: b, alpha: clamp01(alpha) }, notation: 'hsl' };
  }
  const ident = IDENT.exec(s);
  if (ident) {
    const rgb = NAMES.get(ident[0].toLowerCase());
    if (rgb) return { length: ident[0].length, color: { red: rgb[0] / 255, green: rgb[1] / 255, blue: rgb[2] / 255, alpha: 1 }, notation: 'named' };
  }
  return undefined;
}

/** Colours in a property value (offsets relative to value); url(…) and var(…) contents are skipped. */
function colorsInValue(value: string, at: number, out: { start: number; end: number; color: Rgba; notation: ColorNotation }[]): void {
  let i = 0;
  while (i < value.length) {
    const c = value[i];
    if (/[\s,]/.test(c)) { i++; continue; }
    const rest = value.slice(i);
    const skip = /^(url|var|env|calc|icc-color)\(/i.exec(rest);
    if (skip) {
      const close = value.indexOf(')', i);
      i = close < 0 ? value.length : close + 1;
      continue;
    }
    const parsed = parseColorAt(rest);
    if (parsed) {
      out.push({ start: at + i, end: at + i + parsed.length, color: parsed.color, notation: parsed.notation });
      i += parsed.length;
      continue;
    }
    const word = /^[^\s,]+/.exec(rest);
    i += word ? word[0].length : 1;
  }
}

/** Every colour of the region. */
export function documentColors(region: SvgRegion): ColorInfo[] {
  const doc = region.document;
  const found: { start: number; end: number; color: Rgba; notation: ColorNotation }[] = [];
  const styles: SvgElement[] = [];
  forEachElement(doc, (el) => {
    if (isStyleElement(el)) styles.push(el);
    for (const a of el.attributes) {
      // Offsets of values with character references do not map 1:1 to the source.
      if (a.hasReferences) continue;
      if (COLOR_PROPERTIES.has(a.name)) colorsInValue(a.value, a.valueRange.start, found);
      else if (a.name === 'style') {
        for (const d of parseStyle(a.value)) if (COLOR_PROPERTIES.has(d.name)) colorsInValue(d.value, a.valueRange.start + d.valueStart, found);
      }
    }
  });
  for (const sheet of styleSheets(doc, styles)) {
    for (const block of scanStyleSheet(sheet.text).declarations) {
      const text = sheet.text.slice(block.start, block.end);
      for (const d of parseStyle(text)) if (COLOR_PROPERTIES.has(d.name)) colorsInValue(d.value, sheet.start + block.start + d.valueStart, found);
    }
  }
  found.sort((a, b) => a.start - b.start);
  return found.map((f) => ({ range: toHost(region, f), color: f.color, notation: f.notation }));
}

const byte = (v: number): number => Math.round(clamp01(v) * 255);
const hex2 = (v: number): string => byte(v).toString(16).padStart(2, '0');
const trimNumber = (v: number, digits: number): string => String(Number(v.toFixed(digits)));

function toHex(c: Rgba, like?: string): string {
  const upper = like !== undefined && /[A-F]/.test(like) && !/[a-f]/.test(like);
  let h = hex2(c.red) + hex2(c.green) + hex2(c.blue) + (byte(c.alpha) < 255 ? hex2(c.alpha) : '');
  const short = like !== undefined && (like.length === 4 || like.length === 5);
  const pairs = h.match(/../g)!;
  if (short && pairs.every((p) => p[0] === p[1])) h = pairs.map((p) => p[0]).join('');
  return '#' + (upper ? h.toUpperCase() : h);
}

interface FunctionStyle {
  commas: boolean;
  /** Separator after commas, "" or " ". */
  space: string;
  /** The name as written when it carried the alpha (rgba/hsla). */
  legacyAlphaName: boolean;
  percent: boolean;
}

function functionStyle(like: string | undefined): FunctionStyle {
  if (!like) return { commas: true, space: ' ', legacyAlphaName: true, percent: false };
  const body = like.slice(like.indexOf('(') + 1);
  return { commas: like.includes(','), space: /,\s/.test(like) || !like.includes(',') ? ' ' : '', legacyAlphaName: /^(rgba|hsla)/i.test(like) || like.includes(','), percent: /^rgb/i.test(like) && body.includes('%') };
}

function joinFunction(name: string, parts: string[], alpha: number, style: FunctionStyle): string {
  const a = trimNumber(alpha, 2);
  if (style.commas) {
    const sep = ',' + style.space;
    return alpha < 1 ? `${style.legacyAlphaName ? name + 'a' : name}(${[...parts, a].join(sep)})` : `${name}(${parts.join(sep)})`;
  }
  return alpha < 1 ? `${name}(${parts.join(' ')} / ${a})` : `${name}(${parts.join(' ')})`;
}

function toRgb(c: Rgba, like?: string): string {
  const style = functionStyle(like);
  const parts = style.percent ? [c.red, c.green, c.blue].map((v) => `${trimNumber(clamp01(v) * 100, 1)}%`) : [c.red, c.green, c.blue].map((v) => String(byte(v)));
  return joinFunction(/^RGB/.test(like ?? '') ? 'RGB' : 'rgb', parts, c.alpha, style);
}

function toHsl(c: Rgba, like?: string): string {
  const r = clamp01(c.red);
  const g = clamp01(c.green);
  const b = clamp01(c.blue);
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  const d = max - min;
  let h = 0;
  let s = 0;
  if (d > 0) {
    s = d / (1 - Math.abs(2 * l - 1));
    if (max === r) h = ((g - b) / d) % 6;
    else if (max === g) h = (b - r) / d + 2;
    else h = (r - g) / d + 4;
    h = (h * 60 + 360) % 360;
  }
  const parts = [trimNumber(h, 0), `${trimNumber(s * 100, 0)}%`, `${trimNumber(l * 100, 0)}%`];
  if (like && /deg/i.test(like)) parts[0] += 'deg';
  return joinFunction(/^HSL/.test(like ?? '') ? 'HSL' : 'hsl', parts, c.alpha, functionStyle(like));
}

function toNamed(c: Rgba): string | undefined {
  if (byte(c.alpha) !== 255) return undefined;
  const want = [byte(c.red), byte(c.green), byte(c.blue)];
  for (const [name, rgb] of NAMES) if (rgb[0] === want[0] && rgb[1] === want[1] && rgb[2] === want[2]) return name;
  return undefined;
}

/** The notation most colours of the region use other than names (hex when none). */
function dominantNotation(colors: ColorInfo[]): Exclude<ColorNotation, 'named'> {
  const counts = { hex: 0, rgb: 0, hsl: 0 };
  for (const c of colors) if (c.notation !== 'named') counts[c.notation]++;
  return counts.rgb > counts.hex && counts.rgb >= counts.hsl ? 'rgb' : counts.hsl > counts.hex ? 'hsl' : 'hex';
}

/**
 * How the picker may write a colour at a host range: first in the notation
 * the value there already uses (a name when the new colour has one, otherwise
 * the file's usual notation), then the other notations.
 */
export function colorPresentations(region: SvgRegion, color: Rgba, hostRange: Range): ColorPresentation[] {
  const start = toLocal(region, hostRange.start);
  const end = toLocal(region, hostRange.end);
  const text = start !== undefined && end !== undefined ? region.document.text.slice(start, end) : '';
  const current = parseColorAt(text);
  const like = current && current.length === text.length ? text : undefined;
  let notation = current?.notation;
  const labels: string[] = [];
  if (notation === 'named') {
    const name = toNamed(color);
    if (name) labels.push(/[A-Z]/.test(text) && text === text.toUpperCase() ? name.toUpperCase() : name);
    notation = dominantNotation(documentColors(region));
  }
  const same = notation ?? dominantNotation(documentColors(region));
  const render = { hex: () => toHex(color, same === 'hex' ? like : undefined), rgb: () => toRgb(color, same === 'rgb' ? like : undefined), hsl: () => toHsl(color, same === 'hsl' ? like : undefined) };
  labels.push(render[same]());
  for (const n of ['hex', 'rgb', 'hsl'] as const) if (n !== same) labels.push(render[n]());
  const named = toNamed(color);
  if (named) labels.push(named);
  return [...new Set(labels)].map((label) => ({ label, textEdit: { range: hostRange, newText: label } }));
}
