// Writes the model fixtures the server tests and benchmarks run on, with no
// downloads and byte-for-byte deterministically:
//   test/fixtures/models/tiny-text.gguf   random llama model, byte-fallback vocab, ChatML
//   test/fixtures/models/tiny-mmproj.gguf random CLIP "mlp" projector (32 px → 16 image tokens)
//
// Size flags write one bigger text model instead (for benchmarks):
//   node scripts/make-fixtures.mjs --dim 512 --layers 8 --vocab-extra 4000 --out .cache/bench/model.gguf
//
// A file is rewritten only when its recorded stamp (parameters + generator
// source hash, and the file's own hash) no longer matches, so repeated runs cost
// a few milliseconds.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, createReadStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildTinyLlama } from './fixtures/tiny-llama.mjs';
import { buildTinyClip } from './fixtures/tiny-clip.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

function parseArgs(argv) {
  const opts = {};
  const numeric = { '--dim': 'dim', '--layers': 'layers', '--vocab-extra': 'vocabExtra', '--heads': 'heads', '--seed': 'seed' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') { opts.help = true; continue; }
    if (a === '--out') { opts.out = argv[++i]; continue; }
    if (a === '--force') { opts.force = true; continue; }
    if (numeric[a]) {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 0) throw new Error(`${a} needs a non-negative integer, got "${argv[i]}"`);
      opts[numeric[a]] = v;
      continue;
    }
    throw new Error(`unknown argument "${a}" (try --help)`);
  }
  return opts;
}

const generatorHash = createHash('sha256')
  .update(['fixtures/gguf-writer.mjs', 'fixtures/tiny-llama.mjs', 'fixtures/tiny-clip.mjs'].map((f) => readFileSync(join(here, f))).join('\0'))
  .digest('hex');

function fileHash(path) {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(path).on('data', (d) => h.update(d)).on('end', () => resolve(h.digest('hex'))).on('error', reject);
  });
}

/** Builds `path` unless its stamp says the same generator and parameters already made exactly this file. */
async function ensure(path, params, build, force) {
  const stampPath = `${path}.stamp.json`;
  const key = createHash('sha256').update(generatorHash).update(JSON.stringify(params)).digest('hex');
  if (!force && existsSync(path) && existsSync(stampPath)) {
    try {
      const stamp = JSON.parse(readFileSync(stampPath, 'utf8'));
      if (stamp.key === key && stamp.sha256 === (await fileHash(path))) {
        console.log(`fixtures: ${path} up to date`);
        return;
      }
    } catch { /* unreadable stamp: rebuild */ }
  }
  mkdirSync(dirname(path), { recursive: true });
  const t0 = Date.now();
  const { writer, info } = build();
  writer.write(path);
  const sha256 = await fileHash(path);
  writeFileSync(stampPath, JSON.stringify({ key, params, sha256, info }, null, 2) + '\n');
  console.log(`fixtures: wrote ${path} (${JSON.stringify(info)}) in ${Date.now() - t0} ms`);
}

const opts = parseArgs(process.argv.slice(2));
if (opts.help) {
  console.log('usage: make-fixtures.mjs [--dim N --layers N --vocab-extra N --heads N --seed N --out PATH] [--force]');
  process.exit(0);
}
const sized = ['dim', 'layers', 'vocabExtra', 'heads', 'seed', 'out'].some((k) => opts[k] !== undefined);
if (sized) {
  const params = { dim: opts.dim ?? 64, layers: opts.layers ?? 2, vocabExtra: opts.vocabExtra ?? 0, heads: opts.heads ?? 4, seed: opts.seed ?? 1234 };
  const out = opts.out ?? join(root, '.cache', 'models', `random-d${params.dim}-l${params.layers}-v${params.vocabExtra}.gguf`);
  await ensure(out, params, () => buildTinyLlama({ ...params, name: 'random-llama' }), opts.force);
} else {
  const dir = join(root, 'test', 'fixtures', 'models');
  await ensure(join(dir, 'tiny-text.gguf'), { model: 'tiny-text' }, () => buildTinyLlama({ name: 'tiny-text' }), opts.force);
  await ensure(join(dir, 'tiny-mmproj.gguf'), { model: 'tiny-mmproj' }, () => buildTinyClip({ textDim: 64 }), opts.force);
}
