/**
 * Pages of the Service-Design area (ADR 0016): overview with upload, an uploaded candidate with its
 * FIM notes, preview links, publishing and history, and the all-steps preview. The step-by-step
 * preview is the citizens' own step page (see `previewStepPage`).
 */
import type { CandidateDetails, UploadRefusal } from '../../core/design.ts';
import type {
  CandidateSummary,
  CandidateWarning,
  ServiceCandidate,
  ServiceVersion,
  StaffSession,
  Tenant,
} from '../../core/domain.ts';
import type { DefinitionProblem } from '../../definition/parse.ts';
import { type Locale, type LocalizedText, localize } from '../../definition/types.ts';
import { formatCents } from '../../engine/fields/currency.ts';
import type { FormModel, SummarySection } from '../../engine/model.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import { formatDateTime, isMessageKey, type MessageKey, t } from '../i18n.ts';
import { changeList } from './definition-changes.ts';
import { csrfField, notice } from './layout.ts';
import { type StaffPage, signedInHeader, staffShell } from './staff.ts';
import { summaryRows } from './summary-rows.ts';

const FILE_INPUT = 'field-datei';

export function formatBytes(locale: Locale, bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return `${new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 1 }).format(mib)} MB`;
}

function shell(
  p: StaffPage,
  session: StaffSession,
  csrf: string,
  title: string,
  main: SafeHtml,
  hasErrors = false,
): string {
  return staffShell(p, title, main, {
    area: 'designer',
    hasErrors,
    extra: signedInHeader(p.locale, session, csrf, 'designer'),
  });
}

/** A problem's JSON pointer, readable: the whole document is `""`. */
function pointerText(l: Locale, path: string): string {
  return path === '' ? t(l, 'design.problems.root') : path;
}

/**
 * The error summary (same markup as `layout.errorSummary`), with items that may mix languages:
 * the definition's problem messages are English, so they carry `lang="en"` on German pages.
 */
function problemSummary(l: Locale, items: SafeHtml[], href: string): SafeHtml {
  if (items.length === 0) return html``;
  return html`<div class="kern-alert kern-alert--danger aw-error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
  <div class="kern-alert__header"><h2 class="kern-title" id="error-summary-title">${t(l, 'common.errorSummaryTitle')}</h2></div>
  <div class="kern-alert__body"><ul class="kern-list">${items.map(
    (item) => html`<li><a class="kern-link" href="${href}">${item}</a></li>`,
  )}</ul></div>
</div>`;
}

function problemItems(l: Locale, problems: readonly DefinitionProblem[]): SafeHtml[] {
  return problems.map(
    (p) =>
      html`<span class="aw-pointer">${pointerText(l, p.path)}</span>: <span lang="en">${p.message}</span>`,
  );
}

function refusalItems(l: Locale, refusal: UploadRefusal, maxBytes: number): SafeHtml[] {
  switch (refusal.reason) {
    case 'missing':
      return [html`${t(l, 'design.upload.missing')}`];
    case 'too-large':
      return [html`${t(l, 'design.upload.tooLarge', { size: formatBytes(l, maxBytes) })}`];
    case 'wrong-type':
      return [html`${t(l, 'design.upload.wrongType')}`];
    case 'not-utf8':
      return [html`${t(l, 'design.upload.notUtf8')}`];
    case 'not-xml':
      return [html`${t(l, 'design.upload.notXml')}`];
    case 'malformed-json':
      return [
        html`${t(l, 'design.upload.malformedJson', { detail: '\u0000' })
          .split('\u0000')
          .map((part, i) => (i === 0 ? part : html`<span lang="en">${refusal.detail}</span>${part}`))}`,
      ];
    case 'fim-refused':
      return [html`${t(l, 'design.upload.fimRefused', { code: refusal.code, detail: refusal.detail[l] })}`];
    case 'invalid-definition':
      return problemItems(l, refusal.problems);
  }
}

/** A note of the FIM import in the page's language; one stored before translation is English. */
function warningCell(l: Locale, message: CandidateWarning['message']): SafeHtml {
  if (typeof message === 'string') return html`<td class="kern-table__cell" lang="en">${message}</td>`;
  return html`<td class="kern-table__cell">${message[l]}</td>`;
}

