/**
 * The contract of `contract.ts`, checked for every field type in the registry: posted input never
 * crashes `parse`, every answer the engine accepts satisfies the type's published data schema, and
 * the view escapes whatever a definition or a citizen puts into it. The loop runs over
 * `FIELD_TYPES`, and the sample table is a mapped type over the field types, so a new type is
 * covered (and does not compile without a sample).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { strictAjv } from '../../../test/support/json-schema.ts';
import { FIELD_TYPES } from '../../definition/field-types/table.ts';
import { parseDefinition } from '../../definition/parse.ts';
import type { AnswerValue, Field, FieldType, Locale } from '../../definition/types.ts';
import { compile } from '../compile.ts';
import type { EngineContext, FieldError, FormModel, RawInput } from '../model.ts';
import { handlerFor } from './registry.ts';

const CTX: EngineContext = { today: '2025-06-01' };
const STEP = 'schritt';
const HOSTILE = `<script>alert(1)</script>"onmouseover='alert(1)'`;
const HOSTILE_ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;';

interface Sample<F extends Field> {
  /** A field of the type, with the settings it is usually given. */
  field: F;
  /** Posted input the field accepts (the engine stores an answer from it, or none for text blocks). */
  accepted: RawInput;
}

type Samples = { readonly [T in FieldType]: Sample<Extract<Field, { type: T }>> };

const label = (de: string, en: string) => ({ de, en });
const options = [
  { value: 'a', label: label('Erste', 'First') },
  { value: 'b', label: label('Zweite', 'Second') },
  { value: 'c', label: label('Dritte', 'Third') },
];

/** One sample per field type. */
const SAMPLES: Samples = {
  text: {
    field: {
      type: 'text',
      key: 'vorname',
      label: label('Vorname', 'First name'),
      hint: { de: 'Wie im Ausweis', en: 'As in your ID' },
      required: true,
      maxLength: 40,
    },
    accepted: { vorname: 'Erika' },
  },
  textarea: {
    field: { type: 'textarea', key: 'grund', label: label('Grund', 'Reason'), maxLength: 200 },
    accepted: { grund: 'Zeile eins\r\nZeile zwei' },
  },
  number: {
    field: {
      type: 'number',
      key: 'anzahl',
      label: label('Anzahl', 'Number'),
      required: true,
      min: 1,
      max: 5,
    },
    accepted: { anzahl: '3' },
  },
  date: {
    field: {
      type: 'date',
      key: 'geburtsdatum',
      label: label('Geburtsdatum', 'Date of birth'),
      required: true,
      notInFuture: true,
    },
    accepted: { 'geburtsdatum-day': '27', 'geburtsdatum-month': '3', 'geburtsdatum-year': '1987' },
  },
  email: {
    field: { type: 'email', key: 'mail', label: label('E-Mail-Adresse', 'Email address') },
    accepted: { mail: 'erika@example.de' },
  },
  phone: {
    field: { type: 'phone', key: 'telefon', label: label('Telefon', 'Telephone') },
    accepted: { telefon: '030 1234567' },
  },
  select: {
    field: { type: 'select', key: 'art', label: label('Art', 'Kind'), required: true, options },
    accepted: { art: 'b' },
  },
  radio: {
    field: { type: 'radio', key: 'groesse', label: label('Größe', 'Size'), required: true, options },
    accepted: { groesse: 'c' },
  },
  checkbox: {
    field: { type: 'checkbox', key: 'teile', label: label('Teile', 'Items'), options, maxSelected: 2 },
    accepted: { teile: ['a', 'c'] },
  },
  yesno: {
    field: { type: 'yesno', key: 'listenhund', label: label('Listenhund', 'Listed breed'), required: true },
    accepted: { listenhund: 'no' },
  },
  info: {
    field: {
      type: 'info',
      key: 'hinweis',
      text: { de: 'Bitte **genau** lesen.', en: 'Read **carefully**.' },
    },
    accepted: {},
  },
  decimal: {
    field: { type: 'decimal', key: 'flaeche', label: label('Fläche', 'Area'), min: 0, decimals: 2 },
    accepted: { flaeche: '12,5' },
  },
  currency: {
    field: { type: 'currency', key: 'betrag', label: label('Betrag', 'Amount'), max: 100_000 },
    accepted: { betrag: '12,50 €' },
  },
  time: {
    field: { type: 'time', key: 'uhrzeit', label: label('Uhrzeit', 'Time') },
    accepted: { uhrzeit: '9.30' },
  },
  iban: {
    field: { type: 'iban', key: 'iban', label: label('IBAN', 'IBAN'), required: true },
    accepted: { iban: 'DE02 1203 0000 0000 2020 51' },
  },
  bic: {
    field: { type: 'bic', key: 'bic', label: label('BIC', 'BIC') },
    accepted: { bic: 'MARKDEF1100' },
  },
  postcode: {
    field: { type: 'postcode', key: 'plz', label: label('Postleitzahl', 'Postcode') },
    accepted: { plz: '01067' },
  },
  licensePlate: {
    field: { type: 'licensePlate', key: 'kennzeichen', label: label('Kennzeichen', 'Registration number') },
    accepted: { kennzeichen: 'mu-ab 1234 e' },
  },
  taxId: {
    field: { type: 'taxId', key: 'steuerId', label: label('Steuer-ID', 'Tax ID') },
    accepted: { steuerId: '86 095 742 719' },
  },
  declaration: {
    field: {
      type: 'declaration',
      key: 'lastschrift',
      label: label('SEPA-Lastschriftmandat', 'SEPA direct debit mandate'),
      text: label('Ich erteile das Mandat.', 'I grant the mandate.'),
    },
    accepted: { lastschrift: 'true' },
  },
  warning: {
    field: {
      type: 'warning',
      key: 'achtung',
      title: { de: 'Frist', en: 'Deadline' },
      text: { de: 'Spätestens nach 14 Tagen.', en: 'Within 14 days.' },
    },
    accepted: {},
  },
  group: {
    field: {
      type: 'group',
      key: 'kinder',
      label: label('Kinder', 'Children'),
      itemLabel: label('Kind', 'Child'),
      minItems: 1,
      maxItems: 3,
      fields: [
        { type: 'text', key: 'kindVorname', label: label('Vorname', 'First name'), required: true },
        { type: 'yesno', key: 'imHaushalt', label: label('Im Haushalt', 'In the household') },
      ],
    },
    accepted: {
      'kinder-items': '2',
      'kinder-1-kindVorname': 'Lena',
      'kinder-2-kindVorname': 'Tom',
      'kinder-2-imHaushalt': 'yes',
    },
  },
  address: {
    field: { type: 'address', key: 'anschrift', label: label('Anschrift', 'Address'), required: true },
    accepted: {
      'anschrift-street': 'Hauptstraße',
      'anschrift-houseNumber': '12a',
      'anschrift-postcode': '12345',
      'anschrift-city': 'Musterstadt',
    },
  },
  foreignAddress: {
    field: { type: 'foreignAddress', key: 'ausland', label: label('Anschrift im Ausland', 'Address abroad') },
    accepted: {
      'ausland-line1': '12 Rue de la Paix',
      'ausland-line2': '75002 Paris',
      'ausland-country': 'FR',
    },
  },
  file: {
    field: { type: 'file', key: 'nachweis', label: label('Nachweis', 'Proof'), required: true, maxFiles: 2 },
    accepted: {
      // The file name is the applicant's, so a hostile one is an answer like any other.
      nachweis: JSON.stringify({
        id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
        name: `${HOSTILE}.pdf`,
        mediaType: 'application/pdf',
        size: 1234,
        sha256: 'a'.repeat(64),
      }),
    },
  },
};

