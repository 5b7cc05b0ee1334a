import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import { parseDefinition } from '../definition/parse.ts';
import type { Answers, ServiceDefinition } from '../definition/types.ts';
import { compile } from './compile.ts';
import { InvalidComputedValueError, InvalidFeeError } from './errors.ts';

const ctx = { today: '2025-06-01' };

function parsed(input: unknown): ServiceDefinition {
  const result = parseDefinition(input);
  assert.ok(result.ok, JSON.stringify(result));
  return result.definition;
}

const REQUIRED_IF_RULE = { '>': [{ var: 'anzahl' }, 2] };
const ORDER_RULE = { '<': [{ var: 'beginn' }, { var: 'ende' }] };

function definition(): ServiceDefinition {
  return parsed({
    formatVersion: 2,
    id: 'logik',
    title: { de: 'Logik' },
    summary: { de: 'Test' },
    declaration: { de: 'Ja.' },
    steps: [
      {
        id: 'zeitraum',
        title: { de: 'Zeitraum' },
        fields: [
          { type: 'date', key: 'beginn', label: { de: 'Beginn' }, required: true },
          { type: 'date', key: 'ende', label: { de: 'Ende' } },
        ],
        validations: [
          {
            id: 'endeNachBeginn',
            rule: ORDER_RULE,
            message: { de: 'Ende muss nach Beginn liegen', en: 'The end must be after the start' },
            fields: ['ende', 'beginn'],
          },
        ],
      },
      {
        id: 'hunde',
        title: { de: 'Hunde' },
        fields: [
          { type: 'number', key: 'anzahl', label: { de: 'Anzahl' }, min: 0, max: 20 },
          { type: 'text', key: 'begruendung', label: { de: 'Begründung' }, requiredIf: REQUIRED_IF_RULE },
          { type: 'yesno', key: 'listenhund', label: { de: 'Listenhund?' }, required: true },
        ],
      },
      {
        id: 'viele',
        title: { de: 'Viele Hunde' },
        showIf: { var: 'vieleHunde' },
        fields: [{ type: 'text', key: 'zwinger', label: { de: 'Zwinger' }, required: true }],
      },
      {
        id: 'ende',
        title: { de: 'Ende' },
        fields: [{ type: 'date', key: 'abmeldung', label: { de: 'Abmeldung' } }],
      },
    ],
    computed: [
      { key: 'vieleHunde', rule: { '>=': [{ var: 'hundeGesamt' }, 3] } },
      { key: 'hundeGesamt', rule: { '+': [{ var: ['anzahl', 0] }, 1] } },
      { key: 'einstufung', rule: { if: [{ var: 'listenhund' }, 'gefährlich'] } },
    ],
    validations: [
      {
        id: 'abmeldungNachBeginn',
        rule: { '<=': [{ var: 'beginn' }, { var: 'abmeldung' }] },
        message: { de: 'Die Abmeldung kann nicht vor dem Beginn liegen' },
        fields: ['abmeldung', 'beginn'],
      },
    ],
    local: {
      office: { name: { de: 'Amt' } },
      fee: {
        label: { de: 'Hundesteuer' },
        rule: {
          if: [{ var: 'listenhund' }, 60000, { '+': [10800, { '*': [14400, { var: ['anzahl', 0] }] }] }],
        },
      },
    },
  });
}

