/**
 * What the citizen is told about Schriftformersatz (ADR 0048): before sending, a warning that the
 * application is as binding as a signed letter and should not be sent in haste (the check page
 * shows the declaration in full right below it); after sending, that it was submitted as
 * Schriftformersatz with which login.
 */
import type { AssuranceLevel } from '../../core/identity/levels.ts';
import { SCHRIFTFORMERSATZ_BASIS } from '../../core/identity/schriftformersatz.ts';
import type { Locale } from '../../definition/types.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import { formatDateTime, t } from '../i18n.ts';

export interface SchriftformersatzLogin {
  /** The provider's label in the page's language. */
  provider: string;
  level: AssuranceLevel;
}

/** The check page's warning, above the declaration. */
export function schriftformersatzWarning(l: Locale, login: SchriftformersatzLogin): SafeHtml {
  return html`<div class="kern-alert kern-alert--warning" role="note" id="schriftformersatz">
  <div class="kern-alert__header"><h2 class="kern-title">${t(l, 'sfe.check.title')}</h2></div>
  <div class="kern-alert__body">
    <p class="kern-body">${t(l, 'sfe.check.body', { basis: SCHRIFTFORMERSATZ_BASIS, provider: login.provider, level: t(l, `level.${login.level}`) })}</p>
    <p class="kern-body"><strong>${t(l, 'sfe.check.hasty')}</strong></p>
  </div>
</div>`;
}

/** The confirmation page's statement of how the application was submitted. */
export function schriftformersatzConfirmation(
  l: Locale,
  login: SchriftformersatzLogin & { loggedInAt: string },
): SafeHtml {
  return html`<p class="kern-body" id="schriftformersatz">${t(l, 'sfe.confirmation', {
    basis: SCHRIFTFORMERSATZ_BASIS,
    provider: login.provider,
    level: t(l, `level.${login.level}`),
    at: formatDateTime(l, login.loggedInAt),
  })}</p>`;
}