function problemsTable(l: Locale, problems: readonly DefinitionProblem[]): SafeHtml {
  return html`<h2 class="kern-heading-medium">${t(l, 'design.problems.heading')}</h2>
<p class="kern-body">${t(l, 'design.upload.invalid', { count: problems.length })}. ${t(l, 'design.problems.inEnglish')}</p>
<div class="kern-table-responsive"><table class="kern-table kern-table--small">
  <caption class="kern-sr-only">${t(l, 'design.problems.caption')}</caption>
  <thead class="kern-table__header"><tr class="kern-table__row">
    <th scope="col" class="kern-table__header">${t(l, 'design.problems.colPath')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'design.problems.colMessage')}</th>
  </tr></thead>
  <tbody class="kern-table__body">${problems.map(
    (p) =>
      html`<tr class="kern-table__row"><td class="kern-table__cell aw-pointer">${pointerText(l, p.path)}</td><td class="kern-table__cell" lang="en">${p.message}</td></tr>`,
  )}</tbody>
</table></div>`;
}

export interface DesignHomeInput {
  session: StaffSession;
  csrf: string;
  tenant: Tenant;
  services: ServiceVersion[];
  candidates: CandidateSummary[];
  uploaderNames: Map<string, string>;
  maxBytes: number;
  refusal?: UploadRefusal;
  /** A service was just deleted (its id). */
  deletedSlug?: string;
}

