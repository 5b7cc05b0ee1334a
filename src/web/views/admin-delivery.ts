/**
 * Verwaltung pages of delivery (ADR 0034): "Zustellung" lists the deliveries that failed and were
 * not delivered since, with their error and "Erneut senden"; "Postausgang" shows the mails the
 * built-in sink kept instead of sending (the demo's mailbox, and any installation's without SMTP).
 */
import type { DeliveryProblem, OutboxChannel, SentMail } from '../../core/domain.ts';
import type { Page } from '../../core/ports.ts';
import { html } from '../../lib/html.ts';
import { formatDateTime, type MessageKey, t } from '../i18n.ts';
import { submitButton } from './admin-form.ts';
import { type AdminFrame, adminShell } from './admin-layout.ts';
import { csrfField, notice } from './layout.ts';
import type { StaffPage } from './staff.ts';

/** Each outbox channel's name on the page (a table, so a new channel cannot go unnamed). */
const CHANNEL_LABELS: Record<OutboxChannel, MessageKey> = {
  email: 'admin.delivery.channel.email',
  webhook: 'admin.delivery.channel.webhook',
  confirmation: 'admin.delivery.channel.confirmation',
  'fit-connect': 'admin.delivery.channel.fit-connect',
};

export function deliveryProblemsPage(
  p: StaffPage,
  frame: AdminFrame,
  input: { problems: readonly DeliveryProblem[]; resent: boolean; usesSink: boolean },
): string {
  const l = p.locale;
  const title = t(l, 'admin.delivery.title');
  const rows = input.problems.map(
    (d) => html`<tr class="kern-table__row">
    <td class="kern-table__cell">${d.reference}</td>
    <td class="kern-table__cell">${t(l, CHANNEL_LABELS[d.channel])}</td>
    <td class="kern-table__cell">${t(l, d.state === 'dead' ? 'admin.delivery.state.dead' : 'admin.delivery.state.retrying', { at: formatDateTime(l, d.nextAttemptAt) })}</td>
    <td class="kern-table__cell">${d.attempts}</td>
    <td class="kern-table__cell"><span class="aw-break">${d.lastError ?? ''}</span><br><span class="kern-body kern-body--small">${d.lastErrorAt ? formatDateTime(l, d.lastErrorAt) : ''}</span></td>
    <td class="kern-table__cell"><form method="post" action="/staff/admin/zustellung/${d.id}/erneut-senden">
      ${csrfField(frame.csrf)}
      ${submitButton(t(l, 'admin.delivery.resend', { reference: d.reference, channel: t(l, CHANNEL_LABELS[d.channel]) }), 'secondary')}
    </form></td>
  </tr>`,
  );
  return adminShell(
    p,
    frame,
    'delivery',
    title,
    html`${input.resent ? notice('success', t(l, 'admin.delivery.resent')) : ''}
<h1 class="kern-heading-large">${title}</h1>
<p class="kern-body">${t(l, 'admin.delivery.intro')}</p>
${input.usesSink ? html`<p class="kern-body"><a class="kern-link" href="/staff/admin/postausgang">${t(l, 'admin.delivery.sinkLink')}</a></p>` : ''}
${
  input.problems.length === 0
    ? html`<p class="kern-body">${t(l, 'admin.delivery.empty')}</p>`
    : html`<div class="kern-table-responsive"><table class="kern-table">
  <caption class="kern-sr-only">${t(l, 'admin.delivery.caption')}</caption>
  <thead class="kern-table__header"><tr class="kern-table__row">
    <th scope="col" class="kern-table__header">${t(l, 'admin.delivery.col.reference')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'admin.delivery.col.channel')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'admin.delivery.col.state')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'admin.delivery.col.attempts')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'admin.delivery.col.error')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'admin.delivery.col.action')}</th>
  </tr></thead>
  <tbody class="kern-table__body">${rows}</tbody>
</table></div>`
}`,
  );
}

