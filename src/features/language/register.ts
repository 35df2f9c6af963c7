// SVG language features in .svg editors: completion, outline, folding, expand
// selection, go to definition, find references, rename of ids, the colour
// picker and re-indenting formatting. A whole .svg file is one region, read
// from the shared parse cache (one parse per document version).
import * as vscode from 'vscode';
import { type SvgRegion, wholeDocument } from '../../core/language';
import type { ParseCache } from '../../core/svg/parseCache';
import { registerSvgLanguageProviders } from './providers';

/** `.svg` files whatever language VS Code gives them, and untitled SVG/XML buffers. */
export const LANGUAGE_SELECTOR: vscode.DocumentSelector = [
  { language: 'svg' },
  { language: 'xml', pattern: '**/*.svg' },
  { scheme: 'untitled', language: 'xml' },
];

/** Documents above this get no language features (a parse alone takes seconds). */
export const MAX_LANGUAGE_CHARS = 16 * 1024 * 1024;

export function registerLanguageFeatures(parses: ParseCache): vscode.Disposable {
  return registerSvgLanguageProviders(LANGUAGE_SELECTOR, {
    formatting: true,
    regions(doc: vscode.TextDocument): SvgRegion[] {
      if (doc.languageId === 'xml' && doc.uri.scheme === 'untitled' && !/<svg[\s>/]/.test(doc.getText(new vscode.Range(0, 0, 100, 0)))) return [];
      const length = doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
      if (length > MAX_LANGUAGE_CHARS) return [];
      return [wholeDocument(parses.get(doc.uri.toString(), doc.version, () => doc.getText()))];
    },
  });
}
