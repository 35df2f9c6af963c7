// The one message protocol between the preview panel (extension host) and its
// webview. Both sides import these types, and both validate every message they
// receive with the guards below: a webview is a separate, less trusted context,
// and a message that does not match is dropped and counted, never acted on.
// Browser-safe: no Node or vscode imports.

export const PREVIEW_VIEW_TYPE = 'svgCopilot.preview';

export const BACKGROUNDS = ['checker-light', 'checker-dark', 'white', 'black', 'theme'] as const;
export type Background = (typeof BACKGROUNDS)[number];

/** Settings passed once through the body's data-settings attribute (never inline script). */
export interface PreviewSettings {
  background: Background;
  /** Default longest side for Export PNG. */
  exportSize: number;
  /** Zoom at and above which the pixel grid may show. */
  pixelGridMinZoom: number;
  /** View restored by the serializer, used when the webview has no state of its own. */
  view?: PreviewState;
}

/**
 * One drawable element of the document, reduced to geometry. The webview
 * rebuilds these with createElementNS into a transparent hit-test layer over
 * the image; attributes are limited to the allowlist in
 * src/features/preview/hitGeometry.ts, so no script, link or style ever reaches it.
 */
export interface GeometryElement {
  /** Index into the update's source-range table, and the id the webview reports back. */
  id: number;
  /** Parent id, or -1 for children of the root. */
  parent: number;
  /** One of the drawable local names (path, rect, circle, …, g, text, tspan). */
  name: string;
  attrs: Array<[string, string]>;
  /** Character data of text/tspan elements only. */
  text?: string;
}

export interface RootGeometry {
  width?: string;
  height?: string;
  viewBox?: string;
  preserveAspectRatio?: string;
}

export interface CritiqueView {
  score?: number;
  critique?: string;
  suggestions?: string[];
  rationale?: string;
}

export interface RoundView {
  round: number;
  score?: number;
  label?: string;
  /** Thumbnail as an SVG source (drawn through <img>) … */
  svg?: string;
  /** … or as a base64 PNG rendered by the isolated renderer. */
  pngBase64?: string;
}

export interface CandidateView {
  index: number;
  svg: string;
  score?: number;
  label?: string;
}

/** One <symbol> of a sprite file, drawn on its own (through <img>) in the preview's gallery. */
export interface SymbolView {
  /** Index into the update's source-range table: clicking it reveals the <symbol> in the source. */
  id: number;
  /** The symbol's id attribute ('' when it has none). */
  name: string;
  svg: string;
}

export type ZoomAction = 'in' | 'out' | 'fit' | 'actual';

/** Extension host → webview. */
export type HostMessage =
  | {
    type: 'update';
    /** Increases with every update the panel sends; the webview drops anything older than what it drew. */
    seq: number;
    uri: string;
    /** Document version the text was read at (-1 for a generation stream). */
    version: number;
    svg: string;
    root: RootGeometry | null;
    elements: GeometryElement[];
    /** Parser errors, shown beside the last good render when the image cannot be drawn. */
    errors: string[];
    streaming: boolean;
    /** A sprite's symbols, each drawn on its own; absent when the file is not a sprite. */
    symbols?: SymbolView[];
  }
  | { type: 'lock'; locked: boolean }
  | { type: 'highlight'; id: number | null }
  | { type: 'critique'; critique: CritiqueView | null }
  | { type: 'rounds'; rounds: RoundView[] }
  | { type: 'candidates'; candidates: CandidateView[] }
  | { type: 'zoom'; action: ZoomAction }
  | { type: 'exportResult'; ok: boolean; message: string }
  // Requests of the test build only (test/seams); the production bundles drop their handling (TEST_SEAMS is false there).
  | { type: 'testClick'; x: number; y: number }
  | { type: 'testProbe' }
  | { type: 'testExport'; size: number }
  | { type: 'testChoose'; index: number };

