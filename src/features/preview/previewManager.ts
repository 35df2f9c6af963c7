// The SVG preview: one panel beside the editor that follows the active SVG
// editor (or stays locked on one file), redraws while typing, links clicks and
// cursor moves to the source, shows what the model features report, and
// exports PNGs through the isolated renderer.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Range } from '../../core/svg/types';
import {
  sanitizePreviewState, type CandidateView, type CritiqueView, type PreviewSettings, type PreviewState, type ProbeReport,
  type RoundView, type WebviewMessage, type HostMessage,
} from '../../shared/previewProtocol';
import { isSvgDocument } from '../../shared/svgDocument';
import { Disposable } from '../../util/disposable';
import type { RenderService } from '../render';
import type { Ui } from '../ui';
import { closePartialSvg } from './closePartialSvg';
import { elementAtOffset } from './hitGeometry';
import { PreviewPanel } from './previewPanel';
import { prepareUpdate } from './sourceView';

/** Quiet time after the last keystroke before the preview redraws. */
export const UPDATE_DEBOUNCE_MS = 50;
const SENT_KEPT = 16;
const OPEN_CONTEXT_KEY = 'svgCopilot.previewOpen';
const LOCKED_CONTEXT_KEY = 'svgCopilot.previewLocked';

/** What the preview uses from the services. */
export interface PreviewDeps {
  log: vscode.LogOutputChannel;
  ui: Ui;
  renderer: RenderService;
}

/** What the panel shows: a text document, or a generation's streamed/final text that is in no document yet. */
type Content =
  | { kind: 'document'; uri: vscode.Uri }
  | { kind: 'generation'; title: string; text: string; streaming: boolean };

interface Sent { uri: string; version: number; ranges: Range[]; postedAt: number }

export interface RenderedEvent {
  uri: string;
  seq: number;
  version: number;
  ok: boolean;
  error?: string;
  zoom: number;
  panX: number;
  panY: number;
  /** Milliseconds from posting the update to the webview's 'rendered' reply (the image decoded and on screen). */
  roundTripMs: number;
}

export interface ExportedEvent { ok: boolean; message: string; target?: vscode.Uri; width?: number; height?: number }

/** Chooses candidate `index` of the gallery; the model features decide where its text goes. */
export type CandidateChooser = (index: number, candidate: CandidateView) => Thenable<void> | void;

export class PreviewManager extends Disposable {
  private panel: PreviewPanel | undefined;
  private content: Content | undefined;
  private locked = false;
  private generationActive = false;
  private keepSideOnNextSwitch = false;
  private seq = 0;
  private readonly sent = new Map<number, Sent>();
  private lastSeq = -1;
  private side: { critique: CritiqueView | null; rounds: RoundView[]; candidates: CandidateView[] } = { critique: null, rounds: [], candidates: [] };
  private chooser: CandidateChooser | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private highlight: number | null = null;
  private owner = 0;
  private readonly log: vscode.LogOutputChannel;

