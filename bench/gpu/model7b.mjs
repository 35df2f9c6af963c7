// A random-weight llama-architecture GGUF with a real model's shapes (by default
// Qwen2.5-7B's: 3584 wide, 28 layers, 28 query / 4 key-value heads, 18944 FFN,
// 152064 tokens), in F16 or Q8_0, streamed to disk with no download. Only its
// size and shapes matter: it measures how fast the server moves a 7B model's
// bytes, never what it says.
//
// The vocabulary, chat template and "bias channel" are the fixture model's
// (scripts/fixtures/tiny-llama.mjs): embedding dimension 0 carries a constant
// that no layer reads or writes, so the output matrix's column 0 is a per-token
// logit bias. Here every control token (end of turn included) and the bytes
// 0x80-0xFF get -60, so a generation always runs to max_tokens in valid UTF-8.
//
// Weight rows are slices of a pool of random values at pseudo-random offsets:
// every byte the GPU reads is random (never zeros, which can run faster), and
// writing 15 GB costs little more than the disk.
import { closeSync, openSync, renameSync, writeSync } from 'node:fs';
import { buildTinyLlama } from '../../scripts/fixtures/tiny-llama.mjs';
import { T, rng } from '../../scripts/fixtures/gguf-writer.mjs';

export const QWEN25_7B = { dim: 3584, layers: 28, heads: 28, kvHeads: 4, ff: 18944, vocab: 152064 };

const GGML = { F32: 0, F16: 1, Q8_0: 8 };
const ALIGN = 32;
const align = (n) => Math.ceil(n / ALIGN) * ALIGN;
const BIAS = -60;