export interface ProbeReport {
  /** URLs of every resource the webview document fetched. */
  resources: string[];
  cspViolations: string[];
  /** Markers a hostile SVG would set if any of its code ran. */
  pageMarkers: string[];
  /** Every script element in the page: its src, or the start of its inline text. */
  scripts: string[];
  /** Messages received that failed validation. */
  invalidMessages: number;
  imageLoaded: boolean;
  /** Element outlined for the cursor in the source, and whether the outline is on screen. */
  highlighted: number | null;
  outlineVisible: boolean;
  /** A sprite's symbols whose thumbnails the page has decoded and drawn. */
  symbolsShown?: number;
}

/** Webview → extension host. */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'rendered'; seq: number; version: number; ok: boolean; error?: string; zoom: number; panX: number; panY: number }
  | { type: 'reveal'; seq: number; id: number }
  | { type: 'exportPng'; size: number }
  | { type: 'copyDataUri' }
  | { type: 'chooseCandidate'; index: number }
  | { type: 'toggleLock' }
  /** Test build only: the answer to 'testProbe'. */
  | { type: 'probeReport'; report: ProbeReport };

/** What the webview keeps with vscode.setState and the serializer restores after a reload. */
export interface PreviewState {
  uri?: string;
  locked?: boolean;
  zoom?: number;
  panX?: number;
  panY?: number;
  fitted?: boolean;
  background?: Background;
}

// ── runtime validation ───────────────────────────────────────────────────────

type Rec = Record<string, unknown>;

const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isInt = (v: unknown): v is number => Number.isInteger(v);
const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
const optional = <T>(guard: (v: unknown) => v is T) => (v: unknown): v is T | undefined => v === undefined || guard(v);
const arrayOf = <T>(guard: (v: unknown) => boolean) => (v: unknown): v is T[] => Array.isArray(v) && v.every(guard);

/** Largest SVG text accepted in one message (the webview draws through a data: URI). */
export const MAX_SVG_CHARS = 16 * 1024 * 1024;

export function isBackground(v: unknown): v is Background {
  return isStr(v) && (BACKGROUNDS as readonly string[]).includes(v);
}

function isGeometryElement(v: unknown): boolean {
  return isRec(v) && isInt(v.id) && isInt(v.parent) && isStr(v.name) && optional(isStr)(v.text)
    && Array.isArray(v.attrs) && v.attrs.every((a) => Array.isArray(a) && a.length === 2 && isStr(a[0]) && isStr(a[1]));
}

function isRootGeometry(v: unknown): boolean {
  return isRec(v) && optional(isStr)(v.width) && optional(isStr)(v.height) && optional(isStr)(v.viewBox) && optional(isStr)(v.preserveAspectRatio);
}

function isCritiqueView(v: unknown): boolean {
  return isRec(v) && optional(isNum)(v.score) && optional(isStr)(v.critique) && optional(isStr)(v.rationale)
    && (v.suggestions === undefined || arrayOf<string>(isStr)(v.suggestions));
}

function isRoundView(v: unknown): boolean {
  return isRec(v) && isInt(v.round) && optional(isNum)(v.score) && optional(isStr)(v.label) && optional(isStr)(v.svg) && optional(isStr)(v.pngBase64);
}

function isSymbolView(v: unknown): boolean {
  return isRec(v) && isInt(v.id) && v.id >= 0 && isStr(v.name) && v.name.length <= 1000 && isStr(v.svg) && v.svg.length <= MAX_SVG_CHARS;
}

function isCandidateView(v: unknown): boolean {
  return isRec(v) && isInt(v.index) && isStr(v.svg) && v.svg.length <= MAX_SVG_CHARS && optional(isNum)(v.score) && optional(isStr)(v.label);
}

