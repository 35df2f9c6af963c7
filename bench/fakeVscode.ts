// A stand-in for the `vscode` module so the feature benchmarks can load the
// extension's own providers in plain Node. The value types a provider builds
// (Position, Range, Diagnostic, Hover, MarkdownString, Uri, EventEmitter) are
// small real classes; every other API is a do-nothing proxy. It measures our
// code, not VS Code's: editor round trips are outside these numbers.
import Module from 'node:module';

export class Position {
  constructor(readonly line: number, readonly character: number) {}
  isBefore(o: Position): boolean { return this.line < o.line || (this.line === o.line && this.character < o.character); }
  isAfter(o: Position): boolean { return o.isBefore(this); }
  isEqual(o: Position): boolean { return this.line === o.line && this.character === o.character; }
  translate(dl = 0, dc = 0): Position { return new Position(this.line + dl, this.character + dc); }
}

export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: Position | number, b: Position | number, c?: number, d?: number) {
    this.start = typeof a === 'number' ? new Position(a, b as number) : a;
    this.end = typeof a === 'number' ? new Position(c!, d!) : (b as Position);
  }
  get isEmpty(): boolean { return this.start.isEqual(this.end); }
  contains(p: Position | Range): boolean {
    const s = p instanceof Range ? p.start : p;
    const e = p instanceof Range ? p.end : p;
    return !s.isBefore(this.start) && !e.isAfter(this.end);
  }
}

export class Selection extends Range {
  constructor(readonly anchor: Position, readonly active: Position) { super(anchor, active); }
}

export class Diagnostic {
  source?: string;
  code?: string | number | { value: string | number; target: Uri };
  tags?: number[];
  relatedInformation?: unknown[];
  constructor(public range: Range, public message: string, public severity = 0) {}
}

export class MarkdownString {
  isTrusted?: boolean | { enabledCommands: string[] };
  supportHtml?: boolean;
  constructor(public value = '', public supportThemeIcons = false) {}
  appendMarkdown(v: string): this { this.value += v; return this; }
  appendText(v: string): this { this.value += v.replace(/[\\`*_{}[\]()#+\-.!]/g, '\\$&'); return this; }
  appendCodeblock(v: string, lang = ''): this { this.value += `\n\`\`\`${lang}\n${v}\n\`\`\`\n`; return this; }
}

export class Hover {
  constructor(public contents: MarkdownString | MarkdownString[], public range?: Range) {}
}

export class Uri {
  private constructor(readonly scheme: string, readonly path: string, readonly query = '', readonly fragment = '') {}
  static file(p: string): Uri { return new Uri('file', p); }
  static parse(s: string): Uri { const m = /^([a-z][\w+.-]*):(.*)$/i.exec(s); return m ? new Uri(m[1], m[2]) : new Uri('file', s); }
  static from(c: { scheme: string; path?: string; query?: string }): Uri { return new Uri(c.scheme, c.path ?? '', c.query ?? ''); }
  static joinPath(u: Uri, ...parts: string[]): Uri { return new Uri(u.scheme, [u.path, ...parts].join('/')); }
  get fsPath(): string { return this.path; }
  with(c: { query?: string; path?: string }): Uri { return new Uri(this.scheme, c.path ?? this.path, c.query ?? this.query); }
  toString(): string { return `${this.scheme}://${this.path}${this.query ? `?${this.query}` : ''}`; }
}

export class EventEmitter<T> {
  private listeners = new Set<(e: T) => void>();
  event = (l: (e: T) => void) => { this.listeners.add(l); return { dispose: () => this.listeners.delete(l) }; };
  fire(e: T): void { for (const l of [...this.listeners]) l(e); }
  dispose(): void { this.listeners.clear(); }
}

export class CancellationTokenSource {
  private cancelled = false;
  private readonly emitter = new EventEmitter<void>();
  readonly token: { readonly isCancellationRequested: boolean; onCancellationRequested: EventEmitter<void>['event'] };
  constructor() {
    const isCancelled = () => this.cancelled;
    this.token = { get isCancellationRequested() { return isCancelled(); }, onCancellationRequested: this.emitter.event };
  }
  cancel(): void { this.cancelled = true; this.emitter.fire(); }
  dispose(): void { this.emitter.dispose(); }
}

/** A TextDocument over a string, with the offset ↔ position maths providers use. */
export class FakeTextDocument {
  private lineStarts: number[] = [];
  version = 1;
  readonly isClosed = false;
  readonly isUntitled = false;
  readonly isDirty = false;
  constructor(readonly uri: Uri, readonly languageId: string, private text: string) { this.index(); }
  private index(): void {
    this.lineStarts = [0];
    for (let i = 0; i < this.text.length; i++) if (this.text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }
  get fileName(): string { return this.uri.path; }
  get lineCount(): number { return this.lineStarts.length; }
  setText(text: string): void { this.text = text; this.version++; this.index(); }
  getText(range?: Range): string { return range ? this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end)) : this.text; }
  offsetAt(p: Position): number {
    const line = Math.min(Math.max(p.line, 0), this.lineStarts.length - 1);
    const end = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] - 1 : this.text.length;
    return Math.min(this.lineStarts[line] + Math.max(p.character, 0), end);
  }
  positionAt(offset: number): Position {
    const o = Math.min(Math.max(offset, 0), this.text.length);
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (this.lineStarts[mid] <= o) lo = mid; else hi = mid - 1; }
    return new Position(lo, o - this.lineStarts[lo]);
  }
  lineAt(lineOrPos: number | Position): { text: string; range: Range; lineNumber: number } {
    const line = typeof lineOrPos === 'number' ? lineOrPos : lineOrPos.line;
    const start = this.lineStarts[line];
    const end = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] - 1 : this.text.length;
    return { text: this.text.slice(start, end), range: new Range(new Position(line, 0), new Position(line, end - start)), lineNumber: line };
  }
  getWordRangeAtPosition(p: Position, re = /[\w.-]+/g): Range | undefined {
    const line = this.lineAt(p.line).text;
    const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    for (let m = g.exec(line); m; m = g.exec(line)) {
      if (m.index <= p.character && p.character <= m.index + m[0].length) return new Range(new Position(p.line, m.index), new Position(p.line, m.index + m[0].length));
      if (!m[0]) g.lastIndex++;
    }
    return undefined;
  }
}

