// Hover on path data: the segment under the cursor explained, the whole path
// summarized, a thumbnail with the segment traced (rendered by the shared
// render service, shown only when ready within its budget), and a link that
// asks the model what the path depicts. The content is built in
// hoverContent.ts; this file is the vscode side.
import * as vscode from 'vscode';
import { pathAt, type PathAt } from '../../core/svg/explain';
import { isSvgDocument } from '../../shared/svgDocument';
import { DisposableStore } from '../../util/disposable';
import { getSetting } from '../config';
import { endpointOrOffer } from '../model/endpoints';
import type { Services } from '../services';
import { SVG_SELECTOR } from '../svgSelector';
import { EXPLAIN_PATH_WITH_MODEL_COMMAND, pathHoverContent, thumbnailMarkdown, type ExplainWithModelArgs } from './hoverContent';
import { THUMBNAIL_SHOWN_WIDTH, ThumbnailCache } from './thumbnails';

export { EXPLAIN_PATH_WITH_MODEL_COMMAND, type ExplainWithModelArgs } from './hoverContent';

/** Path data sent to the model at most; longer paths are cut (the summary still covers all of it). */
const MODEL_PATH_CHARS = 6000;

export function registerHover(services: Services): vscode.Disposable {
  const store = new DisposableStore();
  const thumbnails = store.add(new ThumbnailCache(services.renderer, (m) => services.log.debug(m)));
  store.add(vscode.languages.registerHoverProvider(SVG_SELECTOR, {
    provideHover: (document, position, token) => provideHover(document, position, token, thumbnails),
  }));
  store.add(vscode.commands.registerCommand(EXPLAIN_PATH_WITH_MODEL_COMMAND, (args?: ExplainWithModelArgs) => explainWithModel(services, args)));
  return store;
}

async function provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken, thumbnails: ThumbnailCache): Promise<vscode.Hover | undefined> {
  if (!isSvgDocument(document)) return undefined;
  const text = document.getText();
  const offset = document.offsetAt(position);
  const content = pathHoverContent(text, offset, document.uri.toString());
  if (!content) return undefined;
  const range = new vscode.Range(document.positionAt(content.range.start), document.positionAt(content.range.end));
  const md = new vscode.MarkdownString(content.markdown);
  md.isTrusted = { enabledCommands: [EXPLAIN_PATH_WITH_MODEL_COMMAND] };
  const { at, segment } = content;
  if (at.analysis && segment && getSetting('hoverThumbnail')) {
    const key = `${document.uri.toString()}@${document.version}#${at.attribute.valueRange.start}:${segment.index}`;
    let subscription: vscode.Disposable | undefined;
    const cancelled = new Promise<void>((resolve) => { subscription = token.onCancellationRequested(() => resolve()); });
    try {
      const uri = await thumbnails.get(key, text, at, segment, cancelled);
      if (token.isCancellationRequested) return undefined;
      if (uri) md.appendMarkdown(thumbnailMarkdown(segment, uri, THUMBNAIL_SHOWN_WIDTH));
    } finally {
      subscription?.dispose();
    }
  }
  return new vscode.Hover(md, range);
}

/** Asks the model for a short description of what the path under args depicts; returns the answer (for tests). */
async function explainWithModel(services: Services, args: ExplainWithModelArgs | undefined): Promise<string | undefined> {
  const { endpoints, sessions, ui, log } = services;
  const target = await pathForArgs(args);
  if (!target) {
    await ui.notify('warning', 'SVG Copilot: put the cursor on a path\'s d (or a polyline/polygon\'s points) to explain it.');
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
        // The session loads the openai client from its own bundle on first use,
        // so hovering never pulls it into activation.
        return await sessions.forEndpoint(endpoint).ask({ system: 'You describe SVG drawings briefly and concretely.', prompt, temperature: 0.2, maxTokens: 160 }, controller.signal);
      } finally {
        sub.dispose();
      }
    },
  );
  if (answer.kind !== 'ok') {
    if (answer.kind === 'error') await ui.notify('error', `SVG Copilot: the model could not explain the path: ${answer.message}`);
    return undefined;
  }
  const text = answer.text.trim() || '(the model gave an empty answer)';
  log.info(`explain path with model: ${text}`);
  void ui.notify('info', `SVG Copilot: ${text}`);
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
  return pathAt(document.getText(), offset);
}
