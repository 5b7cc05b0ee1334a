import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { LoginFailures } from './domain.ts';
import { beginsLock, runLength, THROTTLE_POLICIES, waitAfter, waitNow } from './login-throttle.ts';

const account = THROTTLE_POLICIES.account;
const client = THROTTLE_POLICIES.client;
const T0 = Date.parse('2026-03-02T08:00:00.000Z');

function failures(kind: 'account' | 'client', count: number, lastMs: number): LoginFailures {
  return {
    kind,
    key: 'k',
    failures: count,
    sinceSuccess: count,
    lastFailureAt: new Date(lastMs).toISOString(),
    lockedAt: null,
  };
}

describe('login throttling rules', () => {
  test('per name: free for four failures, then 1 s, 2 s, 4 s, 8 s, 16 s, a 15-minute lock at ten, at most a minute after', () => {
    const seconds = Array.from({ length: 21 }, (_, i) => waitAfter(i, account) / 1000);
    assert.deepEqual(seconds, [0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 900, 60, 60, 60, 60, 60, 60, 60, 60, 60, 900]);
    assert.ok(beginsLock(10, account) && beginsLock(20, account));
    assert.ok(!beginsLock(9, account) && !beginsLock(11, account) && !beginsLock(0, account));
  });

  test('per client: more generous, as many people may share one address', () => {
    assert.equal(waitAfter(19, client), 0);
    assert.equal(waitAfter(20, client), 1000);
    assert.equal(waitAfter(50, client), 15 * 60 * 1000);
    assert.ok(client.delayAfter > account.delayAfter && client.lockEvery > account.lockEvery);
  });

  test('a quiet run is forgotten', () => {
    const record = failures('account', 7, T0);
    assert.equal(runLength(record, account, T0 + account.forgetAfterMs - 1), 7);
    assert.equal(runLength(record, account, T0 + account.forgetAfterMs), 0);
    assert.equal(runLength(undefined, account, T0), 0);
  });

  test('the wait now is the longest of the keys, counted from the last failure', () => {
    assert.deepEqual(waitNow([], T0), { ms: 0, locked: false });
    assert.deepEqual(waitNow([failures('account', 4, T0)], T0), { ms: 0, locked: false });
    assert.deepEqual(waitNow([failures('account', 6, T0)], T0 + 500), { ms: 1500, locked: false });
    assert.deepEqual(waitNow([failures('account', 6, T0)], T0 + 2000), { ms: 0, locked: false });
    const locked = waitNow([failures('account', 6, T0), failures('account', 10, T0 - 60_000)], T0);
    assert.deepEqual(locked, { ms: 14 * 60 * 1000, locked: true });
    // A lock whose run was forgotten is over.
    assert.equal(waitNow([failures('account', 10, T0)], T0 + account.forgetAfterMs).ms, 0);
  });
});
