import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDefinition } from '../definition/parse.ts';
import type { Step } from '../definition/types.ts';
import {
  answerToRaw,
  type IdentityValues,
  lockPrefilled,
  prefillAnswer,
  prefillMarks,
  prefillStep,
  splitStreet,
} from './prefill.ts';

const ctx = { today: '2026-12-03' };
const erika: IdentityValues = {
  givenName: 'Erika',
  familyName: 'Mustermann',
  birthDate: '1964-08-12',
  email: 'erika.mustermann@example.org',
  street: 'Heidestraße 17',
  postcode: '51147',
  city: 'Köln',
  country: 'DE',
};

function step(): Step {
  const result = parseDefinition({
    formatVersion: 2,
    id: 'melde',
    title: { de: 'Melde' },
    summary: { de: 'Test' },
    declaration: { de: 'Ja.' },
    steps: [
      {
        id: 'person',
        title: { de: 'Person' },
        fields: [
          {
            type: 'text',
            key: 'nachname',
            label: { de: 'Nachname' },
            required: true,
            prefill: { from: 'familyName', editable: false },
          },
          { type: 'text', key: 'vorname', label: { de: 'Vorname' }, prefill: { from: 'givenName' } },
          {
            type: 'date',
            key: 'geburtsdatum',
            label: { de: 'Geburtsdatum' },
            notInFuture: true,
            prefill: { from: 'birthDate', editable: false },
          },
          { type: 'address', key: 'anschrift', label: { de: 'Anschrift' }, prefill: { from: 'address' } },
          { type: 'text', key: 'kurz', label: { de: 'Kurz' }, maxLength: 3, prefill: { from: 'city' } },
          { type: 'text', key: 'frei', label: { de: 'Frei' } },
        ],
      },
    ],
    local: { office: { name: { de: 'Amt' } } },
  });
  assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
  const first = result.definition.steps[0];
  assert.ok(first);
  return first;
}

const field = (key: string) => {
  const found = step().fields.find((f) => f.key === key);
  assert.ok(found);
  return found;
};

describe('prefill from the identity', () => {
  it('splits an OpenID street line into street and house number', () => {
    assert.deepEqual(splitStreet('Heidestraße 17'), { street: 'Heidestraße', houseNumber: '17' });
    assert.deepEqual(splitStreet('Am Alten Markt 3 a'), { street: 'Am Alten Markt', houseNumber: '3a' });
    assert.deepEqual(splitStreet('Hauptstr. 12-14'), { street: 'Hauptstr.', houseNumber: '12-14' });
    assert.equal(splitStreet('Postfach'), undefined);
  });

  it('maps each attribute to the answer the field would store', () => {
    assert.equal(prefillAnswer(field('nachname'), { from: 'familyName' }, erika, ctx), 'Mustermann');
    assert.equal(prefillAnswer(field('geburtsdatum'), { from: 'birthDate' }, erika, ctx), '1964-08-12');
    assert.deepEqual(prefillAnswer(field('anschrift'), { from: 'address' }, erika, ctx), {
      street: 'Heidestraße',
      houseNumber: '17',
      postcode: '51147',
      city: 'Köln',
    });
  });

  it('fills nothing the identity lacks or the field would refuse', () => {
    const jonas: IdentityValues = { givenName: 'Jonas', familyName: 'Beispiel', birthDate: '1990-02-28' };
    assert.equal(prefillAnswer(field('anschrift'), { from: 'address' }, jonas, ctx), undefined);
    // "Köln" is longer than the field's three characters: not a value the citizen could enter.
    assert.equal(prefillAnswer(field('kurz'), { from: 'city' }, erika, ctx), undefined);
    // A birth date in the future breaks the field's rule.
    assert.equal(
      prefillAnswer(field('geburtsdatum'), { from: 'birthDate' }, { birthDate: '2099-01-01' }, ctx),
      undefined,
    );
    // An address abroad does not go into a German address field.
    assert.equal(
      prefillAnswer(field('anschrift'), { from: 'address' }, { ...erika, country: 'AT' }, ctx),
      undefined,
    );
  });

  it('fills empty fields once and never again after the citizen cleared one', () => {
    const first = prefillStep(step(), {}, {}, erika, ctx);
    assert.ok(first);
    assert.deepEqual(Object.keys(first.vouched).sort(), ['anschrift', 'geburtsdatum', 'nachname', 'vorname']);
    assert.equal(first.answers.vorname, 'Erika');
    // The citizen cleared the given name: it stays cleared.
    const { vorname: _cleared, ...answers } = first.answers;
    assert.equal(prefillStep(step(), answers, first.vouched, erika, ctx), undefined);
    // An answer the citizen gave before logging in is not overwritten.
    const typed = prefillStep(step(), { vorname: 'Eri' }, {}, erika, ctx);
    assert.equal(typed?.answers.vorname, 'Eri');
    assert.equal(typed && 'vorname' in typed.vouched, false);
  });

  it('puts a read-only field back to its vouched value and says a post tried to change it', () => {
    const vouched = { nachname: 'Mustermann', geburtsdatum: '1964-08-12', vorname: 'Erika' };
    const posted = {
      nachname: 'Musterfrau',
      'geburtsdatum-day': '12',
      'geburtsdatum-month': '08',
      'geburtsdatum-year': '1964',
      vorname: 'Eri',
    };
    const locked = lockPrefilled(step(), posted, vouched);
    assert.equal(locked.changed, true);
    assert.equal(locked.raw.nachname, 'Mustermann');
    // An editable field keeps what was posted.
    assert.equal(locked.raw.vorname, 'Eri');
    const same = lockPrefilled(step(), { ...posted, nachname: 'Mustermann' }, vouched);
    assert.equal(same.changed, false);
    // A read-only field missing from the post is still the vouched value.
    const missing = lockPrefilled(step(), { vorname: 'Erika' }, vouched);
    assert.equal(missing.changed, true);
    assert.deepEqual(
      [missing.raw['geburtsdatum-day'], missing.raw['geburtsdatum-month'], missing.raw['geburtsdatum-year']],
      ['12', '08', '1964'],
    );
  });

  it('turns answers back into the inputs they came from', () => {
    assert.deepEqual(
      answerToRaw(field('anschrift'), { street: 'A', houseNumber: '1', postcode: '1', city: 'B' }),
      {
        'anschrift-street': 'A',
        'anschrift-houseNumber': '1',
        'anschrift-postcode': '1',
        'anschrift-city': 'B',
      },
    );
  });

  it('marks a vouched value the citizen changed, and one kept, for the caseworker', () => {
    const marks = prefillMarks(
      {
        vorname: 'Eri',
        nachname: 'Mustermann',
        anschrift: { city: 'Köln', street: 'Heidestraße', houseNumber: '17', postcode: '51147' },
      },
      {
        vorname: 'Erika',
        nachname: 'Mustermann',
        anschrift: { street: 'Heidestraße', houseNumber: '17', postcode: '51147', city: 'Köln' },
        geburtsdatum: '1964-08-12',
      },
    );
    assert.deepEqual(
      marks.map((m) => [m.key, m.changed]),
      [
        ['vorname', true],
        ['nachname', false],
        ['anschrift', false],
      ],
    );
    assert.equal(marks[0]?.vouched, 'Erika');
  });
});
