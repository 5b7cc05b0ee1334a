/**
 * The e-mail to the responsible office (ADR 0034), in German and then English, from a catalogue the
 * compiler checks (both languages, the same keys). Without data it says only which service received
 * an application, its reference and where a caseworker opens it: nothing personal travels by
 * unencrypted e-mail unless the municipality chose `withData`. With data it attaches the delivery's
 * JSON and the documents that go with it (the sealed receipt, where the municipality has one).
 */
import { type Locale, localize } from '../../definition/types.ts';
import type { DeliveryDocument } from '../domain.ts';
import { type Delivery, deliveryJson } from './payload.ts';

const de = {
  subject: 'Neuer Antrag {reference}: {service}',
  intro: 'Für die Leistung „{service}“ (Version {version}) ist ein Antrag eingegangen.',
  reference: 'Aktenzeichen: {reference}',
  received: 'Eingegangen am: {at}',
  open: 'Im Posteingang öffnen: {url}',
  attached: 'Die Antragsdaten sind als maschinenlesbare JSON-Datei angehängt.',
  receiptAttached: 'Die elektronisch versiegelte Eingangsbestätigung (PDF) ist angehängt.',
  notAttached: 'Diese E-Mail enthält keine Antragsdaten; Sie finden sie im Posteingang.',
  key: 'Zustellkennung (für Fachverfahren): {key}',
} as const;

const en: { readonly [K in keyof typeof de]: string } = {
  subject: 'New application {reference}: {service}',
  intro: 'An application was received for the service “{service}” (version {version}).',
  reference: 'Reference: {reference}',
  received: 'Received: {at}',
  open: 'Open it in the inbox: {url}',
  attached: 'The application data is attached as a machine-readable JSON file.',
  receiptAttached: 'The electronically sealed receipt (PDF) is attached.',
  notAttached: 'This e-mail holds no application data; you find it in the inbox.',
  key: 'Delivery key (for specialist systems): {key}',
};

const TEXTS: Record<Locale, { readonly [K in keyof typeof de]: string }> = { de, en };

function text(locale: Locale, key: keyof typeof de, values: Record<string, string | number>): string {
  return TEXTS[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

const dateTime: Record<Locale, Intl.DateTimeFormat> = {
  de: new Intl.DateTimeFormat('de-DE', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Berlin' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Berlin' }),
};

export interface EmailMessage {
  subject: string;
  text: string;
  attachments: DeliveryDocument[];
}

export function emailMessage(delivery: Delivery, withData: boolean): EmailMessage {
  const body = (locale: Locale) => {
    const values = {
      service: localize(delivery.service.title, locale),
      version: delivery.service.version,
      reference: delivery.submission.reference,
      at: dateTime[locale].format(new Date(delivery.submission.submittedAt)),
      url: delivery.staffUrl,
      key: delivery.idempotencyKey,
    };
    return [
      text(locale, 'intro', values),
      '',
      text(locale, 'reference', values),
      text(locale, 'received', values),
      text(locale, 'open', values),
      '',
      text(locale, withData ? 'attached' : 'notAttached', values),
      ...(withData && delivery.documents.length > 0 ? [text(locale, 'receiptAttached', values)] : []),
      text(locale, 'key', values),
    ].join('\n');
  };
  const attachments: DeliveryDocument[] = withData
    ? [
        {
          filename: `antrag-${delivery.submission.reference}.json`,
          contentType: 'application/json',
          content: new TextEncoder().encode(deliveryJson(delivery)),
        },
        ...delivery.documents,
      ]
    : [];
  return {
    subject: text('de', 'subject', {
      reference: delivery.submission.reference,
      service: localize(delivery.service.title, 'de'),
    }),
    text: `${body('de')}\n\n-- English --\n\n${body('en')}\n`,
    attachments,
  };
}
