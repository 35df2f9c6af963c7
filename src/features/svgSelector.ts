// The document selector every SVG provider registers with (hover, code
// actions, the critic's quick fix). It is deliberately wide; each provider then
// asks src/shared/svgDocument.ts, the one place that decides what is an SVG.
import type * as vscode from 'vscode';

export const SVG_SELECTOR: vscode.DocumentSelector = [
  { language: 'svg' },
  { pattern: '**/*.svg' },
  { scheme: 'untitled', language: 'xml' },
];
