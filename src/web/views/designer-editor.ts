/**
 * Pages of the visual editor under /staff/design/entwuerfe (ADR 0033): the drafts and how to start
 * one, a draft's overview (steps, problems, hand-over), its start page and service texts, a step
 * with its fields, a field with its type's settings, the code view and the conflict page. Every
 * change is a plain form post carrying the draft version it was made on, so everything works
 * without JavaScript; texts in German, English and Leichte Sprache sit side by side.
 */

import type { CodeListSearchResult } from '../../core/code-list-search.ts';
import type {
  CandidateSummary,
  EditorDraftSummary,
  ServiceVersion,
  StaffSession,
} from '../../core/domain.ts';
import type { LeikaSearchResult } from '../../core/leika/catalogue.ts';
import type { Conflict, DraftDetails, EditOutcome } from '../../core/service-drafts.ts';
import { packageNoteOf } from '../../core/service-package.ts';
import { labelOf } from '../../definition/diff.ts';
import { CODE_LIST_TYPES } from '../../definition/edit/code-list.ts';
import {
  commonSettings,
  FIELD_SETTINGS,
  inputName,
  optionsText,
  type PostedForm,
  ruleSettings,
  ruleText,
  type SettingError,
  type SettingSpec,
} from '../../definition/edit/settings.ts';
import { FIELD_TYPES, fieldTypeFacts } from '../../definition/field-types/table.ts';
import type { DefinitionProblem } from '../../definition/parse.ts';
import {
  type CodeListReference,
  type EasyText,
  FILE_MEDIA_TYPES,
  type Field,
  type FieldType,
  type Locale,
  type LocalizedText,
  localize,
  type ServiceDefinition,
  type Step,
} from '../../definition/types.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import { formatDateTime, type MessageKey, t } from '../i18n.ts';
import { checkboxGroup, singleCheckbox, submitButton, textInput } from './admin-form.ts';
import { codeListSection } from './code-list-picker.ts';
import { identitySettings } from './identity-settings.ts';
import { csrfField, errorSummary, notice, type SummaryError } from './layout.ts';
import { leikaKeyName, leikaSearchSection } from './leika-search.ts';
import { prefillControl } from './prefill-setting.ts';
import { rulePath } from './rule-path.ts';
import { ruleSentence } from './rule-sentence.ts';
import { type StaffPage, signedInHeader, staffShell } from './staff.ts';

export const DRAFTS_PATH = '/staff/design/entwuerfe';
export const draftBase = (id: string) => `${DRAFTS_PATH}/${id}`;

/** The name of the button value that says which change a post makes (`op:uid`). */
export const ACTION = 'aktion';
/** The hidden input with the draft version a form was rendered from. */
export const VERSION = 'version';

interface Staff {
  session: StaffSession;
  csrf: string;
}

function shell(p: StaffPage, staff: Staff, title: string, main: SafeHtml, hasErrors = false): string {
  return staffShell(p, title, main, {
    area: 'designer',
    hasErrors,
    extra: signedInHeader(p.locale, staff.session, staff.csrf, 'designer'),
  });
}

/** `s.title.de` -> `in-title-de`: the id of the input a problem or an error links to. */
export function inputId(name: string): string {
  return `in-${name.replace(/^s\./, '').replace(/\./g, '-')}`;
}

/** Opening of every editing form: CSRF and the version the change is made on. */
function formStart(staff: Staff, action: string, version: number, page = ''): SafeHtml {
  return html`<form method="post" action="${action}" novalidate>
  ${csrfField(staff.csrf)}
  <input type="hidden" name="${VERSION}" value="${String(version)}">
  <input type="hidden" name="seite" value="${page}">`;
}

function actionButton(
  label: string,
  value: string,
  kind: 'primary' | 'secondary' | 'tertiary',
  srContext?: string,
): SafeHtml {
  // The element's name in the accessible name, so the list's many "Nach oben" buttons tell apart.
  return html`<button type="submit" class="kern-btn kern-btn--${kind}" name="${ACTION}" value="${value}"${srContext ? html` aria-label="${label}: ${srContext}"` : ''}><span class="kern-label">${label}</span></button>`;
}

const badge = (text: string) =>
  html`<span class="kern-badge kern-badge--warning kern-badge--small"><span class="kern-label">${text}</span></span>`;

