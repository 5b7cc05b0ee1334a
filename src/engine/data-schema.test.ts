/**
 * The data schema of a definition describes exactly what `finalize` stores: for every demo
 * definition, answers produced by the engine from random valid input validate, and wrong types,
 * unknown keys and missing required answers do not. Conditions translated to JSON Schema agree
 * with the engine's JSON Logic on generated answers.
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { demoDefinitionFiles } from '../../test/support/demo-definitions.ts';
import { strictAjv } from '../../test/support/json-schema.ts';
import { compileCondition } from '../definition/jsonlogic/compile.ts';
import { parseDefinition } from '../definition/parse.ts';
import { isRequired } from '../definition/required.ts';
import {
  type Answers,
  type AnswerValue,
  type Field,
  type FieldType,
  isBlockField,
  type Pattern,
  type ServiceDefinition,
} from '../definition/types.ts';
import { compile } from './compile.ts';
import { hasControlCharacter } from './control-characters.ts';
import { type AnswerKind, conditionSchema, dataSchema } from './data-schema.ts';
import { yearsBefore } from './fields/date.ts';
import { fileLimits } from './fields/file-refs.ts';
import { handlerFor } from './fields/registry.ts';
import type { EngineContext, FormModel, RawInput } from './model.ts';

const CTX: EngineContext = { today: '2025-06-01' };
const ID = 'https://amtsweg.example/schemas/musterstadt/x/1/data.json';

function load(path: URL): ServiceDefinition {
  const result = parseDefinition(JSON.parse(readFileSync(path, 'utf8')));
  if (!result.ok) throw new Error(`${path}: ${JSON.stringify(result.problems)}`);
  return result.definition;
}

/** The demo definitions as published: code list references resolved to a snapshot of options. */
async function demoDefinitions(): Promise<Array<{ file: string; definition: ServiceDefinition }>> {
  return (await demoDefinitionFiles()).map(({ file, json }) => {
    const result = parseDefinition(json);
    if (!result.ok) throw new Error(`${file}: ${JSON.stringify(result.problems)}`);
    return { file, definition: result.definition };
  });
}

const trimmed = (s: string) => s.length > 0 && s.trim() === s && !s.includes('\r');
const DAY_MS = 24 * 60 * 60 * 1000;

/** Posted input under one name, the field's key. */
const one = (field: Field, arb: fc.Arbitrary<string>) => arb.map((v): RawInput => ({ [field.key]: v }));

/** Posted input under the field's part names (`<key>-<part>`), one value per part. */
const parts = (field: Field, record: fc.Arbitrary<Record<string, string>>) =>
  record.map(
    (values): RawInput =>
      Object.fromEntries(Object.entries(values).map(([p, v]) => [`${field.key}-${p}`, v])),
  );

type InputGenerators = {
  readonly [T in FieldType]: (field: Extract<Field, { type: T }>) => fc.Arbitrary<RawInput>;
};

/**
 * Posted input that the field accepts (what a careful citizen types), per field type. A mapped
 * type, so a new field type does not compile until it has a generator here.
 */
