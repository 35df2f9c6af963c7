// The test build's Ui: every question goes to VS Code as usual unless a test
// queued an answer for it; every notification is recorded. Tests reach it
// through the extension's exports in the test build (test/seams/extension.ts).
import type * as vscode from 'vscode';
import { VscodeUi, type HistoryPromptOptions, type MessageSeverity } from '../../src/features/ui';

export interface ShownMessage {
  severity: MessageSeverity;
  text: string;
  actions: string[];
}

/** What a test may script and observe. */
export interface InteractionTestApi {
  /** Queue the next answer to an input box (undefined = the user pressed Escape). */
  answerInput(value: string | undefined): void;
  /** Queue the next quick-pick choice by label (undefined = dismissed). */
  answerPick(label: string | undefined): void;
  /** Queue the button pressed on the next notification whose text contains `match`. */
  answerMessage(match: string, action: string | undefined): void;
  /** Queue the file the next save dialog returns (undefined = cancelled). */
  answerSaveDialog(target: vscode.Uri | undefined): void;
  /** Every notification shown since the last clear. */
  messages(): ShownMessage[];
  clear(): void;
  /** Resolves with the first notification shown (now or later) whose text contains `match`. */
  waitForMessage(match: string, timeoutMs?: number): Promise<ShownMessage>;
}

export class ScriptedUi extends VscodeUi implements InteractionTestApi {
  private readonly inputs: (string | undefined)[] = [];
  private readonly picks: (string | undefined)[] = [];
  private readonly buttons: { match: string; action: string | undefined }[] = [];
  private readonly saveTargets: (vscode.Uri | undefined)[] = [];
  private shown: ShownMessage[] = [];
  private waiters: { match: string; resolve: (m: ShownMessage) => void }[] = [];

  answerInput(value: string | undefined): void { this.inputs.push(value); }
  answerPick(label: string | undefined): void { this.picks.push(label); }
  answerMessage(match: string, action: string | undefined): void { this.buttons.push({ match, action }); }
  answerSaveDialog(target: vscode.Uri | undefined): void { this.saveTargets.push(target); }
  messages(): ShownMessage[] { return [...this.shown]; }
  clear(): void { this.shown = []; this.inputs.length = 0; this.picks.length = 0; this.buttons.length = 0; this.saveTargets.length = 0; }

  waitForMessage(match: string, timeoutMs = 60_000): Promise<ShownMessage> {
    const seen = this.shown.find((m) => m.text.includes(match));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no message containing "${match}" within ${timeoutMs} ms; shown: ${JSON.stringify(this.shown)}`)), timeoutMs);
      this.waiters.push({ match, resolve: (m) => { clearTimeout(timer); resolve(m); } });
    });
  }

  override async askInput(options: vscode.InputBoxOptions): Promise<string | undefined> {
    if (this.inputs.length) return this.inputs.shift();
    return super.askInput(options);
  }

  override async pickOne<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<T | undefined> {
    if (this.picks.length) {
      const label = this.picks.shift();
      return label === undefined ? undefined : items.find((i) => i.label === label);
    }
    return super.pickOne(items, options);
  }

  override askWithHistory(options: HistoryPromptOptions): Promise<string | undefined> {
    if (this.inputs.length) return Promise.resolve(this.inputs.shift());
    return super.askWithHistory(options);
  }

  override async askSaveTarget(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined> {
    if (this.saveTargets.length) return this.saveTargets.shift();
    return super.askSaveTarget(options);
  }

  /** The notification is still shown and recorded; a scripted button answers at once, an unscripted one counts as dismissed so a test never waits on the UI. */
  override async notify(severity: MessageSeverity, text: string, ...actions: string[]): Promise<string | undefined> {
    const m: ShownMessage = { severity, text, actions };
    this.shown.push(m);
    for (const w of this.waiters.filter((w) => text.includes(w.match))) {
      this.waiters.splice(this.waiters.indexOf(w), 1);
      w.resolve(m);
    }
    const i = this.buttons.findIndex((b) => text.includes(b.match));
    const action = i < 0 ? undefined : this.buttons.splice(i, 1)[0].action;
    void super.notify(severity, text, ...actions);
    return action;
  }
}
