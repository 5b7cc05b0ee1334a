/** `address` and `foreignAddress`: a postal address, stored as a record of its parts. */
import type { AddressField, ForeignAddressField } from '../types.ts';
import { type FieldTypeFacts, hintOnly, type LogicOperand, nothingToCheck } from './facts.ts';
import { fieldSchema, ref } from './schema-parts.ts';

/** A record of parts: rules may test it for presence, nothing else is typed. */
const recordOperand: LogicOperand<AddressField | ForeignAddressField> = {
  value: () => ({ type: 'unknown', nonNegative: false }),
  mismatch: () => undefined,
};

export const addressFacts: FieldTypeFacts<AddressField> = {
  schema: fieldSchema({ prefill: ref('prefill') }),
  operand: recordOperand,
  inGroupItem: 'allowed',
  check: nothingToCheck,
  easyTexts: hintOnly,
};

export const foreignAddressFacts: FieldTypeFacts<ForeignAddressField> = {
  schema: fieldSchema({}),
  operand: recordOperand,
  inGroupItem: 'allowed',
  check: nothingToCheck,
  easyTexts: hintOnly,
};
