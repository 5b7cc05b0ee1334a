/**
 * Deleting one application before its deadline (ADR 0039): the admin's search by reference number,
 * the confirmation with a chosen reason (never a typed one: no personal data reaches the audit),
 * and the page after it. The confirmation shows what identifies the case, not its data.
 */
import type { StaffSession, SubmissionSummary } from '../../core/domain.ts';
import { EARLY_ERASURE_REASONS } from '../../core/retention/erase-submission.ts';
import { hasRole } from '../../core/roles.ts';
import { localize } from '../../definition/types.ts';
import { html } from '../../lib/html.ts';
import { formatDateTime, type MessageKey, t } from '../i18n.ts';
import { radioGroup, submitButton, textInput } from './admin-form.ts';
import { adminShell } from './admin-layout.ts';
import { csrfField, errorSummary, notice } from './layout.ts';
import { type StaffPage, signedInHeader, staffShell, statusLabel } from './staff.ts';

export const ERASURE_SEARCH_PATH = '/staff/admin/loeschen';

export interface ErasureSearchInput {
  session: StaffSession;
  csrf: string;
  typed: string;
  error?: 'erasure.search.empty' | 'erasure.search.notFound';
  deleted: boolean;
}

export function erasureSearchPage(p: StaffPage, input: ErasureSearchInput): string {
  const l = p.locale;
  const error = input.error ? t(l, input.error, { reference: input.typed }) : undefined;
  const main = html`<h1 class="kern-heading-large">${t(l, 'erasure.search.title')}</h1>
${input.deleted ? notice('success', t(l, 'erasure.done')) : ''}
<p class="kern-body">${t(l, 'erasure.search.intro')}</p>
<form method="get" action="${ERASURE_SEARCH_PATH}" novalidate>
  ${textInput(l, {
    id: 'aktenzeichen',
    name: 'aktenzeichen',
    value: input.typed,
    label: t(l, 'erasure.search.reference'),
    hint: t(l, 'erasure.search.reference.hint'),
    error,
  })}
  ${submitButton(t(l, 'erasure.search.submit'))}
</form>`;
  return adminShell(
    p,
    input,
    'erasure',
    t(l, 'erasure.search.title'),
    main,
    error ? errorSummary(l, [{ href: '#aktenzeichen', text: error }]) : undefined,
  );
}

export interface ErasureConfirmInput {
  session: StaffSession;
  csrf: string;
  summary: SubmissionSummary;
  /** The reason chosen before, when the form comes back with an error. */
  reason?: string | undefined;
  error?: 'erasure.reason.missing' | 'erasure.archiveMissing';
}

export function erasureConfirmPage(p: StaffPage, input: ErasureConfirmInput): string {
  const l = p.locale;
  const { summary } = input;
  const title = t(l, 'erasure.confirm.title', { reference: summary.reference });
  const error = input.error ? t(l, input.error) : undefined;
  const row = (key: MessageKey, value: string) =>
    html`<div class="kern-description-list-item"><dt class="kern-description-list-item__key">${t(l, key)}</dt><dd class="kern-description-list-item__value">${value}</dd></div>`;
  const invalid = input.error === 'erasure.reason.missing';
  const back = hasRole(input.session, 'caseworker')
    ? html`<a class="kern-link" href="/staff/submissions/${summary.id}">${t(l, 'erasure.confirm.back')}</a>`
    : html`<a class="kern-link" href="${ERASURE_SEARCH_PATH}">${t(l, 'erasure.confirm.backToSearch')}</a>`;
  const main = html`${back}
${error ? errorSummary(l, [{ href: invalid ? '#grund' : '#loeschen', text: error }]) : ''}
<h1 class="kern-heading-large">${title}</h1>
<dl class="kern-description-list">
  ${row('staff.submission.service', localize(summary.serviceTitle, l))}
  ${row('staff.submission.submittedAt', formatDateTime(l, summary.submittedAt))}
  ${row('staff.submission.status', statusLabel(l, summary.status))}
</dl>
<div class="kern-alert kern-alert--warning" role="note"><div class="kern-alert__body"><p class="kern-body">${t(l, 'erasure.confirm.warning')}</p></div></div>
<form method="post" action="/staff/submissions/${summary.id}/loeschen" id="loeschen" novalidate>
  ${csrfField(input.csrf)}
  ${radioGroup(l, {
    id: 'grund',
    name: 'grund',
    label: t(l, 'erasure.reason.legend'),
    choices: EARLY_ERASURE_REASONS.map((reason) => ({
      value: reason,
      label: t(l, `erasure.reason.${reason}` as MessageKey),
    })),
    checked: input.reason,
    error: invalid ? error : undefined,
  })}
  ${submitButton(t(l, 'erasure.confirm.submit'))}
</form>`;
  const area = hasRole(input.session, 'caseworker') ? 'caseworker' : 'admin';
  return staffShell(p, title, main, {
    area,
    hasErrors: error !== undefined,
    extra: signedInHeader(l, input.session, input.csrf, area),
  });
}
