/**
 * WCAG 1.3.5 (identify input purpose): every input that asks for something about the citizen
 * carries its HTML autofill token, so browsers and assistive tools can fill it in and label it.
 * Checked over the field views themselves, input by input, and over the demo definitions, whose
 * purpose-bearing questions must set the token where the type leaves it to the definition.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoDefinitionFiles } from '../../../test/support/demo-definitions.ts';
import { parseDefinition } from '../../definition/parse.ts';
import type { Field } from '../../definition/types.ts';
import { handlerFor } from './registry.ts';

const label = { de: 'Frage', en: 'Question' };

/** The autofill token of every input and select of a field's view, by id (`null`: none). */
function tokens(field: Field): Map<string, string | null> {
  const markup = handlerFor(field).view({
    field,
    value: undefined,
    raw: undefined,
    error: undefined,
    locale: 'de',
  }).value;
  const out = new Map<string, string | null>();
  for (const [, attrs = ''] of markup.matchAll(/<(?:input|select)\b([^>]*)>/g)) {
    if (/type="hidden"/.test(attrs)) continue;
    const id = /\bid="([^"]+)"/.exec(attrs)?.[1] ?? '?';
    out.set(id, /\bautocomplete="([^"]+)"/.exec(attrs)?.[1] ?? null);
  }
  return out;
}

describe('autofill tokens of the field views (WCAG 1.3.5)', () => {
  it('a birth date gives its day, month and year inputs bday-day, bday-month, bday-year', () => {
    const field: Field = { type: 'date', key: 'geburtsdatum', label, autocomplete: 'bday' };
    assert.deepEqual(
      tokens(field),
      new Map([
        ['field-geburtsdatum', 'bday-day'],
        ['field-geburtsdatum-month', 'bday-month'],
        ['field-geburtsdatum-year', 'bday-year'],
      ]),
    );
  });

  it('any other date (a dog’s birthday, a start date) gets no token: the browser’s would be wrong', () => {
    const field: Field = { type: 'date', key: 'hundGeburtsdatum', label };
    assert.deepEqual([...tokens(field).values()], [null, null, null]);
  });

  it('name parts, e-mail, phone and postcode carry theirs', () => {
    const text: Field = { type: 'text', key: 'vorname', label, autocomplete: 'given-name' };
    assert.deepEqual(tokens(text), new Map([['field-vorname', 'given-name']]));
    assert.deepEqual(tokens({ type: 'email', key: 'email', label }), new Map([['field-email', 'email']]));
    assert.deepEqual(tokens({ type: 'phone', key: 'telefon', label }), new Map([['field-telefon', 'tel']]));
    assert.deepEqual(
      tokens({ type: 'postcode', key: 'plz', label }),
      new Map([['field-plz', 'postal-code']]),
    );
  });

  it('every part of a German address carries its token, except the house number, which has none', () => {
    const shown = [...tokens({ type: 'address', key: 'adresse', label }).values()];
    // Street (with the number a browser saves in line 1; parsing splits it), house number,
    // supplement, postcode, town.
    assert.deepEqual(shown, ['address-line1', null, 'address-line2', 'postal-code', 'address-level2']);
  });

  it('an address abroad: three lines and the country', () => {
    const shown = [...tokens({ type: 'foreignAddress', key: 'ausland', label }).values()];
    assert.deepEqual(shown, ['address-line1', 'address-line2', 'address-line3', 'country']);
  });

  it('IBAN, BIC and Steuer-ID have no autofill token in HTML: none is invented (axe refuses unknown ones)', () => {
    for (const type of ['iban', 'bic', 'taxId'] as const) {
      assert.deepEqual([...tokens({ type, key: 'x', label }).values()], [null], type);
    }
  });
});

/** Questions of the demo definitions by what they ask for, with the token each must carry. */
const PURPOSES: Array<{ label: RegExp; type: Field['type']; token: string }> = [
  { label: /^Vorname$/, type: 'text', token: 'given-name' },
  { label: /^Nachname$/, type: 'text', token: 'family-name' },
  { label: /^Geburtsdatum$/, type: 'date', token: 'bday' },
  { label: /^Straße$/, type: 'text', token: 'address-line1' },
  { label: /^Ort$/, type: 'text', token: 'address-level2' },
  {
    label: /^(Kontoinhaberin oder Kontoinhaber|Verantwortliche Person|Name an der Klingel)$/,
    type: 'text',
    token: 'name',
  },
];

describe('the demo definitions name the purpose of the citizen’s own data', async () => {
  for (const { file, json } of await demoDefinitionFiles()) {
    it(file, () => {
      const parsed = parseDefinition(json);
      assert.ok(parsed.ok, file);
      let matched = 0;
      for (const step of parsed.definition.steps) {
        for (const field of step.fields) {
          if (!('label' in field) || !field.label) continue;
          const purpose = PURPOSES.find((p) => p.type === field.type && p.label.test(field.label.de));
          // "Ort" of an event is a place, not the citizen's town: only on the citizen's own steps.
          if (!purpose || (field.key === 'ort' && step.id === 'veranstaltung')) continue;
          matched++;
          assert.equal(
            (field as { autocomplete?: string }).autocomplete,
            purpose.token,
            `${file}: ${field.key}`,
          );
        }
      }
      // A service behind a login takes the person from the identity provider instead (ADR 0036).
      const loginOnly = parsed.definition.local?.identity !== undefined;
      assert.ok(matched > 0 || loginOnly, `${file} asks for something about the citizen`);
    });
  }
});
