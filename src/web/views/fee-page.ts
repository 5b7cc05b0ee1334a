/**
 * The fee page of the visual editor (ADR 0046): the fee's label, a base amount and rows "wenn
 * <Bedingung> dann <Betrag> €" whose conditions are the rule builder's rows of pickers, with the
 * fee in words above them. Every button is a plain submit (nothing saved until "Gebühr
 * speichern"); the page needs no script. A fee rule the pickers cannot show is edited as JSON in
 * its place instead.
 */
import type { StaffSession } from '../../core/domain.ts';
import type { DraftDetails } from '../../core/service-drafts.ts';
import { readFeePickers } from '../../definition/edit/fee-pickers.ts';
import type { DefinitionProblem } from '../../definition/parse.ts';
import {
  type Fee,
  type Field,
  type Locale,
  type LocalizedText,
  localize,
  type ServiceDefinition,
} from '../../definition/types.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import { type FeeError, type FeeForm, formatEuros, rowPrefix } from '../fee-form.ts';
import { type MessageKey, t, tHtml } from '../i18n.ts';
import { ROOT } from '../rule-picker-form.ts';
import { radioGroup, textArea, textInput } from './admin-form.ts';
import { DRAFTS_PATH, draftBase, savedLine, texts } from './designer-editor.ts';
import { csrfField, errorSummary, notice, type SummaryError } from './layout.ts';
import { button, pickerGroup, rowSummary } from './rule-picker-form.ts';
import { conditionWords } from './rule-sentence.ts';
import { type StaffPage, signedInHeader, staffShell } from './staff.ts';

export const feePath = (draftId: string): string => `${draftBase(draftId)}/gebuehr`;

export interface FeePageInput {
  session: StaffSession;
  csrf: string;
  details: DraftDetails;
  /** The answers a row may ask about. */
  fields: readonly Field[];
  /** The version the form was first rendered from (kept through the form's round trips). */
  version: number;
  /** The pickers as shown, or undefined when the fee stays JSON. */
  form: FeeForm | undefined;
  /** The fee for the sentence: the form's when it checks out, else the stored one. */
  fee: Fee | undefined;
  errors?: FeeError[];
  /** The label and the rule as typed, when the fee is edited as JSON. */
  jsonLabel?: LocalizedText;
  jsonText?: string;
  jsonError?: string;
  jsonProblems?: DefinitionProblem[];
  saved?: boolean;
}

const euros = (cents: number) => `${formatEuros(cents)} €`;

/** "Gebühr: 12,50 €; 600,00 € zusätzlich, wenn *Listenhund* = Ja"; nothing without a fee. */
export function feeSentence(
  l: Locale,
  fee: Fee | undefined,
  definition: ServiceDefinition,
): SafeHtml | undefined {
  if (!fee) return undefined;
  const pickers = readFeePickers(fee.rule);
  if (!pickers) return tHtml(l, 'fee.sentence.notRepresentable', {});
  const rows = pickers.rows.map((row) =>
    tHtml(l, pickers.combine === 'add' ? 'fee.sentence.add' : 'fee.sentence.replace', {
      amount: euros(row.cents),
      condition: conditionWords(l, row.when, definition),
    }),
  );
  const parts =
    pickers.combine === 'add'
      ? [euros(pickers.base), ...rows]
      : rows.length === 0
        ? [euros(pickers.base)]
        : [...rows, tHtml(l, 'fee.sentence.otherwise', { base: euros(pickers.base) })];
  return tHtml(l, 'fee.sentence', { base: html`${parts.map((p, i) => html`${i === 0 ? '' : '; '}${p}`)}` });
}

const ROW_ERRORS: Record<'amount' | 'condition-missing' | 'label-missing', MessageKey> = {
  amount: 'fee.error.amount',
  'condition-missing': 'fee.error.condition-missing',
  'label-missing': 'fee.error.label-missing',
};

const amountId = (row: number) => `in-z${row}-betrag`;
const rowId = (row: number) => `zeile-${row + 1}`;

