import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseDefinition } from '../../definition/parse.ts';
import type { Answers, GroupField, ServiceDefinition } from '../../definition/types.ts';
import { compile } from '../compile.ts';
import { dataSchema } from '../data-schema.ts';
import type { RawInput } from '../model.ts';
import { applyItemAction, parseItemAction } from './actions.ts';
import { inputWasShown, postedCount } from './names.ts';

const ctx = { today: '2025-06-01' };

const kinder: GroupField = {
  type: 'group',
  key: 'kinder',
  label: { de: 'Kinder', en: 'Children' },
  itemLabel: { de: 'Kind', en: 'Child' },
  addLabel: { de: 'Weiteres Kind hinzufügen', en: 'Add another child' },
  minItems: 1,
  maxItems: 3,
  fields: [
    { type: 'text', key: 'vorname', label: { de: 'Vorname', en: 'First name' }, required: true },
    { type: 'date', key: 'geburtsdatum', label: { de: 'Geburtsdatum', en: 'Date of birth' }, required: true },
    { type: 'yesno', key: 'imHaushalt', label: { de: 'Lebt im Haushalt?' }, required: true },
    // Reads a field of the same item and an answer before the group.
    {
      type: 'text',
      key: 'anschrift',
      label: { de: 'Anschrift des Kindes' },
      required: true,
      showIf: { and: [{ '==': [{ var: 'imHaushalt' }, false] }, { var: 'alleinerziehend' }] },
    },
  ],
};

