import type { OpenedSubmission } from '../../core/casework.ts';
import type {
  AuditEvent,
  ServiceVersion,
  StaffSession,
  SubmissionStatus,
  SubmissionSummary,
} from '../../core/domain.ts';
import { SUBMISSION_STATUSES } from '../../core/domain.ts';
import type { Page } from '../../core/ports.ts';
import { hasRole } from '../../core/roles.ts';
import { allowedTransitions } from '../../core/status.ts';
import { type Locale, localize } from '../../definition/types.ts';
import { formatCents } from '../../engine/fields/currency.ts';
import { formatBytes, MEDIA_TYPE_NAMES } from '../../engine/fields/file-refs.ts';
import { attr, html, type SafeHtml } from '../../lib/html.ts';
import { formatDateTime, isMessageKey, type MessageKey, t } from '../i18n.ts';
import { computedSection } from './computed-rows.ts';
import { csrfField, errorSummary, notice, page } from './layout.ts';
import { prefillMarksSection } from './prefill-marks.ts';
import { type SsoOffer, ssoOffer } from './staff-sso-offer.ts';
import { identityCell, identitySection, type ProviderLabel } from './submission-identity.ts';
import { summaryRows } from './summary-rows.ts';

export interface StaffPage {
  locale: Locale;
  currentPath: string;
}

/** The staff areas, each shown only to the role that may use it (least privilege, ADR 0016). */
const AREAS = [
  { role: 'caseworker', href: '/staff/inbox', label: 'staff.nav.inbox' },
  { role: 'designer', href: '/staff/design', label: 'staff.nav.design' },
  { role: 'admin', href: '/staff/admin', label: 'staff.nav.admin' },
] as const;

export type StaffArea = (typeof AREAS)[number]['role'];

/** The name in the header of each area's pages and where it leads. */
const AREA_HEADERS: Record<StaffArea, { title: MessageKey; home: string }> = {
  caseworker: { title: 'staff.title', home: '/staff/inbox' },
  designer: { title: 'design.title', home: '/staff/design' },
  admin: { title: 'staff.nav.admin', home: '/staff/admin' },
};

export function signedInHeader(
  locale: Locale,
  session: StaffSession,
  csrf: string,
  current: StaffArea | 'account' = 'caseworker',
): SafeHtml {
  const areas = AREAS.filter((a) => hasRole(session, a.role));
  return html`<nav class="aw-staff-nav" aria-label="${t(locale, 'staff.nav')}"><ul class="aw-inline-list">${areas.map(
    (a) =>
      html`<li><a class="kern-link" href="${a.href}"${a.role === current ? html` aria-current="page"` : ''}>${t(locale, a.label)}</a></li>`,
  )}</ul></nav>
<span class="kern-body kern-body--small">${t(locale, 'staff.signedInAs', { name: session.displayName })}</span>
<a class="kern-link kern-body--small" href="/staff/konto"${current === 'account' ? html` aria-current="page"` : ''}>${t(locale, 'staff.nav.account')}</a>
<form method="post" action="/staff/logout" class="aw-inline-form">${csrfField(csrf)}<button type="submit" class="kern-btn kern-btn--tertiary kern-btn--x-small"><span class="kern-label">${t(locale, 'staff.logout')}</span></button></form>`;
}

export function staffShell(
  p: StaffPage,
  title: string,
  main: SafeHtml,
  options: { extra?: SafeHtml; hasErrors?: boolean; area?: StaffArea; enhance?: boolean } = {},
): string {
  const area = AREA_HEADERS[options.area ?? 'caseworker'];
  return page({
    locale: p.locale,
    title,
    currentPath: p.currentPath,
    siteName: `${t(p.locale, 'site.name')} – ${t(p.locale, area.title)}`,
    homeHref: area.home,
    hasErrors: options.hasErrors ?? false,
    ...(options.enhance ? { enhance: true } : {}),
    ...(options.extra ? { headerExtra: options.extra } : {}),
    main,
  });
}