function isProbeReport(v: unknown): boolean {
  return isRec(v) && arrayOf<string>(isStr)(v.resources) && arrayOf<string>(isStr)(v.cspViolations) && arrayOf<string>(isStr)(v.pageMarkers)
    && arrayOf<string>(isStr)(v.scripts) && isInt(v.invalidMessages) && isBool(v.imageLoaded)
    && (v.highlighted === null || isInt(v.highlighted)) && isBool(v.outlineVisible) && optional(isInt)(v.symbolsShown);
}

const isZoomAction = (v: unknown): boolean => v === 'in' || v === 'out' || v === 'fit' || v === 'actual';

/** True when `v` is a well-formed HostMessage. */
export function isHostMessage(v: unknown): v is HostMessage {
  if (!isRec(v) || !isStr(v.type)) return false;
  switch (v.type) {
    case 'update':
      return isInt(v.seq) && isStr(v.uri) && isInt(v.version) && isStr(v.svg) && v.svg.length <= MAX_SVG_CHARS
        && (v.root === null || isRootGeometry(v.root)) && arrayOf(isGeometryElement)(v.elements)
        && arrayOf<string>(isStr)(v.errors) && isBool(v.streaming) && optional(arrayOf(isSymbolView))(v.symbols);
    case 'lock': return isBool(v.locked);
    case 'highlight': return v.id === null || isInt(v.id);
    case 'critique': return v.critique === null || isCritiqueView(v.critique);
    case 'rounds': return arrayOf(isRoundView)(v.rounds);
    case 'candidates': return arrayOf(isCandidateView)(v.candidates);
    case 'zoom': return isZoomAction(v.action);
    case 'exportResult': return isBool(v.ok) && isStr(v.message);
    default: return TEST_SEAMS && isTestRequest(v);
  }
}

/** The test build's requests (see HostMessage); never accepted by a production bundle. */
function isTestRequest(v: Rec): boolean {
  switch (v.type) {
    case 'testClick': return isNum(v.x) && isNum(v.y);
    case 'testProbe': return true;
    case 'testExport': return isInt(v.size) && v.size > 0;
    case 'testChoose': return isInt(v.index);
    default: return false;
  }
}

/** True when `v` is a well-formed WebviewMessage. */
export function isWebviewMessage(v: unknown): v is WebviewMessage {
  if (!isRec(v) || !isStr(v.type)) return false;
  switch (v.type) {
    case 'ready': return true;
    case 'rendered':
      return isInt(v.seq) && isInt(v.version) && isBool(v.ok) && optional(isStr)(v.error) && isNum(v.zoom) && isNum(v.panX) && isNum(v.panY);
    case 'reveal': return isInt(v.seq) && isInt(v.id) && v.id >= 0;
    case 'exportPng': return isInt(v.size) && v.size >= 1 && v.size <= 8192;
    case 'copyDataUri': return true;
    case 'chooseCandidate': return isInt(v.index) && v.index >= 0;
    case 'toggleLock': return true;
    // The test build's probe answer; a production host accepts no such message.
    default: return TEST_SEAMS && v.type === 'probeReport' && isProbeReport(v.report);
  }
}

/** Restored state is whatever the webview last stored: keep only the fields that check out. */
export function sanitizePreviewState(v: unknown): PreviewState {
  if (!isRec(v)) return {};
  const s: PreviewState = {};
  if (isStr(v.uri)) s.uri = v.uri;
  if (isBool(v.locked)) s.locked = v.locked;
  if (isNum(v.zoom) && v.zoom > 0) s.zoom = v.zoom;
  if (isNum(v.panX)) s.panX = v.panX;
  if (isNum(v.panY)) s.panY = v.panY;
  if (isBool(v.fitted)) s.fitted = v.fitted;
  if (isBackground(v.background)) s.background = v.background;
  return s;
}

export function isPreviewSettings(v: unknown): v is PreviewSettings {
  return isRec(v) && isBackground(v.background) && isInt(v.exportSize) && isNum(v.pixelGridMinZoom) && (v.view === undefined || isRec(v.view));
}
