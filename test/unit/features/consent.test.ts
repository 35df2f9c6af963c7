import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHOOSE_GGUF, DOWNLOAD, ModelConsent, NEVER, NOT_NOW, OTHER_ENDPOINT } from '../../../src/features/localServer/consent';
import { modelNeed } from '../../../src/features/localServer/modelFiles';
import { DEFAULT_PRESET, findPreset, type LlamaCppPreset } from '../../../src/shared/presets';

class Memory {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] { return [...this.values.keys()]; }
  get<T>(key: string, fallback?: T): T | undefined { return (this.values.has(key) ? this.values.get(key) : fallback) as T | undefined; }
  update(key: string, value: unknown): Promise<void> { if (value === undefined) this.values.delete(key); else this.values.set(key, value); return Promise.resolve(); }
}

describe('consent before a model download', () => {
  let cache: string;
  const savedEnv = process.env.SVG_COPILOT_MODEL_CACHE;
  beforeEach(() => {
    cache = mkdtempSync(join(tmpdir(), 'consent-'));
    process.env.SVG_COPILOT_MODEL_CACHE = cache;
  });
  afterEach(() => {
    rmSync(cache, { recursive: true, force: true });
    if (savedEnv === undefined) delete process.env.SVG_COPILOT_MODEL_CACHE;
    else process.env.SVG_COPILOT_MODEL_CACHE = savedEnv;
  });

  function consent(answers: (string | undefined)[], opts: { model?: string; gguf?: string; state?: Memory } = {}) {
    const asked: string[] = [];
    let model = opts.model ?? '';
    let endpointSettings = 0;
    const c = new ModelConsent(opts.state ?? new Memory(), {
      ask: (text, ...actions) => { asked.push(`${text} [${actions.join(' | ')}]`); return Promise.resolve(answers.shift()); },
      chooseGguf: () => Promise.resolve(opts.gguf),
    }, {
      model: () => model,
      engine: () => 'llamacpp',
      setModel: (p) => { model = p; return Promise.resolve(); },
      openEndpointSettings: () => { endpointSettings++; return Promise.resolve(); },
    });
    return { c, asked, model: () => model, endpointSettings: () => endpointSettings };
  }

  it('names the model, its size and the folder, and never auto-starts a download', async () => {
    const preset = findPreset(DEFAULT_PRESET) as LlamaCppPreset;
    const { c, asked } = consent([DOWNLOAD]);
    assert.equal(c.canAutoStart(), false);
    assert.deepEqual(await c.ensure(), { kind: 'proceed' });
    assert.equal(asked.length, 1);
    assert.equal(asked[0], `SVG Copilot: Download ${preset.name} (1.6 GB) to ${cache}? [Download | Choose a local GGUF… | Use another endpoint… | Not now | Don't ask again]`);
  });

  it('does not ask when the files are already there, or for a local GGUF file', async () => {
    const preset = findPreset(DEFAULT_PRESET) as LlamaCppPreset;
    writeFileSync(join(cache, preset.model.fileName), 'x');
    assert.equal(modelNeed('', 'llamacpp').kind, 'download', 'the projector is still missing');
    writeFileSync(join(cache, preset.mmproj!.fileName), 'x');
    const present = consent([]);
    assert.equal(present.c.canAutoStart(), true);
    assert.deepEqual(await present.c.ensure(), { kind: 'proceed' });
    assert.equal(present.asked.length, 0);
    const file = join(cache, 'mine.gguf');
    writeFileSync(file, 'x');
    assert.equal(modelNeed(file, 'llamacpp').kind, 'present');
    assert.equal(modelNeed(join(cache, 'absent.gguf'), 'llamacpp').kind, 'unknown');
    assert.equal(modelNeed('', 'vllm').kind, 'present');
  });

  it('"Not now" holds for the window, "Don\'t ask again" for good until Select Model resets it', async () => {
    const later = consent([NOT_NOW]);
    assert.equal((await later.c.ensure()).kind, 'declined');
    const again = await later.c.ensure();
    assert.equal(again.kind === 'declined' && again.justAsked, false);
    assert.equal(later.asked.length, 1, 'asked once in the window');
    assert.equal((await later.c.ensure(true)).kind, 'declined', 'Start Local Server asks again (answered by the script: nothing left, so dismissed)');
    assert.equal(later.asked.length, 2);

    const state = new Memory();
    const never = consent([NEVER], { state });
    await never.c.ensure();
    const fresh = consent([], { state }); // a new window, same global state
    const r = await fresh.c.ensure();
    assert.ok(r.kind === 'declined' && /Select Model/.test(r.message));
    assert.equal(fresh.asked.length, 0);
    await fresh.c.reset();
    const askedAgain = consent([DOWNLOAD], { state });
    assert.deepEqual(await askedAgain.c.ensure(), { kind: 'proceed' });
    assert.equal(askedAgain.asked.length, 1);
  });

  it('a chosen local GGUF becomes the model; another endpoint opens its setting', async () => {
    const file = join(cache, 'local.gguf');
    writeFileSync(file, 'x');
    const local = consent([CHOOSE_GGUF], { gguf: file });
    assert.deepEqual(await local.c.ensure(), { kind: 'proceed' });
    assert.equal(local.model(), file);
    assert.equal(local.c.canAutoStart(), true);
    const none = consent([CHOOSE_GGUF]);
    assert.equal((await none.c.ensure()).kind, 'declined');
    const other = consent([OTHER_ENDPOINT]);
    assert.equal((await other.c.ensure()).kind, 'declined');
    assert.equal(other.endpointSettings(), 1);
  });
});
