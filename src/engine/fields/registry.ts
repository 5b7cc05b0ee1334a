/**
 * Field type -> handler. An explicit table rather than self-registering modules: no import side
 * effects, and the type checker proves every field type has exactly one handler.
 */
import type { Field, FieldType } from '../../definition/types.ts';
import { addressField } from './address.ts';
import { bicField } from './bic.ts';
import { checkboxField } from './checkbox.ts';
import type { FieldTypeHandler } from './contract.ts';
import { currencyField } from './currency.ts';
import { dateField } from './date.ts';
import { decimalField } from './decimal.ts';
import { declarationField } from './declaration.ts';
import { emailField } from './email.ts';
import { fileField } from './file.ts';
import { foreignAddressField } from './foreign-address.ts';
import { groupField } from './group.ts';
import { ibanField } from './iban.ts';
import { infoField } from './info.ts';
import { licensePlateField } from './license-plate.ts';
import { numberField } from './number.ts';
import { phoneField } from './phone.ts';
import { postcodeField } from './postcode.ts';
import { radioField } from './radio.ts';
import { selectField } from './select.ts';
import { taxIdField } from './tax-id.ts';
import { textField } from './text.ts';
import { textareaField } from './textarea.ts';
import { timeField } from './time.ts';
import { warningField } from './warning.ts';
import { yesnoField } from './yesno.ts';

type Registry = { readonly [T in FieldType]: FieldTypeHandler<Extract<Field, { type: T }>> };

export const fieldTypes: Registry = {
  text: textField,
  textarea: textareaField,
  number: numberField,
  date: dateField,
  email: emailField,
  phone: phoneField,
  select: selectField,
  radio: radioField,
  checkbox: checkboxField,
  yesno: yesnoField,
  info: infoField,
  decimal: decimalField,
  currency: currencyField,
  time: timeField,
  iban: ibanField,
  bic: bicField,
  postcode: postcodeField,
  taxId: taxIdField,
  declaration: declarationField,
  warning: warningField,
  // Its item fields' handlers come from this table (a function, so no import cycle).
  group: groupField(handlerFor),
  address: addressField,
  foreignAddress: foreignAddressField,
  file: fileField,
  licensePlate: licensePlateField,
};

/** The handler for a field, typed for the generic code paths (compile, summary, finalize). */
export function handlerFor(field: Field): FieldTypeHandler {
  return fieldTypes[field.type] as unknown as FieldTypeHandler;
}