function sampleOf(type: FieldType): Sample<Field> {
  return SAMPLES[type] as Sample<Field>;
}

/** A published one-step definition holding just the field. */
function modelWith(field: Field): FormModel {
  const result = parseDefinition({
    formatVersion: 2,
    id: 'vertrag',
    title: { de: 'Vertrag' },
    summary: { de: 'Prüft eine Feldart.' },
    declaration: { de: 'Ja.' },
    steps: [{ id: STEP, title: { de: 'Schritt' }, fields: [field] }],
    local: { office: { name: { de: 'Amt' } } },
  });
  assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
  return compile(result.definition);
}

/**
 * Variations of an accepted text, so that structured types (times, dates, postcodes) meet many
 * valid and nearly valid inputs, not only random ones: other digits, other case, spaces, cut off.
 */
function variantOf(text: string): fc.Arbitrary<string> {
  const digits = [...text].filter((c) => /\d/.test(c)).length;
  const otherDigits = fc
    .array(fc.integer({ min: 0, max: 9 }), { minLength: digits, maxLength: digits })
    .map((ds) => {
      let i = 0;
      return text.replace(/\d/g, () => String(ds[i++]));
    });
  return fc.oneof(
    otherDigits,
    fc.constantFrom(text.toUpperCase(), text.toLowerCase(), ` ${text} `, text.replace(/ /g, '')),
    fc.nat({ max: text.length }).map((n) => text.slice(0, n)),
  );
}

/** What a client can post: any text, lists of texts, missing values, in any of the field's names. */
function postedInput(sample: Sample<Field>): fc.Arbitrary<RawInput> {
  const key = sample.field.key;
  const text = fc.oneof(
    fc.string(),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.json(),
    fc.constantFrom(
      '',
      ' ',
      'yes',
      'no',
      'true',
      '0',
      '-1',
      '1e309',
      'NaN',
      '31',
      '02',
      '12,50 €',
      '99999',
      HOSTILE,
    ),
  );
  const value = fc.oneof(text, fc.array(text, { maxLength: 4 }), fc.constant(undefined));
  const names = [...Object.keys(sample.accepted), key, `${key}-1-x`, `${key}-items`, 'anderes'];
  const near = (v: string | string[] | undefined) =>
    v === undefined ? fc.constant(v) : Array.isArray(v) ? fc.tuple(...v.map(variantOf)) : variantOf(v);
  // The accepted input with each value kept, varied or replaced, plus values under the field's names.
  const mutated = fc.record(
    Object.fromEntries(
      Object.entries(sample.accepted).map(([name, v]) => [name, fc.oneof(fc.constant(v), near(v), value)]),
    ),
  );
  return fc
    .tuple(mutated, fc.dictionary(fc.constantFrom(...names), value, { maxKeys: 4 }))
    .map(([kept, extra]): RawInput => ({ ...kept, ...extra }));
}

