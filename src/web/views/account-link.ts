/**
 * The header's link to "Meine Anträge" (ADR 0049), for a citizen logged in at the municipality.
 * Its own partial: the header's other account controls (logout) sit beside it.
 */
import type { Tenant } from '../../core/domain.ts';
import type { Locale } from '../../definition/types.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import { myApplicationsUrls } from '../citizen-urls.ts';
import { t } from '../i18n.ts';

export function myApplicationsLink(c: { locale: Locale; tenant: Tenant; loggedIn?: boolean }): SafeHtml {
  if (!c.loggedIn) return html``;
  return html`<a class="kern-link" href="${myApplicationsUrls(c.tenant.slug).list}" id="meine-antraege-link">${t(c.locale, 'myApplications.link')}</a>`;
}
