// SVG language features in the editor: completion, outline (document
// symbols), folding, expand selection, go to definition, find references,
// rename of ids, the colour picker and re-indenting formatting, for .svg files. Each provider reads
// the document's parse from the shared parse cache (one parse per version)
// and hands it to the pure functions of core/language.
import * as vscode from 'vscode';
import {
  type CompletionItem as CoreCompletionItem,
  type SvgRegion,
  type SvgSymbol,
  colorPresentations,
  complete,
  documentColors,
  documentSymbols,
  findDefinition,
  findReferences,
  foldingRanges,
  formatIndentation,
  prepareRenameId,
  renameId,
  selectionRanges,
  wholeDocument,
} from '../../core/language';
import type { Range } from '../../core/svg/types';
import type { ParseCache } from '../../core/svg/parseCache';
import { DisposableStore } from '../../util/disposable';

/** `.svg` files whatever language VS Code gives them, and untitled SVG/XML buffers. */
export const LANGUAGE_SELECTOR: vscode.DocumentSelector = [
  { language: 'svg' },
  { language: 'xml', pattern: '**/*.svg' },
  { scheme: 'untitled', language: 'xml' },
];

/** Deeper symbols are left out of the outline. */
const MAX_OUTLINE_DEPTH = 200;

/** Documents above this get no language features (a parse alone takes seconds). */
export const MAX_LANGUAGE_CHARS = 16 * 1024 * 1024;

const COMPLETION_KIND: Record<CoreCompletionItem['kind'], vscode.CompletionItemKind> = {
  element: vscode.CompletionItemKind.Property,
  'closing-tag': vscode.CompletionItemKind.Property,
  attribute: vscode.CompletionItemKind.Value,
  value: vscode.CompletionItemKind.EnumMember,
  reference: vscode.CompletionItemKind.Reference,
};

function symbolKind(element: string): vscode.SymbolKind {
  switch (element) {
    case 'svg': return vscode.SymbolKind.Namespace;
    case 'g': case 'defs': return vscode.SymbolKind.Module;
    case 'symbol': case 'linearGradient': case 'radialGradient': case 'pattern': case 'filter': case 'clipPath': case 'mask': case 'marker':
      return vscode.SymbolKind.Class;
    default: return vscode.SymbolKind.Field;
  }
}

export class SvgLanguageFeatures {
  constructor(private readonly parses: ParseCache) {}

  /** The whole document as one region, or undefined when it is no SVG or too large. */
  region(doc: vscode.TextDocument): SvgRegion | undefined {
    if (doc.languageId === 'xml' && doc.uri.scheme === 'untitled' && !/<svg[\s>/]/.test(doc.getText(new vscode.Range(0, 0, 100, 0)))) return undefined;
    const length = doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
    if (length > MAX_LANGUAGE_CHARS) return undefined;
    return wholeDocument(this.parses.get(doc.uri.toString(), doc.version, () => doc.getText()));
  }

  range(doc: vscode.TextDocument, r: Range): vscode.Range {
    return new vscode.Range(doc.positionAt(r.start), doc.positionAt(r.end));
  }

  completionItems(doc: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] | undefined {
    const region = this.region(doc);
    if (!region) return undefined;
    return complete(region, doc.offsetAt(position)).map((c) => {
      const item = new vscode.CompletionItem(c.label, COMPLETION_KIND[c.kind]);
      item.detail = c.detail;
      const docs = new vscode.MarkdownString();
      docs.appendText(c.documentation);
      if (c.mdnUrl) docs.appendMarkdown(`\n\n[MDN Reference](${c.mdnUrl})`);
      item.documentation = docs;
      item.insertText = c.snippet ? new vscode.SnippetString(c.insertText) : c.insertText;
      item.range = this.range(doc, c.range);
      item.sortText = c.sortText;
      if (c.kind === 'closing-tag') item.filterText = doc.getText(item.range);
      if (c.deprecated) item.tags = [vscode.CompletionItemTag.Deprecated];
      if (c.retrigger) item.command = { command: 'editor.action.triggerSuggest', title: 'Suggest values' };
      return item;
    });
  }

  symbols(doc: vscode.TextDocument): vscode.DocumentSymbol[] | undefined {
    const region = this.region(doc);
    if (!region) return undefined;
    // Cut at a depth no outline can show, so that hostile nesting cannot overflow the stack here or in the workbench.
    const convert = (s: SvgSymbol, depth: number): vscode.DocumentSymbol => {
      const out = new vscode.DocumentSymbol(s.name, '', symbolKind(s.element), this.range(doc, s.range), this.range(doc, s.selectionRange));
      if (depth < MAX_OUTLINE_DEPTH) out.children = s.children.map((c) => convert(c, depth + 1));
      return out;
    };
    return documentSymbols(region).map((s) => convert(s, 0));
  }
}

