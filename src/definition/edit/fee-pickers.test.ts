import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { type FeePickers, feeRule, MAX_CENTS, readFeePickers } from './fee-pickers.ts';
import type { PickerNode } from './rule-pickers.ts';

const listenhund = { var: 'listenhund' };

describe('readFeePickers and feeRule', () => {
  test('the three forms of the builder read as pickers and write back as they were', () => {
    const rules = [
      1250,
      0,
      { '+': [1250, { if: [listenhund, 60000, 0] }] },
      { '+': [0, { if: [listenhund, 100, 0] }, { if: [{ '>': [{ var: 'anzahl' }, 2] }, 5000, 0] }] },
      // The demo's dog tax: the first matching row replaces the base.
      { if: [listenhund, 60000, { var: 'weitererHund' }, 14400, 10800] },
      { if: [{ and: [listenhund, { '!': { var: 'befreit' } }] }, 600, 0] },
    ];
    for (const rule of rules) {
      const read = readFeePickers(rule);
      assert.ok(read, JSON.stringify(rule));
      assert.deepEqual(feeRule(read), rule);
    }
    assert.deepEqual(readFeePickers({ if: [listenhund, 60000, 10800] }), {
      base: 10800,
      combine: 'replace',
      rows: [{ when: { kind: 'condition', field: 'listenhund', operator: 'isTrue' }, cents: 60000 }],
    });
  });

  test('every other fee rule is not representable and stays JSON', () => {
    const others: unknown[] = [
      12.5,
      -1,
      MAX_CENTS + 1,
      '1250',
      { var: ['gebuehr', 0] },
      { '*': [{ var: 'anzahl' }, 1000] },
      { '+': [1250] },
      { '+': [1250, { if: [listenhund, 60000, 1] }] },
      { '+': [1250, { if: [listenhund, 60000] }] },
      { '+': [1250, 300] },
      { '+': [{ var: 'x' }, { if: [listenhund, 60000, 0] }] },
      { if: [listenhund, 60000] },
      { if: [listenhund, 60000, 0.5] },
      { if: [{ some: [{ var: 'a' }, true] }, 60000, 0] },
      { if: [listenhund, { var: 'x' }, 0] },
      { if: [listenhund, 60000, 0], x: 1 },
    ];
    for (const rule of others) assert.equal(readFeePickers(rule), undefined, JSON.stringify(rule));
  });

  test('round trip: pickers to JSON Logic and back give the same rule (fast-check)', () => {
    const key = fc.constantFrom('listenhund', 'rasse', 'anzahl');
    const condition: fc.Arbitrary<PickerNode> = fc.oneof(
      fc.record({
        kind: fc.constant('condition' as const),
        field: key,
        operator: fc.constantFrom('isTrue' as const, 'isFalse' as const),
      }),
      fc.record({
        kind: fc.constant('condition' as const),
        field: key,
        operator: fc.constantFrom('equals' as const, 'greaterThan' as const),
        value: fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.boolean()),
      }),
    );
    const when: fc.Arbitrary<PickerNode> = fc.oneof(
      condition,
      fc.record({
        kind: fc.constant('group' as const),
        join: fc.constantFrom('and' as const, 'or' as const),
        items: fc.array(condition, { minLength: 1, maxLength: 3 }),
      }),
    );
    const cents = fc.integer({ min: 0, max: MAX_CENTS });
    const pickers: fc.Arbitrary<FeePickers> = fc.record({
      base: cents,
      combine: fc.constantFrom('add' as const, 'replace' as const),
      rows: fc.array(fc.record({ when, cents }), { minLength: 1, maxLength: 4 }),
    });
    fc.assert(
      fc.property(pickers, (p) => {
        const rule = feeRule(p);
        // fast-check builds objects without a prototype: compared as the plain data they are.
        assert.deepEqual(readFeePickers(rule), JSON.parse(JSON.stringify(p)));
        assert.deepEqual(feeRule(readFeePickers(JSON.parse(JSON.stringify(rule)))!), rule);
      }),
    );
  });
});
