// "SVG Copilot: Critique SVG" (selection or whole file) and "Apply Fix": the
// critic's score, critique and suggestions go to the preview and to
// diagnostics; a fix is refined by the model and offered as a diff to accept
// or discard.
import * as vscode from 'vscode';
import type { Outcome } from '../../shared/outcome';
import { isSvgDocument } from '../../shared/svgDocument';
import { DisposableStore } from '../../util/disposable';
import { onDidChangeSetting } from '../config';
import { loopSettings } from '../generate/command';
import { endpointOrOffer } from '../model/endpoints';
import type { RunKind } from '../model/runs';
import type { CritiqueFindings, ResolvedEndpoint } from '../model/sessionTypes';
import type { Services } from '../services';
import { APPLY_FIX_COMMAND, CRITIC_SOURCE, ModelCritiques, fullRange, type StoredCritique } from './criticDiagnostics';
import type { ProposalOutcome } from './fixProposal';
import { svgOfActiveNonTextTab } from '../editors/activeSvg';

export const CRITIQUE_COMMAND = 'svgCopilot.critique';
const APPLY_FIX = 'Apply Fix';

export function registerCritique(services: Services): vscode.Disposable {
  const { endpoints, sessions, ui, log, proposals } = services;
  const store = new DisposableStore();
  const critiques: ModelCritiques = store.add(new ModelCritiques(async (doc) => {
    // Mode "onSave": quiet unless it fails for a reason other than a missing server.
    const resolved = await endpoints.resolve();
    if (resolved.kind !== 'ok') return;
    await runCritique(services, resolved.endpoint, critiques, doc, fullRange(doc), '', false);
  }));

  // A verdict belongs to the model that gave it: after a switch, critique anew.
  store.add(onDidChangeSetting(['endpoint', 'model'], () => critiques.forgetVerdicts()));

  store.add(vscode.commands.registerCommand(CRITIQUE_COMMAND, async (uri?: vscode.Uri, goalArg?: string) => {
    const target = await targetDocument(uri);
    if (!target) {
      await ui.notify('warning', 'SVG Copilot: open an SVG file (or select SVG markup) to critique it.');
      return undefined;
    }
    const goal = typeof goalArg === 'string' ? goalArg : await askGoal(services, target.doc, target.range);
    if (goal === undefined) return undefined;
    const endpoint = await endpointOrOffer(endpoints);
    if (!endpoint) return undefined;
    const stored = await runCritique(services, endpoint, critiques, target.doc, target.range, goal, true);
    if (stored) {
      const score = stored.findings.score;
      void ui.notify('info', `SVG Copilot critic: ${score !== undefined ? `score ${score.toFixed(1)}/10. ` : ''}${stored.findings.critique}`, APPLY_FIX)
        .then((c) => (c === APPLY_FIX ? vscode.commands.executeCommand(APPLY_FIX_COMMAND, target.doc.uri) : undefined));
    }
    return stored?.findings;
  }));

  store.add(vscode.commands.registerCommand(APPLY_FIX_COMMAND, async (uri?: vscode.Uri): Promise<ProposalOutcome | undefined> => {
    const target = await targetDocument(uri);
    if (!target) {
      await ui.notify('warning', 'SVG Copilot: open an SVG file to fix it.');
      return undefined;
    }
    const endpoint = await endpointOrOffer(endpoints);
    if (!endpoint) return undefined;
    const { doc } = target;
    // The critiqued region if the critique still matches the text; otherwise the selection or file, critiqued now.
    let stored = critiques.critiqueFor(doc);
    if (!stored) {
      const findings = lintFindings(doc);
      stored = findings
        ? { uri: doc.uri.toString(), version: doc.version, range: target.range, hash: '', goal: '', findings }
        : await runCritique(services, endpoint, critiques, doc, target.range, '', true);
      if (!stored) return undefined;
    }
    const version = doc.version;
    const region = doc.getText(stored.range);
    const refined = await withModelProgress(services, 'fix', 'SVG Copilot: refining', (signal) =>
      sessions.forEndpoint(endpoint).refine(region, stored.goal, stored.findings, loopSettings(), signal));
    if (refined.kind === 'cancelled') return undefined;
    if (refined.kind === 'error') {
      await ui.notify('error', `SVG Copilot: could not produce a fix: ${refined.message}`, 'Show Log').then((c) => (c ? log.show(true) : undefined));
      return undefined;
    }
    if (doc.version !== version) {
      await ui.notify('warning', 'SVG Copilot: the document changed while the fix was being made. Run Apply Fix again.');
      return 'stale';
    }
    if (refined.svg.trim() === region.trim()) {
      await ui.notify('info', 'SVG Copilot: the model proposes no change.');
      return 'discarded';
    }
    if (refined.rationale) log.info(`fix: rationale: ${refined.rationale}`);
    if (refined.removes) log.warn(`fix: ${refined.removes}`);
    // Only what the fix added was taken out (the file's own references stay); the proposal says so.
    if (refined.removedActiveContent) log.warn(`fix: ${refined.removedActiveContent}`);
    const explanation = [refined.rationale ?? '', refined.removedActiveContent ? `From the model's fix, SVG Copilot ${refined.removedActiveContent} (model output is untrusted; the setting svgCopilot.allowActiveContent keeps it).` : '']
      .filter(Boolean).join(' ');
    return proposals.propose(doc, stored.range, refined.svg, explanation, refined.removes);
  }));
  return store;
}