/** Anything not modelled: callable, constructible, every property another such proxy; `then` is absent so it is not a thenable. */
function inert(): unknown {
  const fn = function () { /* inert */ };
  const proxy: unknown = new Proxy(fn, {
    get: (_t, p) => (p === 'then' ? undefined : p === Symbol.toPrimitive ? () => '' : p === 'dispose' ? () => undefined : proxy),
    set: () => true,
    apply: () => proxy,
    construct: () => proxy as object,
  });
  return proxy;
}

const enums = {
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
  StatusBarAlignment: { Left: 1, Right: 2 },
  ViewColumn: { Active: -1, Beside: -2, One: 1, Two: 2 },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
  DiagnosticTag: { Unnecessary: 1, Deprecated: 2 },
};

export class CodeActionKind {
  static readonly Empty = new CodeActionKind('');
  static readonly QuickFix = new CodeActionKind('quickfix');
  static readonly Refactor = new CodeActionKind('refactor');
  static readonly Source = new CodeActionKind('source');
  static readonly SourceFixAll = new CodeActionKind('source.fixAll');
  constructor(readonly value: string) {}
  append(part: string): CodeActionKind { return new CodeActionKind(this.value ? `${this.value}.${part}` : part); }
  contains(other: CodeActionKind): boolean { return this.value === '' || other.value === this.value || other.value.startsWith(`${this.value}.`); }
  intersects(other: CodeActionKind): boolean { return this.contains(other) || other.contains(this); }
}

export class Disposable {
  constructor(private readonly fn: () => void) {}
  static from(...d: { dispose(): unknown }[]): Disposable { return new Disposable(() => d.forEach((x) => x.dispose())); }
  dispose(): void { this.fn(); }
}

/** Registered providers, so a benchmark can call them the way the editor would. */
export const registered = {
  hover: [] as { provideHover(doc: unknown, pos: Position, token: unknown): unknown }[],
  commands: new Map<string, (...args: unknown[]) => unknown>(),
};

