/**
 * The form of a cross-field check (ADR 0046 amendment): when it is an error (or when the answers
 * are valid), built from the rule builder's rows under the root `b` with fields compared with
 * values or with other fields; the field the message is shown at; the message in German and
 * English. Parsing, buttons and row checks are the rule builder's own (`rule-picker-form.ts`).
 *
 * Names: `art` (`fehler`|`gueltig`), `meldung-feld` (a field's uid), `s.message.de|en`, and the
 * condition's rows `b.…`. A post the page never sends is a bad request; what a designer can get
 * wrong is an error at its control, and nothing is saved.
 */

import { toJsonLogic } from '../definition/edit/rule-pickers.ts';
import { type PostedForm, readLocalized } from '../definition/edit/settings.ts';
import {
  type CheckOwner,
  type CheckPickers,
  checkFieldKeys,
  checkFields,
  checkRule,
  messageFields,
  readCheckPickers,
} from '../definition/edit/validations.ts';
import type { LocalizedText, ServiceDefinition, Validation } from '../definition/types.ts';
import {
  checkRuleForm,
  emptyForm,
  formOfRule,
  parseRuleForm,
  type RowError,
  type RuleForm,
  type RuleFormOptions,
} from './rule-picker-form.ts';

export interface CheckForm {
  mode: CheckPickers['mode'];
  /** The uid of the field the message is shown at, or empty. */
  messageField: string;
  message: LocalizedText;
  condition: RuleForm;
}

/** The condition of a check may compare a field with another field. */
export const CHECK_OPTIONS: RuleFormOptions = { compareFields: true };

export const emptyCheckForm = (): CheckForm => ({
  mode: 'error',
  messageField: '',
  message: { de: '' },
  condition: emptyForm(),
});

function one(form: PostedForm, name: string): string {
  const v = form[name];
  return (typeof v === 'string' ? v : (v?.[0] ?? '')).trim();
}

export function parseCheckForm(
  form: PostedForm,
): { ok: true; form: CheckForm } | { ok: false; reason: string } {
  const art = one(form, 'art');
  if (art !== 'fehler' && art !== 'gueltig') return { ok: false, reason: 'the form names no kind of check' };
  const messageField = one(form, 'meldung-feld');
  if (messageField.length > 100)
    return { ok: false, reason: 'the message field is not a field of this form' };
  const message = readLocalized(form, 'message');
  if (message.de.length > 1000 || (message.en?.length ?? 0) > 1000)
    return { ok: false, reason: 'the message is too long' };
  const condition = parseRuleForm(form);
  if (!condition.ok) return condition;
  return {
    ok: true,
    form: { mode: art === 'fehler' ? 'error' : 'valid', messageField, message, condition: condition.form },
  };
}

export type CheckError =
  | { at: 'message'; code: 'message-missing' }
  | { at: 'message-field'; code: 'field-missing' | 'field-unknown' }
  | { at: 'condition-missing' }
  | { at: 'condition'; error: RowError };

export type CheckCheck =
  | { ok: true; validation: Omit<Validation, 'id'>; pickers: CheckPickers }
  | { ok: false; errors: CheckError[] };

/** The check of the form, checked against the fields of its place. */
export function checkCheckForm(
  form: CheckForm,
  definition: ServiceDefinition,
  owner: CheckOwner,
): CheckCheck {
  const errors: CheckError[] = [];
  if (!form.message.de.trim()) errors.push({ at: 'message', code: 'message-missing' });
  const at = messageFields(definition, owner).find((f) => f.uid === form.messageField);
  if (!form.messageField) errors.push({ at: 'message-field', code: 'field-missing' });
  else if (!at) errors.push({ at: 'message-field', code: 'field-unknown' });
  const checked = checkRuleForm(form.condition, checkFields(definition, owner), CHECK_OPTIONS);
  if (!checked.ok) errors.push(...checked.errors.map((error) => ({ at: 'condition' as const, error })));
  else if (!checked.node) errors.push({ at: 'condition-missing' });
  if (errors.length > 0 || !checked.ok || !checked.node || !at) return { ok: false, errors };
  const pickers: CheckPickers = { mode: form.mode, node: checked.node };
  return {
    ok: true,
    pickers,
    validation: {
      rule: checkRule(pickers),
      message: form.message,
      fields: checkFieldKeys(definition, owner, at.key, checked.node),
    },
  };
}

/**
 * The form of a stored check, or undefined when the form cannot show it exactly: its rule not
 * pickers (or with a field the place cannot read), or `fields` other than the form would derive.
 * Only a check the form saves unchanged is shown in it; every other stays JSON, never rewritten.
 */
export function formOfCheck(
  validation: Validation,
  definition: ServiceDefinition,
  owner: CheckOwner,
): CheckForm | undefined {
  const pickers = readCheckPickers(validation.rule);
  if (!pickers) return undefined;
  const condition = formOfRule(toJsonLogic(pickers.node), checkFields(definition, owner), CHECK_OPTIONS);
  const at = messageFields(definition, owner).find((f) => f.key === validation.fields[0]);
  if (!condition || condition.root.items.length === 0 || !at?.uid) return undefined;
  const form: CheckForm = {
    mode: pickers.mode,
    messageField: at.uid,
    message: validation.message,
    condition,
  };
  const back = checkCheckForm(form, definition, owner);
  return back.ok &&
    JSON.stringify(back.validation.rule) === JSON.stringify(validation.rule) &&
    JSON.stringify(back.validation.fields) === JSON.stringify(validation.fields)
    ? form
    : undefined;
}
