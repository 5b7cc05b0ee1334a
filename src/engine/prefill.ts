/**
 * Prefill from the citizen's identity (ADR 0049), pure: the answer an identity gives a prefilled
 * field, and the posted inputs an answer stands for. The second is how a read-only prefilled
 * field is enforced: the server posts the vouched value in place of whatever came (the browser's
 * post is never trusted), so the field's own parsing and checks apply to it like to any input.
 */
import { isEditable, type Prefill, prefilledFields } from '../definition/prefill.ts';
import {
  type Answers,
  type AnswerValue,
  type Field,
  isBlockField,
  type Locale,
  localize,
  type ServiceDefinition,
  type Step,
} from '../definition/types.ts';
import { partName } from './fields/address-parts.ts';
import { handlerFor } from './fields/registry.ts';
import type { EngineContext, RawInput } from './model.ts';

/** What an identity vouches for (the identity model's attributes, ADR 0036); every one optional. */
export interface IdentityValues {
  givenName?: string | undefined;
  familyName?: string | undefined;
  birthDate?: string | undefined;
  email?: string | undefined;
  organization?: string | undefined;
  street?: string | undefined;
  postcode?: string | undefined;
  city?: string | undefined;
  country?: string | undefined;
}

/** "Heidestraße 17", "Am Markt 3a", "Hauptstr. 12-14": the street and the house number apart. */
const STREET_AND_NUMBER = /^(.*\S)\s+(\d+\s?[a-zA-Z]?(?:\s?[-/]\s?\d+\s?[a-zA-Z]?)?)$/u;

/** An OpenID address's street line (street and house number in one) as the address field's parts. */
export function splitStreet(line: string): { street: string; houseNumber: string } | undefined {
  const match = STREET_AND_NUMBER.exec(line.trim());
  return match?.[1] && match[2] ? { street: match[1], houseNumber: match[2].replace(/\s+/g, '') } : undefined;
}

/** The identity's value for the prefill, before the field checks it; undefined when it has none. */
function candidate(prefill: Prefill, identity: IdentityValues): AnswerValue | undefined {
  if (prefill.from !== 'address') return identity[prefill.from]?.trim() || undefined;
  const { street, postcode, city, country } = identity;
  // The address field is a German address; a street line without a house number is not filled
  // half (the citizen enters the address instead).
  if (!street || !postcode || !city || (country !== undefined && country.toUpperCase() !== 'DE')) {
    return undefined;
  }
  const parts = splitStreet(street);
  return parts && { ...parts, postcode: postcode.trim(), city: city.trim() };
}

/** The posted inputs that `value` is the answer of, for the prefillable field types. */
export function answerToRaw(field: Field, value: AnswerValue): RawInput {
  if (field.type === 'date' && typeof value === 'string') {
    const [year = '', month = '', day = ''] = value.split('-');
    return {
      [partName(field.key, 'day')]: day,
      [partName(field.key, 'month')]: month,
      [partName(field.key, 'year')]: year,
    };
  }
  if (field.type === 'address' && typeof value === 'object' && !Array.isArray(value)) {
    const raw: RawInput = {};
    for (const [part, partValue] of Object.entries(value)) {
      if (typeof partValue === 'string') raw[partName(field.key, part)] = partValue;
    }
    return raw;
  }
  return typeof value === 'string' ? { [field.key]: value } : {};
}

/**
 * The answer the identity gives the field: its value as the field parses and checks it, so a
 * prefilled answer is one the citizen could have typed. Undefined when the identity has no such
 * attribute or its value does not fit the field (too long, a pattern, a date rule).
 */
export function prefillAnswer(
  field: Field,
  prefill: Prefill,
  identity: IdentityValues,
  ctx: EngineContext,
): AnswerValue | undefined {
  const value = candidate(prefill, identity);
  if (value === undefined) return undefined;
  const handler = handlerFor(field);
  const parsed = handler.parse(field, answerToRaw(field, value));
  if (parsed.invalid || parsed.value === undefined) return undefined;
  return handler.validate(field, parsed.value, ctx) === null ? parsed.value : undefined;
}

