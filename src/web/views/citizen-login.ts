/**
 * "Anmelden" (ADR 0036): the login a service requires, or a step-up to a higher Vertrauensniveau,
 * with one link per provider the municipality offers. Links, not forms: the provider's login page
 * is another site, reached by a plain navigation; the callback is bound to this browser session.
 */
import type { AssuranceLevel } from '../../core/identity/levels.ts';
import type { LocalizedText } from '../../definition/types.ts';
import { localize } from '../../definition/types.ts';
import { html } from '../../lib/html.ts';
import { t } from '../i18n.ts';
import { type CitizenPage, shell } from './citizen.ts';
import { csrfField, notice } from './layout.ts';

export interface LoginPageInput {
  required: AssuranceLevel;
  /** The level of the session's login when it is too low (a step-up). */
  current: AssuranceLevel | undefined;
  providers: ReadonlyArray<{ label: LocalizedText; href: string }>;
  /** What happened at the provider just before. */
  notice: 'cancelled' | 'failed' | undefined;
  logout: { action: string; csrf: string; provider: LocalizedText } | undefined;
}

export function loginPage(c: CitizenPage, input: LoginPageInput): string {
  const l = c.locale;
  const title = t(l, input.current ? 'login.stepUp.title' : 'login.title');
  const level = (value: AssuranceLevel) => t(l, `level.${value}`);
  return shell(
    c,
    title,
    html`${input.notice ? notice('warning', t(l, input.notice === 'cancelled' ? 'login.cancelled' : 'login.failed')) : ''}
<h1 class="kern-heading-large">${title}</h1>
<p class="kern-body">${
      input.current
        ? t(l, 'login.stepUp', { current: level(input.current), level: level(input.required) })
        : t(l, 'login.required', { level: level(input.required) })
    }</p>
${
  input.providers.length === 0
    ? html`<p class="kern-body">${t(l, 'login.noneOffered')}</p>`
    : html`<ul class="aw-plain-list">${input.providers.map(
        (p) =>
          html`<li class="aw-actions"><a class="kern-btn kern-btn--primary" href="${p.href}"><span class="kern-label">${t(l, 'login.with', { provider: localize(p.label, l) })}</span></a></li>`,
      )}</ul>`
}
${
  input.logout
    ? html`<form method="post" action="${input.logout.action}" class="aw-actions">
  ${csrfField(input.logout.csrf)}
  <p class="kern-body">${t(l, 'login.loggedInAs', { provider: localize(input.logout.provider, l), level: input.current ? level(input.current) : '' })}</p>
  <button type="submit" class="kern-btn kern-btn--secondary"><span class="kern-label">${t(l, 'login.logout')}</span></button>
</form>`
    : ''
}`,
  );
}