function summaryOf(l: Locale, errors: readonly FeeError[]): SummaryError[] {
  return errors.flatMap((e): SummaryError[] => {
    switch (e.at) {
      case 'label':
        return [{ href: '#in-label-de', text: t(l, ROW_ERRORS[e.code]) }];
      case 'base':
        return [{ href: '#in-gebuehr-grund', text: `${t(l, 'fee.base')}: ${t(l, ROW_ERRORS[e.code])}` }];
      case 'row':
        return [
          {
            href: e.code === 'amount' ? `#${amountId(e.row)}` : `#${rowId(e.row)}`,
            text: `${t(l, 'fee.row', { number: e.row + 1 })}: ${t(l, ROW_ERRORS[e.code])}`,
          },
        ];
    }
    return rowSummary(l, [e.error], rowPrefix(e.row), `${t(l, 'fee.row', { number: e.row + 1 })}, `);
  });
}

function rowBox(l: Locale, input: FeePageInput, form: FeeForm, index: number): SafeHtml {
  const row = form.rows[index]!;
  const number = index + 1;
  const errors = input.errors ?? [];
  const own = (code: 'amount' | 'condition-missing') =>
    errors.some((e) => e.at === 'row' && e.row === index && e.code === code);
  const conditionErrors = errors.flatMap((e) => (e.at === 'condition' && e.row === index ? [e.error] : []));
  const prefix = rowPrefix(index);
  const rowLabel = t(l, 'fee.row', { number });
  const missing = own('condition-missing');
  return html`<fieldset class="kern-fieldset aw-rule-group${missing ? ' kern-fieldset--error' : ''}" id="${rowId(index)}"${missing ? html` aria-describedby="${rowId(index)}-error"` : ''}>
  <legend class="kern-label">${rowLabel}</legend>
  ${missing ? html`<p class="kern-error" id="${rowId(index)}-error"><span class="kern-body">${t(l, 'fee.error.condition-missing')}</span></p>` : ''}
  <input type="hidden" name="${prefix}${ROOT}.wurzel" value="${row.condition.rootIsGroup ? 'gruppe' : 'bedingung'}">
  <p class="kern-body">${t(l, 'fee.row.when', { number })}</p>
  ${pickerGroup(l, row.condition.root, { fields: input.fields, prefix, owner: rowLabel }, conditionErrors)}
  ${textInput(l, {
    id: amountId(index),
    name: `${prefix}betrag`,
    value: row.amount,
    label: t(l, 'fee.row.amount', { number }),
    hint: t(l, 'fee.amount.hint'),
    error: own('amount') ? t(l, 'fee.error.amount') : undefined,
  })}
  <div class="aw-actions">${button(t(l, 'fee.row.remove'), `zeile-entfernen:z${index}`, 'tertiary', `${rowLabel} ${t(l, 'fee.row.remove')}`)}</div>
</fieldset>`;
}

function pickerForm(l: Locale, input: FeePageInput, form: FeeForm): SafeHtml {
  const errors = input.errors ?? [];
  const labelError = errors.some((e) => e.at === 'label');
  const baseError = errors.some((e) => e.at === 'base');
  return html`<button type="submit" name="aktion" value="aktualisieren" class="kern-sr-only" tabindex="-1" aria-hidden="true">${t(l, 'rule.form.refresh')}</button>
  ${texts(l, 'label', t(l, 'fee.label'), form.label, {
    hint: t(l, 'fee.label.hint'),
    error: labelError ? t(l, 'fee.error.label-missing') : undefined,
  })}
  ${textInput(l, {
    id: 'in-gebuehr-grund',
    name: 'gebuehr.grund',
    value: form.base,
    label: t(l, 'fee.base'),
    hint: t(l, 'fee.amount.hint'),
    error: baseError ? t(l, 'fee.error.amount') : undefined,
  })}
  ${radioGroup(l, {
    id: 'in-gebuehr-kombination',
    name: 'gebuehr.kombination',
    label: t(l, 'fee.combine'),
    checked: form.combine,
    choices: [
      { value: 'add', label: t(l, 'fee.combine.add') },
      { value: 'replace', label: t(l, 'fee.combine.replace') },
    ],
  })}
  <h2 class="kern-heading-medium" id="zeilen">${t(l, 'fee.rows')}</h2>
  ${input.fields.length === 0 ? html`<p class="kern-body" id="keine-felder">${t(l, 'rule.form.noFields')}</p>` : ''}
  ${form.rows.length === 0 ? html`<p class="kern-body" id="keine-zeile">${t(l, 'fee.rows.none')}</p>` : ''}
  ${form.rows.map((_, i) => rowBox(l, input, form, i))}
  <div class="aw-actions">${button(t(l, 'fee.row.add'), 'zeile', 'secondary')}</div>
  <p class="kern-hint" id="aktualisieren-hinweis">${t(l, 'rule.form.refreshHint')}</p>
  <div class="aw-actions">
    ${button(t(l, 'rule.form.refresh'), 'aktualisieren', 'secondary')}
    ${button(t(l, 'fee.save'), 'speichern', 'primary')}
  </div>`;
}

