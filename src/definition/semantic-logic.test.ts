import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type DefinitionProblem, parseDefinition } from './parse.ts';

type Def = Record<string, unknown> & { steps: Array<Record<string, unknown> & { fields: unknown[] }> };

/** Two steps: a start and an end date, a yes/no, a number and a choice; tests add logic to it. */
function base(): Def {
  return {
    formatVersion: 2,
    id: 'logik',
    title: { de: 'Logik' },
    summary: { de: 'Test' },
    declaration: { de: 'Ja.' },
    steps: [
      {
        id: 'eins',
        title: { de: 'Eins' },
        fields: [
          { type: 'date', key: 'beginn', label: { de: 'Beginn' }, required: true },
          { type: 'date', key: 'ende', label: { de: 'Ende' } },
          { type: 'yesno', key: 'hund', label: { de: 'Hund?' }, required: true },
          { type: 'info', key: 'hinweis', text: { de: 'Hinweis' } },
        ],
      },
      {
        id: 'zwei',
        title: { de: 'Zwei' },
        fields: [
          { type: 'number', key: 'anzahl', label: { de: 'Anzahl' }, min: 0 },
          {
            type: 'radio',
            key: 'art',
            label: { de: 'Art' },
            required: true,
            options: [
              { value: 'klein', label: { de: 'Klein' } },
              { value: 'gross', label: { de: 'Groß' } },
            ],
          },
          {
            type: 'checkbox',
            key: 'extras',
            label: { de: 'Extras' },
            options: [
              { value: 'a', label: { de: 'A' } },
              { value: 'b', label: { de: 'B' } },
            ],
          },
        ],
      },
    ],
    local: { office: { name: { de: 'Amt' } } },
  };
}

function problemsOf(input: unknown): DefinitionProblem[] {
  const result = parseDefinition(input);
  assert.equal(result.ok, false, 'expected the definition to be refused');
  return result.ok ? [] : result.problems;
}

function assertProblem(input: unknown, path: string, message: RegExp): void {
  const problems = problemsOf(input);
  const found = problems.find((p) => p.path === path && message.test(p.message));
  assert.ok(found, `expected ${path}: ${String(message)}; got ${JSON.stringify(problems, null, 2)}`);
}

function assertOk(input: unknown): void {
  const result = parseDefinition(input);
  assert.ok(result.ok, JSON.stringify(result));
}

describe('logic: accepted', () => {
  it('requiredIf, validations, computed values and a fee that fit together', () => {
    const def = base();
    def.steps[1]!.fields.push({
      type: 'text',
      key: 'grund',
      label: { de: 'Grund' },
      requiredIf: { '==': [{ var: 'art' }, 'gross'] },
    });
    def.steps[0]!.validations = [
      {
        id: 'endeNachBeginn',
        rule: { '<': [{ var: 'beginn' }, { var: 'ende' }] },
        message: { de: 'Das Ende muss nach dem Beginn liegen' },
        fields: ['ende', 'beginn'],
      },
    ];
    def.computed = [
      { key: 'hunde', rule: { '+': [{ var: ['anzahl', 0] }, 1] } },
      { key: 'viele', rule: { '>': [{ var: 'hunde' }, 2] } },
    ];
    def.validations = [
      {
        id: 'grossNurMitHund',
        rule: { or: [{ var: 'hund' }, { '!=': [{ var: 'art' }, 'gross'] }] },
        message: { de: 'Große Tiere nur mit Hund' },
        fields: ['art', 'hund'],
      },
    ];
    def.local = {
      ...(def.local as object),
      fee: {
        label: { de: 'Gebühr' },
        rule: {
          if: [
            { var: 'viele' },
            { '+': [10800, { '*': [14400, { '-': [{ var: 'hunde' }, 1] }] }] },
            { '==': [{ var: 'art' }, 'gross'] },
            60000,
            { max: [0, { '-': [10800, { var: ['anzahl', 0] }] }] },
          ],
        },
      },
    };
    // `*` with `-` of ints can be negative only through `-`: accepted here because `-` is wrapped?
    // No: 14400 * (hunde - 1) is not provably non-negative, so this fee is refused…
    assertProblem(def, '/local/fee/rule', /can be negative/);
    // …and accepted once the designer says so with max(0, …).
    (def.local as { fee: { rule: unknown } }).fee.rule = {
      if: [
        { var: 'viele' },
        { max: [0, { '+': [10800, { '*': [14400, { '-': [{ var: 'hunde' }, 1] }] }] }] },
        { '==': [{ var: 'art' }, 'gross'] },
        60000,
        10800,
      ],
    };
    assertOk(def);
  });

  it('a step showIf that reads a computed value of earlier answers', () => {
    const def = base();
    def.computed = [{ key: 'mitHund', rule: { '==': [{ var: 'hund' }, true] } }];
    def.steps[1]!.showIf = { var: 'mitHund' };
    assertOk(def);
  });

  it('comparisons with null, which test for a missing answer', () => {
    const def = base();
    def.steps[1]!.showIf = { or: [{ '==': [{ var: 'hund' }, null] }, { '!=': [{ var: 'ende' }, null] }] };
    assertOk(def);
  });

  it('a constant true condition', () => {
    const def = base();
    def.steps[1]!.showIf = { '==': [1, 1] };
    assertOk(def);
  });
});

