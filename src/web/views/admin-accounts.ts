/**
 * Verwaltung pages for staff accounts (ADR 0024): the list, the form for a new account, and one
 * account with its roles, a new password, disabling and its history.
 */
import { MIN_PASSWORD_LENGTH } from '../../core/administration.ts';
import { STAFF_ROLES, type StaffRole } from '../../core/domain.ts';
import { isStaffRole } from '../../core/roles.ts';
import type {
  AccountHistoryEntry,
  AccountProblem,
  AccountSummary,
} from '../../core/tenant-administration.ts';
import type { Locale } from '../../definition/types.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import { formatDateTime, isMessageKey, type MessageKey, t } from '../i18n.ts';
import { checkboxGroup, submitButton, textInput } from './admin-form.ts';
import { type AdminFrame, adminShell } from './admin-layout.ts';
import { csrfField, errorSummary, notice } from './layout.ts';
import type { StaffPage } from './staff.ts';

export const ROLE_TEXTS: Record<StaffRole, { label: MessageKey; hint: MessageKey }> = {
  caseworker: { label: 'admin.role.caseworker', hint: 'admin.role.caseworker.hint' },
  designer: { label: 'admin.role.designer', hint: 'admin.role.designer.hint' },
  admin: { label: 'admin.role.admin', hint: 'admin.role.admin.hint' },
};

/** Where each problem's error summary entry leads: the field, or the section of the page. */
const PROBLEM_TARGETS: Record<AccountProblem['code'], string> = {
  ERR_STAFF_USERNAME: '#field-username',
  ERR_STAFF_EXISTS: '#field-username',
  ERR_STAFF_NAME: '#field-name',
  ERR_STAFF_PASSWORD: '#field-password',
  ERR_STAFF_ROLE: '#field-roles',
  ERR_STAFF_SELF_ADMIN: '#field-roles',
  ERR_STAFF_SELF_DISABLE: '#zugang',
  ERR_STAFF_SELF_PASSWORD: '#passwort',
};

function problemText(l: Locale, problem: AccountProblem): string {
  return t(l, `admin.error.${problem.code}`, { min: MIN_PASSWORD_LENGTH });
}

function fieldError(l: Locale, problems: readonly AccountProblem[], field: AccountProblem['field']) {
  const problem = problems.find((p) => p.field === field);
  return problem ? problemText(l, problem) : undefined;
}

function summaryOf(l: Locale, problems: readonly AccountProblem[]): SafeHtml {
  return errorSummary(
    l,
    problems.map((p) => ({ href: PROBLEM_TARGETS[p.code], text: problemText(l, p) })),
  );
}

function roleNames(l: Locale, roles: readonly StaffRole[]): string {
  return roles.map((r) => t(l, ROLE_TEXTS[r].label)).join(', ');
}

function roleChoices(l: Locale, checked: readonly string[]) {
  return STAFF_ROLES.map((role) => ({
    value: role,
    label: t(l, ROLE_TEXTS[role].label),
    hint: t(l, ROLE_TEXTS[role].hint),
    checked: checked.includes(role),
  }));
}

export function accountsPage(p: StaffPage, frame: AdminFrame, accounts: readonly AccountSummary[]): string {
  const l = p.locale;
  const title = t(l, 'admin.accounts.title');
  return adminShell(
    p,
    frame,
    'accounts',
    title,
    html`<h1 class="kern-heading-large">${title}</h1>
<p class="kern-body">${t(l, 'admin.accounts.intro')}</p>
<p class="kern-body"><a class="kern-link" href="/staff/admin/konten/neu">${t(l, 'admin.accounts.new')}</a></p>
<div class="kern-table-responsive"><table class="kern-table">
  <caption class="kern-sr-only">${t(l, 'admin.accounts.caption')}</caption>
  <thead class="kern-table__header"><tr class="kern-table__row">
    <th scope="col" class="kern-table__header">${t(l, 'admin.col.username')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'admin.col.name')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'admin.col.roles')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'admin.col.state')}</th>
  </tr></thead>
  <tbody class="kern-table__body">${accounts.map(
    (a) => html`<tr class="kern-table__row">
    <td class="kern-table__cell"><a class="kern-link" href="/staff/admin/konten/${a.id}">${a.username}</a></td>
    <td class="kern-table__cell">${a.displayName}</td>
    <td class="kern-table__cell">${roleNames(l, a.roles)}</td>
    <td class="kern-table__cell">${t(l, a.disabledAt ? 'admin.state.disabled' : 'admin.state.active')}</td>
  </tr>`,
  )}</tbody>
</table></div>`,
  );
}

