import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import { JSON_LOGIC_OPERATORS } from '../jsonlogic-operators.ts';
import { compileCondition, compileRule } from './compile.ts';
import { UnknownOperatorError } from './errors.ts';

type Outcome = { value: unknown } | { threw: true };

function run(fn: () => unknown): Outcome {
  try {
    return { value: fn() };
  } catch {
    return { threw: true };
  }
}

/** Our compiled rule must do exactly what json-logic-js does, including throwing. */
function assertSame(rule: unknown, data: unknown): void {
  const expected = run(() => jsonLogic.apply(rule as jsonLogic.RulesLogic, data));
  const actual = run(() => compileRule(rule)(data));
  assert.deepStrictEqual(actual, expected, `rule ${JSON.stringify(rule)} on ${JSON.stringify(data)}`);
}

const data = {
  a: 1,
  b: '2',
  s: 'hello',
  t: true,
  f: false,
  z: 0,
  n: null,
  e: '',
  list: ['x', 'y', 'z'],
  nums: [1, 2, 3, 4],
  empty: [],
  nested: { deep: { value: 42 } },
  date: '2024-02-29',
};

const cases: unknown[] = [
  { var: 'a' },
  { var: ['a'] },
  { var: 'nested.deep.value' },
  { var: 'nested.nope.value' },
  { var: ['missing', 'fallback'] },
  { var: ['n', 'fallback'] },
  { var: '' },
  { var: [] },
  { var: 'list.1' },
  { var: { cat: ['a'] } },
  { missing: ['a', 'nope', 'e', 'n'] },
  { missing: 'nope' },
  { missing: [['a', 'b', 'c']] },
  { missing_some: [1, ['a', 'nope']] },
  { missing_some: [2, ['a', 'nope', 'e']] },
  { if: [{ var: 't' }, 'yes', 'no'] },
  { if: [{ var: 'f' }, 'yes', { var: 'z' }, 'zero', 'else'] },
  { if: [{ var: 'f' }, 'yes'] },
  { if: [] },
  { '?:': [{ var: 'empty' }, 1, 2] },
  { '==': [1, '1'] },
  { '==': [null, { var: 'nope' }] },
  { '==': [0, ''] },
  { '===': [1, '1'] },
  { '!=': [{ var: 'a' }, '1'] },
  { '!==': [{ var: 'a' }, '1'] },
  { '!': [[]] },
  { '!': [{ var: 'list' }] },
  { '!!': ['0'] },
  { '!!': [{ var: 'empty' }] },
  { or: [false, 0, '', 'x'] },
  { or: [] },
  { and: [true, 'a', 0, 'never'] },
  { and: [{ var: 't' }, { var: 'a' }] },
  { '<': [1, 2, 3] },
  { '<': [1, 3, 2] },
  { '<=': [1, 1, 1] },
  { '<': ['10', 9] },
  { '>': [{ var: 'date' }, '2024-01-01'] },
  { '>=': [2, '2'] },
  { max: [1, 5, '7'] },
  { min: [] },
  { max: [] },
  { '+': ['1', 2, '3.5'] },
  { '+': [] },
  { '+': ['x'] },
  { '*': [2, '3'] },
  { '*': ['7'] },
  { '*': [] },
  { '-': [5] },
  { '-': [10, '4'] },
  { '/': [1, 0] },
  { '%': [7, 3] },
  { in: ['y', { var: 'list' }] },
  { in: ['ell', 'hello'] },
  { in: ['x', null] },
  { in: ['x', 5] },
  { cat: ['a', 1, null, true, [1, 2]] },
  { substr: ['jsonlogic', 4] },
  { substr: ['jsonlogic', -5] },
  { substr: ['jsonlogic', 1, 3] },
  { substr: ['jsonlogic', 4, -2] },
  { merge: [1, [2, 3], [[4]]] },
  { merge: [] },
  { all: [{ var: 'nums' }, { '>': [{ var: '' }, 0] }] },
  { all: [{ var: 'empty' }, true] },
  { all: [{ var: 'nope' }, true] },
  { some: [{ var: 'list' }, { '==': [{ var: '' }, 'y'] }] },
  { some: [{ var: 'empty' }, true] },
  { none: [{ var: 'nums' }, { '>': [{ var: '' }, 3] }] },
  { none: [{ var: 'empty' }, true] },
  { filter: [{ var: 'nums' }, { '%': [{ var: '' }, 2] }] },
  { map: [{ var: 'nums' }, { '*': [{ var: '' }, 2] }] },
  { reduce: [{ var: 'nums' }, { '+': [{ var: 'current' }, { var: 'accumulator' }] }, 0] },
  { reduce: [{ var: 'nope' }, { '+': [{ var: 'current' }, { var: 'accumulator' }] }, 10] },
  { reduce: [{ var: 'nums' }, { '+': [{ var: 'current' }, { var: 'accumulator' }] }] },
  [1, { var: 'a' }, 'x'],
  {},
  { a: 1, b: 2 },
  'literal',
  null,
  { '==': { var: 'a' } },
];