/** A plain text area (KERN markup), for longer texts, options and the code view. */
function textArea(
  id: string,
  name: string,
  label: string,
  value: string,
  options: {
    rows?: number;
    hint?: SafeHtml | string;
    error?: string;
    code?: boolean;
    readonly?: boolean;
  } = {},
): SafeHtml {
  const described = [options.hint ? `${id}-hint` : '', options.error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return html`<div class="kern-form-input${options.error ? ' kern-form-input--error' : ''}">
  <label class="kern-label" for="${id}">${label}</label>
  ${options.hint ? html`<div class="kern-hint" id="${id}-hint">${options.hint}</div>` : ''}
  ${options.error ? html`<p class="kern-error" id="${id}-error"><span class="kern-body">${options.error}</span></p>` : ''}
  <textarea class="kern-form-input__input${options.code ? ' aw-code' : ''}" id="${id}" name="${name}" rows="${String(options.rows ?? 3)}"${options.code ? html` spellcheck="false"` : ''}${options.readonly ? html` readonly` : ''}${described ? html` aria-describedby="${described}"` : ''}${options.error ? html` aria-invalid="true"` : ''}>${value}</textarea>
</div>`;
}

function selectInput(
  id: string,
  name: string,
  label: string,
  choices: ReadonlyArray<{ value: string; label: string }>,
  selected?: string,
): SafeHtml {
  return html`<div class="kern-form-input">
  <label class="kern-label" for="${id}">${label}</label>
  <div class="kern-form-input__select-wrapper"><select class="kern-form-input__select" id="${id}" name="${name}">${choices.map(
    (c) => html`<option value="${c.value}"${c.value === selected ? ' selected' : ''}>${c.label}</option>`,
  )}</select></div>
</div>`;
}

type Lang = 'de' | 'en' | 'ls';
const LANG_KEYS: Record<Lang, MessageKey> = {
  de: 'editor.lang.de',
  en: 'editor.lang.en',
  ls: 'editor.lang.ls',
};

/**
 * A text in its languages side by side: German, English and, where the format has it, Leichte
 * Sprache. A missing translation is marked (German is the source, so only once it is there).
 */
export function texts(
  l: Locale,
  name: string,
  legend: string,
  value: (LocalizedText & { ls?: string }) | undefined,
  /** `error`: the German text is missing or wrong, said at its input. */
  options: { easy?: boolean; long?: boolean; hint?: string; error?: string | undefined } = {},
): SafeHtml {
  const langs: Lang[] = options.easy ? ['de', 'en', 'ls'] : ['de', 'en'];
  const legendId = `${inputId(`s.${name}`)}-legend`;
  return html`<fieldset class="kern-fieldset aw-texts-set">
  <legend class="kern-label" id="${legendId}">${legend}</legend>
  ${options.hint ? html`<div class="kern-hint">${options.hint}</div>` : ''}
  <div class="aw-texts">${langs.map((lang) => {
    const inputName = `s.${name}.${lang}`;
    const id = inputId(inputName);
    const text = value?.[lang] ?? '';
    const missing = lang !== 'de' && !text && Boolean(value?.de);
    const label = t(l, LANG_KEYS[lang]);
    const error = lang === 'de' ? options.error : undefined;
    const described = missing
      ? html` aria-describedby="${id}-missing"`
      : error
        ? html` aria-describedby="${id}-error" aria-invalid="true"`
        : '';
    return html`<div class="kern-form-input${error ? ' kern-form-input--error' : ''}">
    <label class="kern-label" for="${id}">${label}</label>
    ${missing ? html`<div class="kern-hint" id="${id}-missing">${badge(t(l, 'editor.text.missing'))}</div>` : ''}
    ${error ? html`<p class="kern-error" id="${id}-error"><span class="kern-body">${error}</span></p>` : ''}
    ${
      options.long
        ? html`<textarea class="kern-form-input__input" id="${id}" name="${inputName}" rows="3"${lang === 'de' ? '' : html` lang="${lang === 'ls' ? 'de' : lang}"`}${described}>${text}</textarea>`
        : html`<input class="kern-form-input__input" id="${id}" name="${inputName}" type="text" value="${text}"${lang === 'en' ? html` lang="en"` : ''}${described}>`
    }
  </div>`;
  })}</div>
</fieldset>`;
}

const checkHref = (base: string, id: string | undefined) =>
  id && /^[a-zA-Z][a-zA-Z0-9_]{0,99}$/.test(id) ? `${base}/pruefungen/${id}` : `${base}/pruefungen`;

/** The JSON pointer of a problem as the place in the editor to fix it. */
export function problemHref(base: string, definition: ServiceDefinition, path: string): string {
  const tokens = path.split('/').slice(1);
  const tail = (rest: string[]) => {
    if (rest.length === 0) return '';
    const lang = rest[1];
    if (rest[0] === 'pattern' && rest[1] === 'regex') return '#in-pattern-regex';
    return lang === 'de' || lang === 'en' || lang === 'ls' ? `#in-${rest[0]}-${lang}` : `#in-${rest[0]}`;
  };
  const [top, s, second, f, third, i, ...rest] = tokens;
  if (top === 'steps') {
    const step = s === undefined ? undefined : definition.steps?.[Number(s)];
    if (!step?.uid) return `${base}#schritt-hinzufuegen`;
    // A step's cross-field checks have their own page, by id (the list when it has none).
    if (second === 'validations') return checkHref(base, step.validations?.[Number(f)]?.id);
    if (second !== 'fields') return `${base}/schritte/${step.uid}${tail(tokens.slice(2))}`;
    const field = f === undefined ? undefined : step.fields?.[Number(f)];
    if (!field?.uid) return `${base}/schritte/${step.uid}#feld-hinzufuegen`;
    if (third !== 'fields' || field.type !== 'group')
      return `${base}/felder/${field.uid}${tail(tokens.slice(4))}`;
    const item = i === undefined ? undefined : field.fields?.[Number(i)];
    if (!item?.uid) return `${base}/felder/${field.uid}#eintragsfeld-hinzufuegen`;
    return `${base}/felder/${item.uid}${tail(rest)}`;
  }
  const general: Record<string, string> = {
    id: '#in-id',
    title: tail(tokens),
    summary: tail(tokens),
    declaration: tail(tokens),
    leikaKey: '#in-leikaKey',
    startPage: tokens[1] === 'description' ? tail(tokens.slice(1)) : '',
  };
  if (top !== undefined && top in general) return `${base}/startseite${general[top]}`;
  if (top === 'local' && tokens[1] === 'fee') return `${base}/gebuehr`;
  if (top === 'validations') return checkHref(base, definition.validations?.[Number(s)]?.id);
  if (top === 'computed') {
    const key = definition.computed?.[Number(s)]?.key;
    return key && /^[a-zA-Z][a-zA-Z0-9_]{0,99}$/.test(key) ? `${base}/berechnet/${key}` : `${base}/berechnet`;
  }
  if (top === 'local' && tokens[1] === 'office') {
    const part = tokens[2];
    return `${base}/startseite${part === 'name' ? `#in-officeName-${tokens[3] ?? 'de'}` : part ? `#in-office-${part}` : ''}`;
  }
  // Rules, computed values, validations, notes: the code view, until the rule builder comes.
  return `${base}/code`;
}

/** The draft's problems, each linking to the place to fix it (messages are English). */
export function problemList(
  l: Locale,
  base: string,
  definition: ServiceDefinition,
  problems: readonly DefinitionProblem[],
): SafeHtml {
  return html`<ul class="kern-list" id="probleme-liste">${problems.map(
    (p) =>
      html`<li><a class="kern-link" href="${problemHref(base, definition, p.path)}"><span class="aw-pointer">${p.path || t(l, 'design.problems.root')}</span></a>: <span lang="en">${p.message}</span></li>`,
  )}</ul>`;
}

function problemSection(l: Locale, details: DraftDetails): SafeHtml {
  const base = draftBase(details.draft.id);
  const { problems } = details;
  return html`<h2 class="kern-heading-medium" id="probleme">${t(l, 'editor.problems.heading')}</h2>
${
  problems.length === 0
    ? html`<p class="kern-body" id="keine-probleme">${t(l, 'editor.problems.none')}</p>`
    : html`<p class="kern-body">${t(l, 'editor.problems.intro', { count: problems.length })} ${t(l, 'design.problems.inEnglish')}</p>
${problemList(l, base, details.draft.definition, problems)}`
}`;
}

/** The trail back: drafts, this draft. */
function trail(l: Locale, details: DraftDetails, here?: string): SafeHtml {
  const title = localize(details.draft.definition.title, l) || details.draft.slug;
  return html`<nav aria-label="${t(l, 'editor.trail')}"><ol class="aw-inline-list">
  <li><a class="kern-link" href="${DRAFTS_PATH}">${t(l, 'editor.drafts.title')}</a></li>
  ${here ? html`<li><a class="kern-link" href="${draftBase(details.draft.id)}">${title}</a></li>` : ''}
</ol></nav>`;
}

/** Says when someone else saved last: a second designer at work is seen, not overwritten. */
export function savedLine(l: Locale, details: DraftDetails): SafeHtml {
  return html`<p class="kern-body" id="stand">${t(l, 'editor.savedLine', {
    version: details.draft.version,
    at: formatDateTime(l, details.draft.updatedAt),
    name: details.updatedByName ?? '',
  })}</p>`;
}

// ---------------------------------------------------------------------------------------------
// The drafts and how to start one.

export interface DraftsPageInput extends Staff {
  drafts: EditorDraftSummary[];
  names: Map<string, string>;
  services: ServiceVersion[];
  candidates: CandidateSummary[];
  error?: { reason: 'slug-invalid' | 'title-missing' | 'source-missing'; slug?: string; title?: string };
  deleted?: boolean;
}

export function draftsPage(p: StaffPage, input: DraftsPageInput): string {
  const l = p.locale;
  const error = input.error;
  const errors: SummaryError[] = error
    ? [
        {
          href:
            error.reason === 'title-missing'
              ? '#in-new-title'
              : error.reason === 'slug-invalid'
                ? '#in-new-slug'
                : '#neu',
          text: t(l, `editor.start.error.${error.reason}`),
        },
      ]
    : [];
  return shell(
    p,
    input,
    t(l, 'editor.drafts.title'),
    html`<a class="kern-link" href="/staff/design">${t(l, 'design.candidate.back')}</a>
${errorSummary(l, errors)}
${input.deleted ? notice('success', t(l, 'editor.draft.deleted')) : ''}
<h1 class="kern-heading-large">${t(l, 'editor.drafts.title')}</h1>
<p class="kern-body">${t(l, 'editor.drafts.intro')}</p>
${
  input.drafts.length === 0
    ? html`<p class="kern-body">${t(l, 'editor.drafts.empty')}</p>`
    : html`<div class="kern-table-responsive"><table class="kern-table" id="entwuerfe">
  <caption class="kern-sr-only">${t(l, 'editor.drafts.caption')}</caption>
  <thead class="kern-table__header"><tr class="kern-table__row">
    <th scope="col" class="kern-table__header">${t(l, 'design.col.service')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'design.col.slug')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'editor.col.changedAt')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'editor.col.changedBy')}</th>
  </tr></thead>
  <tbody class="kern-table__body">${input.drafts.map(
    (d) => html`<tr class="kern-table__row">
    <td class="kern-table__cell"><a class="kern-link" href="${draftBase(d.id)}">${localize(d.title, l) || d.slug}</a></td>
    <td class="kern-table__cell aw-pointer">${d.slug}</td>
    <td class="kern-table__cell">${formatDateTime(l, d.updatedAt)}</td>
    <td class="kern-table__cell">${input.names.get(d.updatedBy) ?? ''}</td>
  </tr>`,
  )}</tbody>