async function targetDocument(uri?: vscode.Uri): Promise<{ doc: vscode.TextDocument; range: vscode.Range } | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (uri instanceof vscode.Uri && editor?.document.uri.toString() !== uri.toString()) {
    const doc = await vscode.workspace.openTextDocument(uri);
    return { doc, range: fullRange(doc) };
  }
  if (!editor) {
    // The image preview (or another custom editor) of an .svg: critique that file.
    const shown = svgOfActiveNonTextTab();
    if (!shown) return undefined;
    const doc = await vscode.workspace.openTextDocument(shown);
    return { doc, range: fullRange(doc) };
  }
  const doc = editor.document;
  if (!editor.selection.isEmpty && /<svg[\s>]/i.test(doc.getText(editor.selection))) return { doc, range: editor.selection };
  if (!isSvgDocument(doc) && !/<svg[\s>]/i.test(doc.getText())) return undefined;
  return { doc, range: fullRange(doc) };
}

/** What the SVG should show: offered from its <title> or the file name; empty is allowed. */
async function askGoal({ ui }: Services, doc: vscode.TextDocument, range: vscode.Range): Promise<string | undefined> {
  const title = /<title[^>]*>([^<]{1,200})<\/title>/i.exec(doc.getText(range))?.[1]?.trim();
  const stem = doc.isUntitled ? '' : (doc.uri.path.split('/').pop() ?? '').replace(/\.svg$/i, '').replace(/[-_]+/g, ' ');
  return ui.askInput({
    title: 'SVG Copilot: Critique SVG',
    prompt: 'What should this SVG show? The critic judges the picture against it (optional).',
    value: title || stem,
    ignoreFocusOut: true,
  });
}

/** Lint findings already shown for the document, as critique input for "Fix with SVG Copilot". */
function lintFindings(doc: vscode.TextDocument): CritiqueFindings | undefined {
  const lint = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source !== CRITIC_SOURCE);
  if (!lint.length) return undefined;
  return {
    critique: `The file has ${lint.length} problem${lint.length === 1 ? '' : 's'} found by lint.`,
    suggestions: lint.slice(0, 20).map((d) => `Line ${d.range.start.line + 1}: ${d.message}`),
    critic: 'text',
  };
}

async function runCritique(services: Services, endpoint: ResolvedEndpoint, critiques: ModelCritiques, doc: vscode.TextDocument, range: vscode.Range, goal: string, loud: boolean): Promise<StoredCritique | undefined> {
  const { ui, log } = services;
  const version = doc.version;
  const text = doc.getText(range);
  const cached = critiques.cached(text, goal);
  const view = loud ? await services.runViews.open(`Critique: ${doc.uri.path.split('/').pop()}`, doc) : undefined;
  let findings = cached;
  if (!findings) {
    const outcome = await withModelProgress(services, 'critique', 'SVG Copilot: critiquing', (signal) =>
      services.sessions.forEndpoint(endpoint).critique(text, goal, loopSettings(), signal));
    if (outcome.kind === 'cancelled') return undefined;
    if (outcome.kind === 'error') {
      if (loud) await ui.notify('error', `SVG Copilot: critique failed: ${outcome.message}`, 'Show Log').then((c) => (c ? log.show(true) : undefined));
      else log.warn(`critique on save failed: ${outcome.message}`);
      return undefined;
    }
    findings = outcome.findings;
  }
  if (doc.version !== version) {
    log.info('critique: the document changed while the critic ran; its findings are dropped');
    return undefined;
  }
  view?.critique({ score: findings.score, critique: findings.critique, suggestions: findings.suggestions });
  return critiques.show(doc, range, goal, findings);
}

async function withModelProgress<T extends object>({ runs }: Services, kind: RunKind, title: string, task: (signal: AbortSignal) => Promise<Outcome<T>>): Promise<Outcome<T>> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (_p, token) => {
    const controller = new AbortController();
    const op = runs.begin(kind, () => controller.abort());
    const sub = token.onCancellationRequested(() => controller.abort());
    try {
      return await task(controller.signal);
    } finally {
      sub.dispose();
      op.end();
    }
  });
}
