/**
 * The built-in mail sink (ADR 0034): mails are stored in the database instead of sent, and shown to
 * the municipality's admin on "Postausgang / Gesendete E-Mails". The demo uses it, so the whole
 * demo works offline, and so does an installation without `AMTSWEG_SMTP_URL`, so that nothing is
 * lost while no server is configured. Attachments are kept as name, type, size and SHA-256.
 */
import { createHash } from 'node:crypto';
import type { Clock, Mailer, Store } from '../../../core/ports.ts';

export function createSinkMailer(deps: {
  store: Pick<Store, 'sentMails'>;
  clock: Clock;
  newId(): string;
  from: string;
}): Mailer {
  return {
    async send(mail) {
      await deps.store.sentMails.add({
        id: deps.newId(),
        tenantId: mail.tenantId,
        sentAt: deps.clock.now().toISOString(),
        from: deps.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        attachments: mail.attachments.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          size: a.content.byteLength,
          sha256: createHash('sha256').update(a.content).digest('hex'),
        })),
      });
    },
  };
}