export interface NewAccountInput {
  values: { username: string; displayName: string; roles: readonly string[] };
  problems: readonly AccountProblem[];
}

export function newAccountPage(p: StaffPage, frame: AdminFrame, input: NewAccountInput): string {
  const l = p.locale;
  const title = t(l, 'admin.new.title');
  const { values, problems } = input;
  return adminShell(
    p,
    frame,
    'accounts',
    title,
    html`<a class="kern-link" href="/staff/admin">${t(l, 'admin.back.accounts')}</a>
<h1 class="kern-heading-large">${title}</h1>
<form method="post" action="/staff/admin/konten/neu" novalidate class="aw-stack">
  ${csrfField(frame.csrf)}
  ${textInput(l, {
    id: 'field-username',
    name: 'username',
    value: values.username,
    autocomplete: 'off',
    label: t(l, 'admin.field.username'),
    hint: t(l, 'admin.field.username.hint'),
    error: fieldError(l, problems, 'username'),
  })}
  ${textInput(l, {
    id: 'field-name',
    name: 'name',
    value: values.displayName,
    autocomplete: 'off',
    label: t(l, 'admin.field.displayName'),
    hint: t(l, 'admin.field.displayName.hint'),
    error: fieldError(l, problems, 'displayName'),
  })}
  ${checkboxGroup(l, {
    id: 'field-roles',
    name: 'rollen',
    choices: roleChoices(l, values.roles),
    label: t(l, 'admin.field.roles'),
    hint: t(l, 'admin.field.roles.hint'),
    error: fieldError(l, problems, 'roles'),
  })}
  ${textInput(l, {
    id: 'field-password',
    name: 'passwort',
    value: '',
    type: 'password',
    autocomplete: 'new-password',
    label: `${t(l, 'admin.field.password')} (optional)`,
    hint: t(l, 'admin.field.password.hint', { min: MIN_PASSWORD_LENGTH }),
    error: fieldError(l, problems, 'password'),
  })}
  ${submitButton(t(l, 'admin.new.submit'))}
</form>`,
    summaryOf(l, problems),
  );
}

/** What the account page reports after a change (the `?…` of the redirect). */
export type AccountNotice = 'created' | 'roles' | 'password' | 'disabled' | 'enabled';

const NOTICES: Record<AccountNotice, MessageKey> = {
  created: 'admin.account.created',
  roles: 'admin.account.saved.roles',
  password: 'admin.account.saved.password',
  disabled: 'admin.account.saved.disabled',
  enabled: 'admin.account.saved.enabled',
};

export interface AccountPageInput {
  account: AccountSummary;
  history: readonly AccountHistoryEntry[];
  /** Whether it is the signed-in admin's own account (no disabling, no new password). */
  self: boolean;
  notice?: AccountNotice | undefined;
  /** A password to show now, exactly once (generated, or the one just set). */
  password?: string | undefined;
  /** After a create with a typed password: say so instead of showing one. */
  typedPassword?: boolean;
  problems?: readonly AccountProblem[];
  /** The roles as just submitted, when they were refused. */
  roles?: readonly string[];
}

function historyText(l: Locale, entry: AccountHistoryEntry): string {
  const key = `audit.${entry.action}`;
  if (!isMessageKey(key)) return entry.action;
  const roles = (value: unknown) => (Array.isArray(value) ? roleNames(l, value.filter(isStaffRole)) : '');
  // Counts such as a lock's `failures` and `minutes` are shown as they are.
  const counts = Object.fromEntries(
    Object.entries(entry.details ?? {}).filter((e): e is [string, number] => typeof e[1] === 'number'),
  );
  return t(l, key, { ...counts, from: roles(entry.details?.from), to: roles(entry.details?.to) });
}

function historyActor(l: Locale, entry: AccountHistoryEntry): string {
  if (entry.actorType === 'operator') return t(l, 'admin.history.operator');
  if (entry.actorType === 'staff') return entry.actorName ?? '';
  return t(l, entry.actorType === 'citizen' ? 'staff.history.citizen' : 'staff.history.system');
}