export function designHomePage(p: StaffPage, input: DesignHomeInput): string {
  const l = p.locale;
  const refusal = input.refusal;
  const items = refusal ? refusalItems(l, refusal, input.maxBytes) : [];
  const fieldError = refusal ? t(l, 'design.upload.refused') : '';
  const described = refusal ? 'datei-hint datei-error' : 'datei-hint';
  return shell(
    p,
    input.session,
    input.csrf,
    t(l, 'design.home.title'),
    html`${problemSummary(l, items, `#${FILE_INPUT}`)}
${input.deletedSlug ? notice('success', t(l, 'lifecycle.delete.done', { slug: input.deletedSlug })) : ''}
<h1 class="kern-heading-large">${t(l, 'design.home.title')}</h1>
<p class="kern-body">${t(l, 'design.home.intro')}</p>
<h2 class="kern-heading-medium">${t(l, 'editor.home.heading')}</h2>
<p class="kern-body">${t(l, 'editor.home.intro')} <a class="kern-link" href="/staff/design/entwuerfe">${t(l, 'editor.home.link')}</a></p>
<h2 class="kern-heading-medium">${t(l, 'network.nav')}</h2>
<p class="kern-body">${t(l, 'network.home.intro')} <a class="kern-link" href="/staff/design/katalog">${t(l, 'network.nav')}</a></p>
<p class="kern-body">${t(l, 'package.home.intro')} <a class="kern-link" href="/staff/design/paket">${t(l, 'package.home.link')}</a></p>
<h2 class="kern-heading-medium">${t(l, 'design.upload.heading')}</h2>
<form method="post" action="/staff/design/upload" enctype="multipart/form-data" novalidate>
  ${csrfField(input.csrf)}
  <div class="kern-form-input${refusal ? ' kern-form-input--error' : ''}">
    <label class="kern-label" for="${FILE_INPUT}">${t(l, 'design.upload.label')}</label>
    <div class="kern-hint" id="datei-hint">${t(l, 'design.upload.hint', { size: formatBytes(l, input.maxBytes) })}</div>
    ${refusal ? html`<p class="kern-error" id="datei-error">${fieldError}</p>` : ''}
    <input class="kern-form-input__input${refusal ? ' kern-form-input__input--error' : ''}" id="${FILE_INPUT}" name="datei" type="file" accept=".json,.xml,application/json,application/xml,text/xml" aria-describedby="${described}"${refusal ? html` aria-invalid="true"` : ''}>
  </div>
  <div class="aw-actions">
    <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">${t(l, 'design.upload.submit')}</span></button>
  </div>
</form>
${refusal?.reason === 'invalid-definition' ? problemsTable(l, refusal.problems) : ''}
<h2 class="kern-heading-medium">${t(l, 'design.candidates.heading')}</h2>
${
  input.candidates.length === 0
    ? html`<p class="kern-body">${t(l, 'design.candidates.empty')}</p>`
    : html`<div class="kern-table-responsive"><table class="kern-table">
  <caption class="kern-sr-only">${t(l, 'design.candidates.caption')}</caption>
  <thead class="kern-table__header"><tr class="kern-table__row">
    <th scope="col" class="kern-table__header">${t(l, 'design.col.service')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'design.col.slug')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'design.col.file')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'design.col.uploadedAt')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'design.col.uploadedBy')}</th>
  </tr></thead>
  <tbody class="kern-table__body">${input.candidates.map(
    (c) => html`<tr class="kern-table__row">
    <td class="kern-table__cell"><a class="kern-link" href="/staff/design/uploads/${c.id}">${localize(c.title, l)}</a></td>
    <td class="kern-table__cell aw-pointer">${c.slug}</td>
    <td class="kern-table__cell">${c.fileName}</td>
    <td class="kern-table__cell">${formatDateTime(l, c.uploadedAt)}</td>
    <td class="kern-table__cell">${input.uploaderNames.get(c.uploadedBy) ?? ''}</td>
  </tr>`,
  )}</tbody>
</table></div>`
}
<h2 class="kern-heading-medium">${t(l, 'design.services.heading')}</h2>
${
  input.services.length === 0
    ? html`<p class="kern-body">${t(l, 'design.services.empty')}</p>`
    : html`<div class="kern-table-responsive"><table class="kern-table">
  <caption class="kern-sr-only">${t(l, 'design.services.caption')}</caption>
  <thead class="kern-table__header"><tr class="kern-table__row">
    <th scope="col" class="kern-table__header">${t(l, 'design.col.service')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'design.col.slug')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'design.col.version')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'design.col.publishedAt')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'lifecycle.history.colAction')}</th>
  </tr></thead>
  <tbody class="kern-table__body">${input.services.map(
    (s) => html`<tr class="kern-table__row">
    <td class="kern-table__cell">${
      s.withdrawnAt
        ? html`${localize(s.definition.title, l)} <span class="kern-badge kern-badge--warning kern-badge--small"><span class="kern-label">${t(l, 'lifecycle.services.offline')}</span></span>`
        : html`<a class="kern-link" href="/${input.tenant.slug}/${s.slug}">${localize(s.definition.title, l)}</a>`
    }</td>
    <td class="kern-table__cell aw-pointer">${s.slug}</td>
    <td class="kern-table__cell">${s.version}</td>
    <td class="kern-table__cell">${formatDateTime(l, s.publishedAt)}</td>
    <td class="kern-table__cell"><a class="kern-link" href="/staff/design/leistungen/${s.slug}" aria-label="${t(l, 'lifecycle.services.manage')}: ${localize(s.definition.title, l)}">${t(l, 'lifecycle.services.manage')}</a></td>
  </tr>`,
  )}</tbody>
</table></div>`
}`,
    refusal !== undefined,
  );
}

export interface CandidatePageInput {
  session: StaffSession;
  csrf: string;
  details: CandidateDetails;
  /** First step of the form, for the step-by-step preview link. */
  firstStepId: string | undefined;
  justUploaded: boolean;
  justPublished: boolean;
  /** Just created from another upload as a new service under its own id. */
  justCopied?: boolean;
  publishRefused?: DefinitionProblem[];
  /** The uploader tried to publish under four eyes (ADR 0024). */
  publishRefusedFourEyes?: boolean;
}

function historyText(l: Locale, action: string, details: Record<string, unknown> | undefined): string {
  // Published under four eyes: the actor approved another designer's upload.
  const key =
    action === 'service.published' && details?.fourEyes === true
      ? 'audit.service.approved'
      : `audit.${action}`;
  if (!isMessageKey(key)) return action;
  const version = details?.version;
  return t(l, key as MessageKey, typeof version === 'number' ? { version } : undefined);
}

/**
 * The way to publishing: the confirmation page, which shows what changes (ADR 0016, issue "publish
 * safely"); or why this designer cannot publish: placeholders left, or four eyes (ADR 0024).
 */
function publishStart(l: Locale, input: CandidatePageInput, base: string): SafeHtml {
  const { approval, uploaderName, placeholders } = input.details;
  if (approval === 'uploader') {
    return html`<p class="kern-body" id="four-eyes">${t(l, 'design.publish.fourEyes.uploader')}</p>`;
  }
  if (placeholders.length > 0) {
    return html`<p class="kern-body" id="publish-blocked">${t(l, 'publishing.placeholders.blocked')} <a class="kern-link" href="#platzhalter">${t(l, 'publishing.placeholders.heading')}</a></p>`;
  }
  const approve = approval === 'another-designer';
  return html`<p class="kern-body"${approve ? html` id="four-eyes"` : ''}>${approve ? t(l, 'design.publish.fourEyes.approve', { name: uploaderName ?? '' }) : t(l, 'design.publish.intro')}</p>
<div class="aw-actions">
  <a class="kern-btn kern-btn--primary" href="${base}/veroeffentlichen"><span class="kern-label">${t(l, 'publishing.start')}</span></a>
</div>`;
}

/** Where a placeholder is, in words a designer recognises; the JSON pointer beside it. */
export function placeholderText(l: Locale, path: string): string {
  return t(
    l,
    path === '/local/office/name' ? 'publishing.placeholder.office' : 'publishing.placeholder.other',
  );
}

function placeholderSection(
  l: Locale,
  placeholders: readonly DefinitionProblem[],
  base: string,
  slug: string,
): SafeHtml {
  if (placeholders.length === 0) return html``;
  return html`<h2 class="kern-heading-medium" id="platzhalter">${t(l, 'publishing.placeholders.heading')}</h2>
<p class="kern-body">${t(l, 'publishing.placeholders.intro')} <a class="kern-link" href="${base}/${slug}.json" download>${t(l, 'design.download.link', { file: `${slug}.json` })}</a></p>
<div class="kern-table-responsive"><table class="kern-table kern-table--small" id="placeholders">
  <caption class="kern-sr-only">${t(l, 'publishing.placeholders.heading')}</caption>
  <thead class="kern-table__header"><tr class="kern-table__row">
    <th scope="col" class="kern-table__header">${t(l, 'publishing.placeholders.colWhat')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'publishing.placeholders.colWhere')}</th>
  </tr></thead>
  <tbody class="kern-table__body">${placeholders.map(
    (p) =>
      html`<tr class="kern-table__row"><td class="kern-table__cell">${placeholderText(l, p.path)}</td><td class="kern-table__cell aw-pointer">${p.path}</td></tr>`,
  )}</tbody>
</table></div>`;
}

export function candidatePage(p: StaffPage, input: CandidatePageInput): string {
  const l = p.locale;
  const { candidate, current, published, tenant } = input.details;
  const title = t(l, 'design.candidate.title', { title: localize(candidate.definition.title, l) });
  const base = `/staff/design/uploads/${candidate.id}`;
  const liveHref = `/${tenant.slug}/${candidate.slug}`;
  const row = (key: MessageKey, value: SafeHtml | string, id?: string) =>
    html`<div class="kern-description-list-item"><dt class="kern-description-list-item__key">${t(l, key)}</dt><dd class="kern-description-list-item__value"${id ? html` id="${id}"` : ''}>${value}</dd></div>`;
  const refused = input.publishRefused ?? [];
  const becomes = published
    ? row(
        'design.publish.heading',
        t(l, 'design.candidate.publishedAs', {
          version: published.version,
          at: formatDateTime(l, published.publishedAt),
        }),
        'candidate-state',
      )
    : row(
        'design.candidate.becomes',
        current
          ? t(l, 'design.candidate.nextVersion', { current: current.version })
          : t(l, 'design.candidate.newService'),
        'candidate-state',
      );
  return shell(
    p,
    input.session,
    input.csrf,
    title,
    html`<a class="kern-link" href="/staff/design">${t(l, 'design.candidate.back')}</a>
${problemSummary(l, input.publishRefusedFourEyes ? [html`${t(l, 'design.publish.fourEyes.refused')}`] : problemItems(l, refused), '#veroeffentlichen')}
${input.justUploaded ? notice('success', t(l, 'design.candidate.uploaded')) : ''}
${input.justCopied ? notice('success', t(l, 'publishing.copied', { slug: candidate.slug })) : ''}
${
  input.justPublished && published
    ? notice(
        'success',
        t(l, 'design.publish.done', { version: published.version }),
        html`<p class="kern-body"><a class="kern-link" href="${liveHref}">${t(l, 'design.publish.viewLive')}</a></p>`,
      )
    : ''
}
<h1 class="kern-heading-large">${title}</h1>
<h2 class="kern-heading-medium">${t(l, 'design.candidate.meta')}</h2>
<dl class="kern-description-list">
  ${row('design.col.slug', html`<span class="aw-pointer">${candidate.slug}</span>`)}
  ${row(
    'design.candidate.source',
    t(
      l,
      candidate.source === 'fim'
        ? 'design.candidate.source.fim'
        : candidate.source === 'version'
          ? 'publishing.source.version'
          : candidate.source === 'editor'
            ? 'editor.candidateSource'
            : 'design.candidate.source.json',
    ),
  )}
  ${row('design.col.file', candidate.fileName)}
  ${row('design.col.uploadedAt', formatDateTime(l, candidate.uploadedAt))}
  ${row('design.col.uploadedBy', input.details.uploaderName ?? '')}
  ${row(
    'publishing.basedOn',
    input.details.basedOnVersion !== undefined
      ? t(l, 'publishing.basedOn.version', { version: input.details.basedOnVersion })
      : t(l, 'publishing.basedOn.none'),
    'based-on',
  )}
  ${becomes}
</dl>
${input.details.liveMovedOn ? notice('warning', t(l, 'publishing.movedOn', { from: input.details.basedOnVersion ?? '' })) : ''}
${
  current && !published
    ? html`<h2 class="kern-heading-medium">${t(l, 'publishing.changes.heading', { version: current.version })}</h2>
${changeList(input.details.changes, l)}`
    : ''
}
${placeholderSection(l, input.details.placeholders, base, candidate.slug)}
${
  candidate.source === 'fim'
    ? html`<h2 class="kern-heading-medium">${t(l, 'design.warnings.heading')}</h2>
${
  candidate.warnings.length === 0
    ? html`<p class="kern-body">${t(l, 'design.warnings.none')}</p>`
    : html`<p class="kern-body">${t(l, 'design.warnings.intro')}${candidate.warnings.some((w) => typeof w.message === 'string') ? html` ${t(l, 'design.warnings.inEnglish')}` : ''}</p>
<div class="kern-table-responsive"><table class="kern-table kern-table--small" id="fim-warnings">
  <caption class="kern-sr-only">${t(l, 'design.warnings.caption')}</caption>
  <thead class="kern-table__header"><tr class="kern-table__row">
    <th scope="col" class="kern-table__header">${t(l, 'design.warnings.colElement')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'design.warnings.colMessage')}</th>
  </tr></thead>
  <tbody class="kern-table__body">${candidate.warnings.map(
    (w) =>
      html`<tr class="kern-table__row"><td class="kern-table__cell">${w.element}</td>${warningCell(l, w.message)}</tr>`,
  )}</tbody>
</table></div>`
}`
    : ''
}
<h2 class="kern-heading-medium">${t(l, 'design.download.heading')}</h2>
<p class="kern-body">${t(l, 'design.download.intro')}</p>
<p class="kern-body"><a class="kern-link" href="${base}/${candidate.slug}.json" download>${t(l, 'design.download.link', { file: `${candidate.slug}.json` })}</a></p>
<h2 class="kern-heading-medium">${t(l, 'design.preview.heading')}</h2>
<ul class="kern-list">
  ${input.firstStepId ? html`<li><a class="kern-link" href="${base}/vorschau/${candidate.slug}/schritt/${input.firstStepId}">${t(l, 'design.preview.stepByStep')}</a></li>` : ''}
  <li><a class="kern-link" href="${base}/vorschau">${t(l, 'design.preview.allSteps')}</a></li>
