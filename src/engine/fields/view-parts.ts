/**
 * Markup shared by the field views (KERN UX classes, checked against @kern-ux/native's CSS).
 *
 * Accessibility rules kept here once: every control has a label, hint and error are linked with
 * aria-describedby, invalid controls carry aria-invalid, optional fields say "(optional)" in the
 * label instead of required ones carrying a bare "*", and the first control's id is `field-<key>`
 * so the error summary can link to it. Field keys contain no "-", so the suffixed ids of one field
 * (`field-<key>-hint`) can never equal another field's ids.
 */
import { isRequired } from '../../definition/required.ts';
import {
  type BlockField,
  type Field,
  type GroupField,
  type Locale,
  type LocalizedText,
  localize,
} from '../../definition/types.ts';
import { html, type SafeHtml, unsafeRaw } from '../../lib/html.ts';
import type { FieldError, FieldViewInput } from '../model.ts';
import { text } from '../texts.ts';

type AnswerField = Exclude<Field, BlockField | GroupField>;

export interface FieldIds {
  input: string;
  hint: string;
  error: string;
}

export function fieldIds(key: string): FieldIds {
  return { input: `field-${key}`, hint: `field-${key}-hint`, error: `field-${key}-error` };
}

const OPTIONAL = unsafeRaw(' <span class="kern-label__optional">(optional)</span>');

export function labelText(field: AnswerField, locale: Locale): SafeHtml {
  // A declaration must always be confirmed, so it is never marked optional.
  return html`${localize(field.label, locale)}${isRequired(field) ? '' : OPTIONAL}`;
}

export function hintHtml(hint: LocalizedText | undefined, locale: Locale, id: string): SafeHtml {
  return hint ? html`<div class="kern-hint" id="${id}">${localize(hint, locale)}</div>` : unsafeRaw('');
}

export function errorHtml(error: FieldError | undefined, locale: Locale, id: string): SafeHtml {
  if (!error) return unsafeRaw('');
  return errorMessage(locale, id, localize(error.message, locale));
}

/**
 * An error message at its question: icon, "Fehler:" for screen readers, the message. Also used
 * for the questions that are not fields (the check page's declaration), so every error looks and
 * reads the same.
 */
export function errorMessage(locale: Locale, id: string, message: string): SafeHtml {
  return html`<p class="kern-error" id="${id}"><span class="kern-icon kern-icon--danger" aria-hidden="true"></span><span class="kern-body"><span class="kern-sr-only">${text(locale, 'field.errorPrefix')} </span>${message}</span></p>`;
}

/** The ids for aria-describedby, or undefined when there is neither hint nor error. */
export function describedBy(
  field: AnswerField,
  error: FieldError | undefined,
  ids: FieldIds,
): string | undefined {
  if (field.hint && error) return `${ids.hint} ${ids.error}`;
  if (field.hint) return ids.hint;
  if (error) return ids.error;
  return undefined;
}

export interface ControlContext {
  id: string;
  name: string;
  describedBy: string | undefined;
  invalid: boolean;
}

/** A single labelled control: text, textarea, number, email, phone, select. */
export function singleControl(input: FieldViewInput, control: (ctx: ControlContext) => SafeHtml): SafeHtml {
  const field = input.field as AnswerField;
  const ids = fieldIds(field.key);
  const invalid = input.error !== undefined;
  return html`<div class="kern-form-input${invalid ? ' kern-form-input--error' : ''}"><label class="kern-label" for="${ids.input}">${labelText(field, input.locale)}</label>${hintHtml(field.hint, input.locale, ids.hint)}${control({ id: ids.input, name: field.key, describedBy: describedBy(field, input.error, ids), invalid })}${errorHtml(input.error, input.locale, ids.error)}</div>`;
}

/** A group of controls under one question: radios, checkboxes, yes/no, the three date inputs. */
export function group(
  input: FieldViewInput,
  body: SafeHtml,
  horizontal: boolean,
  errorsAtControls = false,
): SafeHtml {
  const field = input.field as AnswerField;
  const ids = fieldIds(field.key);
  const invalid = input.error !== undefined;
  // An address says each problem at its part's input (see `address-parts.ts`), not once below all.
  const groupError = errorsAtControls ? undefined : input.error;
  const described = describedBy(field, groupError, ids);
  return html`<fieldset class="kern-fieldset${invalid ? ' kern-fieldset--error' : ''}"${described ? html` aria-describedby="${described}"` : ''}><legend class="kern-label">${labelText(field, input.locale)}</legend>${hintHtml(field.hint, input.locale, ids.hint)}<div class="kern-fieldset__body${horizontal ? ' kern-fieldset__body--horizontal' : ''}">${body}</div>${errorHtml(groupError, input.locale, ids.error)}</fieldset>`;
}

/** The id of the n-th control of a group: the first is `field-<key>` (the error summary target). */
export function groupControlId(key: string, index: number): string {
  return index === 0 ? `field-${key}` : `field-${key}-${index + 1}`;
}

export const INVALID_ATTR = unsafeRaw(' aria-invalid="true"');
