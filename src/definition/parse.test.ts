import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type DefinitionProblem, parseDefinition } from './parse.ts';

/** A small valid definition; tests change one thing at a time. */
function base(): Record<string, unknown> & { steps: Array<Record<string, unknown> & { fields: unknown[] }> } {
  return {
    formatVersion: 2,
    id: 'test-service',
    title: { de: 'Test', en: 'Test' },
    summary: { de: 'Zusammenfassung' },
    declaration: { de: 'Ich bestätige.' },
    steps: [
      {
        id: 'one',
        title: { de: 'Eins' },
        fields: [
          { type: 'text', key: 'name', label: { de: 'Name' }, required: true },
          { type: 'yesno', key: 'flag', label: { de: 'Flagge' } },
        ],
      },
      {
        id: 'two',
        title: { de: 'Zwei' },
        fields: [{ type: 'number', key: 'count', label: { de: 'Anzahl' } }],
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

function assertProblem(input: unknown, path: string, message: string | RegExp): void {
  const problems = problemsOf(input);
  const found = problems.find(
    (p) => p.path === path && (typeof message === 'string' ? p.message === message : message.test(p.message)),
  );
  assert.ok(found, `expected ${path}: ${String(message)}; got ${JSON.stringify(problems, null, 2)}`);
}

describe('parseDefinition accepts', () => {
  it('a valid definition and returns a frozen copy without $schema', () => {
    const input = { $schema: '../schema.json', ...base() };
    const result = parseDefinition(input);
    assert.ok(result.ok, JSON.stringify(result));
    assert.notEqual(result.definition, input);
    assert.equal('$schema' in result.definition, false);
    assert.ok(Object.isFrozen(result.definition.steps[0]?.fields[0]));
    assert.equal(Object.isFrozen(input.steps[0]?.fields[0]), false, "the caller's object is untouched");
  });

  it('an adopted object: checked and frozen in place, without a copy', () => {
    const input = base();
    const result = parseDefinition(input, { adopt: true });
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.definition.steps, input.steps, 'no copy');
    assert.ok(Object.isFrozen(input.steps[0]?.fields[0]));
  });

  it('rules that read earlier fields, the same step earlier, and array elements', () => {
    const def = base();
    def.steps[1]!.showIf = { '==': [{ var: 'flag' }, true] };
    def.steps[0]!.fields.push({
      type: 'text',
      key: 'why',
      label: { de: 'Warum' },
      showIf: {
        and: [{ var: 'flag' }, { some: [{ var: 'name' }, { '==': [{ var: 'unknownInScope' }, 1] }] }],
      },
    });
    def.steps[1]!.fields.push({
      type: 'info',
      key: 'note',
      text: { de: 'x' },
      showIf: { missing: ['name', 'why'] },
    });
    const result = parseDefinition(def);
    assert.ok(result.ok, JSON.stringify(result));
  });
});

describe('parseDefinition refuses, with exact paths', () => {
  it('keys and step ids that are properties of every object (constructor, toString, __proto__)', () => {
    for (const name of ['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', 'then']) {
      const def = base();
      (def.steps[0]!.fields[0] as Record<string, unknown>).key = name;
      assertProblem(def, '/steps/0/fields/0/key', new RegExp(`field key '${name}' is reserved`));
    }
    const step = base();
    step.steps[1]!.id = 'constructor';
    assertProblem(step, '/steps/1/id', /step id 'constructor' is reserved/);
    const item = base();
    item.steps[1]!.fields.push({
      type: 'group',
      key: 'kinder',
      label: { de: 'Kinder' },
      itemLabel: { de: 'Kind' },
      maxItems: 5,
      fields: [{ type: 'text', key: 'toString', label: { de: 'Name' } }],
    });
    assertProblem(item, '/steps/1/fields/1/fields/0/key', /field key 'toString' is reserved/);
    const computed = { ...base(), computed: [{ key: 'valueOf', rule: { '+': [1, 1] } }] };
    assertProblem(computed, '/computed/0/key', /computed value key 'valueOf' is reserved/);
  });

  it('non-objects', () => {
    assert.deepEqual(problemsOf(42), [{ path: '', message: 'must be object' }]);
  });

  it('missing required properties, at the path of the property', () => {
    const def = base();
    delete def.declaration;
    delete (def.steps[0]!.fields[0] as Record<string, unknown>).label;
    assertProblem(def, '/declaration', "missing required property 'declaration'");
    assertProblem(def, '/steps/0/fields/0/label', "missing required property 'label'");
  });

  it('unknown properties, naming them and the allowed ones', () => {
    const def = base();
    (def.steps[0]!.fields[0] as Record<string, unknown>).placeholder = 'x';
    assertProblem(
      def,
      '/steps/0/fields/0/placeholder',
      /^unknown property 'placeholder'; allowed: type, key, label/,
    );
  });

  it('an unknown field type with exactly one clear problem', () => {
    const def = base();
    def.steps[0]!.fields[1] = { type: 'slider', key: 'x', label: { de: 'X' } };
    assert.deepEqual(problemsOf(def), [
      {
        path: '/steps/0/fields/1/type',
        message:
          "unknown field type 'slider'; expected one of text, textarea, number, date, email, phone, select, radio, checkbox, yesno, info, decimal, currency, time, iban, bic, postcode, taxId, declaration, warning, group, address, foreignAddress, file, licensePlate",
      },
    ]);
  });

  it('properties of another field type', () => {
    const def = base();
    def.steps[0]!.fields[1] = { type: 'yesno', key: 'flag', label: { de: 'F' }, options: [] };
    assertProblem(def, '/steps/0/fields/1/options', /^unknown property 'options'/);
  });

  it('bad keys and step ids with the pattern', () => {
    const def = base();
    (def.steps[0]!.fields[0] as Record<string, unknown>).key = '1name';
    def.steps[1]!.id = 'Two';
    assertProblem(def, '/steps/0/fields/0/key', 'must match pattern ^[a-zA-Z][a-zA-Z0-9_]*$');
    assertProblem(def, '/steps/1/id', 'must match pattern ^[a-z0-9][a-z0-9-]*$');
  });

  it('a leikaKey that is not 14 digits', () => {
    assertProblem({ ...base(), leikaKey: '9910801' }, '/leikaKey', /exactly 14 digits/);
  });

  it('a wrong format version and empty texts', () => {
    const def = { ...base(), formatVersion: 3, title: { de: '' } };
    assertProblem(def, '/formatVersion', 'must be 2');
    assertProblem(def, '/title/de', 'must not be empty');
  });

  it('duplicate field keys, naming the first use', () => {
    const def = base();
    def.steps[1]!.fields.push({ type: 'text', key: 'name', label: { de: 'Nochmal' } });
    assertProblem(
      def,
      '/steps/1/fields/1/key',
      "duplicate field key 'name' (first used at /steps/0/fields/0)",
    );
  });

  it('duplicate step ids', () => {
    const def = base();
    def.steps[1]!.id = 'one';
    assertProblem(def, '/steps/1/id', "duplicate step id 'one' (first used at /steps/0)");
  });

  it('rules reading unknown fields', () => {
    const def = base();
    def.steps[1]!.showIf = { '==': [{ var: 'nope' }, 1] };
    assertProblem(def, '/steps/1/showIf/==/0/var', "refers to unknown field 'nope'");
  });

  it('rules reading fields of later steps, the own step or the field itself', () => {
    const def = base();
    (def.steps[0]!.fields[0] as Record<string, unknown>).showIf = { var: 'count' };
    (def.steps[0]!.fields[1] as Record<string, unknown>).showIf = { var: 'flag' };
    def.steps[1]!.showIf = { '>': [{ var: 'count' }, 1] };
    assertProblem(
      def,
      '/steps/0/fields/0/showIf/var',
      /^refers to field 'count', which comes later \(\/steps\/1\/fields\/0\)/,
    );
    assertProblem(def, '/steps/0/fields/1/showIf/var', "refers to its own field 'flag'");
    assertProblem(def, '/steps/1/showIf/>/0/var', /^refers to field 'count', which comes later/);
  });

  it('rules reading info fields or computed names', () => {
    const def = base();
    def.steps[0]!.fields.unshift({ type: 'info', key: 'intro', text: { de: 'Hallo' } });
    def.steps[1]!.showIf = { or: [{ var: 'intro' }, { var: { cat: ['na', 'me'] } }] };
    assertProblem(def, '/steps/1/showIf/or/0/var', "refers to info field 'intro', which has no answer");
    assertProblem(def, '/steps/1/showIf/or/1/var', /computed field names/);
  });

  it('missing/missing_some naming unknown fields', () => {
    const def = base();
    def.steps[1]!.showIf = { or: [{ missing: ['name', 'ghost'] }, { missing_some: [1, ['spook']] }] };
    assertProblem(def, '/steps/1/showIf/or/0/missing/1', "refers to unknown field 'ghost'");
    assertProblem(def, '/steps/1/showIf/or/1/missing_some/1/0', "refers to unknown field 'spook'");
  });

  it('unknown JSON Logic operators', () => {
    const def = base();
    def.steps[1]!.showIf = { and: [{ var: 'flag' }, { regex: ['a', 'b'] }] };
    assertProblem(
      def,
      '/steps/1/showIf/and/1/regex',
      /^unknown JSON Logic operator 'regex'; allowed: var missing/,
    );
  });

  it('duplicate option values', () => {
    const def = base();
    def.steps[1]!.fields.push({
      type: 'radio',
      key: 'pick',
      label: { de: 'Wahl' },
      options: [
        { value: 'a', label: { de: 'A' } },
        { value: 'b', label: { de: 'B' } },
        { value: 'a', label: { de: 'A2' } },
      ],
    });
    assertProblem(
      def,
      '/steps/1/fields/1/options/2/value',
      "duplicate option value 'a' (first used at /steps/1/fields/1/options/0)",
    );
  });

  it('min greater than max, for every kind of limit', () => {
    const def = base();
    def.steps[1]!.fields = [
      { type: 'number', key: 'n', label: { de: 'N' }, min: 10, max: 1 },
      { type: 'text', key: 't', label: { de: 'T' }, minLength: 5, maxLength: 2 },
      { type: 'date', key: 'd', label: { de: 'D' }, min: '2025-01-01', max: '2024-01-01' },
      {
        type: 'checkbox',
        key: 'c',
        label: { de: 'C' },
        options: [{ value: 'x', label: { de: 'X' } }],
        minSelected: 1,
        maxSelected: 3,
      },
    ];
    assertProblem(def, '/steps/1/fields/0/min', 'min (10) must not be greater than max (1)');
    assertProblem(def, '/steps/1/fields/1/minLength', 'minLength (5) must not be greater than maxLength (2)');
    assertProblem(def, '/steps/1/fields/2/min', 'min (2025-01-01) must not be greater than max (2024-01-01)');
    assertProblem(def, '/steps/1/fields/3/maxSelected', 'maxSelected (3) exceeds the number of options (1)');
  });

  it('impossible dates as limits', () => {
    const def = base();
    def.steps[1]!.fields = [{ type: 'date', key: 'd', label: { de: 'D' }, max: '2023-02-29' }];
    assertProblem(def, '/steps/1/fields/0/max', "'2023-02-29' is not a valid calendar date");
  });

  it('invalid regular expressions', () => {
    const def = base();
    (def.steps[0]!.fields[0] as Record<string, unknown>).pattern = {
      regex: '[0-9',
      message: { de: 'Falsch' },
    };
    assertProblem(def, '/steps/0/fields/0/pattern/regex', /^invalid regular expression: /);
  });

  it('reports all structural problems at once', () => {
    const def = base();
    def.id = 'Bad Id';
    (def.steps[0]!.fields[0] as Record<string, unknown>).key = '';
    def.steps[1]!.fields = [];
    const paths = problemsOf(def).map((p) => p.path);
    assert.ok(paths.includes('/id'));
    assert.ok(paths.includes('/steps/0/fields/0/key'));
    assert.ok(paths.includes('/steps/1/fields'));
  });
});

describe('Leichte Sprache (ls) in a definition', () => {
  it('is accepted in the start page texts, step descriptions, hints and text blocks', () => {
    const def = base();
    def.summary = { de: 'Zusammenfassung', ls: 'Hier können Sie etwas beantragen.' };
    def.startPage = {
      description: { de: 'Beschreibung', ls: 'Das ist eine Beschreibung.' },
      whatYouNeed: [{ de: 'Ausweis', en: 'ID card', ls: 'Sie brauchen Ihren Ausweis.' }],
      duration: { de: '5 Minuten', ls: 'Das dauert 5 Minuten.' },
    };
    def.local = { ...(def.local as object), cost: { de: 'Kostenlos', ls: 'Das kostet nichts.' } };
    def.steps[0]!.description = { de: 'Schritt', ls: 'Hier geben Sie Ihren Namen an.' };
    (def.steps[0]!.fields[0] as Record<string, unknown>).hint = {
      de: 'Wie im Ausweis',
      ls: 'So wie im Ausweis.',
    };
    def.steps[1]!.fields.push(
      { type: 'info', key: 'info', text: { de: 'Info', ls: 'Das ist wichtig.' } },
      {
        type: 'warning',
        key: 'warnung',
        title: { de: 'Achtung', ls: 'Achtung!' },
        text: { de: 'Text', ls: 'Passen Sie auf.' },
      },
    );
    const result = parseDefinition(def);
    assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
  });

  it('is refused in labels, options, messages and declarations, with the path of the ls member', () => {
    const def = base();
    (def.steps[0]!.fields[0] as Record<string, unknown>).label = { de: 'Name', ls: 'Ihr Name' };
    def.title = { de: 'Test', ls: 'Test' };
    def.declaration = { de: 'Ich bestätige.', ls: 'Das stimmt.' };
    def.steps[0]!.title = { de: 'Eins', ls: 'Eins' };
    const problems = problemsOf(def);
    const expected =
      /^a Leichte-Sprache text \('ls'\) is not allowed here; only in the summary, the start page texts/;
    for (const path of ['/steps/0/fields/0/label/ls', '/title/ls', '/declaration/ls', '/steps/0/title/ls']) {
      assertProblem(def, path, expected);
    }
    assert.equal(problems.length, 4, JSON.stringify(problems, null, 2));
  });

  it('must not be empty', () => {
    const def = base();
    def.summary = { de: 'Zusammenfassung', ls: '' };
    assertProblem(def, '/summary/ls', 'must not be empty');
  });

  it('is refused where it is not a string', () => {
    const def = base();
    (def.steps[0]!.fields[0] as Record<string, unknown>).hint = { de: 'Hinweis', ls: ['Satz eins.'] };
    assertProblem(def, '/steps/0/fields/0/hint/ls', 'must be string');
  });
});
