import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDefinition } from '../definition/parse.ts';
import type { ServiceDefinition } from '../definition/types.ts';
import { compile } from './compile.ts';
import { UnknownStepError } from './errors.ts';

const ctx = { today: '2025-06-01' };

function definition(): ServiceDefinition {
  const result = parseDefinition({
    formatVersion: 2,
    id: 'journey',
    title: { de: 'Reise' },
    summary: { de: 'Test' },
    declaration: { de: 'Ja.' },
    steps: [
      {
        id: 'person',
        title: { de: 'Person', en: 'Person' },
        fields: [
          { type: 'info', key: 'intro', text: { de: 'Willkommen' } },
          { type: 'text', key: 'name', label: { de: 'Name', en: 'Name' }, required: true },
          {
            type: 'yesno',
            key: 'hasDog',
            label: { de: 'Haben Sie einen Hund?', en: 'Do you have a dog?' },
            required: true,
          },
          {
            type: 'text',
            key: 'dogName',
            label: { de: 'Name des Hundes', en: 'Dog’s name' },
            required: true,
            showIf: { var: 'hasDog' },
          },
          { type: 'email', key: 'email', label: { de: 'E-Mail-Adresse', en: 'Email address' } },
        ],
      },
      {
        id: 'dog',
        title: { de: 'Hund', en: 'Dog' },
        showIf: { '==': [{ var: 'hasDog' }, true] },
        fields: [
          { type: 'date', key: 'since', label: { de: 'Seit wann', en: 'Since when' }, required: true },
          { type: 'yesno', key: 'dangerous', label: { de: 'Gefährlich?' }, required: true },
        ],
      },
      {
        id: 'permit',
        title: { de: 'Erlaubnis' },
        showIf: { var: 'dangerous' },
        fields: [{ type: 'text', key: 'permitNo', label: { de: 'Nummer' }, required: true }],
      },
      {
        id: 'end',
        title: { de: 'Ende', en: 'End' },
        fields: [
          {
            type: 'checkbox',
            key: 'extras',
            label: { de: 'Extras' },
            options: [
              { value: 'a', label: { de: 'Alpha', en: 'Alpha' } },
              { value: 'b', label: { de: 'Beta', en: 'Beta' } },
            ],
          },
        ],
      },
    ],
    local: { office: { name: { de: 'Amt' } } },
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.definition;
}

const model = compile(definition());
const ids = (steps: { id: string }[]) => steps.map((s) => s.id);

describe('journey', () => {
  it('applies steps by their conditions, in order', () => {
    assert.deepEqual(ids(model.applicableSteps({})), ['person', 'end']);
    assert.deepEqual(ids(model.applicableSteps({ hasDog: true })), ['person', 'dog', 'end']);
    assert.deepEqual(ids(model.applicableSteps({ hasDog: true, dangerous: true })), [
      'person',
      'dog',
      'permit',
      'end',
    ]);
  });

  it('ignores stale answers of steps that no longer apply', () => {
    // "dangerous" was answered while hasDog was true; it must not revive the permit step.
    assert.deepEqual(ids(model.applicableSteps({ hasDog: false, dangerous: true })), ['person', 'end']);
  });

  it('finds the next and previous step; undefined at the ends', () => {
    const answers = { hasDog: true, dangerous: false };
    assert.equal(model.nextStep('person', answers)?.id, 'dog');
    assert.equal(model.nextStep('dog', answers)?.id, 'end');
    assert.equal(model.nextStep('end', answers), undefined);
    assert.equal(model.previousStep('end', answers)?.id, 'dog');
    assert.equal(model.previousStep('person', answers), undefined);
    assert.equal(model.previousStep('end', {})?.id, 'person');
    // From a step that does not apply (e.g. an old bookmark), the journey continues sensibly.
    assert.equal(model.nextStep('permit', answers)?.id, 'end');
    assert.equal(model.nextStep('nope', answers), undefined);
  });

  it('looks up steps by id', () => {
    assert.equal(model.step('dog')?.title.de, 'Hund');
    assert.equal(model.step('nope'), undefined);
    assert.equal(model.steps.length, 4);
  });
});

describe('visibleFields', () => {
  it('shows conditional fields only when their condition holds', () => {
    const keys = (answers: Record<string, never> | { hasDog: boolean }) =>
      model.visibleFields('person', answers).map((f) => f.key);
    assert.deepEqual(keys({}), ['intro', 'name', 'hasDog', 'email']);
    assert.deepEqual(keys({ hasDog: true }), ['intro', 'name', 'hasDog', 'dogName', 'email']);
  });

  it('throws for unknown steps', () => {
    assert.throws(() => model.visibleFields('nope', {}), UnknownStepError);
  });
});

describe('submitStep', () => {
  it('parses, validates and merges into the answers', () => {
    const result = model.submitStep(
      'person',
      { name: '  Erika ', hasDog: 'no', email: '' },
      { other: 'kept' },
      ctx,
    );
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.answers, { other: 'kept', name: 'Erika', hasDog: false });
  });

  it('returns errors with the input id, keeping the parsed values', () => {
    const result = model.submitStep('person', { name: '', hasDog: 'yes', email: 'nope' }, {}, ctx);
    assert.deepEqual(
      result.errors.map((e) => [e.key, e.inputId, e.message.de]),
      [
        ['name', 'field-name', 'Geben Sie eine Antwort ein'],
        ['dogName', 'field-dogName', 'Geben Sie eine Antwort ein'],
        [
          'email',
          'field-email',
          'Geben Sie eine E-Mail-Adresse im richtigen Format ein, zum Beispiel name@example.de',
        ],
      ],
    );
    assert.deepEqual(result.answers, { hasDog: true, email: 'nope' });
  });

  it('evaluates conditions with the values posted on the same page', () => {
    const result = model.submitStep('person', { name: 'A', hasDog: 'yes', dogName: 'Bello' }, {}, ctx);
    assert.deepEqual(result.errors, []);
    assert.equal(result.answers.dogName, 'Bello');
  });

  it('removes answers of fields hidden on that step', () => {
    const before = { name: 'A', hasDog: true, dogName: 'Bello' };
    const result = model.submitStep('person', { name: 'A', hasDog: 'no', dogName: 'Bello' }, before, ctx);
    assert.equal('dogName' in result.answers, false);
  });

  it('reports unparseable input as its own error and drops the old answer', () => {
    const result = model.submitStep(
      'dog',
      { 'since-day': '31', 'since-month': '2', 'since-year': '2024', dangerous: 'no' },
      { hasDog: true, since: '2020-01-01' },
      ctx,
    );
    assert.equal(result.errors[0]?.key, 'since');
    assert.match(result.errors[0]?.message.de ?? '', /gültiges Datum/);
    assert.equal('since' in result.answers, false);
  });

  it('throws for unknown steps', () => {
    assert.throws(() => model.submitStep('nope', {}, {}, ctx), UnknownStepError);
  });
});

describe('finalize', () => {
  it('drops answers of hidden fields, non-applicable steps and unknown keys', () => {
    const answers = {
      name: 'Erika',
      hasDog: false,
      dogName: 'Bello',
      since: '2020-01-01',
      dangerous: true,
      permitNo: 'X1',
      smuggled: 'x',
      extras: ['a'],
    };
    const result = model.finalize(answers, ctx);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.answers, { name: 'Erika', hasDog: false, extras: ['a'] });
  });

  it('reports every invalid or missing answer with its step', () => {
    const result = model.finalize({ hasDog: true, dangerous: true, extras: ['zzz'] }, ctx);
    assert.deepEqual(
      result.errors.map((e) => `${e.stepId}/${e.key}`),
      ['person/name', 'person/dogName', 'dog/since', 'permit/permitNo', 'end/extras'],
    );
  });

  it('rejects stored answers of the wrong type', () => {
    // "yes" is truthy in JSON Logic, so the dog's name is asked for as well.
    const result = model.finalize({ name: 42, hasDog: 'yes' } as never, ctx);
    assert.deepEqual(
      result.errors.map((e) => e.key),
      ['name', 'hasDog', 'dogName'],
    );
  });
});

