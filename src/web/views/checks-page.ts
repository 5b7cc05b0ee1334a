/**
 * Cross-field checks in the visual editor (ADR 0046 amendment): the list of a draft's checks by
 * place, each in words ("Fehler, wenn *Ende* < *Beginn*"), and a check's page with the rule
 * builder's rows (a field compared with a value or another field), the field its message is shown
 * at and the message in German and English. Every button is a plain submit; nothing is saved
 * until "Prüfung speichern". A check the pickers cannot show is edited as JSON in its place.
 */
import type { StaffSession } from '../../core/domain.ts';
import type { DraftDetails } from '../../core/service-drafts.ts';
import { labelOf } from '../../definition/diff.ts';
import {
  type CheckOwner,
  checkFields,
  checksOf,
  messageFields,
  ownerSegment,
  readCheckPickers,
  WHOLE_APPLICATION,
} from '../../definition/edit/validations.ts';
import type { DefinitionProblem } from '../../definition/parse.ts';
import { type Locale, localize, type ServiceDefinition, type Validation } from '../../definition/types.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import type { CheckError, CheckForm } from '../check-form.ts';
import { type MessageKey, t, tHtml } from '../i18n.ts';
import { ROOT } from '../rule-picker-form.ts';
import { radioGroup, selectInput, textArea } from './admin-form.ts';
import { DRAFTS_PATH, draftBase, savedLine, texts } from './designer-editor.ts';
import { csrfField, errorSummary, notice, type SummaryError } from './layout.ts';
import { button, pickerGroup, rowSummary } from './rule-picker-form.ts';
import { conditionWords } from './rule-sentence.ts';
import { type StaffPage, signedInHeader, staffShell } from './staff.ts';

export const checksPath = (draftId: string): string => `${draftBase(draftId)}/pruefungen`;
export const checkPath = (draftId: string, id: string): string => `${checksPath(draftId)}/${id}`;
export const newCheckPath = (draftId: string, owner: CheckOwner): string =>
  `${checksPath(draftId)}/neu/${ownerSegment(owner)}`;

/** "Fehler, wenn *Ende* < *Beginn*"; "Gültig nur, wenn …" for a rule of the valid answers. */
export function checkSentence(l: Locale, validation: Validation, definition: ServiceDefinition): SafeHtml {
  const pickers = readCheckPickers(validation.rule);
  if (!pickers) return tHtml(l, 'check.sentence.notRepresentable', {});
  return tHtml(l, pickers.mode === 'error' ? 'check.sentence.error' : 'check.sentence.valid', {
    condition: conditionWords(l, pickers.node, definition),
  });
}

function placeName(l: Locale, definition: ServiceDefinition, owner: CheckOwner): string {
  if (owner.kind === 'definition') return t(l, 'check.place.application');
  const step = definition.steps[owner.index]!;
  return t(l, 'check.place.step', { name: localize(step.title, l) || step.id });
}

/** The trail back: the drafts, this draft, and a list page of it when given (checks, computed values). */
export function draftTrail(
  l: Locale,
  details: DraftDetails,
  list?: { href: string; label: string },
): SafeHtml {
  const { draft } = details;
  return html`<nav aria-label="${t(l, 'editor.trail')}"><ol class="aw-inline-list">
  <li><a class="kern-link" href="${DRAFTS_PATH}">${t(l, 'editor.drafts.title')}</a></li>
  <li><a class="kern-link" href="${draftBase(draft.id)}">${localize(draft.definition.title, l) || draft.slug}</a></li>
  ${list ? html`<li><a class="kern-link" href="${list.href}">${list.label}</a></li>` : ''}
</ol></nav>`;
}

const trail = (l: Locale, details: DraftDetails, withList: boolean): SafeHtml =>
  draftTrail(
    l,
    details,
    withList ? { href: checksPath(details.draft.id), label: t(l, 'check.list.title') } : undefined,
  );

