// Hover on path data: the segment under the cursor explained, the whole path
// summarized, a thumbnail with the segment traced (rendered in the isolated
// pool, shown only when ready within its budget), and a link that asks the
// model what the path depicts.
import * as vscode from 'vscode';
import { explainSegment, formatPoint, pathAt, standaloneSegment, type PathAt } from '../core/svg/explain';
import type { PathSegment } from '../core/svg/path';
import type { WorkerPool } from '../core/render/pool';
import { blockAt, findInlineSvgBlocks, INLINE_SVG_LANGUAGES } from '../core/inline';
import { DisposableStore } from '../util/disposable';
import { InlineBlockCache } from './inline/blockCache';
import { getSetting } from './config';
import { endpointOrOffer, type Endpoints } from './endpoint';
import { notify } from './interaction';
import { log } from './log';
import type { ModelTasksProvider } from './modelTasks';

export const EXPLAIN_PATH_WITH_MODEL_COMMAND = 'svgCopilot.explainPathWithModel';

/** How long a hover waits for its thumbnail before showing the text alone. */
const THUMBNAIL_BUDGET_MS = 80;
/** Rendered at twice the shown width, for sharp HiDPI screens. */
const THUMBNAIL_SIZE = 192;
const THUMBNAIL_SHOWN_WIDTH = 96;
const THUMBNAIL_CACHE_SIZE = 32;
/** Path data sent to the model at most; longer paths are cut (the summary still covers all of it). */
const MODEL_PATH_CHARS = 6000;

/** `.svg` files whatever language VS Code gives them, and untitled SVG/XML buffers. */
export const SVG_SELECTOR: vscode.DocumentSelector = [
  { language: 'svg' },
  { language: 'xml', pattern: '**/*.svg' },
  { scheme: 'untitled', language: 'xml' },
];

const KIND_NAMES: Record<string, string> = {
  M: 'moveto', L: 'lineto', H: 'horizontal lineto', V: 'vertical lineto', C: 'cubic Bézier', S: 'smooth cubic Bézier',
  Q: 'quadratic Bézier', T: 'smooth quadratic Bézier', A: 'elliptical arc', Z: 'closepath',
};

export interface ExplainWithModelArgs {
  uri: string;
  offset: number;
}

export function registerHover(endpoints?: Endpoints, modelTasks?: ModelTasksProvider, inline?: InlineBlockCache): vscode.Disposable {
  const store = new DisposableStore();
  const thumbnails = new ThumbnailCache();
  store.add(thumbnails);
  store.add(vscode.languages.registerHoverProvider(SVG_SELECTOR, {
    provideHover: (document, position, token) => provideHover(wholeDocument(document, position), token, thumbnails),
  }));
  if (inline) {
    // The same hover on path data inside each inline <svg> block of HTML, JSX, Vue, Markdown…
    store.add(vscode.languages.registerHoverProvider(INLINE_SVG_LANGUAGES.map((language) => ({ language })), {
      provideHover: (document, position, token) => {
        const block = inline.blockAt(document, position);
        if (!block) return undefined;
        const hostOffset = document.offsetAt(position);
        const skipped = block.skipped.find((s) => hostOffset >= s.hostRange.start && hostOffset < s.hostRange.end);
        if (skipped) {
          const range = new vscode.Range(document.positionAt(skipped.hostRange.start), document.positionAt(skipped.hostRange.end));
          return new vscode.Hover(new vscode.MarkdownString(escapeMarkdown(`SVG Copilot: ${skipped.reason}.`)), range);
        }
        const offset = block.toBlock(hostOffset);
        if (offset === undefined) return undefined;
        return provideHover({
          key: `${document.uri.toString()}@${document.version}#${block.hostRange.start}`,
          text: block.text,
          offset,
          range: (r) => { const h = block.toHostRange(r); return new vscode.Range(document.positionAt(h.start), document.positionAt(h.end)); },
          explain: { uri: document.uri.toString(), offset: hostOffset },
        }, token, thumbnails);
      },
    }));
  }
  store.add(vscode.commands.registerCommand(EXPLAIN_PATH_WITH_MODEL_COMMAND, (args?: ExplainWithModelArgs) => explainWithModel(endpoints, modelTasks, args)));
  return store;
}

/** SVG text to hover in: a whole .svg document, or an inline block with its ranges mapped to the host. */
interface HoverSource {
  /** Names this text's version, for the thumbnail cache. */
  key: string;
  text: string;
  offset: number;
  range: (r: { start: number; end: number }) => vscode.Range;
  explain: ExplainWithModelArgs;
}

