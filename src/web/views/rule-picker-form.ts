/**
 * The rule builder's page (ADR 0046): a condition of a step or field built from rows of pickers —
 * field (the answers earlier in the journey), comparison (what fits the field's type), value (an
 * option list, yes/no, or typed) — in "and"/"or" groups, with the rule in words above it. Every
 * button is a plain submit: adding or removing a row sends the form back and it returns with what
 * was typed, nothing saved; "Bedingung speichern" saves. A script only presses "Auswahl
 * aktualisieren" when a field or comparison is chosen. A rule the pickers cannot show is edited as
 * JSON in its place instead.
 */
import type { StaffSession } from '../../core/domain.ts';
import type { DraftDetails } from '../../core/service-drafts.ts';
import { labelOf } from '../../definition/diff.ts';
import type { RuleName } from '../../definition/edit/rules.ts';
import type { DefinitionProblem } from '../../definition/parse.ts';
import { type Field, type Locale, type LocalizedText, localize } from '../../definition/types.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import { formatDateTime, type MessageKey, t } from '../i18n.ts';
import {
  canAddGroup,
  comparableFields,
  type FormCondition,
  type FormGroup,
  type FormNode,
  isComparison,
  nameOf,
  needsValue,
  OPERATORS_FOR,
  ROOT,
  type RowError,
  type RuleForm,
  valueKind,
} from '../rule-picker-form.ts';
import { checkboxGroup, selectInput, textArea, textInput } from './admin-form.ts';
import { DRAFTS_PATH, draftBase } from './designer-editor.ts';
import { csrfField, errorSummary, notice, type SummaryError } from './layout.ts';
import { rulePath } from './rule-path.ts';
import { ruleSentence } from './rule-sentence.ts';
import { type StaffPage, signedInHeader, staffShell } from './staff.ts';

/** `b.0.1` -> `in-b-0-1-feld`: the id of a row's control. */
export const controlId = (name: string, part: string) => `in-${name.replace(/\./g, '-')}-${part}`;

export interface RulePageInput {
  session: StaffSession;
  csrf: string;
  details: DraftDetails;
  uid: string;
  name: RuleName;
  /** The step's title or the field's label. */
  subject: LocalizedText;
  /** Where the element is edited (the back link). */
  backHref: string;
  /** A required condition of a field that is always required: said, as the check would refuse both. */
  alwaysRequired?: boolean;
  /** The answers the rule may read. */
  fields: readonly Field[];
  /** The version the form was first rendered from (kept through the form's round trips). */
  version: number;
  /** The pickers as shown, or undefined when the rule stays JSON. */
  form: RuleForm | undefined;
  /** The rule as JSON Logic for the sentence: the form's when it checks out, else the stored one. */
  rule: unknown;
  errors?: RowError[];
  /** The JSON as typed, when the rule is edited as JSON. */
  jsonText?: string;
  jsonError?: string;
  jsonProblems?: DefinitionProblem[];
  saved?: boolean;
}

const ERROR_KEYS: Record<RowError['code'], MessageKey> = {
  'field-missing': 'rule.error.field-missing',
  'field-unknown': 'rule.error.field-unknown',
  'operator-invalid': 'rule.error.operator-invalid',
  'value-missing': 'rule.error.value-missing',
  'value-number': 'rule.error.value-number',
  'value-date': 'rule.error.value-date',
  'value-option': 'rule.error.value-option',
  'value-boolean': 'rule.error.value-boolean',
  'group-empty': 'rule.error.group-empty',
  'other-missing': 'rule.error.other-missing',
  'other-unknown': 'rule.error.other-unknown',
};

/**
 * What the rows of a condition are drawn from: the answers it may read, and the prefix of its
 * names (empty on the rule page; `z0.` for the condition of the fee page's first row).
 */
export interface PickerContext {
  fields: readonly Field[];
  prefix: string;
  /** What the whole condition belongs to on a page with several ("Zeile 2"): named by its buttons. */
  owner?: string;
  /** A comparison may name another field instead of a value (cross-field checks). */
  compareFields?: boolean;
}

type ErrorOf = (name: string, part: RowError['part']) => string | undefined;

const fieldName = (l: Locale, field: Field) => localize(labelOf(field), l) || field.key;

/** "1", "2.1": the number a row is called by, counted from one. */
const numberOf = (path: readonly number[]) => path.map((i) => i + 1).join('.');

export function button(
  label: string,
  value: string,
  kind: 'primary' | 'secondary' | 'tertiary',
  aria?: string,
) {
  return html`<button type="submit" class="kern-btn kern-btn--${kind}" name="aktion" value="${value}"${aria ? html` aria-label="${aria}"` : ''}><span class="kern-label">${label}</span></button>`;
}