const collections: Map<string, Diagnostic[]>[] = [];

/** Document events a benchmark fires the way the editor would. */
export const documentEvents = {
  open: new EventEmitter<unknown>(),
  change: new EventEmitter<{ document: unknown; contentChanges: unknown[]; reason: undefined }>(),
  close: new EventEmitter<unknown>(),
  save: new EventEmitter<unknown>(),
};

/** Fires with the URI each time any diagnostic collection is set. */
export const diagnosticsSet = new EventEmitter<Uri>();

/** Setting values the fake configuration returns, by full key (e.g. "svgCopilot.hover.thumbnail"). */
export const fakeSettings = new Map<string, unknown>();

function orInert(o: Record<string, unknown>): Record<string, unknown> {
  return new Proxy(o, { get: (t, p: string) => (p in t ? t[p] : inert()) });
}

export function createFakeVscode(): Record<string, unknown> {
  const fake: Record<string, unknown> = {
    ...enums,
    CodeActionKind, Position, Range, Selection, Diagnostic, MarkdownString, Hover, Uri, EventEmitter, CancellationTokenSource, Disposable,
    ThemeColor: class { constructor(readonly id: string) {} },
    ThemeIcon: class { constructor(readonly id: string) {} },
    CodeAction: class { constructor(readonly title: string, readonly kind?: unknown) {} },
    WorkspaceEdit: class { readonly edits: unknown[] = []; replace(...a: unknown[]) { this.edits.push(a); } insert(...a: unknown[]) { this.edits.push(a); } },
    commands: orInert({
      registerCommand: (id: string, fn: (...a: unknown[]) => unknown) => { registered.commands.set(id, fn); return new Disposable(() => registered.commands.delete(id)); },
      executeCommand: async () => undefined,
    }),
    languages: orInert({
      registerHoverProvider: (_sel: unknown, p: (typeof registered.hover)[number]) => { registered.hover.push(p); return new Disposable(() => registered.hover.splice(registered.hover.indexOf(p), 1)); },
      createDiagnosticCollection: () => {
        const m = new Map<string, Diagnostic[]>();
        collections.push(m);
        return {
          set: (uri: Uri, d: Diagnostic[] | undefined) => { m.set(uri.toString(), d ?? []); diagnosticsSet.fire(uri); },
          delete: (uri: Uri) => { m.delete(uri.toString()); },
          get: (uri: Uri) => m.get(uri.toString()),
          has: (uri: Uri) => m.has(uri.toString()),
          clear: () => m.clear(),
          dispose: () => m.clear(),
        };
      },
      getDiagnostics: () => [],
      getLanguages: async () => ['xml', 'svg'],
    }),
    workspace: orInert({
      getConfiguration: (section?: string) => ({
        get: (key: string) => fakeSettings.get(section ? `${section}.${key}` : key),
        has: (key: string) => fakeSettings.has(section ? `${section}.${key}` : key),
        inspect: () => undefined,
        update: async () => undefined,
      }),
      textDocuments: [],
      onDidOpenTextDocument: documentEvents.open.event,
      onDidChangeTextDocument: documentEvents.change.event,
      onDidCloseTextDocument: documentEvents.close.event,
      onDidSaveTextDocument: documentEvents.save.event,
      isTrusted: false,
      workspaceFolders: undefined,
    }),
    window: orInert({ activeTextEditor: undefined, visibleTextEditors: [] }),
    env: inert(),
    extensions: inert(),
  };
  return new Proxy(fake, { get: (t, p: string) => (p in t ? t[p] : inert()) });
}

/** All diagnostics set so far through any fake collection, by URI. */
export function diagnosticsFor(uri: Uri): Diagnostic[] {
  return collections.flatMap((m) => m.get(uri.toString()) ?? []);
}

let installed = false;

/** Makes `require('vscode')` return the fake. */
export function installFakeVscode(): void {
  if (installed) return;
  installed = true;
  const fake = createFakeVscode();
  const M = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
  const original = M._load;
  M._load = function (request: string, parent: unknown, isMain: boolean) {
    return request === 'vscode' ? fake : original.call(this, request, parent, isMain);
  };
}