describe('JSON Logic compiler', () => {
  it('matches json-logic-js on hand-written rules', () => {
    for (const rule of cases) assertSame(rule, data);
  });

  it('matches json-logic-js on non-object data', () => {
    for (const d of [null, 5, 'str', [1, 2], undefined]) {
      for (const rule of [{ var: 'a' }, { var: '0' }, { var: 'length' }, { missing: ['a'] }])
        assertSame(rule, d);
    }
  });

  it('throws at compile time for unknown operators, naming the operator', () => {
    assert.throws(
      () => compileRule({ and: [true, { frobnicate: [1] }] }),
      (e: unknown) => {
        assert.ok(e instanceof UnknownOperatorError);
        assert.equal(e.operator, 'frobnicate');
        return true;
      },
    );
    // `log` exists in json-logic-js but conditions must not write to the console.
    assert.throws(() => compileRule({ log: 'x' }), UnknownOperatorError);
  });

  it('compileCondition applies JSON Logic truthiness ([] is falsy)', () => {
    assert.equal(compileCondition({ var: 'empty' })(data), false);
    assert.equal(compileCondition({ var: 'list' })(data), true);
    assert.equal(compileCondition({ var: 'z' })(data), false);
    assert.equal(compileCondition('0')(data), true);
  });

  it('matches json-logic-js on generated rules and data (property test)', () => {
    const keys = ['a', 'b', 'c', 'list', 'obj.x', 'obj.y.z'];
    const scalar = fc.oneof(
      fc.integer({ min: -5, max: 5 }),
      fc.double({ noNaN: false }),
      fc.constantFrom('', '0', '1', 'a', 'yes', 'no', '2024-01-01', ' 3 '),
      fc.boolean(),
      fc.constant(null),
    );
    const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 4 }));
    const dataArb = fc.record(
      {
        a: value,
        b: value,
        c: value,
        list: fc.array(scalar, { maxLength: 5 }),
        obj: fc.record({ x: value, y: fc.record({ z: value }, { requiredKeys: [] }) }, { requiredKeys: [] }),
      },
      { requiredKeys: [] },
    );
    const eagerOps = JSON_LOGIC_OPERATORS.filter(
      (op) =>
        !['var', 'missing', 'missing_some', 'all', 'some', 'none', 'filter', 'map', 'reduce'].includes(op),
    );
    const { rule } = fc.letrec<{ rule: unknown; leaf: unknown }>((tie) => ({
      leaf: fc.oneof(
        scalar,
        fc.constantFrom(...keys).map((k) => ({ var: k })),
        fc.tuple(fc.constantFrom(...keys), scalar).map(([k, d]) => ({ var: [k, d] })),
        fc.constant({ var: '' }),
        fc.array(fc.constantFrom(...keys), { maxLength: 3 }).map((ks) => ({ missing: ks })),
        fc
          .tuple(fc.integer({ min: 0, max: 3 }), fc.array(fc.constantFrom(...keys), { maxLength: 3 }))
          .map(([n, ks]) => ({ missing_some: [n, ks] })),
      ),
      rule: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        tie('leaf'),
        fc
          .tuple(fc.constantFrom(...eagerOps), fc.array(tie('rule'), { maxLength: 4 }))
          .map(([op, args]) => ({ [op]: args })),
        fc.tuple(fc.constantFrom(...eagerOps), tie('rule')).map(([op, arg]) => ({ [op]: arg })),
        fc
          .tuple(
            fc.constantFrom('all', 'some', 'none', 'filter', 'map'),
            fc.oneof(fc.constant({ var: 'list' }), tie('rule')),
            tie('rule'),
          )
          .map(([op, source, body]) => ({ [op]: [source, body] })),
        fc.array(tie('rule'), { maxLength: 3 }),
      ),
    }));
    fc.assert(
      fc.property(rule, dataArb, (r, d) => {
        assertSame(r, d);
      }),
      { numRuns: 3000 },
    );
  });
});
