import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { afterFailure, MAX_RETRY_DELAY_MS, RETRY_WINDOW_MS, retryDelayMs } from './policy.ts';

describe('delivery retry policy', () => {
  it('backs off exponentially from 30 seconds to at most 6 hours', () => {
    assert.deepEqual([1, 2, 3, 4].map(retryDelayMs), [30_000, 60_000, 120_000, 240_000]);
    assert.equal(retryDelayMs(30), MAX_RETRY_DELAY_MS);
  });

  it('keeps retrying a retryable failure for at least 48 hours, then gives up; a permanent one at once', () => {
    const start = Date.parse('2025-03-01T10:00:00.000Z');
    const item = { attempts: 0, retrySince: new Date(start).toISOString() };
    let now = start;
    for (;;) {
      item.attempts++;
      const result = afterFailure(item, new Date(now), 'HTTP 503', true);
      if (result.kind === 'dead') break;
      assert.equal(result.kind, 'retry');
      now = Date.parse(result.nextAttemptAt);
    }
    assert.ok(now - start >= RETRY_WINDOW_MS, 'the last attempt was at least 48 hours after the first');
    assert.ok(now - start < RETRY_WINDOW_MS + MAX_RETRY_DELAY_MS);
    assert.ok(item.attempts >= 15 && item.attempts <= 25, `${item.attempts} attempts`);
    const permanent = afterFailure(
      { attempts: 1, retrySince: new Date(start).toISOString() },
      new Date(start),
      'HTTP 404',
      false,
    );
    assert.deepEqual(permanent, { kind: 'dead', at: new Date(start).toISOString(), error: 'HTTP 404' });
  });
});