function operatorLabel(l: Locale, operator: string, field: Field | undefined): string {
  const boolean = field?.type === 'yesno';
  if (boolean && (operator === 'isTrue' || operator === 'isFalse')) {
    return t(l, `rule.pick.${operator}.boolean`);
  }
  return t(l, `rule.pick.${operator}` as MessageKey);
}

function conditionRow(
  l: Locale,
  node: FormCondition,
  path: number[],
  input: PickerContext,
  errorOf: ErrorOf,
): SafeHtml {
  const name = input.prefix + nameOf(path);
  const number = numberOf(path);
  const rowLabel = t(l, 'rule.form.condition', { number });
  const field = input.fields.find((f) => f.uid === node.field);
  const kind = field && valueKind(field);
  const choose = { value: '', label: t(l, 'rule.form.choose') };
  const operators = kind ? OPERATORS_FOR[kind] : [];
  const operator = operators.includes(node.operator as never) ? node.operator : '';
  const valueError = errorOf(name, 'wert');
  const valueControl = (): SafeHtml => {
    if (!field || !kind || !operator || !needsValue(operator)) return html``;
    const id = controlId(name, 'wert');
    const valueName = `${name}.wert`;
    const options = 'options' in field ? field.options : [];
    if (operator === 'oneOf') {
      return checkboxGroup(l, {
        id,
        name: valueName,
        label: t(l, 'rule.form.values'),
        error: valueError,
        choices: options.map((o) => ({
          value: o.value,
          label: localize(o.label, l) || o.value,
          checked: node.values.includes(o.value),
        })),
      });
    }
    if (kind === 'boolean' || kind === 'option' || kind === 'multi') {
      const choices =
        kind === 'boolean'
          ? [
              { value: 'ja', label: t(l, 'rule.value.yes') },
              { value: 'nein', label: t(l, 'rule.value.no') },
            ]
          : options.map((o) => ({ value: o.value, label: localize(o.label, l) || o.value }));
      return selectInput(l, {
        id,
        name: valueName,
        value: node.value,
        label: t(l, 'rule.form.value'),
        error: valueError,
        choices: [choose, ...choices],
      });
    }
    const hint =
      kind === 'date'
        ? t(l, 'rule.form.hint.date')
        : kind === 'number'
          ? t(l, field.type === 'currency' ? 'rule.form.hint.cent' : 'rule.form.hint.number')
          : undefined;
    return textInput(l, {
      id,
      name: valueName,
      value: node.value,
      label: t(l, 'rule.form.value'),
      hint,
      error: valueError,
    });
  };
  // Another field instead of a value: offered for comparisons where the page allows it.
  const compared = Boolean(input.compareFields && field && operator && isComparison(operator));
  const compareControls = (): SafeHtml => {
    const others = field ? comparableFields(input.fields, field) : [];
    return html`${selectInput(l, {
      id: controlId(name, 'vergleich'),
      name: `${name}.vergleich`,
      value: node.compare,
      label: t(l, 'rule.form.compare'),
      choices: [
        { value: 'wert', label: t(l, 'rule.form.compare.value') },
        { value: 'feld', label: t(l, 'rule.form.compare.field') },
      ],
    })}
  ${
    node.compare === 'feld'
      ? selectInput(l, {
          id: controlId(name, 'anderes'),
          name: `${name}.anderes`,
          value: others.some((f) => f.uid === node.other) ? node.other : '',
          label: t(l, 'rule.form.other'),
          error: errorOf(name, 'anderes'),
          choices: [choose, ...others.map((f) => ({ value: f.uid ?? '', label: fieldName(l, f) }))],
        })
      : valueControl()
  }`;
  };
  return html`<fieldset class="kern-fieldset aw-rule-row" id="${controlId(name, 'zeile')}">
  <legend class="kern-label">${rowLabel}</legend>
  <input type="hidden" name="${name}.art" value="bedingung">
  <div class="aw-rule-pickers">
  ${selectInput(l, {
    id: controlId(name, 'feld'),
    name: `${name}.feld`,
    value: field ? node.field : '',
    label: t(l, 'rule.form.field'),
    error: errorOf(name, 'feld'),
    choices: [choose, ...input.fields.map((f) => ({ value: f.uid ?? '', label: fieldName(l, f) }))],
  })}
  ${selectInput(l, {
    id: controlId(name, 'operator'),
    name: `${name}.operator`,
    value: operator,
    label: t(l, 'rule.form.operator'),
    error: errorOf(name, 'operator'),
    choices: [choose, ...operators.map((op) => ({ value: op, label: operatorLabel(l, op, field) }))],
  })}
  ${compared ? compareControls() : valueControl()}
  </div>
  <div class="aw-actions">${button(t(l, 'rule.form.remove'), `entfernen:${name}`, 'tertiary', `${rowLabel} ${t(l, 'rule.form.remove')}`)}</div>
</fieldset>`;
}

