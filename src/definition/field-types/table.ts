/**
 * Field type -> its facts in the definition format (see `facts.ts`). An explicit table, like the
 * engine's handler registry: no import side effects, and the mapped type makes the compiler prove
 * that every field type has exactly one entry. The list of field types is this table's keys, in
 * this order (which is the order problems list them in).
 */
import type { Field, FieldType, ItemField } from '../types.ts';
import { addressFacts, foreignAddressFacts } from './address.ts';
import { bicFacts } from './bic.ts';
import { checkboxFacts } from './checkbox.ts';
import { currencyFacts } from './currency.ts';
import { dateFacts } from './date.ts';
import { decimalFacts } from './decimal.ts';
import { declarationFacts } from './declaration.ts';
import { emailFacts } from './email.ts';
import type { AnyFieldTypeFacts, FieldTypeFacts } from './facts.ts';
import { fileFacts } from './file.ts';
import { groupFacts } from './group.ts';
import { ibanFacts } from './iban.ts';
import { infoFacts } from './info.ts';
import { licensePlateFacts } from './license-plate.ts';
import { numberFacts } from './number.ts';
import { phoneFacts } from './phone.ts';
import { postcodeFacts } from './postcode.ts';
import { radioFacts } from './radio.ts';
import { selectFacts } from './select.ts';
import { taxIdFacts } from './tax-id.ts';
import { textFacts } from './text.ts';
import { textareaFacts } from './textarea.ts';
import { timeFacts } from './time.ts';
import { warningFacts } from './warning.ts';
import { yesnoFacts } from './yesno.ts';

type FactsTable = { readonly [T in FieldType]: FieldTypeFacts<Extract<Field, { type: T }>> };

export const fieldTypeFacts: FactsTable = {
  text: textFacts,
  textarea: textareaFacts,
  number: numberFacts,
  date: dateFacts,
  email: emailFacts,
  phone: phoneFacts,
  select: selectFacts,
  radio: radioFacts,
  checkbox: checkboxFacts,
  yesno: yesnoFacts,
  info: infoFacts,
  decimal: decimalFacts,
  currency: currencyFacts,
  time: timeFacts,
  iban: ibanFacts,
  bic: bicFacts,
  postcode: postcodeFacts,
  taxId: taxIdFacts,
  declaration: declarationFacts,
  warning: warningFacts,
  // Its item fields' facts come from this table (a function, so no import cycle).
  group: groupFacts(factsOf),
  address: addressFacts,
  foreignAddress: foreignAddressFacts,
  file: fileFacts,
  licensePlate: licensePlateFacts,
};

/** Every field type, in the table's order. */
export const FIELD_TYPES = Object.keys(fieldTypeFacts) as readonly FieldType[];

/** Types allowed inside a repeating group item by the format's schema (see `GroupItemRule`). */
export const ITEM_FIELD_TYPES: readonly FieldType[] = FIELD_TYPES.filter((type) => {
  const rule = fieldTypeFacts[type].inGroupItem;
  return typeof rule === 'string' || !('notInSchema' in rule);
});

export function isFieldType(value: string): value is FieldType {
  return Object.hasOwn(fieldTypeFacts, value);
}

/** The facts of a field's type, typed for the generic code paths (checks, rules, Leichte Sprache). */
export function factsOf(field: Field | ItemField): AnyFieldTypeFacts {
  return fieldTypeFacts[field.type] as unknown as AnyFieldTypeFacts;
}
