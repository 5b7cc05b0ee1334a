/**
 * The Verwaltung's page of the network with other installations (ADR 0054): this installation's
 * feed address and key thumbprint (to give to others), the feeds it subscribes to with the keys it
 * trusts and the last synchronisation's report — every refused entry with its reason — and, for the
 * federation municipality's admins, "Jetzt synchronisieren", ending a subscription and the form
 * that subscribes to a feed.
 */
import { FETCH_FAILURES, type Refusal, type SyncReport } from '../../core/federation/records.ts';
import type { SubscribeProblem, SubscriptionView } from '../../core/federation/subscriptions.ts';
import type { Locale } from '../../definition/types.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import { formatDateTime, type MessageKey, t } from '../i18n.ts';
import { submitButton, textInput } from './admin-form.ts';
import { type AdminFrame, adminShell } from './admin-layout.ts';
import { csrfField, errorSummary, notice } from './layout.ts';
import type { StaffPage } from './staff.ts';

export const FEDERATION_PATH = '/staff/admin/verbund';

export interface FederationPageInput {
  own: { name: string; operator: string; feed: string; kid: string };
  subscriptions: readonly SubscriptionView[];
  mayManage: boolean;
  values?: { feed: string; kid: string };
  problem?: { problem: SubscribeProblem; detail?: string | undefined } | undefined;
  done?: 'subscribed' | 'synced' | 'unsubscribed' | undefined;
}

const FETCH_PROBLEMS = new Set<string>(FETCH_FAILURES);

function failureText(l: Locale, failure: string, detail?: string): string {
  const text = t(l, `federation.failure.${failure}` as MessageKey);
  return failure === 'status' && detail ? `${text} (HTTP ${detail})` : text;
}

function problemText(l: Locale, p: NonNullable<FederationPageInput['problem']>): string {
  if (FETCH_PROBLEMS.has(p.problem))
    return t(l, 'federation.problem.fetch', { reason: failureText(l, p.problem, p.detail) });
  return t(l, `federation.problem.${p.problem}` as MessageKey);
}

function refusalText(l: Locale, r: Refusal): string {
  const where = [
    r.seq === null ? undefined : t(l, 'federation.refusal.entry', { seq: r.seq }),
    r.service
      ? t(l, 'federation.refusal.service', { service: r.service, version: r.version ?? '?' })
      : undefined,
  ].filter(Boolean);
  return `${where.join(', ')}: ${t(l, `federation.refusal.${r.reason}` as MessageKey, { kid: r.kid ?? '' })}`;
}

function reportHtml(l: Locale, report: SyncReport | null): SafeHtml | string {
  if (report === null) return t(l, 'federation.status.new');
  if (report.kind === 'ok')
    return t(l, 'federation.status.ok', { imported: report.imported, keys: report.keysFollowed });
  if (report.kind === 'failed')
    return html`<strong>${t(l, 'federation.status.failed', { reason: failureText(l, report.failure, report.detail) })}</strong>`;
  return html`<strong>${t(l, 'federation.status.refused')}</strong>
<ul class="kern-list">${report.refusals.map((r) => html`<li>${refusalText(l, r)}</li>`)}</ul>`;
}

