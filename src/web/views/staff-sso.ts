/**
 * Staff single sign-on's pages (ADR 0056): the offer on a municipality's login page, the page that
 * goes on after a login, the pages of a refused or unknown answer, and the admin's SSO page.
 */
import type { SettingView } from '../../core/operational-settings.ts';
import type { SettingProblem } from '../../core/settings/check.ts';
import type { SsoRefusal } from '../../core/staff-sso/staff-sso.ts';
import type { Locale } from '../../definition/types.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import { type MessageKey, t } from '../i18n.ts';
import { type AdminFrame, adminShell } from './admin-layout.ts';
import { kindForm, settingErrors, settingSection } from './admin-settings.ts';
import { errorSummary, notice, page } from './layout.ts';
import type { StaffPage } from './staff.ts';

function staffMessage(
  l: Locale,
  currentPath: string,
  title: string,
  body: SafeHtml,
  refreshTo?: string,
): string {
  return page({
    locale: l,
    title,
    currentPath,
    siteName: `${t(l, 'site.name')} – ${t(l, 'staff.title')}`,
    homeHref: '/staff/login',
    ...(refreshTo !== undefined && { refreshTo }),
    main: html`<h1 class="kern-heading-large">${title}</h1>${body}`,
  });
}

/** After a login: on to the staff member's start page (a same-site navigation, see `refreshTo`). */
export function ssoSignedInPage(l: Locale, currentPath: string, home: string): string {
  return staffMessage(
    l,
    currentPath,
    t(l, 'staff.sso.signedIn.title'),
    html`<p class="kern-body">${t(l, 'staff.sso.signedIn.body')}</p>
<p class="kern-body"><a class="kern-link" href="${home}">${t(l, 'staff.sso.signedIn.continue')}</a></p>`,
    home,
  );
}

const REFUSALS: Record<SsoRefusal, MessageKey> = {
  provider: 'staff.sso.refused.provider',
  'no-role': 'staff.sso.refused.no-role',
  'no-username': 'staff.sso.refused.no-username',
  'username-taken': 'staff.sso.refused.username-taken',
  disabled: 'staff.sso.refused.disabled',
};

/** Why a login did not work, and the way back to the municipality's login page. */
export function ssoProblemPage(
  l: Locale,
  currentPath: string,
  problem: SsoRefusal | 'unknown' | 'unavailable',
  loginHref: string,
): string {
  const [title, body]: [MessageKey, MessageKey] =
    problem === 'unknown'
      ? ['staff.sso.unknown.title', 'staff.sso.unknown.body']
      : problem === 'unavailable'
        ? ['staff.sso.unavailable.title', 'staff.sso.unavailable.body']
        : ['staff.sso.refused.title', REFUSALS[problem]];
  return staffMessage(
    l,
    currentPath,
    t(l, title),
    html`<p class="kern-body">${t(l, body)}</p>
<p class="kern-body"><a class="kern-link" href="${loginHref}">${t(l, 'staff.sso.again')}</a></p>`,
  );
}

export interface SsoAdminPageInput {
  view: SettingView;
  callbackUrl: string;
  loginUrl: string;
  names: ReadonlyMap<string, string>;
  saved: boolean;
  refused?: { typed: Record<string, unknown>; problems: readonly SettingProblem[] } | undefined;
}

/** The admin's SSO page: the addresses to register at the provider, and the setting's form. */
export function ssoAdminPage(p: StaffPage, frame: AdminFrame, input: SsoAdminPageInput): string {
  const l = p.locale;
  const form = kindForm('staff.sso');
  const title = t(l, 'admin.sso.title');
  return adminShell(
    p,
    frame,
    'sso',
    title,
    html`${input.saved ? notice('success', t(l, 'admin.sso.saved')) : ''}
<h1 class="kern-heading-large">${title}</h1>
<dl class="kern-description-list">
  <div class="kern-description-list-item">
    <dt class="kern-description-list-item__key">${t(l, 'admin.sso.callback')}</dt>
    <dd class="kern-description-list-item__value"><code>${input.callbackUrl}</code></dd>
  </div>
  <div class="kern-description-list-item">
    <dt class="kern-description-list-item__key">${t(l, 'admin.sso.loginPage')}</dt>
    <dd class="kern-description-list-item__value"><code>${input.loginUrl}</code></dd>
  </div>
</dl>
<p class="kern-body">${t(l, 'admin.sso.callback.hint')}</p>
<p class="kern-body">${t(l, 'admin.sso.mfa')}</p>
${settingSection(l, {
  action: '/staff/admin/sso',
  csrf: frame.csrf,
  form,
  view: input.view,
  names: input.names,
  headingLevel: 2,
  refused: input.refused,
})}`,
    errorSummary(l, input.refused ? settingErrors(l, form, input.refused.problems) : []),
  );
}
