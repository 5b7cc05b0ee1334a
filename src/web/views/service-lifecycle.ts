/**
 * A published service in the Service-Design area: online or offline, its versions, and what a
 * designer can do with it — take it offline and back, publish an earlier version's content again
 * (as a new upload, so it is checked and confirmed like any other), delete it while no application
 * has been received.
 */
import type { Provenance } from '../../core/catalog-copies.ts';
import type { StaffSession } from '../../core/domain.ts';
import type { ServiceOverview } from '../../core/service-lifecycle.ts';
import { type Locale, localize } from '../../definition/types.ts';
import { html } from '../../lib/html.ts';
import { formatDateTime, type MessageKey, t } from '../i18n.ts';
import { selectInput, submitButton, textInput } from './admin-form.ts';
import { provenanceSection } from './catalog-upstream.ts';
import { csrfField, errorSummary, notice } from './layout.ts';
import { entryPath, offerPath } from './network-catalog.ts';
import { packageLink } from './service-package.ts';
import { type StaffPage, signedInHeader, staffShell } from './staff.ts';

export interface ServicePageInput {
  session: StaffSession;
  csrf: string;
  overview: ServiceOverview;
  /** A notice after a change (its catalogue key). */
  done?: MessageKey | undefined;
  /** Why deleting was refused. */
  deleteError?: 'mismatch' | 'has-submissions' | undefined;
  deleteTyped?: string;
  /** Where the service came from, when it is a copy from the catalog. */
  provenance?: Provenance | undefined;
}

/** The origin's version a copy's version is based on (copied or merged), "–" before migration 0034. */
function upstreamOf(l: Locale, provenance: Provenance, versionId: string): string {
  const version = provenance.basedOn.get(versionId);
  return version === undefined
    ? '–'
    : t(l, 'history.upstream', { provider: provenance.origin.attribution, version });
}

