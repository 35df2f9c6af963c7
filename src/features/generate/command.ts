// "SVG Copilot: Generate SVG from Prompt". The model's text streams into the
// preview only; the user's document changes once, when the loop has finished,
// as a single edit (one undo restores it). Cancel leaves the document alone.
import * as vscode from 'vscode';
import type { CandidateView, RoundView } from '../../shared/previewProtocol';
import { isSvgDocument } from '../../shared/svgDocument';
import { explicitSetting, getSetting, promptProfile } from '../config';
import { endpointOrOffer } from '../model/endpoints';
import type { GenerationEvent, LoopSettings } from '../model/sessionTypes';
import type { Services } from '../services';
import { Placement } from './placement';
import { openSourceBeside, svgOfActiveNonTextTab } from '../editors/activeSvg';
import { svgForTarget } from './svgForTarget';

export const GENERATE_COMMAND = 'svgCopilot.generate';

const RECENT_KEY = 'svgCopilot.recentPrompts';
const RECENT_MAX = 20;
const INLINE_LANGUAGES = new Set(['svg', 'html', 'markdown', 'javascriptreact', 'typescriptreact', 'vue']);

type Target =
  | { kind: 'document'; uri: vscode.Uri; range: vscode.Range; version: number; languageId: string }
  | { kind: 'untitled' };

/** Per-window overrides chosen with the prompt's settings button. */
interface QuickSettings { candidates?: number; rounds?: number }

export function registerGenerate(services: Services): vscode.Disposable {
  const quick: QuickSettings = {};
  let lastPlacement: Placement | undefined;
  const command = vscode.commands.registerCommand(GENERATE_COMMAND, async (prompt?: string) => {
    const placement = await generate(services, quick, prompt);
    if (!placement) return false;
    // Only the latest result can be swapped for a candidate; older ones stop being tracked.
    lastPlacement?.dispose();
    lastPlacement = placement;
    return true;
  });
  return { dispose: () => { command.dispose(); lastPlacement?.dispose(); } };
}

function targetOf(editor: vscode.TextEditor | undefined): Target {
  if (!editor) return { kind: 'untitled' };
  const doc = editor.document;
  // An untitled XML buffer holding an SVG is a scratch result: a new generation opens its own.
  const isSvgFile = isSvgDocument(doc) && !(doc.isUntitled && doc.languageId === 'xml');
  if (!isSvgFile && !INLINE_LANGUAGES.has(doc.languageId)) return { kind: 'untitled' };
  return { kind: 'document', uri: doc.uri, range: editor.selection, version: doc.version, languageId: isSvgFile ? 'svg' : doc.languageId };
}

/** Rounds and threshold the user did not set stay undefined, so the prompt profile's defaults apply (IntroSVG: 4 and 9.5). */
export function loopSettings(overrides: QuickSettings = {}): LoopSettings {
  return {
    rounds: overrides.rounds ?? explicitSetting('loopRounds'),
    threshold: explicitSetting('loopThreshold'),
    prompts: promptProfile(),
    candidates: overrides.candidates ?? getSetting('loopCandidates'),
    renderSize: getSetting('renderSize'),
    timeoutMs: getSetting('requestTimeoutSeconds') * 1000,
    allowActiveContent: getSetting('allowActiveContent'),
  };
}

async function askPrompt({ context, ui }: Services, quick: QuickSettings): Promise<string | undefined> {
  const history = context.globalState.get<string[]>(RECENT_KEY, []);
  return ui.askWithHistory({
    title: 'SVG Copilot: Generate SVG',
    placeholder: 'Describe the SVG, e.g. "a red heart with a white outline"',
    history,
    buttons: [{
      button: { iconPath: new vscode.ThemeIcon('settings-gear'), tooltip: 'Candidates and rounds for this window' },
      run: async () => {
        const c = await ui.pickOne(['1', '2', '4', '8'].map((v) => ({ label: v, description: Number(v) === (quick.candidates ?? getSetting('loopCandidates')) ? 'current' : '' })), { title: 'Candidates in the first round (best-of-N)' });
        if (c) quick.candidates = Number(c.label);
        const r = await ui.pickOne(['1', '2', '3', '4', '5'].map((v) => ({ label: v, description: Number(v) === (quick.rounds ?? getSetting('loopRounds')) ? 'current' : '' })), { title: 'Most generate → critique → refine rounds' });
        if (r) quick.rounds = Number(r.label);
      },
    }],
  });
}

async function remember(context: vscode.ExtensionContext, prompt: string): Promise<void> {
  const history = context.globalState.get<string[]>(RECENT_KEY, []).filter((p) => p !== prompt);
  await context.globalState.update(RECENT_KEY, [prompt, ...history].slice(0, RECENT_MAX));
}

function progressLine(round: number, rounds: number | undefined, score: number | undefined, tps: number | undefined): string {
  const parts = [rounds === undefined ? `round ${round}` : `round ${round}/${rounds}`];
  if (score !== undefined) parts.push(`best score ${score.toFixed(1)}`);
  if (tps) parts.push(`${tps.toFixed(1)} tok/s`);
  return parts.join(' · ');
}

