// Preview webview entry (bundled to dist/webview.js). The page's HTML comes
// from the extension once; everything after that arrives as validated messages.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import {
  isBackground, isHostMessage, isPreviewSettings, sanitizePreviewState,
  type Background, type HostMessage, type PreviewSettings, type PreviewState, type ProbeReport, type WebviewMessage,
} from '../src/shared/previewProtocol';
import { decoded, svgDataUri } from './encode';
import { HitLayer } from './hitLayer';
import { SidePanels } from './panels';
import { intrinsicSize, Viewport } from './viewport';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: PreviewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

// Counted from the first moment the script runs, for the test build's security probe.
const cspViolations: string[] = [];
if (TEST_SEAMS) document.addEventListener('securitypolicyviolation', (e) => cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
let invalidMessages = 0;

const byId = <T extends Element = HTMLElement>(id: string): T => {
  const e = document.getElementById(id);
  if (!e) throw new Error(`preview page is missing #${id}`);
  return e as unknown as T;
};

const defaults: PreviewSettings = { background: 'checker-light', exportSize: 512, pixelGridMinZoom: 8 };
const settings: PreviewSettings = (() => {
  try {
    const parsed: unknown = JSON.parse(document.body.dataset.settings ?? '{}');
    return isPreviewSettings(parsed) ? parsed : defaults;
  } catch { return defaults; }
})();

let state: PreviewState = sanitizePreviewState(vscode.getState() ?? settings.view);
const saveState = (patch: Partial<PreviewState>): void => { state = { ...state, ...patch }; vscode.setState(state); };

const viewportEl = byId('viewport');
const stage = byId('stage');
let image = byId<HTMLImageElement>('image');
const outline = byId('outline');
const errorBox = byId('error');
const zoomLabel = byId('zoom-label');
const gridToggle = byId<HTMLElement & { checked: boolean }>('grid');
const backgroundSelect = byId<HTMLElement & { value: string }>('background');
const exportSize = byId<HTMLElement & { value: string }>('export-size');
const lockButton = byId('lock');
const hit = new HitLayer(byId<SVGSVGElement>('hit'));

const viewport = new Viewport(viewportEl, stage, state, (v) => {
  zoomLabel.textContent = `${Math.round(v.zoom * 1000) / 10}%`;
  viewportEl.classList.toggle('show-grid', gridToggle.checked && v.zoom >= settings.pixelGridMinZoom);
  saveState({ zoom: v.zoom, panX: v.panX, panY: v.panY, fitted: v.fitted });
  placeOutline();
});

const panels = new SidePanels(byId('side'), byId('critique-section'), byId('rounds-section'), byId('candidates-section'),
  (index) => vscode.postMessage({ type: 'chooseCandidate', index }), byId('symbols-section'));

// ── drawing ─────────────────────────────────────────────────────────────────

let latestSeq = -1;
let drawnSeq = -1;
let drawn = false;
let highlightId: number | null = null;

async function draw(m: Extract<HostMessage, { type: 'update' }>): Promise<void> {
  if (m.seq <= latestSeq) return; // stale: a newer update was already received
  latestSeq = m.seq;
  saveState({ uri: m.uri });
  const src = svgDataUri(m.svg);
  const next = await decoded(src);
  if (m.seq !== latestSeq) return; // a newer update arrived while this one decoded
  const report = (error?: string): void => vscode.postMessage({
    type: 'rendered', seq: m.seq, version: m.version, ok: error === undefined, error, zoom: viewport.view.zoom, panX: viewport.view.panX, panY: viewport.view.panY,
  });
  if (!next) {
    // Keep the last good render on screen; say why this one was not drawn.
    const why = m.errors.length ? m.errors.join('\n') : 'The SVG could not be drawn.';
    showError(drawn ? `${why}\n(Showing the last version that rendered.)` : why);
    report(why);
    return;
  }
  // Swap in the element that already holds the decoded pixels (no second decode).
  next.className = image.className;
  next.alt = image.alt;
  next.draggable = false;
  next.id = image.id;
  image.replaceWith(next);
  image = next;
  drawn = true;
  drawnSeq = m.seq;
  hit.rebuild(m.root, m.elements);
  const size = intrinsicSize(m.root);
  viewport.setContentSize(size.width, size.height);
  showError(m.errors.length && !m.streaming ? m.errors.join('\n') : undefined);
  viewportEl.classList.toggle('streaming', m.streaming);
  placeOutline();
  report();
}

function showError(text: string | undefined): void {
  errorBox.hidden = !text;
  errorBox.textContent = text ?? '';
}

function placeOutline(): void {
  const r = highlightId === null ? undefined : hit.rectOf(highlightId);
  outline.hidden = !r;
  if (!r) return;
  const s = stage.getBoundingClientRect();
  const o = outline.style;
  o.left = `${r.left - s.left}px`;
  o.top = `${r.top - s.top}px`;
  o.width = `${r.width}px`;
  o.height = `${r.height}px`;
}

// ── source linking ──────────────────────────────────────────────────────────

function clickAt(clientX: number, clientY: number): void {
  const id = hit.idAt(clientX, clientY);
  if (id === null || drawnSeq < 0) return;
  highlightId = id;
  placeOutline();
  vscode.postMessage({ type: 'reveal', seq: drawnSeq, id });
}

// ── controls ────────────────────────────────────────────────────────────────

function setBackground(b: Background): void {
  for (const name of [...viewportEl.classList]) if (name.startsWith('bg-')) viewportEl.classList.remove(name);
  viewportEl.classList.add(`bg-${b}`);
  if (backgroundSelect.value !== b) backgroundSelect.value = b;
  saveState({ background: b });
}

function requestExport(size: number): void {
  if (!Number.isInteger(size) || size < 1 || size > 8192) { showError('Export size must be a whole number of pixels from 1 to 8192.'); return; }
  vscode.postMessage({ type: 'exportPng', size });
}

byId('zoom-in').addEventListener('click', () => viewport.zoomIn());
byId('zoom-out').addEventListener('click', () => viewport.zoomOut());
byId('zoom-fit').addEventListener('click', () => viewport.fit());
byId('zoom-actual').addEventListener('click', () => viewport.actualSize());
byId('export').addEventListener('click', () => requestExport(Number(exportSize.value)));
byId('copy').addEventListener('click', () => vscode.postMessage({ type: 'copyDataUri' }));
lockButton.addEventListener('click', () => vscode.postMessage({ type: 'toggleLock' }));
backgroundSelect.addEventListener('change', () => { if (isBackground(backgroundSelect.value)) setBackground(backgroundSelect.value); });
gridToggle.addEventListener('change', () => viewportEl.classList.toggle('show-grid', gridToggle.checked && viewport.view.zoom >= settings.pixelGridMinZoom));

viewportEl.addEventListener('keydown', (e) => {
  const pan = e.shiftKey ? 100 : 20;
  const actions: Record<string, () => void> = {
    '+': () => viewport.zoomIn(), '=': () => viewport.zoomIn(), '-': () => viewport.zoomOut(),
    '0': () => viewport.fit(), '1': () => viewport.actualSize(),
    ArrowLeft: () => viewport.panBy(pan, 0), ArrowRight: () => viewport.panBy(-pan, 0),
    ArrowUp: () => viewport.panBy(0, pan), ArrowDown: () => viewport.panBy(0, -pan),
  };
  const action = actions[e.key];
  if (action && !e.ctrlKey && !e.metaKey && !e.altKey) { e.preventDefault(); action(); }
});

viewportEl.addEventListener('wheel', (e) => {
  e.preventDefault();
  const r = viewportEl.getBoundingClientRect();
  if (e.ctrlKey || e.metaKey) viewport.zoomBy(Math.exp(-e.deltaY / 300), e.clientX - r.left, e.clientY - r.top);
  else viewport.panBy(-e.deltaX, -e.deltaY);
}, { passive: false });

// Drag pans; a press that barely moves is a click on an element.
let drag: { x: number; y: number; moved: boolean; id: number } | undefined;
viewportEl.addEventListener('pointerdown', (e) => {
  if (e.button !== 0) return;
  drag = { x: e.clientX, y: e.clientY, moved: false, id: e.pointerId };
  viewportEl.setPointerCapture(e.pointerId);
});
viewportEl.addEventListener('pointermove', (e) => {
  if (!drag || drag.id !== e.pointerId) return;
  const dx = e.clientX - drag.x;
  const dy = e.clientY - drag.y;
  if (!drag.moved && Math.hypot(dx, dy) < 4) return;
  drag.moved = true;
  drag.x = e.clientX; drag.y = e.clientY;
  viewport.panBy(dx, dy);
});
viewportEl.addEventListener('pointerup', (e) => {
  if (!drag || drag.id !== e.pointerId) return;
  const wasClick = !drag.moved;
  drag = undefined;
  if (wasClick) clickAt(e.clientX, e.clientY);
});
viewportEl.addEventListener('pointercancel', () => { drag = undefined; });
new ResizeObserver(() => { viewport.relayout(); placeOutline(); }).observe(viewportEl);

// ── messages ────────────────────────────────────────────────────────────────

/** What the test build's probe reports: everything the page loaded or ran, and what it shows. */
function probe(): ProbeReport {
  const markers: string[] = [];
  if (document.querySelector('[data-pwned]')) markers.push('data-pwned attribute');
  if ('pwned' in window) markers.push('window.pwned');
  if (document.title !== 'SVG Preview') markers.push(`title changed to ${document.title}`);
  return {
    resources: performance.getEntriesByType('resource').map((e) => e.name),
    cspViolations: [...cspViolations],
    pageMarkers: markers,
    scripts: [...document.scripts].map((s) => s.src || `inline: ${(s.textContent ?? '').slice(0, 60)}`),
    invalidMessages,
    imageLoaded: drawn,
    highlighted: highlightId,
    outlineVisible: !outline.hidden,
    symbolsShown: [...document.querySelectorAll<HTMLImageElement>('#symbols-section img')].filter((img) => img.complete && img.naturalWidth > 0).length,
  };
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const m = event.data;
  if (!isHostMessage(m)) { invalidMessages++; return; }
  switch (m.type) {
    case 'update':
      if (m.seq > latestSeq) panels.showSymbols(m.symbols ?? [], (id) => vscode.postMessage({ type: 'reveal', seq: m.seq, id }));
      void draw(m);
      break;
    case 'lock':
      saveState({ locked: m.locked });
      lockButton.setAttribute('aria-pressed', String(m.locked));
      lockButton.textContent = m.locked ? 'Unlock' : 'Lock';
      lockButton.title = m.locked ? 'Follow the active SVG editor again' : 'Keep showing this file';
      break;
    case 'highlight': highlightId = m.id; placeOutline(); break;
    case 'critique': panels.showCritique(m.critique); break;
    case 'rounds': panels.showRounds(m.rounds); break;
    case 'candidates': panels.showCandidates(m.candidates); break;
    case 'zoom':
      ({ in: () => viewport.zoomIn(), out: () => viewport.zoomOut(), fit: () => viewport.fit(), actual: () => viewport.actualSize() })[m.action]();
      break;
    case 'exportResult': showError(m.ok ? undefined : m.message); break;
    // Requests of the test build only; the production bundle neither accepts nor handles them.
    default: if (TEST_SEAMS) handleTestRequest(m); break;
  }
});

/** Drives the page the way a user's click would, or reports on it (test build only). */
function handleTestRequest(m: HostMessage): void {
  switch (m.type) {
    case 'testClick': {
      const p = hit.toClient(m.x, m.y);
      if (p) clickAt(p.x, p.y);
      break;
    }
    case 'testProbe': vscode.postMessage({ type: 'probeReport', report: probe() }); break;
    case 'testExport': requestExport(m.size); break;
    case 'testChoose':
      (document.querySelector(`.candidate[data-index="${m.index}"]`) as HTMLElement | null)?.click();
      break;
  }
}

setBackground(state.background ?? settings.background);
exportSize.value = String(settings.exportSize);
vscode.postMessage({ type: 'ready' });