</table></div>`
}
<h2 class="kern-heading-medium" id="neu">${t(l, 'editor.start.heading')}</h2>
<h3 class="kern-heading-small">${t(l, 'editor.start.new')}</h3>
<form method="post" action="${DRAFTS_PATH}" novalidate>
  ${csrfField(input.csrf)}
  <input type="hidden" name="start" value="new">
  ${textInput(l, { id: 'in-new-title', name: 'titel', value: error?.title ?? '', label: t(l, 'editor.start.title'), error: error?.reason === 'title-missing' ? t(l, 'editor.start.error.title-missing') : undefined })}
  ${textInput(l, { id: 'in-new-slug', name: 'kennung', value: error?.slug ?? '', label: t(l, 'design.col.slug'), hint: t(l, 'editor.start.slugHint'), error: error?.reason === 'slug-invalid' ? t(l, 'editor.start.error.slug-invalid') : undefined })}
  ${submitButton(t(l, 'editor.start.newSubmit'))}
</form>
${
  input.services.length === 0
    ? ''
    : html`<h3 class="kern-heading-small">${t(l, 'editor.start.service')}</h3>
<form method="post" action="${DRAFTS_PATH}" novalidate>
  ${csrfField(input.csrf)}
  <input type="hidden" name="start" value="service">
  ${selectInput(
    'in-start-service',
    'leistung',
    t(l, 'editor.start.serviceLabel'),
    input.services.map((s) => ({
      value: s.slug,
      label: t(l, 'editor.start.serviceChoice', {
        title: localize(s.definition.title, l),
        version: s.version,
      }),
    })),
  )}
  ${submitButton(t(l, 'editor.start.serviceSubmit'), 'secondary')}
</form>`
}
${
  input.candidates.length === 0
    ? ''
    : html`<h3 class="kern-heading-small">${t(l, 'editor.start.candidate')}</h3>
<form method="post" action="${DRAFTS_PATH}" novalidate>
  ${csrfField(input.csrf)}
  <input type="hidden" name="start" value="candidate">
  ${selectInput(
    'in-start-candidate',
    'upload',
    t(l, 'editor.start.candidateLabel'),
    input.candidates.map((c) => ({
      value: c.id,
      label: `${localize(c.title, l)} (${c.fileName}, ${formatDateTime(l, c.uploadedAt)})`,
    })),
  )}
  ${submitButton(t(l, 'editor.start.candidateSubmit'), 'secondary')}
</form>`
}
<h3 class="kern-heading-small">${t(l, 'network.start.heading')}</h3>
<p class="kern-body">${t(l, 'network.home.intro')} <a class="kern-link" href="/staff/design/katalog">${t(l, 'network.nav')}</a></p>`,
    errors.length > 0,
  );
}

// ---------------------------------------------------------------------------------------------
// A draft's overview.

export interface DraftPageInput extends Staff {
  details: DraftDetails;
  /** Just saved (a change made here), started, or refused for problems when handed over. */
  saved?: boolean;
  started?: boolean;
  /** Just copied from the network catalog. */
  copied?: boolean;
  handOverRefused?: DefinitionProblem[];
  /** A step could not be added (no title). */
  stepError?: string;
}

function startedFrom(l: Locale, details: DraftDetails): string {
  const { draft, basedOn } = details;
  if (draft.source === 'service' && basedOn)
    return t(l, 'editor.source.service', { version: basedOn.version });
  if (draft.source === 'candidate') return t(l, 'editor.source.candidate');
  if (draft.source === 'catalog' && details.origin) {
    const { origin, baseVersion } = details.origin;
    return t(l, 'editor.source.catalog', {
      provider: origin.attribution,
      version: baseVersion ?? '?',
      licence: origin.licence,
    });
  }
  if (draft.source === 'package')
    return t(l, 'package.draft.source', { note: packageNoteOf(draft.definition)?.text ?? '' });
  return t(l, 'editor.source.new');
}

