// Every question the features ask the user goes through here, so the real-VS-Code
// tests can answer input boxes, quick picks and notification buttons. The
// scripted answers exist only when the extension host runs with
// SVG_COPILOT_TEST=1 (set by the test harness); for users these functions are
// plain pass-throughs to vscode.window.
import * as vscode from 'vscode';

export type MessageSeverity = 'info' | 'warning' | 'error';

export interface ShownMessage {
  severity: MessageSeverity;
  text: string;
  actions: string[];
}

/** What a test may script and observe. Exposed through the extension's exports in test mode only. */
export interface InteractionTestApi {
  /** Queue the next answer to an input box (undefined = the user pressed Escape). */
  answerInput(value: string | undefined): void;
  /** Queue the next quick-pick choice by label (undefined = dismissed). */
  answerPick(label: string | undefined): void;
  /** Queue the button pressed on the next notification whose text contains `match`. */
  answerMessage(match: string, action: string | undefined): void;
  /** Every notification shown since the last clear. */
  messages(): ShownMessage[];
  clear(): void;
  /** Resolves with the first notification shown (now or later) whose text contains `match`. */
  waitForMessage(match: string, timeoutMs?: number): Promise<ShownMessage>;
}

const testMode = process.env.SVG_COPILOT_TEST === '1';

class ScriptedAnswers implements InteractionTestApi {
  readonly inputs: (string | undefined)[] = [];
  readonly picks: (string | undefined)[] = [];
  readonly buttons: { match: string; action: string | undefined }[] = [];
  private shown: ShownMessage[] = [];
  private waiters: { match: string; resolve: (m: ShownMessage) => void }[] = [];

  answerInput(value: string | undefined): void { this.inputs.push(value); }
  answerPick(label: string | undefined): void { this.picks.push(label); }
  answerMessage(match: string, action: string | undefined): void { this.buttons.push({ match, action }); }
  messages(): ShownMessage[] { return [...this.shown]; }
  clear(): void { this.shown = []; this.inputs.length = 0; this.picks.length = 0; this.buttons.length = 0; }

  record(m: ShownMessage): void {
    this.shown.push(m);
    for (const w of this.waiters.filter((w) => m.text.includes(w.match))) {
      this.waiters.splice(this.waiters.indexOf(w), 1);
      w.resolve(m);
    }
  }

  takeButton(text: string): { scripted: boolean; action: string | undefined } {
    const i = this.buttons.findIndex((b) => text.includes(b.match));
    if (i < 0) return { scripted: false, action: undefined };
    return { scripted: true, action: this.buttons.splice(i, 1)[0].action };
  }

  waitForMessage(match: string, timeoutMs = 60_000): Promise<ShownMessage> {
    const seen = this.shown.find((m) => m.text.includes(match));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no message containing "${match}" within ${timeoutMs} ms; shown: ${JSON.stringify(this.shown)}`)), timeoutMs);
      this.waiters.push({ match, resolve: (m) => { clearTimeout(timer); resolve(m); } });
    });
  }
}

const scripted = testMode ? new ScriptedAnswers() : undefined;

/** The test API, or undefined outside test mode. */
export function interactionTestApi(): InteractionTestApi | undefined {
  return scripted;
}

export async function askInput(options: vscode.InputBoxOptions): Promise<string | undefined> {
  if (scripted?.inputs.length) return scripted.inputs.shift();
  return vscode.window.showInputBox(options);
}

export async function pickOne<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<T | undefined> {
  if (scripted?.picks.length) {
    const label = scripted.picks.shift();
    return label === undefined ? undefined : items.find((i) => i.label === label);
  }
  return vscode.window.showQuickPick(items, options);
}

/**
 * A quick pick that also accepts free text: the recent values are offered as
 * items, and whatever the user types becomes the answer.
 */
export async function askWithHistory(options: { title: string; placeholder: string; history: readonly string[]; buttons?: readonly { button: vscode.QuickInputButton; run: () => Promise<void> }[] }): Promise<string | undefined> {
  if (scripted?.inputs.length) return scripted.inputs.shift();
  const qp = vscode.window.createQuickPick();
  qp.title = options.title;
  qp.placeholder = options.placeholder;
  qp.ignoreFocusOut = true;
  qp.matchOnDescription = false;
  const recent = options.history.map((h) => ({ label: h, description: 'recent' }));
  qp.items = recent;
  qp.buttons = (options.buttons ?? []).map((b) => b.button);
  return new Promise<string | undefined>((resolve) => {
    let done = false;
    const finish = (v: string | undefined) => { if (!done) { done = true; resolve(v); qp.dispose(); } };
    qp.onDidChangeValue((v) => {
      const typed = v.trim();
      qp.items = typed && !options.history.includes(typed) ? [{ label: typed, description: 'new prompt' }, ...recent] : recent;
    });
    qp.onDidAccept(() => {
      const chosen = qp.selectedItems[0]?.label ?? qp.value.trim();
      finish(chosen || undefined);
    });
    // A button opens its own quick input, which hides this one; that hide is not a dismissal.
    let away = false;
    qp.onDidTriggerButton(async (button) => {
      const entry = options.buttons?.find((b) => b.button === button);
      if (!entry) return;
      const value = qp.value;
      away = true;
      try { await entry.run(); } finally { away = false; }
      qp.value = value;
      qp.show();
    });
    qp.onDidHide(() => { if (!done && !away) finish(undefined); });
    qp.show();
  });
}

/**
 * Shows a notification. Returns the chosen action; in test mode a scripted
 * button answers at once (the notification is still shown and recorded).
 */
export async function notify(severity: MessageSeverity, text: string, ...actions: string[]): Promise<string | undefined> {
  const show = severity === 'error' ? vscode.window.showErrorMessage : severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  if (!scripted) return show(text, ...actions);
  scripted.record({ severity, text, actions });
  const answer = scripted.takeButton(text);
  void show(text, ...actions);
  // Unscripted notifications count as dismissed, so a test never waits on the UI.
  return answer.action;
}
