/**
 * The receipt's own words, German first and English second (the document is issued in the
 * citizen's language). A catalogue like the engine's: every text is `Translated`, so the compiler
 * refuses one without its English. Labels and values of answers come from the engine's summary.
 */
import type { Locale } from '../../definition/types.ts';
import type { Translated } from '../../engine/texts.ts';

const TEXTS = {
  title: { de: 'Eingangsbestätigung', en: 'Confirmation of receipt' },
  intro: {
    de: 'Ihr Antrag ist bei {municipality} eingegangen. Diese Bestätigung nennt alles, was Sie übermittelt haben.',
    en: 'Your application has been received by {municipality}. This confirmation lists everything you submitted.',
  },
  demoNotice: {
    de: 'Demo-Siegel: Dieses Dokument ist mit einem selbst erzeugten Demonstrationszertifikat versiegelt. Es ist kein amtliches Dokument.',
    en: 'Demo seal: this document is sealed with a self-generated demonstration certificate. It is not an official document.',
  },
  facts: { de: 'Angaben zum Antrag', en: 'About the application' },
  reference: { de: 'Vorgangsnummer', en: 'Reference number' },
  submittedAt: { de: 'Eingegangen am', en: 'Received on' },
  municipality: { de: 'Kommune', en: 'Municipality' },
  ags: { de: 'Amtlicher Gemeindeschlüssel', en: 'Official municipality key (AGS)' },
  office: { de: 'Zuständige Stelle', en: 'Responsible office' },
  service: { de: 'Leistung', en: 'Service' },
  version: { de: 'Version des Formulars', en: 'Form version' },
  leika: { de: 'LeiKa-Schlüssel', en: 'LeiKa key' },
  identityLevel: { de: 'Vertrauensniveau der Identifizierung', en: 'Identity assurance level' },
  identityProvider: { de: 'Identitätsanbieter', en: 'Identity provider' },
  identityLoggedInAt: { de: 'Angemeldet am', en: 'Logged in on' },
  schriftformersatz: {
    de: 'Schriftformersatz: Dieser Antrag wurde nach § 3a Abs. 2 VwVfG und § 9a OZG elektronisch anstelle der Schriftform eingereicht. Die Anmeldung mit dem genannten Vertrauensniveau ersetzt die eigenhändige Unterschrift.',
    en: 'Schriftformersatz: this application was submitted electronically in place of the written form under § 3a (2) VwVfG and § 9a OZG. The login at the level named replaces the handwritten signature.',
  },
  fee: { de: 'Gebühr', en: 'Fee' },
  answers: { de: 'Ihre Angaben', en: 'Your answers' },
  question: { de: 'Frage', en: 'Question' },
  answer: { de: 'Antwort', en: 'Answer' },
  computed: { de: 'Berechnete Angaben', en: 'Calculated information' },
  attachments: { de: 'Anlagen', en: 'Attachments' },
  noAttachments: { de: 'Keine Anlagen.', en: 'No attachments.' },
  file: { de: 'Datei', en: 'File' },
  sha256: { de: 'SHA-256', en: 'SHA-256' },
  bytes: { de: '{size} Bytes', en: '{size} bytes' },
  dataHash: { de: 'Prüfsumme der übermittelten Daten', en: 'Checksum of the submitted data' },
  dataHashExplained: {
    de: 'SHA-256 über die Bytes (UTF-8) des kanonischen JSON (RFC 8785) der gespeicherten Antworten. Die Behörde kann ihn aus den Daten neu berechnen und vergleichen.',
    en: 'SHA-256 of the bytes (UTF-8) of the canonical JSON (RFC 8785) of the answers as stored. The authority can recompute it from the data and compare.',
  },
  seal: { de: 'Elektronisches Siegel', en: 'Electronic seal' },
  sealExplained: {
    de: 'Dieses Dokument ist mit dem Siegelzertifikat von {municipality} elektronisch versiegelt. Jede nachträgliche Änderung macht das Siegel ungültig; prüfen lässt es sich zum Beispiel mit Adobe Acrobat Reader oder pdfsig.',
    en: 'This document is sealed electronically with the seal certificate of {municipality}. Any later change invalidates the seal; it can be checked, for example, with Adobe Acrobat Reader or pdfsig.',
  },
  page: {
    de: 'Vorgangsnummer {reference} – Seite {page} von {pages}',
    en: 'Reference {reference} – page {page} of {pages}',
  },
  sealReason: { de: 'Eingangsbestätigung {reference}', en: 'Confirmation of receipt {reference}' },
} as const satisfies Record<string, Translated>;

export type ReceiptTextKey = keyof typeof TEXTS;

/** The text in `locale`, with `{name}` placeholders filled in. */
export function receiptText(
  locale: Locale,
  key: ReceiptTextKey,
  values: Readonly<Record<string, string | number>> = {},
): string {
  return TEXTS[key][locale].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
