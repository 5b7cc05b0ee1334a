import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { feeFields } from '../definition/edit/fee.ts';
import { MAX_CENTS } from '../definition/edit/fee-pickers.ts';
import { editable } from '../definition/edit/operations.ts';
import type { PostedForm } from '../definition/edit/settings.ts';
import type { Field, ServiceDefinition } from '../definition/types.ts';
import {
  applyFeeAction,
  checkFeeForm,
  emptyFeeForm,
  formatEuros,
  formOfFee,
  parseEuros,
  parseFeeAction,
  parseFeeForm,
} from './fee-form.ts';

const HUND = editable(
  JSON.parse(
    readFileSync(new URL('../../definitions/musterstadt/hund-anmelden.json', import.meta.url), 'utf8'),
  ) as ServiceDefinition,
);
const FIELDS = feeFields(HUND);
const uidOf = (key: string) => (FIELDS.find((f) => f.key === key) as Field & { uid: string }).uid;
const LISTENHUND = uidOf('listenhund');

/** A post of the page with one conditional row: 600,00 € more for a Listenhund. */
const ONE_ROW: PostedForm = {
  's.label.de': 'Hundesteuer',
  's.label.en': 'Dog tax',
  'gebuehr.grund': '108,00',
  'gebuehr.kombination': 'add',
  'z0.betrag': '600',
  'z0.b.verknuepfung': 'and',
  'z0.b.wurzel': 'bedingung',
  'z0.b.0.art': 'bedingung',
  'z0.b.0.feld': LISTENHUND,
  'z0.b.0.operator': 'equals',
  'z0.b.0.wert': 'ja',
};

describe('amounts', () => {
  test('German style euros become whole cents', () => {
    const cases: Array<[string, number]> = [
      ['12,50', 1250],
      ['1.200,00', 120000],
      ['1200', 120000],
      ['0,5', 50],
      ['0', 0],
      [' 7 € ', 700],
      ['9.999.999,99', MAX_CENTS],
    ];
    for (const [text, cents] of cases) assert.equal(parseEuros(text), cents, text);
    for (const bad of ['', '12.50', '12,505', '-1', '1.20,00', 'zwölf', '1,2,3', '10.000.000,00', '1e3']) {
      assert.equal(parseEuros(bad), undefined, bad);
    }
  });

  test('cents are shown as they are typed, and read back to the same cents (fast-check)', () => {
    assert.equal(formatEuros(120000), '1.200,00');
    assert.equal(formatEuros(5), '0,05');
    fc.assert(fc.property(fc.integer({ min: 0, max: MAX_CENTS }), (c) => parseEuros(formatEuros(c)) === c));
  });
});

describe('parseFeeForm and checkFeeForm', () => {
  test('a base and a conditional row become the fee rule that adds the row', () => {
    const parsed = parseFeeForm(ONE_ROW);
    assert.ok(parsed.ok);
    const checked = checkFeeForm(parsed.form, FIELDS);
    assert.ok(checked.ok);
    assert.deepEqual(checked.fee, {
      label: { de: 'Hundesteuer', en: 'Dog tax' },
      rule: { '+': [10800, { if: [{ '==': [{ var: 'listenhund' }, true] }, 60000, 0] }] },
    });
    const replace = parseFeeForm({ ...ONE_ROW, 'gebuehr.kombination': 'replace' });
    assert.ok(replace.ok);
    const chain = checkFeeForm(replace.form, FIELDS);
    assert.ok(chain.ok);
    assert.deepEqual(chain.fee.rule, { if: [{ '==': [{ var: 'listenhund' }, true] }, 60000, 10800] });
  });

  test('a base alone is a plain number of cents', () => {
    const parsed = parseFeeForm({
      's.label.de': 'Gebühr',
      'gebuehr.grund': '12,50',
      'gebuehr.kombination': 'add',
    });
    assert.ok(parsed.ok);
    const checked = checkFeeForm(parsed.form, FIELDS);
    assert.ok(checked.ok);
    assert.equal(checked.fee.rule, 1250);
  });

  test('a bad amount, a missing label and an unfinished condition are errors at their place', () => {
    const parsed = parseFeeForm({
      ...ONE_ROW,
      's.label.de': ' ',
      'gebuehr.grund': '12.50',
      'z0.betrag': 'viel',
      'z0.b.0.wert': '',
      'z1.betrag': '5',
      'z1.b.verknuepfung': 'and',
    });
    assert.ok(parsed.ok);
    const checked = checkFeeForm(parsed.form, FIELDS);
    assert.ok(!checked.ok);
    assert.deepEqual(checked.errors, [
      { at: 'label', code: 'label-missing' },
      { at: 'base', code: 'amount' },
      { at: 'row', row: 0, code: 'amount' },
      { at: 'condition', row: 0, error: { name: 'b.0', part: 'wert', code: 'value-missing' } },
      { at: 'row', row: 1, code: 'condition-missing' },
    ]);
  });

  test('posts the page never sends are refused', () => {
    const bad: PostedForm[] = [
      { ...ONE_ROW, 'gebuehr.kombination': 'multiply' },
      { ...ONE_ROW, 'z0.b.verknuepfung': undefined },
      { ...ONE_ROW, 'z100.betrag': '1' },
      { ...ONE_ROW, 'gebuehr.grund': '1'.repeat(30) },
      { ...ONE_ROW, 'z0.b.0.art': 'etwas' },
      Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`z${i}.betrag`, '1'])),
    ];
    for (const form of bad)
      assert.equal(parseFeeForm({ ...ONE_ROW, ...form }).ok, false, JSON.stringify(form));
  });
});

