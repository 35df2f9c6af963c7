// Language model tools, so that agents (Copilot's agent mode, any chat
// participant) can see and check SVG: render it to a PNG, lint it, have the
// configured model critique it, and explain path data segment by segment.
// Declared in package.json "contributes.languageModelTools" (names, input
// schemas and the descriptions agents read); registered here.
import * as vscode from 'vscode';
import { lintSvg } from '../../core/lint';
import type { RenderResult } from '../../core/render/types';
import type { Finding } from '../../core/lint';
import { analyzeGeometry, MAX_EXPLAINED_CHARS, segmentExplanation } from '../../core/svg/explain';
import { LineIndex } from '../../core/svg/lineIndex';
import { DisposableStore } from '../../util/disposable';
import { loopSettings } from '../generate/command';
import type { Services } from '../services';
import { resolveSvgSource, signalOf, type SvgSource } from './svgSource';

export const TOOL_NAMES = {
  render: 'svgCopilot_render',
  lint: 'svgCopilot_lint',
  critique: 'svgCopilot_critique',
  explainPath: 'svgCopilot_explainPath',
} as const;

/** Render size when the caller gives none, and the bounds a given size is clamped to. */
export const TOOL_RENDER_SIZE = { default: 256, min: 16, max: 2048 } as const;

/** What the tools use of the services: the render service, the endpoints and the model sessions. */
export type ToolServices = Pick<Services, 'renderer' | 'endpoints' | 'sessions'>;

interface SourceInput {
  svg?: string;
  uri?: string;
}

interface RenderInput extends SourceInput {
  size?: number;
}

interface CritiqueInput extends SourceInput {
  goal?: string;
}

interface ExplainPathInput {
  path: string;
  kind?: 'd' | 'points' | 'polygon-points';
}

const text = (value: string) => new vscode.LanguageModelTextPart(value);

async function sourceOrThrow(input: SourceInput): Promise<SvgSource> {
  const r = await resolveSvgSource(input ?? {});
  if (!r.ok) throw new Error(r.error);
  return r.source;
}

/** The render as a PNG data part plus one line saying what it shows. */
export async function renderTool(services: ToolServices, input: RenderInput, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
  const source = await sourceOrThrow(input);
  const requested = typeof input?.size === 'number' && Number.isFinite(input.size) ? Math.round(input.size) : TOOL_RENDER_SIZE.default;
  const size = Math.min(TOOL_RENDER_SIZE.max, Math.max(TOOL_RENDER_SIZE.min, requested));
  const { signal, dispose } = signalOf(token);
  let rendered: RenderResult;
  try {
    // On white, as the critic sees it: a transparent icon reads as black to many models.
    rendered = await services.renderer.render(source.text, { size, background: 'white' }, signal);
  } finally {
    dispose();
  }
  if (!rendered.ok) throw new Error(rendered.kind === 'cancelled' ? 'Cancelled.' : `${source.label} does not render: ${rendered.error}`);
  const findings = lintSvg(source.text);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const summary = `Rendered ${source.label} to a ${rendered.width}×${rendered.height} PNG on white; lint: ${findings.length} finding${findings.length === 1 ? '' : 's'}${errors ? ` (${errors} error${errors === 1 ? '' : 's'})` : ''}.`;
  return new vscode.LanguageModelToolResult([vscode.LanguageModelDataPart.image(rendered.png, 'image/png'), text(summary)]);
}

/** Lint findings as lines "severity code line:col–line:col message" (1-based), plus a JSON part with the same data. */
export async function lintTool(input: SourceInput): Promise<vscode.LanguageModelToolResult> {
  const source = await sourceOrThrow(input);
  const findings = lintSvg(source.text);
  const lines = new LineIndex(source.text);
  const rows = findings.map((f) => describeFinding(f, lines));
  const head = findings.length ? `${findings.length} lint finding${findings.length === 1 ? '' : 's'} in ${source.label}:` : `No lint findings in ${source.label}.`;
  return new vscode.LanguageModelToolResult([
    text([head, ...rows.map((r) => `- ${r.severity} ${r.code} ${r.start.line}:${r.start.column}–${r.end.line}:${r.end.column} ${r.message}${r.fix ? ` (quick fix: ${r.fix})` : ''}`)].join('\n')),
    vscode.LanguageModelDataPart.json({ source: source.label, findings: rows }),
  ]);
}

