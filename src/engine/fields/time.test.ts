import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertTypedErrorShown } from '../../../test/support/field-views.ts';
import type { TimeField } from '../../definition/types.ts';
import { parseTime, timeField } from './time.ts';

const ctx = { today: '2025-06-01' };
const field: TimeField = {
  type: 'time',
  key: 'uhrzeit',
  label: { de: 'Uhrzeit', en: 'Time' },
  hint: { de: 'Zum Beispiel 9:30', en: 'For example 9:30' },
  required: true,
};

describe('time field', () => {
  it('reads 9:05, 09:05, 9.05 and "9 Uhr" as HH:MM', () => {
    assert.deepEqual(timeField.parse(field, { uhrzeit: ' 9:05 ' }), {
      value: '09:05',
      rawKept: { uhrzeit: ' 9:05 ' },
    });
    for (const [typed, stored] of [
      ['09:05', '09:05'],
      ['9.05', '09:05'],
      ['23:59', '23:59'],
      ['0:00', '00:00'],
      ['9 Uhr', '09:00'],
      ['14:30 Uhr', '14:30'],
    ] as const) {
      assert.equal(parseTime(typed), stored, typed);
    }
    for (const bad of ['24:00', '9:60', '9:5', '930', 'neun', '9:05:00'])
      assert.equal(parseTime(bad), undefined, bad);
    assert.equal(timeField.parse(field, { uhrzeit: '' }).value, undefined);
    assert.deepEqual(timeField.parse(field, { uhrzeit: '25:00' }).invalid, {
      de: 'Geben Sie eine Uhrzeit zwischen 0:00 und 23:59 ein, zum Beispiel 9:30 oder 14:05',
      en: 'Enter a real time between 0:00 and 23:59, like 9:30 or 14:05',
    });
  });

  it('validates required and the stored shape', () => {
    assert.equal(timeField.validate(field, '09:05', ctx), null);
    assert.equal(timeField.validate(field, undefined, ctx)?.de, 'Geben Sie eine Uhrzeit ein');
    assert.equal(timeField.validate({ ...field, required: false }, undefined, ctx), null);
    for (const bad of ['9:05', '24:00', 905]) assert.ok(timeField.validate(field, bad, ctx), String(bad));
  });

  it('formats for German and English readers', () => {
    assert.equal(timeField.format(field, '09:05', 'de'), '09:05 Uhr');
    assert.equal(timeField.format(field, '09:05', 'en'), '09:05');
    assert.equal(timeField.isEmpty(''), true);
    assert.deepEqual(timeField.dataSchema(field), {
      type: 'string',
      pattern: '^(?:[01][0-9]|2[0-3]):[0-5][0-9]$',
    });
  });

  it('renders a labelled input with hint, error and aria wiring', () => {
    const html = timeField.view({
      field,
      value: '09:05',
      raw: undefined,
      error: undefined,
      locale: 'de',
    }).value;
    assert.match(
      html,
      /<label class="kern-label" for="field-uhrzeit">Uhrzeit<\/label><div class="kern-hint" id="field-uhrzeit-hint">Zum Beispiel 9:30<\/div>/,
    );
    assert.match(
      html,
      /id="field-uhrzeit" name="uhrzeit" type="text" spellcheck="false" value="09:05" aria-describedby="field-uhrzeit-hint">/,
    );
    assertTypedErrorShown(timeField, field, '25');
  });
});