export function draftPage(p: StaffPage, input: DraftPageInput): string {
  const l = p.locale;
  const { details } = input;
  const { draft, basedOn, liveNow } = details;
  const d = draft.definition;
  const base = draftBase(draft.id);
  const title = t(l, 'editor.draft.title', { title: localize(d.title, l) || draft.slug });
  const row = (key: MessageKey, value: SafeHtml | string, id?: string) =>
    html`<div class="kern-description-list-item"><dt class="kern-description-list-item__key">${t(l, key)}</dt><dd class="kern-description-list-item__value"${id ? html` id="${id}"` : ''}>${value}</dd></div>`;
  const refused = input.handOverRefused ?? [];
  const errors: SummaryError[] = input.stepError ? [{ href: '#in-new-step', text: input.stepError }] : [];
  const steps = d.steps ?? [];
  return shell(
    p,
    input,
    title,
    html`${trail(l, details)}
${errorSummary(l, errors)}
${input.started ? notice('success', t(l, 'editor.draft.started')) : ''}
${input.copied ? notice('success', t(l, 'network.copy.done')) : ''}
${input.saved ? notice('success', t(l, 'editor.saved')) : ''}
<h1 class="kern-heading-large">${title}</h1>
${savedLine(l, details)}
${
  details.merging
    ? notice(
        'info',
        t(l, 'catalogMerge.inDraft'),
        html`<p class="kern-body"><a class="kern-link" href="/staff/design/leistungen/${draft.slug}/zusammenfuehren">${t(l, 'catalogMerge.link')}</a></p>`,
      )
    : ''
}
<dl class="kern-description-list">
  ${row('design.col.slug', html`<span class="aw-pointer">${d.id}</span>`)}
  ${row('editor.startedFrom', startedFrom(l, details), 'gestartet-aus')}
  ${row(
    'publishing.basedOn',
    basedOn
      ? t(l, 'publishing.basedOn.version', { version: basedOn.version })
      : t(l, 'publishing.basedOn.none'),
    'based-on',
  )}
</dl>
${basedOn && liveNow && liveNow.id !== basedOn.id && liveNow.slug === basedOn.slug ? notice('warning', t(l, 'publishing.movedOn', { from: basedOn.version })) : ''}
<h2 class="kern-heading-medium">${t(l, 'editor.parts.heading')}</h2>
<ul class="kern-list">
  <li><a class="kern-link" href="${base}/startseite">${t(l, 'editor.general.title')}</a></li>
  <li><a class="kern-link" href="${base}/gebuehr" id="gebuehr-link">${t(l, 'fee.page.link')}</a></li>
  <li><a class="kern-link" href="${base}/pruefungen" id="pruefungen-link">${t(l, 'check.list.link')}</a></li>
  <li><a class="kern-link" href="${base}/berechnet" id="berechnet-link">${t(l, 'computed.list.title')}</a></li>
  <li><a class="kern-link" href="${base}/code">${t(l, 'editor.code.title')}</a></li>
</ul>
${problemSection(l, details)}
<h2 class="kern-heading-medium" id="schritte">${t(l, 'editor.steps.heading')}</h2>
${
  steps.length === 0
    ? html`<p class="kern-body">${t(l, 'editor.steps.empty')}</p>`
    : html`<ol class="aw-editor-list" id="schritt-liste">${steps.map((step, index) => {
        const name = localize(step.title, l) || step.id;
        return html`<li class="aw-editor-item">
  <p class="kern-body"><a class="kern-link" href="${base}/schritte/${step.uid ?? ''}">${name}</a> <span class="kern-hint">${t(
    l,
    (step.fields ?? []).length === 1 ? 'editor.steps.oneField' : 'editor.steps.fieldCount',
    {
      count: (step.fields ?? []).length,
    },
  )}</span></p>
  ${formStart(input, `${base}/aendern`, draft.version)}
    <div class="aw-inline-list">
      ${index > 0 ? actionButton(t(l, 'editor.move.up'), `move-step-up:${step.uid}`, 'tertiary', name) : ''}
      ${index < steps.length - 1 ? actionButton(t(l, 'editor.move.down'), `move-step-down:${step.uid}`, 'tertiary', name) : ''}
      ${actionButton(t(l, 'editor.remove'), `remove-step:${step.uid}`, 'tertiary', name)}
    </div>
  </form>
</li>`;
      })}</ol>`
}
<h3 class="kern-heading-small" id="schritt-hinzufuegen">${t(l, 'editor.steps.add')}</h3>
${formStart(input, `${base}/aendern`, draft.version)}
  ${textInput(l, { id: 'in-new-step', name: 'titel', value: '', label: t(l, 'editor.steps.newTitle'), error: input.stepError })}
  <div class="aw-actions">${actionButton(t(l, 'editor.steps.addSubmit'), 'add-step', 'secondary')}</div>
</form>
<h2 class="kern-heading-medium" id="uebergeben">${t(l, 'editor.handOver.heading')}</h2>
${refused.length > 0 ? html`<p class="kern-error">${t(l, 'editor.handOver.refused')}</p>${problemList(l, base, d, refused)}` : ''}
${
  details.problems.length > 0
    ? html`<p class="kern-body" id="uebergabe-gesperrt">${t(l, 'editor.handOver.blocked')} <a class="kern-link" href="#probleme">${t(l, 'editor.problems.heading')}</a></p>`
    : html`<p class="kern-body">${t(l, 'editor.handOver.intro')}</p>
${details.placeholders.length > 0 ? html`<p class="kern-body">${t(l, 'editor.handOver.placeholders', { count: details.placeholders.length })}</p>` : ''}
${formStart(input, `${base}/uebergeben`, draft.version)}
  ${submitButton(t(l, 'editor.handOver.submit'))}
</form>`
}
<h2 class="kern-heading-medium">${t(l, 'editor.draft.deleteHeading')}</h2>
<p class="kern-body">${t(l, 'editor.draft.deleteIntro')}</p>
${formStart(input, `${base}/loeschen`, draft.version)}
  ${submitButton(t(l, 'editor.draft.delete'), 'secondary')}
</form>`,
    errors.length > 0,
  );
}

// ---------------------------------------------------------------------------------------------
// The start page and the service's texts.

export function generalPage(
  p: StaffPage,
  input: Staff & {
    details: DraftDetails;
    saved?: boolean;
    /** The LeiKa search (ADR 0053) and the catalogue's name of the draft's key, if it has one. */
    leika: { search: LeikaSearchResult; keyName: string | undefined };
  },
): string {
  const l = p.locale;
  const { draft } = input.details;
  const d = draft.definition;
  const base = draftBase(draft.id);
  const title = t(l, 'editor.general.title');
  const office = d.local?.office;
  return shell(
    p,
    input,
    title,
    html`${trail(l, input.details, title)}
${input.saved ? notice('success', t(l, 'editor.saved')) : ''}
<h1 class="kern-heading-large">${title}</h1>
${savedLine(l, input.details)}
${formStart(input, `${base}/aendern`, draft.version, '/startseite')}
  ${texts(l, 'title', t(l, 'editor.general.serviceTitle'), d.title)}
  ${texts(l, 'summary', t(l, 'editor.general.summary'), d.summary, { easy: true, long: true })}
  ${texts(l, 'description', t(l, 'editor.general.description'), d.startPage?.description, { easy: true, long: true })}
  ${texts(l, 'declaration', t(l, 'editor.general.declaration'), d.declaration, { long: true })}
  ${texts(l, 'officeName', t(l, 'editor.general.office'), office?.name)}
  ${textInput(l, { id: 'in-office-email', name: 's.office.email', value: office?.email ?? '', label: t(l, 'editor.general.officeEmail') })}
  ${textInput(l, { id: 'in-office-phone', name: 's.office.phone', value: office?.phone ?? '', label: t(l, 'editor.general.officePhone') })}
  ${textInput(l, { id: 'in-office-address', name: 's.office.address', value: office?.address ?? '', label: t(l, 'editor.general.officeAddress') })}
  ${identitySettings(l, d.local?.identity)}
  ${textInput(l, { id: 'in-leikaKey', name: 's.leikaKey', value: d.leikaKey ?? '', label: t(l, 'editor.general.leika'), hint: t(l, 'editor.general.leikaHint'), numeric: true })}
  ${leikaKeyName(l, d.leikaKey, input.leika.keyName, input.leika.search.catalogue !== undefined)}
  ${textInput(l, { id: 'in-id', name: 's.id', value: d.id ?? '', label: t(l, 'design.col.slug'), hint: t(l, 'editor.general.idHint') })}
  <div class="aw-actions">${actionButton(t(l, 'editor.save'), 'general', 'primary')}</div>
</form>
${leikaSearchSection(l, {
  action: `${base}/startseite`,
  search: input.leika.search,
  takeOver: (entry) => html`${formStart(input, `${base}/aendern`, draft.version, '/startseite')}
  <input type="hidden" name="leika-key" value="${entry.key}">
  ${actionButton(t(l, 'editor.leika.take'), 'leika-key', 'secondary', `${entry.key} ${entry.name}`)}
</form>`,
})}
<p class="kern-body"><a class="kern-link" href="${base}/gebuehr">${t(l, 'fee.page.link')}</a></p>
<p class="kern-body"><a class="kern-link" href="${base}">${t(l, 'editor.backToDraft')}</a></p>`,
  );
}

