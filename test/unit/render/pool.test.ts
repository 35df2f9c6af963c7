import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { STARTUP_LIMIT_MS, WorkerPool } from '../../../src/core/render/pool';
import { HELD_RENDER_WORKER, RenderGate, renderTaking } from './heldRender';
import { hostileCorpus, localImageSvg, RESVG_ABORT_SVG, solidPng } from './hostile';
import { decodePng } from './png';

const root = join(__dirname, '..', '..', '..', '..');
const icon = (name: string) => readFileSync(join(root, 'node_modules', 'lucide-static', 'icons', `${name}.svg`), 'utf8');
const NS = 'xmlns="http://www.w3.org/2000/svg"';

describe('render pool', function () {
  this.timeout(60_000);
  let pool: WorkerPool;
  before(() => {
    pool = new WorkerPool({ size: 1 });
  });
  after(() => pool.dispose());

  it('renders a real icon to a PNG of the asked size on the asked background', async () => {
    const r = await pool.render(icon('house'), { size: 200, background: 'white' });
    assert.ok(r.ok, !r.ok ? r.error : '');
    assert.deepEqual([...r.png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.equal(r.width, 200);
    assert.equal(r.height, 200);
    const px = decodePng(r.png);
    assert.deepEqual(px.at(0, 0), [255, 255, 255, 255]);
    assert.ok(r.ms >= 0);
  });

  it('keeps the aspect ratio with size as the longest side, and is transparent by default', async () => {
    const r = await pool.render(`<svg ${NS} viewBox="0 0 100 50"><rect width="100" height="50" fill="blue"/><rect width="10" height="10" fill-opacity="0"/></svg>`, { size: 200 });
    assert.ok(r.ok, !r.ok ? r.error : '');
    assert.deepEqual([r.width, r.height], [200, 100]);
    const tall = await pool.render(`<svg ${NS} width="10" height="40" viewBox="0 0 10 40"/>`, { size: 80 });
    assert.ok(tall.ok);
    assert.deepEqual([tall.width, tall.height], [20, 80]);
    const empty = await pool.render(`<svg ${NS} width="10" height="10"/>`, {});
    assert.ok(empty.ok);
    assert.equal(decodePng(empty.png).at(5, 5)[3], 0);
  });

  it('draws text with the fonts the worker picked once at start-up', async () => {
    const svg = `<svg ${NS} width="120" height="40"><text x="4" y="32" font-size="32" font-family="sans-serif">Hg</text></svg>`;
    const r = await pool.render(svg, { background: 'white' });
    assert.ok(r.ok, !r.ok ? r.error : '');
    const px = decodePng(r.png);
    let dark = 0;
    for (let i = 0; i < px.rgba.length; i += 4) if (px.rgba[i] < 128) dark++;
    assert.ok(dark > 100, `only ${dark} dark pixels: no glyphs drawn`);
  });

  it('refuses bad sizes and unparsable input with a clear invalid result', async () => {
    const bad = await pool.render(icon('house'), { size: 0 });
    assert.equal(bad.ok, false);
    assert.equal(!bad.ok && bad.kind, 'invalid');
    assert.match(!bad.ok ? bad.error : '', /size must be/);
    const color = await pool.render(icon('house'), { background: 'notacolor' });
    assert.match(!color.ok ? color.error : '', /background "notacolor" is not a CSS color/);
    const junk = await pool.render('hello', { size: 10 });
    assert.equal(!junk.ok && junk.kind, 'invalid');
  });

  it('never draws a local file referenced by <image> (pixels equal the render without the image)', async () => {
    const { localPng, files } = hostileCorpus();
    const blank = `<svg ${NS} xmlns:xlink="http://www.w3.org/1999/xlink" width="32" height="32" viewBox="0 0 32 32"></svg>`;
    const reference = await pool.render(blank, { size: 32, background: 'white' });
    assert.ok(reference.ok);
    for (const name of ['local-image', 'local-image-nested-data', 'entity-image'] as const) {
      const r = await pool.render(readFileSync(files[name], 'utf8'), { size: 32, background: 'white' });
      assert.ok(r.ok, `${name}: ${!r.ok ? r.error : ''}`);
      assert.ok(r.blockedReferences >= 1, `${name}: nothing was blocked`);
      assert.deepEqual(decodePng(r.png).rgba, decodePng(reference.png).rgba, `${name} shows the local file`);
    }
    // Control: the same picture inline (data:) is drawn, so the comparison above can fail.
    const inline = localImageSvg(localPng).replace(/(xlink:)?href="[^"]*"/g, `href="data:image/png;base64,${solidPng(32, 32, [255, 0, 0]).toString('base64')}"`);
    const shown = await pool.render(inline, { size: 32, background: 'white' });
    assert.ok(shown.ok);
    assert.deepEqual(decodePng(shown.png).at(8, 16), [255, 0, 0, 255]);
  });

  it('highlights one path segment in the element\'s own coordinate system', async () => {
    const svg = `<svg ${NS} viewBox="0 0 100 100"><g transform="translate(50 0) scale(0.5)"><path id="p" transform="translate(0 100)" d="M0 0 L100 0 L100 100" fill="none" stroke="black" stroke-width="4"/></g></svg>`;
    const start = svg.indexOf('<path');
    const end = svg.indexOf('/>', start) + 2;
    const plain = await pool.render(svg, { size: 100, background: 'white' });
    const hl = await pool.render(svg, { size: 100, background: 'white', highlight: { segment: { elementRange: { start, end }, pathData: 'M100 0 L100 100' } } });
    assert.ok(plain.ok && hl.ok);
    const p = decodePng(plain.png);
    const h = decodePng(hl.png);
    // The second segment runs from (100, 50) to (100, 100) in root units (x = 50 + 0.5·100, y = 0.5·(100 + y)).
    const [r, g, b] = h.at(99, 75);
    assert.ok(r > 200 && g < 120 && b > 100, `accent expected at the segment, got ${[r, g, b]}`);
    // The first segment is drawn again at full strength (black), not traced in the accent.
    assert.deepEqual(h.at(75, 50).slice(0, 3), p.at(75, 50).slice(0, 3));
    // Away from the element everything is dimmed background.
    assert.deepEqual(h.at(10, 10), [255, 255, 255, 255]);
  });

  it('dims everything but a highlighted element', async () => {
    const svg = `<svg ${NS} viewBox="0 0 10 10"><rect width="5" height="10" fill="black"/><rect x="5" width="5" height="10" fill="black"/></svg>`;
    const start = svg.lastIndexOf('<rect');
    const r = await pool.render(svg, { size: 10, background: 'white', highlight: { elementRange: { start, end: svg.indexOf('/>', start) + 2 } } });
    assert.ok(r.ok, !r.ok ? r.error : '');
    const px = decodePng(r.png);
    assert.deepEqual(px.at(7, 5), [0, 0, 0, 255]);
    const dimmed = px.at(2, 5);
    assert.ok(dimmed[0] > 100 && dimmed[0] < 255, `left half should be dimmed, got ${dimmed}`);
    const wrong = await pool.render(svg, { highlight: { elementRange: { start: 3, end: 9 } } });
    assert.equal(!wrong.ok && wrong.kind, 'invalid');
  });

  it('reports the resvg abort as a crash and keeps working afterwards', async () => {
    const r = await pool.render(RESVG_ABORT_SVG, { size: 100 });
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.kind, 'crash');
    assert.match(!r.ok ? r.error : '', /crashed.*assertion failed/);
    const after = await pool.render(icon('house'), { size: 50 });
    assert.ok(after.ok);
  });

  it('stops a job past its time limit and one past its memory cap', async () => {
    // Both held renders never finish, so only the limit under test can end them, however fast the machine.
    const timeoutMs = 2000;
    const strict = new WorkerPool({ size: 1, timeoutMs, memoryLimitMB: 200, workerPath: HELD_RENDER_WORKER });
    try {
      const never = new RenderGate();
      const slow = await strict.render(never.svg, { size: 100 });
      assert.ok(never.hasStarted, 'the render never began');
      assert.equal(!slow.ok && slow.kind, 'timeout');
      assert.match(!slow.ok ? slow.error : '', /longer than 2 s/);
      // Stopped when its own clock ran out: not early, and not left running (the headroom is for a loaded machine).
      assert.ok(slow.ms >= timeoutMs - 1 && slow.ms < timeoutMs + 5000, `stopped after ${Math.round(slow.ms)} ms`);
      assert.ok((await strict.render(icon('house'), { size: 20 })).ok);
    } finally {
      strict.dispose();
    }
    const small = new WorkerPool({ size: 1, memoryLimitMB: 200, workerPath: HELD_RENDER_WORKER });
    try {
      // 8000 × 8000 pixels are 256 MB; held after drawing, the worker keeps them until the memory watch stops it.
      const big = await small.render(new RenderGate().svgHeldAfterDrawing, { size: 8000 });
      assert.equal(!big.ok && big.kind, 'memory');
      assert.match(!big.ok ? big.error : '', /more than 200 MB/);
      assert.ok((await small.render(icon('house'), { size: 20 })).ok);
    } finally {
      small.dispose();
    }
  });

  it('cancels running and queued jobs through an AbortSignal', async () => {
    const p = new WorkerPool({ size: 1, workerPath: HELD_RENDER_WORKER });
    try {
      const ac = new AbortController();
      const gate = new RenderGate(); // never released: the running job ends only by being cancelled
      const running = p.render(gate.svg, { size: 4000 }, ac.signal);
      const queued = p.render(icon('house'), { size: 20 }, ac.signal);
      const other = p.render(icon('house'), { size: 20 });
      await gate.started();
      ac.abort();
      const [a, b, c] = await Promise.all([running, queued, other]);
      assert.equal(!a.ok && a.kind, 'cancelled');
      assert.equal(!b.ok && b.kind, 'cancelled');
      assert.ok(c.ok);
      const pre = await p.render(icon('house'), {}, AbortSignal.abort());
      assert.equal(!pre.ok && pre.kind, 'cancelled');
    } finally {
      p.dispose();
    }
  });

  it('gives a job queued behind a crashing one to a fresh worker, where it succeeds', async () => {
    const p = new WorkerPool({ size: 1 });
    try {
      // Submitted together, the second and third are sent to the worker while the first is still running.
      const [crashed, behind, last] = await Promise.all([
        p.render(RESVG_ABORT_SVG, { size: 100 }),
        p.render(icon('house'), { size: 30 }),
        p.render(icon('star'), { size: 40 }),
      ]);
      assert.equal(!crashed.ok && crashed.kind, 'crash');
      assert.ok(behind.ok, !behind.ok ? behind.error : '');
      assert.equal(behind.width, 30);
      assert.ok(last.ok, !last.ok ? last.error : '');
      assert.equal(last.width, 40);
    } finally {
      p.dispose();
    }
  });

  it('cancels a job queued in a busy worker at once, without stopping the running job or mixing up replies', async () => {
    const p = new WorkerPool({ size: 1, workerPath: HELD_RENDER_WORKER });
    try {
      let firstDone = false;
      const gate = new RenderGate(); // the running job lasts until the test releases it
      const first = p.render(gate.svg, { size: 900 }).then((r) => ((firstDone = true), r));
      const ac = new AbortController();
      const queued = p.render(icon('house'), { size: 20 }, ac.signal);
      const later = p.render(icon('star'), { size: 30 });
      await gate.started();
      ac.abort();
      const b = await queued;
      assert.equal(!b.ok && b.kind, 'cancelled');
      assert.equal(firstDone, false, 'the cancelled job waited for the running one');
      gate.release();
      const a = await first;
      assert.ok(a.ok, !a.ok ? a.error : '');
      assert.equal(a.width, 900);
      // The worker still renders the cancelled job; its 20 px reply must not answer the next job.
      const c = await later;
      assert.ok(c.ok, !c.ok ? c.error : '');
      assert.equal(c.width, 30);
    } finally {
      p.dispose();
    }
  });

  it('times out the running job only, and starts the clock of the job queued behind it when that job starts', async () => {
    const timeoutMs = 3000;
    const p = new WorkerPool({ size: 1, timeoutMs, workerPath: HELD_RENDER_WORKER });
    try {
      await p.render(icon('house'), { size: 10 }); // worker started, so both clocks below count render time only
      // Each render is held for 55% of the limit (at least that long on any machine), together more than the
      // limit: the second passes only if its clock starts when it does. The other 45% (1.35 s) is headroom for
      // IPC and drawing on a loaded machine.
      const holdMs = timeoutMs * 0.55;
      const [a, b] = await Promise.all([p.render(renderTaking(holdMs), { size: 900 }), p.render(renderTaking(holdMs), { size: 900 })]);
      assert.ok(a.ok && b.ok, `${!a.ok ? a.error : ''} ${!b.ok ? b.error : ''}`);
      assert.ok(a.ms + b.ms > timeoutMs, `the two renders took ${Math.round(a.ms + b.ms)} ms, too fast to test the clock`);
      // The render in front never finishes: the limit stops it, and the job behind it is drawn by a fresh worker.
      const [slow, behind] = await Promise.all([p.render(new RenderGate().svg, { size: 4000 }), p.render(icon('house'), { size: 20 })]);
      assert.equal(!slow.ok && slow.kind, 'timeout');
      assert.ok(behind.ok, !behind.ok ? behind.error : '');
      assert.equal(behind.width, 20);
    } finally {
      p.dispose();
    }
  });

  it('runs jobs in parallel on a pool of two and queues the rest', async () => {
    const p = new WorkerPool({ size: 2 });
    try {
      const results = await Promise.all(['house', 'star', 'heart', 'circle', 'x'].map((n) => p.render(icon(n), { size: 24 })));
      assert.ok(results.every((r) => r.ok));
    } finally {
      p.dispose();
    }
  });

  it('fails jobs after dispose, and refuses oversized input without starting a worker', async () => {
    const p = new WorkerPool({ maxInputBytes: 1000 });
    const big = await p.render(`<svg ${NS}>${' '.repeat(2000)}</svg>`);
    assert.equal(!big.ok && big.kind, 'invalid');
    assert.match(!big.ok ? big.error : '', /limit is/);
    p.dispose();
    const late = await p.render(icon('house'));
    assert.equal(!late.ok && late.kind, 'cancelled');
  });

  it('reports a missing worker script as a clear error', async () => {
    const p = new WorkerPool({ workerPath: join(root, 'no-such-worker.js') });
    const r = await p.render(icon('house'));
    assert.equal(!r.ok && r.kind, 'crash');
    assert.match(!r.ok ? r.error : '', /worker script not found/);
    p.dispose();
  });
});

describe('optimize (isolated svgo, safe preset)', function () {
  this.timeout(60_000);
  let pool: WorkerPool;
  before(() => {
    pool = new WorkerPool({ size: 1 });
  });
  after(() => pool.dispose());

  it('shrinks a real icon and reports bytes before and after', async () => {
    const svg = icon('house');
    const r = await pool.optimize(svg);
    assert.ok(r.ok, !r.ok ? r.error : '');
    assert.equal(r.bytesBefore, Buffer.byteLength(svg));
    assert.equal(r.bytesAfter, Buffer.byteLength(r.svg));
    assert.ok(r.bytesAfter < r.bytesBefore);
    assert.match(r.svg, /^<svg/);
  });

  it('strips active content and keeps referenced ids as written', async () => {
    const svg = `<svg ${NS} xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10" onload="alert(1)"><script>alert(2)</script>` +
      '<defs><linearGradient id="brandGradient"><stop offset="0" stop-color="red"/><stop offset="1" stop-color="blue"/></linearGradient></defs>' +
      '<a href="javascript:alert(3)"><rect width="10" height="10" fill="url(#brandGradient)" onclick="x()"/></a>' +
      '<foreignObject width="5" height="5"><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject></svg>';
    const r = await pool.optimize(svg);
    assert.ok(r.ok, !r.ok ? r.error : '');
    assert.doesNotMatch(r.svg, /script|onload|onclick|javascript:|foreignObject/i);
    assert.match(r.svg, /id="brandGradient"/);
    assert.match(r.svg, /url\(#brandGradient\)/);
  });

  it('honours floatPrecision and rejects a bad one', async () => {
    const svg = `<svg ${NS} viewBox="0 0 10 10"><path d="M1.123456 1.123456 L8.987654 8.987654" stroke="black"/></svg>`;
    const r = await pool.optimize(svg, { floatPrecision: 1 });
    assert.ok(r.ok);
    assert.doesNotMatch(r.svg, /\d\.\d\d/);
    const bad = await pool.optimize(svg, { floatPrecision: -1 });
    assert.equal(!bad.ok && bad.kind, 'invalid');
  });
});

describe('hostile corpus through the pool', function () {
  this.timeout(120_000);
  const timeoutMs = 10_000;
  let pool: WorkerPool;
  before(() => {
    pool = new WorkerPool({ size: 1, timeoutMs });
  });
  after(() => pool.dispose());

  const corpus = hostileCorpus();
  for (const [name, file] of Object.entries(corpus.files)) {
    for (const job of ['render', 'optimize'] as const) {
      it(`${name}: ${job} answers within the time limit with a result or a clear error`, async () => {
        const svg = readFileSync(file, 'utf8');
        const t0 = Date.now();
        const r = job === 'render' ? await pool.render(svg, { size: 64 }) : await pool.optimize(svg);
        // The job's own time (from when the worker took it) is bounded by the limit; the wait before that by the
        // worker's start-up limit, since a crash or a kill before this job means a fresh worker starts for it.
        assert.ok(r.ms < timeoutMs + 2000, `${name} ran for ${Math.round(r.ms)} ms`);
        assert.ok(Date.now() - t0 < STARTUP_LIMIT_MS + timeoutMs + 2000, `${name} took ${Date.now() - t0} ms`);
        if (!r.ok) {
          assert.ok(r.error.length > 10 && !r.error.includes('\n') && !/\n\s+at /.test(r.error), `unclear error: ${r.error}`);
          assert.ok(['crash', 'timeout', 'memory', 'invalid'].includes(r.kind));
        }
        if (name === 'resvg-abort' && job === 'render') assert.equal(!r.ok && r.kind, 'crash');
        if (name.startsWith('entity-b') || name === 'entity-refs') assert.equal(!r.ok && r.kind, 'invalid');
      });
    }
  }
});