function wholeDocument(document: vscode.TextDocument, position: vscode.Position): HoverSource {
  const offset = document.offsetAt(position);
  return {
    key: `${document.uri.toString()}@${document.version}`,
    text: document.getText(),
    offset,
    range: (r) => new vscode.Range(document.positionAt(r.start), document.positionAt(r.end)),
    explain: { uri: document.uri.toString(), offset },
  };
}

async function provideHover(source: HoverSource, token: vscode.CancellationToken, thumbnails: ThumbnailCache): Promise<vscode.Hover | undefined> {
  const { text, offset } = source;
  const at = pathAt(text, offset);
  if (!at) return undefined;
  const base = at.attribute.valueRange.start;
  const range = at.segment
    ? source.range({ start: base + at.segment.range.start, end: base + at.segment.range.end })
    : source.range(at.attribute.range);

  const md = new vscode.MarkdownString();
  md.isTrusted = { enabledCommands: [EXPLAIN_PATH_WITH_MODEL_COMMAND] };
  if (!at.analysis) return new vscode.Hover(md.appendMarkdown(escapeMarkdown(at.note ?? 'This path is not explained.')), range);
  if (at.segment) appendSegment(md, at.segment, at.analysis.parsed.segments.length);
  const path = at.analysis.explanation();
  md.appendMarkdown(`**${at.kind === 'd' ? 'Path' : at.kind === 'polygon-points' ? 'Polygon' : 'Polyline'}** — `);
  md.appendMarkdown(escapeMarkdown(path.text));
  md.appendMarkdown('\n\n');

  const args: ExplainWithModelArgs = source.explain;
  md.appendMarkdown(`[Explain with model](command:${EXPLAIN_PATH_WITH_MODEL_COMMAND}?${encodeURIComponent(JSON.stringify(args))} "Ask the model what this path depicts")\n\n`);
  if (at.segment && getSetting('hoverThumbnail')) {
    const uri = await thumbnails.get(source.key, text, at, at.segment, token);
    if (token.isCancellationRequested) return undefined;
    if (uri) md.appendMarkdown(`![Segment ${at.segment.index + 1} highlighted](${uri}|width=${THUMBNAIL_SHOWN_WIDTH})`);
  }
  return new vscode.Hover(md, range);
}

function appendSegment(md: vscode.MarkdownString, seg: PathSegment, total: number): void {
  const relative = seg.command !== seg.command.toUpperCase();
  const written = seg.implicit ? `implicit \`${seg.command}\`` : `\`${seg.command}\``;
  md.appendMarkdown(`**Segment ${seg.index + 1} of ${total}** — ${written}, ${relative ? 'relative ' : ''}${KIND_NAMES[seg.type]}\n\n`);
  md.appendMarkdown(escapeMarkdown(explainSegment(seg)));
  md.appendMarkdown('\n\n');
  const points = [`from ${formatPoint(seg.from)}`];
  if (seg.controls.length) points.push(`control${seg.controls.length > 1 ? 's' : ''} ${seg.controls.map(formatPoint).join(', ')}`);
  points.push(`to ${formatPoint(seg.to)}`);
  md.appendMarkdown(escapeMarkdown(`Absolute: ${points.join(' · ')}`));
  md.appendMarkdown('\n\n---\n\n');
}