</ul>
${
  published
    ? html`<h2 class="kern-heading-medium" id="veroeffentlichen">${t(l, 'design.publish.heading')}</h2>
<p class="kern-body">${t(l, 'design.publish.already')} <a class="kern-link" href="${liveHref}">${t(l, 'design.publish.viewLive')}</a></p>`
    : html`<h2 class="kern-heading-medium" id="veroeffentlichen">${t(l, 'design.publish.heading')}</h2>
${refused.length > 0 ? html`<p class="kern-error">${t(l, 'design.publish.refused')}</p>${problemsTable(l, refused)}` : ''}
${publishStart(l, input, base)}`
}
<h2 class="kern-heading-medium">${t(l, 'design.history.heading')}</h2>
<div class="kern-table-responsive"><table class="kern-table kern-table--small">
  <caption class="kern-sr-only">${t(l, 'design.history.caption')}</caption>
  <thead class="kern-table__header"><tr class="kern-table__row">
    <th scope="col" class="kern-table__header">${t(l, 'staff.history.colWhen')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'staff.history.colWhat')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'staff.history.colWho')}</th>
  </tr></thead>
  <tbody class="kern-table__body">${input.details.history.map(
    (e) =>
      html`<tr class="kern-table__row"><td class="kern-table__cell">${formatDateTime(l, e.at)}</td><td class="kern-table__cell">${historyText(l, e.action, e.details)}</td><td class="kern-table__cell">${e.actorName ?? ''}</td></tr>`,
  )}</tbody>
