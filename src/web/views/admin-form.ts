/**
 * Form controls of the Verwaltung pages (KERN UX markup, as the engine's field views use it): every
 * control has a label, hint and error are linked with aria-describedby, an invalid control carries
 * aria-invalid, and the first control of each field has the id the error summary links to.
 */
import type { Locale } from '../../definition/types.ts';
import { html, type SafeHtml } from '../../lib/html.ts';

const ERROR_PREFIX: Record<Locale, string> = { de: 'Fehler:', en: 'Error:' };

export interface ControlTexts {
  label: string;
  hint?: string | SafeHtml | undefined;
  /** The error message; the control is marked invalid when set. */
  error?: string | undefined;
}

function hintHtml(id: string, hint: ControlTexts['hint']): SafeHtml {
  return hint ? html`<div class="kern-hint" id="${id}-hint">${hint}</div>` : html``;
}

function errorHtml(l: Locale, id: string, error: string | undefined): SafeHtml {
  return error
    ? html`<p class="kern-error" id="${id}-error"><span class="kern-icon kern-icon--danger" aria-hidden="true"></span><span class="kern-body"><span class="kern-sr-only">${ERROR_PREFIX[l]} </span>${error}</span></p>`
    : html``;
}

function describedBy(id: string, texts: ControlTexts): SafeHtml {
  const ids = [texts.hint ? `${id}-hint` : '', texts.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`${ids ? html` aria-describedby="${ids}"` : ''}${texts.error ? html` aria-invalid="true"` : ''}`;
}

/** A labelled one-line input (text, password, url, or a whole number typed as text). */
export function textInput(
  l: Locale,
  input: {
    id: string;
    name: string;
    value: string;
    type?: 'text' | 'password' | 'url';
    numeric?: boolean;
    autocomplete?: string;
  } & ControlTexts,
): SafeHtml {
  const invalid = Boolean(input.error);
  return html`<div class="kern-form-input${invalid ? ' kern-form-input--error' : ''}">
  <label class="kern-label" for="${input.id}">${input.label}</label>
  ${hintHtml(input.id, input.hint)}
  <input class="kern-form-input__input${invalid ? ' kern-form-input__input--error' : ''}" id="${input.id}" name="${input.name}" type="${input.type ?? 'text'}" value="${input.value}" spellcheck="false"${input.numeric ? html` inputmode="numeric"` : ''}${input.autocomplete ? html` autocomplete="${input.autocomplete}"` : ''}${describedBy(input.id, input)}>
  ${errorHtml(l, input.id, input.error)}
</div>`;
}

/** A labelled multi-line input. */
export function textArea(
  l: Locale,
  input: { id: string; name: string; value: string; rows?: number } & ControlTexts,
): SafeHtml {
  const invalid = Boolean(input.error);
  return html`<div class="kern-form-input${invalid ? ' kern-form-input--error' : ''}">
  <label class="kern-label" for="${input.id}">${input.label}</label>
  ${hintHtml(input.id, input.hint)}
  <textarea class="kern-form-input__input${invalid ? ' kern-form-input__input--error' : ''}" id="${input.id}" name="${input.name}" rows="${String(input.rows ?? 3)}"${describedBy(input.id, input)}>${input.value}</textarea>
  ${errorHtml(l, input.id, input.error)}
</div>`;
}

/** A labelled choice from a list (a `select`); `choices` are value and label. */
export function selectInput(
  l: Locale,
  input: {
    id: string;
    name: string;
    value: string;
    choices: ReadonlyArray<{ value: string; label: string }>;
  } & ControlTexts,
): SafeHtml {
  const invalid = Boolean(input.error);
  return html`<div class="kern-form-input${invalid ? ' kern-form-input--error' : ''}">
  <label class="kern-label" for="${input.id}">${input.label}</label>
  ${hintHtml(input.id, input.hint)}
  <div class="kern-form-input__select-wrapper"><select class="kern-form-input__select${invalid ? ' kern-form-input__select--error' : ''}" id="${input.id}" name="${input.name}"${describedBy(input.id, input)}>${input.choices.map(
    (c) => html`<option value="${c.value}"${c.value === input.value ? ' selected' : ''}>${c.label}</option>`,
  )}</select></div>
  ${errorHtml(l, input.id, input.error)}
</div>`;
}

export interface CheckboxChoice {
  value: string;
  label: string;
  hint?: string;
  checked: boolean;
}

/** Checkboxes under one question; the first box has `id`, the others `id-2`, `id-3`, … */
export function checkboxGroup(
  l: Locale,
  input: { id: string; name: string; choices: readonly CheckboxChoice[] } & ControlTexts,
): SafeHtml {
  const invalid = Boolean(input.error);
  const boxClass = `kern-form-check__checkbox${invalid ? ' kern-form-check__checkbox--error' : ''}`;
  return html`<fieldset class="kern-fieldset${invalid ? ' kern-fieldset--error' : ''}"${describedBy(input.id, input)}>
  <legend class="kern-label">${input.label}</legend>
  ${hintHtml(input.id, input.hint)}
  <div class="kern-fieldset__body">${input.choices.map((choice, i) => {
    const id = i === 0 ? input.id : `${input.id}-${i + 1}`;
    return html`<div class="kern-form-check"><input class="${boxClass}" id="${id}" name="${input.name}" type="checkbox" value="${choice.value}"${choice.checked ? ' checked' : ''}${choice.hint ? html` aria-describedby="${id}-choice-hint"` : ''}${invalid ? html` aria-invalid="true"` : ''}><label class="kern-label" for="${id}">${choice.label}</label>${choice.hint ? html`<div class="kern-hint" id="${id}-choice-hint">${choice.hint}</div>` : ''}</div>`;
  })}</div>
  ${errorHtml(l, input.id, input.error)}
</fieldset>`;
}

/** Radio buttons under one question; the first has `id`, the others `id-2`, `id-3`, … */
export function radioGroup(
  l: Locale,
  input: {
    id: string;
    name: string;
    choices: ReadonlyArray<{ value: string; label: string }>;
    checked?: string | undefined;
  } & ControlTexts,
): SafeHtml {
  const invalid = Boolean(input.error);
  const radioClass = `kern-form-check__radio${invalid ? ' kern-form-check__radio--error' : ''}`;
  return html`<fieldset class="kern-fieldset${invalid ? ' kern-fieldset--error' : ''}"${describedBy(input.id, input)}>
  <legend class="kern-label">${input.label}</legend>
  ${hintHtml(input.id, input.hint)}
  <div class="kern-fieldset__body">${input.choices.map((choice, i) => {
    const id = i === 0 ? input.id : `${input.id}-${i + 1}`;
    return html`<div class="kern-form-check"><input class="${radioClass}" id="${id}" name="${input.name}" type="radio" value="${choice.value}"${choice.value === input.checked ? ' checked' : ''}${invalid ? html` aria-invalid="true"` : ''}><label class="kern-label" for="${id}">${choice.label}</label></div>`;
  })}</div>
  ${errorHtml(l, input.id, input.error)}
</fieldset>`;
}

/** One yes/no checkbox with its own label (sent as `ja` when checked, not sent otherwise). */
export function singleCheckbox(
  l: Locale,
  input: { id: string; name: string; checked: boolean } & ControlTexts,
): SafeHtml {
  const invalid = Boolean(input.error);
  return html`<div class="kern-form-input${invalid ? ' kern-form-input--error' : ''}">
  <div class="kern-form-check"><input class="kern-form-check__checkbox${invalid ? ' kern-form-check__checkbox--error' : ''}" id="${input.id}" name="${input.name}" type="checkbox" value="ja"${input.checked ? ' checked' : ''}${describedBy(input.id, input)}><label class="kern-label" for="${input.id}">${input.label}</label></div>
  ${hintHtml(input.id, input.hint)}
  ${errorHtml(l, input.id, input.error)}
</div>`;
}

/** A form's submit button inside the usual actions row. */
export function submitButton(label: string, kind: 'primary' | 'secondary' = 'primary'): SafeHtml {
  return html`<div class="aw-actions"><button type="submit" class="kern-btn kern-btn--${kind}"><span class="kern-label">${label}</span></button></div>`;
}
