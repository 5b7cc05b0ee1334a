import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DeclarationField } from '../../definition/types.ts';
import { declarationField } from './declaration.ts';

const ctx = { today: '2025-06-01' };
const field: DeclarationField = {
  type: 'declaration',
  key: 'mandat',
  label: { de: 'SEPA-Lastschriftmandat', en: 'SEPA direct debit mandate' },
  hint: { de: 'Sie können das Mandat jederzeit widerrufen.', en: 'You can cancel the mandate at any time.' },
  text: {
    de: 'Ich ermächtige die Stadt, die Steuer einzuziehen.',
    en: 'I authorise the town to collect the tax.',
  },
};

describe('declaration field', () => {
  it('is true when ticked and no answer otherwise', () => {
    assert.deepEqual(declarationField.parse(field, { mandat: 'true' }), {
      value: true,
      rawKept: { mandat: 'true' },
    });
    assert.equal(declarationField.parse(field, {}).value, undefined);
    assert.equal(declarationField.parse(field, { mandat: 'yes' }).value, undefined);
  });

  it('must always be confirmed', () => {
    assert.equal(declarationField.validate(field, true, ctx), null);
    const confirm = {
      de: 'Bestätigen Sie die Erklärung, indem Sie das Kästchen ankreuzen',
      en: 'Confirm the statement by ticking the box',
    };
    assert.deepEqual(declarationField.validate(field, undefined, ctx), confirm);
    assert.deepEqual(declarationField.validate(field, false, ctx), confirm);
    assert.deepEqual(declarationField.validate(field, 'true', ctx), confirm);
  });

  it('shows what was confirmed in the summary', () => {
    assert.equal(
      declarationField.format(field, true, 'de'),
      'Bestätigt: Ich ermächtige die Stadt, die Steuer einzuziehen.',
    );
    assert.equal(
      declarationField.format(field, true, 'en'),
      'Confirmed: I authorise the town to collect the tax.',
    );
    assert.equal(declarationField.isEmpty(undefined), true);
    assert.equal(declarationField.isEmpty(true), false);
    assert.deepEqual(declarationField.dataSchema(field), { const: true });
  });

  it('renders a fieldset with the label as legend (never "optional") and one labelled checkbox', () => {
    const html = declarationField.view({
      field,
      value: true,
      raw: undefined,
      error: undefined,
      locale: 'de',
    }).value;
    assert.match(
      html,
      /^<fieldset class="kern-fieldset" aria-describedby="field-mandat-hint"><legend class="kern-label">SEPA-Lastschriftmandat<\/legend><div class="kern-hint" id="field-mandat-hint">/,
    );
    assert.match(
      html,
      /<input class="kern-form-check__checkbox" id="field-mandat" name="mandat" type="checkbox" value="true" checked><label class="kern-label" for="field-mandat">Ich ermächtige die Stadt, die Steuer einzuziehen.<\/label>/,
    );
    assert.doesNotMatch(html, /optional/);
    const error = { key: 'mandat', inputId: 'field-mandat', message: { de: 'Bestätigen Sie' } };
    const bad = declarationField.view({ field, value: undefined, raw: {}, error, locale: 'en' }).value;
    assert.match(bad, /kern-fieldset--error" aria-describedby="field-mandat-hint field-mandat-error"/);
    assert.match(
      bad,
      /type="checkbox" value="true" aria-invalid="true"><label class="kern-label" for="field-mandat">I authorise/,
    );
  });
});
