import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TtlCache } from './ttl-cache.ts';

test('entries expire after the time to live', () => {
  let now = 1000;
  const cache = new TtlCache<string, number>(50, () => now);
  cache.set('a', 1);
  assert.equal(cache.get('a'), 1);
  now += 49;
  assert.equal(cache.get('a'), 1);
  now += 1;
  assert.equal(cache.get('a'), undefined);
});

test('getOrLoad loads once and does not cache misses', async () => {
  const cache = new TtlCache<string, number>(1000, () => 0);
  let loads = 0;
  const load = async () => {
    loads++;
    return loads === 1 ? undefined : 7;
  };
  assert.equal(await cache.getOrLoad('k', load), undefined);
  assert.equal(await cache.getOrLoad('k', load), 7);
  assert.equal(await cache.getOrLoad('k', load), 7);
  assert.equal(loads, 2);
});

test('stays bounded', () => {
  const cache = new TtlCache<number, number>(1000, () => 0, 3);
  for (let i = 0; i < 10; i++) cache.set(i, i);
  assert.ok([7, 8, 9].some((k) => cache.get(k) === k));
  assert.equal(cache.get(0), undefined);
});