function shell(p: StaffPage, title: string, main: SafeHtml, extra?: SafeHtml, hasErrors = false): string {
  return staffShell(p, title, main, { ...(extra ? { extra } : {}), hasErrors });
}

export function statusLabel(locale: Locale, status: SubmissionStatus): string {
  return t(locale, `status.${status}` as MessageKey);
}

/** Why the login page is shown again, each with its text. */
const LOGIN_ERRORS = {
  failed: 'staff.login.failed',
  missing: 'staff.login.missing',
  throttled: 'staff.login.throttled',
  locked: 'staff.login.locked',
} as const satisfies Record<string, MessageKey>;

export function loginPage(
  p: StaffPage,
  input: {
    csrf: string;
    username: string;
    error?: keyof typeof LOGIN_ERRORS;
    /** For `throttled` and `locked`: when to try again. */
    retryAfterSeconds?: number;
    /** A municipality's login page, where it offers single sign-on (ADR 0056). */
    sso?: SsoOffer | undefined;
  },
): string {
  const l = p.locale;
  const seconds = input.retryAfterSeconds ?? 0;
  const message = input.error
    ? t(l, LOGIN_ERRORS[input.error], { seconds, minutes: Math.max(1, Math.ceil(seconds / 60)) })
    : '';
  return shell(
    p,
    t(l, 'staff.login.title'),
    html`${errorSummary(l, input.error ? [{ href: '#field-username', text: message }] : [])}
<h1 class="kern-heading-large">${t(l, 'staff.login.title')}</h1>
${input.sso ? ssoOffer(l, input.sso) : ''}
<form method="post" action="/staff/login" novalidate>
  ${csrfField(input.csrf)}
  <div class="kern-form-input${input.error ? ' kern-form-input--error' : ''}">
    <label class="kern-label" for="field-username">${t(l, 'staff.login.username')}</label>
    ${input.error ? html`<p class="kern-error" id="username-error">${message}</p>` : ''}
    <input class="kern-form-input__input${input.error ? ' kern-form-input__input--error' : ''}" id="field-username" name="username" type="text" autocomplete="username" spellcheck="false" value="${input.username}"${input.error ? html` aria-invalid="true" aria-describedby="username-error"` : ''}>
  </div>
  <div class="kern-form-input">
    <label class="kern-label" for="field-password">${t(l, 'staff.login.password')}</label>
    <input class="kern-form-input__input" id="field-password" name="password" type="password" autocomplete="current-password">
  </div>
  <div class="aw-actions">
    <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">${t(l, 'staff.login.submit')}</span></button>
  </div>
</form>`,
    undefined,
    Boolean(input.error),
  );
}

export interface InboxPageInput {
  session: StaffSession;
  csrf: string;
  services: ServiceVersion[];
  result: Page<SubmissionSummary>;
  filter: { serviceId?: string; status?: SubmissionStatus };
  /** The identity providers' labels, for the identity column (ADR 0048). */
  providerLabel: ProviderLabel;
}