/** float -> IEEE half bits (round to nearest even; values here are small and finite). */
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
export function toHalf(v) {
  f32[0] = v;
  const x = u32[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = ((x >>> 23) & 0xff) - 127 + 15;
  let mant = x & 0x7fffff;
  if (exp <= 0) {
    if (exp < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - exp;
    const half = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    return sign | (rem > mid || (rem === mid && half & 1) ? half + 1 : half);
  }
  if (exp >= 31) return sign | 0x7bff;
  let h = sign | (exp << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && h & 1)) h++;
  return h;
}

/** Header bytes: the GGUF v3 preamble, key/values and tensor infos, padded to the alignment. */
class Header {
  constructor() { this.parts = []; }
  u32(v) { const b = Buffer.alloc(4); b.writeUInt32LE(v); this.parts.push(b); }
  i32(v) { const b = Buffer.alloc(4); b.writeInt32LE(v); this.parts.push(b); }
  u64(v) { const b = Buffer.alloc(8); b.writeBigUInt64LE(BigInt(v)); this.parts.push(b); }
  f32(v) { const b = Buffer.alloc(4); b.writeFloatLE(v); this.parts.push(b); }
  str(s) { const b = Buffer.from(s, 'utf8'); this.u64(b.length); this.parts.push(b); }
  scalar(type, v) {
    switch (type) {
      case T.UINT32: return this.u32(v);
      case T.INT32: return this.i32(v);
      case T.FLOAT32: return this.f32(v);
      case T.BOOL: return this.parts.push(Buffer.from([v ? 1 : 0]));
      case T.STRING: return this.str(v);
      default: throw new Error(`model7b: unsupported value type ${type}`);
    }
  }
  bytes() {
    const b = Buffer.concat(this.parts);
    return Buffer.concat([b, Buffer.alloc(align(b.length) - b.length)]);
  }
}

function bytesOf(type, count) {
  if (type === GGML.F32) return count * 4;
  if (type === GGML.F16) return count * 2;
  return (count / 32) * 34;
}

/**
 * Writes the model to `path` (via a temporary file and a rename). Returns its
 * size in bytes and the bytes of the token embedding (which llama.cpp keeps in
 * host memory: one row per token is read, not the whole matrix).
 */
export function writeModel7b(path, { dtype = 'f16', seed = 7, shape = QWEN25_7B } = {}) {
  const { dim, layers, heads, kvHeads, ff, vocab } = shape;
  if (dtype !== 'f16' && dtype !== 'q8_0') throw new Error(`model7b: dtype must be f16 or q8_0, got "${dtype}"`);
  if (dim % heads || heads % kvHeads) throw new Error('model7b: dim must divide by heads, heads by kvHeads');
  if (dtype === 'q8_0' && (dim % 32 || ff % 32)) throw new Error('model7b: Q8_0 needs dim and ff divisible by 32');
  const headDim = dim / heads;
  const kvDim = headDim * kvHeads;
  const wtype = dtype === 'f16' ? GGML.F16 : GGML.Q8_0;

  // The fixture model's vocabulary and template, at this vocabulary size.
  const fixture = buildTinyLlama({ dim: 64, layers: 1, heads: 4, vocabExtra: vocab - 262 });
  const kv = new Map(fixture.writer.kvs.map((e) => [e.key, e]));
  const tokens = kv.get('tokenizer.ggml.tokens').value;
  if (tokens.length !== vocab) throw new Error(`model7b: vocabulary of ${tokens.length}, wanted ${vocab}`);
  const imEnd = kv.get('tokenizer.ggml.eos_token_id').value;
  const bias = new Float32Array(vocab);
  const firstByte = 3;
  for (let b = 0x80; b <= 0xff; b++) bias[firstByte + b] = BIAS;
  for (let t = 0; t < vocab; t++) if (kv.get('tokenizer.ggml.token_type').value[t] === 3) bias[t] = BIAS;
  bias[imEnd] = BIAS;

  const meta = [
    ['general.architecture', T.STRING, 'llama'],
    ['general.name', T.STRING, `random-${dtype}-d${dim}-l${layers}`],
    ['general.file_type', T.UINT32, dtype === 'f16' ? 1 : 7],
    ['llama.context_length', T.UINT32, 32768],
    ['llama.embedding_length', T.UINT32, dim],
    ['llama.block_count', T.UINT32, layers],
    ['llama.feed_forward_length', T.UINT32, ff],
    ['llama.attention.head_count', T.UINT32, heads],
    ['llama.attention.head_count_kv', T.UINT32, kvHeads],
    ['llama.attention.layer_norm_rms_epsilon', T.FLOAT32, 1e-6],
    ['llama.rope.dimension_count', T.UINT32, headDim],
    ['llama.rope.freq_base', T.FLOAT32, 1000000],
    ['llama.vocab_size', T.UINT32, vocab],
  ];
  const kvs = [...meta.map(([key, type, value]) => ({ key, type, value })), ...fixture.writer.kvs.filter((e) => e.key.startsWith('tokenizer.'))];

  // Bias channel (see tiny-llama.mjs): the embedding's column 0 is c, and after the final norm it is ≈ h0.
  const c = 2 * Math.sqrt(dim);
  const h0 = c / Math.sqrt((c * c + (dim - 1) * 2) / dim);
  /** How row r of a matrix treats element 0: 'zero' (does not read the bias channel), a value, or the whole row zero. */
  const tensors = [{ name: 'token_embd.weight', inDim: dim, rows: vocab, scale: 1, first: () => c }];
  const proj = (name, inDim, rows, role) => tensors.push({
    name, inDim, rows, scale: 1 / Math.sqrt(inDim),
    ...(role === 'writes' ? { first: () => 0 } : { zeroRow: 0 }),
  });
  for (let l = 0; l < layers; l++) {
    tensors.push({ name: `blk.${l}.attn_norm.weight`, norm: dim });
    proj(`blk.${l}.attn_q.weight`, dim, dim, 'writes');
    proj(`blk.${l}.attn_k.weight`, dim, kvDim, 'writes');
    proj(`blk.${l}.attn_v.weight`, dim, kvDim, 'writes');
    proj(`blk.${l}.attn_output.weight`, dim, dim, 'reads');
    tensors.push({ name: `blk.${l}.ffn_norm.weight`, norm: dim });
    proj(`blk.${l}.ffn_gate.weight`, dim, ff, 'writes');
    proj(`blk.${l}.ffn_up.weight`, dim, ff, 'writes');
    proj(`blk.${l}.ffn_down.weight`, ff, dim, 'reads');
  }
  tensors.push({ name: 'output_norm.weight', norm: dim });
  tensors.push({ name: 'output.weight', inDim: dim, rows: vocab, scale: 2 / Math.sqrt(dim), first: (t) => bias[t] / h0 });

  const head = new Header();
  head.u32(0x46554747);
  head.u32(3);
  head.u64(tensors.length);
  head.u64(kvs.length);
  for (const { key, type, elemType, value } of kvs) {
    head.str(key);
    head.u32(type);
    if (type === T.ARRAY) {
      head.u32(elemType);
      head.u64(value.length);
      for (const v of value) head.scalar(elemType, v);
    } else {
      head.scalar(type, value);
    }
  }
  let offset = 0;
  for (const t of tensors) {
    t.type = t.norm ? GGML.F32 : wtype;
    const shapeOf = t.norm ? [t.norm] : [t.inDim, t.rows];
    t.bytes = bytesOf(t.type, shapeOf.reduce((a, b) => a * b, 1));
    head.str(t.name);
    head.u32(shapeOf.length);
    for (const d of shapeOf) head.u64(d);
    head.u32(t.type);
    head.u64(offset);
    t.offset = offset;
    offset = align(offset + t.bytes);
  }
  const header = head.bytes();

  // Pools of random rows' worth of values for each input width and scale.
  const r = rng(seed);
  const POOL = 1 << 21;
  const pools = new Map();
  const poolOf = (inDim, scale) => {
    const key = `${inDim}/${scale}`;
    if (pools.has(key)) return pools.get(key);
    let pool;
    if (wtype === GGML.F16) {
      const h = new Uint16Array(POOL + inDim);
      for (let i = 0; i < h.length; i++) h[i] = toHalf(r.normal() * scale);
      pool = Buffer.from(h.buffer);
    } else {
      const blocks = (POOL + inDim) / 32 | 0;
      pool = Buffer.alloc(blocks * 34);
      // int8 uniform in [-127, 127] has a standard deviation of ≈ 73.6
      const d = toHalf(scale / 73.6);
      for (let b = 0; b < blocks; b++) {
        pool.writeUInt16LE(d, b * 34);
        for (let i = 0; i < 32; i++) pool.writeInt8(Math.floor(r.next() * 255) - 127, b * 34 + 2 + i);
      }
    }
    pools.set(key, pool);
    return pool;
  };

  const CHUNK = 32 << 20;
  const buf = Buffer.alloc(CHUNK);
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  let written = 0;
  let fill = 0;
  const flush = () => { if (fill) { writeSync(fd, buf, 0, fill); written += fill; fill = 0; } };
  const put = (src, start, end) => {
    while (start < end) {
      const n = Math.min(end - start, CHUNK - fill);
      src.copy(buf, fill, start, start + n);
      fill += n; start += n;
      if (fill === CHUNK) flush();
    }
  };
  const zeros = Buffer.alloc(Math.max(dim, ff) * 4);
  try {
    writeSync(fd, header);
    written = header.length;
    const base = header.length;
    for (const t of tensors) {
      const pad = base + t.offset - (written + fill);
      if (pad > 0) put(zeros, 0, pad);
      if (t.norm) {
        const ones = Buffer.alloc(t.norm * 4);
        for (let i = 0; i < t.norm; i++) ones.writeFloatLE(1, i * 4);
        put(ones, 0, ones.length);
        continue;
      }
      const pool = poolOf(t.inDim, t.scale);
      const rowBytes = bytesOf(t.type, t.inDim);
      const unit = wtype === GGML.F16 ? 2 : 34;
      const slots = (pool.length - rowBytes) / unit | 0;
      const special = Buffer.alloc(rowBytes);
      for (let row = 0; row < t.rows; row++) {
        if (t.zeroRow === row) { put(zeros.length >= rowBytes ? zeros : Buffer.alloc(rowBytes), 0, rowBytes); continue; }
        const start = Math.floor(r.next() * slots) * unit;
        if (!t.first) { put(pool, start, start + rowBytes); continue; }
        // Element 0 is the bias channel: copy the row, then set it.
        pool.copy(special, 0, start, start + rowBytes);
        const v = t.first(row);
        if (wtype === GGML.F16) special.writeUInt16LE(toHalf(v), 0);
        else if (v === 0) special.writeInt8(0, 2);
        else {
          // A block of its own: scale |v| / 127, element 0 at ±127, the rest of the block zero.
          special.writeUInt16LE(toHalf(Math.abs(v) / 127), 0);
          special.fill(0, 2, 34);
          special.writeInt8(v < 0 ? -127 : 127, 2);
        }
        put(special, 0, rowBytes);
      }
    }
    const end = base + offset - (written + fill);
    if (end > 0) put(zeros, 0, end);
    flush();
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  const embd = tensors[0].bytes;
  return { bytes: written, embdBytes: embd, dtype, shape };
}
