import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { editable } from '../definition/edit/operations.ts';
import { type PickerNode, toJsonLogic } from '../definition/edit/rule-pickers.ts';
import { earlierFields } from '../definition/edit/rules.ts';
import type { PostedForm } from '../definition/edit/settings.ts';
import type { Field, ServiceDefinition } from '../definition/types.ts';
import {
  applyAction,
  checkRuleForm,
  emptyForm,
  type FormGroup,
  formOfRule,
  MAX_ROWS,
  OPERATORS_FOR,
  parseAction,
  parseRuleForm,
  type RuleForm,
  valueKind,
} from './rule-picker-form.ts';

const HUND = editable(
  JSON.parse(
    readFileSync(new URL('../../definitions/musterstadt/hund-anmelden.json', import.meta.url), 'utf8'),
  ) as ServiceDefinition,
);
const byKey = (key: string) =>
  HUND.steps.flatMap((s) => s.fields).find((f) => f.key === key) as Field & { uid: string };
/** What a rule of the "Ermäßigung" step may read: the fields of "Halter" and "Hund". */
const FIELDS = earlierFields(HUND, HUND.steps[2]!.uid!);
const LISTENHUND = byKey('listenhund').uid;
const RASSE = byKey('rasse').uid;
const WEITERE = byKey('weitereHunde').uid;

const post = (form: Record<string, string | string[]>): PostedForm => form;

describe('parseRuleForm', () => {
  test('rows and groups in the order of their numbers, with what was typed', () => {
    const parsed = parseRuleForm(
      post({
        'b.verknuepfung': 'or',
        'b.wurzel': 'gruppe',
        'b.10.art': 'bedingung',
        'b.10.feld': WEITERE,
        'b.10.operator': 'greaterThan',
        'b.10.wert': ' 2 ',
        'b.2.art': 'gruppe',
        'b.2.verknuepfung': 'and',
        'b.2.0.art': 'bedingung',
        'b.2.0.feld': RASSE,
        'b.2.0.operator': 'oneOf',
        'b.2.0.wert': ['dackel', 'pitbull'],
      }),
    );
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.form, {
      rootIsGroup: true,
      root: {
        kind: 'group',
        join: 'or',
        items: [
          {
            kind: 'group',
            join: 'and',
            items: [
              {
                kind: 'condition',
                field: RASSE,
                operator: 'oneOf',
                value: 'dackel',
                values: ['dackel', 'pitbull'],
                compare: 'wert',
                other: '',
              },
            ],
          },
          {
            kind: 'condition',
            field: WEITERE,
            operator: 'greaterThan',
            value: ' 2 ',
            values: [' 2 '],
            compare: 'wert',
            other: '',
          },
        ],
      },
    });
  });

  test('posts no page of the builder sends are refused with the reason', () => {
    const bad: Array<[Record<string, string | string[]>, RegExp]> = [
      [{}, /no join/],
      [{ 'b.verknuepfung': 'xor' }, /no join/],
      [{ 'b.verknuepfung': 'and', 'b.0.1.art': 'bedingung' }, /not in a group/],
      [{ 'b.verknuepfung': 'and', 'b.0.art': 'bedingung', 'b.0.0.art': 'bedingung' }, /not in a group/],
      [{ 'b.verknuepfung': 'and', 'b.0.art': 'gruppe' }, /group b\.0 names no join/],
      [{ 'b.verknuepfung': 'and', 'b.0.art': 'regel' }, /unknown kind/],
      [{ 'b.verknuepfung': 'and', 'b.0.0.0.0.art': 'bedingung' }, /too deep/],
      [{ 'b.verknuepfung': 'and', 'b.x.art': 'bedingung' }, /too deep/],
      [{ 'b.verknuepfung': 'and', 'b.0.art': 'bedingung', 'b.0.wert': 'x'.repeat(501) }, /too long/],
      [
        {
          'b.verknuepfung': 'and',
          ...Object.fromEntries(Array.from({ length: MAX_ROWS + 1 }, (_, i) => [`b.${i}.art`, 'bedingung'])),
        },
        /more than/,
      ],
    ];
    for (const [form, reason] of bad) {
      const parsed = parseRuleForm(post(form));
      assert.equal(parsed.ok, false, JSON.stringify(form));
      if (!parsed.ok) assert.match(parsed.reason, reason);
    }
  });
});