describe('summary', () => {
  it('lists applicable steps with formatted visible answers, without info fields', () => {
    const answers = { name: 'Erika', hasDog: true, dogName: 'Bello', since: '2024-03-07', dangerous: false };
    const sections = model.summary(answers, 'de');
    assert.deepEqual(
      sections.map((s) => s.stepId),
      ['person', 'dog', 'end'],
    );
    assert.deepEqual(sections[0]?.rows, [
      { key: 'name', label: 'Name', value: 'Erika' },
      { key: 'hasDog', label: 'Haben Sie einen Hund?', value: 'Ja' },
      { key: 'dogName', label: 'Name des Hundes', value: 'Bello' },
      { key: 'email', label: 'E-Mail-Adresse', value: 'Keine Angabe' },
    ]);
    assert.deepEqual(sections[1]?.rows[0], { key: 'since', label: 'Seit wann', value: '07.03.2024' });
    assert.equal(sections[2]?.rows[0]?.value, 'Keine Angabe');
  });

  it('speaks English, falling back to German where a text has no translation', () => {
    const sections = model.summary({ hasDog: true, dangerous: true, extras: ['b', 'a'] }, 'en');
    assert.equal(sections[0]?.rows[1]?.value, 'Yes');
    assert.equal(sections[0]?.rows[0]?.value, 'Not provided');
    assert.equal(sections[1]?.rows[1]?.label, 'Gefährlich?');
    assert.equal(sections.at(-1)?.rows[0]?.value, 'Alpha, Beta');
  });
});

describe('renderField', () => {
  it('dispatches to the field type view', () => {
    const field = model.visibleFields('person', {})[1]!;
    const html = model.renderField({
      field,
      value: 'Erika',
      raw: undefined,
      error: undefined,
      locale: 'de',
    }).value;
    assert.match(
      html,
      /<input class="kern-form-input__input" id="field-name" name="name" type="text" value="Erika">/,
    );
  });
});
