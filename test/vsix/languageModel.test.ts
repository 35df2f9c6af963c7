// The installed VSIX on VS Code's own AI surface: with svgCopilot.endpoint
// "vscode-lm" it generates and critiques through a language model that a
// scripted provider (this test extension's vendor) serves, sends the render
// to the vision model as an image, offers its tools to agents, and contributes
// an @svg participant and the local server as a chat model.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { fixturesPresent, TINY_MMPROJ, TINY_MODEL } from '../vscode/modelSetup';
import { notificationMessages, ui, workbench } from '../vscode/util';
import { QUOTA_MODEL, SCRIPTED_SCORE, ScriptedModels, STALLING_MODEL, TEXT_MODEL, VENDOR, VISION_MODEL, type RecordedRequest } from './scriptedModels';

const ID = 'svg-copilot.svg-copilot';
const TOOLS = ['svgCopilot_render', 'svgCopilot_lint', 'svgCopilot_critique', 'svgCopilot_explainPath'];
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47];

/** The local server's chat model is listed exactly while the server is ready. */
const ownModels = () => vscode.lm.selectChatModels({ vendor: 'svg-copilot' });

/** Waits for a notification matching re (the packaged build has no test seam: the workbench is read as a user sees it). */
async function notificationMatching(re: RegExp, ms = 30_000): Promise<string> {
  let seen: string[] = [];
  try {
    await until(`a notification matching ${re}`, async () => (seen = await notificationMessages()).some((m) => re.test(m)), ms);
  } catch (e) {
    throw new Error(`${(e as Error).message}; notifications: ${JSON.stringify(seen)}`);
  }
  return seen.find((m) => re.test(m))!;
}

