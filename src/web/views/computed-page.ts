/**
 * Computed values in the visual editor (ADR 0046 amendment): the list of a draft's computed values
 * in words ("*Hunde gesamt* = *Weitere Hunde* (leer: 0) + 1") and a value's page with its
 * calculation and rows of terms. A value the pickers cannot show is edited as JSON in its place.
 */
import type { StaffSession } from '../../core/domain.ts';
import type { DraftDetails } from '../../core/service-drafts.ts';
import { labelOf } from '../../definition/diff.ts';
import { readComputedPickers } from '../../definition/edit/computed-pickers.ts';
import type { DefinitionProblem } from '../../definition/parse.ts';
import {
  type ComputedValue,
  type Field,
  type Locale,
  localize,
  type ServiceDefinition,
} from '../../definition/types.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import { type ComputedError, type ComputedForm, numberFields, shownRows } from '../computed-form.ts';
import { type MessageKey, t, tHtml } from '../i18n.ts';
import { selectInput, singleCheckbox, textArea, textInput } from './admin-form.ts';
import { draftTrail } from './checks-page.ts';
import { draftBase, savedLine, texts } from './designer-editor.ts';
import { csrfField, errorSummary, notice, type SummaryError } from './layout.ts';
import { button } from './rule-picker-form.ts';
import { type StaffPage, signedInHeader, staffShell } from './staff.ts';

export const computedListPath = (draftId: string): string => `${draftBase(draftId)}/berechnet`;
export const computedPath = (draftId: string, key: string | undefined): string =>
  `${computedListPath(draftId)}/${key ?? 'neu'}`;

const SIGN: Record<'sum' | 'product' | 'difference', string> = {
  sum: ' + ',
  product: ' × ',
  difference: ' − ',
};

/** "*Hunde gesamt* = *Weitere Hunde* (leer: 0) + 1", or the note that it stays JSON. */
export function computedSentence(l: Locale, value: ComputedValue, definition: ServiceDefinition): SafeHtml {
  const pickers = readComputedPickers(value.rule);
  const name = html`<em>${localize(value.label, l) || value.key}</em>`;
  if (!pickers) return tHtml(l, 'computed.sentence.notRepresentable', { name });
  const fields = definition.steps.flatMap((s) => s.fields);
  const terms = pickers.terms.map((term) => {
    if (term.kind === 'number') return html`${term.value.toLocaleString(l === 'de' ? 'de-DE' : 'en-GB')}`;
    const field = fields.find((f) => f.key === term.key);
    const label = html`<em>${(field && localize(labelOf(field), l)) || term.key}</em>`;
    return term.orZero ? tHtml(l, 'computed.sentence.orZero', { field: label }) : label;
  });
  return tHtml(l, 'computed.sentence', {
    name,
    terms: html`${terms.map((term, i) => html`${i === 0 ? '' : SIGN[pickers.calculation]}${term}`)}`,
  });
}

const trail = (l: Locale, details: DraftDetails, withList: boolean): SafeHtml =>
  draftTrail(
    l,
    details,
    withList ? { href: computedListPath(details.draft.id), label: t(l, 'computed.list.title') } : undefined,
  );

export function computedListPage(
  p: StaffPage,
  input: { session: StaffSession; csrf: string; details: DraftDetails; saved?: boolean },
): string {
  const l = p.locale;
  const { draft } = input.details;
  const d = draft.definition;
  const title = t(l, 'computed.list.title');
  const values = d.computed ?? [];
  const main = html`${trail(l, input.details, false)}
${input.saved ? notice('success', t(l, 'editor.saved')) : ''}
<h1 class="kern-heading-large">${title}</h1>
${savedLine(l, input.details)}
<p class="kern-body">${t(l, 'computed.list.intro')}</p>
${
  values.length === 0
    ? html`<p class="kern-body">${t(l, 'computed.list.none')}</p>`
    : html`<ul class="kern-list" id="berechnet-liste">${values.map(
        (v) =>
          html`<li><p class="kern-body">${computedSentence(l, v, d)}</p><p class="kern-body"><a class="kern-link" href="${computedPath(draft.id, v.key)}" aria-label="${t(l, 'computed.list.edit')}: ${v.key}">${t(l, 'computed.list.edit')}</a></p></li>`,
      )}</ul>`
}
<p class="kern-body"><a class="kern-link" href="${computedPath(draft.id, undefined)}">${t(l, 'computed.list.add')}</a></p>
<p class="kern-body"><a class="kern-link" href="${draftBase(draft.id)}">${t(l, 'fee.page.back')}</a></p>`;
  return staffShell(p, title, main, {
    area: 'designer',
    extra: signedInHeader(l, input.session, input.csrf, 'designer'),
  });
}

