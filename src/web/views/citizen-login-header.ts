/**
 * The citizen pages' header while the browser session is logged in (ADR 0048): who is logged in
 * (the name the provider vouched for, else the provider and level) and a logout button, a form
 * that posts with the CSRF token and works without JavaScript.
 */
import type { AssuranceLevel } from '../../core/identity/levels.ts';
import type { Locale } from '../../definition/types.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import { t } from '../i18n.ts';
import { csrfField } from './layout.ts';

export interface HeaderLogin {
  /** The name the provider vouched for (a person's or a business's), when it gave one. */
  name: string | undefined;
  /** The provider's label in the page's language. */
  provider: string;
  level: AssuranceLevel;
  /** Where the logout form posts (`/{tenant}/abmelden`). */
  action: string;
  csrf: string;
}

export function loginHeader(l: Locale, login: HeaderLogin): SafeHtml {
  const level = t(l, `level.${login.level}`);
  const who = login.name
    ? t(l, 'header.loggedInAs', { name: login.name, level })
    : t(l, 'header.loggedInVia', { provider: login.provider, level });
  return html`<form method="post" action="${login.action}" class="aw-inline-form" id="citizen-logout">${csrfField(login.csrf)}<span class="kern-body kern-body--small" id="citizen-login-status">${who}</span> <button type="submit" class="kern-btn kern-btn--tertiary kern-btn--x-small"><span class="kern-label">${t(l, 'header.logout')}</span></button></form>`;
}