export function accountPage(p: StaffPage, frame: AdminFrame, input: AccountPageInput): string {
  const l = p.locale;
  const { account } = input;
  const problems = input.problems ?? [];
  const title = t(l, 'admin.account.title', { username: account.username });
  const base = `/staff/admin/konten/${account.id}`;
  const row = (key: MessageKey, value: string, id?: string) =>
    html`<div class="kern-description-list-item"><dt class="kern-description-list-item__key">${t(l, key)}</dt><dd class="kern-description-list-item__value"${id ? html` id="${id}"` : ''}>${value}</dd></div>`;
  const state = account.disabledAt
    ? t(l, 'admin.account.disabledSince', { at: formatDateTime(l, account.disabledAt) })
    : t(l, 'admin.state.active');
  const selfProblem = (field: 'account', code: AccountProblem['code']) =>
    problems.some((pr) => pr.field === field && pr.code === code)
      ? html`<p class="kern-error"><span class="kern-body">${t(l, `admin.error.${code}`)}</span></p>`
      : '';
  return adminShell(
    p,
    frame,
    'accounts',
    title,
    html`<a class="kern-link" href="/staff/admin">${t(l, 'admin.back.accounts')}</a>
${input.notice ? notice('success', t(l, NOTICES[input.notice])) : ''}
${
  input.password
    ? notice(
        'info',
        t(l, 'admin.account.passwordOnce'),
        html`<p class="kern-body aw-password" id="new-password">${input.password}</p><p class="kern-body">${t(l, 'admin.account.passwordOnce.body')}</p>`,
      )
    : input.typedPassword
      ? html`<p class="kern-body">${t(l, 'admin.account.typedPassword')}</p>`
      : input.notice === 'created' || input.notice === 'password'
        ? html`<p class="kern-body">${t(l, 'admin.account.passwordGone')}</p>`
        : ''
}
<h1 class="kern-heading-large">${title}</h1>
<h2 class="kern-heading-medium">${t(l, 'admin.account.details')}</h2>
<dl class="kern-description-list">
  ${row('admin.col.username', account.username)}
  ${row('admin.col.name', account.displayName)}
  ${row('admin.col.roles', roleNames(l, account.roles), 'account-roles')}
  ${row('admin.col.state', state, 'account-state')}
</dl>
<h2 class="kern-heading-medium" id="rollen">${t(l, 'admin.account.roles.heading')}</h2>
${input.self ? html`<p class="kern-body">${t(l, 'admin.account.roles.self')}</p>` : ''}
<form method="post" action="${base}/rollen" novalidate>
  ${csrfField(frame.csrf)}
  ${checkboxGroup(l, {
    id: 'field-roles',
    name: 'rollen',
    choices: roleChoices(l, input.roles ?? account.roles),
    label: t(l, 'admin.field.roles'),
    hint: t(l, 'admin.field.roles.hint'),
    error: fieldError(l, problems, 'roles'),
  })}
  ${submitButton(t(l, 'admin.account.roles.submit'), 'secondary')}
</form>
<h2 class="kern-heading-medium" id="passwort">${t(l, 'admin.account.password.heading')}</h2>
${selfProblem('account', 'ERR_STAFF_SELF_PASSWORD')}
${
  input.self
    ? html`<p class="kern-body">${t(l, 'admin.account.password.self')}</p>`
    : html`<p class="kern-body">${t(l, 'admin.account.password.intro')}</p>
<form method="post" action="${base}/passwort" novalidate>
  ${csrfField(frame.csrf)}
  ${submitButton(t(l, 'admin.account.password.submit'), 'secondary')}
</form>`
}
<h2 class="kern-heading-medium" id="zugang">${t(l, 'admin.account.access.heading')}</h2>
${selfProblem('account', 'ERR_STAFF_SELF_DISABLE')}
<p class="kern-body">${t(l, 'admin.account.access.intro')}</p>
${
  account.disabledAt
    ? html`<form method="post" action="${base}/entsperren" novalidate>
  ${csrfField(frame.csrf)}
  ${submitButton(t(l, 'admin.account.enable.submit'), 'secondary')}
</form>`
    : input.self
      ? html`<p class="kern-body">${t(l, 'admin.account.disable.self')}</p>`
      : html`<form method="post" action="${base}/sperren" novalidate>
  ${csrfField(frame.csrf)}
  ${submitButton(t(l, 'admin.account.disable.submit'), 'secondary')}
</form>`
}
<h2 class="kern-heading-medium">${t(l, 'admin.account.history')}</h2>
<div class="kern-table-responsive"><table class="kern-table kern-table--small">
  <caption class="kern-sr-only">${t(l, 'admin.account.historyCaption')}</caption>
  <thead class="kern-table__header"><tr class="kern-table__row">
    <th scope="col" class="kern-table__header">${t(l, 'staff.history.colWhen')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'staff.history.colWhat')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'staff.history.colWho')}</th>
  </tr></thead>
  <tbody class="kern-table__body">${input.history.map(
    (e) =>
      html`<tr class="kern-table__row"><td class="kern-table__cell">${formatDateTime(l, e.at)}</td><td class="kern-table__cell">${historyText(l, e)}</td><td class="kern-table__cell">${historyActor(l, e)}</td></tr>`,
  )}</tbody>
</table></div>`,
    summaryOf(l, problems),
  );
}