// ---------------------------------------------------------------------------------------------
// A step and its fields.

/** Every field type's name; the mapped type makes the compiler ask for a new type's. */
const TYPE_LABELS: { readonly [T in FieldType]: MessageKey } = {
  text: 'editor.type.text',
  textarea: 'editor.type.textarea',
  number: 'editor.type.number',
  date: 'editor.type.date',
  email: 'editor.type.email',
  phone: 'editor.type.phone',
  select: 'editor.type.select',
  radio: 'editor.type.radio',
  checkbox: 'editor.type.checkbox',
  yesno: 'editor.type.yesno',
  info: 'editor.type.info',
  warning: 'editor.type.warning',
  decimal: 'editor.type.decimal',
  currency: 'editor.type.currency',
  time: 'editor.type.time',
  iban: 'editor.type.iban',
  bic: 'editor.type.bic',
  postcode: 'editor.type.postcode',
  taxId: 'editor.type.taxId',
  licensePlate: 'editor.type.licensePlate',
  declaration: 'editor.type.declaration',
  address: 'editor.type.address',
  foreignAddress: 'editor.type.foreignAddress',
  file: 'editor.type.file',
  group: 'editor.type.group',
};

const typeLabel = (l: Locale, type: FieldType) => t(l, TYPE_LABELS[type]);

/** What a field is called in lists: its label, a text block's text, or its key. */
function fieldName(l: Locale, field: Field): string {
  if ('label' in field && field.label) return localize(field.label, l) || field.key;
  if ('text' in field && field.text)
    return localize(field.text as LocalizedText, l).slice(0, 60) || field.key;
  return field.key;
}

function fieldList(
  l: Locale,
  staff: Staff,
  draftId: string,
  version: number,
  fields: readonly Field[],
  steps: readonly Step[] | undefined,
  listId: string,
  page: string,
): SafeHtml {
  const base = draftBase(draftId);
  return html`<ol class="aw-editor-list" id="${listId}">${fields.map((field, index) => {
    const name = fieldName(l, field);
    const otherSteps = (steps ?? []).filter((s) => !s.fields.some((f) => f.uid === field.uid));
    return html`<li class="aw-editor-item">
  <p class="kern-body"><a class="kern-link" href="${base}/felder/${field.uid ?? ''}">${name}</a> <span class="kern-hint">${typeLabel(l, field.type)} · <span class="aw-pointer">${field.key}</span></span></p>
  ${formStart(staff, `${base}/aendern`, version, page)}
    <div class="aw-inline-list">
      ${index > 0 ? actionButton(t(l, 'editor.move.up'), `move-field-up:${field.uid}`, 'tertiary', name) : ''}
      ${index < fields.length - 1 ? actionButton(t(l, 'editor.move.down'), `move-field-down:${field.uid}`, 'tertiary', name) : ''}
      ${actionButton(t(l, 'editor.remove'), `remove-field:${field.uid}`, 'tertiary', name)}
    </div>
    ${
      steps && otherSteps.length > 0
        ? html`<div class="aw-filter">${selectInput(
            `in-to-step-${field.uid}`,
            'schritt',
            t(l, 'editor.fields.toStep', { name }),
            otherSteps.map((s) => ({ value: s.uid ?? '', label: localize(s.title, l) || s.id })),
          )}${actionButton(t(l, 'editor.fields.toStepSubmit'), `field-to-step:${field.uid}`, 'secondary', name)}</div>`
        : ''
    }
  </form>
</li>`;
  })}</ol>`;
}

function addFieldForm(
  l: Locale,
  staff: Staff,
  draftId: string,
  version: number,
  action: string,
  types: readonly FieldType[],
  headingId: string,
  heading: string,
  error?: string,
): SafeHtml {
  const labelId = `in-new-field-${headingId}`;
  return html`<h2 class="kern-heading-medium" id="${headingId}">${heading}</h2>
${formStart(staff, `${draftBase(draftId)}/aendern`, version)}
  ${selectInput(
    `in-new-type-${headingId}`,
    'typ',
    t(l, 'editor.fields.type'),
    types.map((type) => ({ value: type, label: typeLabel(l, type) })),
    'text',
  )}
  ${textInput(l, { id: labelId, name: 'bezeichnung', value: '', label: t(l, 'editor.fields.newLabel'), hint: t(l, 'editor.fields.newLabelHint'), error })}
  <div class="aw-actions">${actionButton(t(l, 'editor.fields.addSubmit'), action, 'secondary')}</div>
</form>`;
}

export interface StepPageInput extends Staff {
  details: DraftDetails;
  step: Step;
  saved?: boolean;
  fieldError?: string;
  /** After an input error in the step's form: what was posted, and the errors. */
  posted?: PostedForm;
  errors?: SettingError[];
}

