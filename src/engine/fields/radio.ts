/** `radio`: one answer from a short list of options. */
import type { RadioField } from '../../definition/types.ts';
import { choiceList } from './choice-view.ts';
import type { FieldTypeHandler } from './contract.ts';
import { labelWithDetail } from './options.ts';
import { rawString } from './raw.ts';
import { singleChoice } from './single-choice.ts';
import { group } from './view-parts.ts';

export const radioField: FieldTypeHandler<RadioField, string> = {
  type: 'radio',
  ...singleChoice,
  view(input) {
    const { field, locale } = input;
    const selected = input.raw ? rawString(input.raw, field.key) : input.value;
    const choices = field.options.map((o) => ({
      value: o.value,
      label: labelWithDetail(o, locale),
      checked: o.value === selected,
    }));
    return group(input, choiceList('radio', field.key, choices, input.error !== undefined), false);
  },
};