describe('the buttons', () => {
  test('parseAction reads only the values the page sends', () => {
    assert.deepEqual(parseAction('speichern'), { kind: 'save' });
    assert.deepEqual(parseAction('aktualisieren'), { kind: 'refresh' });
    assert.deepEqual(parseAction('bedingung:b'), { kind: 'add-condition', path: [] });
    assert.deepEqual(parseAction('gruppe:b.1'), { kind: 'add-group', path: [1] });
    assert.deepEqual(parseAction('entfernen:b.1.0'), { kind: 'remove', path: [1, 0] });
    for (const value of [
      '',
      'loeschen',
      'entfernen:c.1',
      'entfernen:b.1.2.3.4',
      'gruppe:b.x',
      'speichern ',
    ]) {
      assert.equal(parseAction(value), undefined, value);
    }
  });

  test('add and remove rows; nothing outside the form or deeper than it posts', () => {
    let form: RuleForm = emptyForm();
    form = applyAction(form, { kind: 'add-group', path: [] })!;
    form = applyAction(form, { kind: 'add-group', path: [1] })!;
    const inner = (form.root.items[1] as FormGroup).items[1] as FormGroup;
    assert.equal(inner.join, 'and', 'a group in an "or" group joins with "and"');
    assert.equal((form.root.items[1] as FormGroup).join, 'or');
    assert.equal(applyAction(form, { kind: 'add-group', path: [1, 1] }), undefined, 'too deep to post');
    assert.ok(applyAction(form, { kind: 'add-condition', path: [1, 1] }));
    assert.equal(applyAction(form, { kind: 'add-condition', path: [0] }), undefined, 'a row is no group');
    assert.equal(applyAction(form, { kind: 'remove', path: [] }), undefined, 'the root stays');
    assert.equal(applyAction(form, { kind: 'remove', path: [7] }), undefined);
    const removed = applyAction(form, { kind: 'remove', path: [0] })!;
    assert.equal(removed.root.items.length, 1);
    assert.equal(form.root.items.length, 2, 'the form it was made from is unchanged');
  });
});

