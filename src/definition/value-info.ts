/**
 * What a JSON Logic rule produces or reads, as far as the publish-time checks of arithmetic and
 * the fee care (`logic-check.ts`). Its own module because the field type facts (`field-types/`)
 * state it for their answers and `logic-check.ts` reads those facts.
 */

/** The kind of a value and whether it can be negative. */
export interface ValueKind {
  type: 'int' | 'number' | 'boolean' | 'string' | 'array' | 'null' | 'unknown';
  /** Never below zero. */
  nonNegative: boolean;
}

/** A value's kind and whether it can be `null` (a missing answer). */
export interface ValueInfo extends ValueKind {
  nullable: boolean;
}
