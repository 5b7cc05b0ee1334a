/**
 * "Mein Konto" (`/staff/konto`, every role): who is signed in, how long a session lasts, the notice
 * after failed attempts with the account's name, and changing one's own password (ADR 0028).
 */
import type { StaffSession } from '../../core/domain.ts';
import { hasRole } from '../../core/roles.ts';
import type { LoginNotice, PasswordChangeOutcome, SecondFactorState } from '../../core/staff-auth.ts';
import type { Locale } from '../../definition/types.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import { formatDateTime, type MessageKey, t } from '../i18n.ts';
import { SECOND_FACTOR_ENROL_PATH } from '../staff-session.ts';
import { textInput } from './admin-form.ts';
import { csrfField, errorSummary, notice } from './layout.ts';
import { type StaffArea, type StaffPage, signedInHeader, staffShell } from './staff.ts';

export type PasswordProblem = Exclude<PasswordChangeOutcome, { ok: true }>['problem'];

export interface AccountPageInput {
  session: StaffSession;
  csrf: string;
  /** Where the account holder's work starts (the role's start page). */
  home: string;
  /** After a login that followed failed attempts with this name: said once. */
  loginNotice?: LoginNotice | undefined;
  /** The password was just changed. */
  changed?: boolean;
  problem?: PasswordProblem | undefined;
  retryAfterSeconds?: number;
  idleMinutes: number;
  lifetimeHours: number;
  secondFactor: SecondFactorState;
}

/** The second factor (ADR 0055): set up or not; caseworkers may set it up here. */
function secondFactorBlock(l: Locale, state: SecondFactorState): SafeHtml {
  return html`<h2 class="kern-heading-medium" id="factor-heading">${t(l, 'staff.account.factor.title')}</h2>
<p class="kern-body" id="factor-state">${state.enrolled ? t(l, 'staff.account.factor.on', { count: state.recoveryCodesLeft }) : t(l, 'staff.account.factor.off')}</p>
${state.enrolled ? html`<p class="kern-body">${t(l, 'staff.account.factor.lost')}</p>` : html`<p class="kern-body"><a class="kern-link" href="${SECOND_FACTOR_ENROL_PATH}">${t(l, 'staff.account.factor.enrol')}</a></p>`}`;
}

/** Which field each problem belongs to, and its text. */
const PROBLEMS: Record<PasswordProblem, { field: string; text: MessageKey }> = {
  'current-wrong': { field: 'field-current', text: 'staff.account.error.currentWrong' },
  throttled: { field: 'field-current', text: 'staff.account.error.throttled' },
  mismatch: { field: 'field-repeat', text: 'staff.account.error.mismatch' },
  rule: { field: 'field-next', text: 'staff.account.error.rule' },
  unchanged: { field: 'field-next', text: 'staff.account.error.unchanged' },
};

/** The area whose header the page wears: the account holder's first area. */
export function homeArea(session: Pick<StaffSession, 'roles'>): StaffArea {
  if (hasRole(session, 'caseworker')) return 'caseworker';
  return hasRole(session, 'designer') ? 'designer' : 'admin';
}

function loginNoticeBlock(l: Locale, input: AccountPageInput): SafeHtml | string {
  const n = input.loginNotice;
  if (!n) return '';
  return html`<div class="kern-alert kern-alert--warning" role="alert" id="login-notice">
  <div class="kern-alert__header"><h2 class="kern-title">${t(l, 'staff.account.notice.title')}</h2></div>
  <div class="kern-alert__body">
    <p class="kern-body">${t(l, 'staff.account.notice.failures', { count: n.failedAttempts })}</p>
    ${n.lockedAt ? html`<p class="kern-body">${t(l, 'staff.account.notice.locked', { at: formatDateTime(l, n.lockedAt) })}</p>` : ''}
    <p class="kern-body">${t(l, 'staff.account.notice.advice')}</p>
  </div>
</div>`;
}

export function staffAccountPage(p: StaffPage, input: AccountPageInput): string {
  const l = p.locale;
  const problem = input.problem && PROBLEMS[input.problem];
  const problemText = problem && t(l, problem.text, { seconds: input.retryAfterSeconds ?? 0 });
  const errorAt = (id: string) => (problem?.field === id ? problemText : undefined);
  const title = t(l, 'staff.account.title');
  return staffShell(
    p,
    title,
    html`${errorSummary(l, problem && problemText ? [{ href: `#${problem.field}`, text: problemText }] : [])}
${input.changed ? notice('success', t(l, 'staff.account.changed.title'), html`<p class="kern-body">${t(l, 'staff.account.changed.body')}</p>`) : ''}
${loginNoticeBlock(l, input)}
<h1 class="kern-heading-large">${title}</h1>
<dl class="kern-description-list">
  <div class="kern-description-list-item"><dt class="kern-description-list-item__key">${t(l, 'staff.account.name')}</dt><dd class="kern-description-list-item__value">${input.session.displayName}</dd></div>
  <div class="kern-description-list-item"><dt class="kern-description-list-item__key">${t(l, 'staff.account.username')}</dt><dd class="kern-description-list-item__value">${input.session.username}</dd></div>
</dl>
<p class="kern-body" id="session-note">${t(l, 'staff.account.sessionNote', { idle: input.idleMinutes, hours: input.lifetimeHours })}</p>
<p class="kern-body"><a class="kern-link" href="${input.home}">${t(l, 'staff.account.continue')}</a></p>
${secondFactorBlock(l, input.secondFactor)}
<h2 class="kern-heading-medium" id="password-heading">${t(l, 'staff.account.password.title')}</h2>
<p class="kern-body">${t(l, 'staff.account.password.intro')}</p>
<form method="post" action="/staff/konto/passwort" novalidate aria-labelledby="password-heading">
  ${csrfField(input.csrf)}
  <input type="text" name="username" value="${input.session.username}" autocomplete="username" hidden>
  ${textInput(l, { id: 'field-current', name: 'current', value: '', type: 'password', autocomplete: 'current-password', label: t(l, 'staff.account.password.current'), error: errorAt('field-current') })}
  ${textInput(l, { id: 'field-next', name: 'next', value: '', type: 'password', autocomplete: 'new-password', label: t(l, 'staff.account.password.next'), hint: t(l, 'staff.account.password.rule'), error: errorAt('field-next') })}
  ${textInput(l, { id: 'field-repeat', name: 'repeat', value: '', type: 'password', autocomplete: 'new-password', label: t(l, 'staff.account.password.repeat'), error: errorAt('field-repeat') })}
  <div class="aw-actions"><button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">${t(l, 'staff.account.password.submit')}</span></button></div>
</form>`,
    {
      extra: signedInHeader(l, input.session, input.csrf, 'account'),
      hasErrors: Boolean(problem),
      area: homeArea(input.session),
    },
  );
}