describe('checkRuleForm', () => {
  const row = (field: string, operator: string, value = '', values = value ? [value] : []) => ({
    kind: 'condition' as const,
    field,
    operator,
    value,
    values,
    compare: 'wert' as const,
    other: '',
  });
  const one = (node: FormGroup['items'][number], rootIsGroup = false): RuleForm => ({
    root: { kind: 'group', join: 'and', items: [node] },
    rootIsGroup,
  });

  test('"Zeige Sachkundenachweis, wenn Listenhund = Ja" is the JSON Logic the service has', () => {
    const checked = checkRuleForm(one(row(LISTENHUND, 'equals', 'ja')), FIELDS);
    assert.ok(checked.ok);
    assert.deepEqual(checked.rule, byKey('sachkundenachweis').showIf);
    const group = checkRuleForm(one(row(LISTENHUND, 'equals', 'ja'), true), FIELDS);
    assert.ok(group.ok);
    assert.deepEqual(group.rule, { and: [{ '==': [{ var: 'listenhund' }, true] }] }, 'a group stays a group');
    const none = checkRuleForm(
      { root: { kind: 'group', join: 'or', items: [] }, rootIsGroup: false },
      FIELDS,
    );
    assert.deepEqual(none, { ok: true, node: undefined, rule: undefined });
    const comma = checkRuleForm(one(row(WEITERE, 'lessOrEqual', '2,5')), FIELDS);
    assert.ok(comma.ok);
    assert.deepEqual(comma.rule, { '<=': [{ var: 'weitereHunde' }, 2.5] });
  });

  test('each mistake at its row and control', () => {
    const cases: Array<[FormGroup['items'][number], string, string]> = [
      [row('', 'equals', 'ja'), 'feld', 'field-missing'],
      [row('f-gibt-es-nicht', 'equals', 'ja'), 'feld', 'field-unknown'],
      // A field of a later step is not one the rule may read.
      [row(byKey('ermaessigungsgrund').uid, 'equals', 'sozialleistung'), 'feld', 'field-unknown'],
      [row(byKey('listenhundHinweis').uid, 'isTrue'), 'feld', 'field-unknown'],
      [row(LISTENHUND, 'greaterThan', 'ja'), 'operator', 'operator-invalid'],
      [row(LISTENHUND, 'so-ungefaehr', 'ja'), 'operator', 'operator-invalid'],
      [row(WEITERE, 'isTrue'), 'operator', 'operator-invalid'],
      [row(RASSE, 'contains', 'dackel'), 'operator', 'operator-invalid'],
      [row(LISTENHUND, 'equals', ''), 'wert', 'value-missing'],
      [row(LISTENHUND, 'equals', 'true'), 'wert', 'value-boolean'],
      [row(WEITERE, 'equals', 'zwei'), 'wert', 'value-number'],
      [row(WEITERE, 'equals', '1e3'), 'wert', 'value-number'],
      [row(byKey('geburtsdatum').uid, 'lessThan', '2026-02-30'), 'wert', 'value-date'],
      [row(RASSE, 'equals', 'wolf'), 'wert', 'value-option'],
      [row(RASSE, 'oneOf', '', []), 'wert', 'value-missing'],
      [row(RASSE, 'oneOf', 'dackel', ['dackel', 'wolf']), 'wert', 'value-option'],
      [{ kind: 'group', join: 'or', items: [] }, 'art', 'group-empty'],
    ];
    for (const [node, part, code] of cases) {
      assert.deepEqual(
        checkRuleForm(one(node), FIELDS),
        { ok: false, errors: [{ name: 'b.0', part, code }] },
        JSON.stringify(node),
      );
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The round trip: a rule the form shows is the rule it saves.

const value = (field: Field): fc.Arbitrary<string | number | boolean> => {
  switch (valueKind(field)) {
    case 'boolean':
      return fc.boolean();
    case 'option':
    case 'multi':
      return fc.constantFrom(...('options' in field ? field.options.map((o) => o.value) : ['x']));
    case 'number':
      return fc.integer({ min: -100_000, max: 100_000 }).map((n) => n / 4);
    case 'date':
      return fc
        .date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    default:
      return fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() === s && s.length > 0);
  }
};

const condition: fc.Arbitrary<PickerNode> = fc.constantFrom(...FIELDS).chain((field) =>
  fc.constantFrom(...OPERATORS_FOR[valueKind(field)!]).chain((operator): fc.Arbitrary<PickerNode> => {
    if (operator === 'isTrue' || operator === 'isFalse') {
      return fc.constant({ kind: 'condition', field: field.key, operator });
    }
    if (operator === 'oneOf') {
      const options = 'options' in field ? field.options.map((o) => o.value) : [];
      return fc
        .uniqueArray(fc.constantFrom(...options), { minLength: 1, maxLength: options.length })
        .map((values) => ({ kind: 'condition', field: field.key, operator, values }));
    }
    return value(field).map((v) => ({ kind: 'condition', field: field.key, operator, value: v }));
  }),
);

/** Pickers as deep as the form posts: groups at most two levels below the root. */
const node = (depth: number): fc.Arbitrary<PickerNode> =>
  depth >= 2
    ? condition
    : fc.oneof(
        { weight: 2, arbitrary: condition },
        {
          weight: 1,
          arbitrary: fc
            .record({
              join: fc.constantFrom('and' as const, 'or' as const),
              items: fc.array(node(depth + 1), { minLength: 1, maxLength: 4 }),
            })
            .map((g): PickerNode => ({ kind: 'group', ...g })),
        },
      );

describe('formOfRule', () => {
  test('every rule built from the offered fields with fitting values shows in the form and saves unchanged', () => {
    fc.assert(
      fc.property(node(0), (picked) => {
        const rule = toJsonLogic(picked);
        const form = formOfRule(rule, FIELDS);
        assert.ok(form, JSON.stringify(rule));
        const back = checkRuleForm(form, FIELDS);
        assert.ok(back.ok);
        assert.deepEqual(back.rule, rule);
      }),
      { numRuns: 300 },
    );
  });

  test('any other JSON is either saved back unchanged or not shown in the form (never rewritten)', () => {
    const near = fc.oneof(
      fc.jsonValue(),
      node(0).map((n) => toJsonLogic(n)),
      // Pickers with a value that does not fit the field, or a key no earlier field has.
      fc
        .record({
          k: fc.constantFrom('listenhund', 'weitereHunde', 'rasse', 'iban', 'nachweisHinweis'),
          v: fc.jsonValue(),
        })
        .map(({ k, v }) => ({ '==': [{ var: k }, v] })),
    );
    fc.assert(
      fc.property(near, (rule) => {
        const form = formOfRule(rule, FIELDS);
        if (!form) return;
        const back = checkRuleForm(form, FIELDS);
        assert.ok(back.ok);
        assert.equal(JSON.stringify(back.rule), JSON.stringify(rule));
      }),
      { numRuns: 500 },
    );
  });

  test('what the pickers cannot show exactly stays JSON', () => {
    const json = [
      { '===': [{ var: 'listenhund' }, true] },
      { '==': [{ var: 'listenhund' }, 'ja'] },
      { '==': [{ var: 'weitereHunde' }, '2'] },
      { var: 'weitereHunde' },
      { '==': [{ var: 'rasse' }, 'wolf'] },
      { '==': [{ var: 'ermaessigungsgrund' }, 'sozialleistung'] },
      { '==': [{ var: 'hundName' }, ' Bello'] },
      { and: [{ or: [{ and: [{ or: [{ var: 'listenhund' }] }] }] }] },
    ];
    for (const rule of json) assert.equal(formOfRule(rule, FIELDS), undefined, JSON.stringify(rule));
    assert.deepEqual(formOfRule(undefined, FIELDS), {
      root: { kind: 'group', join: 'and', items: [] },
      rootIsGroup: false,
    });
  });
});