  private readonly _onDidRender = this._register(new vscode.EventEmitter<RenderedEvent>());
  readonly onDidRender = this._onDidRender.event;
  private readonly _onDidReveal = this._register(new vscode.EventEmitter<{ uri: vscode.Uri; range: vscode.Range }>());
  readonly onDidReveal = this._onDidReveal.event;
  private readonly _onDidExport = this._register(new vscode.EventEmitter<ExportedEvent>());
  readonly onDidExport = this._onDidExport.event;
  private readonly _onDidProbe = this._register(new vscode.EventEmitter<ProbeReport>());
  readonly onDidProbe = this._onDidProbe.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly deps: PreviewDeps,
    private readonly settings: PreviewSettings = { background: 'checker-light', exportSize: 512, pixelGridMinZoom: 8 },
  ) {
    super();
    this.log = deps.log;
    this._register(vscode.workspace.onDidChangeTextDocument((e) => {
      if (this.showsDocument(e.document.uri) && e.contentChanges.length) this.scheduleUpdate();
    }));
    this._register(vscode.window.onDidChangeActiveTextEditor((editor) => this.follow(editor)));
    this._register(vscode.window.onDidChangeTextEditorSelection((e) => {
      if (this.showsDocument(e.textEditor.document.uri)) this.highlightAt(e.textEditor.document, e.selections[0].active);
    }));
    this._register({ dispose: () => { clearTimeout(this.timer); clearTimeout(this.streamTimer); this.panel?.panel.dispose(); } });
  }

  // ── opening, following, locking ───────────────────────────────────────────

  get isOpen(): boolean { return this.panel !== undefined; }
  get isLocked(): boolean { return this.locked; }
  get resource(): vscode.Uri | undefined { return this.content?.kind === 'document' ? this.content.uri : undefined; }
  get invalidMessages(): number { return this.panel?.invalidMessages ?? 0; }

  /** Shows `uri` (default: the active editor's document) in the preview beside the editor. */
  async openPreview(uri?: vscode.Uri, options: { preserveFocus?: boolean } = {}): Promise<boolean> {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    if (!target) {
      void vscode.window.showInformationMessage('SVG Copilot: open an .svg file to preview it.');
      return false;
    }
    const doc = await this.openDocument(target);
    if (!doc) return false;
    this.ensurePanel(options.preserveFocus ?? true);
    this.setContent({ kind: 'document', uri: doc.uri });
    this.panel?.panel.reveal(undefined, options.preserveFocus ?? true);
    return true;
  }

  toggleLock(): void {
    if (!this.panel) return;
    this.setLocked(!this.locked);
    if (!this.locked) this.follow(vscode.window.activeTextEditor);
  }

  private setLocked(locked: boolean): void {
    this.locked = locked;
    void vscode.commands.executeCommand('setContext', LOCKED_CONTEXT_KEY, locked);
    this.panel?.post({ type: 'lock', locked });
    this.updateTitle();
  }

  /** Adopts a panel VS Code restored after a reload, with the state its webview last saved. */
  async restore(webviewPanel: vscode.WebviewPanel, rawState: unknown): Promise<void> {
    const state: PreviewState = sanitizePreviewState(rawState);
    this.panel?.panel.dispose();
    this.attach(new PreviewPanel(webviewPanel, this.log, this.extensionUri, { ...this.settings, background: state.background ?? this.settings.background, view: state }));
    this.locked = state.locked ?? false;
    const doc = state.uri ? await this.openDocument(vscode.Uri.parse(state.uri), true) : undefined;
    if (doc) this.setContent({ kind: 'document', uri: doc.uri });
    else this.follow(vscode.window.activeTextEditor);
    this.updateTitle();
  }

  private async openDocument(uri: vscode.Uri, quiet = false): Promise<vscode.TextDocument | undefined> {
    try {
      return await vscode.workspace.openTextDocument(uri);
    } catch (e) {
      if (!quiet) void vscode.window.showErrorMessage(`SVG Copilot: cannot open ${uri.fsPath || uri.toString()} for preview: ${e instanceof Error ? e.message : String(e)}`);
      this.log.warn(`preview: cannot open ${uri.toString()}: ${String(e)}`);
      return undefined;
    }
  }

  private ensurePanel(preserveFocus: boolean): void {
    if (this.panel) return;
    const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    this.attach(PreviewPanel.create(this.log, this.extensionUri, column, this.settings, preserveFocus));
  }

  private attach(panel: PreviewPanel): void {
    this.panel = panel;
    this.sent.clear();
    this.lastSeq = -1;
    panel.onMessage((m) => this.receive(m));
    panel.onDidDispose(() => {
      if (this.panel !== panel) return;
      this.panel = undefined;
      this.content = undefined;
      this.generationActive = false;
      this.locked = false;
      void vscode.commands.executeCommand('setContext', LOCKED_CONTEXT_KEY, false);
      clearTimeout(this.timer);
      void vscode.commands.executeCommand('setContext', OPEN_CONTEXT_KEY, false);
    });
    void vscode.commands.executeCommand('setContext', OPEN_CONTEXT_KEY, true);
  }

  private follow(editor: vscode.TextEditor | undefined): void {
    if (!this.panel || this.locked || this.generationActive || !editor || !isSvgDocument(editor.document)) return;
    if (this.showsDocument(editor.document.uri)) return;
    this.setContent({ kind: 'document', uri: editor.document.uri });
  }

  private showsDocument(uri: vscode.Uri): boolean {
    return this.content?.kind === 'document' && this.content.uri.toString() === uri.toString();
  }

  private setContent(content: Content): void {
    const switching = content.kind === 'document' && !(this.content?.kind === 'document' && this.content.uri.toString() === content.uri.toString());
    if (switching && this.content?.kind === 'document') {
      // Model feedback belongs to what it was about; a generation's result keeps it into the document it lands in.
      if (this.keepSideOnNextSwitch) this.keepSideOnNextSwitch = false;
      else this.clearSide();
    }
    this.content = content;
    this.highlight = null;
    this.updateTitle();
    this.sendUpdate();
  }

  private updateTitle(): void {
    if (!this.panel) return;
    const c = this.content;
    const name = c?.kind === 'document' ? path.posix.basename(c.uri.path) : c?.kind === 'generation' ? c.title : '';
    this.panel.panel.title = c ? `${this.locked ? '[Locked] ' : ''}Preview ${name}`.trim() : 'SVG Preview';
  }

  // ── drawing ───────────────────────────────────────────────────────────────

  private scheduleUpdate(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.sendUpdate(), UPDATE_DEBOUNCE_MS);
  }

  /** Reads the content now and posts it; the webview drops anything older than what it last drew. */
  private sendUpdate(): void {
    clearTimeout(this.timer);
    const panel = this.panel;
    if (!panel?.isReady) return; // 'ready' triggers a full send
    const c = this.content;
    let text = '';
    let uri = '';
    let version = -1;
    let streaming = false;
    if (c?.kind === 'document') {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === c.uri.toString());
      if (!doc) return;
      text = doc.getText();
      uri = c.uri.toString();
      version = doc.version;
    } else if (c?.kind === 'generation') {
      if (!c.text) return; // nothing streamed yet: keep what is on screen
      text = c.text;
      streaming = c.streaming;
    }
    const seq = ++this.seq;
    const prepared = c
      ? prepareUpdate(text, { seq, uri, version, streaming }, c.kind === 'generation')
      : { message: { type: 'update' as const, seq, uri, version, svg: '', root: null, elements: [], errors: ['Open an .svg file to preview it.'], streaming }, ranges: [] };
    this.sent.set(seq, { uri, version, ranges: prepared.ranges, postedAt: performance.now() });
    for (const old of this.sent.keys()) if (this.sent.size > SENT_KEPT) this.sent.delete(old);
    panel.post(prepared.message);
    if (this.highlight !== null) panel.post({ type: 'highlight', id: this.highlight });
  }

  private sendAll(): void {
    const panel = this.panel;
    if (!panel) return;
    panel.post({ type: 'lock', locked: this.locked });
    panel.post({ type: 'critique', critique: this.side.critique });
    panel.post({ type: 'rounds', rounds: this.side.rounds });
    panel.post({ type: 'candidates', candidates: this.side.candidates });
    this.sendUpdate();
  }

  // ── from the webview ──────────────────────────────────────────────────────

  private receive(m: WebviewMessage): void {
    switch (m.type) {
      case 'ready': this.sendAll(); break;
      case 'rendered': {
        const sent = this.sent.get(m.seq);
        if (!sent || m.seq < this.lastSeq) return; // stale reply, or from a previous page
        this.lastSeq = m.seq;
        if (!m.ok) this.log.info(`preview: kept the last good render: ${m.error ?? ''}`);
        this._onDidRender.fire({ ...m, uri: sent.uri, roundTripMs: performance.now() - sent.postedAt });
        break;
      }
      case 'reveal': void this.reveal(m.seq, m.id); break;
      case 'exportPng': void this.exportPng(m.size); break;
      case 'copyDataUri': void this.copyDataUri(); break;
      case 'chooseCandidate': void this.choose(m.index); break;
      case 'toggleLock': this.toggleLock(); break;
      // The test build's probe answer (the only message left); production never accepts one.
      default: if (TEST_SEAMS) this._onDidProbe.fire(m.report); break;
    }
  }

  private async reveal(seq: number, id: number): Promise<void> {
    const sent = this.sent.get(seq);
    const range = sent?.ranges[id];
    if (!sent || !range || !sent.uri) return;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === sent.uri);
    if (!doc || doc.version !== sent.version) return; // the text moved on since that drawing; the next click uses the new one
    const selection = new vscode.Selection(doc.positionAt(range.start), doc.positionAt(range.end));
    const column = vscode.window.visibleTextEditors.find((e) => e.document === doc)?.viewColumn ?? vscode.ViewColumn.One;
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: column, selection, preserveFocus: false });
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    this._onDidReveal.fire({ uri: doc.uri, range: selection });
  }

  private highlightAt(doc: vscode.TextDocument, position: vscode.Position): void {
    const latest = this.sent.get(this.seq);
    if (!latest || latest.version !== doc.version) return;
    const id = elementAtOffset(latest.ranges, doc.offsetAt(position));
    if (id === this.highlight) return;
    this.highlight = id;
    this.panel?.post({ type: 'highlight', id });
  }

  private currentText(): { text: string; name: string; folder?: vscode.Uri } | undefined {
    const c = this.content;
    if (c?.kind === 'generation') return { text: c.text, name: 'generated' };
    if (c?.kind !== 'document') return undefined;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === c.uri.toString());
    if (!doc) return undefined;
    const name = path.posix.basename(c.uri.path).replace(/\.svg$/i, '') || 'image';
    return { text: doc.getText(), name, folder: doc.isUntitled ? undefined : vscode.Uri.joinPath(c.uri, '..') };
  }

  private async exportPng(size: number): Promise<void> {
    const finish = (e: ExportedEvent): void => {
      this.panel?.post({ type: 'exportResult', ok: e.ok, message: e.message });
      this._onDidExport.fire(e);
      if (e.ok) void vscode.window.showInformationMessage(`SVG Copilot: ${e.message}`);
      else if (e.message) void vscode.window.showErrorMessage(`SVG Copilot: ${e.message}`);
    };
    const current = this.currentText();
    if (!current) return finish({ ok: false, message: 'Nothing to export.' });
    const folder = current.folder ?? vscode.workspace.workspaceFolders?.[0]?.uri;
    const fileName = `${current.name}-${size}.png`;
    const target = await this.deps.ui.askSaveTarget({
      title: 'Export PNG',
      defaultUri: folder ? vscode.Uri.joinPath(folder, fileName) : undefined,
      filters: { 'PNG image': ['png'] },
    });
    if (!target) return finish({ ok: false, message: '' });
    const result = await this.deps.renderer.render(current.text, { size });
    if (!result.ok) return finish({ ok: false, message: `Export failed (${result.kind}): ${result.error}` });
    try {
      await vscode.workspace.fs.writeFile(target, result.png);
    } catch (e) {
      return finish({ ok: false, message: `Could not write ${target.fsPath}: ${e instanceof Error ? e.message : String(e)}` });
    }
    const blocked = result.blockedReferences ? ` (${result.blockedReferences} external reference(s) left out)` : '';
    finish({ ok: true, message: `Exported a ${result.width}×${result.height} PNG to ${path.basename(target.fsPath)}${blocked}.`, target, width: result.width, height: result.height });
  }

  private async copyDataUri(): Promise<void> {
    const current = this.currentText();
    if (!current) return;
    await vscode.env.clipboard.writeText(`data:image/svg+xml;base64,${Buffer.from(current.text, 'utf8').toString('base64')}`);
    void vscode.window.showInformationMessage('SVG Copilot: copied the SVG as a data URI.');
  }

  private async choose(index: number): Promise<void> {
    const candidate = this.side.candidates.find((c) => c.index === index);
    if (!candidate || !this.chooser) return;
    try {
      await this.chooser(index, candidate);
    } catch (e) {
      void vscode.window.showErrorMessage(`SVG Copilot: could not use that candidate: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  // ── what the model features show ──────────────────────────────────────────

  /**
   * Starts a new round of model feedback (critique, rounds, candidates) and
   * returns its owner id. Calls carrying an older id are ignored, so a
   * generation or critique that is still running elsewhere cannot draw over
   * the one the user started last.
   */
  beginFeedback(): number {
    this.clearSide();
    return ++this.owner;
  }

  /** Starts showing a generation that is in no document yet; the panel stops following editors until it finishes. */
  beginGeneration(title: string): number {
    this.ensurePanel(true);
    const owner = this.beginFeedback();
    this.generationActive = true;
    this.setContent({ kind: 'generation', title, text: '', streaming: true });
    return owner;
  }

  /** Draws the text streamed so far, closed off so it parses; ignored when no <svg> has started yet. */
  streamGeneration(owner: number, partial: string): void {
    if (owner !== this.owner || this.content?.kind !== 'generation') return;
    const closed = closePartialSvg(partial);
    if (closed === undefined) return;
    this.content = { ...this.content, text: closed, streaming: true };
    this.scheduleStream();
  }

  /** The generation ended with `svg` (undefined: cancelled or failed). Editor-following resumes. */
  finishGeneration(owner: number, svg: string | undefined): void {
    if (owner !== this.owner) return;
    clearTimeout(this.streamTimer);
    this.streamTimer = undefined;
    if (this.content?.kind === 'generation') {
      this.content = { ...this.content, text: svg ?? this.content.text, streaming: false };
      this.sendUpdate();
    }
    this.generationActive = false;
    this.keepSideOnNextSwitch = svg !== undefined;
  }

  private streamTimer: ReturnType<typeof setTimeout> | undefined;
  /** Token chunks arrive faster than frames; draw at most every debounce interval, never starving. */
  private scheduleStream(): void {
    if (this.streamTimer) return;
    this.streamTimer = setTimeout(() => { this.streamTimer = undefined; this.sendUpdate(); }, UPDATE_DEBOUNCE_MS);
  }

  /** Shows the critic's verdict; `owner` from beginFeedback/beginGeneration (omit to show regardless). */
  showCritique(critique: CritiqueView | null, owner = this.owner): void {
    if (owner !== this.owner) return;
    this.side.critique = critique;
    this.panel?.post({ type: 'critique', critique });
  }

  /** Shows the round history (thumbnails and scores). */
  showRounds(rounds: readonly RoundView[], owner = this.owner): void {
    if (owner !== this.owner) return;
    this.side.rounds = [...rounds];
    this.panel?.post({ type: 'rounds', rounds: this.side.rounds });
  }

  /** Shows the best-of-N gallery; `chooser` runs when the user picks one. */
  showCandidates(candidates: readonly CandidateView[], chooser: CandidateChooser | undefined, owner = this.owner): void {
    if (owner !== this.owner) return;
    this.side.candidates = [...candidates];
    this.chooser = chooser;
    this.panel?.post({ type: 'candidates', candidates: this.side.candidates });
  }

  private clearSide(): void {
    this.side = { critique: null, rounds: [], candidates: [] };
    this.chooser = undefined;
    if (!this.panel) return;
    this.panel.post({ type: 'critique', critique: null });
    this.panel.post({ type: 'rounds', rounds: [] });
    this.panel.post({ type: 'candidates', candidates: [] });
  }

  /** Sends one message to the webview as it is (the test build drives zoom, clicks and probes through it). */
  post(message: HostMessage): void {
    this.panel?.post(message);
  }

  /** The text and document version last sent to the webview. */
  get lastSent(): { seq: number; uri: string; version: number } | undefined {
    const s = this.sent.get(this.seq);
    return s ? { seq: this.seq, uri: s.uri, version: s.version } : undefined;
  }
}
