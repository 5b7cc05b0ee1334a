/**
 * The field page's prefill control in the visual editor (ADR 0049): a choice of the identity
 * attributes the field's type can take (none for a repeating group's item, which is never
 * prefilled) and whether the citizen may change the value. A plain select and checkbox: works
 * without JavaScript.
 */
import { PREFILL_EDITABLE, PREFILL_FROM, prefillChoices } from '../../definition/edit/prefill-setting.ts';
import type { PostedForm } from '../../definition/edit/settings.ts';
import { type Prefill, type PrefillSource, prefillOf } from '../../definition/prefill.ts';
import type { Field, Locale } from '../../definition/types.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import { type MessageKey, t } from '../i18n.ts';
import { selectInput, singleCheckbox } from './admin-form.ts';

/** Each attribute's name as a designer reads it; the compiler asks for a new attribute's name. */
const SOURCE_LABELS: Record<PrefillSource, MessageKey> = {
  givenName: 'editor.prefill.givenName',
  familyName: 'editor.prefill.familyName',
  birthDate: 'editor.prefill.birthDate',
  email: 'editor.prefill.email',
  organization: 'editor.prefill.organization',
  street: 'editor.prefill.street',
  postcode: 'editor.prefill.postcode',
  city: 'editor.prefill.city',
  address: 'editor.prefill.address',
};

/** The id the error summary and the problems list link to (`#in-prefill`). */
export const PREFILL_INPUT_ID = 'in-prefill';

export function prefillControl(
  l: Locale,
  field: Field,
  inGroupItem: boolean,
  posted: PostedForm | undefined,
  error: string | undefined,
): SafeHtml {
  const choices = prefillChoices(field.type, inGroupItem);
  if (choices.length === 0) return html``;
  const one = (name: string) => {
    const v = posted?.[name];
    return Array.isArray(v) ? (v[0] ?? '') : ((v as string | undefined) ?? '');
  };
  const current: Prefill | undefined = prefillOf(field);
  const from = posted ? one(PREFILL_FROM) : (current?.from ?? '');
  const editable = posted ? one(PREFILL_EDITABLE) === 'ja' : current?.editable !== false;
  return html`<fieldset class="kern-fieldset" id="prefill-einstellung">
  <legend class="kern-label">${t(l, 'editor.prefill.legend')}</legend>
  <div class="kern-fieldset__body">
  ${selectInput(l, {
    id: PREFILL_INPUT_ID,
    name: PREFILL_FROM,
    value: from,
    label: t(l, 'editor.prefill.from'),
    hint: t(l, 'editor.prefill.hint'),
    error,
    choices: [
      { value: '', label: t(l, 'editor.prefill.none') },
      ...choices.map((source) => ({ value: source, label: t(l, SOURCE_LABELS[source]) })),
    ],
  })}
  ${singleCheckbox(l, {
    id: 'in-prefill-editable',
    name: PREFILL_EDITABLE,
    checked: editable,
    label: t(l, 'editor.prefill.editable'),
    hint: t(l, 'editor.prefill.editableHint'),
  })}
  </div>
</fieldset>`;
}
