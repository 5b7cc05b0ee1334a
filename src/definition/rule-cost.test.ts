import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { type DefinitionProblem, parseDefinition } from './parse.ts';
import { MAX_ITERATION_NESTING, MAX_RULE_DEPTH, MAX_RULE_NODES } from './rule-cost.ts';

/** A definition whose second field has `showIf` (reading the first, a list of names) and a computed value. */
function withRules(showIf: unknown, computed?: unknown): unknown {
  return {
    formatVersion: 2,
    id: 'kosten',
    title: { de: 'Kosten' },
    summary: { de: 'Kosten' },
    declaration: { de: 'Ja' },
    steps: [
      {
        id: 'eins',
        title: { de: 'Eins' },
        fields: [
          {
            type: 'checkbox',
            key: 'namen',
            label: { de: 'Namen' },
            options: [{ value: 'a', label: { de: 'A' } }],
          },
          { type: 'text', key: 'weiter', label: { de: 'Weiter' }, showIf },
        ],
      },
    ],
    ...(computed !== undefined && { computed: [{ key: 'alle', rule: computed }] }),
    local: { office: { name: { de: 'Amt' } } },
  };
}

function problemsOf(input: unknown): DefinitionProblem[] {
  const result = parseDefinition(input);
  return result.ok ? [] : result.problems;
}

const acc = { var: 'accumulator' };

describe('static cost of rules at publish time', () => {
  it('refuses a reduce that combines the accumulator with itself, at the growing operation', () => {
    const rule = { reduce: [{ var: 'namen' }, { cat: [acc, acc] }, 'x'] };
    const problems = problemsOf(withRules(true, rule));
    assert.deepEqual(
      problems.map((p) => p.path),
      ['/computed/0/rule/reduce/1/cat'],
    );
    assert.match(problems[0]?.message ?? '', /combines the accumulator with itself/);
    assert.equal(
      problemsOf(
        withRules(true, { reduce: [{ var: 'namen' }, { merge: [acc, { if: [true, acc, []] }] }, []] }),
      )[0]?.path,
      '/computed/0/rule/reduce/1/merge',
    );
  });

  it('lets a reduce that reads the accumulator once per step through', () => {
    const join = {
      reduce: [
        { var: 'namen' },
        { if: [{ '==': [acc, ''] }, { var: 'current' }, { cat: [acc, ', ', { var: 'current' }] }] },
        '',
      ],
    };
    assert.deepEqual(problemsOf(withRules(true, join)), []);
  });

  it('refuses iterations nested deeper than the bound', () => {
    let rule: unknown = { '==': [{ var: '' }, 'a'] };
    for (let i = 0; i <= MAX_ITERATION_NESTING; i++) rule = { some: [{ var: 'namen' }, rule] };
    const problems = problemsOf(withRules(rule));
    assert.equal(problems.length, 1);
    assert.match(problems[0]?.message ?? '', /nested more than 3 deep/);
  });

  it('refuses rules nested too deeply or too large, with the rule path, and never overflows the stack', () => {
    let deep: unknown = { var: 'namen' };
    for (let i = 0; i <= MAX_RULE_DEPTH; i++) deep = { '!': deep };
    assert.match(problemsOf(withRules(deep))[0]?.message ?? '', /nested too deeply/);
    const large = { or: Array.from({ length: MAX_RULE_NODES }, () => ({ var: 'namen' })) };
    assert.deepEqual(
      problemsOf(withRules(large)).map((p) => [p.path, p.message.slice(0, 20)]),
      [['/steps/0/fields/1/showIf', 'the rule is too larg']],
    );
    // Twenty thousand levels: refused as a document too deep, not with a RangeError.
    const text = `${'{"!":['.repeat(20_000)}true${']}'.repeat(20_000)}`;
    const input = withRules(null) as { steps: Array<{ fields: Array<Record<string, unknown>> }> };
    (input.steps[0]?.fields[1] as Record<string, unknown>).showIf = JSON.parse(text);
    assert.match(problemsOf(input)[0]?.message ?? '', /nested more than 100 levels/);
  });

  it('never runs an operator outside the allowed set, not even in a constant rule', () => {
    const log = mock.method(console, 'log', () => {});
    try {
      const problems = problemsOf(withRules({ log: 'injected into the log stream' }));
      assert.deepEqual(
        problems.map((p) => p.path),
        ['/steps/0/fields/1/showIf/log'],
      );
      assert.match(problems[0]?.message ?? '', /unknown JSON Logic operator 'log'/);
      assert.equal(log.mock.callCount(), 0);
    } finally {
      log.mock.restore();
    }
  });

  it('evaluates constant rules within the same bounds as at run time', () => {
    // Constant, linear in its shape, and still too large when evaluated: refused, not run to the end.
    const rule = { '==': [{ cat: Array.from({ length: 30 }, () => 'x'.repeat(5_000)) }, ''] };
    const problems = problemsOf(withRules(rule));
    assert.match(problems[0]?.message ?? '', /rule fails when evaluated: .*exceeded its string bound/);
  });
});