export function inboxPage(p: StaffPage, input: InboxPageInput): string {
  const l = p.locale;
  const { result, filter } = input;
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const query = (pageNo: number) => {
    const params = new URLSearchParams();
    if (filter.serviceId) params.set('leistung', filter.serviceId);
    if (filter.status) params.set('status', filter.status);
    params.set('seite', String(pageNo));
    return `/staff/inbox?${params.toString()}`;
  };
  const rows = result.items.map(
    (s) => html`<tr class="kern-table__row">
  <td class="kern-table__cell"><a class="kern-link" href="/staff/submissions/${s.id}">${s.reference}</a></td>
  <td class="kern-table__cell">${localize(s.serviceTitle, l)}</td>
  <td class="kern-table__cell">${formatDateTime(l, s.submittedAt)}</td>
  <td class="kern-table__cell">${statusLabel(l, s.status)}</td>
  ${identityCell(l, s, input.providerLabel)}
</tr>`,
  );
  return shell(
    p,
    t(l, 'staff.inbox.title'),
    html`<h1 class="kern-heading-large">${t(l, 'staff.inbox.title')}</h1>
<form method="get" action="/staff/inbox" class="aw-filter" role="search" aria-label="${t(l, 'staff.inbox.filter')}">
  <div class="kern-form-input">
    <label class="kern-label" for="filter-service">${t(l, 'staff.inbox.filterService')}</label>
    <div class="kern-form-input__select-wrapper">
      <select class="kern-form-input__select" id="filter-service" name="leistung">
        <option value="">${t(l, 'staff.inbox.all')}</option>
        ${input.services.map(
          (s) =>
            html`<option value="${s.serviceId}"${attr('selected', filter.serviceId === s.serviceId ? 'selected' : false)}>${localize(s.definition.title, l)}</option>`,
        )}
      </select>
    </div>
  </div>
  <div class="kern-form-input">
    <label class="kern-label" for="filter-status">${t(l, 'staff.inbox.filterStatus')}</label>
    <div class="kern-form-input__select-wrapper">
      <select class="kern-form-input__select" id="filter-status" name="status">
        <option value="">${t(l, 'staff.inbox.all')}</option>
        ${SUBMISSION_STATUSES.map(
          (st) =>
            html`<option value="${st}"${attr('selected', filter.status === st ? 'selected' : false)}>${statusLabel(l, st)}</option>`,
        )}
      </select>
    </div>
  </div>
  <button type="submit" class="kern-btn kern-btn--secondary"><span class="kern-label">${t(l, 'staff.inbox.apply')}</span></button>
</form>
<p class="kern-body" id="inbox-count">${t(l, 'staff.inbox.count', { total: result.total })}</p>
${
  result.items.length === 0
    ? html`<p class="kern-body">${t(l, 'staff.inbox.empty')}</p>`
    : html`<div class="kern-table-responsive"><table class="kern-table">
  <caption class="kern-sr-only">${t(l, 'staff.inbox.tableCaption')}</caption>
  <thead class="kern-table__header"><tr class="kern-table__row">
    <th scope="col" class="kern-table__header">${t(l, 'staff.inbox.colReference')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'staff.inbox.colService')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'staff.inbox.colSubmitted')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'staff.inbox.colStatus')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'staff.inbox.colIdentity')}</th>
  </tr></thead>
  <tbody class="kern-table__body">${rows}</tbody>
</table></div>`
}
${
  pages > 1
    ? html`<nav class="aw-pagination" aria-label="${t(l, 'staff.pagination')}">
  ${result.page > 1 ? html`<a class="kern-link" rel="prev" href="${query(result.page - 1)}">${t(l, 'staff.pagination.previous')}</a>` : ''}
  <span class="kern-body">${t(l, 'staff.pagination.page', { page: result.page, pages })}</span>
  ${result.page < pages ? html`<a class="kern-link" rel="next" href="${query(result.page + 1)}">${t(l, 'staff.pagination.next')}</a>` : ''}
</nav>`
    : ''
}`,
    signedInHeader(l, input.session, input.csrf),
  );
}

export interface SubmissionPageInput {
  session: StaffSession;
  csrf: string;
  opened: OpenedSubmission;
  history: Array<AuditEvent & { id: string; at: string; actorName: string | undefined }>;
  statusChanged: boolean;
  /** Whether the tenant's submissions get a sealed receipt (ADR 0032). */
  receiptOffered: boolean;
  /** Whether this account may delete the application before its deadline (ADR 0039). */
  erasable?: boolean;
  /** The identity providers' labels, for the recorded identity (ADR 0048). */
  providerLabel: ProviderLabel;
}

/**
 * An event of the history as a sentence, never its code: a status change names both statuses, a
 * download names the file. File names are personal data, decrypted for this page like the list of
 * files (`attachments`), and are never written to a log.
 */
