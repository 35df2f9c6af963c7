// The @svg chat participant's four commands in the real extension host, on the
// real services: the bundled server on the tiny fixture model, the real render
// worker and svgo, real editors and the real diff/Accept flow.
//
// The chat view itself cannot be driven here: without Copilot, code-server's
// chat answers "Language model unavailable" before any participant runs. So
// the tests call the participant's handler (exposed by the test build only)
// with a recording ChatResponseStream, the one test double, standing in for
// the chat view that would show what is streamed.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { tinyModelSuite } from './modelSetup';
import { closeAllEditors, openSvg } from './util';

type Part =
  | { kind: 'markdown'; text: string }
  | { kind: 'progress'; text: string }
  | { kind: 'button'; command: vscode.Command }
  | { kind: 'other'; what: string };

/** Records what the participant streams, in order (what the chat view would render). */
class RecordingStream implements vscode.ChatResponseStream {
  readonly parts: Part[] = [];
  markdown(value: string | vscode.MarkdownString): void {
    this.parts.push({ kind: 'markdown', text: typeof value === 'string' ? value : value.value });
  }
  progress(value: string): void {
    this.parts.push({ kind: 'progress', text: value });
  }
  button(command: vscode.Command): void {
    this.parts.push({ kind: 'button', command });
  }
  anchor(): void {
    this.parts.push({ kind: 'other', what: 'anchor' });
  }
  filetree(): void {
    this.parts.push({ kind: 'other', what: 'filetree' });
  }
  reference(): void {
    this.parts.push({ kind: 'other', what: 'reference' });
  }
  push(part: vscode.ChatResponsePart): void {
    this.parts.push({ kind: 'other', what: part.constructor.name });
  }
  get markdownText(): string {
    return this.parts.flatMap((p) => (p.kind === 'markdown' ? [p.text] : [])).join('');
  }
  get progressTexts(): string[] {
    return this.parts.flatMap((p) => (p.kind === 'progress' ? [p.text] : []));
  }
  get buttons(): vscode.Command[] {
    return this.parts.flatMap((p) => (p.kind === 'button' ? [p.command] : []));
  }
}

/**
 * The model picked in the chat view. With the bundled endpoint configured the
 * participant must not use it; it records any request so the tests can say so.
 */
class PickedChatModel implements vscode.LanguageModelChat {
  readonly name = 'Model picked in the chat';
  readonly id = 'picked-in-chat';
  readonly vendor = 'chat-view-pick';
  readonly family = 'picked';
  readonly version = '1';
  readonly maxInputTokens = 8192;
  requests = 0;
  sendRequest(): Thenable<vscode.LanguageModelChatResponse> {
    this.requests++;
    return Promise.reject(new Error('the chat view\'s model was used although svgCopilot.endpoint names the bundled server'));
  }
  countTokens(): Thenable<number> {
    return Promise.resolve(0);
  }
}

function chatRequest(command: string, prompt: string, model: vscode.LanguageModelChat, references: vscode.ChatPromptReference[] = []): vscode.ChatRequest {
  return {
    prompt,
    command,
    references,
    toolReferences: [],
    toolInvocationToken: undefined as never,
    model,
  };
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The inline renders (markdown data-URI images), decoded. */
function inlineImages(markdown: string): Buffer[] {
  return [...markdown.matchAll(/!\[[^\]]*\]\(data:image\/png;base64,([A-Za-z0-9+/=]+)\)/g)].map((m) => Buffer.from(m[1], 'base64'));
}