describe('buttons', () => {
  test('rows and their conditions are added and removed without saving', () => {
    const parsed = parseFeeForm(ONE_ROW);
    assert.ok(parsed.ok);
    const added = applyFeeAction(parsed.form, parseFeeAction('zeile')!)!;
    assert.equal(added.rows.length, 2);
    const withCondition = applyFeeAction(added, parseFeeAction('bedingung:z0.b')!)!;
    assert.equal(withCondition.rows[0]!.condition.root.items.length, 2);
    const removed = applyFeeAction(withCondition, parseFeeAction('zeile-entfernen:z0')!)!;
    assert.equal(removed.rows.length, 1);
    assert.equal(removed.rows[0]!.condition.root.items.length, 1);
    assert.equal(applyFeeAction(removed, parseFeeAction('zeile-entfernen:z5')!), undefined);
    assert.equal(applyFeeAction(removed, parseFeeAction('entfernen:z0.b.7')!), undefined);
    for (const bad of ['', 'loeschen', 'zeile-entfernen:z', 'bedingung:z0.x', 'entfernen:z0']) {
      assert.equal(parseFeeAction(bad), undefined, bad);
    }
  });
});

describe('formOfFee', () => {
  test('an if/else chain over answers is shown as pickers and saves back unchanged', () => {
    const fee = {
      label: { de: 'Hundesteuer' },
      rule: {
        if: [{ var: 'listenhund' }, 60000, { in: [{ var: 'rasse' }, ['dackel', 'pitbull']] }, 14400, 10800],
      },
    };
    const form = formOfFee(fee, FIELDS);
    assert.ok(form);
    assert.equal(form.combine, 'replace');
    assert.equal(form.base, '108,00');
    assert.deepEqual(
      form.rows.map((r) => r.amount),
      ['600,00', '144,00'],
    );
    const back = checkFeeForm(form, FIELDS);
    assert.ok(back.ok);
    assert.deepEqual(back.fee.rule, fee.rule);
  });

  test("the demo's dog tax reads a computed value, which the pickers do not offer: it stays JSON", () => {
    assert.equal(formOfFee(HUND.local.fee, FIELDS), undefined);
  });

  test('no fee is an empty form; a rule the pickers cannot show exactly stays JSON', () => {
    assert.deepEqual(formOfFee(undefined, FIELDS), emptyFeeForm());
    const label = { de: 'Gebühr' };
    for (const rule of [
      { '*': [{ var: 'weitereHunde' }, 1000] },
      { if: [{ var: 'unbekannt' }, 100, 0] },
      // A field the builder offers, but a value that does not fit it.
      { if: [{ '==': [{ var: 'listenhund' }, 'vielleicht'] }, 100, 0] },
    ]) {
      assert.equal(formOfFee({ label, rule }, FIELDS), undefined, JSON.stringify(rule));
    }
  });
});
