/**
 * The confirmation e-mail to the applicant (ADR 0041), in German and then English, from a
 * catalogue the compiler checks (both languages, the same keys). It says which application arrived
 * when, under which reference, and carries the sealed receipt (Eingangsbestätigung) when the
 * municipality issues receipts. It repeats none of the answers: the receipt holds them, sealed.
 */
import { type Locale, localize } from '../../definition/types.ts';
import type { DeliveryDocument } from '../domain.ts';
import type { EmailMessage } from './email-message.ts';
import type { Delivery } from './payload.ts';

const de = {
  subject: 'Ihr Antrag ist eingegangen: {service} ({reference})',
  intro: 'Guten Tag,\n\nIhr Antrag „{service}“ bei {municipality} ist eingegangen.',
  reference: 'Aktenzeichen: {reference}',
  received: 'Eingegangen am: {at}',
  receipt:
    'Die elektronisch versiegelte Eingangsbestätigung (PDF) ist angehängt. Bewahren Sie sie auf: Sie belegt, was Sie wann eingereicht haben.',
  noReceipt: 'Bitte geben Sie das Aktenzeichen an, wenn Sie sich zu Ihrem Antrag melden.',
  automatic: 'Diese E-Mail wurde automatisch versandt. Bitte antworten Sie nicht darauf.',
} as const;

const en: { readonly [K in keyof typeof de]: string } = {
  subject: 'Your application was received: {service} ({reference})',
  intro: 'Hello,\n\nyour application “{service}” to {municipality} was received.',
  reference: 'Reference: {reference}',
  received: 'Received: {at}',
  receipt:
    'The electronically sealed confirmation of receipt (PDF) is attached. Keep it: it proves what you submitted and when.',
  noReceipt: 'Please give the reference when you contact the office about your application.',
  automatic: 'This e-mail was sent automatically. Please do not reply to it.',
};

const TEXTS: Record<Locale, { readonly [K in keyof typeof de]: string }> = { de, en };

function text(locale: Locale, key: keyof typeof de, values: Record<string, string | number>): string {
  return TEXTS[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

const dateTime: Record<Locale, Intl.DateTimeFormat> = {
  de: new Intl.DateTimeFormat('de-DE', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Berlin' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Berlin' }),
};

export function confirmationMessage(delivery: Delivery): EmailMessage {
  const receipts: DeliveryDocument[] = delivery.documents.filter((d) => d.contentType === 'application/pdf');
  const body = (locale: Locale) => {
    const values = {
      service: localize(delivery.service.title, locale),
      municipality: localize(delivery.tenant.name, locale),
      reference: delivery.submission.reference,
      at: dateTime[locale].format(new Date(delivery.submission.submittedAt)),
    };
    return [
      text(locale, 'intro', values),
      '',
      text(locale, 'reference', values),
      text(locale, 'received', values),
      '',
      text(locale, receipts.length > 0 ? 'receipt' : 'noReceipt', values),
      '',
      text(locale, 'automatic', values),
    ].join('\n');
  };
  return {
    subject: text('de', 'subject', {
      reference: delivery.submission.reference,
      service: localize(delivery.service.title, 'de'),
    }),
    text: `${body('de')}\n\n-- English --\n\n${body('en')}\n`,
    attachments: receipts,
  };
}
