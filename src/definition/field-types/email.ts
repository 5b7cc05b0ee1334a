/**
 * `email`: an email address. `applicantContact` marks the applicant's contact address, to which
 * the confirmation with the sealed receipt goes (checked once per definition in
 * `applicant-contact.ts`); what a valid answer is, the engine's handler knows.
 */
import type { EmailField } from '../types.ts';
import { type FieldTypeFacts, hintOnly, nothingToCheck } from './facts.ts';
import { textOperand } from './operands.ts';
import { fieldSchema, ref } from './schema-parts.ts';

export const emailFacts: FieldTypeFacts<EmailField> = {
  schema: fieldSchema({
    applicantContact: {
      type: 'boolean',
      description:
        "The applicant's contact e-mail: when answered, the applicant gets a confirmation e-mail with the sealed receipt. At most one field, not in a repeating group.",
    },
    prefill: ref('prefill'),
  }),
  operand: textOperand,
  inGroupItem: 'allowed',
  check: nothingToCheck,
  easyTexts: hintOnly,
};