export function federationPage(p: StaffPage, frame: AdminFrame, input: FederationPageInput): string {
  const l = p.locale;
  const title = t(l, 'federation.title');
  const values = input.values ?? { feed: '', kid: '' };
  const problem = input.problem && problemText(l, input.problem);
  const field =
    input.problem?.problem === 'kid-invalid' || input.problem?.problem === 'key-not-published'
      ? 'field-kid'
      : 'field-feed';
  const row = (key: MessageKey, value: SafeHtml | string, id?: string) =>
    html`<div class="kern-description-list-item"><dt class="kern-description-list-item__key">${t(l, key)}</dt><dd class="kern-description-list-item__value"${id ? html` id="${id}"` : ''}>${value}</dd></div>`;
  const rows = input.subscriptions.map(
    (s) => html`<tr class="kern-table__row">
    <td class="kern-table__cell">${s.name}${s.operator ? html`<br> <span class="kern-hint">${s.operator}</span>` : ''}<br> <code class="aw-break">${s.feedUrl}</code></td>
    <td class="kern-table__cell"><ul class="kern-list">${s.keys.map(
      (k) =>
        html`<li><code class="aw-break">${k.retiredAt ? t(l, 'federation.keyRetired', { kid: k.kid, at: formatDateTime(l, k.retiredAt) }) : k.kid}</code></li>`,
    )}</ul></td>
    <td class="kern-table__cell">${s.lastSyncAt ? formatDateTime(l, s.lastSyncAt) : t(l, 'federation.never')}</td>
    <td class="kern-table__cell">${reportHtml(l, s.report)}</td>
    ${
      input.mayManage
        ? html`<td class="kern-table__cell"><form method="post" action="${FEDERATION_PATH}/${s.id}/synchronisieren">
      ${csrfField(frame.csrf)}
      <div class="aw-actions"><button type="submit" class="kern-btn kern-btn--secondary"><span class="kern-label">${t(l, 'federation.sync')}<span class="kern-sr-only"> ${t(l, 'federation.forInstallation', { name: s.name })}</span></span></button></div>
    </form>
    <form method="post" action="${FEDERATION_PATH}/${s.id}/beenden">
      ${csrfField(frame.csrf)}
      <div class="aw-actions"><button type="submit" class="kern-btn kern-btn--tertiary"><span class="kern-label">${t(l, 'federation.unsubscribe')}<span class="kern-sr-only"> ${t(l, 'federation.forInstallation', { name: s.name })}</span></span></button></div>
    </form></td>`
        : ''
    }
  </tr>`,
  );
  return adminShell(
    p,
    frame,
    'federation',
    title,
    html`${input.done ? notice('success', t(l, `federation.done.${input.done}`)) : ''}
<h1 class="kern-heading-large">${title}</h1>
<p class="kern-body">${t(l, 'federation.intro')}</p>
<p class="kern-body" id="was-reist">${t(l, 'federation.travels')}</p>
<h2 class="kern-heading-medium">${t(l, 'federation.own.heading')}</h2>
<dl class="kern-description-list">
  ${row('federation.own.name', input.own.name)}
  ${row('federation.own.operator', input.own.operator || '–')}
  ${row('federation.own.feed', html`<code class="aw-break">${input.own.feed}</code>`, 'eigener-feed')}
  ${row('federation.own.key', html`<code class="aw-break">${input.own.kid}</code>`, 'eigener-schluessel')}
</dl>
<p class="kern-body">${t(l, 'federation.own.hint')}</p>
<h2 class="kern-heading-medium" id="abonnements">${t(l, 'federation.list.heading')}</h2>
${
  input.subscriptions.length === 0
    ? html`<p class="kern-body">${t(l, 'federation.list.empty')}</p>`
    : html`<div class="kern-table-responsive"><table class="kern-table kern-table--small">
  <caption class="kern-sr-only">${t(l, 'federation.list.caption')}</caption>
  <thead class="kern-table__header"><tr class="kern-table__row">
    <th scope="col" class="kern-table__header">${t(l, 'federation.col.installation')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'federation.col.keys')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'federation.col.lastSync')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'federation.col.status')}</th>
    ${input.mayManage ? html`<th scope="col" class="kern-table__header">${t(l, 'federation.col.action')}</th>` : ''}
  </tr></thead>
  <tbody class="kern-table__body">${rows}</tbody>
</table></div>`
}
${
  input.mayManage
    ? html`<h2 class="kern-heading-medium">${t(l, 'federation.new.heading')}</h2>
<form method="post" action="${FEDERATION_PATH}" novalidate class="aw-stack">
  ${csrfField(frame.csrf)}
  ${textInput(l, {
    id: 'field-feed',
    name: 'feed',
    type: 'url',
    value: values.feed,
    autocomplete: 'off',
    label: t(l, 'federation.field.feed'),
    hint: t(l, 'federation.field.feed.hint'),
    error: field === 'field-feed' ? problem : undefined,
  })}
  ${textInput(l, {
    id: 'field-kid',
    name: 'schluessel',
    value: values.kid,
    autocomplete: 'off',
    label: t(l, 'federation.field.kid'),
    hint: t(l, 'federation.field.kid.hint'),
    error: field === 'field-kid' ? problem : undefined,
  })}
  ${submitButton(t(l, 'federation.subscribe'))}
</form>`
    : html`<p class="kern-body">${t(l, 'federation.managedBy')}</p>`
}`,
    problem ? errorSummary(l, [{ href: `#${field}`, text: problem }]) : undefined,
  );
}
