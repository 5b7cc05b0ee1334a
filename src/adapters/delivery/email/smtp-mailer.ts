/**
 * Mail through the operator's SMTP server (`nodemailer`), configured by environment
 * (`AMTSWEG_SMTP_URL`, `AMTSWEG_SMTP_PASSWORD`, `AMTSWEG_MAIL_FROM`; docs/operator/README.md).
 * An SMTP reply 5xx (the recipient refused, authentication failed) is permanent; a 4xx reply and
 * the connection failing are worth another attempt.
 */
import nodemailer from 'nodemailer';
import { DeliveryFailed } from '../../../core/errors.ts';
import type { Mailer } from '../../../core/ports.ts';

export interface SmtpOptions {
  /** `smtp://user@host:587` (STARTTLS when offered) or `smtps://user@host:465`. */
  url: string;
  /** Kept out of the URL so that it need not appear in a process list or a log of the URL. */
  password?: string | undefined;
  from: string;
  /** For tests against a local server with a self-signed certificate. */
  allowUnauthorizedTls?: boolean;
  timeoutMs?: number;
}

/** Whether a failed send is worth another attempt (SMTP reply code, or no reply at all). */
export function retryableSmtpError(error: unknown): boolean {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' ? code < 500 : true;
}

export function createSmtpMailer(options: SmtpOptions): Mailer & { close(): void } {
  const url = new URL(options.url);
  const timeout = options.timeoutMs ?? 30_000;
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
    secure: url.protocol === 'smtps:',
    ...(url.username && {
      auth: {
        user: decodeURIComponent(url.username),
        pass: options.password ?? decodeURIComponent(url.password),
      },
    }),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    ...(options.allowUnauthorizedTls && { tls: { rejectUnauthorized: false } }),
  });
  return {
    async send(mail) {
      try {
        await transport.sendMail({
          from: options.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          ...(mail.headers && { headers: mail.headers }),
          attachments: mail.attachments.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: Buffer.from(a.content),
          })),
        });
      } catch (error) {
        const reply = (error as { responseCode?: number }).responseCode;
        const what = reply ? `SMTP ${reply}` : ((error as { code?: string }).code ?? 'connection failed');
        throw new DeliveryFailed(`mail to ${mail.to}: ${what}`, retryableSmtpError(error), { cause: error });
      }
    },
    close: () => transport.close(),
  };
}