function groupBox(
  l: Locale,
  node: FormGroup,
  path: number[],
  input: PickerContext,
  errorOf: ErrorOf,
): SafeHtml {
  const name = input.prefix + nameOf(path);
  const root = path.length === 0;
  const label = root ? t(l, 'rule.form.legend') : t(l, 'rule.form.group', { number: numberOf(path) });
  // The root's buttons need no name of their own on a page with one condition, but do with several.
  const named = root ? input.owner : label;
  const error = errorOf(name, 'art');
  const item = (child: FormNode, i: number) =>
    child.kind === 'group'
      ? groupBox(l, child, [...path, i], input, errorOf)
      : conditionRow(l, child, [...path, i], input, errorOf);
  return html`<fieldset class="kern-fieldset aw-rule-group${error ? ' kern-fieldset--error' : ''}" id="${controlId(name, 'art')}"${error ? html` aria-describedby="${controlId(name, 'art')}-error"` : ''}>
  <legend class="kern-label">${label}</legend>
  ${root ? '' : html`<input type="hidden" name="${name}.art" value="gruppe">`}
  ${error ? html`<p class="kern-error" id="${controlId(name, 'art')}-error"><span class="kern-body">${error}</span></p>` : ''}
  ${selectInput(l, {
    id: controlId(name, 'verknuepfung'),
    name: `${name}.verknuepfung`,
    value: node.join,
    label: root ? t(l, 'rule.form.join') : `${t(l, 'rule.form.join')} (${label})`,
    choices: [
      { value: 'and', label: t(l, 'rule.form.join.and') },
      { value: 'or', label: t(l, 'rule.form.join.or') },
    ],
  })}
  ${root && node.items.length === 0 ? html`<p class="kern-body" id="keine-bedingung">${t(l, 'rule.form.empty')}</p>` : ''}
  ${node.items.map(item)}
  <div class="aw-actions">
    ${button(t(l, 'rule.form.addCondition'), `bedingung:${name}`, 'secondary', named && `${t(l, 'rule.form.addCondition')}: ${named}`)}
    ${canAddGroup(path) ? button(t(l, 'rule.form.addGroup'), `gruppe:${name}`, 'secondary', named && `${t(l, 'rule.form.addGroup')}: ${named}`) : ''}
    ${root ? '' : button(t(l, 'rule.form.remove'), `entfernen:${name}`, 'tertiary', `${label} ${t(l, 'rule.form.remove')}`)}
  </div>
</fieldset>`;
}

/** The rows of a condition, each error at its control (`errors` named without the prefix). */
export function pickerGroup(
  l: Locale,
  root: FormGroup,
  context: PickerContext,
  errors: readonly RowError[],
): SafeHtml {
  const errorOf: ErrorOf = (name, part) => {
    const e = errors.find((x) => context.prefix + x.name === name && x.part === part);
    return e ? t(l, ERROR_KEYS[e.code]) : undefined;
  };
  return groupBox(l, root, [], context, errorOf);
}

/**
 * Where each row error is: the summary links to the control, in the form's order. `prefix` and
 * `within` name the condition on a page with several (the fee's rows).
 */
export function rowSummary(l: Locale, errors: readonly RowError[], prefix = '', within = ''): SummaryError[] {
  return errors.map((e) => {
    const path = e.name === ROOT ? [] : e.name.split('.').slice(1).map(Number);
    const row =
      e.part === 'art'
        ? t(l, 'rule.form.group', { number: numberOf(path) })
        : t(l, 'rule.form.condition', { number: numberOf(path) });
    return {
      href: `#${controlId(prefix + e.name, e.part)}`,
      text: t(l, 'rule.error.at', { row: `${within}${row}`, message: t(l, ERROR_KEYS[e.code]) }),
    };
  });
}

