import * as vscode from 'vscode';
import { SETTINGS, type SettingName, type SettingValue, type CritiqueMode, type PromptProfileChoice, type ServerEngine } from './settingsSchema';

/** Reads one setting with its typed default; wrong-typed user values fall back to the default. */
export function getSetting<N extends SettingName>(name: N, scope?: vscode.ConfigurationScope): SettingValue<N> {
  const spec = SETTINGS[name];
  const value = vscode.workspace.getConfiguration(undefined, scope).get<unknown>(spec.key);
  return (typeof value === spec.type ? value : spec.default) as SettingValue<N>;
}

/**
 * A setting's value only where the user set it (user, workspace or folder settings), else undefined:
 * the caller's own default applies then (e.g. the prompt profile's rounds and threshold).
 */
export function explicitSetting<N extends SettingName>(name: N, scope?: vscode.ConfigurationScope): SettingValue<N> | undefined {
  const spec = SETTINGS[name];
  const i = vscode.workspace.getConfiguration(undefined, scope).inspect<unknown>(spec.key);
  const value = i?.workspaceFolderLanguageValue ?? i?.workspaceLanguageValue ?? i?.globalLanguageValue ?? i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue;
  return typeof value === spec.type ? (value as SettingValue<N>) : undefined;
}

export function promptProfile(scope?: vscode.ConfigurationScope): PromptProfileChoice {
  const v = getSetting('loopPrompts', scope);
  return v === 'introsvg' || v === 'generic' ? v : 'auto';
}

export function critiqueMode(scope?: vscode.ConfigurationScope): CritiqueMode {
  const v = getSetting('critiqueMode', scope);
  return v === 'off' || v === 'onSave' ? v : 'onCommand';
}

export function serverEngine(): ServerEngine {
  return getSetting('serverEngine') === 'vllm' ? 'vllm' : 'llamacpp';
}

export function onDidChangeSetting(names: SettingName[], listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (names.some((n) => e.affectsConfiguration(SETTINGS[n].key))) listener();
  });
}

export async function openSettings(query = 'svgCopilot'): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.openSettings', query);
}
