/**
 * The merge page of a copy (ADR 0044, 0045): what the three-way merge applied on its own, each
 * open conflict with both versions and the choice "unsere behalten", "deren übernehmen" or
 * "bearbeiten" (a text inline; anything else in the editor at its place), and the draft's check
 * problems as the editor shows them. Plain forms: no JavaScript needed.
 */
import { decidable, editableKind, type MergePage } from '../../core/catalog-merge.ts';
import type { StaffSession } from '../../core/domain.ts';
import type { MergeConflict } from '../../definition/merge-conflict.ts';
import { type Locale, type LocalizedText, localize } from '../../definition/types.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import { t } from '../i18n.ts';
import { submitButton, textInput } from './admin-form.ts';
import { changeList } from './definition-changes.ts';
import { draftBase, problemList } from './designer-editor.ts';
import { csrfField, errorSummary, notice, type SummaryError } from './layout.ts';
import { describeConflict } from './merge-conflicts.ts';
import { type StaffPage, signedInHeader, staffShell } from './staff.ts';

export const mergePath = (slug: string) => `/staff/design/leistungen/${slug}/zusammenfuehren`;

/** The button that starts (or starts again) the merge: a plain form. */
export function startMergeForm(l: Locale, slug: string, csrf: string, again = false): SafeHtml {
  return html`<form method="post" action="${mergePath(slug)}" novalidate>${csrfField(csrf)}
  ${submitButton(t(l, again ? 'catalogMerge.restart' : 'catalogMerge.start'), again ? 'secondary' : 'primary')}
</form>`;
}

const isLocalized = (v: unknown): v is LocalizedText =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { de?: unknown }).de === 'string';

/** A conflict's value in words: a text as text, anything else (a rule, a field) as its JSON. */
function valueText(l: Locale, value: unknown): SafeHtml {
  if (value === undefined) return html`${t(l, 'catalogMerge.absent')}`;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return html`${String(value)}`;
  if (isLocalized(value) && Object.values(value).every((x) => typeof x === 'string')) {
    const en = (value as { en?: string }).en;
    return html`${value.de}${en ? html` <span lang="en">(${en})</span>` : ''}`;
  }
  const json = JSON.stringify(value, null, 2);
  return html`<pre class="aw-code"><code>${json.length > 2000 ? `${json.slice(0, 2000)} …` : json}</code></pre>`;
}

/** Where the editor shows the element in conflict. */
function editorHref(draftId: string, conflict: MergeConflict): string {
  const base = draftBase(draftId);
  const s = conflict.subject;
  if (s.kind === 'field') return `${base}/felder/${s.field.uid}`;
  if (s.kind === 'step' && s.step.uid) return `${base}/schritte/${s.step.uid}`;
  if (s.kind === 'definition') return `${base}#probleme`;
  if (s.kind === 'service') return `${base}/startseite`;
  return `${base}/code`;
}

export interface MergePageInput {
  session: StaffSession;
  csrf: string;
  page: MergePage;
  started?: boolean;
  saved?: boolean;
  /** 409: the draft moved on, or the page's conflicts are no longer open. */
  refused?: 'draft-changed' | 'stale';
  /** Conflicts whose decision could not be read (by conflict id), with the posted texts. */
  errors?: ReadonlyArray<{ id: string; code: 'editMissing' | 'badChoice' }>;
  posted?: ReadonlyMap<string, { take?: string; de?: string; en?: string }>;
}

function conflictFieldset(l: Locale, input: MergePageInput, conflict: MergeConflict, i: number): SafeHtml {
  const { page } = input;
  const provider = page.origin.attribution;
  const id = `konflikt-${i + 1}`;
  const error = input.errors?.find((e) => e.id === conflict.id);
  const posted = input.posted?.get(conflict.id);
  const row = (label: string, value: unknown) =>
    html`<div class="kern-description-list-item"><dt class="kern-description-list-item__key">${label}</dt><dd class="kern-description-list-item__value">${valueText(l, value)}</dd></div>`;
  const values =
    conflict.reason === 'check-failed'
      ? problemList(l, draftBase(page.draft.id), page.draft.definition, conflict.problems ?? [])
      : html`<dl class="kern-description-list">
  ${row(t(l, 'catalogMerge.ours'), conflict.ours)}
  ${row(t(l, 'catalogMerge.theirs', { provider }), conflict.theirs)}
  ${row(t(l, 'catalogMerge.base'), conflict.base)}
</dl>`;
  const editor = html`<p class="kern-body"><a class="kern-link" href="${editorHref(page.draft.id, conflict)}">${t(l, 'catalogMerge.editor')}</a></p>`;
  if (!decidable(conflict)) {
    return html`<section class="aw-merge-conflict" id="${id}" aria-labelledby="${id}-title">
  <h3 class="kern-heading-small" id="${id}-title">${describeConflict(conflict, l)}</h3>
  ${values}${editor}
</section>`;
  }
  const kind = editableKind(conflict);
  const choices = [
    { value: 'ours', label: t(l, 'catalogMerge.take.ours') },
    { value: 'theirs', label: t(l, 'catalogMerge.take.theirs') },
    ...(kind ? [{ value: 'edit', label: t(l, 'catalogMerge.take.edit') }] : []),
  ];
  const invalid = Boolean(error);
  const message = error && t(l, `catalogMerge.${error.code}`);
  const ours = conflict.ours;
  const text = (lang: 'de' | 'en'): string =>
    posted?.[lang] ??
    (typeof ours === 'string' ? (lang === 'de' ? ours : '') : isLocalized(ours) ? (ours[lang] ?? '') : '');
  return html`<fieldset class="kern-fieldset aw-merge-conflict${invalid ? ' kern-fieldset--error' : ''}" id="${id}"${invalid ? html` aria-describedby="${id}-error"` : ''}>
  <legend class="kern-label">${describeConflict(conflict, l)}</legend>
  <input type="hidden" name="k${i}" value="${conflict.id}">
  ${values}
  <div class="kern-fieldset__body">${choices.map((choice, c) => {
    const inputId = c === 0 ? `${id}-wahl` : `${id}-wahl-${c + 1}`;
    return html`<div class="kern-form-check"><input class="kern-form-check__radio${invalid ? ' kern-form-check__radio--error' : ''}" id="${inputId}" name="w${i}" type="radio" value="${choice.value}"${posted?.take === choice.value ? ' checked' : ''}><label class="kern-label" for="${inputId}">${choice.label}</label></div>`;
  })}</div>
  ${
    kind === 'localized'
      ? html`${textInput(l, { id: `${id}-de`, name: `e${i}-de`, value: text('de'), label: t(l, 'catalogMerge.edit.de') })}
  ${textInput(l, { id: `${id}-en`, name: `e${i}-en`, value: text('en'), label: t(l, 'catalogMerge.edit.en') })}`
      : kind === 'plain'
        ? textInput(l, {
            id: `${id}-de`,
            name: `e${i}-de`,
            value: text('de'),
            label: t(l, 'catalogMerge.edit.plain'),
          })
        : editor
  }
  ${message ? html`<p class="kern-error" id="${id}-error"><span class="kern-icon kern-icon--danger" aria-hidden="true"></span><span class="kern-body">${message}</span></p>` : ''}
</fieldset>`;
}

