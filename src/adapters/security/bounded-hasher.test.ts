import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OverloadError } from '../../core/errors.ts';
import type { PasswordHasher } from '../../core/ports.ts';
import { boundedHasher } from './bounded-hasher.ts';

/** A hasher whose every call waits until the test lets it finish. */
function heldHasher() {
  const held: Array<() => void> = [];
  let started = 0;
  const hold = <T>(value: T) =>
    new Promise<T>((resolve) => {
      started++;
      held.push(() => resolve(value));
    });
  const hasher: PasswordHasher = {
    hash: (password) => hold(`hash:${password}`),
    verify: (hash, password) => hold(hash === `hash:${password}`),
  };
  return { hasher, held, started: () => started };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('at most `concurrent` hashes run, `waiting` more wait, the rest are refused at once', async () => {
  const inner = heldHasher();
  const bounded = boundedHasher(inner.hasher, { concurrent: 2, waiting: 1 });
  const first = bounded.verify('hash:a', 'a');
  const second = bounded.hash('b');
  const third = bounded.verify('hash:c', 'x');
  await tick();
  assert.equal(inner.started(), 2, 'two run');
  await assert.rejects(bounded.hash('d'), (error: unknown) => {
    assert.ok(error instanceof OverloadError);
    assert.equal(error.code, 'ERR_PASSWORD_HASHING_BUSY');
    assert.equal(error.retryAfterSeconds, 1);
    return true;
  });
  assert.equal(inner.started(), 2, 'the refused one never started');

  inner.held.shift()?.();
  assert.equal(await first, true);
  await tick();
  assert.equal(inner.started(), 3, 'the waiting one took the free slot');
  inner.held.shift()?.();
  inner.held.shift()?.();
  assert.equal(await second, 'hash:b');
  assert.equal(await third, false);

  // All slots free again.
  const again = [bounded.hash('e'), bounded.hash('f'), bounded.hash('g')];
  await tick();
  assert.equal(inner.started(), 5);
  for (let i = 0; i < 3; i++) {
    inner.held.shift()?.();
    await tick();
  }
  assert.deepEqual(await Promise.all(again), ['hash:e', 'hash:f', 'hash:g']);
});

test('a hash that fails frees its slot', async () => {
  const failing: PasswordHasher = {
    hash: async () => {
      throw new Error('boom');
    },
    verify: async () => true,
  };
  const bounded = boundedHasher(failing, { concurrent: 1, waiting: 0 });
  await assert.rejects(bounded.hash('a'), /boom/);
  assert.equal(await bounded.verify('x', 'y'), true);
});
