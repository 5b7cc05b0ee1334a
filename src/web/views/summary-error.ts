import { type Locale, type LocalizedText, localize } from '../../definition/types.ts';

/**
 * A field's message as the error summary lists it: its question first, because there the message
 * stands apart from the question it is about (ADR 0029). "Seit wann halten Sie den Hund? Geben
 * Sie ein Datum ein"; a label that is not a sentence takes a colon: "Vorname: Geben Sie eine
 * Antwort ein". A message that names its place itself (an item of a repeating group) has no
 * question and is listed as it is.
 */
export function summaryText(
  error: { readonly message: LocalizedText; readonly question?: LocalizedText | undefined },
  locale: Locale,
): string {
  const message = localize(error.message, locale);
  if (!error.question) return message;
  const question = localize(error.question, locale).trim();
  return /[?!.:]$/.test(question) ? `${question} ${message}` : `${question}: ${message}`;
}
