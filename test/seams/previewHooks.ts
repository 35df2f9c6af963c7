// Test-only command for the real-VS-Code suites, registered by the test build
// (test/seams/extension.ts). Each action drives the webview through the same
// code paths a user's click or key takes, and reports what came back.
import * as vscode from 'vscode';
import { Placement } from '../../src/features/generate/placement';
import type { RunView } from '../../src/features/generate/runView';
import type { ExportedEvent, RenderedEvent } from '../../src/features/preview/previewManager';
import type { Services } from '../../src/features/services';
import { PREVIEW_VIEW_TYPE, type CandidateView, type CritiqueView, type ProbeReport, type RoundView, type ZoomAction } from '../../src/shared/previewProtocol';
import type { ScriptedUi } from './scriptedUi';

export const PREVIEW_TEST_COMMAND = 'svgCopilot.test.preview';

type Action =
  | { action: 'state' }
  | { action: 'waitRender'; uri?: string; minVersion?: number; afterSeq?: number; okOnly?: boolean; timeoutMs?: number }
  | { action: 'zoom'; zoom: ZoomAction }
  | { action: 'click'; x: number; y: number; timeoutMs?: number }
  | { action: 'probe'; timeoutMs?: number }
  | { action: 'export'; size: number; target: string; timeoutMs?: number }
  | { action: 'generationStart'; title: string; uri?: string }
  | { action: 'generationRounds'; rounds: RoundView[] }
  | { action: 'generationCritique'; critique: CritiqueView | null }
  | { action: 'generationStream'; text: string }
  | { action: 'generationCandidates'; candidates: CandidateView[] }
  /** `placedIn`: the document the result was written to (all of its text), as generate would have placed it. */
  | { action: 'generationFinish'; result?: string; placedIn?: string }
  | { action: 'choose'; index: number }
  | { action: 'restore'; state: unknown };

/** Resolves with the first event `accept` takes; with no `timeoutMs` it waits as long as the test lets it. */
function waitFor<T>(event: vscode.Event<T>, accept: (e: T) => boolean, timeoutMs: number | undefined, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = timeoutMs === undefined ? undefined : setTimeout(() => { sub.dispose(); reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)); }, timeoutMs);
    const sub = event((e) => { if (accept(e)) { clearTimeout(timer); sub.dispose(); resolve(e); } });
  });
}

export function registerPreviewTestHooks(services: Services, ui: ScriptedUi): vscode.Disposable {
  const manager = services.preview;
  const renders: RenderedEvent[] = [];
  const placements: Placement[] = [];
  let view: RunView | undefined;
  const generation = (): RunView => {
    if (!view) throw new Error('no generation started');
    return view;
  };
  const sub = manager.onDidRender((e) => { renders.push(e); if (renders.length > 200) renders.shift(); });
  const command = vscode.commands.registerCommand(PREVIEW_TEST_COMMAND, async (a: Action): Promise<unknown> => {
    switch (a.action) {
      case 'state':
        return { open: manager.isOpen, locked: manager.isLocked, resource: manager.resource?.toString(), lastSent: manager.lastSent, invalidMessages: manager.invalidMessages, renders: renders.length };
      case 'waitRender': {
        const match = (e: RenderedEvent): boolean => (a.uri === undefined || e.uri === a.uri) && e.version >= (a.minVersion ?? -1)
          && e.seq > (a.afterSeq ?? -1) && (!a.okOnly || e.ok);
        // Waits for the event itself: without a timeoutMs only the calling test's own timeout bounds it.
        return renders.find(match) ?? waitFor(manager.onDidRender, match, a.timeoutMs, 'a rendered message');
      }
      case 'zoom':
        manager.post({ type: 'zoom', action: a.zoom });
        return true;
      case 'click': {
        const revealed = waitFor(manager.onDidReveal, () => true, a.timeoutMs ?? 5_000, 'a reveal after the click');
        manager.post({ type: 'testClick', x: a.x, y: a.y });
        const r = await revealed;
        return { uri: r.uri.toString(), start: r.range.start, end: r.range.end };
      }
      case 'probe': {
        const report = waitFor<ProbeReport>(manager.onDidProbe, () => true, a.timeoutMs ?? 5_000, 'the probe report');
        manager.post({ type: 'testProbe' });
        return { ...(await report), hostInvalidMessages: manager.invalidMessages };
      }
      case 'export': {
        ui.answerSaveDialog(vscode.Uri.file(a.target));
        const done = waitFor<ExportedEvent>(manager.onDidExport, () => true, a.timeoutMs ?? 20_000, 'the export');
        manager.post({ type: 'testExport', size: a.size });
        const e = await done;
        return { ok: e.ok, message: e.message, width: e.width, height: e.height, target: e.target?.fsPath };
      }
      case 'generationStart':
        view = await services.runViews.open(a.title, a.uri ? await vscode.workspace.openTextDocument(vscode.Uri.parse(a.uri)) : undefined);
        return manager.lastSent?.seq ?? -1;
      case 'generationStream': generation().stream(a.text); return true;
      case 'generationRounds': generation().rounds(a.rounds); return true;
      case 'generationCritique': generation().critique(a.critique); return true;
      case 'generationCandidates': generation().candidates(a.candidates); return true;
      case 'generationFinish': {
        generation().finish(a.result);
        if (a.placedIn) {
          const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(a.placedIn));
          const placement = new Placement(doc.uri, { start: 0, end: doc.getText().length }, doc.languageId);
          placements.push(placement);
          generation().placed(placement);
        }
        return true;
      }
      case 'restore': {
        // What VS Code does after a window reload: a bare panel of our view type, handed to the serializer with the saved state.
        const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, 'SVG Preview', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
        await manager.restore(panel, a.state);
        return true;
      }
      case 'choose':
        manager.post({ type: 'testChoose', index: a.index });
        return true;
      default:
        throw new Error(`unknown preview test action ${JSON.stringify(a)}`);
    }
  });
  return { dispose: () => { sub.dispose(); command.dispose(); for (const p of placements) p.dispose(); } };
}
