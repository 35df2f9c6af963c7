// The @svg chat participant: /generate, /critique, /explain and /optimize in
// VS Code's chat. It streams progress, shows the render inline, and offers the
// result as an edit the user reviews in a diff and applies (stable API only:
// markdown, progress and command buttons; the diff is vscode.diff).
import * as vscode from 'vscode';
import { bytesSavedText, optimizeChecked, pictureChangeWarning } from '../../core/optimizeChecked';
import { analyzeGeometry, MAX_EXPLAINED_CHARS, pathAt, segmentExplanation, type PathAnalysis } from '../../core/svg/explain';
import { DisposableStore } from '../../util/disposable';
import { getSetting } from '../config';
import type { FixProposals, ProposalLabels } from '../critique/fixProposal';
import { loopSettings } from '../generate/command';
import { languageModelEndpoint } from '../model/endpoints';
import { OWN_LANGUAGE_MODEL_VENDOR } from '../model/languageModels';
import type { ResolvedEndpoint, RoundSummary } from '../model/sessionTypes';
import type { Services } from '../services';
import { activeSvgDocument, signalOf, type SvgSource } from './svgSource';

export const PARTICIPANT_ID = 'svgCopilot.svg';
/** Button target: review an SVG from chat as a diff against a document, or open it in a new editor. */
export const REVIEW_CHAT_RESULT_COMMAND = 'svgCopilot.chat.reviewResult';

/** What the participant uses of the services. */
export type ParticipantServices = Pick<Services, 'context' | 'renderer' | 'endpoints' | 'sessions' | 'proposals'>;

interface ReviewArgs {
  svg: string;
  /** The document to replace; absent: open the SVG in a new editor. */
  uri?: string;
  explanation?: string;
}

const INLINE_RENDER_SIZE = 160;
/** Longer optimized SVGs are not repeated in the chat (the diff shows them). */
const MAX_SHOWN_SVG_CHARS = 50_000;

export function registerParticipant(services: ParticipantServices): vscode.Disposable {
  const store = new DisposableStore();
  const participant = store.add(vscode.chat.createChatParticipant(PARTICIPANT_ID, (request, chatContext, stream, token) => handleChatRequest(services, request, stream, token)));
  participant.iconPath = vscode.Uri.joinPath(services.context.extensionUri, 'media', 'preview-dark.svg');
  store.add(vscode.commands.registerCommand(REVIEW_CHAT_RESULT_COMMAND, (args?: ReviewArgs) => review(services.proposals, args)));
  return store;
}

/** Answers one chat request: a plain function of the request, the response stream and the services (the chat view calls it through the participant). */
export async function handleChatRequest(services: ParticipantServices, request: vscode.ChatRequest, stream: vscode.ChatResponseStream, token: vscode.CancellationToken): Promise<vscode.ChatResult> {
  const command = request.command ?? (request.prompt.trim() ? 'generate' : 'help');
  try {
    switch (command) {
      case 'generate':
        await generate(services, request, stream, token);
        break;
      case 'critique':
        await critique(services, request, stream, token);
        break;
      case 'explain':
        await explain(services, request, stream, token);
        break;
      case 'optimize':
        await optimize(services, request, stream, token);
        break;
      default:
        stream.markdown('Describe an SVG to generate it, or use **/generate**, **/critique** (the open SVG or a `#file`), **/explain** (path data, or the path at the cursor) or **/optimize**.');
    }
  } catch (e) {
    return { errorDetails: { message: e instanceof Error ? e.message : String(e) }, metadata: { command } };
  }
  return { metadata: { command } };
}

/**
 * The configured endpoint; with "vscode-lm" and no model set, the model picked
 * in the chat (unless it is this extension's own local-server model).
 */
