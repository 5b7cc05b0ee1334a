/**
 * The contract every field type implements. A field type owns all of its aspects in one module:
 * how posted input becomes an answer, what makes an answer valid, when it counts as empty, how it
 * reads in a summary and how it is rendered. Adding a field type means adding one module and one
 * registry entry here, and its facts in the definition layer (`definition/field-types/`); see
 * ADR 0020 for a worked example. `contract.test.ts` checks this contract for every type.
 */
import type { AnswerValue, Field, Locale, LocalizedText } from '../../definition/types.ts';
import type { SafeHtml } from '../../lib/html.ts';
import type { EngineContext, FieldError, FieldViewInput, RawInput } from '../model.ts';

/**
 * A field's error message. A composite field (an address) names the input the message is about
 * with `inputId`, so the error summary links to that very part and only it is marked invalid;
 * without it, the field's first input (`field-<key>`) is meant.
 */
export type FieldMessage = LocalizedText & {
  readonly inputId?: string;
  /**
   * Further problems of the same field at other inputs of it, each with its own `inputId`: every
   * missing part of an address is said at that part, not once for the whole address.
   */
  readonly more?: readonly FieldMessage[];
};

/** The id of the input an error is about (see `FieldMessage`). */
export function errorInputId(key: string, message: FieldMessage): string {
  return message.inputId ?? `field-${key}`;
}

/** The field's errors, one per input a message is about (the message and its `more`), in order. */
export function fieldErrors(key: string, message: FieldMessage): FieldError[] {
  return [message, ...(message.more ?? [])].map((m) => {
    const { more: _more, inputId: _inputId, ...text } = m;
    return { key, inputId: errorInputId(key, m), message: text };
  });
}

export interface ParsedInput<V extends AnswerValue = AnswerValue> {
  /** The answer, or undefined when nothing (or nothing understandable) was entered. */
  value: V | undefined;
  /**
   * This field's own posted inputs, unchanged, so a step with errors can show exactly what was
   * typed (e.g. "31" "02" "2024" for an impossible date) even when no answer could be made of it.
   */
  rawKept: RawInput;
  /** Set when something was entered but cannot be understood; takes precedence over `validate`. */
  invalid?: FieldMessage;
}

/**
 * A JSON Schema (2020-12) object, kept as plain JSON. Only standard keywords: consumers compile it
 * with strict validators (Ajv's strict mode refuses unknown keywords).
 */
export type JsonSchema = { readonly [keyword: string]: unknown };

export interface FieldTypeHandler<F extends Field = Field, V extends AnswerValue = AnswerValue> {
  readonly type: F['type'];
  /**
   * Set by types whose answer is several lines (`textarea`): their input may contain line breaks
   * and tabs. Every other control character is refused in every input (`control-characters.ts`).
   */
  readonly acceptsLineBreaks?: true;
  /** Posted input to answer. Never throws; input a citizen can produce is never a crash. */
  parse(field: F, raw: RawInput): ParsedInput<V>;
  /**
   * Checks a stored or freshly parsed answer; null when valid. Also checks the value's type,
   * because answers loaded from storage may come from another definition version.
   */
  validate(field: F, value: AnswerValue | undefined, ctx: EngineContext): FieldMessage | null;
  isEmpty(value: AnswerValue | undefined): boolean;
  /** The answer for humans: summary page, inbox, PDF. */
  format(field: F, value: AnswerValue, locale: Locale): string;
  view(input: FieldViewInput & { field: F }): SafeHtml;
  /**
   * JSON Schema (2020-12) of the answer as stored after submit, for the published data contract
   * (`engine/data-schema.ts`); null for fields that store nothing. Every value this type's `parse`
   * and `validate` let through must validate, and should be as tight as JSON Schema allows.
   * Title and description are added by the caller.
   */
  dataSchema(field: F): JsonSchema | null;
}
