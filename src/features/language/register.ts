// SVG language features in .svg editors: completion, outline, folding, expand
// selection, go to definition, find references, rename of ids, the colour
// picker and re-indenting formatting. A whole .svg file is one region, read
// from the parse cache it shares with lint diagnostics (one parse per version).
import type * as vscode from 'vscode';
import { type SvgRegion, wholeDocument } from '../../core/language';
import { isSvgDocument } from '../../shared/svgDocument';
import type { Services } from '../services';
import { SVG_SELECTOR } from '../svgSelector';
import { registerSvgLanguageProviders } from './providers';

/**
 * Documents above this get no language features: each edit means a new parse
 * on the extension host (≈ 10 ms per MB), and past a few MB that would hold up typing.
 */
export const MAX_LANGUAGE_CHARS = 4 * 1024 * 1024;

export function registerLanguageFeatures({ parses }: Pick<Services, 'parses'>): vscode.Disposable {
  return registerSvgLanguageProviders(SVG_SELECTOR, {
    formatting: true,
    regions(doc: vscode.TextDocument): SvgRegion[] {
      if (!isSvgDocument(doc)) return [];
      const length = doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
      if (length > MAX_LANGUAGE_CHARS) return [];
      return [wholeDocument(parses.get(doc.uri.toString(), doc.version, () => doc.getText()))];
    },
  });
}
