/**
 * What the two address types share: posted parts, the record they are stored as, the markup of one
 * part inside the address's fieldset, and messages that name the part ("Geben Sie die
 * Postleitzahl an"), each pointing at that part's input.
 *
 * Part inputs are named `<key>-<part>` (field keys contain no "-", so they cannot collide with
 * other fields). The first part's id is `field-<key>`, the others `field-<key>-<part>`.
 */
import type { AnswerRecord, AnswerValue } from '../../definition/types.ts';
import { attr, html, type SafeHtml, unsafeRaw } from '../../lib/html.ts';
import type { FieldError, FieldViewInput, RawInput } from '../model.ts';
import type { Translated } from '../texts.ts';
import type { FieldMessage } from './contract.ts';
import { msg, type WithLabel } from './messages.ts';
import { keepRaw, rawString } from './raw.ts';
import { charCount } from './strings.ts';
import { errorHtml, INVALID_ATTR } from './view-parts.ts';

export interface PartSpec<P extends string> {
  part: P;
  label: Translated;
  /** Polite message when the part is missing, e.g. „Geben Sie die Postleitzahl an“. */
  missing: Translated;
  /** Must be filled in when the address is given. */
  required: boolean;
  maxLength: number;
  autocomplete?: string;
  /** KERN width modifier, e.g. `kern-form-input__input--width-10`. */
  width?: string;
  numeric?: boolean;
}

export function partName(key: string, part: string): string {
  return `${key}-${part}`;
}

export function partId(key: string, parts: readonly PartSpec<string>[], part: string): string {
  return parts[0]?.part === part ? `field-${key}` : `field-${key}-${part}`;
}

/** The posted parts, trimmed; raw inputs kept for re-showing; undefined when every part is empty. */
export function readParts<P extends string>(
  key: string,
  parts: readonly PartSpec<P>[],
  raw: RawInput,
): { values: Record<P, string>; rawKept: RawInput; empty: boolean } {
  const rawKept = keepRaw(
    raw,
    parts.map((p) => partName(key, p.part)),
  );
  const values = {} as Record<P, string>;
  let empty = true;
  for (const p of parts) {
    // Inner runs of spaces are one space: what people type into two fields is not a new line.
    const value = (rawString(raw, partName(key, p.part)) ?? '').replace(/\s+/g, ' ').trim();
    values[p.part] = value;
    if (value !== '') empty = false;
  }
  return { values, rawKept, empty };
}

/** The record stored: only parts with a value, so an optional part left empty is absent. */
export function toRecord(values: Record<string, string>): AnswerRecord {
  const record: Record<string, string> = {};
  for (const [part, value] of Object.entries(values)) if (value !== '') record[part] = value;
  return record;
}

export function isRecord(value: AnswerValue | undefined): value is AnswerRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isEmptyRecord(value: AnswerValue | undefined): boolean {
  return value === undefined || (isRecord(value) && Object.keys(value).length === 0);
}

/** A string part of a stored record, '' when absent (or not a string, from another version). */
export function partOf(record: AnswerRecord, part: string): string {
  const value = record[part];
  return typeof value === 'string' ? value : '';
}

export const partMsg = {
  missing: (spec: PartSpec<string>, inputId: string): FieldMessage => ({ ...spec.missing, inputId }),
  tooLong: (spec: PartSpec<string>, inputId: string): FieldMessage => ({
    ...msg.partTooLong(spec.label, spec.maxLength),
    inputId,
  }),
};

/**
 * The checks both address types make first, in order: nothing entered (an error only when the
 * field is required), not a record (an answer from another version), a required part missing, a
 * part too long. Null when all pass; the type's own checks (postcode, country) come after.
 */
export function checkPartsOf<P extends string>(
  field: WithLabel & { key: string; required?: boolean },
  parts: readonly PartSpec<P>[],
  value: AnswerValue | undefined,
  lengthParts: readonly PartSpec<P>[] = parts,
): FieldMessage | null {
  if (isEmptyRecord(value)) return field.required ? missingParts(field.key, parts, {}) : null;
  if (!isRecord(value)) return msg.enter('address');
  return missingParts(field.key, parts, value) ?? checkLengths(field.key, lengthParts, value);
}

/**
 * Every required part left empty, each said at its own input (the first, with the others in
 * `more`), so the citizen sees at once what is missing and where; null when none is.
 */
function missingParts<P extends string>(
  key: string,
  parts: readonly PartSpec<P>[],
  record: AnswerRecord,
): FieldMessage | null {
  const missing = parts
    .filter((p) => p.required && partOf(record, p.part) === '')
    .map((p) => partMsg.missing(p, partId(key, parts, p.part)));
  const [first, ...more] = missing;
  if (!first) return null;
  return more.length > 0 ? { ...first, more } : first;
}

/**
 * This field's error about the given part's input: from all the step's errors when the view has
 * them (a field may have one at each part), else from the field's one error.
 */
export function errorAt(input: FieldViewInput, inputId: string): FieldError | undefined {
  const own = input.errors?.find((e) => e.inputId === inputId);
  return own ?? (input.error?.inputId === inputId ? input.error : undefined);
}

/** The first part that is too long, as a message at that part; null when all fit. */
export function checkLengths<P extends string>(
  key: string,
  parts: readonly PartSpec<P>[],
  record: AnswerRecord,
): FieldMessage | null {
  for (const p of parts) {
    if (charCount(partOf(record, p.part)) > p.maxLength)
      return partMsg.tooLong(p, partId(key, parts, p.part));
  }
  return null;
}

/** The shown value of each part: what was typed (after an error) or the stored answer. */
export function shownParts(
  key: string,
  parts: readonly PartSpec<string>[],
  input: FieldViewInput,
): Record<string, string | undefined> {
  const shown: Record<string, string | undefined> = {};
  for (const p of parts) {
    shown[p.part] = input.raw
      ? rawString(input.raw, partName(key, p.part))
      : isRecord(input.value)
        ? partOf(input.value, p.part) || undefined
        : undefined;
  }
  return shown;
}

const OPTIONAL = unsafeRaw(' <span class="kern-label__optional">(optional)</span>');

/**
 * One labelled text input of the address. Only a part an error is about is marked invalid and
 * shows and is described by its own message, so the message stands where the problem is and a
 * screen reader hears it on the very input.
 */
export function partInput(
  key: string,
  parts: readonly PartSpec<string>[],
  spec: PartSpec<string>,
  value: string | undefined,
  input: FieldViewInput,
): SafeHtml {
  const id = partId(key, parts, spec.part);
  const error = errorAt(input, id);
  const invalid = error !== undefined;
  const errorId = `${id}-error`;
  const label = spec.label[input.locale];
  return html`<div class="kern-form-input${invalid ? ' kern-form-input--error' : ''}"><label class="kern-label" for="${id}">${label}${spec.required ? '' : OPTIONAL}</label><input class="kern-form-input__input${spec.width ? ` ${spec.width}` : ''}${invalid ? ' kern-form-input__input--error' : ''}" id="${id}" name="${partName(key, spec.part)}" type="text"${spec.numeric ? unsafeRaw(' inputmode="numeric"') : ''}${attr('autocomplete', spec.autocomplete)}${attr('value', value)}${invalid ? html` aria-describedby="${errorId}"` : ''}${invalid ? INVALID_ATTR : ''}>${errorHtml(error, input.locale, errorId)}</div>`;
}
