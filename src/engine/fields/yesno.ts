/** `yesno`: a yes/no question as two radios (values `yes`/`no`), stored as a boolean. */
import type { YesNoField } from '../../definition/types.ts';
import { text } from '../texts.ts';
import { choiceList } from './choice-view.ts';
import type { FieldTypeHandler } from './contract.ts';
import { msg } from './messages.ts';
import { keepRaw, rawString } from './raw.ts';
import { group } from './view-parts.ts';

export const yesnoField: FieldTypeHandler<YesNoField, boolean> = {
  type: 'yesno',
  parse(field, raw) {
    const rawKept = keepRaw(raw, [field.key]);
    const text = rawString(raw, field.key);
    if (text === 'yes') return { value: true, rawKept };
    if (text === 'no') return { value: false, rawKept };
    if (text === undefined || text === '') return { value: undefined, rawKept };
    return { value: undefined, rawKept, invalid: msg.yesNo() };
  },
  validate(field, value) {
    if (value === undefined) return field.required ? msg.yesNo() : null;
    return typeof value === 'boolean' ? null : msg.yesNo();
  },
  isEmpty: (value) => value === undefined,
  format: (_field, value, locale) => text(locale, value === true ? 'answer.yes' : 'answer.no'),
  dataSchema: () => ({ type: 'boolean' }),
  view(input) {
    const { field, locale } = input;
    let selected: string | undefined;
    if (input.raw) selected = rawString(input.raw, field.key);
    else if (typeof input.value === 'boolean') selected = input.value ? 'yes' : 'no';
    const choices = [
      { value: 'yes', label: text(locale, 'answer.yes'), checked: selected === 'yes' },
      { value: 'no', label: text(locale, 'answer.no'), checked: selected === 'no' },
    ];
    return group(input, choiceList('radio', field.key, choices, input.error !== undefined), true);
  },
};