function jsonForm(l: Locale, input: FeePageInput): SafeHtml {
  const problems = input.jsonProblems ?? [];
  return html`<p class="kern-body" id="nur-json">${t(l, 'fee.json.intro')}</p>
  ${texts(l, 'label', t(l, 'fee.label'), input.jsonLabel, { hint: t(l, 'fee.label.hint') })}
  ${problems.length > 0 ? html`<p class="kern-body">${t(l, 'rule.json.error.problems')}</p><ul class="kern-list" id="regel-probleme">${problems.map((e) => html`<li><span class="aw-pointer">${e.path}</span>: <span lang="en">${e.message}</span></li>`)}</ul>` : ''}
  ${textArea(l, {
    id: 'in-regel-json',
    name: 'json',
    value: input.jsonText ?? '',
    rows: 10,
    label: t(l, 'fee.json.label'),
    hint: t(l, 'fee.json.hint'),
    error:
      input.jsonError ??
      (problems.length > 0 ? t(l, 'rule.json.error.short', { count: problems.length }) : undefined),
  })}
  <div class="aw-actions">
    ${button(t(l, 'fee.json.save'), 'json-speichern', 'primary')}
    ${button(t(l, 'fee.json.replace'), 'auswahl', 'secondary')}
  </div>`;
}

export function feePage(p: StaffPage, input: FeePageInput): string {
  const l = p.locale;
  const { draft } = input.details;
  const title = t(l, 'fee.page.title');
  const draftTitle = localize(draft.definition.title, l) || draft.slug;
  const problems = input.jsonProblems ?? [];
  const summary: SummaryError[] = [
    ...summaryOf(l, input.errors ?? []),
    ...(input.jsonError ? [{ href: '#in-regel-json', text: input.jsonError }] : []),
    ...problems.map((e) => ({ href: '#in-regel-json', text: `${e.path}: ${e.message}` })),
  ];
  const words = feeSentence(l, input.fee, draft.definition);
  const stored = draft.definition.local.fee !== undefined;
  const main = html`<nav aria-label="${t(l, 'editor.trail')}"><ol class="aw-inline-list">
  <li><a class="kern-link" href="${DRAFTS_PATH}">${t(l, 'editor.drafts.title')}</a></li>
  <li><a class="kern-link" href="${draftBase(draft.id)}">${draftTitle}</a></li>
</ol></nav>
${errorSummary(l, summary)}
${input.saved ? notice('success', t(l, 'editor.saved')) : ''}
<h1 class="kern-heading-large">${title}</h1>
${savedLine(l, input.details)}
<p class="kern-body">${t(l, 'fee.page.intro')}</p>
<p class="kern-body" id="fee-words">${words ? html`<strong>${t(l, 'rule.sentence.label')}</strong> ${words}` : t(l, 'fee.page.none')}</p>
<form method="post" action="${feePath(draft.id)}" novalidate id="gebuehr-form">
  ${csrfField(input.csrf)}
  <input type="hidden" name="version" value="${String(input.version)}">
  ${input.form ? pickerForm(l, input, input.form) : jsonForm(l, input)}
</form>
${
  stored
    ? html`<form method="post" action="${feePath(draft.id)}" novalidate id="keine-gebuehr-form">
  ${csrfField(input.csrf)}
  <input type="hidden" name="version" value="${String(input.version)}">
  <p class="kern-hint">${t(l, 'fee.remove.hint')}</p>
  <div class="aw-actions">${button(t(l, 'fee.remove'), 'keine', 'secondary')}</div>
</form>`
    : ''
}
<p class="kern-body"><a class="kern-link" href="${draftBase(draft.id)}">${t(l, 'fee.page.back')}</a></p>`;
  return staffShell(p, title, main, {
    area: 'designer',
    hasErrors: summary.length > 0,
    extra: signedInHeader(l, input.session, input.csrf, 'designer'),
  });
}
