// A proposed fix shown as a diff (current ↔ proposed) through a read-only
// virtual document. Accept applies it as one WorkspaceEdit (one undo step);
// Discard changes nothing. Either closes the diff.
import * as vscode from 'vscode';
import { Disposable } from '../../util/disposable';
import type { Ui } from '../ui';

export const PROPOSAL_SCHEME = 'svg-copilot-proposal';
export const ACCEPT_FIX_COMMAND = 'svgCopilot.acceptFix';
export const DISCARD_FIX_COMMAND = 'svgCopilot.discardFix';
export const ACCEPT = 'Accept';
export const DISCARD = 'Discard';

export type ProposalOutcome = 'accepted' | 'discarded' | 'stale' | 'pending';

interface Proposal {
  id: number;
  target: vscode.Uri;
  version: number;
  range: vscode.Range;
  replacement: string;
  /** The whole proposed document, served to the diff's right side. */
  proposedText: string;
  virtualUri: vscode.Uri;
  settle: (o: ProposalOutcome) => void;
}

export class FixProposals extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly proposals = new Map<string, Proposal>();
  private nextId = 1;

  constructor(private readonly ui: Ui, private readonly log: vscode.LogOutputChannel) {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, this));
    this._register(vscode.commands.registerCommand(ACCEPT_FIX_COMMAND, (uri?: vscode.Uri) => this.resolveFromEditor(uri, 'accept')));
    this._register(vscode.commands.registerCommand(DISCARD_FIX_COMMAND, (uri?: vscode.Uri) => this.resolveFromEditor(uri, 'discard')));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.proposals.get(uri.toString())?.proposedText ?? '';
  }

  /**
   * Opens the diff and waits for Accept or Discard (notification buttons, or the
   * diff editor's title actions). A dismissed notification leaves the diff open
   * with its title actions; the promise then resolves "pending". A `warning`
   * (the fix removes most of the drawing) leads the message and the diff's title.
   */
  async propose(doc: vscode.TextDocument, range: vscode.Range, replacement: string, explanation: string, warning?: string): Promise<ProposalOutcome> {
    const id = this.nextId++;
    const name = doc.uri.path.split('/').pop() || 'untitled';
    const virtualUri = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${id}/${name}` });
    const proposedText = doc.getText(new vscode.Range(new vscode.Position(0, 0), range.start)) + replacement + doc.getText(new vscode.Range(range.end, doc.lineAt(doc.lineCount - 1).range.end));
    let settle!: (o: ProposalOutcome) => void;
    const decided = new Promise<ProposalOutcome>((resolve) => { settle = resolve; });
    const proposal: Proposal = { id, target: doc.uri, version: doc.version, range, replacement, proposedText, virtualUri, settle };
    this.proposals.set(virtualUri.toString(), proposal);

    const title = `${name} ↔ SVG Copilot fix${warning ? ' (removes most of the drawing)' : ''}`;
    await vscode.commands.executeCommand('vscode.diff', doc.uri, virtualUri, title, { preview: true });
    const message = warning ? `SVG Copilot proposes a fix for ${name}. Careful: ${warning} ${explanation}` : `SVG Copilot proposes a fix for ${name}. ${explanation}`;
    void this.ui.notify(warning ? 'warning' : 'info', message.trim(), ACCEPT, DISCARD).then(async (choice) => {
      if (!this.proposals.has(virtualUri.toString())) return;
      if (choice === ACCEPT) await this.accept(proposal);
      else if (choice === DISCARD) await this.discard(proposal);
      else settle('pending');
    });
    return decided;
  }

  private async resolveFromEditor(uri: vscode.Uri | undefined, how: 'accept' | 'discard'): Promise<ProposalOutcome | undefined> {
    const key = uri?.scheme === PROPOSAL_SCHEME ? uri.toString() : this.activeProposalKey();
    const proposal = key ? this.proposals.get(key) : undefined;
    if (!proposal) return undefined;
    return how === 'accept' ? this.accept(proposal) : this.discard(proposal);
  }

  private activeProposalKey(): string | undefined {
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    if (input instanceof vscode.TabInputTextDiff && input.modified.scheme === PROPOSAL_SCHEME) return input.modified.toString();
    const doc = vscode.window.activeTextEditor?.document;
    return doc?.uri.scheme === PROPOSAL_SCHEME ? doc.uri.toString() : [...this.proposals.keys()].pop();
  }

  private async accept(p: Proposal): Promise<ProposalOutcome> {
    this.proposals.delete(p.virtualUri.toString());
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === p.target.toString());
    if (!doc || doc.version !== p.version) {
      await this.closeDiff(p);
      void this.ui.notify('warning', 'SVG Copilot: the document changed after the fix was proposed, so it was not applied. Run Apply Fix again.');
      p.settle('stale');
      return 'stale';
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(p.target, p.range, p.replacement);
    const ok = await vscode.workspace.applyEdit(edit);
    await this.closeDiff(p);
    this.log.info(`fix: ${ok ? 'applied' : 'could not apply'} to ${p.target.toString()}`);
    p.settle(ok ? 'accepted' : 'stale');
    return ok ? 'accepted' : 'stale';
  }

  private async discard(p: Proposal): Promise<ProposalOutcome> {
    this.proposals.delete(p.virtualUri.toString());
    await this.closeDiff(p);
    p.settle('discarded');
    return 'discarded';
  }

  private async closeDiff(p: Proposal): Promise<void> {
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) =>
      t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === p.virtualUri.toString());
    if (tabs.length) await vscode.window.tabGroups.close(tabs);
  }

  override dispose(): void {
    for (const p of this.proposals.values()) p.settle('discarded');
    this.proposals.clear();
    super.dispose();
  }
}
