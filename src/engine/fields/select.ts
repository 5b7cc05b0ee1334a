/**
 * `select`: one answer from a drop-down list (radios are better for short lists); a long list is a
 * searchable input instead (search-select.ts).
 */
import type { SelectField } from '../../definition/types.ts';
import { attr, html } from '../../lib/html.ts';
import { text } from '../texts.ts';
import type { FieldTypeHandler } from './contract.ts';
import { labelWithDetail } from './options.ts';
import { rawString } from './raw.ts';
import { isSearchable, parseSearch, searchView } from './search-select.ts';
import { singleChoice } from './single-choice.ts';
import { INVALID_ATTR, singleControl } from './view-parts.ts';

export const selectField: FieldTypeHandler<SelectField, string> = {
  type: 'select',
  ...singleChoice,
  parse(field, raw) {
    return isSearchable(field) ? parseSearch(field, raw) : singleChoice.parse(field, raw);
  },
  view(input) {
    if (isSearchable(input.field)) return searchView(input);
    const { field, locale } = input;
    const selected = input.raw ? rawString(input.raw, field.key) : input.value;
    const options = field.options.map(
      (o) =>
        html`<option value="${o.value}"${o.value === selected ? ' selected' : ''}>${labelWithDetail(o, locale)}</option>`,
    );
    return singleControl(
      input,
      (c) =>
        html`<div class="kern-form-input__select-wrapper"><select class="kern-form-input__select${c.invalid ? ' kern-form-input__select--error' : ''}" id="${c.id}" name="${c.name}"${attr('aria-describedby', c.describedBy)}${c.invalid ? INVALID_ATTR : ''}><option value="">${text(locale, 'choice.placeholder')}</option>${options}</select></div>`,
    );
  },
};
