import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ServiceDefinition } from '../definition/types.ts';
import { ModelCache } from './model-cache.ts';

const definition = {
  formatVersion: 2,
  id: 'muster',
  title: { de: 'Muster' },
  summary: { de: 'Muster' },
  declaration: { de: 'Ja' },
  steps: [
    { id: 'eins', title: { de: 'Eins' }, fields: [{ type: 'text', key: 'name', label: { de: 'Name' } }] },
  ],
  local: { office: { name: { de: 'Amt' } } },
} as ServiceDefinition;

describe('model cache', () => {
  it('keeps at most its number of models, dropping the least recently used', () => {
    const cache = new ModelCache(3);
    const first = cache.get('v1', definition);
    cache.get('v2', definition);
    cache.get('v3', definition);
    assert.equal(cache.get('v1', definition), first, 'a hit returns the compiled model');
    cache.get('v4', definition); // v2 was used least recently
    assert.equal(cache.size, 3);
    assert.equal(cache.get('v1', definition), first, 'v1 was used recently and stayed');
    const v2 = cache.get('v2', definition); // compiled again, dropping v3
    assert.equal(cache.size, 3);
    assert.equal(cache.get('v2', definition), v2);
  });

  it('does not grow with every version there ever was', () => {
    const cache = new ModelCache();
    for (let i = 0; i < 1200; i++) cache.get(`v${i}`, definition);
    assert.equal(cache.size, 500);
  });
});
