import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { derivedUid, UID_PATTERN } from './uid.ts';

describe('derived uids', () => {
  test('are the same for the same kind and key, every time', () => {
    assert.equal(derivedUid('field', 'geburtsdatum'), derivedUid('field', 'geburtsdatum'));
    assert.equal(derivedUid('step', 'halter'), 's-2ppn08q2fnqyz');
  });

  test('tell kinds and keys apart and match the format pattern', () => {
    assert.notEqual(derivedUid('field', 'halter'), derivedUid('step', 'halter'));
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 64 }),
        fc.string({ minLength: 1, maxLength: 64 }),
        (a, b) => {
          assert.match(derivedUid('field', a), new RegExp(UID_PATTERN));
          if (a !== b) assert.notEqual(derivedUid('field', a), derivedUid('field', b));
        },
      ),
    );
  });

  test('do not collide over a large set of similar keys', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50_000; i++) seen.add(derivedUid('field', `feld${i}`));
    assert.equal(seen.size, 50_000);
  });
});