/** Runs one generation; resolves with where the result went, or undefined when there is none. */
async function generate(services: Services, quick: QuickSettings, givenPrompt?: string): Promise<Placement | undefined> {
  const { context, endpoints, sessions, runs, ui, log } = services;
  // From the image preview of an .svg: once there is a prompt, its source opens beside it and the SVG is generated into it.
  const shown = vscode.window.activeTextEditor ? undefined : svgOfActiveNonTextTab();
  let target = targetOf(vscode.window.activeTextEditor);
  const prompt = (typeof givenPrompt === 'string' ? givenPrompt : await askPrompt(services, quick))?.trim();
  if (!prompt) return undefined;
  if (shown) target = targetOf(await openSourceBeside(shown));
  await remember(context, prompt);

  const endpoint = await endpointOrOffer(endpoints);
  if (!endpoint) return undefined;

  const settings = loopSettings(quick);
  const view = await services.runViews.open(`Generating: ${prompt}`);
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'SVG Copilot: generating', cancellable: true },
    async (progress, cancelToken) => {
      const controller = new AbortController();
      const run = runs.begin('generate', () => controller.abort());
      const onCancel = cancelToken.onCancellationRequested(() => controller.abort());
      try {
        const session = sessions.forEndpoint(endpoint);
        let round = 1;
        let of = settings.rounds;
        let best: number | undefined;
        let tps: number | undefined;
        const rounds: RoundView[] = [];
        const candidates: CandidateView[] = [];
        progress.report({ message: progressLine(round, of, best, tps) });
        const onEvent = (e: GenerationEvent) => {
          run.event(e);
          switch (e.type) {
            case 'round':
              round = e.round;
              of = e.of;
              break;
            case 'stream':
              tps = e.tokensPerSecond ?? tps;
              view.stream(e.text);
              break;
            case 'candidate':
              if (e.round === 1) {
                candidates[e.index] = { index: e.index, svg: e.svg, label: e.blank ? 'empty' : e.valid ? undefined : 'invalid' };
                if (settings.candidates > 1) view.candidates(candidates.filter(Boolean));
              }
              break;
            case 'critique':
              if (e.findings.score !== undefined) best = Math.max(best ?? 0, e.findings.score);
              rounds.push({ round: e.round, score: e.findings.score, svg: e.svg, label: `round ${e.round}${settings.candidates > 1 ? ` #${e.index + 1}` : ''}` });
              view.rounds(rounds);
              view.critique({ score: e.findings.score, critique: e.findings.critique, suggestions: e.findings.suggestions });
              if (e.round === 1 && candidates[e.index]) {
                candidates[e.index] = { ...candidates[e.index], score: e.findings.score };
                if (settings.candidates > 1) view.candidates(candidates.filter(Boolean));
              }
              break;
          }
          progress.report({ message: progressLine(round, of, best, tps) });
        };
        return await session.generate(prompt, settings, onEvent, controller.signal);
      } finally {
        onCancel.dispose();
        run.end();
      }
    },
  );

  if (outcome.kind === 'cancelled') {
    view.finish(undefined);
    log.info('generate: cancelled; the document is unchanged');
    return undefined;
  }
  if (outcome.kind === 'error') {
    view.finish(undefined);
    await ui.notify('error', `SVG Copilot: generation failed: ${outcome.message}`, 'Show Log').then((c) => (c ? log.show(true) : undefined));
    return undefined;
  }
  view.finish(outcome.svg);
  if (outcome.tokensPerSecond) endpoints.reportSpeed(outcome.tokensPerSecond);
  if (outcome.rationale) log.info(`generate: rationale: ${outcome.rationale}`);
  const placement = await placeResult(services, target, outcome.svg);
  view.placed(placement);
  log.info(`generate: "${prompt}" → ${outcome.svg.length} chars, score ${outcome.score ?? 'n/a'}, into ${placement.uri.toString()}`);
  if (outcome.warning) void ui.notify('warning', `SVG Copilot: ${outcome.warning}`);
  if (outcome.removedActiveContent) {
    log.info(`generate: ${outcome.removedActiveContent}`);
    void ui.notify('warning', `SVG Copilot: ${outcome.removedActiveContent} from the model's answer (model output is untrusted; the setting svgCopilot.allowActiveContent keeps it).`);
  }
  return placement;
}

/** Applies the result as one edit: in the target document if it is unchanged since the command started, else in a new untitled document. */
async function placeResult({ ui }: Services, target: Target, svg: string): Promise<Placement> {
  if (target.kind === 'document') {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.uri.toString());
    if (doc && !doc.isClosed && doc.version === target.version) {
      const text = svgForTarget(svg, target.languageId);
      const start = doc.offsetAt(target.range.start);
      const edit = new vscode.WorkspaceEdit();
      edit.replace(target.uri, target.range, text);
      if (await vscode.workspace.applyEdit(edit)) {
        const editor = await vscode.window.showTextDocument(doc, { preserveFocus: false });
        editor.selection = new vscode.Selection(editor.selection.end, editor.selection.end);
        return new Placement(doc.uri, { start, end: start + text.length }, target.languageId);
      }
    } else {
      void ui.notify('info', 'SVG Copilot: the document changed while generating, so the result opens in a new editor instead.');
    }
  }
  const languages = await vscode.languages.getLanguages();
  const doc = await vscode.workspace.openTextDocument({ language: languages.includes('svg') ? 'svg' : 'xml', content: '' });
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Active });
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, new vscode.Position(0, 0), svg);
  await vscode.workspace.applyEdit(edit);
  return new Placement(doc.uri, { start: 0, end: svg.length }, doc.languageId);
}
