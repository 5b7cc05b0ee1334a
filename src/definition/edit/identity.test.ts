import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LocalSettings } from '../types.ts';
import { applyIdentity } from './identity.ts';

const office = { name: { de: 'Amt' } };

describe('the identity settings of the start-page form', () => {
  it('sets the level and Schriftformersatz, and removes both when emptied', () => {
    const set = applyIdentity(
      { office },
      { 's.identity.level': 'hoch', 's.identity.schriftformersatz': 'ja' },
    );
    assert.deepEqual(set.identity, { level: 'hoch', schriftformersatz: true });
    const plain = applyIdentity(set, { 's.identity.level': 'substanziell' });
    assert.deepEqual(plain.identity, { level: 'substanziell' });
    const none = applyIdentity(set, { 's.identity.level': '' });
    assert.equal('identity' in none, false);
  });

  it('keeps what a form without the inputs does not show', () => {
    const local: LocalSettings = { office, identity: { level: 'hoch', schriftformersatz: true } };
    assert.deepEqual(applyIdentity(local, { 's.title.de': 'x' }), local);
  });

  it('keeps a Schriftformersatz tick without a level, for the check to name the missing level', () => {
    const ticked = applyIdentity(
      { office },
      { 's.identity.level': '', 's.identity.schriftformersatz': 'ja' },
    );
    assert.deepEqual(ticked.identity, { schriftformersatz: true });
  });

  it('ignores a level that is not one of the three', () => {
    assert.equal('identity' in applyIdentity({ office }, { 's.identity.level': 'sehr-hoch' }), false);
  });
});