export function servicePage(p: StaffPage, input: ServicePageInput): string {
  const l = p.locale;
  const { live, history, submissions, tenant, publishers } = input.overview;
  const slug = live.slug;
  const base = `/staff/design/leistungen/${slug}`;
  const title = t(l, 'lifecycle.title', { title: localize(live.definition.title, l) });
  const offline = Boolean(live.withdrawnAt);
  const row = (key: MessageKey, value: unknown, id?: string) =>
    html`<div class="kern-description-list-item"><dt class="kern-description-list-item__key">${t(l, key)}</dt><dd class="kern-description-list-item__value"${id ? html` id="${id}"` : ''}>${value as string}</dd></div>`;
  const deleteError =
    input.deleteError === 'mismatch'
      ? t(l, 'lifecycle.delete.mismatch', { slug })
      : input.deleteError === 'has-submissions'
        ? t(l, 'lifecycle.delete.hasSubmissions')
        : undefined;
  const versionChoices = history.map((v) => ({ value: String(v.version), label: String(v.version) }));
  const main = html`<a class="kern-link" href="/staff/design">${t(l, 'lifecycle.back')}</a>
${deleteError ? errorSummary(l, [{ href: '#loeschen-kennung', text: deleteError }]) : ''}
${input.done ? notice('success', t(l, input.done, { slug })) : ''}
<h1 class="kern-heading-large">${title}</h1>
<dl class="kern-description-list">
  ${row(
    'lifecycle.state',
    offline
      ? t(l, 'lifecycle.state.offline', { at: formatDateTime(l, live.withdrawnAt as string) })
      : t(l, 'lifecycle.state.online'),
    'service-state',
  )}
  ${row('lifecycle.live', offline ? String(live.version) : html`<a class="kern-link" href="/${tenant.slug}/${slug}">${String(live.version)}</a>`)}
  ${row('lifecycle.submissions', String(submissions), 'service-submissions')}
</dl>
${
  offline
    ? html`<h2 class="kern-heading-medium">${t(l, 'lifecycle.reinstate.heading')}</h2>
<p class="kern-body">${t(l, 'lifecycle.reinstate.intro')}</p>
<form method="post" action="${base}/online" novalidate>${csrfField(input.csrf)}${submitButton(t(l, 'lifecycle.reinstate.submit'))}</form>`
    : html`<h2 class="kern-heading-medium">${t(l, 'lifecycle.withdraw.heading')}</h2>
<p class="kern-body">${t(l, 'lifecycle.withdraw.intro')}</p>
<form method="post" action="${base}/offline" novalidate>${csrfField(input.csrf)}${submitButton(t(l, 'lifecycle.withdraw.submit'), 'secondary')}</form>`
}
${provenanceSection(l, slug, input.provenance, input.csrf)}
<h2 class="kern-heading-medium" id="katalog">${t(l, 'network.offer.heading')}</h2>
${
  input.overview.catalogEntry
    ? html`<p class="kern-body" id="catalog-state">${t(l, 'network.offer.offered', { at: formatDateTime(l, input.overview.catalogEntry.offeredAt) })} <a class="kern-link" href="${entryPath(input.overview.catalogEntry.id)}">${t(l, 'network.offer.view')}</a></p>
<p class="kern-body"><a class="kern-link" href="${offerPath(slug)}">${t(l, 'network.offer.change')}</a></p>`
    : html`<p class="kern-body">${t(l, 'network.offer.intro')}</p>
<p class="kern-body"><a class="kern-link" href="${offerPath(slug)}">${t(l, 'network.offer.link')}</a></p>`
}
<h2 class="kern-heading-medium">${t(l, 'lifecycle.history.heading')}</h2>
<p class="kern-body">${t(l, 'lifecycle.republish.intro')} ${t(l, 'package.export.intro')}</p>
<div class="kern-table-responsive"><table class="kern-table kern-table--small" id="versions">
  <caption class="kern-sr-only">${t(l, 'lifecycle.history.caption')}</caption>
  <thead class="kern-table__header"><tr class="kern-table__row">
    <th scope="col" class="kern-table__header">${t(l, 'lifecycle.history.colVersion')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'lifecycle.history.colTitle')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'lifecycle.history.colPublished')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'history.colBy')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'history.colMessage')}</th>
    ${input.provenance ? html`<th scope="col" class="kern-table__header">${t(l, 'history.colUpstream')}</th>` : ''}
    <th scope="col" class="kern-table__header">${t(l, 'lifecycle.history.colAction')}</th>
  </tr></thead>
  <tbody class="kern-table__body">${history.map(
    (v) => html`<tr class="kern-table__row">
    <td class="kern-table__cell">${v.version}</td>
    <td class="kern-table__cell">${localize(v.title, l)}</td>
    <td class="kern-table__cell">${formatDateTime(l, v.publishedAt)}</td>
    <td class="kern-table__cell">${(v.publishedBy && publishers.get(v.publishedBy)) ?? t(l, 'history.unknownPublisher')}</td>
    <td class="kern-table__cell aw-preline">${v.changeMessage ?? t(l, 'history.noMessage')}</td>
    ${input.provenance ? html`<td class="kern-table__cell">${upstreamOf(l, input.provenance, v.id)}</td>` : ''}
    <td class="kern-table__cell">${
      v.version === live.version
        ? t(l, 'lifecycle.history.current')
        : html`<form method="post" action="${base}/versionen/${v.version}/erneut" novalidate>${csrfField(input.csrf)}<button type="submit" class="kern-btn kern-btn--tertiary"><span class="kern-label">${t(l, 'lifecycle.republish.submit', { version: v.version })}</span></button></form>`
    } ${packageLink(l, slug, v.version)}</td>
  </tr>`,
  )}</tbody>
</table></div>
${
  history.length > 1
    ? html`<h3 class="kern-heading-small">${t(l, 'history.compare.heading')}</h3>
<form method="get" action="${base}/vergleich" novalidate>
  ${selectInput(l, { id: 'vergleich-von', name: 'von', value: String(history[1]!.version), choices: versionChoices, label: t(l, 'history.compare.from') })}
  ${selectInput(l, { id: 'vergleich-bis', name: 'bis', value: String(history[0]!.version), choices: versionChoices, label: t(l, 'history.compare.to') })}
  ${submitButton(t(l, 'history.compare.submit'), 'secondary')}
</form>`
    : ''
}
<h2 class="kern-heading-medium">${t(l, 'lifecycle.delete.heading')}</h2>
<p class="kern-body">${t(l, 'lifecycle.delete.intro')}</p>
${
  submissions > 0
    ? html`<p class="kern-body" id="delete-impossible">${t(l, 'lifecycle.delete.hasSubmissions')}</p>`
    : html`<form method="post" action="${base}/loeschen" novalidate>
  ${csrfField(input.csrf)}
  ${textInput(l, {
    id: 'loeschen-kennung',
    name: 'kennung',
    value: input.deleteTyped ?? '',
    label: t(l, 'lifecycle.delete.confirm', { slug }),
    error: deleteError,
  })}
  ${submitButton(t(l, 'lifecycle.delete.submit'), 'secondary')}
</form>`
}`;
  return staffShell(p, title, main, {
    area: 'designer',
    hasErrors: deleteError !== undefined,
    extra: signedInHeader(l, input.session, input.csrf, 'designer'),
  });
}