const VALID_INPUT: InputGenerators = {
  text: (field) => textInput(field, field.pattern),
  textarea: (field) => textInput(field, undefined),
  number(field) {
    const min = field.min ?? -1e6;
    const max = field.max ?? 1e6;
    if (field.integer !== false)
      return one(field, fc.integer({ min: Math.ceil(min), max: Math.floor(max) }).map(String));
    const cents = fc.integer({ min: Math.ceil(min * 100), max: Math.floor(max * 100) });
    return one(
      field,
      cents.map((c) => (c / 100).toFixed(2).replace('.', ',')),
    );
  },
  date(field) {
    // The tightest of the fixed limits and the rules relative to today.
    const earliest = [field.min ?? '1900-01-01'];
    const latest = [field.max ?? '2099-12-31'];
    if (field.notInPast) earliest.push(CTX.today);
    if (field.notInFuture) latest.push(CTX.today);
    if (field.maxAgeYears !== undefined) earliest.push(yearsBefore(CTX.today, field.maxAgeYears));
    if (field.minAgeYears !== undefined) latest.push(yearsBefore(CTX.today, field.minAgeYears));
    const from = Date.parse(earliest.sort().at(-1) as string);
    const to = Date.parse(latest.sort()[0] as string);
    return fc.integer({ min: 0, max: Math.floor((to - from) / DAY_MS) }).map((days) => {
      const d = new Date(from + days * DAY_MS);
      return {
        [`${field.key}-day`]: String(d.getUTCDate()),
        [`${field.key}-month`]: String(d.getUTCMonth() + 1),
        [`${field.key}-year`]: String(d.getUTCFullYear()),
      };
    });
  },
  email: (field) =>
    one(
      field,
      fc.oneof(
        fc.emailAddress().filter((e) => e.length <= 254),
        fc.constantFrom('erika.müller@bücher.de', 'a+b@example.org'),
      ),
    ),
  phone: (field) => one(field, fc.stringMatching(/^\+?(?:[0-9][ /()-]?){5,15}$/)),
  select: (field) => one(field, fc.constantFrom(...field.options.map((o) => o.value))),
  radio: (field) => one(field, fc.constantFrom(...field.options.map((o) => o.value))),
  checkbox(field) {
    const values = field.options.map((o) => o.value);
    return fc
      .subarray(values, {
        minLength: Math.max(1, field.minSelected ?? 0),
        maxLength: field.maxSelected ?? values.length,
      })
      .map((v): RawInput => ({ [field.key]: v }));
  },
  yesno: (field) => one(field, fc.constantFrom('yes', 'no')),
  decimal(field) {
    const scale = 10 ** (field.decimals ?? 2);
    const n = fc.integer({
      min: Math.ceil((field.min ?? -1e6) * scale),
      max: Math.floor((field.max ?? 1e6) * scale),
    });
    return one(
      field,
      n.map((v) => (v / scale).toFixed(field.decimals ?? 2).replace('.', ',')),
    );
  },
  currency(field) {
    const cents = fc.integer({ min: field.min ?? 0, max: field.max ?? 1e9 });
    return one(
      field,
      cents.map((c) => `${(c / 100).toFixed(2).replace('.', ',')} €`),
    );
  },
  time: (field) =>
    one(
      field,
      fc
        .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
        .map(([h, m]) => `${h}:${String(m).padStart(2, '0')}`),
    ),
  iban: (field) =>
    one(
      field,
      fc.constantFrom('DE02 1203 0000 0000 2020 51', 'de89370400440532013000', 'AT611904300234573201'),
    ),
  bic: (field) => one(field, fc.constantFrom('MARKDEF1100', 'COBADEFF', 'deut de db ber')),
  postcode: (field) =>
    one(
      field,
      fc.integer({ min: 1000, max: 99999 }).map((n) => String(n).padStart(5, '0')),
    ),
  licensePlate: (field) => one(field, fc.constantFrom('mu ab 123', 'LÖ-X 9999', 'm-ab1e', 'B-Z 1 h')),
  taxId: (field) => one(field, fc.constantFrom('12345678995', '11 213 456 783', '86095742719')),
  declaration: (field) => one(field, fc.constant('true')),
  address: (field) =>
    parts(
      field,
      fc.record({
        street: fc.constantFrom('Hauptstraße', 'Am Markt', 'Straße des 17. Juni'),
        houseNumber: fc.constantFrom('1', '12a', '12-14', '7 b'),
        supplement: fc.constantFrom('', 'Hinterhaus', 'c/o Müller'),
        postcode: fc.integer({ min: 1000, max: 99999 }).map((n) => String(n).padStart(5, '0')),
        city: fc.constantFrom('Musterstadt', 'Bad Beispielhausen'),
      }),
    ),
  foreignAddress: (field) =>
    parts(
      field,
      fc.record({
        line1: fc.constantFrom('12 Rue de la Paix', '1 Main Street'),
        line2: fc.constantFrom('75002 Paris', 'Springfield, IL 62701'),
        line3: fc.constantFrom('', 'Apt. 4'),
        country: fc.constantFrom('FR', 'us', 'XK', 'AT'),
      }),
    ),
  file(field) {
    // What the web layer posts after storing uploads: one reference (JSON) per file.
    const limits = fileLimits(field);
    const ref = fc.record({
      id: fc.uuid({ version: 7 }),
      name: fc.constantFrom('schein.pdf', 'Fahrzeugschein Rückseite.jpg', 'a.png'),
      mediaType: fc.constantFrom(...limits.accept),
      size: fc.integer({ min: 1, max: limits.maxSizeBytes }),
      sha256: fc.stringMatching(/^[0-9a-f]{64}$/),
    });
    return fc
      .uniqueArray(ref, { minLength: 1, maxLength: limits.maxFiles, selector: (r) => r.id })
      .map((refs): RawInput => ({ [field.key]: refs.map((r) => JSON.stringify(r)) }));
  },
  info: () => fc.constant({}),
  warning: () => fc.constant({}),
  group(field) {
    // One to three items (within the group's limits), each posted under its item names; the
    // first answer field is always filled, since an item without any answer is refused.
    const min = Math.max(1, field.minItems ?? 0);
    const max = Math.min(field.maxItems, min + 2);
    const first = field.fields.find((f) => !isBlockField(f));
    const item = (n: number) =>
      fc.tuple(
        ...field.fields.map((child) => {
          const raw = validRaw({ ...child, key: `${field.key}-${n}-${child.key}` });
          const required = child === first || isRequired(child);
          return required ? raw : fc.option(raw, { nil: undefined }).map((r) => r ?? {});
        }),
      );
    return fc
      .integer({ min, max })
      .chain((count) => fc.tuple(...Array.from({ length: count }, (_, i) => item(i + 1))))
      .map(
        (items): RawInput => Object.assign({ [`${field.key}-items`]: String(items.length) }, ...items.flat()),
      );
  },
};

