import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  createReferenceGenerator,
  isReference,
  normalizeReference,
  REFERENCE_ALPHABET,
} from './reference.ts';

describe('reference numbers', () => {
  const next = createReferenceGenerator((n) => randomBytes(n));

  it('has 31 unambiguous characters', () => {
    assert.equal(REFERENCE_ALPHABET.length, 31);
    assert.equal(new Set(REFERENCE_ALPHABET).size, 31);
    for (const ambiguous of '01OIL') assert.ok(!REFERENCE_ALPHABET.includes(ambiguous), ambiguous);
  });

  it('formats as XXXX-XXXX-XXXX', () => {
    for (let i = 0; i < 1000; i++) {
      const ref = next();
      assert.match(ref, /^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
      assert.ok(isReference(ref), ref);
    }
  });

  it('is uniformly distributed (chi-square over 120 000 characters)', () => {
    const counts = new Map<string, number>();
    let total = 0;
    for (let i = 0; i < 10_000; i++) {
      for (const ch of next().replaceAll('-', '')) {
        counts.set(ch, (counts.get(ch) ?? 0) + 1);
        total++;
      }
    }
    assert.equal(counts.size, 31);
    const expected = total / 31;
    let chi = 0;
    for (const count of counts.values()) chi += (count - expected) ** 2 / expected;
    // 30 degrees of freedom: p = 0.0001 at about 67. A modulo bias would give roughly 400.
    assert.ok(chi < 67, `chi-square ${chi.toFixed(1)}`);
  });

  it('rejects bytes that would bias the result (no modulo bias)', () => {
    // Bytes 248..255 must be skipped, not folded onto the first characters.
    const bytes = [248, 249, 255, 0, 30, 247];
    let i = 0;
    const gen = createReferenceGenerator((n) =>
      Uint8Array.from({ length: n }, () => bytes[i++ % bytes.length]!),
    );
    const ref = gen().replaceAll('-', '');
    // Accepted bytes map 0 -> '2', 30 -> 'Z', 247 -> 247 % 31 = 30 -> 'Z'.
    assert.equal(ref, '2ZZ2ZZ2ZZ2ZZ');
  });

  it('distinct references in a large sample', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50_000; i++) seen.add(next());
    assert.equal(seen.size, 50_000);
  });

  it('normalizes what people type', () => {
    assert.equal(normalizeReference(' abcd efgh-jkmn '), 'ABCD-EFGH-JKMN');
    assert.equal(normalizeReference('abcdefghjkmn'), 'ABCD-EFGH-JKMN');
    assert.equal(normalizeReference('ABCD-EFGH-JKM'), undefined);
    assert.equal(normalizeReference('ABCD-EFGH-JKM0'), undefined);
    assert.equal(normalizeReference('ABCD-EFGH-JKML'), undefined);
    assert.equal(isReference('abcd-efgh-jkmn'), false);
    assert.equal(isReference('ABCDEFGHJKMN'), false);
  });
});
