/**
 * What a newly added field of each type looks like: the least that makes it a valid field of its
 * type, so adding one never leaves the draft with a problem the designer did not cause. A mapped
 * type makes the compiler ask for an entry when a field type is added (ADR 0020).
 */
import type { Field, FieldType, LocalizedText } from '../types.ts';

type Template = {
  readonly [T in FieldType]: (key: string, label: LocalizedText) => Extract<Field, { type: T }>;
};

/** Two options to start from: a choice of none is refused by the format, one is no choice. */
const twoOptions = () => [
  { value: 'option1', label: { de: 'Option 1', en: 'Option 1' } },
  { value: 'option2', label: { de: 'Option 2', en: 'Option 2' } },
];

export const NEW_FIELD: Template = {
  text: (key, label) => ({ type: 'text', key, label }),
  textarea: (key, label) => ({ type: 'textarea', key, label }),
  number: (key, label) => ({ type: 'number', key, label }),
  date: (key, label) => ({ type: 'date', key, label }),
  email: (key, label) => ({ type: 'email', key, label }),
  phone: (key, label) => ({ type: 'phone', key, label }),
  select: (key, label) => ({ type: 'select', key, label, options: twoOptions() }),
  radio: (key, label) => ({ type: 'radio', key, label, options: twoOptions() }),
  checkbox: (key, label) => ({ type: 'checkbox', key, label, options: twoOptions() }),
  yesno: (key, label) => ({ type: 'yesno', key, label }),
  decimal: (key, label) => ({ type: 'decimal', key, label }),
  currency: (key, label) => ({ type: 'currency', key, label }),
  time: (key, label) => ({ type: 'time', key, label }),
  iban: (key, label) => ({ type: 'iban', key, label }),
  bic: (key, label) => ({ type: 'bic', key, label }),
  postcode: (key, label) => ({ type: 'postcode', key, label }),
  taxId: (key, label) => ({ type: 'taxId', key, label }),
  licensePlate: (key, label) => ({ type: 'licensePlate', key, label }),
  address: (key, label) => ({ type: 'address', key, label }),
  foreignAddress: (key, label) => ({ type: 'foreignAddress', key, label }),
  file: (key, label) => ({ type: 'file', key, label }),
  // A declaration's label heads it; what is confirmed is its text, which starts as the label.
  declaration: (key, label) => ({ type: 'declaration', key, label, text: { ...label } }),
  // Text blocks have no label: what the designer typed becomes their text.
  info: (key, label) => ({ type: 'info', key, text: { ...label } }),
  warning: (key, label) => ({ type: 'warning', key, text: { ...label } }),
  group: (key, label) => ({
    type: 'group',
    key,
    label,
    itemLabel: { de: 'Eintrag', en: 'Entry' },
    maxItems: 10,
    fields: [{ type: 'text', key: `${key}Name`, label: { de: 'Bezeichnung', en: 'Name' } }],
  }),
};