</table></div>`,
    refused.length > 0 || input.publishRefusedFourEyes === true,
  );
}

/** The banner that marks every preview page, with the way back. */
export function previewBanner(l: Locale, candidateId: string): SafeHtml {
  return notice(
    'info',
    t(l, 'design.preview.banner'),
    html`<p class="kern-body">${t(l, 'design.preview.bannerBody')}</p>
<p class="kern-body"><a class="kern-link" href="/staff/design/uploads/${candidateId}">${t(l, 'design.preview.backToCandidate')}</a></p>`,
  );
}

const MAIN_OPEN = '<main id="inhalt" class="kern-container aw-main" tabindex="-1">';

/**
 * Puts the preview banner at the top of a citizen page's main content. The step-by-step preview is
 * the citizens' own `stepPage`, unchanged, so what designers see is what citizens will see; if the
 * page shell ever changes shape this fails loudly rather than showing a preview without its banner.
 */
export function withPreviewBanner(pageHtml: string, banner: SafeHtml): string {
  if (!pageHtml.includes(MAIN_OPEN)) throw new Error('preview: the page shell has no main element to mark');
  return pageHtml.replace(MAIN_OPEN, `${MAIN_OPEN}\n<div class="aw-preview-banner">${banner.value}</div>`);
}

export interface AllStepsInput {
  session: StaffSession;
  csrf: string;
  candidate: ServiceCandidate;
  model: FormModel;
}

/** Every step and every field (also conditional ones) on one page, rendered by the engine's views. */
export function previewAllStepsPage(p: StaffPage, input: AllStepsInput): string {
  const l = p.locale;
  const { candidate, model } = input;
  const title = t(l, 'design.preview.allTitle', { title: localize(candidate.definition.title, l) });
  return shell(
    p,
    input.session,
    input.csrf,
    title,
    html`<div class="aw-preview-banner">${previewBanner(l, candidate.id)}</div>