type MailSummary = Omit<SentMail, 'text' | 'attachments' | 'from'>;

export function sentMailsPage(p: StaffPage, frame: AdminFrame, page: Page<MailSummary>): string {
  const l = p.locale;
  const title = t(l, 'admin.outbox.title');
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  return adminShell(
    p,
    frame,
    'outbox',
    title,
    html`<h1 class="kern-heading-large">${title}</h1>
<p class="kern-body">${t(l, 'admin.outbox.intro')}</p>
${
  page.items.length === 0
    ? html`<p class="kern-body">${t(l, 'admin.outbox.empty')}</p>`
    : html`<div class="kern-table-responsive"><table class="kern-table">
  <caption class="kern-sr-only">${t(l, 'admin.outbox.caption')}</caption>
  <thead class="kern-table__header"><tr class="kern-table__row">
    <th scope="col" class="kern-table__header">${t(l, 'admin.outbox.col.sentAt')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'admin.outbox.col.to')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'admin.outbox.col.subject')}</th>
  </tr></thead>
  <tbody class="kern-table__body">${page.items.map(
    (m) => html`<tr class="kern-table__row">
    <td class="kern-table__cell">${formatDateTime(l, m.sentAt)}</td>
    <td class="kern-table__cell">${m.to}</td>
    <td class="kern-table__cell"><a class="kern-link" href="/staff/admin/postausgang/${m.id}">${m.subject}</a></td>
  </tr>`,
  )}</tbody>
</table></div>
${
  pages > 1
    ? html`<nav aria-label="${t(l, 'admin.outbox.pages')}"><ul class="aw-inline-list">${
        page.page > 1
          ? html`<li><a class="kern-link" href="/staff/admin/postausgang?seite=${page.page - 1}">${t(l, 'admin.outbox.newer')}</a></li>`
          : ''
      }<li>${t(l, 'admin.outbox.pageOf', { page: page.page, pages })}</li>${
        page.page < pages
          ? html`<li><a class="kern-link" href="/staff/admin/postausgang?seite=${page.page + 1}">${t(l, 'admin.outbox.older')}</a></li>`
          : ''
      }</ul></nav>`
    : ''
}`
}`,
  );
}

export function sentMailPage(p: StaffPage, frame: AdminFrame, mail: SentMail): string {
  const l = p.locale;
  return adminShell(
    p,
    frame,
    'outbox',
    mail.subject,
    html`<a class="kern-link" href="/staff/admin/postausgang">${t(l, 'admin.outbox.back')}</a>
<h1 class="kern-heading-large">${mail.subject}</h1>
<dl class="kern-description-list">
  <div class="kern-description-list-item"><dt class="kern-description-list-item__key">${t(l, 'admin.outbox.from')}</dt><dd class="kern-description-list-item__value">${mail.from}</dd></div>
  <div class="kern-description-list-item"><dt class="kern-description-list-item__key">${t(l, 'admin.outbox.col.to')}</dt><dd class="kern-description-list-item__value">${mail.to}</dd></div>
  <div class="kern-description-list-item"><dt class="kern-description-list-item__key">${t(l, 'admin.outbox.col.sentAt')}</dt><dd class="kern-description-list-item__value">${formatDateTime(l, mail.sentAt)}</dd></div>
</dl>
<h2 class="kern-heading-medium">${t(l, 'admin.outbox.text')}</h2>
<pre class="aw-mail-text">${mail.text}</pre>
<h2 class="kern-heading-medium">${t(l, 'admin.outbox.attachments')}</h2>
${
  mail.attachments.length === 0
    ? html`<p class="kern-body">${t(l, 'admin.outbox.noAttachments')}</p>`
    : html`<ul class="kern-list">${mail.attachments.map(
        (a) =>
          html`<li>${a.filename} (${a.contentType}, ${t(l, 'admin.outbox.bytes', { size: a.size })}), SHA-256 <code class="aw-break">${a.sha256}</code></li>`,
      )}</ul>`
}`,
  );
}
