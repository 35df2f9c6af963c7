// Shared setup for the tests that talk to a real model: the bundled server on
// the tiny fixture models (configured through settings, as a user would), and
// the extension's test-mode exports.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { SvgCopilotTestApi } from '../seams/extension';
import { closeAllEditors, extension, repoRoot } from './util';

export const TINY_MODEL = join(repoRoot, 'test', 'fixtures', 'models', 'tiny-text.gguf');
export const TINY_MMPROJ = join(repoRoot, 'test', 'fixtures', 'models', 'tiny-mmproj.gguf');

/** Settings the model tests run under: the tiny fixtures, one short round, no auto-start surprises. */
export const TINY_SETTINGS: Record<string, unknown> = {
  endpoint: 'bundled',
  'server.autoStart': true,
  'server.model': TINY_MODEL,
  'server.mmproj': TINY_MMPROJ,
  'server.threads': 1,
  'server.contextSize': 8192,
  'server.gpuLayers': 0,
  'loop.rounds': 3,
  'loop.candidates': 1,
  'loop.threshold': 0,
};

export async function testApi(): Promise<SvgCopilotTestApi> {
  const api = (await extension().activate()) as SvgCopilotTestApi | undefined;
  assert.ok(api?.interaction, 'the extension exposes no test API: run the test build (node esbuild.mjs), not a production bundle');
  return api;
}

export async function configure(values: Record<string, unknown>): Promise<void> {
  const config = vscode.workspace.getConfiguration('svgCopilot');
  for (const [key, value] of Object.entries(values)) await config.update(key, value, vscode.ConfigurationTarget.Global);
}

/**
 * Stops whatever the extension started at activation (auto-start on the default
 * preset may still be downloading), then applies the tiny-model settings.
 */
export async function useTinyModel(extra: Record<string, unknown> = {}): Promise<void> {
  await vscode.commands.executeCommand('svgCopilot.server.stop');
  await configure({ ...TINY_SETTINGS, ...extra });
}

export async function resetSettings(): Promise<void> {
  await configure(Object.fromEntries(Object.keys(TINY_SETTINGS).map((k) => [k, undefined])));
}

export function fixturesPresent(): boolean {
  return existsSync(TINY_MODEL) && existsSync(TINY_MMPROJ);
}

export function documentText(uri: vscode.Uri): string | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.getText();
}

/**
 * The before/after hooks every tiny-model suite shares: fixtures present, test
 * API in hand, server stopped and tiny settings applied before; server stopped,
 * settings and recorded interactions reset after. Call it inside describe().
 */
export function tinyModelSuite(options: { closeEditors?: boolean } = {}): { readonly api: SvgCopilotTestApi } {
  const holder = { api: undefined as unknown as SvgCopilotTestApi };
  before(async () => {
    assert.ok(fixturesPresent(), 'tiny fixture models missing: run "npm run fixtures"');
    holder.api = await testApi();
    await useTinyModel();
  });
  after(async () => {
    await vscode.commands.executeCommand('svgCopilot.server.stop');
    await resetSettings();
    holder.api?.interaction.clear();
    if (options.closeEditors !== false) await closeAllEditors();
  });
  return holder;
}