describe('logic: refused, with paths', () => {
  it('unknown keys in every kind of rule', () => {
    const def = base();
    (def.steps[0]!.fields[1] as Record<string, unknown>).requiredIf = { var: 'gibtsnicht' };
    def.steps[0]!.validations = [
      { id: 'v', rule: { var: 'auchnicht' }, message: { de: 'x' }, fields: ['beginn'] },
    ];
    def.computed = [{ key: 'c', rule: { var: 'nirgends' } }];
    def.local = {
      ...(def.local as object),
      fee: { label: { de: 'Gebühr' }, rule: { var: ['woanders', 0] } },
    };
    const problems = problemsOf(def);
    const paths = problems.map((p) => p.path);
    assert.ok(paths.includes('/steps/0/fields/1/requiredIf/var'), JSON.stringify(problems));
    assert.ok(paths.includes('/steps/0/validations/0/rule/var'), JSON.stringify(problems));
    assert.ok(paths.includes('/computed/0/rule/var'), JSON.stringify(problems));
    assert.ok(paths.includes('/local/fee/rule/var/0'), JSON.stringify(problems));
  });

  it('a step showIf that reads a later field, directly or through a computed value', () => {
    const def = base();
    def.steps[0]!.showIf = { var: 'anzahl' };
    assertProblem(def, '/steps/0/showIf/var', /refers to field 'anzahl', which comes later/);
    const viaComputed = base();
    viaComputed.computed = [{ key: 'viele', rule: { '>': [{ var: ['anzahl', 0] }, 3] } }];
    viaComputed.steps[1]!.showIf = { var: 'viele' };
    assertProblem(
      viaComputed,
      '/steps/1/showIf/var',
      /computed value 'viele', which depends on field 'anzahl' .* that comes later/,
    );
  });

  it('requiredIf beside required, and requiredIf on its own or a later field', () => {
    const def = base();
    Object.assign(def.steps[0]!.fields[0] as object, { requiredIf: { var: 'ende' } });
    assertProblem(def, '/steps/0/fields/0/requiredIf', /either required or requiredIf/);
    assertProblem(def, '/steps/0/fields/0/requiredIf/var', /refers to field 'ende', which comes later/);
  });

  it('type mismatches with literals', () => {
    const def = base();
    def.steps[1]!.showIf = {
      and: [{ '==': [{ var: 'hund' }, 'ja'] }, { '==': [{ var: 'beginn' }, '1.1.2024'] }],
    };
    (def.steps[1]!.fields[1] as Record<string, unknown>).showIf = { '>': [{ var: 'anzahl' }, '3'] };
    (def.steps[1]!.fields[2] as Record<string, unknown>).showIf = {
      or: [{ '==': [{ var: 'art' }, 'riesig'] }, { in: [{ var: 'art' }, ['klein', 'mittel']] }],
    };
    def.computed = [{ key: 'x', rule: { in: ['c', { var: 'extras' }] } }];
    assertProblem(
      def,
      '/steps/1/showIf/and/0/==/1',
      /yes\/no field 'hund' with "ja"; its answer is true or false/,
    );
    assertProblem(def, '/steps/1/showIf/and/1/==/1', /ISO date/);
    assertProblem(def, '/steps/1/fields/1/showIf/>/1', /number field 'anzahl' with "3"/);
    assertProblem(
      def,
      '/steps/1/fields/2/showIf/or/0/==/1',
      /'riesig', which is not one of its option values \(klein, gross\)/,
    );
    assertProblem(
      def,
      '/steps/1/fields/2/showIf/or/1/in/1/1',
      /'mittel', which is not one of its option values/,
    );
    assertProblem(def, '/computed/0/rule/in/0', /"c" is not an option value of checkbox field 'extras'/);
  });

  it('a time compared with a time not written as stored ("9:30" would order after "14:00")', () => {
    const def = base();
    def.steps[0]!.fields.push({ type: 'time', key: 'uhrzeit', label: { de: 'Uhrzeit' } });
    def.steps[1]!.showIf = { or: [{ '<': [{ var: 'uhrzeit' }, '9:30'] }, { '==': [{ var: 'uhrzeit' }, 9] }] };
    assertProblem(
      def,
      '/steps/1/showIf/or/0/</1',
      /time field 'uhrzeit' with "9:30"; use a time such as "09:30"/,
    );
    assertProblem(def, '/steps/1/showIf/or/1/==/1', /time field 'uhrzeit' with 9/);
    def.steps[1]!.showIf = { '<': [{ var: 'uhrzeit' }, '09:30'] };
    assertOk(def);
  });

  it('cycles among computed values, and a computed value reading itself', () => {
    const def = base();
    def.computed = [
      { key: 'a', rule: { '+': [{ var: ['b', 0] }, 1] } },
      { key: 'b', rule: { '+': [{ var: ['a', 0] }, 1] } },
      { key: 's', rule: { var: 's' } },
    ];
    assertProblem(def, '/computed/0/rule', /computed values form a cycle: a → b → a/);
    assertProblem(def, '/computed/2/rule/var', /refers to itself/);
  });

  it('unreachable steps and fields that are never shown', () => {
    const def = base();
    def.steps[1]!.showIf = false;
    assertProblem(def, '/steps/1/showIf', /step 'zwei' is unreachable: its showIf is always false/);
    def.steps[1]!.showIf = { '==': [1, 2] };
    assertProblem(def, '/steps/1/showIf', /unreachable/);
    def.steps[1]!.showIf = { and: [true, { '!': [{ var: 'hund' }] }, false] };
    // Not constant (it reads an answer) — but still refused? No: only constant rules are judged.
    assertOk(def);
    (def.steps[0]!.fields[1] as Record<string, unknown>).showIf = { in: ['x', []] };
    assertProblem(def, '/steps/0/fields/1/showIf', /never shown/);
  });

  it('duplicate keys across fields and computed values, and duplicate validation ids', () => {
    const def = base();
    def.computed = [
      { key: 'anzahl', rule: 1 },
      { key: 'c', rule: 1 },
      { key: 'c', rule: 2 },
    ];
    const v = { id: 'v', rule: true, message: { de: 'x' }, fields: ['beginn'] };
    def.steps[0]!.validations = [v];
    def.validations = [v];
    assertProblem(def, '/computed/0/key', /duplicate key 'anzahl' \(first used at \/steps\/1\/fields\/0\)/);
    assertProblem(def, '/computed/2/key', /duplicate key 'c' \(first used at \/computed\/1\)/);
    assertProblem(def, '/validations/0/id', /duplicate validation id 'v'/);
  });

  it('validations naming wrong fields or reading answers after their step', () => {
    const def = base();
    def.steps[0]!.validations = [
      { id: 'a', rule: { var: 'anzahl' }, message: { de: 'x' }, fields: ['anzahl', 'hinweis', 'nix'] },
      { id: 'b', rule: { var: 'anzahl' }, message: { de: 'x' }, fields: ['beginn'] },
      { id: 'c', rule: false, message: { de: 'x' }, fields: ['beginn'] },
    ];
    def.validations = [{ id: 'd', rule: { var: 'art' }, message: { de: 'x' }, fields: ['beginn'] }];
    assertProblem(def, '/steps/0/validations/0/fields/0', /another step/);
    assertProblem(def, '/steps/0/validations/0/fields/1', /info field 'hinweis', which has no answer/);
    assertProblem(def, '/steps/0/validations/0/fields/2', /unknown field 'nix'/);
    assertProblem(
      def,
      '/steps/0/validations/1/rule/var',
      /comes later.*checked on the step of its last field \(eins\)/,
    );
    assertProblem(def, '/steps/0/validations/2/rule', /always fails/);
    assertProblem(def, '/validations/0/rule/var', /refers to field 'art', which comes later/);
  });

  it('fee rules that can produce fractions, negatives, missing or non-number values', () => {
    const withFee = (rule: unknown) => ({
      ...base(),
      local: { ...(base().local as object), fee: { label: { de: 'Gebühr' }, rule } },
    });
    assertProblem(withFee({ '/': [10800, 2] }), '/local/fee/rule', /fractions/);
    assertProblem(
      withFee({ '/': [10800, { var: ['anzahl', 1] }] }),
      '/local/fee/rule/~1/1',
      /non-zero number literal/,
    );
    assertProblem(withFee(108.5), '/local/fee/rule', /fractions/);
    assertProblem(
      withFee({ '*': [100, { var: 'anzahl' }] }),
      '/local/fee/rule/*/1',
      /can be missing.*default/,
    );
    assertProblem(withFee({ var: 'anzahl' }), '/local/fee/rule', /can be missing/);
    assertProblem(withFee({ if: [{ var: 'hund' }, 100] }), '/local/fee/rule', /can be missing/);
    assertProblem(withFee({ '-': [100, { var: ['anzahl', 0] }] }), '/local/fee/rule', /can be negative/);
    assertProblem(withFee(-5), '/local/fee/rule', /can be negative/);
    assertProblem(withFee('100'), '/local/fee/rule', /a string/);
    assertProblem(withFee({ '+': [100, { var: 'hund' }] }), '/local/fee/rule/+/1', /needs numbers/);
    assertProblem(withFee({ '%': [100, 0] }), '/local/fee/rule/%/1', /non-zero/);
    assertOk(withFee({ '*': [100, { var: ['anzahl', 0] }] }));
    assertOk(withFee({ '%': [{ var: ['anzahl', 0] }, 7] }));
  });

  it('computed arithmetic that yields NaN at fill-in time', () => {
    const def = base();
    def.computed = [{ key: 'x', rule: { '+': [{ var: 'anzahl' }, 1] } }];
    assertProblem(def, '/computed/0/rule/+/0', /can be missing/);
  });

  it('requiredIf and validations are closed objects in the schema', () => {
    const def = base();
    def.steps[0]!.validations = [{ id: 'v', rule: true, message: { de: 'x' }, fields: [] }];
    def.local = { ...(def.local as object), fee: { rule: 1 } };
    const problems = problemsOf(def);
    assert.ok(
      problems.some((p) => p.path === '/steps/0/validations/0/fields'),
      JSON.stringify(problems),
    );
    assert.ok(
      problems.some((p) => p.path === '/local/fee/label'),
      JSON.stringify(problems),
    );
  });
});