/** The SVG shown in a ```svg fence (any fence length). */
function fencedSvg(markdown: string): string | undefined {
  return /(`{3,})svg\n([\s\S]*?)\n\1\n/.exec(markdown)?.[2];
}

const ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">\n  <circle cx="12" cy="12" r="9" fill="red"/>\n</svg>\n';
const VERBOSE = `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Drawn by hand, saved with every default spelled out -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="48" height="48" viewBox="0 0 48 48">
  <metadata>made for the chat optimize test</metadata>
  <g fill="none">
    <g>
      <rect x="4.000000" y="4.000000" width="40.000000" height="40.000000" fill="#ff0000" stroke="none" opacity="1"/>
    </g>
    <path d="M 10.000000 10.000000 L 38.000000 10.000000 L 38.000000 38.000000 L 10.000000 38.000000 Z" fill="#0000ff"/>
  </g>
</svg>
`;

describe('chat participant @svg', function () {
  this.timeout(180_000);
  const suite = tinyModelSuite();
  let cancel: vscode.CancellationTokenSource;
  beforeEach(() => { cancel = new vscode.CancellationTokenSource(); });
  afterEach(() => cancel.dispose());

  it('/generate streams progress, an inline render and the SVG, and its Review and Apply button inserts the SVG', async () => {
    const editor = await openSvg(ICON);
    const doc = editor.document;
    const name = doc.uri.path.split('/').pop();
    const model = new PickedChatModel();
    const stream = new RecordingStream();
    const result = await suite.api.chat(chatRequest('generate', 'a red circle', model), stream, cancel.token);
    assert.equal(result.errorDetails, undefined, `${result.errorDetails?.message}\n${stream.markdownText}`);
    assert.deepEqual(result.metadata, { command: 'generate' });
    assert.equal(stream.progressTexts[0], 'Generating the SVG…');
    assert.ok(stream.parts.findIndex((p) => p.kind === 'progress') < stream.parts.findIndex((p) => p.kind === 'markdown'), 'progress comes before the answer');
    const images = inlineImages(stream.markdownText);
    assert.equal(images.length, 1, `inline renders: ${images.length}\n${stream.markdownText.slice(0, 300)}`);
    assert.deepEqual(images[0].subarray(0, 8), PNG_SIGNATURE, 'the inline render is a PNG');
    const svg = fencedSvg(stream.markdownText);
    assert.ok(svg, `no svg fence in: ${stream.markdownText.slice(0, 500)}`);
    assert.match(svg, /^\s*<svg[\s>]/);
    assert.equal(model.requests, 0, 'the bundled endpoint answered, not the chat view\'s model');

    assert.deepEqual(stream.buttons.map((b) => b.title), [`Review and Apply to ${name}`, 'Open in New Editor']);
    const review = stream.buttons[0];
    assert.equal((review.arguments?.[0] as { svg: string }).svg, svg, 'the button offers the SVG shown');
    // What a click on the button runs: the diff, then Accept on its notification.
    suite.api.interaction.answerMessage('chat proposes a new version', 'Accept');
    const outcome = await vscode.commands.executeCommand<string>(review.command, ...(review.arguments ?? []));
    assert.equal(outcome, 'accepted', JSON.stringify(suite.api.interaction.messages()));
    assert.equal(doc.getText(), svg, 'the document now holds the generated SVG');
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), ICON, 'one undo restores the original');

    // "Open in New Editor" opens the SVG in an untitled editor.
    const open = stream.buttons[1];
    assert.equal(await vscode.commands.executeCommand<string>(open.command, ...(open.arguments ?? [])), 'opened');
    assert.equal(vscode.window.activeTextEditor?.document.isUntitled, true);
    assert.equal(vscode.window.activeTextEditor?.document.getText(), svg);
    await closeAllEditors();
  });

  it('/critique on an attached SVG file renders it and gives the score and critique, with Apply Fix', async () => {
    const editor = await openSvg(ICON);
    const uri = editor.document.uri;
    const name = uri.path.split('/').pop();
    await closeAllEditors();
    const stream = new RecordingStream();
    const reference: vscode.ChatPromptReference = { id: 'vscode.file', value: uri };
    const result = await suite.api.chat(chatRequest('critique', 'a red circle', new PickedChatModel(), [reference]), stream, cancel.token);
    assert.equal(result.errorDetails, undefined, `${result.errorDetails?.message}\n${stream.markdownText}`);
    assert.equal(stream.progressTexts[0], `Rendering ${name} and asking the critic…`);
    const images = inlineImages(stream.markdownText);
    assert.equal(images.length, 1, 'the critic\'s render is shown');
    assert.deepEqual(images[0].subarray(0, 8), PNG_SIGNATURE);
    // The tiny random model may give no score; the line says so either way.
    assert.match(stream.markdownText, /\*\*Score: (none|\d+(\.\d+)?\/10)\*\* \((vision|text) critic\)\n\n\S/);
    assert.deepEqual(stream.buttons.map((b) => b.command), ['svgCopilot.applyFix']);
    assert.equal((stream.buttons[0].arguments?.[0] as vscode.Uri).toString(), uri.toString());
  });

  it('/explain on given path data explains each segment, with a render of the path', async () => {
    const stream = new RecordingStream();
    const result = await suite.api.chat(chatRequest('explain', 'M 2 2 L 10 2 Q 14 6 10 10 Z', new PickedChatModel()), stream, cancel.token);
    assert.equal(result.errorDetails, undefined, result.errorDetails?.message);
    const text = stream.markdownText;
    assert.equal(inlineImages(text).length, 1, 'the path is drawn inline');
    assert.match(text, /\*\*the given path\*\*: \S/);
    const lines = text.split('\n').filter((l) => /^\d+\. /.test(l));
    assert.deepEqual(lines.map((l) => /^(\d+)\. `(\w)`/.exec(l)?.slice(1)), [['1', 'M'], ['2', 'L'], ['3', 'Q'], ['4', 'Z']], text);
    assert.ok(lines.every((l) => l.length > 10), `segments without explanation: ${lines.join(' | ')}`);
  });

  it('/explain with a question instead of path data explains the path at the cursor', async () => {
    const editor = await openSvg('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 20">\n  <path d="M 1 1 H 19 V 19 Z"/>\n</svg>\n');
    const offset = editor.document.getText().indexOf('H 19');
    editor.selection = new vscode.Selection(editor.document.positionAt(offset), editor.document.positionAt(offset));
    const stream = new RecordingStream();
    // Starts with "M" like path data does, but is a question.
    const result = await suite.api.chat(chatRequest('explain', 'Make sense of this path', new PickedChatModel()), stream, cancel.token);
    assert.equal(result.errorDetails, undefined, result.errorDetails?.message);
    assert.match(stream.markdownText, /\*\*the <path> d at the cursor\*\*/);
    const commands = stream.markdownText.split('\n').flatMap((l) => /^\d+\. `(\w)`/.exec(l)?.[1] ?? []);
    assert.deepEqual(commands, ['M', 'H', 'V', 'Z']);
    await closeAllEditors();
  });

  it('/optimize on the open SVG shows the optimized SVG and the bytes saved, and applies it as one edit', async () => {
    const editor = await openSvg(VERBOSE);
    const doc = editor.document;
    const stream = new RecordingStream();
    const result = await suite.api.chat(chatRequest('optimize', '', new PickedChatModel()), stream, cancel.token);
    assert.equal(result.errorDetails, undefined, result.errorDetails?.message);
    const m = /: ([\d,]+) → ([\d,]+) bytes \((\d+\.\d)% smaller\)\. The picture is unchanged/.exec(stream.markdownText);
    assert.ok(m, stream.markdownText.slice(0, 400));
    const [before, after] = [Number(m[1].replace(/,/g, '')), Number(m[2].replace(/,/g, ''))];
    assert.equal(before, Buffer.byteLength(VERBOSE), 'bytes before are the file\'s bytes');
    const svg = fencedSvg(stream.markdownText);
    assert.ok(svg, 'the optimized SVG is shown');
    assert.equal(after, Buffer.byteLength(svg));
    assert.ok(after < before);
    assert.doesNotMatch(svg, /<metadata|<!--|\.000000/);
    const review = stream.buttons[0];
    assert.equal(review.title, `Review and Apply to ${doc.uri.path.split('/').pop()}`);
    suite.api.interaction.answerMessage('chat proposes a new version', 'Accept');
    assert.equal(await vscode.commands.executeCommand<string>(review.command, ...(review.arguments ?? [])), 'accepted');
    assert.equal(doc.getText(), svg);
    await closeAllEditors();
  });

  it('/optimize with no SVG open or attached answers with an error that says what to do', async () => {
    await closeAllEditors();
    const stream = new RecordingStream();
    const result = await suite.api.chat(chatRequest('optimize', '', new PickedChatModel()), stream, cancel.token);
    assert.match(result.errorDetails?.message ?? '', /Open an SVG file, or attach one with #file/);
    assert.deepEqual(stream.buttons, []);
  });
});