export function checksListPage(
  p: StaffPage,
  input: { session: StaffSession; csrf: string; details: DraftDetails; saved?: boolean },
): string {
  const l = p.locale;
  const { draft } = input.details;
  const d = draft.definition;
  const title = t(l, 'check.list.title');
  const owners: CheckOwner[] = [
    ...d.steps.flatMap((s, index): CheckOwner[] => (s.uid ? [{ kind: 'step', uid: s.uid, index }] : [])),
    { kind: 'definition' },
  ];
  const section = (owner: CheckOwner) => {
    const checks = checksOf(d, owner);
    const name = placeName(l, d, owner);
    const id = `pruefungen-${ownerSegment(owner)}`;
    return html`<h2 class="kern-heading-medium" id="${id}">${name}</h2>
${
  checks.length === 0
    ? html`<p class="kern-body">${t(l, 'check.list.none')}</p>`
    : html`<ul class="kern-list">${checks.map(
        (v) =>
          html`<li><p class="kern-body">${checkSentence(l, v, d)}. ${t(l, 'check.list.message', { message: localize(v.message, l) })}</p><p class="kern-body"><a class="kern-link" href="${checkPath(draft.id, v.id)}" aria-label="${t(l, 'check.list.edit')}: ${v.id}">${t(l, 'check.list.edit')}</a></p></li>`,
      )}</ul>`
}
${
  messageFields(d, owner).length > 0
    ? html`<p class="kern-body"><a class="kern-link" href="${newCheckPath(draft.id, owner)}">${t(l, 'check.list.add', { place: name })}</a></p>`
    : ''
}`;
  };
  const main = html`${trail(l, input.details, false)}
${input.saved ? notice('success', t(l, 'editor.saved')) : ''}
<h1 class="kern-heading-large">${title}</h1>
${savedLine(l, input.details)}
<p class="kern-body">${t(l, 'check.list.intro')}</p>
${owners.map(section)}
<p class="kern-body"><a class="kern-link" href="${draftBase(draft.id)}">${t(l, 'fee.page.back')}</a></p>`;
  return staffShell(p, title, main, {
    area: 'designer',
    extra: signedInHeader(l, input.session, input.csrf, 'designer'),
  });
}

export interface CheckPageInput {
  session: StaffSession;
  csrf: string;
  details: DraftDetails;
  owner: CheckOwner;
  /** The check's id, or undefined for a new one. */
  id: string | undefined;
  version: number;
  /** The pickers as shown, or undefined when the check stays JSON. */
  form: CheckForm | undefined;
  /** The check for the sentence: the form's when it checks out, else the stored one. */
  validation: Validation | undefined;
  errors?: CheckError[];
  jsonText?: string;
  jsonError?: string;
  jsonProblems?: DefinitionProblem[];
  saved?: boolean;
}

const OWN_ERRORS: Record<
  'message-missing' | 'field-missing' | 'field-unknown' | 'condition-missing',
  MessageKey
> = {
  'message-missing': 'check.error.message-missing',
  'field-missing': 'check.error.field-missing',
  'field-unknown': 'check.error.field-missing',
  'condition-missing': 'check.error.condition-missing',
};

function summaryOf(l: Locale, errors: readonly CheckError[]): SummaryError[] {
  return errors.flatMap((e): SummaryError[] => {
    switch (e.at) {
      case 'message':
        return [{ href: '#in-message-de', text: t(l, OWN_ERRORS[e.code]) }];
      case 'message-field':
        return [{ href: '#in-meldung-feld', text: t(l, OWN_ERRORS[e.code]) }];
      case 'condition-missing':
        return [{ href: '#in-b-art', text: t(l, OWN_ERRORS['condition-missing']) }];
    }
    return rowSummary(l, [e.error]);
  });
}

function pickerForm(l: Locale, input: CheckPageInput, form: CheckForm): SafeHtml {
  const errors = input.errors ?? [];
  const d = input.details.draft.definition;
  const has = (at: CheckError['at']) => errors.some((e) => e.at === at);
  const fields = checkFields(d, input.owner);
  const fieldLabel = (f: (typeof fields)[number]) => localize(labelOf(f), l) || f.key;
  return html`<button type="submit" name="aktion" value="aktualisieren" class="kern-sr-only" tabindex="-1" aria-hidden="true">${t(l, 'rule.form.refresh')}</button>
  <input type="hidden" name="${ROOT}.wurzel" value="${form.condition.rootIsGroup ? 'gruppe' : 'bedingung'}">
  ${radioGroup(l, {
    id: 'in-art',
    name: 'art',
    label: t(l, 'check.mode'),
    checked: form.mode === 'error' ? 'fehler' : 'gueltig',
    choices: [
      { value: 'fehler', label: t(l, 'check.mode.error') },
      { value: 'gueltig', label: t(l, 'check.mode.valid') },
    ],
  })}
  ${fields.length === 0 ? html`<p class="kern-body" id="keine-felder">${t(l, 'rule.form.noFields')}</p>` : ''}
  ${has('condition-missing') ? html`<p class="kern-error" id="keine-bedingung-fehler"><span class="kern-body">${t(l, 'check.error.condition-missing')}</span></p>` : ''}
  ${pickerGroup(
    l,
    form.condition.root,
    { fields, prefix: '', compareFields: true },
    errors.flatMap((e) => (e.at === 'condition' ? [e.error] : [])),
  )}
  ${selectInput(l, {
    id: 'in-meldung-feld',
    name: 'meldung-feld',
    value: form.messageField,
    label: t(l, 'check.messageField'),
    hint: t(l, 'check.messageField.hint'),
    error: has('message-field') ? t(l, 'check.error.field-missing') : undefined,
    choices: [
      { value: '', label: t(l, 'rule.form.choose') },
      ...messageFields(d, input.owner).map((f) => ({ value: f.uid ?? '', label: fieldLabel(f) })),
    ],
  })}
  ${texts(l, 'message', t(l, 'check.message'), form.message, {
    hint: t(l, 'check.message.hint'),
    error: has('message') ? t(l, 'check.error.message-missing') : undefined,
  })}
  <p class="kern-hint" id="aktualisieren-hinweis">${t(l, 'rule.form.refreshHint')}</p>
  <div class="aw-actions">
    ${button(t(l, 'rule.form.refresh'), 'aktualisieren', 'secondary')}
    ${button(t(l, 'check.save'), 'speichern', 'primary')}
  </div>`;
}

