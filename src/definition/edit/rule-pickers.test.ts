import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { parseDefinition } from '../parse.ts';
import type { ServiceDefinition } from '../types.ts';
import {
  describePickers,
  OPERATORS,
  type PickerNode,
  type PickerValue,
  readPickers,
  toJsonLogic,
} from './rule-pickers.ts';

function load(path: string): ServiceDefinition {
  const result = parseDefinition(
    JSON.parse(readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8')),
  );
  assert.ok(result.ok);
  return result.definition;
}
const HUND = load('definitions/musterstadt/hund-anmelden.json');

const roundTrip = (rule: unknown) => {
  const read = readPickers(rule);
  assert.ok(read.ok, JSON.stringify(rule));
  assert.deepEqual(toJsonLogic(read.node), rule);
  return read.node;
};

describe('readPickers and toJsonLogic', () => {
  test('every form the builder offers reads as pickers and writes back as it was', () => {
    const rules = [
      { var: 'listenhund' },
      { '!': { var: 'listenhund' } },
      { '==': [{ var: 'listenhund' }, true] },
      { '!=': [{ var: 'rasse' }, 'mischling'] },
      { '<': [{ var: 'weitereHunde' }, 2] },
      { '<=': [{ var: 'weitereHunde' }, 2] },
      { '>': [{ var: 'weitereHunde' }, 2.5] },
      { '>=': [{ var: 'hundGeburtsdatum' }, '2020-01-01'] },
      { in: [{ var: 'rasse' }, ['pitbull', 'bullterrier']] },
      { in: ['elektro-gross', { var: 'gegenstaende' }] },
      { and: [{ var: 'a' }, { or: [{ '==': [{ var: 'b' }, 'x'] }, { '!': { var: 'c' } }] }] },
      { or: [{ var: 'a' }] },
    ];
    for (const rule of rules) roundTrip(rule);
    assert.deepEqual(roundTrip({ '==': [{ var: 'listenhund' }, true] }), {
      kind: 'condition',
      field: 'listenhund',
      operator: 'equals',
      value: true,
    });
  });

  test('anything else is not representable, so it stays JSON as it is', () => {
    const others: unknown[] = [
      { some: [{ var: 'massnahmen' }, { in: [{ var: '' }, ['a']] }] },
      { '===': [{ var: 'a' }, 1] },
      { '==': [1, { var: 'a' }] },
      { '==': [{ var: 'a' }, { var: ['b', 0] }] },
      { '==': [{ var: ['a', 0] }, 1] },
      { '==': [{ var: 'a.b' }, 1] },
      { '!': [{ var: 'a' }] },
      { and: [] },
      { and: [{ var: 'a' }, { '+': [1, 2] }] },
      { in: [{ var: 'a' }, []] },
      { in: [{ var: 'a' }, [1, 2]] },
      { '==': [{ var: 'a' }, null] },
      { '==': [{ var: 'a' }, 1], extra: true },
      true,
      'a',
      null,
      undefined,
    ];
    for (const rule of others)
      assert.deepEqual(readPickers(rule), { ok: false, reason: 'not-representable' });
  });

  test('round trip: pickers → JSON Logic → pickers → JSON Logic is the identity (fast-check)', () => {
    const key = fc.constantFrom('listenhund', 'rasse', 'weitereHunde', 'a_b', 'x1');
    const scalar: fc.Arbitrary<PickerValue> = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
    );
    const condition: fc.Arbitrary<PickerNode> = fc.oneof(
      fc.record({
        kind: fc.constant('condition' as const),
        field: key,
        operator: fc.constantFrom('isTrue' as const, 'isFalse' as const),
      }),
      fc.record({
        kind: fc.constant('condition' as const),
        field: key,
        operator: fc.constant('oneOf' as const),
        values: fc.array(fc.string({ maxLength: 6 }), { minLength: 1, maxLength: 4 }),
      }),
      fc.record({
        kind: fc.constant('condition' as const),
        field: key,
        operator: fc.constantFrom(
          'equals',
          'notEquals',
          'lessThan',
          'lessOrEqual',
          'greaterThan',
          'greaterOrEqual',
        ),
        value: scalar,
      }) as fc.Arbitrary<PickerNode>,
      fc.record({
        kind: fc.constant('condition' as const),
        field: key,
        operator: fc.constant('contains' as const),
        value: fc.string({ maxLength: 6 }),
      }),
    );
    const { node } = fc.letrec<{ node: PickerNode }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        condition,
        fc.record({
          kind: fc.constant('group' as const),
          join: fc.constantFrom('and' as const, 'or' as const),
          items: fc.array(tie('node'), { minLength: 1, maxLength: 3 }),
        }),
      ),
    }));
    fc.assert(
      fc.property(node, (n) => {
        const rule = JSON.parse(JSON.stringify(toJsonLogic(n)));
        const read = readPickers(rule);
        assert.ok(read.ok);
        assert.deepEqual(toJsonLogic(read.node), rule);
      }),
      { numRuns: 1000 },
    );
  });

  test('any JSON either reads as pickers that write it back exactly, or is left as JSON (fast-check)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (json) => {
        const read = readPickers(json);
        if (read.ok) assert.deepEqual(toJsonLogic(read.node), json);
      }),
      { numRuns: 2000 },
    );
  });

  test('every operator has a form', () => {
    const forms = new Set(
      OPERATORS.map((operator) =>
        JSON.stringify(
          toJsonLogic(
            operator === 'oneOf'
              ? { kind: 'condition', field: 'a', operator, values: ['x'] }
              : operator === 'isTrue' || operator === 'isFalse'
                ? { kind: 'condition', field: 'a', operator }
                : { kind: 'condition', field: 'a', operator, value: 'x' },
          ),
        ),
      ),
    );
    assert.equal(forms.size, OPERATORS.length);
  });
});

describe('describePickers', () => {
  test('names fields and options by their labels, yes and no as such', () => {
    const read = readPickers({
      and: [{ '==': [{ var: 'listenhund' }, true] }, { in: [{ var: 'rasse' }, ['labrador', 'unbekannt']] }],
    });
    assert.ok(read.ok);
    const parts = describePickers(read.node, HUND);
    assert.equal(parts.kind, 'group');
    if (parts.kind !== 'group') return;
    assert.deepEqual(parts.items[0], {
      kind: 'condition',
      field: {
        de: 'Ist Ihr Hund ein gefährlicher Hund (Listenhund)?',
        en: 'Is your dog a dangerous dog (listed breed)?',
      },
      operator: 'equals',
      values: [{ kind: 'yes' }],
    });
    const rasse = parts.items[1];
    assert.ok(rasse?.kind === 'condition');
    assert.equal(rasse.field.de, 'Rasse');
    assert.deepEqual(rasse.values, [
      { kind: 'option', label: { de: 'Labrador Retriever', en: 'Labrador Retriever' } },
      { kind: 'literal', text: 'unbekannt' },
    ]);
  });

  test('a key without a field is named by the key (the definition check reports it)', () => {
    const parts = describePickers({ kind: 'condition', field: 'gibtEsNicht', operator: 'isTrue' }, HUND);
    assert.deepEqual(parts, {
      kind: 'condition',
      field: { de: 'gibtEsNicht' },
      operator: 'isTrue',
      values: [],
    });
  });
});
