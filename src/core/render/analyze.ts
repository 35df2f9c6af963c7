// The lint + explain part of a reliability sweep, run inside the isolated
// worker so that a hang or a crash in the parser, a rule or the path engine on
// one file is caught, timed and reported like a render crash instead of taking
// the sweep down. Both are specified never to throw; if one does, that is a
// bug, and it is reported as a crash.
import { lintSvg } from '../lint/index';
import { explainAt, type ExplainResult } from '../svg/explain';
import type { AnalyzeOptions, AnalyzeResult, ExplainJobResult } from './types';

export function analyzeInProcess(svg: string, options: AnalyzeOptions): AnalyzeResult {
  const t0 = performance.now();
  const counts = { error: 0, warning: 0, info: 0, hint: 0 };
  let stage = 'lint';
  try {
    for (const f of lintSvg(svg)) counts[f.severity]++;
    const lintMs = performance.now() - t0;
    stage = 'explain';
    let explainMaxMs = 0;
    let segments = 0;
    for (const offset of options.offsets) {
      const t = performance.now();
      if (explainAt(svg, offset).segment) segments++;
      explainMaxMs = Math.max(explainMaxMs, performance.now() - t);
    }
    return { ok: true, findings: counts, lintMs, explainMaxMs, explained: options.offsets.length, segments, ms: performance.now() - t0 };
  } catch (e) {
    const msg = e instanceof Error ? `${e.name}: ${e.message.split('\n')[0]}` : String(e);
    return { ok: false, kind: 'crash', error: `${stage} threw ${msg.slice(0, 300)}`, ms: performance.now() - t0 };
  }
}

export function explainInProcess(svg: string, offset: number): ExplainJobResult {
  const t0 = performance.now();
  try {
    const explanation: ExplainResult = explainAt(svg, offset);
    return { ok: true, explanation, ms: performance.now() - t0 };
  } catch (e) {
    const msg = e instanceof Error ? `${e.name}: ${e.message.split('\n')[0]}` : String(e);
    return { ok: false, kind: 'crash', error: `explain threw ${msg.slice(0, 300)}`, ms: performance.now() - t0 };
  }
}