/** Text within the field's length limits, or matching its pattern. */
function textInput(
  field: { key: string; minLength?: number; maxLength?: number },
  pattern: Pattern | undefined,
): fc.Arbitrary<RawInput> {
  const min = Math.max(1, field.minLength ?? 0);
  const max = field.maxLength ?? Math.max(min, 40);
  const base = pattern
    ? fc.stringMatching(new RegExp(`^(?:${pattern.regex})$`, 'u'))
    : fc.string({ unit: 'binary', minLength: min, maxLength: max });
  return (
    base
      // Control characters are refused by the engine before any field sees them (control-characters.ts).
      .filter((s) => trimmed(s) && !hasControlCharacter(s, false))
      .filter((s) => [...s].length >= min && [...s].length <= max)
      .map((v): RawInput => ({ [field.key]: v }))
  );
}

function validRaw(field: Field): fc.Arbitrary<RawInput> {
  return (VALID_INPUT[field.type] as (field: Field) => fc.Arbitrary<RawInput>)(field);
}

/** Input for every field of the definition; optional fields are sometimes left empty. */
function inputs(definition: ServiceDefinition): fc.Arbitrary<Record<string, RawInput>> {
  const fields = definition.steps.flatMap((s) => s.fields);
  const entries = fields.map((field) => {
    const raw = validRaw(field);
    const required = isRequired(field) || (field.type === 'group' && (field.minItems ?? 0) > 0);
    return [field.key, required ? raw : fc.option(raw, { nil: undefined }).map((r) => r ?? {})] as const;
  });
  return fc.record(Object.fromEntries(entries));
}