export function registerLanguageFeatures(parses: ParseCache): vscode.Disposable {
  const features = new SvgLanguageFeatures(parses);
  const store = new DisposableStore();
  const selector = LANGUAGE_SELECTOR;
  store.add(vscode.languages.registerCompletionItemProvider(selector, {
    provideCompletionItems: (doc, position) => features.completionItems(doc, position),
  }, '<', '/', ' ', '"', "'", '#', '('));
  store.add(vscode.languages.registerDocumentSymbolProvider(selector, {
    provideDocumentSymbols: (doc) => features.symbols(doc),
  }, { label: 'SVG' }));
  store.add(vscode.languages.registerFoldingRangeProvider(selector, {
    provideFoldingRanges(doc) {
      const region = features.region(doc);
      if (!region) return undefined;
      return foldingRanges(region, (o) => doc.positionAt(o).line).map((f) => new vscode.FoldingRange(f.startLine, f.endLine, f.kind === 'comment' ? vscode.FoldingRangeKind.Comment : undefined));
    },
  }));
  store.add(vscode.languages.registerSelectionRangeProvider(selector, {
    provideSelectionRanges(doc, positions) {
      const region = features.region(doc);
      if (!region) return undefined;
      return positions.map((p) => {
        const ranges = selectionRanges(region, doc.offsetAt(p));
        let parent: vscode.SelectionRange | undefined;
        for (let i = ranges.length - 1; i >= 0; i--) parent = new vscode.SelectionRange(features.range(doc, ranges[i]), parent);
        return parent ?? new vscode.SelectionRange(new vscode.Range(p, p));
      });
    },
  }));
  store.add(vscode.languages.registerDefinitionProvider(selector, {
    provideDefinition(doc, position) {
      const region = features.region(doc);
      const target = region && findDefinition(region, doc.offsetAt(position));
      return target && new vscode.Location(doc.uri, features.range(doc, target));
    },
  }));
  store.add(vscode.languages.registerReferenceProvider(selector, {
    provideReferences(doc, position, context) {
      const region = features.region(doc);
      if (!region) return undefined;
      return findReferences(region, doc.offsetAt(position), context.includeDeclaration).map((r) => new vscode.Location(doc.uri, features.range(doc, r)));
    },
  }));
  store.add(vscode.languages.registerRenameProvider(selector, {
    prepareRename(doc, position) {
      const region = features.region(doc);
      if (!region) throw new Error('This document is too large for rename.');
      const prepared = prepareRenameId(region, doc.offsetAt(position));
      if ('error' in prepared) throw new Error(prepared.error);
      return { range: features.range(doc, prepared.range), placeholder: prepared.placeholder };
    },
    provideRenameEdits(doc, position, newName) {
      const region = features.region(doc);
      if (!region) throw new Error('This document is too large for rename.');
      const result = renameId(region, doc.offsetAt(position), newName.trim());
      if ('error' in result) throw new Error(result.error);
      const edit = new vscode.WorkspaceEdit();
      for (const e of result.edits) edit.replace(doc.uri, features.range(doc, e.range), e.newText);
      return edit;
    },
  }));
  store.add(vscode.languages.registerColorProvider(selector, {
    provideDocumentColors(doc) {
      const region = features.region(doc);
      if (!region) return undefined;
      return documentColors(region).map((c) => new vscode.ColorInformation(features.range(doc, c.range), new vscode.Color(c.color.red, c.color.green, c.color.blue, c.color.alpha)));
    },
    provideColorPresentations(color, context) {
      const region = features.region(context.document);
      if (!region) return undefined;
      const doc = context.document;
      const range = { start: doc.offsetAt(context.range.start), end: doc.offsetAt(context.range.end) };
      return colorPresentations(region, { red: color.red, green: color.green, blue: color.blue, alpha: color.alpha }, range).map((p) => {
        const out = new vscode.ColorPresentation(p.label);
        out.textEdit = new vscode.TextEdit(features.range(doc, p.textEdit.range), p.textEdit.newText);
        return out;
      });
    },
  }));
  const indent = (options: vscode.FormattingOptions): string => (options.insertSpaces ? ' '.repeat(options.tabSize) : '\t');
  const edits = (doc: vscode.TextDocument, options: vscode.FormattingOptions, range?: vscode.Range): vscode.TextEdit[] | undefined => {
    const region = features.region(doc);
    if (!region) return undefined;
    const within = range && { start: doc.offsetAt(range.start), end: doc.offsetAt(range.end) };
    return formatIndentation(region, { indent: indent(options) }, within).map((e) => new vscode.TextEdit(features.range(doc, e.range), e.newText));
  };
  store.add(vscode.languages.registerDocumentFormattingEditProvider(selector, {
    provideDocumentFormattingEdits: (doc, options) => edits(doc, options),
  }));
  store.add(vscode.languages.registerDocumentRangeFormattingEditProvider(selector, {
    provideDocumentRangeFormattingEdits: (doc, range, options) => edits(doc, options, range),
  }));
  return store;
}
