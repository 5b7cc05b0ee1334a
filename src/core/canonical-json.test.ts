import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalJson } from './canonical-json.ts';

test('canonical JSON sorts members by UTF-16 code units and writes no whitespace', () => {
  assert.equal(
    canonicalJson({ b: [1, 'ä', true, null], a: { z: 1.5, é: 2, A: 0 } }),
    '{"a":{"A":0,"z":1.5,"é":2},"b":[1,"ä",true,null]}',
  );
});

test('canonical JSON writes numbers and escapes as RFC 8785 does', () => {
  // Examples from RFC 8785 §3.2.2.3 and its string escaping rules.
  assert.equal(
    canonicalJson([1e21, 1e-7, -0, 0.000001, 333333333.3333333]),
    '[1e+21,1e-7,0,0.000001,333333333.3333333]',
  );
  assert.equal(canonicalJson('\u0007"\\\u2028'), '"\\u0007\\"\\\\\u2028"');
  assert.throws(() => canonicalJson(Number.NaN), TypeError);
});

test('members left undefined are left out, as JSON.stringify does', () => {
  assert.equal(canonicalJson({ a: undefined, b: 1 }), '{"b":1}');
});
