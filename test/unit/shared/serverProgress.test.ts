import * as assert from 'node:assert/strict';
import { describeProgress, formatProgressLine, parseProgressLine } from '../../../src/shared/serverProgress';

describe('server progress lines', () => {
  it('says each step in plain words', () => {
    assert.equal(describeProgress({ stage: 'download', file: 'model.gguf', received: 512e6, total: 1600e6 }), 'Downloading model.gguf: 512 MB of 1,600 MB (32%)');
    assert.equal(describeProgress({ stage: 'download', file: 'model.gguf', received: 3e6 }), 'Downloading model.gguf: 3 MB');
    assert.equal(describeProgress({ stage: 'verify', file: 'model.gguf' }), 'Checking model.gguf…');
    assert.equal(describeProgress({ stage: 'load', model: 'qwen2-vl-2b' }), 'Loading qwen2-vl-2b…');
  });

  it('reads only its own well-formed lines: engine output and malformed events are not progress', () => {
    assert.deepEqual(parseProgressLine(formatProgressLine({ stage: 'listen' })), { stage: 'listen' });
    for (const line of [
      'load: token to piece cache size = 0.0003 MB',
      'svg-copilot-server: downloading model.gguf (about 1.60 GB)',
      'svg-copilot-progress {',
      'svg-copilot-progress {"stage":"download","file":"x","received":-1}',
      'svg-copilot-progress {"stage":"download","file":"x","received":1,"total":"big"}',
      'svg-copilot-progress {"stage":"explode"}',
      'svg-copilot-progress null',
      `svg-copilot-progress {"stage":"load","model":"${'x'.repeat(600)}"}`,
    ]) assert.equal(parseProgressLine(line), undefined, line);
  });
});
