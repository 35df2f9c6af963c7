// Loop overhead: the time per round that is not spent waiting for the model
// (extracting the SVG, parsing, linting, rendering at 200 px, building the
// prompts with the base64 render, reading the critic's JSON), on icon-sized
// drafts from lucide-static, printed beside the model's own time per round on
// the tiny fixture model through the bundled server.
import { runLoop } from '../src/core/loop';
import { checkAnswer } from '../src/core/loop/evaluate';
import { parseCritique } from '../src/core/model/critique';
import { ModelClient } from '../src/core/model/client';
import { CRITIC_RENDER_SIZE } from '../src/core/model/prompts';
import { generatorMessages, refinerMessages, textCriticMessages, visionCriticMessages } from '../src/core/model/profiles/generic';
import { WorkerPool } from '../src/core/render/pool';
import { missingPieces, startBundledServer } from '../test/loop/bundledServer';
import { loadIcons, median } from './svgCorpus';
import type { BenchRow } from './types';

const ICONS = 200;

/** Everything the loop does per round besides model calls, for one draft answer. */
async function roundOverhead(answer: string, pool: WorkerPool): Promise<number> {
  const start = performance.now();
  const checked = await checkAnswer(answer, pool, CRITIC_RENDER_SIZE);
  if (!checked.png || !checked.extraction.svg) throw new Error(`bench icon did not render: ${checked.error}`);
  generatorMessages('a house with a chimney');
  JSON.stringify(visionCriticMessages('a house with a chimney', checked.png));
  JSON.stringify(textCriticMessages('a house with a chimney', checked.extraction.svg, checked.findings));
  const critique = parseCritique('```json\n{"score": 6.5, "critique": "Recognisable but the roof is flat.", "suggestions": "1. Raise the roof.\\n2. Add a door."}\n```');
  if (!critique.ok) throw new Error('critique did not parse');
  JSON.stringify(refinerMessages({ goal: 'a house', svg: checked.extraction.svg, critique: critique.critique.critique, suggestions: critique.critique.suggestions, findings: checked.findings }));
  return performance.now() - start;
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const icons = loadIcons().slice(0, ICONS);
  const pool = new WorkerPool({ size: 1 });
  try {
    // Answers as models write them: prose, a fence, the icon.
    const answers = icons.map((i) => `Here is the icon.\n\`\`\`svg\n${i.text}\n\`\`\``);
    for (const a of answers.slice(0, 10)) await roundOverhead(a, pool);
    const times: number[] = [];
    for (const a of answers) times.push(await roundOverhead(a, pool));
    const overhead = median(times);
    rows.push({ name: `loop overhead per round, median over ${answers.length} lucide icons (extract, parse, lint, render 200 px, prompts, JSON)`, value: overhead, unit: 'ms', goal: '≤ 50 ms', pass: overhead <= 50 });

    const missing = missingPieces();
    if (missing) {
      rows.push({ name: `model time per round on the tiny model: skipped, ${missing}`, value: 0, unit: 'ms' });
      return rows;
    }
    const server = await startBundledServer();
    try {
      const client = new ModelClient({ baseURL: server.url, apiKey: server.token });
      // Warm-up (capability probes, first load), then measured one-round loops.
      await runLoop({ prompt: 'a house', client, renderer: pool, rounds: 1, seed: 1 });
      const model: number[] = [];
      const inLoop: number[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await runLoop({ prompt: 'a house', client, renderer: pool, rounds: 2, threshold: 10, seed: 10 + i });
        for (const round of r.rounds) {
          model.push(round.modelMs);
          inLoop.push(round.ms - round.modelMs);
        }
      }
      const modelMs = median(model);
      const loopMs = median(inLoop);
      rows.push({
        name: 'loop overhead per round inside real runs vs model time per round (tiny model, bundled server)',
        value: loopMs,
        unit: 'ms',
        anchor: 'model time per round',
        anchorValue: modelMs,
        ratio: modelMs ? loopMs / modelMs : undefined,
        goal: '≤ 50 ms',
        pass: loopMs <= 50,
      });
    } finally {
      await server.stop();
    }
  } finally {
    pool.dispose();
  }
  return rows;
}
