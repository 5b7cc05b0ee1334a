/**
 * `licensePlate`: a German vehicle registration number (Kfz-Kennzeichen), stored as `MU-AB 123`.
 * No settings beyond those every answer field has; how it is typed and normalised, the engine's
 * handler knows (ADR 0030).
 */
import type { LicensePlateField } from '../types.ts';
import { type FieldTypeFacts, hintOnly, nothingToCheck } from './facts.ts';
import { textOperand } from './operands.ts';
import { fieldSchema } from './schema-parts.ts';

export const licensePlateFacts: FieldTypeFacts<LicensePlateField> = {
  schema: fieldSchema({}),
  operand: textOperand,
  inGroupItem: 'allowed',
  check: nothingToCheck,
  easyTexts: hintOnly,
};