describe('requiredIf', () => {
  const model = compile(definition());
  it('requires the field only while the rule holds', () => {
    const few = model.submitStep('hunde', { anzahl: '1', listenhund: 'no' }, {}, ctx);
    assert.deepEqual(few.errors, []);
    const many = model.submitStep('hunde', { anzahl: '3', listenhund: 'no' }, {}, ctx);
    assert.deepEqual(
      many.errors.map((e) => e.key),
      ['begruendung'],
    );
    const given = model.submitStep('hunde', { anzahl: '3', begruendung: 'Zucht', listenhund: 'no' }, {}, ctx);
    assert.deepEqual(given.errors, []);
  });

  it('is checked again by finalize', () => {
    const final = model.finalize({ beginn: '2024-01-01', anzahl: 5, listenhund: false, zwinger: 'x' }, ctx);
    assert.deepEqual(
      final.errors.map((e) => [e.stepId, e.key]),
      [['hunde', 'begruendung']],
    );
  });

  it('agrees with json-logic-js on generated answers (property)', () => {
    fc.assert(
      fc.property(fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }), fc.boolean(), (n, text) => {
        const raw = {
          anzahl: n === undefined ? '' : String(n),
          begruendung: text ? 'ja' : '',
          listenhund: 'yes',
        };
        const result = model.submitStep('hunde', raw, {}, ctx);
        const data = n === undefined ? {} : { anzahl: n };
        const required = jsonLogic.truthy(jsonLogic.apply(REQUIRED_IF_RULE as jsonLogic.RulesLogic, data));
        assert.equal(
          result.errors.some((e) => e.key === 'begruendung'),
          required && !text,
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe('cross-field validations', () => {
  const model = compile(definition());

  it('show their message at the first named field on the step, after field checks pass', () => {
    const result = model.submitStep(
      'zeitraum',
      {
        'beginn-day': '5',
        'beginn-month': '3',
        'beginn-year': '2024',
        'ende-day': '1',
        'ende-month': '3',
        'ende-year': '2024',
      },
      {},
      ctx,
    );
    assert.deepEqual(result.errors, [
      {
        key: 'ende',
        inputId: 'field-ende',
        message: { de: 'Ende muss nach Beginn liegen', en: 'The end must be after the start' },
        question: { de: 'Ende' },
      },
    ]);
    // Field errors first: an impossible date is reported alone.
    const bad = model.submitStep(
      'zeitraum',
      {
        'beginn-day': '31',
        'beginn-month': '2',
        'beginn-year': '2024',
        'ende-day': '1',
        'ende-month': '3',
        'ende-year': '2020',
      },
      {},
      ctx,
    );
    assert.deepEqual(
      bad.errors.map((e) => e.key),
      ['beginn'],
    );
  });

  it('are skipped while a named field is empty', () => {
    const result = model.submitStep(
      'zeitraum',
      { 'beginn-day': '5', 'beginn-month': '3', 'beginn-year': '2024' },
      {},
      ctx,
    );
    assert.deepEqual(result.errors, []);
  });

  it('across steps: checked on a later step, and again on an earlier step changed via "ändern"', () => {
    const answers: Answers = { beginn: '2024-03-05', anzahl: 0, listenhund: false };
    const later = model.submitStep(
      'ende',
      { 'abmeldung-day': '1', 'abmeldung-month': '1', 'abmeldung-year': '2024' },
      answers,
      ctx,
    );
    assert.deepEqual(
      later.errors.map((e) => [e.key, e.message.de]),
      [['abmeldung', 'Die Abmeldung kann nicht vor dem Beginn liegen']],
    );
    const changed = model.submitStep(
      'zeitraum',
      { 'beginn-day': '1', 'beginn-month': '6', 'beginn-year': '2024' },
      { ...answers, abmeldung: '2024-05-01' },
      ctx,
    );
    assert.deepEqual(
      changed.errors.map((e) => e.key),
      ['beginn'],
    );
  });

  it('are checked again by finalize, reported at the step of the first named field', () => {
    const final = model.finalize(
      { beginn: '2024-03-05', ende: '2024-03-01', anzahl: 0, listenhund: false, abmeldung: '2024-01-01' },
      ctx,
    );
    assert.deepEqual(
      final.errors.map((e) => [e.stepId, e.key]),
      [
        ['zeitraum', 'ende'],
        ['ende', 'abmeldung'],
      ],
    );
    assert.equal(final.fee, undefined, 'no fee for an application with errors');
  });

  it('agree with json-logic-js on generated dates (property)', () => {
    const date = fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2030-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, fc.option(date, { nil: undefined }), (beginn, ende) => {
        const answers: Answers = { beginn, ...(ende && { ende }), anzahl: 0, listenhund: false };
        const final = model.finalize(answers, ctx);
        const invalid =
          ende !== undefined &&
          !jsonLogic.truthy(jsonLogic.apply(ORDER_RULE as jsonLogic.RulesLogic, answers));
        assert.equal(
          final.errors.some((e) => e.key === 'ende'),
          invalid,
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe('computed values', () => {
  const model = compile(definition());

  it('drive conditions, in dependency order, and are stored by finalize (null ones left out)', () => {
    const few: Answers = { beginn: '2024-01-01', anzahl: 1, listenhund: false };
    assert.deepEqual(
      model.applicableSteps(few).map((s) => s.id),
      ['zeitraum', 'hunde', 'ende'],
    );
    const many: Answers = { ...few, anzahl: 2 };
    assert.deepEqual(
      model.applicableSteps(many).map((s) => s.id),
      ['zeitraum', 'hunde', 'viele', 'ende'],
    );
    const final = model.finalize({ ...few, zwinger: 'stale', hundeGesamt: 99 }, ctx);
    assert.deepEqual(final.errors, []);
    assert.deepEqual(final.answers, {
      beginn: '2024-01-01',
      anzahl: 1,
      listenhund: false,
      hundeGesamt: 2,
      vieleHunde: false,
    });
  });

  it('a value that is not a storable answer is an engine error', () => {
    const def = {
      ...definition(),
      computed: [{ key: 'kaputt', rule: { '/': [1, { var: ['anzahl', 0] }] } }],
    };
    assert.throws(() => compile(def).finalize({ anzahl: 0 }, ctx), InvalidComputedValueError);
  });
});

describe('fee', () => {
  const model = compile(definition());
  const complete: Answers = { beginn: '2024-01-01', anzahl: 1, listenhund: false };

  it('is computed in whole cents and returned by finalize', () => {
    assert.equal(model.fee(complete), 10800 + 14400);
    assert.equal(model.fee({ ...complete, listenhund: true }), 60000);
    assert.equal(model.fee({ ...complete, anzahl: 0 }), 10800);
    assert.equal(model.finalize(complete, ctx).fee, 25200);
  });

  it('is undefined without a fee rule', () => {
    const { local, ...others } = definition();
    const { fee: _, ...localWithoutFee } = local;
    const rest = { ...others, local: localWithoutFee };
    assert.equal(compile(rest).fee(complete), undefined);
    assert.equal('fee' in compile(rest).finalize(complete, ctx), false);
  });

  it('refuses to round: a non-integer or negative result is an engine error', () => {
    // parse refuses these rules; compile() of an unchecked definition shows the runtime guard.
    for (const rule of [{ '/': [10800, 7] }, -1, '100', { '*': [100, { var: 'anzahl' }] }, 0.5]) {
      const base = definition();
      const def = { ...base, local: { ...base.local, fee: { label: { de: 'x' }, rule } } };
      assert.throws(() => compile(def).fee({}), InvalidFeeError, JSON.stringify(rule));
    }
  });
});

describe('demo: hund-anmelden', () => {
  const def = parsed(
    JSON.parse(
      readFileSync(new URL('../../definitions/musterstadt/hund-anmelden.json', import.meta.url), 'utf8'),
    ),
  );
  const model = compile(def);
  it('Hundesteuer: 108 € for the first dog, 144 € for a further one, 600 € for a listed dog', () => {
    assert.equal(model.fee({ listenhund: false }), 10800);
    assert.equal(model.fee({ listenhund: false, weitereHunde: 2 }), 14400);
    assert.equal(model.fee({ listenhund: true, weitereHunde: 2 }), 60000);
  });
  it('the dog cannot be kept before it was born', () => {
    const result = model.submitStep(
      'hund',
      {
        hundName: 'Bello',
        rasse: 'dackel',
        geschlecht: 'ruede',
        'hundGeburtsdatum-day': '1',
        'hundGeburtsdatum-month': '5',
        'hundGeburtsdatum-year': '2024',
        'haltungsbeginn-day': '1',
        'haltungsbeginn-month': '4',
        'haltungsbeginn-year': '2024',
        listenhund: 'no',
        ermaessigung: 'no',
      },
      {},
      ctx,
    );
    assert.deepEqual(
      result.errors.map((e) => [e.key, e.message.de]),
      [['haltungsbeginn', 'Der Beginn der Haltung kann nicht vor dem Geburtsdatum des Hundes liegen']],
    );
  });
});