/**
 * The step's prefilled fields the identity fills now: those without an answer that were never
 * prefilled in this draft (`vouched` has them once they were; a value the citizen cleared stays
 * cleared). Returns the new answers and the vouched values, or undefined when nothing is filled.
 */
export function prefillStep(
  step: Step,
  answers: Answers,
  vouched: Answers,
  identity: IdentityValues,
  ctx: EngineContext,
): { answers: Answers; vouched: Answers } | undefined {
  let filled: { answers: Answers; vouched: Answers } | undefined;
  for (const { field, prefill } of prefilledFields(step)) {
    if (field.key in vouched) continue;
    if (!handlerFor(field).isEmpty(answers[field.key])) continue;
    const value = prefillAnswer(field, prefill, identity, ctx);
    if (value === undefined) continue;
    filled ??= { answers: { ...answers }, vouched: { ...vouched } };
    filled.answers[field.key] = value;
    filled.vouched[field.key] = value;
  }
  return filled;
}

/**
 * The post with every read-only prefilled field of the step put back to its vouched value, and
 * whether the post had tried to change one (then the page says the value was kept).
 */
export function lockPrefilled(
  step: Step,
  raw: RawInput,
  vouched: Answers,
): { raw: RawInput; changed: boolean } {
  let locked = raw;
  let changed = false;
  for (const { field, prefill } of prefilledFields(step)) {
    const value = vouched[field.key];
    if (isEditable(prefill) || value === undefined) continue;
    const posted = handlerFor(field).parse(field, raw);
    if (!sameAnswer(posted.value, value)) changed = true;
    // Every posted input of the field is replaced: parts the vouched value has not are emptied.
    const names = Object.keys(posted.rawKept);
    const expected = answerToRaw(field, value);
    locked = { ...locked, ...Object.fromEntries(names.map((n) => [n, undefined])), ...expected };
  }
  return { raw: locked, changed };
}

/** Whether two answers are the same value (records compared part by part, order aside). */
export function sameAnswer(a: AnswerValue | undefined, b: AnswerValue | undefined): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: AnswerValue | undefined): string {
  if (value === undefined) return 'undefined';
  if (typeof value !== 'object' || Array.isArray(value)) return JSON.stringify(value);
  return JSON.stringify(Object.entries(value).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
}

/** What the caseworker sees per prefilled field of a submission: kept as vouched, or changed. */
export interface PrefillMark {
  key: string;
  /** The value the identity provider vouched for. */
  vouched: AnswerValue;
  changed: boolean;
}

/** The marks of the final answers against the vouched values (fields without an answer left out). */
export function prefillMarks(answers: Answers, vouched: Answers): PrefillMark[] {
  return Object.entries(vouched).flatMap(([key, value]) =>
    key in answers ? [{ key, vouched: value, changed: !sameAnswer(answers[key], value) }] : [],
  );
}

/** A mark as the caseworker reads it: the field's label and the vouched value as text. */
export interface DescribedMark {
  key: string;
  label: string;
  vouched: string;
  changed: boolean;
}

/** The marks with their fields' labels and values in words (marks of unknown fields are left out). */
export function describeMarks(
  definition: ServiceDefinition,
  marks: readonly PrefillMark[],
  locale: Locale,
): DescribedMark[] {
  const fields = new Map(definition.steps.flatMap((s) => s.fields.map((f) => [f.key, f] as const)));
  return marks.flatMap((mark) => {
    const field = fields.get(mark.key);
    if (!field || isBlockField(field)) return [];
    return [
      {
        key: mark.key,
        label: localize(field.label, locale),
        vouched: handlerFor(field).format(field, mark.vouched, locale),
        changed: mark.changed,
      },
    ];
  });
}