async function clearNotifications(): Promise<void> {
  await vscode.commands.executeCommand('notifications.clearAll');
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Writes an svgCopilot setting and waits until this extension host reads the new
 * value: in a remote window a workspace settings write reaches the host through
 * a file watcher, after update() has resolved, so a command started at once
 * could still run on the previous value.
 */
async function setSetting(key: string, value: unknown, target: vscode.ConfigurationTarget): Promise<void> {
  await vscode.workspace.getConfiguration('svgCopilot').update(key, value, target);
  const scope = target === vscode.ConfigurationTarget.Global ? 'globalValue' : 'workspaceValue';
  await until(`svgCopilot.${key} to read ${JSON.stringify(value)}`, () => {
    const seen = vscode.workspace.getConfiguration('svgCopilot').inspect(key)?.[scope];
    return JSON.stringify(seen) === JSON.stringify(value);
  });
}

async function textOf(response: vscode.LanguageModelChatResponse): Promise<string> {
  let text = '';
  for await (const piece of response.text) text += piece;
  return text;
}

function startsWithPng(data: Uint8Array): boolean {
  return PNG_MAGIC.every((b, i) => data[i] === b);
}

function imagesIn(r: RecordedRequest) {
  return r.messages.flatMap((m) => m.parts).filter((p) => p.kind === 'data');
}

describe('VS Code language models', function () {
  this.timeout(120_000);
  const models = new ScriptedModels();
  let registration: vscode.Disposable | undefined;
  let folder: string;

  before(async () => {
    registration = vscode.lm.registerLanguageModelChatProvider(VENDOR, models);
    const listed = await vscode.lm.selectChatModels({ vendor: VENDOR });
    assert.deepEqual(listed.map((m) => m.id).sort(), [QUOTA_MODEL, STALLING_MODEL, TEXT_MODEL, VISION_MODEL].sort(), 'the scripted provider is not available: is chat.disableAIFeatures false?');
    folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    // svgCopilot.endpoint is machine-overridable: in code-server it is read from the
    // Machine or workspace settings, never the user's.
    await setSetting('endpoint', 'vscode-lm', vscode.ConfigurationTarget.Workspace);
    await setSetting('model', VISION_MODEL, vscode.ConfigurationTarget.Workspace);
    const ext = vscode.extensions.getExtension(ID);
    assert.ok(ext);
    await ext.activate();
    assert.ok(workbench.available, 'these checks read notifications and pick items in the workbench: run under scripts/vscode-test.mjs');
  });

  after(async () => {
    registration?.dispose();
    await setSetting('endpoint', undefined, vscode.ConfigurationTarget.Workspace);
    await setSetting('model', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('the package contributes the four tools, an @svg participant and a chat model provider, and registers the tools', () => {
    const contributes = vscode.extensions.getExtension(ID)!.packageJSON.contributes;
    assert.deepEqual(contributes.languageModelTools.map((t: { name: string }) => t.name).sort(), [...TOOLS].sort());
    for (const t of contributes.languageModelTools) assert.ok(t.modelDescription.length > 200, `${t.name} has too short a modelDescription for agents`);
    const participant = contributes.chatParticipants.find((p: { name: string }) => p.name === 'svg');
    assert.ok(participant, 'no @svg participant');
    assert.deepEqual(participant.commands.map((c: { name: string }) => c.name).sort(), ['critique', 'explain', 'generate', 'optimize']);
    assert.deepEqual(contributes.languageModelChatProviders.map((p: { vendor: string }) => p.vendor), ['svg-copilot']);
    const registered = new Set(vscode.lm.tools.map((t) => t.name));
    assert.deepEqual(TOOLS.filter((t) => !registered.has(t)), [], 'tools declared but not registered');
  });

  it('"Generate SVG from Prompt" inserts the SVG the language model wrote, and starts no server', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    models.requests.length = 0;
    const done = await vscode.commands.executeCommand<boolean>('svgCopilot.generate', 'a green circle');
    assert.equal(done, true, `generation did not finish: ${JSON.stringify(await notificationMessages())}`);
    const text = vscode.window.activeTextEditor?.document.getText() ?? '';
    assert.match(text, /fill="#0a7e3c"/, `the editor does not hold the model's SVG: ${text.slice(0, 300)}`);
    assert.match(text, /<title>scripted circle<\/title>/);
    const generator = models.requests.find((r) => imagesIn(r).length === 0);
    assert.ok(generator, 'no generator request reached the model');
    assert.equal(generator.model, VISION_MODEL);
    assert.match(generator.messages.map((m) => m.parts.map((p) => (p.kind === 'text' ? p.text : '')).join('')).join('\n'), /a green circle/);
    assert.deepEqual(await ownModels(), [], 'a server was launched for the vscode-lm endpoint');
  });

  it('the critic sends the render to the vision model as a PNG image part', async () => {
    const file = join(folder, 'critique-me.svg');
    writeFileSync(file, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect x="4" y="4" width="16" height="16" fill="#1d4ed8"/></svg>\n');
    const uri = vscode.Uri.file(file);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    models.requests.length = 0;
    const findings = await vscode.commands.executeCommand<{ score?: number; critic?: string; critique: string }>('svgCopilot.critique', uri, 'a blue square');
    assert.ok(findings, `no critique: ${JSON.stringify(await notificationMessages())}`);
    assert.equal(findings.score, SCRIPTED_SCORE);
    assert.equal(findings.critic, 'vision');
    assert.match(findings.critique, new RegExp(VISION_MODEL));
    assert.equal(models.requests.length, 1);
    const images = imagesIn(models.requests[0]);
    assert.equal(images.length, 1, 'the critic request carries no image');
    const image = images[0] as { mimeType: string; data: Uint8Array };
    assert.equal(image.mimeType, 'image/png');
    assert.ok(startsWithPng(image.data), 'the image part is not a PNG');
    assert.ok(image.data.byteLength > 100);
  });

  it('a model without image input gets the text critic, which reads the code', async () => {
    await setSetting('model', TEXT_MODEL, vscode.ConfigurationTarget.Workspace);
    try {
      models.requests.length = 0;
      const uri = vscode.Uri.file(join(folder, 'critique-me.svg'));
      const findings = await vscode.commands.executeCommand<{ score?: number; critic?: string }>('svgCopilot.critique', uri, 'a blue square');
      assert.equal(findings?.critic, 'text');
      assert.equal(models.requests.length, 1);
      assert.equal(models.requests[0].model, TEXT_MODEL);
      assert.equal(imagesIn(models.requests[0]).length, 0);
      const prompt = models.requests[0].messages.flatMap((m) => m.parts).map((p) => (p.kind === 'text' ? p.text : '')).join('');
      assert.match(prompt, /#1d4ed8/, 'the text critic did not get the SVG code');
    } finally {
      await setSetting('model', VISION_MODEL, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('an agent-style invokeTool("svgCopilot_render") returns a PNG data part and a one-line summary', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 5"><rect width="10" height="5" fill="red"/></svg>';
    const result = await vscode.lm.invokeTool('svgCopilot_render', { input: { svg, size: 64 }, toolInvocationToken: undefined });
    const data = result.content.filter((p): p is vscode.LanguageModelDataPart => p instanceof vscode.LanguageModelDataPart);
    assert.equal(data.length, 1, `content: ${JSON.stringify(result.content.map((p) => p?.constructor?.name))}`);
    assert.equal(data[0].mimeType, 'image/png');
    assert.ok(startsWithPng(data[0].data));
    // 64 px on the longest side of a 2:1 drawing: the IHDR chunk says 64 × 32.
    const view = new DataView(data[0].data.buffer, data[0].data.byteOffset, data[0].data.byteLength);
    assert.deepEqual([view.getUint32(16), view.getUint32(20)], [64, 32]);
    const summary = result.content.filter((p): p is vscode.LanguageModelTextPart => p instanceof vscode.LanguageModelTextPart).map((p) => p.value);
    assert.equal(summary.length, 1);
    assert.match(summary[0], /64×32 PNG/);
    assert.doesNotMatch(summary[0], /\n/);
  });

  it('the lint and explain-path tools answer agents with codes, ranges and segments', async () => {
    const lint = await vscode.lm.invokeTool('svgCopilot_lint', { input: { svg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><path d="M 0 0 L 5 x"/></svg>' }, toolInvocationToken: undefined });
    const lintText = lint.content.filter((p): p is vscode.LanguageModelTextPart => p instanceof vscode.LanguageModelTextPart).map((p) => p.value).join('\n');
    assert.match(lintText, /invalid-path-data 1:\d+–1:\d+/);
    const explained = await vscode.lm.invokeTool('svgCopilot_explainPath', { input: { path: 'M 0 0 L 10 0 L 10 10 Z' }, toolInvocationToken: undefined });
    const explainText = explained.content.filter((p): p is vscode.LanguageModelTextPart => p instanceof vscode.LanguageModelTextPart).map((p) => p.value).join('\n');
    assert.match(explainText, /3 segments/);
    assert.match(explainText, /^1\. /m);
    assert.match(explainText, /^3\. /m);
  });

  it('"Select Model" offers VS Code\'s language models next to the presets and switches the endpoint to one', async () => {
    const config = () => vscode.workspace.getConfiguration('svgCopilot');
    await setSetting('endpoint', 'bundled', vscode.ConfigurationTarget.Workspace);
    try {
      const picking = vscode.commands.executeCommand('svgCopilot.server.selectModel');
      // The quick pick as a user sees it: the presets and VS Code's models in one list.
      const rows = '.quick-input-widget .monaco-list-row';
      await until('the model quick pick', async () => (await workbench.texts(rows)).some((t) => t.includes('Scripted text model')));
      const offered = (await workbench.texts(rows)).join('\n');
      assert.match(offered, /Default preset/, `no presets next to the language models: ${offered}`);
      assert.match(offered, /Scripted vision model/);
      await workbench.click(rows, 'Scripted text model');
      await picking;
      assert.equal(config().get('endpoint'), 'vscode-lm');
      assert.equal(config().get('model'), TEXT_MODEL);
      assert.deepEqual(await ownModels(), []);
    } finally {
      await setSetting('endpoint', 'vscode-lm', vscode.ConfigurationTarget.Workspace);
      await setSetting('model', VISION_MODEL, vscode.ConfigurationTarget.Workspace);
    }
  });
  it('a used-up quota ends the command with a message that says so, and nothing is retried', async () => {
    await setSetting('model', QUOTA_MODEL, vscode.ConfigurationTarget.Workspace);
    try {
      models.requests.length = 0;
      await clearNotifications();
      // The command waits on its error notification until the user closes it.
      const running = vscode.commands.executeCommand('svgCopilot.critique', vscode.Uri.file(join(folder, 'critique-me.svg')), 'a blue square');
      const error = await notificationMatching(/critique failed/);
      assert.match(error, /quota/);
      assert.match(error, /Scripted model without quota/);
      await clearNotifications();
      assert.equal(await running, undefined);
      assert.equal(models.requests.length, 1, 'a refused request was retried');
    } finally {
      await setSetting('model', VISION_MODEL, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('Cancel reaches the language model as a cancelled CancellationToken', async () => {
    await setSetting('model', STALLING_MODEL, vscode.ConfigurationTarget.Workspace);
    try {
      models.requests.length = 0;
      await clearNotifications();
      // A notification an earlier test closed can linger in the workbench's list for a moment; only new ones count.
      const earlier = await notificationMessages();
      const running = vscode.commands.executeCommand('svgCopilot.critique', vscode.Uri.file(join(folder, 'critique-me.svg')), 'a blue square');
      await until('the critic request to reach the model', () => models.requests.length === 1);
      // The Cancel button of the progress notification, as a user presses it.
      await notificationMatching(/critiquing/);
      await workbench.click(ui.notificationButton, 'Cancel');
      assert.equal(await running, undefined);
      await until('the provider to see the cancellation', () => models.requests[0].cancelled, 10_000);
      const shown = await notificationMessages();
      assert.equal(models.requests[0].model, STALLING_MODEL);
      assert.deepEqual(shown.filter((m) => /failed/.test(m) && !earlier.includes(m)), [], 'a cancellation was reported as an error');
    } finally {
      await setSetting('model', VISION_MODEL, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('a language model that goes silent past the request deadline ends the command with a timeout message', async function () {
    this.timeout(60_000);
    await setSetting('model', STALLING_MODEL, vscode.ConfigurationTarget.Workspace);
    await setSetting('requestTimeoutSeconds', 5, vscode.ConfigurationTarget.Workspace);
    try {
      models.requests.length = 0;
      await clearNotifications();
      const running = vscode.commands.executeCommand('svgCopilot.critique', vscode.Uri.file(join(folder, 'critique-me.svg')), 'a blue square, with a deadline');
      const error = await notificationMatching(/critique failed/, 30_000);
      assert.match(error, /did not finish within 5 s/);
      await clearNotifications();
      assert.equal(await running, undefined);
      await until('the provider to see the cancellation', () => models.requests.length > 0 && models.requests.every((r) => r.cancelled), 10_000);
    } finally {
      await setSetting('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Workspace);
      await setSetting('model', VISION_MODEL, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('while the bundled server runs its model is a VS Code chat model (text and image parts), never the default for vscode-lm, and it goes when the server stops', async function () {
    this.timeout(240_000);
    assert.ok(fixturesPresent(), 'tiny fixture models missing: run "npm run fixtures"');
    const serverSettings: Record<string, unknown> = { 'server.model': TINY_MODEL, 'server.mmproj': TINY_MMPROJ, 'server.threads': 1, 'server.contextSize': 4096, 'server.gpuLayers': 0 };
    for (const [k, v] of Object.entries(serverSettings)) await setSetting(k, v, vscode.ConfigurationTarget.Global);
    const own = ownModels;
    try {
      assert.deepEqual(await own(), [], 'a local-server model is listed while no server runs');
      // Started with the endpoint on "bundled", so no "switch to the local server?" question waits for an answer.
      await setSetting('endpoint', 'bundled', vscode.ConfigurationTarget.Workspace);
      const started = await vscode.commands.executeCommand<{ kind: string; message?: string }>('svgCopilot.server.start');
      await setSetting('endpoint', 'vscode-lm', vscode.ConfigurationTarget.Workspace);
      assert.equal(started?.kind, 'ready', `the server did not start: ${JSON.stringify(started)}`);
      await until('the local server model to be listed', async () => (await own()).length === 1);
      const [local] = await own();
      assert.match(local.id, /tiny-text/);

      const source = new vscode.CancellationTokenSource();
      const textAnswer = await textOf(await local.sendRequest([vscode.LanguageModelChatMessage.User('Say hello.')], { modelOptions: { max_tokens: 8, temperature: 0 } }, source.token));
      assert.ok(textAnswer.length > 0, 'the local server model answered nothing');
      const png = (await vscode.lm.invokeTool('svgCopilot_render', { input: { svg: '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8" fill="red"/></svg>', size: 32 }, toolInvocationToken: undefined }))
        .content.find((p): p is vscode.LanguageModelDataPart => p instanceof vscode.LanguageModelDataPart);
      assert.ok(png);
      const imageAnswer = await textOf(await local.sendRequest([vscode.LanguageModelChatMessage.User([new vscode.LanguageModelTextPart('What is this?'), vscode.LanguageModelDataPart.image(png.data, 'image/png')])], { modelOptions: { max_tokens: 8, temperature: 0 } }, source.token));
      assert.ok(imageAnswer.length > 0, 'the local server model answered nothing to an image');

      // With no model named, vscode-lm takes the first model with image input that is not this extension's own.
      await setSetting('model', undefined, vscode.ConfigurationTarget.Workspace);
      models.requests.length = 0;
      const findings = await vscode.commands.executeCommand<{ critic?: string }>('svgCopilot.critique', vscode.Uri.file(join(folder, 'critique-me.svg')), 'a blue square, asked with no model named');
      assert.equal(findings?.critic, 'vision');
      assert.equal(models.requests.length, 1, 'the critique did not go to a scripted model');
      // The scripted vision model is the only other one with image input.
      assert.equal(models.requests[0].model, VISION_MODEL);

      await vscode.commands.executeCommand('svgCopilot.server.stop');
      await until('the local server model to go', async () => (await own()).length === 0);
    } finally {
      await vscode.commands.executeCommand('svgCopilot.server.stop');
      for (const k of Object.keys(serverSettings)) await setSetting(k, undefined, vscode.ConfigurationTarget.Global);
      await setSetting('endpoint', 'vscode-lm', vscode.ConfigurationTarget.Workspace);
      await setSetting('model', VISION_MODEL, vscode.ConfigurationTarget.Workspace);
    }
  });
});