export function stepEditPage(p: StaffPage, input: StepPageInput): string {
  const l = p.locale;
  const { draft } = input.details;
  const { step } = input;
  const base = draftBase(draft.id);
  const name = localize(step.title, l) || step.id;
  const title = t(l, 'editor.step.title', { title: name });
  const errors: SummaryError[] = [
    ...(input.errors ?? []).map((e) => ({
      href: `#${inputId(inputName(e.name))}`,
      text: t(l, ERROR_KEYS[e.code]),
    })),
    ...(input.fieldError ? [{ href: '#in-new-field-feld-hinzufuegen', text: input.fieldError }] : []),
  ];
  return shell(
    p,
    input,
    title,
    html`${trail(l, input.details, title)}
${errorSummary(l, errors)}
${input.saved ? notice('success', t(l, 'editor.saved')) : ''}
<h1 class="kern-heading-large">${title}</h1>
${savedLine(l, input.details)}
${formStart(input, `${base}/aendern`, draft.version, `/schritte/${step.uid}`)}
  ${texts(l, 'title', t(l, 'editor.step.stepTitle'), step.title)}
  ${texts(l, 'description', t(l, 'editor.step.description'), step.description, { easy: true, long: true })}
  ${textInput(l, { id: 'in-id', name: 's.id', value: step.id, label: t(l, 'editor.step.id'), hint: t(l, 'editor.step.idHint') })}
  ${ruleControls(
    l,
    ruleSettings('step'),
    step as unknown as Record<string, unknown>,
    input.posted,
    (name) => {
      const e = input.errors?.find((x) => x.name === name);
      return e ? t(l, ERROR_KEYS[e.code]) : undefined;
    },
    {
      subject: step.title,
      definition: draft.definition,
      href: (name) => rulePath(base, step.uid ?? '', name),
    },
  )}
  <p class="kern-body"><a class="kern-link" id="schritt-pruefungen" href="${base}/pruefungen#pruefungen-${step.uid ?? ''}">${t(l, 'check.step.link', { count: step.validations?.length ?? 0 })}</a></p>
  <div class="aw-actions">${actionButton(t(l, 'editor.save'), `step-texts:${step.uid}`, 'primary')}</div>
</form>
<h2 class="kern-heading-medium" id="felder">${t(l, 'editor.fields.heading')}</h2>
${
  step.fields.length === 0
    ? html`<p class="kern-body">${t(l, 'editor.fields.empty')}</p>`
    : fieldList(
        l,
        input,
        draft.id,
        draft.version,
        step.fields,
        draft.definition.steps,
        'feld-liste',
        `/schritte/${step.uid}`,
      )
}
${addFieldForm(l, input, draft.id, draft.version, `add-field:${step.uid}`, FIELD_TYPES, 'feld-hinzufuegen', t(l, 'editor.fields.add'), input.fieldError)}
<p class="kern-body"><a class="kern-link" href="${base}">${t(l, 'editor.backToDraft')}</a></p>`,
    errors.length > 0,
  );
}

// ---------------------------------------------------------------------------------------------
// A field and its settings.

const SETTING_LABELS: Record<string, MessageKey> = {
  minLength: 'editor.setting.minLength',
  maxLength: 'editor.setting.maxLength',
  autocomplete: 'editor.setting.autocomplete',
  applicantContact: 'editor.setting.applicantContact',
  min: 'editor.setting.min',
  max: 'editor.setting.max',
  integer: 'editor.setting.integer',
  notInPast: 'editor.setting.notInPast',
  notInFuture: 'editor.setting.notInFuture',
  minAgeYears: 'editor.setting.minAgeYears',
  maxAgeYears: 'editor.setting.maxAgeYears',
  decimals: 'editor.setting.decimals',
  text: 'editor.setting.text',
  options: 'editor.setting.options',
  search: 'editor.setting.search',
  minSelected: 'editor.setting.minSelected',
  maxSelected: 'editor.setting.maxSelected',
  accept: 'editor.setting.accept',
  maxSizeBytes: 'editor.setting.maxSizeBytes',
  maxFiles: 'editor.setting.maxFiles',
  title: 'editor.setting.title',
  itemLabel: 'editor.setting.itemLabel',
  addLabel: 'editor.setting.addLabel',
  minItems: 'editor.setting.minItems',
  maxItems: 'editor.setting.maxItems',
  pattern: 'editor.setting.pattern',
};

const UNIT_LABELS: Record<NonNullable<SettingSpec['unit']>, MessageKey> = {
  cent: 'editor.unit.cent',
  bytes: 'editor.unit.bytes',
  years: 'editor.unit.years',
  characters: 'editor.unit.characters',
  items: 'editor.unit.items',
  files: 'editor.unit.files',
  digits: 'editor.unit.digits',
};

const ERROR_KEYS: Record<SettingError['code'], MessageKey> = {
  integer: 'editor.error.integer',
  number: 'editor.error.number',
  date: 'editor.error.date',
  options: 'editor.error.options',
  'media-type': 'editor.error.mediaType',
  json: 'editor.error.json',
  prefill: 'editor.error.prefill',
  'prefill-item': 'editor.error.prefillItem',
};

const RULE_LABELS: Record<'showIf' | 'requiredIf', MessageKey> = {
  showIf: 'editor.rule.showIf',
  requiredIf: 'editor.rule.requiredIf',
};

/**
 * A rule as JSON in place, never lost, checked like everything else; the saved rule is said in
 * words above it (ADR 0046), or said to stay JSON when the pickers cannot show it.
 */
function ruleControls(
  l: Locale,
  names: ReadonlyArray<'showIf' | 'requiredIf'>,
  element: Record<string, unknown>,
  posted: PostedForm | undefined,
  errorOf: (name: string) => string | undefined,
  about: {
    subject: LocalizedText;
    definition: ServiceDefinition;
    href: (name: 'showIf' | 'requiredIf') => string;
  },
): SafeHtml {
  return html`${names.map((name) => {
    const input = inputName(name);
    const v = posted?.[input];
    const value = posted
      ? ((Array.isArray(v) ? v[0] : (v as string | undefined)) ?? '')
      : ruleText(element[name]);
    const error = errorOf(name);
    const words = ruleSentence(l, name, about.subject, element[name], about.definition);
    // The rule builder is the way to edit it; the JSON stays here for rules it cannot show.
    return html`${words ? html`<p class="kern-body" id="rule-words-${name}"><strong>${t(l, 'rule.sentence.label')}</strong> ${words}</p>` : ''}<p class="kern-body"><a class="kern-link" id="rule-edit-${name}" href="${about.href(name)}">${t(l, `rule.page.edit.${name}`)}</a></p>${textArea(
      inputId(input),
      input,
      t(l, RULE_LABELS[name]),
      value,
      {
        rows: 3,
        code: true,
        hint: t(l, 'editor.rule.hint'),
        ...(error && { error }),
      },
    )}`;
  })}`;
}

/** A value shown in the form: what was posted (after an input error), else the field's own. */
function shown(field: Record<string, unknown>, posted: PostedForm | undefined, name: string): unknown {
  return posted ? undefined : field[name];
}

/** A text as it was posted, so a form shown again with its errors keeps what was typed. */
function postedText(posted: PostedForm, name: string): EasyText {
  const part = (lang: string) => {
    const v = posted[`s.${name}.${lang}`];
    return (Array.isArray(v) ? v[0] : (v as string | undefined)) ?? '';
  };
  const text: EasyText = { de: part('de') };
  if (part('en')) text.en = part('en');
  if (part('ls')) text.ls = part('ls');
  return text;
}