async function endpointFor(services: ParticipantServices, request: vscode.ChatRequest): Promise<ResolvedEndpoint> {
  const resolved = await services.endpoints.resolve();
  if (resolved.kind === 'cancelled') throw new Error('Cancelled.');
  if (resolved.kind === 'unavailable') throw new Error(resolved.message);
  const endpoint = resolved.endpoint;
  if (endpoint.kind === 'vscode-lm' && !getSetting('model').trim() && request.model.vendor !== OWN_LANGUAGE_MODEL_VENDOR) {
    return languageModelEndpoint(request.model);
  }
  return endpoint;
}

async function generate(services: ParticipantServices, request: vscode.ChatRequest, stream: vscode.ChatResponseStream, token: vscode.CancellationToken): Promise<void> {
  const prompt = request.prompt.trim();
  if (!prompt) {
    stream.markdown('Say what to draw, e.g. `@svg /generate a red heart with a white outline`.');
    return;
  }
  // The editor the request was made from, not whichever is active once the model has answered.
  const target = activeSvgDocument();
  stream.progress('Generating the SVG…');
  const endpoint = await endpointFor(services, request);
  const settings = loopSettings();
  const { signal, dispose } = signalOf(token);
  try {
    const tasks = services.sessions.forEndpoint(endpoint);
    const outcome = await tasks.generate(prompt, settings, (e) => {
      if (e.type === 'round' && e.round > 1) stream.progress(`Round ${e.round} of ${settings.rounds}: refining…`);
      else if (e.type === 'critique' && e.findings.score !== undefined) stream.progress(`Round ${e.round}: score ${e.findings.score}/10`);
    }, signal);
    if (outcome.kind === 'cancelled') return;
    if (outcome.kind === 'error') throw new Error(`Generation failed: ${outcome.message}`);
    const png = bestRender(outcome.history, outcome.svg) ?? (await renderPng(services, outcome.svg, signal));
    showRender(stream, png, prompt);
    if (outcome.score !== undefined) stream.markdown(`Score ${outcome.score}/10 after ${new Set(outcome.history.map((h) => h.round)).size} round(s).\n\n`);
    if (outcome.warning) stream.markdown(`> ${outcome.warning}\n\n`);
    showSvg(stream, outcome.svg);
    offerResult(stream, outcome.svg, target, `Generated for "${prompt}".`);
  } finally {
    dispose();
  }
}

async function critique(services: ParticipantServices, request: vscode.ChatRequest, stream: vscode.ChatResponseStream, token: vscode.CancellationToken): Promise<void> {
  const source = await sourceFor(request);
  stream.progress(`Rendering ${source.label} and asking the critic…`);
  const endpoint = await endpointFor(services, request);
  const { signal, dispose } = signalOf(token);
  try {
    const tasks = services.sessions.forEndpoint(endpoint);
    const r = await tasks.critique(source.text, request.prompt.trim(), loopSettings(), signal);
    if (r.kind === 'cancelled') return;
    if (r.kind === 'error') throw new Error(`The critique failed: ${r.message}`);
    if (r.pngBase64) showRender(stream, Buffer.from(r.pngBase64, 'base64'), source.label);
    const f = r.findings;
    stream.markdown([
      `**Score: ${f.score === undefined ? 'none' : `${f.score}/10`}**${f.critic ? ` (${f.critic} critic)` : ''}`,
      '',
      f.critique || '(no critique)',
      '',
      ...f.suggestions.map((s, i) => `${i + 1}. ${s}`),
    ].join('\n'));
    if (source.document) {
      stream.button({ command: 'svgCopilot.applyFix', title: 'Apply Fix', arguments: [source.document.uri] });
    }
  } finally {
    dispose();
  }
}

