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
import type { FieldViewInput, RawInput } from '../model.ts';
import type { Translated } from '../texts.ts';
import type { FieldMessage } from './contract.ts';
import { msg, type WithLabel } from './messages.ts';
import { keepRaw, rawString } from './raw.ts';
import { charCount } from './strings.ts';
import { INVALID_ATTR } from './view-parts.ts';

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
  if (isEmptyRecord(value)) return field.required ? msg.enter('address') : null;
  if (!isRecord(value)) return msg.enter('address');
  for (const p of parts) {
    if (p.required && partOf(value, p.part) === '')
      return partMsg.missing(p, partId(field.key, parts, p.part));
  }
  return checkLengths(field.key, lengthParts, value);
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
 * One labelled text input of the address. Only the part an error is about is marked invalid and
 * described by the error message, so a screen reader hears the message on the very input.
 */
export function partInput(
  key: string,
  parts: readonly PartSpec<string>[],
  spec: PartSpec<string>,
  value: string | undefined,
  input: FieldViewInput,
): SafeHtml {
  const id = partId(key, parts, spec.part);
  const invalid = input.error?.inputId === id;
  const label = spec.label[input.locale];
  return html`<div class="kern-form-input${invalid ? ' kern-form-input--error' : ''}"><label class="kern-label" for="${id}">${label}${spec.required ? '' : OPTIONAL}</label><input class="kern-form-input__input${spec.width ? ` ${spec.width}` : ''}${invalid ? ' kern-form-input__input--error' : ''}" id="${id}" name="${partName(key, spec.part)}" type="text"${spec.numeric ? unsafeRaw(' inputmode="numeric"') : ''}${attr('autocomplete', spec.autocomplete)}${attr('value', value)}${invalid ? html` aria-describedby="field-${key}-error"` : ''}${invalid ? INVALID_ATTR : ''}></div>`;
}