<h1 class="kern-heading-large">${title}</h1>
<p class="kern-body">${t(l, 'design.preview.allIntro')}</p>
${candidate.definition.steps.map(
  (step, index) => html`<section class="aw-preview-step" aria-labelledby="preview-step-${step.id}">
  <h2 class="kern-heading-medium" id="preview-step-${step.id}">${t(l, 'design.preview.stepHeading', { number: index + 1, title: localize(step.title, l) })}</h2>
  ${step.description ? html`<p class="kern-body">${localize(step.description, l)}</p>` : ''}
  <div class="aw-stack">${step.fields.map((field) =>
    model.renderField({ field, value: undefined, raw: undefined, error: undefined, locale: l }),
  )}</div>
</section>`,
)}`,
  );
}

export function previewEndPage(
  p: StaffPage,
  session: StaffSession,
  csrf: string,
  candidateId: string,
  result: {
    sections: readonly SummarySection[];
    complete: boolean;
    /** The fee the answers give, as the check page shows it. */
    fee?: { label: LocalizedText; cents: number } | undefined;
  },
): string {
  const l = p.locale;
  const answered = result.sections.filter((s) => s.rows.length > 0);
  return shell(
    p,
    session,
    csrf,
    t(l, 'design.preview.endTitle'),
    html`<div class="aw-preview-banner">${previewBanner(l, candidateId)}</div>
<h1 class="kern-heading-large">${t(l, 'design.preview.endTitle')}</h1>
<p class="kern-body">${t(l, 'design.preview.endBody')}</p>
${result.complete ? '' : html`<p class="kern-body">${t(l, 'design.preview.incomplete')}</p>`}
${answered.map(
  (section) => html`<h2 class="kern-heading-medium">${section.title}</h2>
${summaryRows(section.rows, () => '')}`,
)}
${
  result.fee
    ? html`<h2 class="kern-heading-medium" id="aw-fee-heading">${localize(result.fee.label, l)}</h2>
<p class="kern-body" data-fee-cents="${String(result.fee.cents)}"><strong>${formatCents(result.fee.cents, l)}</strong></p>`
    : ''
}
<p class="kern-body"><a class="kern-link" href="/staff/design/uploads/${candidateId}">${t(l, 'design.preview.backToCandidate')}</a></p>`,
  );
}