function settingControl(
  l: Locale,
  spec: SettingSpec,
  field: Record<string, unknown>,
  posted: PostedForm | undefined,
  error: string | undefined,
): SafeHtml {
  const name = inputName(spec.name);
  const id = inputId(name);
  const label = t(l, SETTING_LABELS[spec.name] ?? 'editor.setting.text');
  const postedValue = (n: string) => {
    const v = posted?.[n];
    return Array.isArray(v) ? (v[0] ?? '') : ((v as string | undefined) ?? '');
  };
  const value = shown(field, posted, spec.name);
  switch (spec.kind) {
    case 'integer':
    case 'number':
    case 'date':
    case 'text': {
      const hint =
        spec.kind === 'date'
          ? t(l, 'editor.hint.date')
          : spec.unit
            ? t(l, 'editor.hint.unit', { unit: t(l, UNIT_LABELS[spec.unit]) })
            : undefined;
      return textInput(l, {
        id,
        name,
        value: posted ? postedValue(name) : value === undefined ? '' : String(value),
        label:
          spec.kind === 'date'
            ? t(l, spec.name === 'min' ? 'editor.setting.minDate' : 'editor.setting.maxDate')
            : label,
        hint,
        error,
        numeric: spec.kind === 'integer',
      });
    }
    case 'boolean':
    case 'booleanDefaultTrue':
      return singleCheckbox(l, {
        id,
        name,
        label,
        checked: posted
          ? postedValue(name) === 'ja'
          : spec.kind === 'boolean'
            ? value === true
            : value !== false,
      });
    case 'localized':
    case 'localizedRequired':
      return texts(
        l,
        spec.name,
        label,
        posted ? postedText(posted, spec.name) : (value as LocalizedText | undefined),
      );
    case 'easy':
    case 'easyRequired':
      return texts(
        l,
        spec.name,
        label,
        posted ? postedText(posted, spec.name) : (value as EasyText | undefined),
        {
          easy: true,
          long: true,
        },
      );
    case 'options':
      return textArea(id, name, label, posted ? postedValue(name) : optionsText((value as never[]) ?? []), {
        rows: 6,
        hint: t(l, 'editor.hint.options'),
        ...(error && { error }),
        ...('codeList' in field && field.codeList ? { hint: t(l, 'editor.hint.codeList') } : {}),
      });
    case 'pattern': {
      const pattern = value as { regex?: string; message?: LocalizedText } | undefined;
      return html`<fieldset class="kern-fieldset">
  <legend class="kern-label">${label}</legend>
  ${textInput(l, { id: inputId(inputName('pattern', 'regex')), name: inputName('pattern', 'regex'), value: pattern?.regex ?? '', label: t(l, 'editor.setting.regex'), hint: t(l, 'editor.hint.regex') })}
  ${texts(l, 'pattern.message', t(l, 'editor.setting.patternMessage'), pattern?.message)}
</fieldset>`;
    }
    case 'mediaTypes': {
      const chosen = (value as string[] | undefined) ?? [];
      return checkboxGroup(l, {
        id,
        name,
        label,
        hint: t(l, 'editor.hint.accept'),
        error,
        choices: FILE_MEDIA_TYPES.map((type) => ({
          value: type,
          label: type,
          checked: chosen.includes(type),
        })),
      });
    }
  }
}

export interface FieldPageInput extends Staff {
  details: DraftDetails;
  field: Field;
  /** The group this field is an item of, if it is one. */
  group?: Field;
  saved?: boolean;
  /** After an input error: what was posted, and the errors. */
  posted?: PostedForm;
  errors?: SettingError[];
  itemError?: string;
  /** A choice field's code-list picker: the search, the current list's name, a refusal. */
  codeLists?: { search: CodeListSearchResult; currentName: string | undefined; error?: string };
  /** A text field's pattern tester, with its result after a test (`views/pattern-tester.ts`). */
  patternTester?: SafeHtml;
  /** Errors of the forms below the settings (the pattern tester's) for the page's error summary. */
  moreErrors?: SummaryError[];
}

export function fieldEditPage(p: StaffPage, input: FieldPageInput): string {
  const l = p.locale;
  const { draft } = input.details;
  const { field, posted } = input;
  const base = draftBase(draft.id);
  const name = fieldName(l, field);
  const title = t(l, 'editor.field.title', { name, type: typeLabel(l, field.type) });
  const record = field as unknown as Record<string, unknown>;
  const errorOf = (n: string) => {
    const e = input.errors?.find((x) => x.name === n);
    return e ? t(l, ERROR_KEYS[e.code]) : undefined;
  };
  const summary: SummaryError[] = [
    ...(input.errors ?? []).map((e) => ({
      href: `#${inputId(inputName(e.name))}`,
      text: t(l, ERROR_KEYS[e.code]),
    })),
    ...(input.itemError ? [{ href: '#in-new-field-eintragsfeld-hinzufuegen', text: input.itemError }] : []),
    ...(input.codeLists?.error ? [{ href: '#codeliste-fehler', text: input.codeLists.error }] : []),
    ...(input.moreErrors ?? []),
  ];
  const common = commonSettings(field.type);
  const postedValue = (n: string) => {
    const v = posted?.[n];
    return Array.isArray(v) ? (v[0] ?? '') : ((v as string | undefined) ?? '');
  };
  const stepOf = input.details.draft.definition.steps.find((s) =>
    s.fields.some((f) => f.uid === (input.group ?? field).uid),
  );
  return shell(
    p,
    input,
    title,
    html`${trail(l, input.details, title)}
${errorSummary(l, summary)}
${input.saved ? notice('success', t(l, 'editor.saved')) : ''}
<h1 class="kern-heading-large">${title}</h1>
${savedLine(l, input.details)}
${formStart(input, `${base}/aendern`, draft.version, `/felder/${field.uid}`)}
  ${textInput(l, { id: 'in-key', name: inputName('key'), value: posted ? postedValue(inputName('key')) : field.key, label: t(l, 'editor.field.key'), hint: t(l, 'editor.field.keyHint') })}
  ${common.label ? texts(l, 'label', t(l, 'editor.field.label'), posted ? postedText(posted, 'label') : (record.label as LocalizedText)) : ''}
  ${common.hint ? texts(l, 'hint', t(l, 'editor.field.hint'), posted ? postedText(posted, 'hint') : (record.hint as EasyText | undefined), { easy: true, long: true }) : ''}
  ${common.required ? singleCheckbox(l, { id: 'in-required', name: inputName('required'), label: t(l, 'editor.field.required'), checked: posted ? postedValue(inputName('required')) === 'ja' : record.required === true }) : ''}
  ${FIELD_SETTINGS[field.type].map((spec) => settingControl(l, spec, record, posted, errorOf(spec.name)))}
  ${prefillControl(l, field, input.group !== undefined, posted, errorOf('prefill'))}
  ${ruleControls(l, ruleSettings(field.type), record, posted, errorOf, { subject: labelOf(field), definition: draft.definition, href: (name) => rulePath(base, field.uid ?? '', name) })}
  <div class="aw-actions">${actionButton(t(l, 'editor.save'), `field-settings:${field.uid}`, 'primary')}</div>
</form>
${input.patternTester ?? ''}
${
  input.codeLists && (CODE_LIST_TYPES as readonly string[]).includes(field.type)
    ? codeListSection(l, {
        action: `${base}/felder/${field.uid}`,
        current: (field as { codeList?: CodeListReference }).codeList,
        currentName: input.codeLists.currentName,
        search: input.codeLists.search,
        error: input.codeLists.error,
        takeOver: (
          match,
        ) => html`${formStart(input, `${base}/aendern`, draft.version, `/felder/${field.uid}`)}
  <input type="hidden" name="codeliste" value="${match.uri}">
  ${actionButton(t(l, 'codeList.take'), `code-list:${field.uid}`, 'secondary', match.name)}
</form>`,
        remove: html`${formStart(input, `${base}/aendern`, draft.version, `/felder/${field.uid}`)}
  <p class="kern-hint">${t(l, 'codeList.removeHint')}</p>
  <div class="aw-actions">${actionButton(t(l, 'codeList.remove'), `code-list-remove:${field.uid}`, 'secondary')}</div>
</form>`,
      })
    : ''
}
${
  field.type === 'group'
    ? html`<h2 class="kern-heading-medium" id="eintragsfelder">${t(l, 'editor.group.items')}</h2>
${fieldList(l, input, draft.id, draft.version, field.fields, undefined, 'eintragsfeld-liste', `/felder/${field.uid}`)}
${addFieldForm(
  l,
  input,
  draft.id,
  draft.version,
  `add-item-field:${field.uid}`,
  FIELD_TYPES.filter((type) => fieldTypeFacts[type].inGroupItem === 'allowed'),
  'eintragsfeld-hinzufuegen',
  t(l, 'editor.group.addItem'),
  input.itemError,
)}`
    : ''
}
<p class="kern-body">${
      input.group
        ? html`<a class="kern-link" href="${base}/felder/${input.group.uid ?? ''}">${t(l, 'editor.field.backToGroup', { name: fieldName(l, input.group) })}</a>`
        : stepOf
          ? html`<a class="kern-link" href="${base}/schritte/${stepOf.uid ?? ''}">${t(l, 'editor.field.backToStep', { name: localize(stepOf.title, l) || stepOf.id })}</a>`
          : ''
    }</p>`,
    summary.length > 0,
  );
}