export function rulePage(p: StaffPage, input: RulePageInput): string {
  const l = p.locale;
  const { draft } = input.details;
  const subject = localize(input.subject, l);
  const title = t(l, `rule.page.title.${input.name}`, { name: subject });
  const action = rulePath(draftBase(draft.id), input.uid, input.name);
  const errors = input.errors ?? [];
  const jsonProblems = input.jsonProblems ?? [];
  const summary: SummaryError[] = [
    ...rowSummary(l, errors),
    ...(input.jsonError ? [{ href: '#in-regel-json', text: input.jsonError }] : []),
    ...jsonProblems.map((e) => ({ href: '#in-regel-json', text: `${e.path}: ${e.message}` })),
  ];
  const words = ruleSentence(l, input.name, input.subject, input.rule, input.details.draft.definition);
  const draftTitle = localize(draft.definition.title, l) || draft.slug;
  const form = input.form;
  const main = html`<nav aria-label="${t(l, 'editor.trail')}"><ol class="aw-inline-list">
  <li><a class="kern-link" href="${DRAFTS_PATH}">${t(l, 'editor.drafts.title')}</a></li>
  <li><a class="kern-link" href="${draftBase(draft.id)}">${draftTitle}</a></li>
  <li><a class="kern-link" href="${input.backHref}">${subject}</a></li>
</ol></nav>
${errorSummary(l, summary)}
${input.saved ? notice('success', t(l, 'editor.saved')) : ''}
<h1 class="kern-heading-large">${title}</h1>
<p class="kern-body" id="stand">${t(l, 'editor.savedLine', {
    version: draft.version,
    at: formatDateTime(l, draft.updatedAt),
    name: input.details.updatedByName ?? '',
  })}</p>
${input.alwaysRequired ? html`<p class="kern-body" id="immer-pflicht">${t(l, 'rule.page.alwaysRequired')}</p>` : ''}
<p class="kern-body" id="rule-words">${words ? html`<strong>${t(l, 'rule.sentence.label')}</strong> ${words}` : t(l, 'rule.page.none')}</p>
<form method="post" action="${action}" novalidate id="regel-form"${form ? html` data-rule-pickers` : ''}>
  ${csrfField(input.csrf)}
  <input type="hidden" name="version" value="${String(input.version)}">
  ${
    form
      ? // Enter in a text box presses the form's first button: this one, which saves and loses nothing.
        html`<button type="submit" name="aktion" value="aktualisieren" class="kern-sr-only" tabindex="-1" aria-hidden="true">${t(l, 'rule.form.refresh')}</button>
  <input type="hidden" name="${ROOT}.wurzel" value="${form.rootIsGroup ? 'gruppe' : 'bedingung'}">
  <p class="kern-body">${t(l, 'rule.page.intro')}</p>
  ${input.fields.length === 0 ? html`<p class="kern-body" id="keine-felder">${t(l, 'rule.form.noFields')}</p>` : ''}
  ${pickerGroup(l, form.root, { fields: input.fields, prefix: '' }, errors)}
  <p class="kern-hint" id="aktualisieren-hinweis">${t(l, 'rule.form.refreshHint')}</p>
  <div class="aw-actions">
    ${button(t(l, 'rule.form.refresh'), 'aktualisieren', 'secondary')}
    ${button(t(l, 'rule.form.save'), 'speichern', 'primary')}
  </div>`
      : html`<p class="kern-body" id="nur-json">${t(l, 'rule.json.intro')}</p>
  ${jsonProblems.length > 0 ? html`<p class="kern-body">${t(l, 'rule.json.error.problems')}</p><ul class="kern-list" id="regel-probleme">${jsonProblems.map((e) => html`<li><span class="aw-pointer">${e.path}</span>: <span lang="en">${e.message}</span></li>`)}</ul>` : ''}
  ${textArea(l, {
    id: 'in-regel-json',
    name: 'json',
    value: input.jsonText ?? '',
    rows: 10,
    label: t(l, 'rule.json.label'),
    hint: t(l, 'rule.json.hint'),
    error:
      input.jsonError ??
      (jsonProblems.length > 0 ? t(l, 'rule.json.error.short', { count: jsonProblems.length }) : undefined),
  })}
  <div class="aw-actions">
    ${button(t(l, 'rule.json.save'), 'json-speichern', 'primary')}
    ${button(t(l, 'rule.json.replace'), 'auswahl', 'secondary')}
  </div>`
  }
</form>
<p class="kern-body"><a class="kern-link" href="${input.backHref}">${t(l, 'rule.page.back', { name: subject })}</a></p>`;
  return staffShell(p, title, main, {
    area: 'designer',
    hasErrors: summary.length > 0,
    // Only the picker form has something to enhance (src/web/client/rule-pickers.ts).
    enhance: form !== undefined,
    extra: signedInHeader(l, input.session, input.csrf, 'designer'),
  });
}
