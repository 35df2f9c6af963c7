// SVG language intelligence, pure (no vscode): completion, document symbols,
// folding and selection ranges, id definition/references/rename, colours,
// and formatting that only re-indents.
//
// Everything works on a *region*: one SVG document inside a host text.
//
//   interface SvgRegion {
//     document: SvgDocument; // parseSvg(hostText.slice(start, end)), offset 0 = region start
//     base: number;          // where the region starts in the host text
//   }
//
// - A whole .svg file:          wholeDocument(parseSvg(text))          (base 0)
// - An <svg> block in HTML/JSX: regionOf(hostText, start, end, parse)  (base = start)
//
// Every function takes offsets in the HOST text and returns ranges in the
// HOST text, so a caller that embeds SVG converts nothing: pass the editor's
// offset, apply the ranges as they come. An offset outside the region gives
// an empty answer. References, ids and colours are looked up inside the
// region only (an id in one <svg> block is not visible from another).
// Parsing is the caller's: pass a cached parse (see core/svg/parseCache) to
// avoid parsing per request.
export { type SvgRegion, type TextEdit, regionOf, toHost, toLocal, wholeDocument } from './region';
export { type CompletionItem, type CompletionKind, complete } from './completion';
export { type SvgSymbol, documentSymbols } from './symbols';
export { type SvgFoldingRange, foldingRanges } from './folding';
export { selectionRanges } from './selectionRanges';
export {
  type IdIndex, type IdOccurrence, type PrepareRenameResult, type RenameResult,
  findDefinition, findReferences, idOccurrenceAt, indexIds, invalidIdReason, prepareRenameId, renameId,
} from './ids';
export { type IndentOptions, formatIndentation } from './formatting';
export { type ColorInfo, type ColorNotation, type ColorPresentation, type Rgba, colorPresentations, documentColors, parseColorAt } from './colors';
