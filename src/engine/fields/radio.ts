/** `radio`: one answer from a short list of options. */
import type { RadioField } from '../../definition/types.ts';
import { localize } from '../../definition/types.ts';
import { choiceList } from './choice-view.ts';
import type { FieldTypeHandler } from './contract.ts';
import { labelsOf, msg } from './messages.ts';
import { hasOption, optionLabel, optionValues } from './options.ts';
import { keepRaw, rawString } from './raw.ts';
import { isEmptyString } from './strings.ts';
import { group } from './view-parts.ts';

export const radioField: FieldTypeHandler<RadioField, string> = {
  type: 'radio',
  parse(field, raw) {
    const value = rawString(raw, field.key);
    return { value: value === '' ? undefined : value, rawKept: keepRaw(raw, [field.key]) };
  },
  validate(field, value) {
    if (value === undefined || value === '') return field.required ? msg.select(labelsOf(field)) : null;
    if (typeof value !== 'string' || !hasOption(field.options, value))
      return msg.unknownOption(labelsOf(field));
    return null;
  },
  isEmpty: isEmptyString,
  format: (field, value, locale) => optionLabel(field.options, String(value), locale),
  dataSchema: (field) => ({ type: 'string', enum: optionValues(field.options) }),
  view(input) {
    const { field, locale } = input;
    const selected = input.raw ? rawString(input.raw, field.key) : input.value;
    const choices = field.options.map((o) => ({
      value: o.value,
      label: localize(o.label, locale),
      checked: o.value === selected,
    }));
    return group(input, choiceList('radio', field.key, choices, input.error !== undefined), false);
  },
};
