/**
 * What the definition layer knows about one field type, as one object per type. The table of all
 * of them (`table.ts`) is a mapped type over `FieldType`, so the compiler proves every type states
 * every fact, and no `switch` on the field type with a `default:` is left to forget a new one.
 *
 * The engine's handlers (`engine/fields/registry.ts`) are the other half of a field type: parsing,
 * validation, formatting, rendering and the data schema of its answer. They cannot live here,
 * because `definition/` sits below the engine; see ADR 0020.
 */
import type { DefinitionProblem } from '../problems.ts';
import type { BlockField, EasyText, Field, GroupField } from '../types.ts';
import type { ValueKind } from '../value-info.ts';

/** A JSON Schema (2020-12) object of the definition format, kept as plain JSON. */
export type SchemaObject = { readonly [keyword: string]: unknown };

/**
 * What a JSON Logic rule sees when it reads the field's answer (`{"var": "key"}`), for the
 * publish-time checks of `logic-check.ts`.
 */
export interface LogicOperand<F extends Field> {
  /**
   * What the answer is to arithmetic and the fee. Whether it can be missing depends on where the
   * field is (required, conditions), so the caller adds that.
   */
  value(field: F): ValueKind;
  /**
   * Why comparing the answer with `literal` (a string, number or boolean) can never mean what the
   * designer wrote, or undefined when it may be fine. `ordering` is true for `<`, `<=`, `>`, `>=`.
   */
  mismatch(field: F, literal: unknown, ordering: boolean): string | undefined;
}

/**
 * Whether a field of this type may be a question in the items of a repeating group:
 * - `'allowed'`;
 * - `{ notInSchema }`: the format's schema leaves the type out of `$defs/itemField`, and the
 *   message replaces Ajv's "unknown field type" (groups do not nest);
 * - `{ refused }`: the schema lets it in, so its shape is checked as anywhere else, and publishing
 *   refuses it with this message, which says why and what to do instead.
 */
export type GroupItemRule<F extends Field> =
  | 'allowed'
  | { readonly notInSchema: string }
  | { readonly refused: (field: F, group: GroupField) => string };

export interface FieldTypeFacts<F extends Field> {
  /** The type's JSON Schema in the definition format (`$defs/<type>Field`). */
  readonly schema: SchemaObject;
  /** How rules may read its answer; null for text blocks, which have no answer to read. */
  readonly operand: [F] extends [BlockField] ? null : LogicOperand<F>;
  readonly inGroupItem: GroupItemRule<F>;
  /**
   * Checks the schema cannot express (contradictory limits, regular expressions, duplicate
   * options), run at publish time on a field that passed the schema. Item fields of a group are
   * checked one by one by the caller.
   */
  check(field: F, path: string, problems: DefinitionProblem[]): void;
  /**
   * The field with each text that may have a Leichte-Sprache version (ADR 0019) replaced by
   * `convert(text)`; absent texts stay absent, and a field without such texts is returned as it is.
   */
  easyTexts(field: F, convert: (text: EasyText) => EasyText): F;
}

/** The facts of any field type, for the code that dispatches on `field.type` (see `factsOf`). */
export interface AnyFieldTypeFacts {
  readonly schema: SchemaObject;
  readonly operand: LogicOperand<Field> | null;
  readonly inGroupItem: GroupItemRule<Field>;
  check(field: Field, path: string, problems: DefinitionProblem[]): void;
  easyTexts(field: Field, convert: (text: EasyText) => EasyText): Field;
}

/** For types whose every constraint the schema already expresses. */
export function nothingToCheck(): void {}

/** For answer fields whose only text with a Leichte-Sprache version is the help text (`hint`). */
export function hintOnly<F extends Field & { hint?: EasyText }>(
  field: F,
  convert: (text: EasyText) => EasyText,
): F {
  return field.hint ? { ...field, hint: convert(field.hint) } : field;
}
