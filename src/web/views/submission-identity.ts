/**
 * The identity recorded with a submission as the caseworker sees it (ADR 0048): a section of the
 * submission page and a cell of the inbox. Kept apart from `staff.ts` so the submission page only
 * gains one call. The provider's id is shown by its configured label where the installation still
 * has it (a provider removed later still shows its id).
 */
import type { Submission, SubmissionSummary } from '../../core/domain.ts';
import { SCHRIFTFORMERSATZ_BASIS } from '../../core/identity/schriftformersatz.ts';
import { type Locale, type LocalizedText, localize } from '../../definition/types.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import { formatDateTime, t } from '../i18n.ts';

/** The label of a configured identity provider by its id. */
export type ProviderLabel = (providerId: string) => LocalizedText | undefined;

export const providerName = (l: Locale, label: ProviderLabel, id: string): string => {
  const known = label(id);
  return known ? localize(known, l) : id;
};

const fact = (key: string, value: string, id?: string) =>
  html`<div class="kern-description-list-item"><dt class="kern-description-list-item__key">${key}</dt><dd class="kern-description-list-item__value"${id ? html` id="${id}"` : ''}>${value}</dd></div>`;

/** `YYYY-MM-DD` as the locale writes a date, without time zones in the way. */
function birthDate(l: Locale, iso: string): string {
  const [y, m, d] = iso.split('-');
  if (!y || !m || !d) return iso;
  return l === 'de' ? `${d}.${m}.${y}` : `${y}-${m}-${d}`;
}

/** The submission page's section: who proved what, through whom, when; Schriftformersatz if so. */
export function identitySection(l: Locale, submission: Submission, label: ProviderLabel): SafeHtml {
  const identity = submission.submittedIdentity;
  const heading = html`<h2 class="kern-heading-medium" id="identitaet">${t(l, 'staff.identity.heading')}</h2>`;
  if (!identity)
    return html`${heading}<p class="kern-body" id="identity-none">${t(l, 'staff.identity.none')}</p>`;
  const a = identity.attributes;
  const name = [a?.givenName, a?.familyName].filter(Boolean).join(' ');
  const address = [a?.street, [a?.postcode, a?.city].filter(Boolean).join(' '), a?.country]
    .filter(Boolean)
    .join(', ');
  return html`${heading}
<dl class="kern-description-list" aria-labelledby="identitaet">
  ${submission.schriftformersatz ? fact(t(l, 'staff.identity.schriftformersatz'), t(l, 'staff.identity.schriftformersatz.yes', { basis: SCHRIFTFORMERSATZ_BASIS }), 'identity-sfe') : ''}
  ${fact(t(l, 'staff.identity.level'), t(l, `level.${identity.level}`), 'identity-level')}
  ${fact(t(l, 'staff.identity.provider'), providerName(l, label, identity.provider), 'identity-provider')}
  ${fact(t(l, 'staff.identity.loggedInAt'), formatDateTime(l, identity.loggedInAt))}
  ${name ? fact(t(l, 'staff.identity.name'), name, 'identity-name') : ''}
  ${a?.organization ? fact(t(l, 'staff.identity.organization'), a.organization) : ''}
  ${a?.birthDate ? fact(t(l, 'staff.identity.birthDate'), birthDate(l, a.birthDate)) : ''}
  ${address ? fact(t(l, 'staff.identity.address'), address) : ''}
  ${fact(t(l, 'staff.identity.subject'), identity.subject, 'identity-subject')}
</dl>`;
}

/** The inbox's cell: level and provider, and a Schriftformersatz marker; no personal data. */
export function identityCell(l: Locale, summary: SubmissionSummary, label: ProviderLabel): SafeHtml {
  const mark = summary.identity;
  const text = mark
    ? t(l, 'staff.inbox.identity', {
        level: t(l, `level.${mark.level}`),
        provider: providerName(l, label, mark.provider),
      })
    : t(l, 'staff.inbox.identityNone');
  return html`<td class="kern-table__cell" data-identity="${mark?.level ?? 'none'}">${text}${
    summary.schriftformersatz
      ? html` <span class="kern-badge kern-badge--info kern-badge--small" data-sfe="1"><span class="kern-label">${t(l, 'staff.inbox.sfe')}</span></span>`
      : ''
  }</td>`;
}