/** The definition, with further item fields for a test. */
function definition(moreItemFields: unknown[] = []): ServiceDefinition {
  const result = parseDefinition({
    formatVersion: 2,
    id: 'kindergeld',
    title: { de: 'Kinder' },
    summary: { de: 'Test' },
    declaration: { de: 'Ja.' },
    steps: [
      {
        id: 'eltern',
        title: { de: 'Eltern' },
        fields: [
          { type: 'yesno', key: 'alleinerziehend', label: { de: 'Alleinerziehend?' }, required: true },
        ],
      },
      {
        id: 'kinder',
        title: { de: 'Kinder' },
        fields: [{ ...kinder, fields: [...kinder.fields, ...moreItemFields] }],
      },
      {
        id: 'mehr',
        title: { de: 'Mehr' },
        showIf: { some: [{ var: 'kinder' }, { '==': [{ var: 'imHaushalt' }, false] }] },
        fields: [{ type: 'text', key: 'grund', label: { de: 'Grund' }, required: true }],
      },
    ],
    local: { office: { name: { de: 'Amt' } } },
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.definition;
}

const item = (n: number, vorname: string, imHaushalt: 'yes' | 'no', anschrift?: string): RawInput => ({
  [`kinder-${n}-vorname`]: vorname,
  [`kinder-${n}-geburtsdatum-day`]: '3',
  [`kinder-${n}-geburtsdatum-month`]: '4',
  [`kinder-${n}-geburtsdatum-year`]: '2015',
  [`kinder-${n}-imHaushalt`]: imHaushalt,
  ...(anschrift !== undefined && { [`kinder-${n}-anschrift`]: anschrift }),
});

describe('repeating groups in the engine', () => {
  const model = compile(definition());

  it('parses items into a list of records and applies conditions per item', () => {
    const raw = { 'kinder-items': '2', ...item(1, 'Lena', 'yes'), ...item(2, 'Tom', 'no', 'Weg 1') };
    const result = model.submitStep('kinder', raw, { alleinerziehend: true }, ctx);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.answers.kinder, [
      { vorname: 'Lena', geburtsdatum: '2015-04-03', imHaushalt: true },
      { vorname: 'Tom', geburtsdatum: '2015-04-03', imHaushalt: false, anschrift: 'Weg 1' },
    ]);
    // Rules outside the group read the list.
    assert.deepEqual(
      model.applicableSteps(result.answers).map((s) => s.id),
      ['eltern', 'kinder', 'mehr'],
    );
  });

  it('drops answers of item fields hidden by an answer outside the group', () => {
    const raw = { 'kinder-items': '1', ...item(1, 'Tom', 'no', 'Weg 1') };
    const result = model.submitStep('kinder', raw, { alleinerziehend: false }, ctx);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.answers.kinder, [
      { vorname: 'Tom', geburtsdatum: '2015-04-03', imHaushalt: false },
    ]);
    // Stored answers that a later change hides are not kept either.
    const final = model.finalize(
      {
        alleinerziehend: false,
        kinder: [
          { vorname: 'Tom', geburtsdatum: '2015-04-03', imHaushalt: false, anschrift: 'Weg 1', alt: 'x' },
        ],
        grund: 'weil',
      },
      ctx,
    );
    assert.deepEqual(final.errors, []);
    assert.deepEqual(final.answers.kinder, [
      { vorname: 'Tom', geburtsdatum: '2015-04-03', imHaushalt: false },
    ]);
  });

  it('reports each item field at its own input, naming the item', () => {
    const raw = { 'kinder-items': '2', ...item(1, 'Lena', 'yes'), ...item(2, '', 'no') };
    const result = model.submitStep('kinder', raw, { alleinerziehend: true }, ctx);
    assert.deepEqual(
      result.errors.map((e) => [e.key, e.inputId, e.message.de]),
      [
        ['kinder', 'field-kinder-2-vorname', 'Kind 2, Vorname: Geben Sie eine Antwort ein'],
        ['kinder', 'field-kinder-2-anschrift', 'Kind 2, Anschrift des Kindes: Geben Sie eine Antwort ein'],
      ],
    );
    assert.equal(result.errors[0]?.message.en, 'Child 2, First name: Enter an answer');
    // What was typed is kept, so the page can be shown again.
    assert.equal((result.answers.kinder as Array<Record<string, unknown>>)[0]?.vorname, 'Lena');
  });

  it('says each missing part of an address in an item at that part of that item', () => {
    const withAddress = definition([
      { type: 'address', key: 'wohnort', label: { de: 'Wohnort' }, required: true },
    ]);
    const group = withAddress.steps[1]?.fields[0] as GroupField;
    const m = compile(withAddress);
    const raw = { 'kinder-items': '1', ...item(1, 'Lena', 'yes'), 'kinder-1-wohnort-street': 'Am Hang' };
    const result = m.submitStep('kinder', raw, { alleinerziehend: true }, ctx);
    assert.deepEqual(
      result.errors.map((e) => [e.inputId, e.message.de]),
      [
        ['field-kinder-1-wohnort-houseNumber', 'Kind 1, Wohnort: Geben Sie die Hausnummer ein'],
        ['field-kinder-1-wohnort-postcode', 'Kind 1, Wohnort: Geben Sie die Postleitzahl ein'],
        ['field-kinder-1-wohnort-city', 'Kind 1, Wohnort: Geben Sie den Ort ein'],
      ],
    );
    const markup = m.renderField({
      field: group,
      value: result.answers.kinder,
      raw,
      error: result.errors[0],
      errors: result.errors,
      locale: 'de',
      answers: result.answers,
    }).value;
    for (const part of ['houseNumber', 'postcode', 'city'])
      assert.match(
        markup,
        new RegExp(
          `id="field-kinder-1-wohnort-${part}"[^>]*aria-invalid="true"><p class="kern-error" id="field-kinder-1-wohnort-${part}-error">`,
        ),
      );
    assert.doesNotMatch(markup, /id="field-kinder-1-wohnort"[^>]*aria-invalid/);
  });

  it('refuses an impossible date in an item with the date’s own message', () => {
    const raw = {
      'kinder-items': '1',
      ...item(1, 'Lena', 'yes'),
      'kinder-1-geburtsdatum-day': '31',
      'kinder-1-geburtsdatum-month': '2',
    };
    const result = model.submitStep('kinder', raw, { alleinerziehend: true }, ctx);
    assert.equal(result.errors.length, 1);
    assert.equal(result.errors[0]?.inputId, 'field-kinder-1-geburtsdatum');
    assert.match(result.errors[0]?.message.de ?? '', /^Kind 1, Geburtsdatum: /);
  });

  it('counts items within bounds: a tampered count loses nothing typed and never exceeds maxItems', () => {
    assert.equal(postedCount(kinder, { 'kinder-items': '0', ...item(2, 'Tom', 'yes') }), 2);
    assert.equal(postedCount(kinder, { 'kinder-items': '999' }), 3);
    assert.equal(postedCount(kinder, { 'kinder-items': '-1' }), 0);
    assert.equal(postedCount(kinder, { 'kinder-items': 'x', 'kinder-7-vorname': 'A' }), 3);
    const result = model.submitStep('kinder', { 'kinder-items': '0' }, { alleinerziehend: true }, ctx);
    assert.deepEqual(
      result.errors.map((e) => [e.inputId, e.message.de]),
      [['field-kinder', 'Fügen Sie mindestens einen Eintrag hinzu']],
    );
  });

  it('refuses an item where nothing was entered', () => {
    const optional = compile(
      withGroup({
        ...kinder,
        minItems: 0,
        fields: [{ type: 'text', key: 'vorname', label: { de: 'Vorname' } }],
      }),
    );
    const result = optional.submitStep('kinder', { 'kinder-items': '1', 'kinder-1-vorname': ' ' }, {}, ctx);
    assert.deepEqual(
      result.errors.map((e) => [e.inputId, e.message.de]),
      [['field-kinder-1-vorname', 'Kind 1: Machen Sie mindestens eine Angabe oder entfernen Sie Kind 1']],
    );
    assert.deepEqual(optional.submitStep('kinder', { 'kinder-items': '0' }, {}, ctx), {
      answers: {},
      errors: [],
    });
  });

  it('validates stored items when finalizing, with the step to fix them', () => {
    const final = model.finalize(
      {
        alleinerziehend: true,
        kinder: [{ vorname: 'Lena', geburtsdatum: '2015-04-03', imHaushalt: true }, { vorname: 'Tom' }],
      },
      ctx,
    );
    assert.deepEqual(
      final.errors.map((e) => [e.stepId, e.inputId]),
      [
        ['kinder', 'field-kinder-2-geburtsdatum'],
        ['kinder', 'field-kinder-2-imHaushalt'],
      ],
    );
    const notAList = model.finalize({ alleinerziehend: true, kinder: 'Lena' }, ctx);
    assert.deepEqual(
      notAList.errors.map((e) => e.inputId),
      ['field-kinder'],
    );
  });

  it('summarizes per item, with rows that link to the item’s inputs', () => {
    const answers: Answers = {
      alleinerziehend: true,
      kinder: [
        { vorname: 'Lena', geburtsdatum: '2015-04-03', imHaushalt: true },
        { vorname: 'Tom', geburtsdatum: '2016-01-02', imHaushalt: false, anschrift: 'Weg 1' },
      ],
    };
    const section = model.summary(answers, 'de').find((s) => s.stepId === 'kinder');
    const row = section?.rows[0];
    assert.equal(row?.label, 'Kinder');
    assert.equal(
      row?.value,
      'Kind 1: Vorname: Lena; Geburtsdatum: 03.04.2015; Lebt im Haushalt?: Ja\nKind 2: Vorname: Tom; Geburtsdatum: 02.01.2016; Lebt im Haushalt?: Nein; Anschrift des Kindes: Weg 1',
    );
    assert.deepEqual(
      row?.items?.map((i) => [i.title, i.headingId, i.rows.map((r) => r.key)]),
      [
        ['Kind 1', 'kinder-1-heading', ['kinder-1-vorname', 'kinder-1-geburtsdatum', 'kinder-1-imHaushalt']],
        [
          'Kind 2',
          'kinder-2-heading',
          ['kinder-2-vorname', 'kinder-2-geburtsdatum', 'kinder-2-imHaushalt', 'kinder-2-anschrift'],
        ],
      ],
    );
  });

  it('renders one fieldset per item with add and remove buttons within the limits', () => {
    const render = (count: number) =>
      model.renderField({
        field: kinder,
        value: undefined,
        raw: { 'kinder-items': String(count) },
        error: undefined,
        locale: 'de',
        answers: { alleinerziehend: false },
      }).value;
    const one = render(1);
    assert.equal(one.match(/<fieldset class="kern-fieldset aw-group-item">/g)?.length, 1);
    assert.doesNotMatch(one, /Kind 1 entfernen/); // at minItems
    assert.match(one, /name="_aw_action" value="add:kinder"/);
    assert.match(one, /Weiteres Kind hinzufügen/);
    assert.doesNotMatch(one, /kinder-1-anschrift/); // hidden by its condition
    const three = render(3);
    assert.match(three, /value="remove:kinder:3"[^>]*><span class="kern-label">Kind 3 entfernen/);
    assert.doesNotMatch(three, /value="add:kinder"/); // at maxItems
    assert.match(three, /höchstens 3 Einträge/);
    assert.match(three, /id="field-kinder-2-vorname" name="kinder-2-vorname"/);
  });

  it('describes the group in the data contract as a bounded list of objects', () => {
    const schema = dataSchema(definition(), 'urn:test') as {
      properties: Record<string, Record<string, unknown>>;
      required: string[];
    };
    const group = schema.properties.kinder as {
      type: string;
      minItems: number;
      maxItems: number;
      items: { required: string[]; additionalProperties: boolean };
    };
    assert.equal(group.type, 'array');
    assert.equal(group.minItems, 1);
    assert.equal(group.maxItems, 3);
    assert.deepEqual(group.items.required, ['vorname', 'geburtsdatum', 'imHaushalt']);
    assert.equal(group.items.additionalProperties, false);
    assert.ok(schema.required.includes('kinder'));
  });
});

