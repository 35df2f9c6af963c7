// The SVG a tool or a chat request works on: given inline, named by a URI or a
// workspace path, or else the active editor's document. Everything here comes
// from an agent or a chat message, so sizes are bounded and a missing or
// unreadable source is a clear error, never a throw.
import * as vscode from 'vscode';
import { isSvgDocument } from '../../shared/svgDocument';

/** Largest SVG a tool accepts inline or from a file (the render pool has its own, larger limit). */
export const MAX_TOOL_SVG_CHARS = 4 * 1024 * 1024;

export interface SvgSource {
  text: string;
  /** Where it came from, for summaries: a file name, "the active editor", "the given SVG". */
  label: string;
  /** The document it was read from, when it came from one (so an edit can be offered). */
  document?: vscode.TextDocument;
}

export type SvgSourceResult = { ok: true; source: SvgSource } | { ok: false; error: string };

/** `uri` may be a URI ("file:///…", "untitled:…") or a path, absolute or relative to the first workspace folder. */
export function toUri(uri: string): vscode.Uri {
  if (/^[a-z][\w+.-]+:/i.test(uri) && !/^[a-z]:[\\/]/i.test(uri)) return vscode.Uri.parse(uri, true);
  if (uri.startsWith('/') || /^[a-z]:[\\/]/i.test(uri)) return vscode.Uri.file(uri);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder ? vscode.Uri.joinPath(folder, uri) : vscode.Uri.file(uri);
}

export async function resolveSvgSource(input: { svg?: unknown; uri?: unknown }): Promise<SvgSourceResult> {
  if (typeof input.svg === 'string' && input.svg.trim()) {
    if (input.svg.length > MAX_TOOL_SVG_CHARS) return { ok: false, error: `The SVG is ${input.svg.length} characters long; the limit is ${MAX_TOOL_SVG_CHARS}.` };
    return { ok: true, source: { text: input.svg, label: 'the given SVG' } };
  }
  if (typeof input.uri === 'string' && input.uri.trim()) {
    let uri: vscode.Uri;
    try {
      uri = toUri(input.uri.trim());
    } catch (e) {
      return { ok: false, error: `"${input.uri}" is not a valid URI or path (${e instanceof Error ? e.message : String(e)}).` };
    }
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const document = open ?? (await vscode.workspace.openTextDocument(uri).then((d) => d, (e: unknown) => e instanceof Error ? e : new Error(String(e))));
    if (document instanceof Error) return { ok: false, error: `Cannot read ${uri.toString(true)}: ${document.message}` };
    if (document.getText().length > MAX_TOOL_SVG_CHARS) return { ok: false, error: `${uri.toString(true)} is larger than ${MAX_TOOL_SVG_CHARS} characters.` };
    return { ok: true, source: { text: document.getText(), label: uri.path.split('/').pop() || uri.toString(true), document } };
  }
  const active = activeSvgDocument();
  if (!active) return { ok: false, error: 'No SVG was given: pass "svg" (the markup) or "uri" (a file), or open an .svg file in the editor.' };
  return { ok: true, source: { text: active.getText(), label: active.uri.path.split('/').pop() || 'the active editor', document: active } };
}

/** The active editor's document when it holds SVG. */
export function activeSvgDocument(): vscode.TextDocument | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  return doc && isSvgDocument(doc) ? doc : undefined;
}

/** An AbortSignal that fires with the token (the loop and the render pool take signals). */
export function signalOf(token: vscode.CancellationToken): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  const sub = token.onCancellationRequested(() => controller.abort());
  return { signal: controller.signal, dispose: () => sub.dispose() };
}
