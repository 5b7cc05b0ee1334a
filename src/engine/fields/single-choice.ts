/**
 * What `radio` and `select` share: one answer that must be one of the options. They differ only
 * in their view (a short list of radios vs. a drop-down for long lists).
 */
import type { RadioField, SelectField } from '../../definition/types.ts';
import type { FieldTypeHandler } from './contract.ts';
import { msg } from './messages.ts';
import { hasOption, optionLabel, optionValues } from './options.ts';
import { keepRaw, rawString } from './raw.ts';
import { isEmptyString } from './strings.ts';

type SingleChoiceField = RadioField | SelectField;

export const singleChoice: Omit<FieldTypeHandler<SingleChoiceField, string>, 'type' | 'view'> = {
  parse(field, raw) {
    const value = rawString(raw, field.key);
    return { value: value === '' ? undefined : value, rawKept: keepRaw(raw, [field.key]) };
  },
  validate(field, value) {
    if (value === undefined || value === '') return field.required ? msg.select() : null;
    if (typeof value !== 'string' || !hasOption(field.options, value)) return msg.unknownOption();
    return null;
  },
  isEmpty: isEmptyString,
  format: (field, value, locale) => optionLabel(field.options, String(value), locale),
  dataSchema: (field) => ({ type: 'string', enum: optionValues(field.options) }),
};
