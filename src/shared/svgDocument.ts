// The one answer to "is this text document an SVG?", used by the preview, lint,
// hover, critique and generate. Structural types only, so it needs no vscode
// import and the CLI or tests can ask it too.

/** What the check reads from a document; a vscode.TextDocument satisfies it. */
export interface DocumentLike {
  readonly languageId: string;
  readonly isUntitled: boolean;
  readonly uri: { readonly path: string; readonly scheme: string };
  getText(): string;
}

/** How far into an untitled buffer the root <svg> may start (after a prolog, doctype or comments). */
const HEAD_CHARS = 4096;
const SVG_HEAD = /^\s*(<\?xml[^>]*\?>\s*)?((<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>)\s*)*<svg[\s>/]/;

/**
 * True for any *.svg file, any document in the "svg" language, and an untitled
 * XML buffer whose content starts as an <svg> document (what Generate opens
 * when no SVG language is installed).
 */
export function isSvgDocument(doc: DocumentLike): boolean {
  if (doc.languageId === 'svg' || /\.svg$/i.test(doc.uri.path)) return true;
  return doc.isUntitled && doc.languageId === 'xml' && SVG_HEAD.test(doc.getText().slice(0, HEAD_CHARS));
}

/** Schemes of documents the user edits; not the read-only copies in diff views (git:) or output channels. */
const EDITABLE_SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs', 'vscode-userdata', 'memfs', 'vsls']);

export function isEditableDocument(doc: DocumentLike): boolean {
  return EDITABLE_SCHEMES.has(doc.uri.scheme);
}