/** Walks the journey like a citizen, posting the given input on every step, then finalizes. */
function submitAll(model: FormModel, rawByKey: Record<string, RawInput>): Answers {
  let answers: Answers = {};
  let step = model.applicableSteps(answers)[0];
  for (let guard = 0; step && guard < 100; guard++) {
    const raw: RawInput = Object.assign({}, ...step.fields.map((f) => rawByKey[f.key] ?? {}));
    const result = model.submitStep(step.id, raw, answers, CTX);
    // Independently generated answers may break a cross-field validation (e.g. dates in order);
    // such inputs are discarded, not failures.
    const crossField = new Set(validationFields(model.definition));
    fc.pre(!result.errors.some((e) => crossField.has(e.key)));
    assert.deepEqual(result.errors, [], `step ${step.id} refused the generated input`);
    answers = result.answers;
    step = model.nextStep(step.id, answers);
  }
  const final = model.finalize(answers, CTX);
  assert.deepEqual(final.errors, []);
  return final.answers;
}

function validationFields(definition: ServiceDefinition): string[] {
  return [...definition.steps.flatMap((s) => s.validations ?? []), ...(definition.validations ?? [])].flatMap(
    (v) => v.fields,
  );
}

function wrongType(value: AnswerValue): unknown {
  if (typeof value === 'string') return 42;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 0;
  return JSON.stringify(value);
}

const demos = await demoDefinitions();

describe('data schema of demo definitions', () => {
  for (const { file, definition } of demos) {
    describe(file, () => {
      const schema = dataSchema(definition, ID);
      const ajv = strictAjv();
      const validate = ajv.compile(schema);
      const model = compile(definition);

      it('is a complete JSON Schema 2020-12 document', () => {
        assert.equal(ajv.validateSchema(schema), true, JSON.stringify(ajv.errors));
        assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
        assert.equal(schema.$id, ID);
        assert.equal(schema.title, definition.title.de);
        assert.equal(schema.additionalProperties, false);
        const answerKeys = definition.steps
          .flatMap((s) => s.fields)
          .filter((f) => !isBlockField(f))
          .map((f) => f.key);
        const computedKeys = (definition.computed ?? []).map((c) => c.key);
        assert.deepEqual(Object.keys(schema.properties as object), [...answerKeys, ...computedKeys]);
      });

      it('accepts every submission the engine stores', () => {
        fc.assert(
          fc.property(inputs(definition), (rawByKey) => {
            const answers = submitAll(model, rawByKey);
            assert.ok(validate(answers), `${JSON.stringify(answers)}\n${JSON.stringify(validate.errors)}`);
          }),
          { numRuns: 150 },
        );
      });

      it('refuses wrong types, unknown keys and missing required answers', () => {
        // The first sample that passes the cross-field validations (submitAll discards the others).
        let answers: Answers | undefined;
        for (const raw of fc.sample(inputs(definition), { numRuns: 50, seed: 42 })) {
          try {
            answers = submitAll(model, raw);
            break;
          } catch (e) {
            if (!fc.PreconditionFailure.isFailure(e)) throw e;
          }
        }
        assert.ok(answers);
        assert.ok(validate(answers));
        for (const [key, value] of Object.entries(answers)) {
          assert.equal(validate({ ...answers, [key]: wrongType(value) }), false, `wrong type of ${key}`);
        }
        assert.equal(validate({ ...answers, unbekannt: 'x' }), false, 'unknown key');
        assert.equal(validate([]), false);
        for (const key of (schema.required as string[] | undefined) ?? []) {
          const { [key]: _, ...without } = answers;
          assert.equal(validate(without), false, `without ${key}`);
        }
      });
    });
  }
});

