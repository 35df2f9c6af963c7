// The SVG language providers, for any documents and any SVG regions in them:
// a whole .svg file is one region (see register.ts), an HTML/JSX/Vue/Markdown
// file may hold several <svg> blocks. Requests at a position go to the region
// holding it; document-wide requests (outline, folding, colours) gather every
// region. Each answer comes from the pure functions of core/language.
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
} from '../../core/language';
import type { Range } from '../../core/svg/types';
import { DisposableStore } from '../../util/disposable';

/** Where the SVG is in a document. */
export interface SvgRegionSource {
  /** The SVG regions of the document, in order, not overlapping (none when it holds no SVG or is too large). */
  regions(doc: vscode.TextDocument): readonly SvgRegion[];
  /** Whether Format Document re-indents the regions (true only where a region is the whole document). */
  readonly formatting: boolean;
}

/** Deeper symbols are left out of the outline. */
const MAX_OUTLINE_DEPTH = 200;

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

function toRange(doc: vscode.TextDocument, r: Range): vscode.Range {
  return new vscode.Range(doc.positionAt(r.start), doc.positionAt(r.end));
}

/** The region holding a host offset (its end included: a cursor after the last character typed). */
function regionAt(source: SvgRegionSource, doc: vscode.TextDocument, offset: number): SvgRegion | undefined {
  for (const r of source.regions(doc)) if (r.base <= offset && offset <= r.base + r.document.text.length) return r;
  return undefined;
}

function completionItems(doc: vscode.TextDocument, region: SvgRegion, offset: number): vscode.CompletionItem[] {
  return complete(region, offset).map((c) => {
    const item = new vscode.CompletionItem(c.label, COMPLETION_KIND[c.kind]);
    item.detail = c.detail;
    const docs = new vscode.MarkdownString();
    docs.appendText(c.documentation);
    if (c.mdnUrl) docs.appendMarkdown(`\n\n[MDN Reference](${c.mdnUrl})`);
    item.documentation = docs;
    item.insertText = c.snippet ? new vscode.SnippetString(c.insertText) : c.insertText;
    item.range = toRange(doc, c.range);
    item.sortText = c.sortText;
    if (c.kind === 'closing-tag') item.filterText = doc.getText(item.range);
    if (c.deprecated) item.tags = [vscode.CompletionItemTag.Deprecated];
    if (c.retrigger) item.command = { command: 'editor.action.triggerSuggest', title: 'Suggest values' };
    return item;
  });
}

function symbols(doc: vscode.TextDocument, region: SvgRegion): vscode.DocumentSymbol[] {
  // Cut at a depth no outline can show, so that hostile nesting cannot overflow the stack here or in the workbench.
  const convert = (s: SvgSymbol, depth: number): vscode.DocumentSymbol => {
    const out = new vscode.DocumentSymbol(s.name, '', symbolKind(s.element), toRange(doc, s.range), toRange(doc, s.selectionRange));
    if (depth < MAX_OUTLINE_DEPTH) out.children = s.children.map((c) => convert(c, depth + 1));
    return out;
  };
  return documentSymbols(region).map((s) => convert(s, 0));
}

