import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAssuranceLevel, meetsLevel } from './levels.ts';

describe('Vertrauensniveau', () => {
  it('orders the levels niedrig < substanziell < hoch', () => {
    assert.equal(meetsLevel('hoch', 'substanziell'), true);
    assert.equal(meetsLevel('substanziell', 'substanziell'), true);
    assert.equal(meetsLevel('niedrig', 'substanziell'), false);
    assert.equal(meetsLevel('substanziell', 'hoch'), false);
  });

  it('needs no login for "none", and a login for every level', () => {
    assert.equal(meetsLevel(undefined, 'none'), true);
    assert.equal(meetsLevel(undefined, 'niedrig'), false);
  });

  it('knows only the three levels', () => {
    assert.equal(isAssuranceLevel('hoch'), true);
    assert.equal(isAssuranceLevel('high'), false);
    assert.equal(isAssuranceLevel(undefined), false);
  });
});
