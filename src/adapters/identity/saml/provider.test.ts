import assert from 'node:assert/strict';
import { test } from 'node:test';
import { STORK_LEVELS } from './config.ts';
import { classRefFor } from './provider.ts';

test('the requested class: the lowest at the level or above (Comparison="minimum")', () => {
  assert.equal(classRefFor({ levels: STORK_LEVELS }, 'niedrig'), 'STORK-QAA-Level-1');
  assert.equal(classRefFor({ levels: STORK_LEVELS }, 'substanziell'), 'STORK-QAA-Level-3');
  assert.equal(classRefFor({ levels: STORK_LEVELS }, 'hoch'), 'STORK-QAA-Level-4');
  const withoutSubstantial = { 'urn:basic': 'niedrig', 'urn:high': 'hoch' } as const;
  assert.equal(classRefFor({ levels: withoutSubstantial }, 'substanziell'), 'urn:high');
});

test('a mapping without the level or a higher one: its highest class (the login then asks for a step-up)', () => {
  const lowOnly = { 'urn:basic': 'niedrig', 'urn:substantial': 'substanziell' } as const;
  assert.equal(classRefFor({ levels: lowOnly }, 'hoch'), 'urn:substantial');
});