function jsonForm(l: Locale, input: CheckPageInput): SafeHtml {
  const problems = input.jsonProblems ?? [];
  return html`<p class="kern-body" id="nur-json">${t(l, 'check.json.intro')}</p>
  ${problems.length > 0 ? html`<p class="kern-body">${t(l, 'rule.json.error.problems')}</p><ul class="kern-list" id="regel-probleme">${problems.map((e) => html`<li><span class="aw-pointer">${e.path}</span>: <span lang="en">${e.message}</span></li>`)}</ul>` : ''}
  ${textArea(l, {
    id: 'in-regel-json',
    name: 'json',
    value: input.jsonText ?? '',
    rows: 12,
    label: t(l, 'check.json.label'),
    hint: t(l, 'check.json.hint'),
    error:
      input.jsonError ??
      (problems.length > 0 ? t(l, 'rule.json.error.short', { count: problems.length }) : undefined),
  })}
  <div class="aw-actions">
    ${button(t(l, 'check.save'), 'json-speichern', 'primary')}
    ${button(t(l, 'rule.json.replace'), 'auswahl', 'secondary')}
  </div>`;
}

export function checkPage(p: StaffPage, input: CheckPageInput): string {
  const l = p.locale;
  const { draft } = input.details;
  const d = draft.definition;
  const place = placeName(l, d, input.owner);
  const title = input.id
    ? t(l, 'check.page.title', { id: input.id })
    : t(l, 'check.page.titleNew', { place });
  const action = input.id ? checkPath(draft.id, input.id) : newCheckPath(draft.id, input.owner);
  const problems = input.jsonProblems ?? [];
  const summary: SummaryError[] = [
    ...summaryOf(l, input.errors ?? []),
    ...(input.jsonError ? [{ href: '#in-regel-json', text: input.jsonError }] : []),
    ...problems.map((e) => ({ href: '#in-regel-json', text: `${e.path}: ${e.message}` })),
  ];
  const main = html`${trail(l, input.details, true)}
${errorSummary(l, summary)}
${input.saved ? notice('success', t(l, 'editor.saved')) : ''}
<h1 class="kern-heading-large">${title}</h1>
${savedLine(l, input.details)}
<p class="kern-body">${t(l, 'check.page.intro', { place })}</p>
<p class="kern-body" id="check-words">${input.validation ? html`<strong>${t(l, 'rule.sentence.label')}</strong> ${checkSentence(l, input.validation, d)}` : t(l, 'check.page.none')}</p>
<form method="post" action="${action}" novalidate id="pruefung-form">
  ${csrfField(input.csrf)}
  <input type="hidden" name="version" value="${String(input.version)}">
  ${input.form ? pickerForm(l, input, input.form) : jsonForm(l, input)}
</form>
${
  input.id
    ? html`<form method="post" action="${action}" novalidate id="pruefung-entfernen-form">
  ${csrfField(input.csrf)}
  <input type="hidden" name="version" value="${String(input.version)}">
  <div class="aw-actions">${button(t(l, 'check.remove'), 'pruefung-entfernen', 'secondary')}</div>
</form>`
    : ''
}
<p class="kern-body"><a class="kern-link" href="${checksPath(draft.id)}">${t(l, 'check.page.back')}</a></p>`;
  return staffShell(p, title, main, {
    area: 'designer',
    hasErrors: summary.length > 0,
    extra: signedInHeader(l, input.session, input.csrf, 'designer'),
  });
}

export { WHOLE_APPLICATION };
