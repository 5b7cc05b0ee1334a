/**
 * How rules read the answers of the types that share an answer kind (see `LogicOperand`). Types
 * with an answer of their own kind (a date, a number with limits, a list) state theirs in their
 * module.
 */
import type { Field, RadioField, SelectField } from '../types.ts';
import type { LogicOperand } from './facts.ts';

export function describe(value: unknown): string {
  return JSON.stringify(value);
}

/** Any literal may be compared (a text typed by the citizen). */
export const textOperand: LogicOperand<Field> = {
  value: () => ({ type: 'string', nonNegative: true }),
  mismatch: () => undefined,
};

/** An answer that is `true` or `false` (`yesno`, `declaration`). */
export const yesNoOperand: LogicOperand<Field> = {
  value: () => ({ type: 'boolean', nonNegative: true }),
  mismatch(field, literal, ordering) {
    if (ordering) return `compares yes/no field '${field.key}' by order; use == with true or false`;
    return typeof literal === 'boolean'
      ? undefined
      : `compares yes/no field '${field.key}' with ${describe(literal)}; its answer is true or false`;
  },
};

/** Numbers compare with number literals only (`number`, `currency`). */
export function numberMismatch(field: Field, literal: unknown): string | undefined {
  return typeof literal === 'number'
    ? undefined
    : `compares number field '${field.key}' with ${describe(literal)}; use a number literal`;
}

/** One option value (`select`, `radio`): compared with its option values. */
export const singleChoiceOperand: LogicOperand<SelectField | RadioField> = {
  value: () => ({ type: 'string', nonNegative: true }),
  mismatch(field, literal, ordering) {
    if (ordering) return undefined;
    if (typeof literal !== 'string')
      return `compares choice field '${field.key}' with ${describe(literal)}; use one of its option values`;
    return field.options.some((o) => o.value === literal)
      ? undefined
      : `compares choice field '${field.key}' with '${literal}', which is not one of its option values (${field.options.map((o) => o.value).join(', ')})`;
  },
};
