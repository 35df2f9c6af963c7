// Worker-thread entry (dist/lint-worker.js): lints big documents off the
// editor's main thread. Messages: {id, text} in, {id, findings} out.
import { parentPort } from 'node:worker_threads';
import { lintSvg } from './lint';

export interface LintRequest {
  id: number;
  text: string;
}

export interface LintResponse {
  id: number;
  findings: ReturnType<typeof lintSvg>;
}

parentPort?.on('message', (req: LintRequest) => {
  const response: LintResponse = { id: req.id, findings: lintSvg(req.text) };
  parentPort!.postMessage(response);
});
