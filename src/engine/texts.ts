/**
 * The engine's own texts, German first and English second: the words of the field views
 * (placeholders, buttons, headings, the parts of an address), of summaries, and how each language
 * writes numbers, dates and times. Texts of services come from their definitions.
 *
 * Every text is a `Translated`, whose languages are all required, and every catalogue is declared
 * with `satisfies`, so the compiler refuses a text without its English, as `web/i18n.ts` does for
 * the web layer. The same holds for the messages with values: `fields/messages.ts` (and the file
 * and group messages beside it) are `MessageCatalogue`s. No view decides a language with
 * a conditional on the locale; it looks its text up here.
 */
import type { Locale, LocalizedText } from '../definition/types.ts';

/**
 * A text in every language of the UI. Unlike a definition's `LocalizedText`, whose English falls
 * back to German, none may be missing.
 */
export type Translated = { readonly [L in Locale]: string };

/** Messages with values: whatever a factory takes, it gives every language. */
export type MessageCatalogue = { readonly [name: string]: (...args: never[]) => Translated };

const TEXTS = {
  'field.errorPrefix': { de: 'Fehler:', en: 'Error:' },
  'answer.yes': { de: 'Ja', en: 'Yes' },
  'answer.no': { de: 'Nein', en: 'No' },
  'answer.notProvided': { de: 'Keine Angabe', en: 'Not provided' },
  'choice.placeholder': { de: 'Bitte auswählen', en: 'Please select' },
  'choice.matches': { de: 'Passende Einträge', en: 'Matching entries' },
  'date.day': { de: 'Tag', en: 'Day' },
  'date.month': { de: 'Monat', en: 'Month' },
  'date.year': { de: 'Jahr', en: 'Year' },
  'declaration.confirmed': { de: 'Bestätigt', en: 'Confirmed' },
  'warning.title': { de: 'Wichtiger Hinweis', en: 'Important' },
  'group.none': { de: 'Noch keine Einträge.', en: 'No entries yet.' },
  'file.uploaded': { de: 'Hochgeladene Dateien', en: 'Uploaded files' },
  'file.remove': { de: 'Datei entfernen', en: 'Remove file' },
  'file.upload': { de: 'Datei hochladen', en: 'Upload file' },
  'file.bytes': { de: 'Bytes', en: 'bytes' },
  'address.street': { de: 'Straße', en: 'Street' },
  'address.street.missing': { de: 'Geben Sie die Straße ein', en: 'Enter the street' },
  'address.houseNumber': { de: 'Hausnummer', en: 'House number' },
  'address.houseNumber.missing': { de: 'Geben Sie die Hausnummer ein', en: 'Enter the house number' },
  'address.supplement': { de: 'Adresszusatz', en: 'Address supplement' },
  'address.supplement.missing': { de: 'Geben Sie den Adresszusatz ein', en: 'Enter the address supplement' },
  'address.postcode': { de: 'Postleitzahl', en: 'Postcode' },
  'address.postcode.missing': { de: 'Geben Sie die Postleitzahl ein', en: 'Enter the postcode' },
  'address.city': { de: 'Ort', en: 'Town or city' },
  'address.city.missing': { de: 'Geben Sie den Ort ein', en: 'Enter the town or city' },
  'foreignAddress.line1': { de: 'Adresszeile 1', en: 'Address line 1' },
  'foreignAddress.line1.missing': {
    de: 'Geben Sie die erste Adresszeile ein, zum Beispiel Straße und Hausnummer',
    en: 'Enter the first address line, for example the street and house number',
  },
  'foreignAddress.line2': { de: 'Adresszeile 2', en: 'Address line 2' },
  'foreignAddress.line2.missing': {
    de: 'Geben Sie die zweite Adresszeile ein, zum Beispiel Postleitzahl und Ort',
    en: 'Enter the second address line, for example the postcode and town',
  },
  'foreignAddress.line3': { de: 'Adresszeile 3', en: 'Address line 3' },
  'foreignAddress.line3.missing': {
    de: 'Geben Sie die dritte Adresszeile ein',
    en: 'Enter the third address line',
  },
  'foreignAddress.country': { de: 'Staat', en: 'Country' },
  'foreignAddress.country.missing': { de: 'Wählen Sie den Staat aus', en: 'Select the country' },
  // How the language writes numbers: "1.234,5" and "1,234.5".
  'number.decimalMark': { de: ',', en: '.' },
  'number.groupMark': { de: '.', en: ',' },
  // The last joint of a list: "PDF, JPEG und PNG", "PDF, JPEG oder PNG".
  'list.and': { de: 'und', en: 'and' },
  'list.or': { de: 'oder', en: 'or' },
} as const satisfies { readonly [key: string]: Translated };

export type TextKey = keyof typeof TEXTS;

/** The text in one language. */
export function text(locale: Locale, key: TextKey): string {
  return TEXTS[key][locale];
}

/** The text in every language, for messages and parts that carry both. */
export function translated(key: TextKey): Translated {
  return TEXTS[key];
}

/** A definition's text in every language, English falling back to German as everywhere. */
export function everyLanguage(text: LocalizedText): Translated {
  return { de: text.de, en: text.en ?? text.de };
}

/** A plain number ("1234.5") with the language's decimal mark ("1234,5"), ungrouped, so it parses back. */
export function withDecimalMark(plain: string, locale: Locale): string {
  return plain.replace('.', text(locale, 'number.decimalMark'));
}

/** A label as it reads after a verb in English: "Child 2" -> "child 2"; "IBAN" stays. */
export function inSentence(label: string): string {
  const second = label.charAt(1);
  if (second && second === second.toUpperCase() && second !== second.toLowerCase()) return label;
  return label.charAt(0).toLowerCase() + label.slice(1);
}

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The view texts that carry a value. */
export const phrases = {
  /** German `27.03.2007`, English `27 March 2007` (GOV.UK style); parts as in ISO `2007-03-27`. */
  date: (year: string, month: string, day: string) => ({
    de: `${day}.${month}.${year}`,
    en: `${Number(day)} ${MONTHS_EN[Number(month) - 1] ?? month} ${year}`,
  }),
  /** German "09:05 Uhr"; English keeps the 24-hour clock of the form. */
  timeOfDay: (hhmm: string) => ({ de: `${hhmm} Uhr`, en: hhmm }),
  groupAdd: (item: Translated) => ({ de: `${item.de} hinzufügen`, en: `Add ${inSentence(item.en)}` }),
  groupRemove: (item: Translated) => ({ de: `${item.de} entfernen`, en: `Remove ${inSentence(item.en)}` }),
  groupMax: (max: number) => ({
    de: `Sie können höchstens ${max} Einträge angeben.`,
    en: `You can add at most ${max} entries.`,
  }),
  /** The limits a file field states under its label: "PDF oder PNG, höchstens 2 MB". */
  fileLimits: (types: Translated, size: Translated, maxFiles: number) => ({
    de: `${types.de}, höchstens ${size.de}${maxFiles > 1 ? ` je Datei, bis zu ${maxFiles} Dateien` : ''}`,
    en: `${types.en}, up to ${size.en}${maxFiles > 1 ? ` per file, up to ${maxFiles} files` : ''}`,
  }),
} satisfies MessageCatalogue;
