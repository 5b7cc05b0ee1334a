import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckboxField, RadioField, SelectField, YesNoField } from '../../definition/types.ts';
import { checkboxField } from './checkbox.ts';
import { radioField } from './radio.ts';
import { selectField } from './select.ts';
import { yesnoField } from './yesno.ts';

const ctx = { today: '2025-06-01' };
const options = [
  { value: 'moebel', label: { de: 'Möbel', en: 'Furniture' } },
  { value: 'matratzen', label: { de: 'Matratzen', en: 'Mattresses' } },
  { value: 'elektro', label: { de: 'Elektrogeräte', en: 'Electrical appliances' } },
];
const select: SelectField = {
  type: 'select',
  key: 'art',
  label: { de: 'Art', en: 'Kind' },
  required: true,
  options,
};
const radio: RadioField = {
  type: 'radio',
  key: 'art',
  label: { de: 'Art', en: 'Kind' },
  required: true,
  options,
};
const checkbox: CheckboxField = {
  type: 'checkbox',
  key: 'teile',
  label: { de: 'Gegenstände', en: 'Items' },
  hint: { de: 'Alles auswählen, was zutrifft' },
  required: true,
  options,
  maxSelected: 2,
};
const yesno: YesNoField = {
  type: 'yesno',
  key: 'listenhund',
  label: { de: 'Listenhund', en: 'Listed breed' },
  required: true,
};

describe('select field', () => {
  it('parses, validates against the options and formats the label', () => {
    assert.equal(selectField.parse(select, { art: 'moebel' }).value, 'moebel');
    assert.equal(selectField.parse(select, { art: '' }).value, undefined);
    assert.equal(selectField.validate(select, undefined, ctx)?.de, 'Wählen Sie „Art“ aus');
    assert.equal(selectField.validate(select, 'moebel', ctx), null);
    assert.equal(
      selectField.validate(select, 'hacked', ctx)?.de,
      'Wählen Sie bei „Art“ eine der angebotenen Antworten aus',
    );
    assert.equal(selectField.format(select, 'elektro', 'en'), 'Electrical appliances');
  });

  it('renders a select with a placeholder and the chosen option', () => {
    const html = selectField.view({
      field: select,
      value: 'matratzen',
      raw: undefined,
      error: undefined,
      locale: 'de',
    }).value;
    assert.match(
      html,
      /<div class="kern-form-input__select-wrapper"><select class="kern-form-input__select" id="field-art" name="art">/,
    );
    assert.match(html, /<option value="">Bitte auswählen<\/option>/);
    assert.match(html, /<option value="matratzen" selected>Matratzen<\/option>/);
  });
});

describe('radio field', () => {
  it('parses, validates and formats like select', () => {
    assert.equal(radioField.parse(radio, { art: 'elektro' }).value, 'elektro');
    assert.equal(radioField.validate(radio, undefined, ctx)?.en, 'Select kind');
    assert.equal(radioField.format(radio, 'moebel', 'de'), 'Möbel');
  });

  it('renders a fieldset of radios; the first radio has id field-<key>', () => {
    const error = { key: 'art', inputId: 'field-art', message: { de: 'Wählen Sie „Art“ aus' } };
    const html = radioField.view({
      field: radio,
      value: undefined,
      raw: { art: 'matratzen' },
      error,
      locale: 'de',
    }).value;
    assert.match(
      html,
      /^<fieldset class="kern-fieldset kern-fieldset--error" aria-describedby="field-art-error"><legend class="kern-label">Art<\/legend>/,
    );
    assert.match(
      html,
      /<input class="kern-form-check__radio kern-form-check__radio--error" id="field-art" name="art" type="radio" value="moebel" aria-invalid="true"><label class="kern-label" for="field-art">Möbel<\/label>/,
    );
    assert.match(html, /id="field-art-2" name="art" type="radio" value="matratzen" checked/);
  });
});

describe('checkbox field', () => {
  it('parses repeated names into a list; nothing checked is no answer', () => {
    assert.deepEqual(checkboxField.parse(checkbox, { teile: ['moebel', 'elektro', 'moebel'] }).value, [
      'moebel',
      'elektro',
    ]);
    assert.deepEqual(checkboxField.parse(checkbox, { teile: 'moebel' }).value, ['moebel']);
    assert.equal(checkboxField.parse(checkbox, {}).value, undefined);
  });

  it('validates required, known options and limits', () => {
    assert.equal(
      checkboxField.validate(checkbox, undefined, ctx)?.de,
      'Wählen Sie bei „Gegenstände“ mindestens eine Antwort aus',
    );
    assert.equal(checkboxField.validate(checkbox, ['moebel'], ctx), null);
    assert.ok(checkboxField.validate(checkbox, ['moebel', 'x'], ctx));
    assert.equal(
      checkboxField.validate(checkbox, ['moebel', 'matratzen', 'elektro'], ctx)?.en,
      'Select no more than 2 options for items',
    );
    assert.ok(checkboxField.validate(checkbox, 'moebel', ctx));
  });

  it('formats labels in option order', () => {
    assert.equal(checkboxField.format(checkbox, ['elektro', 'moebel'], 'de'), 'Möbel, Elektrogeräte');
    assert.equal(checkboxField.isEmpty([]), true);
  });

  it('renders a fieldset of checkboxes with hint, checked from the stored answer', () => {
    const html = checkboxField.view({
      field: checkbox,
      value: ['elektro'],
      raw: undefined,
      error: undefined,
      locale: 'de',
    }).value;
    assert.match(html, /aria-describedby="field-teile-hint"/);
    assert.match(html, /id="field-teile" name="teile" type="checkbox" value="moebel">/);
    assert.match(html, /id="field-teile-3" name="teile" type="checkbox" value="elektro" checked>/);
  });
});

describe('yesno field', () => {
  it('parses yes/no into a boolean and refuses anything else', () => {
    assert.equal(yesnoField.parse(yesno, { listenhund: 'yes' }).value, true);
    assert.equal(yesnoField.parse(yesno, { listenhund: 'no' }).value, false);
    assert.equal(yesnoField.parse(yesno, {}).value, undefined);
    assert.ok(yesnoField.parse(yesno, { listenhund: 'true' }).invalid);
  });

  it('validates and formats Ja/Nein, Yes/No', () => {
    assert.equal(
      yesnoField.validate(yesno, undefined, ctx)?.de,
      'Wählen Sie bei „Listenhund“ „Ja“ oder „Nein“ aus',
    );
    assert.equal(yesnoField.validate(yesno, false, ctx), null);
    assert.equal(yesnoField.format(yesno, true, 'de'), 'Ja');
    assert.equal(yesnoField.format(yesno, false, 'en'), 'No');
  });

  it('renders two inline radios', () => {
    const html = yesnoField.view({
      field: yesno,
      value: false,
      raw: undefined,
      error: undefined,
      locale: 'de',
    }).value;
    assert.match(html, /kern-fieldset__body--horizontal/);
    assert.match(
      html,
      /id="field-listenhund" name="listenhund" type="radio" value="yes"><label class="kern-label" for="field-listenhund">Ja/,
    );
    assert.match(
      html,
      /id="field-listenhund-2" name="listenhund" type="radio" value="no" checked><label class="kern-label" for="field-listenhund-2">Nein/,
    );
  });
});
