/** `text`: one line of text, optionally with length limits, a pattern and an autocomplete token. */
import { pointer } from '../problems.ts';
import type { TextField } from '../types.ts';
import { type FieldTypeFacts, hintOnly } from './facts.ts';
import { checkLimits } from './limits.ts';
import { textOperand } from './operands.ts';
import { fieldSchema, nonNegativeInt, ref } from './schema-parts.ts';

export const textFacts: FieldTypeFacts<TextField> = {
  schema: fieldSchema({
    minLength: nonNegativeInt,
    maxLength: nonNegativeInt,
    pattern: ref('pattern'),
    autocomplete: { type: 'string', pattern: '^[a-z0-9 -]+$' },
    prefill: ref('prefill'),
  }),
  operand: textOperand,
  inGroupItem: 'allowed',
  check(field, path, problems) {
    checkLimits(problems, path, field.minLength, field.maxLength, 'minLength', 'maxLength');
    if (!field.pattern) return;
    try {
      new RegExp(field.pattern.regex, 'u');
    } catch (e) {
      problems.push({
        path: pointer(pointer(path, 'pattern'), 'regex'),
        // V8's message repeats the pattern; keep only the reason after the last colon.
        message: `invalid regular expression: ${(e as Error).message.split(': ').pop() ?? ''}`,
      });
    }
  },
  easyTexts: hintOnly,
};
