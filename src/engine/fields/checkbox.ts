/** `checkbox`: any number of answers from a list; the answer is the list of checked values. */
import type { CheckboxField } from '../../definition/types.ts';
import { choiceList } from './choice-view.ts';
import type { FieldTypeHandler } from './contract.ts';
import { msg } from './messages.ts';
import { hasOption, labelWithDetail, optionLabel, optionValues } from './options.ts';
import { keepRaw, rawList } from './raw.ts';
import { group } from './view-parts.ts';

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

export const checkboxField: FieldTypeHandler<CheckboxField, string[]> = {
  type: 'checkbox',
  parse(field, raw) {
    const rawKept = keepRaw(raw, [field.key]);
    // Deduplicated; an empty value is what a hidden "nothing checked" input would post.
    const values = [...new Set(rawList(raw, field.key).filter((v) => v !== ''))];
    return { value: values.length > 0 ? values : undefined, rawKept };
  },
  validate(field, value) {
    const empty = value === undefined || (Array.isArray(value) && value.length === 0);
    if (empty) return field.required ? msg.selectAtLeastOne() : null;
    if (!isStringList(value) || !value.every((v) => hasOption(field.options, v))) return msg.unknownOption();
    if (field.minSelected !== undefined && value.length < field.minSelected)
      return msg.tooFewSelected(field.minSelected);
    if (field.maxSelected !== undefined && value.length > field.maxSelected)
      return msg.tooManySelected(field.maxSelected);
    return null;
  },
  isEmpty: (value) => value === undefined || (Array.isArray(value) && value.length === 0),
  format(field, value, locale) {
    const list = isStringList(value) ? value : [String(value)];
    // In the order of the options, not the order the browser posted them.
    const order = new Map(field.options.map((o, i) => [o.value, i]));
    const sorted = [...list].sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity));
    return sorted.map((v) => optionLabel(field.options, v, locale)).join(', ');
  },
  dataSchema: (field) => ({
    type: 'array',
    items: { type: 'string', enum: optionValues(field.options) },
    uniqueItems: true,
    // Nothing checked is "no answer", so a stored list has at least one value.
    minItems: Math.max(1, field.minSelected ?? 0),
    ...(field.maxSelected !== undefined && { maxItems: field.maxSelected }),
  }),
  view(input) {
    const { field, locale } = input;
    const checked = new Set(
      input.raw ? rawList(input.raw, field.key) : isStringList(input.value) ? input.value : [],
    );
    const choices = field.options.map((o) => ({
      value: o.value,
      label: labelWithDetail(o, locale),
      checked: checked.has(o.value),
    }));
    return group(input, choiceList('checkbox', field.key, choices, input.error !== undefined), false);
  },
};
