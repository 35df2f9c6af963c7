// Where a generated result went: one range of one document, kept up to date
// as the document is edited (edits before it shift it; an edit inside it ends
// the placement). A candidate chosen from the gallery replaces exactly this
// range, as one edit, so one undo brings the previous result back.
import * as vscode from 'vscode';
import type { IDisposable } from '../../util/disposable';

export class Placement implements IDisposable {
  private start: number;
  private end: number;
  private valid = true;
  private readonly subscription: vscode.Disposable;

  constructor(readonly uri: vscode.Uri, range: { start: number; end: number }, readonly languageId: string) {
    this.start = range.start;
    this.end = range.end;
    this.subscription = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.uri.toString() !== this.uri.toString()) return;
      for (const change of e.contentChanges) this.shift(change.rangeOffset, change.rangeOffset + change.rangeLength, change.text.length);
    });
  }

  /** The result's whole range in `doc`, or undefined when it was edited away or the document closed. */
  range(doc: vscode.TextDocument): vscode.Range | undefined {
    if (!this.valid || doc.isClosed) return undefined;
    return new vscode.Range(doc.positionAt(this.start), doc.positionAt(this.end));
  }

  private shift(from: number, to: number, inserted: number): void {
    if (!this.valid) return;
    if (to <= this.start) {
      const delta = inserted - (to - from);
      this.start += delta;
      this.end += delta;
    } else if (from >= this.end) {
      // After the result: nothing moves.
    } else if (from <= this.start && to >= this.end) {
      // The whole result replaced (e.g. by choosing a candidate): the placement follows the new text.
      this.start = from;
      this.end = from + inserted;
    } else {
      this.valid = false;
    }
  }

  /** Replaces the placed text with `text` as one edit; false when the placement is gone. */
  async replace(text: string): Promise<boolean> {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === this.uri.toString());
    const range = doc && this.range(doc);
    if (!doc || !range) return false;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(this.uri, range, text);
    return vscode.workspace.applyEdit(edit);
  }

  dispose(): void {
    this.valid = false;
    this.subscription.dispose();
  }
}