async function explain(services: ParticipantServices, request: vscode.ChatRequest, stream: vscode.ChatResponseStream, token: vscode.CancellationToken): Promise<void> {
  const given = request.prompt.trim();
  let analysis: PathAnalysis | undefined;
  let label = 'the given path';
  // Path data starts with a moveto and a number; "Make sense of …" is a question about the path at the cursor.
  if (/^[Mm][\s,]*[-+.\d]/.test(given)) {
    if (given.length > MAX_EXPLAINED_CHARS) throw new Error(`The path data is ${given.length} characters long; explanations stop at ${MAX_EXPLAINED_CHARS}.`);
    analysis = analyzeGeometry(given, 'd');
  } else {
    const editor = vscode.window.activeTextEditor;
    const at = editor ? pathAt(editor.document.getText(), editor.document.offsetAt(editor.selection.active)) : undefined;
    if (!at) {
      stream.markdown('Give path data (`@svg /explain M 2 2 L 10 10 Z`), or put the cursor on a `d` or `points` attribute and ask again.');
      return;
    }
    if (!at.analysis) throw new Error(at.note ?? 'This path cannot be explained.');
    analysis = at.analysis;
    label = `the <${at.element.name}> ${at.attribute.name} at the cursor`;
  }
  const whole = analysis.explanation();
  if (whole.bbox && whole.bbox.width + whole.bbox.height > 0) {
    const { signal, dispose } = signalOf(token);
    try {
      const pad = Math.max(whole.bbox.width, whole.bbox.height) * 0.05 || 1;
      const box = [whole.bbox.x - pad, whole.bbox.y - pad, whole.bbox.width + 2 * pad, whole.bbox.height + 2 * pad].join(' ');
      const stroke = Math.max(whole.bbox.width, whole.bbox.height) / 100;
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${box}"><path d="${analysis.value.replace(/[&<>"]/g, ' ')}" fill="#9cf" fill-opacity="0.5" stroke="#036" stroke-width="${stroke}"/></svg>`;
      const png = await renderPng(services, svg, signal).catch(() => undefined);
      if (png) showRender(stream, png, label);
    } finally {
      dispose();
    }
  }
  const segments = analysis.parsed.segments.map((s) => segmentExplanation(s));
  const shown = segments.slice(0, 200);
  stream.markdown([`**${label}**: ${whole.text}`, '', ...shown.map((s) => `${s.index + 1}. \`${s.command}\` ${s.text}`), ...(segments.length > shown.length ? [`…and ${segments.length - shown.length} more segments.`] : [])].join('\n'));
}

async function optimize(services: ParticipantServices, request: vscode.ChatRequest, stream: vscode.ChatResponseStream, token: vscode.CancellationToken): Promise<void> {
  const source = await sourceFor(request);
  stream.progress(`Optimizing ${source.label} with svgo…`);
  const { signal, dispose } = signalOf(token);
  try {
    // The same checked optimization as the Optimize SVG command: svgo, then the
    // renders before and after compared, so a changed picture is said before Apply.
    const r = await optimizeChecked(services.renderer, source.text, {}, signal);
    if (!r.ok) throw new Error(r.kind === 'cancelled' ? 'Cancelled.' : `svgo could not optimize ${source.label}: ${r.error}`);
    if (r.svg === source.text || r.bytesAfter >= r.bytesBefore) {
      stream.markdown(`${source.label} is already as small as the safe optimizations make it (${r.bytesBefore.toLocaleString('en-US')} bytes).`);
      return;
    }
    const saved = bytesSavedText(r.bytesBefore, r.bytesAfter);
    const warning = pictureChangeWarning(r.comparison);
    const checked = r.comparison.ok && !warning ? ` The picture is unchanged (${r.comparison.width}×${r.comparison.height}, pixel by pixel).` : '';
    stream.markdown(`${source.label}: ${saved}.${checked}\n\n`);
    if (warning) stream.markdown(`> ${warning}\n\n`);
    if (r.svg.length <= MAX_SHOWN_SVG_CHARS) showSvg(stream, r.svg);
    else stream.markdown(`The optimized SVG is ${r.svg.length.toLocaleString('en-US')} characters long; review it in the diff.\n\n`);
    offerResult(stream, r.svg, source.document, `svgo: ${saved}.${warning ? ` ${warning}` : checked}`);
  } finally {
    dispose();
  }
}

/** The SVG a chat request is about: the first #file or selection reference, else the active SVG editor. */
async function sourceFor(request: vscode.ChatRequest): Promise<SvgSource> {
  for (const ref of request.references) {
    const value = ref.value;
    const uri = value instanceof vscode.Uri ? value : value instanceof vscode.Location ? value.uri : undefined;
    if (!uri) continue;
    const document = await vscode.workspace.openTextDocument(uri);
    const text = value instanceof vscode.Location && !value.range.isEmpty ? document.getText(value.range) : document.getText();
    return { text, label: uri.path.split('/').pop() || uri.toString(true), document: value instanceof vscode.Location && !value.range.isEmpty ? undefined : document };
  }
  const document = activeSvgDocument();
  if (!document) throw new Error('Open an SVG file, or attach one with #file, and ask again.');
  return { text: document.getText(), label: document.uri.path.split('/').pop() || 'the active editor', document };
}

function bestRender(history: RoundSummary[], svg: string): Uint8Array | undefined {
  const png = history.find((h) => h.svg === svg && h.pngBase64)?.pngBase64;
  return png ? Buffer.from(png, 'base64') : undefined;
}

async function renderPng(services: ParticipantServices, svg: string, signal: AbortSignal): Promise<Uint8Array | undefined> {
  const r = await services.renderer.render(svg, { size: INLINE_RENDER_SIZE, background: 'white' }, signal);
  return r.ok ? r.png : undefined;
}

function showRender(stream: vscode.ChatResponseStream, png: Uint8Array | undefined, alt: string): void {
  if (!png) return;
  const safeAlt = alt.replace(/[[\]\n\r]/g, ' ').slice(0, 80);
  stream.markdown(new vscode.MarkdownString(`![${safeAlt}](data:image/png;base64,${Buffer.from(png).toString('base64')})\n\n`));
}

function showSvg(stream: vscode.ChatResponseStream, svg: string): void {
  // A fence longer than any run of backticks in the SVG, so model output cannot close it early.
  const longest = Math.max(2, ...(svg.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  stream.markdown(`${fence}svg\n${svg}\n${fence}\n`);
}

function offerResult(stream: vscode.ChatResponseStream, svg: string, target: vscode.TextDocument | undefined, explanation: string): void {
  if (target) {
    stream.button({ command: REVIEW_CHAT_RESULT_COMMAND, title: `Review and Apply to ${target.uri.path.split('/').pop()}`, arguments: [{ svg, uri: target.uri.toString(), explanation } satisfies ReviewArgs] });
  }
  stream.button({ command: REVIEW_CHAT_RESULT_COMMAND, title: 'Open in New Editor', arguments: [{ svg } satisfies ReviewArgs] });
}

/** How a chat result is named in the diff and its notification (it is not a fix of a finding). */
const CHAT_RESULT_LABELS: ProposalLabels = {
  title: 'SVG Copilot chat result',
  lead: 'SVG Copilot chat proposes a new version of {name}.',
  noun: 'chat result',
  rerun: 'Ask @svg again.',
};

/** Opens the SVG as a diff against the document (Accept applies it as one edit), or in a new untitled editor. */
async function review(proposals: FixProposals, args: ReviewArgs | undefined): Promise<string | undefined> {
  if (!args || typeof args.svg !== 'string') return undefined;
  if (typeof args.uri === 'string') {
    const uri = vscode.Uri.parse(args.uri, true);
    const doc = await vscode.workspace.openTextDocument(uri);
    const all = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
    return proposals.propose(doc, all, args.svg, args.explanation ?? '', undefined, CHAT_RESULT_LABELS);
  }
  const languages = await vscode.languages.getLanguages();
  const doc = await vscode.workspace.openTextDocument({ language: languages.includes('svg') ? 'svg' : 'xml', content: args.svg });
  await vscode.window.showTextDocument(doc);
  return 'opened';
}