/**
 * Escapes only what could turn plain text into markup (MarkdownString.appendText
 * also turns every space into &nbsp;, which makes the hover's source unreadable).
 */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`);
}

/**
 * Renders highlighted thumbnails in the isolated pool and keeps the latest
 * ones. A render that misses a hover's budget keeps going and lands in the
 * cache, so hovering again shows it.
 */
class ThumbnailCache {
  private pool: WorkerPool | undefined;
  private readonly entries = new Map<string, Promise<string | undefined>>();

  async get(source: string, text: string, at: PathAt, seg: PathSegment, token: vscode.CancellationToken): Promise<string | undefined> {
    const key = `${source}#${at.attribute.valueRange.start}:${seg.index}`;
    let entry = this.entries.get(key);
    if (!entry) {
      entry = this.render(text, at, seg);
      this.entries.set(key, entry);
      if (this.entries.size > THUMBNAIL_CACHE_SIZE) this.entries.delete(this.entries.keys().next().value!);
    }
    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<undefined>((resolve) => { timer = setTimeout(() => resolve(undefined), THUMBNAIL_BUDGET_MS); });
    let subscription: vscode.Disposable | undefined;
    const cancelled = new Promise<undefined>((resolve) => { subscription = token.onCancellationRequested(() => resolve(undefined)); });
    try {
      return await Promise.race([entry, budget, cancelled]);
    } finally {
      clearTimeout(timer);
      subscription?.dispose();
    }
  }

  private async render(text: string, at: PathAt, seg: PathSegment): Promise<string | undefined> {
    try {
      if (!this.pool) {
        const { WorkerPool } = await import('../core/render/pool');
        this.pool = new WorkerPool({ size: 1, timeoutMs: getSetting('renderTimeoutSeconds') * 1000, memoryLimitMB: getSetting('renderMemoryMB') });
      }
      const result = await this.pool.render(text, {
        size: THUMBNAIL_SIZE,
        background: 'white',
        highlight: { segment: { elementRange: at.element.range, pathData: standaloneSegment(seg) } },
      });
      if (!result.ok) {
        log().debug(`hover thumbnail: ${result.error}`);
        return undefined;
      }
      return `data:image/png;base64,${Buffer.from(result.png).toString('base64')}`;
    } catch (e) {
      log().debug(`hover thumbnail failed: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }

  dispose(): void {
    this.pool?.dispose();
    this.pool = undefined;
    this.entries.clear();
  }
}

/** Asks the model for a short description of what the path under args depicts; returns the answer (for tests). */
async function explainWithModel(endpoints: Endpoints | undefined, modelTasks: ModelTasksProvider | undefined, args: ExplainWithModelArgs | undefined): Promise<string | undefined> {
  const target = await pathForArgs(args);
  if (!target) {
    await notify('warning', 'SVG Copilot: put the cursor on a path\'s d (or a polyline/polygon\'s points) to explain it.');
    return undefined;
  }
  if (!endpoints || !modelTasks) {
    await notify('error', 'SVG Copilot: no model server is reachable (model features are not available in this window).');
    return undefined;
  }
  const endpoint = await endpointOrOffer(endpoints);
  if (!endpoint) return undefined;
  const value = target.attribute.value;
  const shown = value.length > MODEL_PATH_CHARS ? `${value.slice(0, MODEL_PATH_CHARS)} …(cut; ${value.length} characters in all)` : value;
  const viewBox = target.document.root?.attributes.find((a) => a.name === 'viewBox')?.value;
  const prompt = [
    `This is SVG path data from a <${target.element.name}> element${viewBox ? ` in an SVG with viewBox="${viewBox}"` : ''}:`,
    shown,
    target.analysis ? `Geometry: ${target.analysis.explanation().text}` : '',
    'In one or two sentences, say what shape or object this path most likely depicts.',
  ].filter(Boolean).join('\n\n');
  const answer = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'SVG Copilot: asking the model about this path', cancellable: true },
    async (_progress, token) => {
      const controller = new AbortController();
      const sub = token.onCancellationRequested(() => controller.abort());
      try {
        // ModelTasks loads the openai client from its own bundle on first use,
        // so hovering never pulls it into activation.
        const tasks = await modelTasks.forEndpoint(endpoint);
        return await tasks.ask({ system: 'You describe SVG drawings briefly and concretely.', prompt, temperature: 0.2, maxTokens: 160 }, controller.signal);
      } finally {
        sub.dispose();
      }
    },
  );
  if (answer.kind !== 'ok') {
    if (answer.kind === 'error') await notify('error', `SVG Copilot: the model could not explain the path: ${answer.message}`);
    return undefined;
  }
  const text = answer.text.trim() || '(the model gave an empty answer)';
  log().info(`explain path with model: ${text}`);
  void notify('info', `SVG Copilot: ${text}`);
  return text;
}

async function pathForArgs(args: ExplainWithModelArgs | undefined): Promise<PathAt | undefined> {
  let document: vscode.TextDocument | undefined;
  let offset: number | undefined;
  if (args && typeof args.uri === 'string' && typeof args.offset === 'number') {
    const uri = vscode.Uri.parse(args.uri);
    document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? await vscode.workspace.openTextDocument(uri).then((d) => d, () => undefined);
    offset = args.offset;
  } else {
    const editor = vscode.window.activeTextEditor;
    document = editor?.document;
    offset = editor ? document!.offsetAt(editor.selection.active) : undefined;
  }
  if (!document || offset === undefined) return undefined;
  if (InlineBlockCache.handles(document)) {
    // A path inside an inline <svg> block: explain it from the block's own text.
    const block = blockAt(findInlineSvgBlocks(document.getText(), document.languageId), offset);
    const inBlock = block?.toBlock(offset);
    return block && inBlock !== undefined ? pathAt(block.text, inBlock) : undefined;
  }
  return pathAt(document.getText(), offset);
}