export interface ComputedPageInput {
  session: StaffSession;
  csrf: string;
  details: DraftDetails;
  /** The key of the stored value, or undefined for a new one. */
  key: string | undefined;
  fields: readonly Field[];
  version: number;
  form: ComputedForm | undefined;
  value: ComputedValue | undefined;
  errors?: ComputedError[];
  jsonText?: string;
  jsonError?: string;
  jsonProblems?: DefinitionProblem[];
  refusal?: string;
  saved?: boolean;
}

const ERRORS: Record<ComputedError['code'], MessageKey> = {
  'key-invalid': 'computed.error.key-invalid',
  'too-few': 'computed.error.too-few',
  'difference-two': 'computed.error.difference-two',
  both: 'computed.error.both',
  'field-unknown': 'computed.error.field-unknown',
  number: 'computed.error.number',
};

function summaryOf(l: Locale, errors: readonly ComputedError[]): SummaryError[] {
  return errors.map((e) =>
    e.at === 'term'
      ? {
          href: `#in-t${e.row}-feld`,
          text: `${t(l, 'computed.term', { number: e.row + 1 })}: ${t(l, ERRORS[e.code])}`,
        }
      : { href: e.at === 'key' ? '#in-schluessel' : '#in-rechnung', text: t(l, ERRORS[e.code]) },
  );
}

function pickerForm(l: Locale, input: ComputedPageInput, form: ComputedForm): SafeHtml {
  const errors = input.errors ?? [];
  const offered = numberFields(input.fields);
  const error = (at: ComputedError['at'], row?: number) => {
    const e = errors.find((x) => x.at === at && (row === undefined || (x.at === 'term' && x.row === row)));
    return e ? t(l, ERRORS[e.code]) : undefined;
  };
  const choose = { value: '', label: t(l, 'rule.form.choose') };
  return html`${
    input.key === undefined
      ? textInput(l, {
          id: 'in-schluessel',
          name: 'schluessel',
          value: form.key,
          label: t(l, 'computed.key'),
          hint: t(l, 'computed.key.hint'),
          error: error('key') ?? input.refusal,
        })
      : ''
  }
  ${texts(l, 'label', t(l, 'computed.label'), form.label, { hint: t(l, 'computed.label.hint') })}
  ${selectInput(l, {
    id: 'in-rechnung',
    name: 'rechnung',
    value: form.calculation,
    label: t(l, 'computed.calculation'),
    error: error('terms'),
    choices: [
      { value: 'sum', label: t(l, 'computed.calculation.sum') },
      { value: 'product', label: t(l, 'computed.calculation.product') },
      { value: 'difference', label: t(l, 'computed.calculation.difference') },
    ],
  })}
  ${offered.length === 0 ? html`<p class="kern-body" id="keine-felder">${t(l, 'computed.noFields')}</p>` : ''}
  ${shownRows(form).map((row, i) => {
    const label = t(l, 'computed.term', { number: i + 1 });
    return html`<fieldset class="kern-fieldset aw-rule-row" id="in-t${i}">
  <legend class="kern-label">${label}</legend>
  <div class="aw-rule-pickers">
  ${selectInput(l, {
    id: `in-t${i}-feld`,
    name: `t${i}.feld`,
    value: row.field,
    label: `${t(l, 'computed.term.field')} (${label})`,
    error: error('term', i),
    choices: [
      choose,
      ...offered.map((f) => ({ value: f.uid ?? '', label: localize(labelOf(f), l) || f.key })),
    ],
  })}
  ${singleCheckbox(l, { id: `in-t${i}-null`, name: `t${i}.null`, label: `${t(l, 'computed.term.orZero')} (${label})`, checked: row.orZero })}
  ${textInput(l, { id: `in-t${i}-zahl`, name: `t${i}.zahl`, value: row.number, label: `${t(l, 'computed.term.number')} (${label})` })}
  </div>
</fieldset>`;
  })}
  <p class="kern-hint">${t(l, 'computed.terms.hint')}</p>
  <div class="aw-actions">${button(t(l, 'computed.save'), 'speichern', 'primary')}</div>`;
}