/** Registers every SVG language provider for the documents of selector, on the regions source finds. */
export function registerSvgLanguageProviders(selector: vscode.DocumentSelector, source: SvgRegionSource): vscode.Disposable {
  const store = new DisposableStore();
  const at = (doc: vscode.TextDocument, position: vscode.Position): { region: SvgRegion; offset: number } | undefined => {
    const offset = doc.offsetAt(position);
    const region = regionAt(source, doc, offset);
    return region && { region, offset };
  };
  store.add(vscode.languages.registerCompletionItemProvider(selector, {
    provideCompletionItems(doc, position) {
      const hit = at(doc, position);
      return hit && completionItems(doc, hit.region, hit.offset);
    },
  }, '<', '/', ' ', '"', "'", '#', '('));
  store.add(vscode.languages.registerDocumentSymbolProvider(selector, {
    provideDocumentSymbols: (doc) => source.regions(doc).flatMap((r) => symbols(doc, r)),
  }, { label: 'SVG' }));
  store.add(vscode.languages.registerFoldingRangeProvider(selector, {
    provideFoldingRanges: (doc) => source.regions(doc).flatMap((r) => foldingRanges(r, (o) => doc.positionAt(o).line))
      .map((f) => new vscode.FoldingRange(f.startLine, f.endLine, f.kind === 'comment' ? vscode.FoldingRangeKind.Comment : undefined)),
  }));
  store.add(vscode.languages.registerSelectionRangeProvider(selector, {
    provideSelectionRanges(doc, positions) {
      return positions.map((p) => {
        const hit = at(doc, p);
        const ranges = hit ? selectionRanges(hit.region, hit.offset) : [];
        let parent: vscode.SelectionRange | undefined;
        for (let i = ranges.length - 1; i >= 0; i--) parent = new vscode.SelectionRange(toRange(doc, ranges[i]), parent);
        return parent ?? new vscode.SelectionRange(new vscode.Range(p, p));
      });
    },
  }));
  store.add(vscode.languages.registerDefinitionProvider(selector, {
    provideDefinition(doc, position) {
      const hit = at(doc, position);
      const target = hit && findDefinition(hit.region, hit.offset);
      return target && new vscode.Location(doc.uri, toRange(doc, target));
    },
  }));
  store.add(vscode.languages.registerReferenceProvider(selector, {
    provideReferences(doc, position, context) {
      const hit = at(doc, position);
      return hit && findReferences(hit.region, hit.offset, context.includeDeclaration).map((r) => new vscode.Location(doc.uri, toRange(doc, r)));
    },
  }));
  store.add(vscode.languages.registerRenameProvider(selector, {
    prepareRename(doc, position) {
      const hit = at(doc, position);
      if (!hit) throw new Error('Rename works on an id inside SVG.');
      const prepared = prepareRenameId(hit.region, hit.offset);
      if ('error' in prepared) throw new Error(prepared.error);
      return { range: toRange(doc, prepared.range), placeholder: prepared.placeholder };
    },
    provideRenameEdits(doc, position, newName) {
      const hit = at(doc, position);
      if (!hit) throw new Error('Rename works on an id inside SVG.');
      const result = renameId(hit.region, hit.offset, newName.trim());
      if ('error' in result) throw new Error(result.error);
      const edit = new vscode.WorkspaceEdit();
      for (const e of result.edits) edit.replace(doc.uri, toRange(doc, e.range), e.newText);
      return edit;
    },
  }));
  store.add(vscode.languages.registerColorProvider(selector, {
    provideDocumentColors: (doc) => source.regions(doc).flatMap((r) => documentColors(r))
      .map((c) => new vscode.ColorInformation(toRange(doc, c.range), new vscode.Color(c.color.red, c.color.green, c.color.blue, c.color.alpha))),
    provideColorPresentations(color, { document: doc, range }) {
      const hit = at(doc, range.start);
      if (!hit) return undefined;
      const host = { start: doc.offsetAt(range.start), end: doc.offsetAt(range.end) };
      return colorPresentations(hit.region, { red: color.red, green: color.green, blue: color.blue, alpha: color.alpha }, host).map((p) => {
        const out = new vscode.ColorPresentation(p.label);
        out.textEdit = new vscode.TextEdit(toRange(doc, p.textEdit.range), p.textEdit.newText);
        return out;
      });
    },
  }));
  if (source.formatting) {
    const edits = (doc: vscode.TextDocument, options: vscode.FormattingOptions, range?: vscode.Range): vscode.TextEdit[] => {
      const indent = options.insertSpaces ? ' '.repeat(options.tabSize) : '\t';
      const within = range && { start: doc.offsetAt(range.start), end: doc.offsetAt(range.end) };
      return source.regions(doc).flatMap((r) => formatIndentation(r, { indent }, within)).map((e) => new vscode.TextEdit(toRange(doc, e.range), e.newText));
    };
    store.add(vscode.languages.registerDocumentFormattingEditProvider(selector, {
      provideDocumentFormattingEdits: (doc, options) => edits(doc, options),
    }));
    store.add(vscode.languages.registerDocumentRangeFormattingEditProvider(selector, {
      provideDocumentRangeFormattingEdits: (doc, range, options) => edits(doc, options, range),
    }));
  }
  return store;
}
