/** The offer of single sign-on on a municipality's staff login page (ADR 0056). */
import type { Locale } from '../../definition/types.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import { t } from '../i18n.ts';
import { notice } from './layout.ts';

export interface SsoOffer {
  href: string;
  tenantName: string;
  cancelled?: boolean;
}

/** The button to the municipality's provider, above the password form, which gets a heading. */
export function ssoOffer(l: Locale, offer: SsoOffer): SafeHtml {
  return html`${offer.cancelled ? notice('info', t(l, 'staff.sso.cancelled')) : ''}
<p class="kern-body">${t(l, 'staff.sso.intro', { name: offer.tenantName })}</p>
<p class="aw-actions"><a class="kern-btn kern-btn--primary" href="${offer.href}"><span class="kern-label">${t(l, 'staff.sso.button')}</span></a></p>
<h2 class="kern-heading-medium">${t(l, 'staff.sso.passwordHeading')}</h2>`;
}
