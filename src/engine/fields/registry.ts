/**
 * Field type -> handler. An explicit table rather than self-registering modules: no import side
 * effects, and the type checker proves every field type has exactly one handler.
 */
import type { Field, FieldType } from '../../definition/types.ts';
import { checkboxField } from './checkbox.ts';
import type { FieldTypeHandler } from './contract.ts';
import { dateField } from './date.ts';
import { emailField } from './email.ts';
import { infoField } from './info.ts';
import { numberField } from './number.ts';
import { phoneField } from './phone.ts';
import { radioField } from './radio.ts';
import { selectField } from './select.ts';
import { textField } from './text.ts';
import { textareaField } from './textarea.ts';
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
};

/** The handler for a field, typed for the generic code paths (compile, summary, finalize). */
export function handlerFor(field: Field): FieldTypeHandler {
  return fieldTypes[field.type] as unknown as FieldTypeHandler;
}
