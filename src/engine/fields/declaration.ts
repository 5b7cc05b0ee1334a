/**
 * `declaration`: one checkbox the applicant must tick to confirm a statement (e.g. a SEPA direct
 * debit mandate). Always required; the answer is `true`. The label is the question (legend), the
 * declaration `text` is the checkbox's label.
 */
import type { DeclarationField } from '../../definition/types.ts';
import { localize } from '../../definition/types.ts';
import { text } from '../texts.ts';
import { choiceList } from './choice-view.ts';
import type { FieldTypeHandler } from './contract.ts';
import { msg } from './messages.ts';
import { keepRaw, rawString } from './raw.ts';
import { group } from './view-parts.ts';

const POSTED = 'true';

export const declarationField: FieldTypeHandler<DeclarationField, true> = {
  type: 'declaration',
  parse(field, raw) {
    const rawKept = keepRaw(raw, [field.key]);
    return { value: rawString(raw, field.key) === POSTED ? true : undefined, rawKept };
  },
  validate(_field, value) {
    return value === true ? null : msg.confirm();
  },
  isEmpty: (value) => value !== true,
  // The statement itself, so the summary, inbox and PDF show what exactly was confirmed.
  format: (field, value, locale) =>
    value === true ? `${text(locale, 'declaration.confirmed')}: ${localize(field.text, locale)}` : '',
  dataSchema: () => ({ const: true }),
  view(input) {
    const { field, locale } = input;
    const checked = input.raw ? rawString(input.raw, field.key) === POSTED : input.value === true;
    const choice = { value: POSTED, label: localize(field.text, locale), checked };
    return group(input, choiceList('checkbox', field.key, [choice], input.error !== undefined), false);
  },
};
