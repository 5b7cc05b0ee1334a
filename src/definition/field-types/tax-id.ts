/**
 * `taxId`: the Steuer-Identifikationsnummer, stored as a string of 11 digits.
 * No settings beyond those every answer field has; what a valid answer is, the engine's handler knows.
 */
import type { TaxIdField } from '../types.ts';
import { type FieldTypeFacts, hintOnly, nothingToCheck } from './facts.ts';
import { textOperand } from './operands.ts';
import { fieldSchema } from './schema-parts.ts';

export const taxIdFacts: FieldTypeFacts<TaxIdField> = {
  schema: fieldSchema({}),
  operand: textOperand,
  inGroupItem: 'allowed',
  check: nothingToCheck,
  easyTexts: hintOnly,
};
