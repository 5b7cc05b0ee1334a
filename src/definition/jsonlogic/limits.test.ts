import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileCondition, compileRule, RULE_LIMITS } from './compile.ts';
import { RuleLimitError } from './errors.ts';

const limitOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (e) {
    assert.ok(e instanceof RuleLimitError, String(e));
    return e.limit;
  }
};

const doubling = (items: number) => ({
  reduce: [
    Array.from({ length: items }, (_, i) => i),
    { cat: [{ var: 'accumulator' }, { var: 'accumulator' }] },
    'ab',
  ],
});

describe('bounds of one rule evaluation', () => {
  it('stops a reduce that doubles a string at every step, before it allocates much', () => {
    // Without the bound: 2^41 characters, far past what the process could allocate.
    assert.equal(
      limitOf(() => compileRule(doubling(40))({})),
      'string',
    );
  });

  it('names where the rule is in its definition', () => {
    assert.throws(
      () => compileRule(doubling(40), '/computed/0/rule')({}),
      (e: unknown) => e instanceof RuleLimitError && e.where === '/computed/0/rule',
    );
  });

  it('counts operations, each item of an iteration included', () => {
    const items = Array.from({ length: 400 }, (_, i) => i);
    // 400 × 400 items: 160,000 body evaluations.
    const nested = { map: [{ var: 'xs' }, { map: [items, { '+': [1, 1] }] }] };
    assert.equal(
      limitOf(() => compileRule(nested)({ xs: items })),
      'operations',
    );
    // Well within: 100 × 100.
    const small = items.slice(0, 100);
    assert.doesNotThrow(() => compileRule({ map: [small, { map: [small, { '+': [1, 1] }] }] })({}));
  });

  it('refuses arrays and strings beyond their size before building them', () => {
    const many = Array.from({ length: RULE_LIMITS.arrayItems }, () => 'x');
    assert.equal(
      limitOf(() => compileRule({ merge: [{ var: 'a' }, { var: 'a' }] })({ a: many })),
      'array',
    );
    const long = 'y'.repeat(60_000);
    // cat of a list of long strings: its length is known before the string is made.
    assert.equal(
      limitOf(() => compileRule({ cat: [{ var: 'list' }] })({ list: [long, long] })),
      'string',
    );
    assert.equal(
      limitOf(() => compileRule({ substr: [{ var: 'list' }, 0, 5] })({ list: [long, long] })),
      'string',
    );
  });

  it('bounds what one evaluation makes in all', () => {
    const long = 'z'.repeat(50_000);
    // Each step copies the 50,000 characters again: 300 steps make 15 million characters.
    const rule = {
      reduce: [{ var: 'xs' }, { '+': [{ var: 'accumulator' }, { substr: [{ var: 'current' }, 0, 1] }] }, 0],
    };
    const xs = Array.from({ length: 300 }, () => long);
    assert.equal(
      limitOf(() => compileRule(rule)({ xs })),
      'produced',
    );
  });

  it('gives every evaluation the full bounds again, also after one that exceeded them', () => {
    const costly = compileRule(doubling(40));
    const condition = compileCondition({ '==': [{ cat: ['a', { var: 'b' }] }, 'ab'] });
    assert.throws(() => costly({}), RuleLimitError);
    for (let i = 0; i < 3; i++) assert.equal(condition({ b: 'b' }), true);
  });
});
