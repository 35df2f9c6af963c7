// Helpers for tests that run inside the real extension host (test/vscode/*.test.ts).
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as vscode from 'vscode';

export const repoRoot = resolve(__dirname, '..', '..', '..');

/** The extension's package.json as shipped. */
export const manifest: {
  name: string;
  publisher: string;
  activationEvents?: string[];
  contributes: { commands?: { command: string; title: string; category?: string }[] };
} = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));

export const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;

export function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not loaded in this extension host`);
  return ext;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Polls probe until it returns a truthy value and returns that value; fails with
 * message after timeoutMs. Use it for effects that arrive asynchronously
 * (diagnostics, editor changes, UI), never a fixed sleep.
 */
export async function waitFor<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  message: string,
  timeoutMs = 10_000,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${message}${detail}`);
    }
    await sleep(intervalMs);
  }
}

let fileCounter = 0;

/** A folder for files the tests create: the workspace folder when one is open, else a temp dir. */
export function scratchFolder(): string {
  const ws = vscode.workspace.workspaceFolders?.[0];
  const dir = ws?.uri.scheme === 'file' ? ws.uri.fsPath : join(tmpdir(), 'svg-copilot-vscode-tests');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Writes text to a new .svg file on disk, opens it in an editor and returns the editor. */
export async function openSvg(text: string, name = `test-${process.pid}-${++fileCounter}.svg`): Promise<vscode.TextEditor> {
  const file = join(scratchFolder(), name);
  writeFileSync(file, text);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** Closes every editor without saving prompts (tests leave no dirty state behind). */
export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

type WorkbenchRequest =
  | { kind: 'screenshot'; name: string; selector?: string }
  | { kind: 'texts'; selector: string }
  | { kind: 'click'; selector: string; text?: string }
  | { kind: 'press'; key: string };

type WorkbenchResponse = { ok: true; path?: string; texts?: string[] } | { ok: false; error: string };

let requestCounter = 0;

async function ask(request: WorkbenchRequest, timeoutMs = 20_000): Promise<WorkbenchResponse & { ok: true }> {
  const dir = process.env.SVG_COPILOT_TEST_IPC;
  if (!dir) throw new Error('no workbench request channel: run under scripts/vscode-test.mjs');
  const id = `${process.pid}-${Date.now()}-${++requestCounter}`;
  writeFileSync(join(dir, `${id}.request.tmp`), JSON.stringify(request));
  renameSync(join(dir, `${id}.request.tmp`), join(dir, `${id}.request.json`));
  const responseFile = join(dir, `${id}.response.json`);
  await waitFor(() => existsSync(responseFile), `the harness to answer ${request.kind}`, timeoutMs);
  const response = JSON.parse(readFileSync(responseFile, 'utf8')) as WorkbenchResponse;
  rmSync(responseFile, { force: true });
  if (!response.ok) throw new Error(`workbench ${request.kind} failed: ${response.error}`);
  return response;
}

/**
 * The workbench UI as the browser shows it, through the offline harness
 * (scripts/vscode-test.mjs). Not available under @vscode/test-electron: tests
 * that need it call `if (!workbench.available) this.skip();`.
 */
export const workbench = {
  get available(): boolean {
    return !!process.env.SVG_COPILOT_TEST_IPC;
  },
  /** Saves a PNG of the whole page (or of the first element matching selector) and returns its path. */
  async screenshot(name: string, selector?: string): Promise<string> {
    const r = await ask({ kind: 'screenshot', name, selector });
    return r.path ?? '';
  },
  /** innerText of every element matching a CSS selector in the workbench page. */
  async texts(selector: string): Promise<string[]> {
    return (await ask({ kind: 'texts', selector })).texts ?? [];
  },
  /** Clicks the first element matching selector (and containing text, when given). */
  async click(selector: string, text?: string): Promise<void> {
    await ask({ kind: 'click', selector, text });
  },
  async press(key: string): Promise<void> {
    await ask({ kind: 'press', key });
  },
};

/** CSS selectors of workbench parts tests look at. */
export const ui = {
  // In test runs the workbench does not pop up notification toasts; notifications
  // are listed in the notification center (command notifications.showList).
  notificationMessage: '.notifications-center .notification-list-item-message',
  notificationButton: '.notifications-center .notification-list-item-buttons-container .monaco-button',
  settingLabel: '.settings-editor .setting-item-contents .setting-item-label',
};

/** Messages of the notifications now listed in the notification center (opens it). */
export async function notificationMessages(): Promise<string[]> {
  await vscode.commands.executeCommand('notifications.showList');
  return workbench.texts(ui.notificationMessage);
}
