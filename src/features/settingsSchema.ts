// Single source of truth for the extension's settings: key, type and default.
// A unit test checks this table against package.json "contributes.configuration"
// so the two can never drift. No vscode import: the test runs in plain Node.

export type CritiqueMode = 'off' | 'onSave' | 'onCommand';
export type ServerEngine = 'llamacpp' | 'vllm';
/** Which prompt texts and sampling the loop speaks (src/core/model/profiles/). */
export type PromptProfileChoice = 'auto' | 'introsvg' | 'generic';

export const SETTINGS = {
  endpoint: { key: 'svgCopilot.endpoint', type: 'string', default: 'bundled' },
  model: { key: 'svgCopilot.model', type: 'string', default: '' },
  requestTimeoutSeconds: { key: 'svgCopilot.requestTimeoutSeconds', type: 'number', default: 300 },
  loopRounds: { key: 'svgCopilot.loop.rounds', type: 'number', default: 3 },
  loopThreshold: { key: 'svgCopilot.loop.threshold', type: 'number', default: 8 },
  loopCandidates: { key: 'svgCopilot.loop.candidates', type: 'number', default: 1 },
  loopPrompts: { key: 'svgCopilot.loop.prompts', type: 'string', default: 'auto' as PromptProfileChoice },
  critiqueMode: { key: 'svgCopilot.critique.mode', type: 'string', default: 'onCommand' as CritiqueMode },
  lintEnabled: { key: 'svgCopilot.lint.enabled', type: 'boolean', default: true },
  inlineSvg: { key: 'svgCopilot.inlineSvg.enabled', type: 'boolean', default: true },
  renderSize: { key: 'svgCopilot.render.size', type: 'number', default: 200 },
  renderTimeoutSeconds: { key: 'svgCopilot.render.timeoutSeconds', type: 'number', default: 10 },
  renderMemoryMB: { key: 'svgCopilot.render.memoryLimitMB', type: 'number', default: 1024 },
  hoverThumbnail: { key: 'svgCopilot.hover.thumbnail', type: 'boolean', default: true },
  allowActiveContent: { key: 'svgCopilot.allowActiveContent', type: 'boolean', default: false },
  serverAutoStart: { key: 'svgCopilot.server.autoStart', type: 'boolean', default: true },
  serverEngine: { key: 'svgCopilot.server.engine', type: 'string', default: 'llamacpp' as ServerEngine },
  serverModel: { key: 'svgCopilot.server.model', type: 'string', default: '' },
  serverMmproj: { key: 'svgCopilot.server.mmproj', type: 'string', default: '' },
  serverThreads: { key: 'svgCopilot.server.threads', type: 'number', default: 0 },
  serverGpuLayers: { key: 'svgCopilot.server.gpuLayers', type: 'number', default: -1 },
  serverContextSize: { key: 'svgCopilot.server.contextSize', type: 'number', default: 8192 },
  serverNodePath: { key: 'svgCopilot.server.nodePath', type: 'string', default: '' },
  serverStartTimeoutSeconds: { key: 'svgCopilot.server.startTimeoutSeconds', type: 'number', default: 900 },
} as const;

export type SettingName = keyof typeof SETTINGS;
export type SettingValue<N extends SettingName> =
  (typeof SETTINGS)[N]['default'] extends string ? string :
  (typeof SETTINGS)[N]['default'] extends number ? number :
  (typeof SETTINGS)[N]['default'] extends boolean ? boolean : never;