export function mergePage(p: StaffPage, input: MergePageInput): string {
  const l = p.locale;
  const { page } = input;
  const { origin, base, theirs, draft, result } = page;
  const provider = origin.attribution;
  const title = t(l, 'catalogMerge.title', { provider });
  const open = result.conflicts;
  const errors: SummaryError[] = (input.errors ?? []).map((e) => ({
    href: `#konflikt-${open.findIndex((c) => c.id === e.id) + 1}-wahl`,
    text: t(l, `catalogMerge.${e.code}`),
  }));
  const refused = input.refused
    ? html`<div class="kern-alert kern-alert--danger" role="alert" aria-labelledby="refused-title">
  <div class="kern-alert__header"><h2 class="kern-title" id="refused-title">${t(l, 'catalogMerge.changed.title')}</h2></div>
  <div class="kern-alert__body"><p class="kern-body">${t(l, input.refused === 'stale' ? 'catalogMerge.stale' : 'catalogMerge.changed.body')}</p></div>
</div>`
    : '';
  const conflicts = page.editedSince
    ? html`${notice('warning', t(l, 'catalogMerge.editedSince', { version: draft.version }))}
${startMergeForm(l, origin.slug, input.csrf, true)}`
    : open.length === 0
      ? html`<p class="kern-body" id="keine-konflikte">${t(l, 'catalogMerge.conflicts.none')}</p>`
      : html`<p class="kern-body">${t(l, 'catalogMerge.conflicts.intro', { count: open.length })}</p>
<form method="post" action="${mergePath(origin.slug)}/entscheiden" novalidate>${csrfField(input.csrf)}
  <input type="hidden" name="version" value="${String(draft.version)}">
  ${open.map((c, i) => conflictFieldset(l, input, c, i))}
  ${open.some(decidable) ? submitButton(t(l, 'catalogMerge.decide')) : ''}
</form>`;
  const main = html`<a class="kern-link" href="/staff/design/leistungen/${origin.slug}">${t(l, 'catalogMerge.back')}</a>
${errorSummary(l, errors)}
${refused}
${input.started ? notice('success', t(l, 'catalogMerge.started')) : ''}
${input.saved ? notice('success', t(l, 'catalogMerge.saved')) : ''}
<h1 class="kern-heading-large">${title}</h1>
<p class="kern-body" id="merge-intro">${t(l, 'catalogMerge.intro', {
    base: base.version,
    theirs: theirs.version,
    provider,
    title: localize(draft.definition.title, l) || draft.slug,
    version: draft.version,
  })}</p>
<h2 class="kern-heading-medium" id="uebernommen">${t(l, 'catalogMerge.applied.heading')}</h2>
<p class="kern-body">${t(l, 'catalogMerge.applied.intro')}</p>
${changeList(page.applied, l, 'applied-changes')}
<h2 class="kern-heading-medium" id="konflikte">${t(l, 'catalogMerge.conflicts.heading')}</h2>
${conflicts}
<h2 class="kern-heading-medium" id="probleme">${t(l, 'catalogMerge.problems.heading')}</h2>
${
  page.problems.length === 0
    ? html`<p class="kern-body" id="keine-probleme">${t(l, 'editor.problems.none')}</p>`
    : html`<p class="kern-body">${t(l, 'editor.problems.intro', { count: page.problems.length })} ${t(l, 'design.problems.inEnglish')}</p>
${problemList(l, draftBase(draft.id), draft.definition, page.problems)}`
}
<h2 class="kern-heading-medium">${t(l, 'catalogMerge.next.heading')}</h2>
<p class="kern-body"><a class="kern-link" href="${draftBase(draft.id)}" id="zum-entwurf">${t(l, 'catalogMerge.next.draft')}</a></p>`;
  return staffShell(p, title, main, {
    area: 'designer',
    extra: signedInHeader(l, input.session, input.csrf, 'designer'),
    hasErrors: errors.length > 0,
  });
}