/** The definition's texts and option values replaced by markup (what a careless designer writes). */
function hostileField(field: Field): Field {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value !== 'object' || value === null) return value;
    const record = value as Record<string, unknown>;
    if (typeof record.de === 'string')
      return { de: HOSTILE, en: HOSTILE, ...('ls' in record && { ls: HOSTILE }) };
    if (typeof record.value === 'string' && 'label' in record)
      return { value: `${HOSTILE}${record.value}`, label: walk(record.label) };
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, walk(v)]));
  };
  return walk(field) as Field;
}

/** Every posted text replaced by markup, except plain numbers (item counts stay counts). */
function hostileInput(raw: RawInput, keepNumbers: boolean): RawInput {
  const swap = (v: string) => (keepNumbers && /^\d+$/.test(v) ? v : HOSTILE);
  return Object.fromEntries(
    Object.entries(raw).map(([name, v]) => [
      name,
      Array.isArray(v) ? v.map(swap) : v === undefined ? v : swap(v),
    ]),
  );
}

/** Every text of a stored answer replaced by markup. */
function hostileAnswer(value: AnswerValue | undefined): AnswerValue | undefined {
  if (typeof value === 'string') return HOSTILE;
  if (Array.isArray(value)) return value.map((v) => hostileAnswer(v)) as AnswerValue;
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, hostileAnswer(v)])) as AnswerValue;
  return value;
}

function assertEscaped(out: string, what: string): void {
  assert.ok(!out.includes('<script'), `${what}: unescaped <script>`);
  assert.ok(!/["']onmouseover=/.test(out), `${what}: an attribute broken out of`);
  assert.ok(!out.includes("'alert(1)'"), `${what}: unescaped quotes`);
}

describe('field type contract', () => {
  for (const type of FIELD_TYPES) {
    describe(type, () => {
      const sample = sampleOf(type);
      const handler = handlerFor(sample.field);
      const model = modelWith(sample.field);
      const ajv = strictAjv();
      const dataSchema = handler.dataSchema(sample.field);
      const validate = dataSchema === null ? undefined : ajv.compile(dataSchema);
      const stored = (raw: RawInput) => {
        const result = model.submitStep(STEP, raw, {}, CTX);
        return { errors: result.errors, value: result.answers[sample.field.key] };
      };

      it('accepts its sample input, and the answer satisfies the data schema', () => {
        const { errors, value } = stored(sample.accepted);
        assert.deepEqual(errors, []);
        if (!validate) {
          assert.equal(value, undefined, 'a type without a data schema stores nothing');
          return;
        }
        assert.notEqual(value, undefined);
        assert.ok(validate(value), JSON.stringify(validate.errors));
      });

      it('parse never throws, whatever is posted', () => {
        fc.assert(
          fc.property(postedInput(sample), (raw) => {
            const parsed = handler.parse(sample.field, raw);
            assert.equal(typeof parsed.rawKept, 'object');
          }),
          { numRuns: 300 },
        );
      });

      it('every answer the engine accepts satisfies the data schema', () => {
        fc.assert(
          fc.property(postedInput(sample), (raw) => {
            const { errors, value } = stored(raw);
            if (errors.length > 0 || value === undefined) return;
            assert.ok(validate, 'a type without a data schema stored an answer');
            assert.ok(validate(value), `${JSON.stringify(value)}: ${JSON.stringify(validate.errors)}`);
          }),
          { numRuns: 300 },
        );
      });

      it('escapes hostile texts in the definition and hostile input and answers', () => {
        const field = hostileField(sample.field);
        const answer = stored(sample.accepted).value;
        const required = handler.validate(field, undefined, CTX);
        const error: FieldError = {
          key: field.key,
          inputId: `field-${field.key}`,
          message: required ?? { de: HOSTILE, en: HOSTILE },
        };
        for (const locale of ['de', 'en'] as Locale[]) {
          const render = (value: AnswerValue | undefined, raw: RawInput | undefined, err?: FieldError) =>
            handler.view({ field, value, raw, error: err, locale, answers: {}, errors: err ? [err] : [] })
              .value;
          const views = {
            'the definition texts': render(undefined, undefined),
            'the stored answer': render(answer, undefined),
            'a hostile stored answer': render(hostileAnswer(answer), undefined),
            'hostile input shown again with an error': render(
              undefined,
              hostileInput(sample.accepted, false),
              error,
            ),
            'hostile input in the items': render(undefined, hostileInput(sample.accepted, true), error),
          };
          for (const [what, out] of Object.entries(views)) {
            assertEscaped(out, `${locale}, ${what}`);
            assert.ok(
              out.includes(HOSTILE_ESCAPED),
              `${locale}, ${what}: the hostile text is shown, escaped`,
            );
          }
        }
      });
    });
  }
});
