/**
 * "Meine Anträge" (ADR 0049): a logged-in citizen's unfinished and sent applications at one
 * municipality, and the header link to it. Continuing a draft is a form (it moves the draft to
 * this browser), so it works without JavaScript and carries the CSRF token.
 */
import type { OwnedApplications } from '../../core/domain.ts';
import { localize } from '../../definition/types.ts';
import { html } from '../../lib/html.ts';
import { myApplicationsUrls } from '../citizen-urls.ts';
import { formatDateTime, t } from '../i18n.ts';
import { type CitizenPage, shell } from './citizen.ts';
import { csrfField, notice } from './layout.ts';
import { statusLabel } from './staff.ts';

export interface MyApplicationsInput {
  /** Undefined when the browser is not logged in at the municipality. */
  applications: OwnedApplications | undefined;
  csrf: string;
  /** Why the page is shown again: a draft that could not be continued. */
  problem?: { kind: 'occupied'; service: string } | { kind: 'gone' } | undefined;
}

export function myApplicationsPage(c: CitizenPage, input: MyApplicationsInput): string {
  const l = c.locale;
  const title = t(l, 'myApplications.title');
  const urls = myApplicationsUrls(c.tenant.slug);
  const { applications, problem } = input;
  const problemText =
    problem?.kind === 'occupied'
      ? t(l, 'myApplications.occupied', { service: problem.service })
      : problem?.kind === 'gone'
        ? t(l, 'myApplications.gone')
        : undefined;
  const body = !applications
    ? html`<p class="kern-body">${t(l, 'myApplications.loginNeeded')}</p>`
    : html`<p class="kern-body">${t(l, 'myApplications.intro')}</p>
<h2 class="kern-heading-medium" id="offen">${t(l, 'myApplications.drafts')}</h2>
${
  applications.drafts.length === 0
    ? html`<p class="kern-body">${t(l, 'myApplications.noDrafts')}</p>`
    : html`<div class="kern-table-responsive"><table class="kern-table" aria-labelledby="offen">
  <thead class="kern-table__header"><tr class="kern-table__row">
    <th scope="col" class="kern-table__header">${t(l, 'myApplications.service')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'myApplications.lastSaved')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'myApplications.deletedOn')}</th>
    <th scope="col" class="kern-table__header"><span class="kern-sr-only">${t(l, 'myApplications.continue')}</span></th>
  </tr></thead>
  <tbody class="kern-table__body">${applications.drafts.map((d) => {
    const service = localize(d.serviceTitle, l);
    return html`<tr class="kern-table__row" data-draft="${d.serviceSlug}">
    <th scope="row" class="kern-table__header">${service}</th>
    <td class="kern-table__cell">${formatDateTime(l, d.updatedAt)}</td>
    <td class="kern-table__cell">${formatDateTime(l, d.expiresAt)}</td>
    <td class="kern-table__cell"><form method="post" action="${urls.continueDraft}" class="aw-inline-form">
      ${csrfField(input.csrf)}
      <input type="hidden" name="antrag" value="${d.id}">
      <button type="submit" class="kern-btn kern-btn--secondary" aria-label="${t(l, 'myApplications.continueLabel', { service })}"><span class="kern-label">${t(l, 'myApplications.continue')}</span></button>
    </form></td>
  </tr>`;
  })}</tbody>
</table></div>`
}
<h2 class="kern-heading-medium" id="gesendet">${t(l, 'myApplications.submitted')}</h2>
${
  applications.submissions.length === 0
    ? html`<p class="kern-body">${t(l, 'myApplications.noSubmitted')}</p>`
    : html`<div class="kern-table-responsive"><table class="kern-table" aria-labelledby="gesendet">
  <thead class="kern-table__header"><tr class="kern-table__row">
    <th scope="col" class="kern-table__header">${t(l, 'myApplications.reference')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'myApplications.service')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'myApplications.submittedAt')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'myApplications.status')}</th>
  </tr></thead>
  <tbody class="kern-table__body">${applications.submissions.map(
    (s) => html`<tr class="kern-table__row" data-reference="${s.reference}">
    <td class="kern-table__cell">${s.reference}</td>
    <td class="kern-table__cell">${localize(s.serviceTitle, l)}</td>
    <td class="kern-table__cell">${formatDateTime(l, s.submittedAt)}</td>
    <td class="kern-table__cell">${statusLabel(l, s.status)}</td>
  </tr>`,
  )}</tbody>
</table></div>`
}`;
  return shell(
    c,
    title,
    html`${problemText ? notice('warning', problemText) : ''}
<h1 class="kern-heading-large">${title}</h1>
${body}`,
  );
}
