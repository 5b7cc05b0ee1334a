/** `checkbox`: any number of options; the answer is the list of checked values. */
import { pointer } from '../problems.ts';
import type { CheckboxField } from '../types.ts';
import { checkOptions } from './choice-checks.ts';
import { type FieldTypeFacts, hintOnly } from './facts.ts';
import { checkLimits } from './limits.ts';
import { describe } from './operands.ts';
import { choiceSchema, nonNegativeInt } from './schema-parts.ts';

export const checkboxFacts: FieldTypeFacts<CheckboxField> = {
  schema: choiceSchema({ minSelected: nonNegativeInt, maxSelected: nonNegativeInt }, 1),
  operand: {
    value: () => ({ type: 'array', nonNegative: true }),
    mismatch: (field, literal) =>
      `compares checkbox field '${field.key}' (a list) with ${describe(literal)}; use {"in": ["value", {"var": "${field.key}"}]}`,
  },
  inGroupItem: 'allowed',
  check(field, path, problems) {
    if (!checkOptions(field, path, problems, false)) return;
    checkLimits(problems, path, field.minSelected, field.maxSelected, 'minSelected', 'maxSelected');
    for (const name of ['minSelected', 'maxSelected'] as const) {
      const value = field[name];
      if (value !== undefined && value > field.options.length) {
        problems.push({
          path: pointer(path, name),
          message: `${name} (${value}) exceeds the number of options (${field.options.length})`,
        });
      }
    }
  },
  easyTexts: hintOnly,
};
