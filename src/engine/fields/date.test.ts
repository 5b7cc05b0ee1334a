import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DateField } from '../../definition/types.ts';
import { dateField, formatIsoDate, yearsBefore } from './date.ts';

const ctx = { today: '2025-06-01' };
const field: DateField = {
  type: 'date',
  key: 'geburtsdatum',
  label: { de: 'Geburtsdatum', en: 'Date of birth' },
  hint: { de: 'Zum Beispiel 27.3.2007' },
  required: true,
  min: '1900-01-01',
  max: '2024-12-31',
};
const raw = (day: string, month: string, year: string) => ({
  'geburtsdatum-day': day,
  'geburtsdatum-month': month,
  'geburtsdatum-year': year,
});

describe('date field', () => {
  it('parses day, month and year into an ISO date', () => {
    assert.deepEqual(dateField.parse(field, raw(' 7', '3 ', '2007')), {
      value: '2007-03-07',
      rawKept: raw(' 7', '3 ', '2007'),
    });
    assert.deepEqual(dateField.parse(field, raw('', '', '')), { value: undefined, rawKept: raw('', '', '') });
    assert.equal(dateField.parse(field, {}).value, undefined);
  });

  it('says what is wrong with an incomplete or impossible date', () => {
    assert.deepEqual(dateField.parse(field, raw('27', '', '2007')).invalid, {
      de: 'Das Datum muss einen Monat enthalten',
      en: 'The date must include a month',
    });
    assert.equal(
      dateField.parse(field, raw('31', '2', '2007')).invalid?.de,
      'Geben Sie ein gültiges Datum ein, zum Beispiel 27.3.2007',
    );
    assert.equal(
      dateField.parse(field, raw('x', '2', '2007')).invalid?.en,
      'Enter a real date, like 27 3 2007',
    );
    assert.match(dateField.parse(field, raw('1', '2', '07')).invalid?.de ?? '', /vier Ziffern/);
    assert.equal(dateField.parse(field, raw('29', '2', '2024')).value, '2024-02-29');
    assert.ok(dateField.parse(field, raw('29', '2', '2023')).invalid);
  });

  it('validates required and limits, naming the limit as a German date', () => {
    assert.equal(dateField.validate(field, '2007-03-27', ctx), null);
    assert.equal(dateField.validate(field, undefined, ctx)?.de, 'Geben Sie ein Datum ein');
    assert.deepEqual(dateField.validate(field, '1899-12-31', ctx), {
      de: 'Das Datum darf nicht vor dem 01.01.1900 liegen',
      en: 'The date must be the same as or after 1 January 1900',
    });
    assert.equal(
      dateField.validate(field, '2025-01-01', ctx)?.de,
      'Das Datum darf nicht nach dem 31.12.2024 liegen',
    );
    assert.ok(dateField.validate(field, '2023-02-30', ctx));
  });

  it('formats German and English dates', () => {
    assert.equal(formatIsoDate('2007-03-27', 'de'), '27.03.2007');
    assert.equal(dateField.format(field, '2007-03-27', 'en'), '27 March 2007');
  });

  it('renders a fieldset with legend and three labelled inputs; the first has id field-<key>', () => {
    const html = dateField.view({
      field,
      value: '2007-03-07',
      raw: undefined,
      error: undefined,
      locale: 'de',
    }).value;
    assert.match(
      html,
      /^<fieldset class="kern-fieldset" aria-describedby="field-geburtsdatum-hint"><legend class="kern-label">Geburtsdatum<\/legend>/,
    );
    assert.match(
      html,
      /<label class="kern-label" for="field-geburtsdatum">Tag<\/label><input [^>]*id="field-geburtsdatum" name="geburtsdatum-day" type="text" inputmode="numeric" value="7">/,
    );
    assert.match(html, /id="field-geburtsdatum-month" name="geburtsdatum-month" [^>]*value="3"/);
    assert.match(html, /id="field-geburtsdatum-year" name="geburtsdatum-year" [^>]*value="2007"/);
  });

  it('keeps what was typed on error and marks every part invalid', () => {
    const error = { key: 'geburtsdatum', inputId: 'field-geburtsdatum', message: { de: 'Falsch' } };
    const html = dateField.view({
      field,
      value: undefined,
      raw: raw('31', '2', '2007'),
      error,
      locale: 'en',
    }).value;
    assert.match(html, /kern-fieldset--error/);
    assert.match(html, /aria-describedby="field-geburtsdatum-hint field-geburtsdatum-error"/);
    assert.equal(html.match(/aria-invalid="true"/g)?.length, 3);
    assert.match(html, /for="field-geburtsdatum">Day</);
    assert.match(html, /value="31"/);
  });
});

describe('date field: rules relative to today', () => {
  const birth: DateField = {
    type: 'date',
    key: 'geburtsdatum',
    label: { de: 'Geburtsdatum', en: 'Date of birth' },
    notInFuture: true,
    minAgeYears: 18,
  };
  const today = { today: '2025-06-01' };

  it('refuses dates in the future or the past', () => {
    assert.equal(dateField.validate(birth, '2000-06-01', today), null);
    assert.deepEqual(dateField.validate({ ...birth, minAgeYears: undefined }, '2025-06-02', today), {
      de: 'Das Datum darf nicht in der Zukunft liegen',
      en: 'The date must be today or in the past',
    });
    assert.equal(dateField.validate({ ...birth, minAgeYears: undefined }, '2025-06-01', today), null);
    const appointment: DateField = { type: 'date', key: 'termin', label: { de: 'Termin' }, notInPast: true };
    assert.deepEqual(dateField.validate(appointment, '2025-05-31', today), {
      de: 'Das Datum darf nicht in der Vergangenheit liegen',
      en: 'The date must be today or in the future',
    });
    assert.equal(dateField.validate(appointment, '2025-06-01', today), null);
  });

  it('minAgeYears: at least N years ago, counted to the day', () => {
    assert.equal(dateField.validate(birth, '2007-06-01', today), null, 'turns 18 today');
    assert.deepEqual(dateField.validate(birth, '2007-06-02', today), {
      de: 'Das Datum muss mindestens 18 Jahre zurückliegen',
      en: 'The date must be at least 18 years ago',
    });
    assert.equal(
      dateField.validate({ ...birth, minAgeYears: 1 }, '2025-01-01', today)?.de,
      'Das Datum muss mindestens 1 Jahr zurückliegen',
    );
    // Born on 29 February: the year is complete at the end of 28 February in common years
    // (§ 188 (3) BGB), so one is a year older from 1 March.
    const oneYear = { ...birth, minAgeYears: 1 };
    assert.ok(dateField.validate(oneYear, '2024-02-29', { today: '2025-02-28' }));
    assert.equal(dateField.validate(oneYear, '2024-02-29', { today: '2025-03-01' }), null);
    assert.equal(yearsBefore('2028-02-29', 1), '2027-02-28');
  });

  it('maxAgeYears: at most N completed years, naming the earliest date', () => {
    const child: DateField = {
      type: 'date',
      key: 'kind',
      label: { de: 'Geburtsdatum des Kindes' },
      maxAgeYears: 17,
    };
    assert.equal(dateField.validate(child, '2007-06-02', today), null, 'turns 18 tomorrow');
    assert.deepEqual(dateField.validate(child, '2007-06-01', today), {
      de: 'Das Datum darf nicht vor dem 02.06.2007 liegen',
      en: 'The date must be the same as or after 2 June 2007',
    });
  });
});