function jsonForm(l: Locale, input: ComputedPageInput): SafeHtml {
  const problems = input.jsonProblems ?? [];
  return html`<p class="kern-body" id="nur-json">${t(l, 'computed.json.intro')}</p>
  ${problems.length > 0 ? html`<ul class="kern-list" id="regel-probleme">${problems.map((e) => html`<li><span class="aw-pointer">${e.path}</span>: <span lang="en">${e.message}</span></li>`)}</ul>` : ''}
  ${textArea(l, {
    id: 'in-regel-json',
    name: 'json',
    value: input.jsonText ?? '',
    rows: 8,
    label: t(l, 'rule.json.label'),
    error:
      input.jsonError ??
      (problems.length > 0 ? t(l, 'rule.json.error.short', { count: problems.length }) : undefined),
  })}
  <div class="aw-actions">${button(t(l, 'computed.save'), 'json-speichern', 'primary')}</div>`;
}

export function computedPage(p: StaffPage, input: ComputedPageInput): string {
  const l = p.locale;
  const { draft } = input.details;
  const title = input.key ? t(l, 'computed.page.title', { key: input.key }) : t(l, 'computed.page.titleNew');
  const action = computedPath(draft.id, input.key);
  const problems = input.jsonProblems ?? [];
  const summary: SummaryError[] = [
    ...summaryOf(l, input.errors ?? []),
    ...(input.refusal ? [{ href: '#in-schluessel', text: input.refusal }] : []),
    ...(input.jsonError ? [{ href: '#in-regel-json', text: input.jsonError }] : []),
    ...problems.map((e) => ({ href: '#in-regel-json', text: `${e.path}: ${e.message}` })),
  ];
  const main = html`${trail(l, input.details, true)}
${errorSummary(l, summary)}
${input.saved ? notice('success', t(l, 'editor.saved')) : ''}
<h1 class="kern-heading-large">${title}</h1>
${savedLine(l, input.details)}
<p class="kern-body" id="computed-words">${input.value ? html`<strong>${t(l, 'rule.sentence.label')}</strong> ${computedSentence(l, input.value, draft.definition)}` : t(l, 'computed.page.none')}</p>
<form method="post" action="${action}" novalidate id="berechnet-form">
  ${csrfField(input.csrf)}
  <input type="hidden" name="version" value="${String(input.version)}">
  ${input.form ? pickerForm(l, input, input.form) : jsonForm(l, input)}
</form>
${
  input.key
    ? html`<form method="post" action="${action}" novalidate id="berechnet-entfernen-form">
  ${csrfField(input.csrf)}
  <input type="hidden" name="version" value="${String(input.version)}">
  <p class="kern-hint">${t(l, 'computed.remove.hint')}</p>
  <div class="aw-actions">${button(t(l, 'computed.remove'), 'entfernen', 'secondary')}</div>
</form>`
    : ''
}
<p class="kern-body"><a class="kern-link" href="${computedListPath(draft.id)}">${t(l, 'computed.page.back')}</a></p>`;
  return staffShell(p, title, main, {
    area: 'designer',
    hasErrors: summary.length > 0,
    extra: signedInHeader(l, input.session, input.csrf, 'designer'),
  });
}
