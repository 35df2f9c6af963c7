import assert from 'node:assert/strict';
import { normalizeBaseURL } from '../../../src/core/model/client';
import { failed, isRetryable } from '../../../src/core/model/result';

describe('model/client helpers', () => {
  it('adds /v1 to a bare host and drops trailing slashes', () => {
    assert.equal(normalizeBaseURL('http://127.0.0.1:8080'), 'http://127.0.0.1:8080/v1');
    assert.equal(normalizeBaseURL('http://gpu-box:8000/v1/'), 'http://gpu-box:8000/v1');
    assert.equal(normalizeBaseURL(' https://api.openai.com/v1 '), 'https://api.openai.com/v1');
    assert.equal(normalizeBaseURL('http://host/custom/path'), 'http://host/custom/path');
  });

  it('retries only what a second attempt may cure', () => {
    assert.equal(isRetryable(failed('x', 'http', { status: 500 })), true);
    assert.equal(isRetryable(failed('x', 'http', { status: 429 })), true);
    assert.equal(isRetryable(failed('x', 'http', { status: 401 })), false);
    assert.equal(isRetryable(failed('x', 'http', { status: 400 })), false);
    assert.equal(isRetryable(failed('x', 'timeout')), true);
    assert.equal(isRetryable(failed('x', 'stalled')), true);
    assert.equal(isRetryable(failed('x', 'unreachable')), false);
    assert.equal(isRetryable(failed('x', 'reset')), false, 'the client already retried a reset once');
  });
});