function describeFinding(f: Finding, lines: LineIndex) {
  const start = lines.positionAt(f.range.start);
  const end = lines.positionAt(f.range.end);
  return {
    code: f.code,
    severity: f.severity,
    message: f.message,
    start: { line: start.line + 1, column: start.character + 1 },
    end: { line: end.line + 1, column: end.character + 1 },
    fix: f.fix?.title,
  };
}

/** Score, critique and suggestions from the configured endpoint's critic. */
export async function critiqueTool(services: ToolServices, input: CritiqueInput, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
  const source = await sourceOrThrow(input);
  const resolved = await services.endpoints.resolve();
  if (resolved.kind === 'cancelled') throw new Error('Cancelled.');
  if (resolved.kind === 'unavailable') throw new Error(`No model is available for the critique: ${resolved.message}`);
  const { signal, dispose } = signalOf(token);
  try {
    const tasks = services.sessions.forEndpoint(resolved.endpoint);
    const goal = typeof input?.goal === 'string' ? input.goal.trim() : '';
    const r = await tasks.critique(source.text, goal, loopSettings(), signal);
    if (r.kind === 'cancelled') throw new Error('Cancelled.');
    if (r.kind === 'error') throw new Error(`The critique failed: ${r.message}`);
    const f = r.findings;
    const lines = [
      `Critique of ${source.label}${f.critic ? ` (${f.critic} critic${f.critic === 'vision' ? ', which saw the render' : ', which read the code'})` : ''}:`,
      `Score: ${f.score === undefined ? 'none' : `${f.score}/10`}`,
      `Critique: ${f.critique || '(none)'}`,
      ...(f.suggestions.length ? ['Suggestions:', ...f.suggestions.map((s, i) => `${i + 1}. ${s}`)] : ['Suggestions: none']),
    ];
    return new vscode.LanguageModelToolResult([text(lines.join('\n'))]);
  } finally {
    dispose();
  }
}

/** The whole path's summary and one line per segment with absolute coordinates. */
export function explainPathTool(input: ExplainPathInput): vscode.LanguageModelToolResult {
  const value = typeof input?.path === 'string' ? input.path : '';
  if (!value.trim()) throw new Error('Give "path": the path data (a d attribute value such as "M 2 2 L 10 10 Z").');
  if (value.length > MAX_EXPLAINED_CHARS) throw new Error(`The path data is ${value.length} characters long; explanations stop at ${MAX_EXPLAINED_CHARS}.`);
  const kind = input.kind === 'points' || input.kind === 'polygon-points' ? input.kind : 'd';
  const analysis = analyzeGeometry(value, kind);
  const segments = analysis.parsed.segments.map((s) => segmentExplanation(s));
  const lines = [analysis.explanation().text, ...segments.map((s) => `${s.index + 1}. ${s.command}: ${s.text}`)];
  return new vscode.LanguageModelToolResult([text(lines.join('\n'))]);
}

export function registerTools(services: ToolServices): vscode.Disposable {
  const store = new DisposableStore();
  store.add(vscode.lm.registerTool<RenderInput>(TOOL_NAMES.render, {
    invoke: (options, token) => renderTool(services, options.input, token),
    prepareInvocation: () => ({ invocationMessage: 'Rendering the SVG' }),
  }));
  store.add(vscode.lm.registerTool<SourceInput>(TOOL_NAMES.lint, {
    invoke: (options) => lintTool(options.input),
    prepareInvocation: () => ({ invocationMessage: 'Linting the SVG' }),
  }));
  store.add(vscode.lm.registerTool<CritiqueInput>(TOOL_NAMES.critique, {
    invoke: (options, token) => critiqueTool(services, options.input, token),
    // A critique costs model time (and on a hosted model, quota): ask first.
    prepareInvocation: (options) => ({
      invocationMessage: 'Asking the model to critique the SVG',
      confirmationMessages: {
        title: 'Critique the SVG with a model?',
        message: new vscode.MarkdownString(`SVG Copilot renders ${options.input?.uri ? `\`${options.input.uri}\`` : 'the SVG'} and sends it to the model configured in \`svgCopilot.endpoint\` for a score and suggestions. This takes model time.`),
      },
    }),
  }));
  store.add(vscode.lm.registerTool<ExplainPathInput>(TOOL_NAMES.explainPath, {
    invoke: (options) => explainPathTool(options.input),
    prepareInvocation: () => ({ invocationMessage: 'Explaining the path data' }),
  }));
  return store;
}
