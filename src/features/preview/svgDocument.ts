import type * as vscode from 'vscode';

/** True for documents the preview can show: .svg files, the svg language, and untitled XML that starts as SVG. */
export function isSvgDocument(doc: vscode.TextDocument): boolean {
  if (doc.languageId === 'svg' || /\.svg$/i.test(doc.uri.path)) return true;
  return doc.isUntitled && doc.languageId === 'xml' && /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/.test(doc.getText().slice(0, 2000));
}
