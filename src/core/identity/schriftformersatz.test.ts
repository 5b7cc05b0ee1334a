import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSchriftformersatz, schriftformersatzProblems } from './schriftformersatz.ts';

const office = { name: { de: 'Amt' } };
const local = (identity?: { level: 'niedrig' | 'substanziell' | 'hoch'; schriftformersatz?: boolean }) => ({
  local: { office, ...(identity && { identity }) },
});

describe('Schriftformersatz at publishing', () => {
  it('refuses a level below the minimum, naming the legal basis and the setting', () => {
    const [problem, ...rest] = schriftformersatzProblems(
      local({ level: 'substanziell', schriftformersatz: true }),
      'hoch',
    );
    assert.equal(rest.length, 0);
    assert.equal(problem?.path, '/local/identity/level');
    assert.match(problem?.message ?? '', /§ 3a Abs\. 2 VwVfG, § 9a OZG/);
    assert.match(problem?.message ?? '', /"hoch" or higher/);
    assert.match(problem?.message ?? '', /AMTSWEG_SCHRIFTFORMERSATZ_MIN_LEVEL/);
  });

  it('accepts the minimum and above, and a lower minimum the operator chose', () => {
    assert.deepEqual(
      schriftformersatzProblems(local({ level: 'hoch', schriftformersatz: true }), 'hoch'),
      [],
    );
    assert.deepEqual(
      schriftformersatzProblems(local({ level: 'substanziell', schriftformersatz: true }), 'substanziell'),
      [],
    );
  });

  it('leaves services without Schriftformersatz alone, whatever their level', () => {
    assert.deepEqual(schriftformersatzProblems(local({ level: 'niedrig' }), 'hoch'), []);
    assert.deepEqual(schriftformersatzProblems(local(), 'hoch'), []);
    assert.equal(isSchriftformersatz(local({ level: 'hoch', schriftformersatz: false })), false);
    assert.equal(isSchriftformersatz(local({ level: 'hoch', schriftformersatz: true })), true);
  });
});