function withGroup(group: GroupField): ServiceDefinition {
  const result = parseDefinition({
    formatVersion: 2,
    id: 'g',
    title: { de: 'G' },
    summary: { de: 'G' },
    declaration: { de: 'Ja.' },
    steps: [{ id: 'kinder', title: { de: 'Kinder' }, fields: [group] }],
    local: { office: { name: { de: 'Amt' } } },
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.definition;
}

describe('adding and removing items without JavaScript', () => {
  it('reads only well-formed actions', () => {
    assert.deepEqual(parseItemAction('add:kinder'), { kind: 'add', group: 'kinder' });
    assert.deepEqual(parseItemAction('remove:kinder:2'), { kind: 'remove', group: 'kinder', item: 2 });
    for (const bad of [
      'remove:kinder',
      'add:kinder:1',
      'remove:kinder:-1',
      'drop:kinder',
      'add:1x',
      '',
      undefined,
      3,
    ]) {
      assert.equal(parseItemAction(bad), undefined, String(bad));
    }
  });

  it('removes an item and renumbers the later ones, keeping what was typed', () => {
    const raw = {
      'kinder-items': '3',
      'kinder-1-vorname': 'A',
      'kinder-2-vorname': 'B',
      'kinder-3-vorname': 'C',
      other: 'x',
    };
    const out = applyItemAction(kinder, raw, { kind: 'remove', group: 'kinder', item: 2 });
    assert.deepEqual(out, {
      ok: true,
      focus: 2,
      raw: { 'kinder-items': '2', 'kinder-1-vorname': 'A', 'kinder-2-vorname': 'C', other: 'x' },
    });
  });

  it('knows which item inputs the posted page showed', () => {
    const raw = { 'kinder-shown': 'kinder-1-vorname,kinder-1-imHaushalt' };
    assert.equal(inputWasShown('field-kinder-1-vorname', raw), true);
    assert.equal(inputWasShown('field-kinder-1-anschrift', raw), false);
    assert.equal(inputWasShown('field-kinder', raw), true, 'the group itself');
    assert.equal(inputWasShown('field-name', raw), true, 'outside any group');
    assert.equal(inputWasShown('field-kinder-1-anschrift', {}), true, 'a page that did not say');
  });

  it('refuses to go beyond the limits or remove an item that does not exist', () => {
    const full = { 'kinder-items': '3' };
    assert.deepEqual(applyItemAction(kinder, full, { kind: 'add', group: 'kinder' }), {
      ok: false,
      reason: 'at-max',
      raw: full,
    });
    const one = { 'kinder-items': '1', 'kinder-1-vorname': 'A' };
    assert.equal(applyItemAction(kinder, one, { kind: 'remove', group: 'kinder', item: 1 }).ok, false);
    assert.deepEqual(applyItemAction(kinder, full, { kind: 'remove', group: 'kinder', item: 4 }), {
      ok: false,
      reason: 'no-such-item',
      raw: full,
    });
  });

  it('keeps every typed item and stays within min/max for any sequence of adds and removes', () => {
    const action = fc.oneof(
      fc.constant({ kind: 'add' as const, group: 'kinder' }),
      fc.integer({ min: -1, max: 5 }).map((item) => ({ kind: 'remove' as const, group: 'kinder', item })),
    );
    fc.assert(
      fc.property(fc.array(action, { maxLength: 12 }), (actions) => {
        // Model: the list of names the citizen sees; each new item gets a fresh name typed in.
        let names = ['n0'];
        let raw: RawInput = { 'kinder-items': '1', 'kinder-1-vorname': 'n0' };
        let fresh = 1;
        for (const a of actions) {
          const out = applyItemAction(kinder, raw, a);
          if (!out.ok) {
            assert.equal(out.raw, raw);
            continue;
          }
          raw = out.raw;
          if (a.kind === 'add') {
            names = [...names, `n${fresh}`];
            raw = { ...raw, [`kinder-${names.length}-vorname`]: `n${fresh}` };
            fresh++;
          } else names = names.filter((_, i) => i !== a.item - 1);
          const count = postedCount(kinder, raw);
          assert.ok(count >= (kinder.minItems ?? 0) && count <= kinder.maxItems);
          assert.equal(count, names.length);
          assert.deepEqual(
            names.map((_, i) => raw[`kinder-${i + 1}-vorname`]),
            names,
          );
        }
      }),
    );
  });
});