function auditText(locale: Locale, event: AuditEvent, files: ReadonlyMap<string, string>): string {
  const key = `audit.${event.action}`;
  if (!isMessageKey(key)) return t(locale, 'staff.history.other', { action: event.action });
  const details = event.details ?? {};
  const vars: Record<string, string> = {};
  for (const name of ['from', 'to'] as const) {
    const value = details[name];
    if (typeof value === 'string' && SUBMISSION_STATUSES.includes(value as SubmissionStatus)) {
      vars[name] = statusLabel(locale, value as SubmissionStatus);
    }
  }
  // Reads through the pull API name the key's label (ADR 0041).
  if (typeof details.apiKey === 'string') vars.apiKey = details.apiKey;
  if (event.action === 'attachment.downloaded') {
    const name = typeof details.attachment === 'string' ? files.get(details.attachment) : undefined;
    return name === undefined
      ? t(locale, 'audit.attachment.downloadedUnknown')
      : t(locale, 'audit.attachment.downloaded', { file: name });
  }
  return t(locale, key, vars);
}

/** Whether a malware scanner checked the file before it was accepted (ADR 0038). */
function scanNote(l: Locale, scan: OpenedSubmission['attachments'][number]['scan']): string {
  return scan.status === 'clean'
    ? t(l, 'staff.submission.fileScanned', { at: formatDateTime(l, scan.at) })
    : t(l, 'staff.submission.fileNotScanned');
}

/** The uploaded files with download links (ADR 0018); each download is audited. */
function attachmentList(l: Locale, submissionId: string, files: OpenedSubmission['attachments']): SafeHtml {
  if (files.length === 0) return html``;
  return html`<h2 class="kern-heading-medium" id="dateien">${t(l, 'staff.submission.files')}</h2>
<ul class="kern-list" aria-labelledby="dateien">${files.map(
    (f) =>
      html`<li><a class="kern-link" href="/staff/submissions/${submissionId}/dateien/${f.id}" download>${t(l, 'staff.submission.download')}: ${f.name}</a> <span class="kern-body">(${MEDIA_NAMES[f.mediaType] ?? f.mediaType}, ${formatBytes(f.size, l)}, <span class="amtsweg-file-scan" data-scan="${f.scan.status}">${scanNote(l, f.scan)}</span>)</span></li>`,
  )}</ul>`;
}

const MEDIA_NAMES: Record<string, string> = MEDIA_TYPE_NAMES;

