/**
 * Which fields must be answered whenever they are shown (unless `requiredIf` decides instead).
 * Its own small module rather than a fact in the field type table, because the engine's views need
 * it in the browser, where the table (which carries the format's schema and publish checks) is not
 * shipped.
 */
import type { Field } from './types.ts';

/**
 * `required: true`, or a declaration: it has no `required` property because it must always be
 * confirmed. (A group's items are asked for by its `minItems`, not by this.)
 */
export function isRequired(field: Field): boolean {
  return field.type === 'declaration' || ('required' in field && field.required === true);
}
