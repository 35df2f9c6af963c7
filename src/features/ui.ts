// Every question the features ask the user goes through one Ui object, held
// by the services. VscodeUi is what users get: plain pass-throughs to
// vscode.window. The real-VS-Code tests build the extension with their own Ui
// (test/seams), which can answer input boxes, quick picks, dialogs and
// notification buttons; nothing of it ships.
import * as vscode from 'vscode';

export type MessageSeverity = 'info' | 'warning' | 'error';

export interface HistoryPromptOptions {
  title: string;
  placeholder: string;
  history: readonly string[];
  buttons?: readonly { button: vscode.QuickInputButton; run: () => Promise<void> }[];
}

export interface Ui {
  askInput(options: vscode.InputBoxOptions): Promise<string | undefined>;
  pickOne<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<T | undefined>;
  /** A quick pick that also accepts free text: recent values are offered as items, typed text is the answer. */
  askWithHistory(options: HistoryPromptOptions): Promise<string | undefined>;
  /** Shows a notification; resolves with the chosen action (undefined when dismissed). */
  notify(severity: MessageSeverity, text: string, ...actions: string[]): Promise<string | undefined>;
  askSaveTarget(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined>;
  askOpenFiles(options: vscode.OpenDialogOptions): Promise<vscode.Uri[] | undefined>;
}

export class VscodeUi implements Ui {
  async askInput(options: vscode.InputBoxOptions): Promise<string | undefined> {
    return vscode.window.showInputBox(options);
  }

  async pickOne<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<T | undefined> {
    return vscode.window.showQuickPick(items, options);
  }

  askWithHistory(options: HistoryPromptOptions): Promise<string | undefined> {
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

  async notify(severity: MessageSeverity, text: string, ...actions: string[]): Promise<string | undefined> {
    if (severity === 'error') return vscode.window.showErrorMessage(text, ...actions);
    if (severity === 'warning') return vscode.window.showWarningMessage(text, ...actions);
    return vscode.window.showInformationMessage(text, ...actions);
  }

  async askSaveTarget(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined> {
    return vscode.window.showSaveDialog(options);
  }

  async askOpenFiles(options: vscode.OpenDialogOptions): Promise<vscode.Uri[] | undefined> {
    return vscode.window.showOpenDialog(options);
  }
}