describe('data schema of the test fixture (conditions)', () => {
  const definition = load(new URL('../../test/fixtures/testantrag.json', import.meta.url));
  const schema = dataSchema(definition, ID);
  const validate = strictAjv().compile(schema);
  const base = {
    vorname: 'Erika',
    nachname: 'Mustermann',
    geburtsdatum: '1987-03-27',
    anzahl: 1,
    art: 'klein',
    zusatz: false,
  };

  it('requires unconditional required answers only', () => {
    assert.deepEqual(schema.required, ['vorname', 'nachname', 'geburtsdatum', 'anzahl', 'art', 'zusatz']);
    assert.ok(validate(base));
    assert.ok(validate({ ...base, email: 'erika@example.de' }));
  });

  it('requires a revealed answer and refuses a hidden one', () => {
    assert.equal(validate({ ...base, zusatz: true }), false, 'revealed and required, but missing');
    assert.ok(validate({ ...base, zusatz: true, zusatztext: 'Text' }));
    assert.equal(validate({ ...base, zusatztext: 'Text' }), false, 'hidden field answered');
  });

  it('requires answers of a step that applies and refuses those of a step that does not', () => {
    assert.equal(validate({ ...base, anzahl: 3 }), false);
    assert.ok(validate({ ...base, anzahl: 3, grund: 'Weil' }));
    assert.equal(validate({ ...base, grund: 'Weil' }), false);
  });

  it('keeps out-of-range values out', () => {
    assert.equal(validate({ ...base, anzahl: 6 }), false);
    assert.equal(validate({ ...base, anzahl: 1.5 }), false);
    assert.equal(validate({ ...base, art: 'mittel' }), false);
    assert.equal(validate({ ...base, geburtsdatum: '1987-02-30' }), false);
    assert.equal(validate({ ...base, vorname: 'x'.repeat(61) }), false);
    assert.equal(validate({ ...base, vorname: '' }), false);
  });
});

describe('field data schemas agree with field validation', () => {
  const ajv = strictAjv();
  const check = (field: Field, value: string) => {
    const schema = handlerFor(field).dataSchema(field);
    assert.ok(schema);
    const engineOk = handlerFor(field).validate(field, value, CTX) === null;
    assert.equal(ajv.validate(schema, value), engineOk, `${field.type} ${JSON.stringify(value)}`);
  };

  it('phone: the same numbers, exactly', () => {
    const field: Field = { type: 'phone', key: 'tel', label: { de: 'Telefon' } };
    fc.assert(
      fc.property(fc.stringMatching(/^[+0-9 ()/a-]{1,25}$/), (value) => check(field, value.trim() || '0')),
      { numRuns: 500 },
    );
  });

  it('email: the same addresses, including umlaut domains', () => {
    const field: Field = { type: 'email', key: 'mail', label: { de: 'E-Mail' } };
    for (const v of ['erika.müller@bücher.de', 'a@b.de', 'a@b', 'a b@c.de', '@c.de', 'a@.de', 'a@b..de'])
      check(field, v);
    fc.assert(fc.property(fc.emailAddress(), (v) => check(field, v)));
  });

  it('text: lengths count characters as people do', () => {
    const field: Field = { type: 'text', key: 't', label: { de: 'T' }, minLength: 2, maxLength: 3 };
    for (const v of ['ab', 'abc', 'abcd', 'a', '😀😀', '😀😀😀😀']) check(field, v);
  });
});