export function submissionPage(p: StaffPage, input: SubmissionPageInput): string {
  const l = p.locale;
  const { submission, sections } = input.opened;
  const title = t(l, 'staff.submission.title', { reference: submission.reference });
  const fileNames = new Map(input.opened.attachments.map((f) => [f.id, f.name]));
  const who = (e: SubmissionPageInput['history'][number]) =>
    e.actorType === 'staff'
      ? (e.actorName ?? '')
      : t(l, e.actorType === 'citizen' ? 'staff.history.citizen' : 'staff.history.system');
  return shell(
    p,
    title,
    html`<a class="kern-link" href="/staff/inbox">${t(l, 'staff.submission.backToInbox')}</a>
${input.statusChanged ? notice('success', t(l, 'staff.submission.statusChanged')) : ''}
<h1 class="kern-heading-large">${title}</h1>
<h2 class="kern-heading-medium">${t(l, 'staff.submission.meta')}</h2>
<dl class="kern-description-list">
  <div class="kern-description-list-item"><dt class="kern-description-list-item__key">${t(l, 'staff.submission.service')}</dt><dd class="kern-description-list-item__value">${localize(submission.serviceTitle, l)}</dd></div>
  <div class="kern-description-list-item"><dt class="kern-description-list-item__key">${t(l, 'staff.submission.version')}</dt><dd class="kern-description-list-item__value">${submission.serviceVersion}</dd></div>
  <div class="kern-description-list-item"><dt class="kern-description-list-item__key">${t(l, 'staff.submission.submittedAt')}</dt><dd class="kern-description-list-item__value">${formatDateTime(l, submission.submittedAt)}</dd></div>
  ${
    submission.feeCents === null
      ? ''
      : html`<div class="kern-description-list-item"><dt class="kern-description-list-item__key">${input.opened.feeLabel ? localize(input.opened.feeLabel, l) : t(l, 'check.feeHeading')}</dt><dd class="kern-description-list-item__value" id="fee">${formatCents(submission.feeCents, l)}</dd></div>`
  }
  <div class="kern-description-list-item"><dt class="kern-description-list-item__key">${t(l, 'staff.submission.status')}</dt><dd class="kern-description-list-item__value" id="current-status">${statusLabel(l, submission.status)}</dd></div>
</dl>
${identitySection(l, submission, input.providerLabel)}
<h2 class="kern-heading-medium">${t(l, 'staff.submission.changeStatus')}</h2>
<div class="aw-actions">${allowedTransitions(submission.status).map(
      (
        to,
      ) => html`<form method="post" action="/staff/submissions/${submission.id}/status" class="aw-inline-form">
  ${csrfField(input.csrf)}
  <input type="hidden" name="from" value="${submission.status}">
  <input type="hidden" name="to" value="${to}">
  <button type="submit" class="kern-btn kern-btn--secondary"><span class="kern-label">${t(l, `transition.${submission.status}.${to}` as MessageKey)}</span></button>
</form>`,
    )}</div>
${input.erasable ? html`<p class="kern-body"><a class="kern-link" href="/staff/submissions/${submission.id}/loeschen" id="vorzeitig-loeschen">${t(l, 'erasure.offer')}</a></p>` : ''}
<h2 class="kern-heading-medium">${t(l, 'staff.submission.answers')}</h2>
${sections.map(
  (section) => html`<h3 class="kern-heading-small">${section.title}</h3>
${summaryRows(section.rows, () => '', 4)}`,
)}
${computedSection(l, input.opened.computed, 'staff')}
${prefillMarksSection(l, input.opened.prefill)}
${attachmentList(l, submission.id, input.opened.attachments)}
<h2 class="kern-heading-medium" id="eingangsbestaetigung">${t(l, 'staff.submission.receipt')}</h2>
${
  input.receiptOffered
    ? html`<p class="kern-body"><a class="kern-link" href="/staff/submissions/${submission.id}/eingangsbestaetigung.pdf" download>${t(l, 'staff.submission.receiptDownload')}</a></p>`
    : html`<p class="kern-body">${t(l, 'staff.submission.receiptNone')}</p>`
}
<dl class="kern-description-list">
  <div class="kern-description-list-item"><dt class="kern-description-list-item__key">${t(l, 'staff.submission.dataHash')}</dt><dd class="kern-description-list-item__value"><code id="data-hash">${input.opened.dataHash}</code></dd></div>
</dl>
<h2 class="kern-heading-medium">${t(l, 'staff.submission.history')}</h2>
<div class="kern-table-responsive"><table class="kern-table kern-table--small">
  <caption class="kern-sr-only">${t(l, 'staff.submission.history')}</caption>
  <thead class="kern-table__header"><tr class="kern-table__row">
    <th scope="col" class="kern-table__header">${t(l, 'staff.history.colWhen')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'staff.history.colWhat')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'staff.history.colWho')}</th>
  </tr></thead>
  <tbody class="kern-table__body">${input.history.map(
    (e) =>
      html`<tr class="kern-table__row"><td class="kern-table__cell">${formatDateTime(l, e.at)}</td><td class="kern-table__cell">${auditText(l, e, fileNames)}</td><td class="kern-table__cell">${who(e)}</td></tr>`,
  )}</tbody>
</table></div>`,
    signedInHeader(l, input.session, input.csrf),
  );
}
