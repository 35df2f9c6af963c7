// Inline SVG in web languages: diagnostics and quick fixes per block, the
// block under the cursor as a document the preview can show, and (through
// the hover feature) path hovers. Registration only subscribes to events and
// registers providers; no document is read until one is opened or asked about.
import * as vscode from 'vscode';
import { INLINE_SVG_LANGUAGES } from '../../core/inline';
import { DisposableStore } from '../../util/disposable';
import { getSetting, onDidChangeSetting } from '../config';
import type { Services } from '../services';
import { InlineBlockCache } from './blockCache';
import { blockDocumentUri, InlineBlockDocuments } from './blockDocuments';
import { InlineSvgCodeActions, InlineSvgDiagnostics } from './diagnostics';

export interface InlineSvg extends vscode.Disposable {
  readonly cache: InlineBlockCache;
  /** The block under the active editor's cursor as a previewable document URI, if the cursor is in one. */
  blockUnderCursor(): vscode.Uri | undefined;
}

export function registerInlineSvg({ log }: Pick<Services, 'log'>): InlineSvg {
  const store = new DisposableStore();
  const cache = new InlineBlockCache();
  store.add({ dispose: () => cache.clear() });
  const diagnostics = store.add(new InlineSvgDiagnostics(cache, {
    enabled: (doc) => getSetting('lintEnabled', doc.uri) && getSetting('inlineSvg', doc.uri),
    onError: (m) => log.error(m),
  }));
  store.add(onDidChangeSetting(['lintEnabled', 'inlineSvg'], () => diagnostics.refreshAll()));
  store.add(vscode.languages.registerCodeActionsProvider(INLINE_SVG_LANGUAGES.map((language) => ({ language })), new InlineSvgCodeActions(diagnostics), {
    providedCodeActionKinds: InlineSvgCodeActions.kinds,
  }));
  store.add(new InlineBlockDocuments(cache));
  return {
    cache,
    blockUnderCursor: () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || !InlineBlockCache.handles(editor.document) || !getSetting('inlineSvg', editor.document.uri)) return undefined;
      const offset = editor.document.offsetAt(editor.selection.active);
      const index = cache.blocks(editor.document).findIndex((b) => offset >= b.hostRange.start && offset <= b.hostRange.end);
      return index < 0 ? undefined : blockDocumentUri(editor.document.uri, index);
    },
    dispose: () => store.dispose(),
  };
}