describe('conditions as JSON Schema', () => {
  const kinds = new Map<string, AnswerKind>([
    ['b', 'boolean'],
    ['n', 'number'],
    ['s', 'string'],
    ['l', 'array'],
  ]);
  const ajv = strictAjv();
  const v = (name: string) => ({ var: name });
  const atoms: unknown[] = [
    true,
    0,
    v('b'),
    v('n'),
    v('s'),
    v('l'),
    { var: ['n'] },
    { '==': [v('b'), true] },
    { '==': [v('b'), false] },
    { '===': [2, v('n')] },
    { '!=': [v('s'), 'privat'] },
    { '!==': [v('s'), 'a'] },
    { '>': [v('n'), 1] },
    { '>=': [v('n'), -1] },
    { '<': [v('n'), 2] },
    { '<=': [v('n'), 0] },
    { '<': [0, v('n')] },
    { '<=': [-2, v('n')] },
    { in: ['a', v('l')] },
    { in: [v('s'), ['a', 'b']] },
    { in: [v('n'), [1, 3]] },
  ];
  const rule = fc.letrec<{ rule: unknown }>((tie) => ({
    rule: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom(...atoms),
      fc.array(tie('rule'), { minLength: 1, maxLength: 3 }).map((args) => ({ and: args })),
      fc.array(tie('rule'), { minLength: 1, maxLength: 3 }).map((args) => ({ or: args })),
      tie('rule').map((r) => ({ '!': [r] })),
      tie('rule').map((r) => ({ '!!': r })),
    ),
  })).rule;
  const answers = fc.record(
    {
      b: fc.boolean(),
      n: fc.integer({ min: -3, max: 3 }),
      s: fc.constantFrom('', 'a', 'b', 'privat'),
      l: fc.subarray(['a', 'b', 'c']),
    },
    { requiredKeys: [] },
  );

  it('holds exactly when the engine says the rule holds', () => {
    fc.assert(
      fc.property(rule, answers, (r, data) => {
        const cond = conditionSchema(r, kinds);
        assert.notEqual(cond, undefined, JSON.stringify(r));
        const schema = typeof cond === 'boolean' ? cond : { type: 'object', allOf: [cond] };
        assert.equal(
          ajv.validate(schema, data),
          compileCondition(r)(data),
          `${JSON.stringify(r)} on ${JSON.stringify(data)}`,
        );
      }),
      { numRuns: 500 },
    );
  });

  it('leaves out what it cannot express exactly', () => {
    for (const r of [
      { '==': [v('n'), '1'] }, // loose equality across types
      { '==': [v('b'), null] },
      { '>': [v('s'), 'a'] },
      { var: 'x.y' },
      { var: ['n', 5] },
      { var: 'unbekannt' },
      { '+': [v('n'), 1] },
      { in: [v('s'), 'abc'] },
      { some: [v('l'), { '==': [{ var: '' }, 'a'] }] },
      { and: [v('b'), { '*': [1, 2] }] },
      [1],
    ]) {
      assert.equal(conditionSchema(r, kinds), undefined, JSON.stringify(r));
    }
  });
});

describe('data schema: computed values', () => {
  it('are optional properties, typed when the rule makes it obvious', () => {
    const result = parseDefinition({
      formatVersion: 2,
      id: 'computed',
      title: { de: 'Berechnet' },
      summary: { de: 'Test' },
      declaration: { de: 'Ja.' },
      steps: [
        {
          id: 'eins',
          title: { de: 'Eins' },
          fields: [
            { type: 'number', key: 'n', label: { de: 'Anzahl' } },
            { type: 'text', key: 'name', label: { de: 'Name' } },
          ],
        },
      ],
      computed: [
        { key: 'gesamt', label: { de: 'Gesamt' }, rule: { '+': [{ var: ['n', 0] }, 1] } },
        { key: 'viele', rule: { '>': [{ var: 'gesamt' }, 3] } },
        { key: 'gruss', rule: { cat: ['Hallo ', { var: 'name' }] } },
        { key: 'egal', rule: { var: 'name' } },
      ],
      local: { office: { name: { de: 'Amt' } } },
    });
    assert.ok(result.ok, JSON.stringify(result));
    const schema = dataSchema(result.definition, ID);
    const properties = schema.properties as Record<string, JsonSchemaLike>;
    assert.equal(properties.gesamt?.type, 'integer');
    assert.equal(properties.gesamt?.title, 'Gesamt');
    assert.equal(properties.viele?.type, 'boolean');
    assert.equal(properties.gruss?.type, 'string');
    assert.equal(properties.egal?.type, 'string');
    assert.equal((schema.required as string[] | undefined)?.includes('gesamt') ?? false, false);
    const model = compile(result.definition);
    const final = model.finalize({ n: 5, name: 'Ada' }, CTX);
    assert.deepEqual(final.answers, {
      n: 5,
      name: 'Ada',
      gesamt: 6,
      viele: true,
      gruss: 'Hallo Ada',
      egal: 'Ada',
    });
    const validate = strictAjv().compile(schema);
    assert.ok(validate(final.answers), JSON.stringify(validate.errors));
    assert.equal(validate({ ...final.answers, gesamt: 'sechs' }), false);
  });
});

type JsonSchemaLike = { type?: string; title?: string };