// ---------------------------------------------------------------------------------------------
// The code view.

export interface CodePageInput extends Staff {
  details: DraftDetails;
  /** The text as posted, when it was refused or ran into a conflict: never lost. */
  text?: string;
  refused?: DefinitionProblem[];
  saved?: boolean;
}

export function codePage(p: StaffPage, input: CodePageInput): string {
  const l = p.locale;
  const { draft } = input.details;
  const base = draftBase(draft.id);
  const title = t(l, 'editor.code.title');
  const refused = input.refused ?? [];
  const summary: SummaryError[] = refused.map((e) => ({
    href: '#in-code',
    text: `${e.path || t(l, 'design.problems.root')}: ${e.message}`,
  }));
  return shell(
    p,
    input,
    title,
    html`${trail(l, input.details, title)}
${errorSummary(l, summary)}
${input.saved ? notice('success', t(l, 'editor.saved')) : ''}
<h1 class="kern-heading-large">${title}</h1>
${savedLine(l, input.details)}
<p class="kern-body">${t(l, 'editor.code.intro')}</p>
${refused.length > 0 ? html`<p class="kern-error" id="code-abgelehnt">${t(l, 'editor.code.refused')} ${t(l, 'design.problems.inEnglish')}</p>` : ''}
${formStart(input, `${base}/code`, draft.version)}
  ${textArea(
    'in-code',
    'json',
    t(l, 'editor.code.label'),
    input.text ?? `${JSON.stringify(draft.definition, null, 2)}\n`,
    {
      rows: 30,
      code: true,
      hint: t(l, 'editor.code.hint'),
      ...(refused.length > 0 && { error: t(l, 'editor.code.refusedShort', { count: refused.length }) }),
    },
  )}
  ${submitButton(t(l, 'editor.code.save'))}
</form>
${input.refused ? '' : problemSection(l, input.details)}
<p class="kern-body"><a class="kern-link" href="${base}">${t(l, 'editor.backToDraft')}</a></p>`,
    refused.length > 0,
  );
}

// ---------------------------------------------------------------------------------------------
// Someone else saved first.

export function conflictPage(
  p: StaffPage,
  input: Staff & { conflict: Conflict; backHref: string; text?: string },
): string {
  const l = p.locale;
  const { current, changedByName } = input.conflict;
  const title = t(l, 'editor.conflict.title');
  return shell(
    p,
    input,
    title,
    html`<div class="kern-alert kern-alert--danger" role="alert" aria-labelledby="conflict-title">
  <div class="kern-alert__header"><h1 class="kern-title" id="conflict-title">${title}</h1></div>
  <div class="kern-alert__body"><p class="kern-body" id="conflict-body">${t(l, 'editor.conflict.body', {
    name: changedByName ?? '',
    at: formatDateTime(l, current.updatedAt),
    version: current.version,
  })}</p></div>
</div>
<p class="kern-body">${t(l, 'editor.conflict.next')}</p>
${
  input.text !== undefined
    ? textArea('in-yours', 'ihre-fassung', t(l, 'editor.conflict.yours'), input.text, {
        readonly: true,
        rows: 15,
        code: true,
        hint: t(l, 'editor.conflict.yoursHint'),
      })
    : ''
}
<p class="kern-body"><a class="kern-link" href="${input.backHref}">${t(l, 'editor.conflict.reload')}</a></p>`,
    true,
  );
}

// ---------------------------------------------------------------------------------------------
// Removing what has fields in it: asked once more.

export function removalPage(
  p: StaffPage,
  input: Staff & {
    draftId: string;
    version: number;
    returnTo: string;
    outcome: Extract<EditOutcome, { kind: 'confirm-removal' }>;
  },
): string {
  const l = p.locale;
  const { outcome } = input;
  const name = typeof outcome.name === 'string' ? outcome.name : localize(outcome.name, l);
  const title = t(l, outcome.what === 'step' ? 'editor.removal.stepTitle' : 'editor.removal.groupTitle', {
    name,
  });
  const base = draftBase(input.draftId);
  return shell(
    p,
    input,
    title,
    html`<h1 class="kern-heading-large">${title}</h1>
<p class="kern-body" id="entfernen-frage">${t(l, outcome.what === 'step' ? 'editor.removal.stepBody' : 'editor.removal.groupBody', { count: outcome.fields })}</p>
${formStart(input, `${base}/aendern`, input.version, input.returnTo)}
  <input type="hidden" name="bestaetigt" value="ja">
  <div class="aw-actions">
    ${actionButton(t(l, 'editor.removal.confirm'), `${outcome.what === 'step' ? 'remove-step' : 'remove-field'}:${outcome.uid}`, 'primary')}
    <a class="kern-link" href="${base}${input.returnTo}">${t(l, 'editor.removal.cancel')}</a>
  </div>
</form>`,
  );
}
