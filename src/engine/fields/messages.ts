/**
 * Error messages in the style of GOV.UK and KERN: polite, specific, telling people what to do,
 * and naming the field by its label in both languages. A `MessageCatalogue` (see `texts.ts`):
 * every message has every language, or it does not compile.
 */
import type { Field, LocalizedText } from '../../definition/types.ts';
import { inSentence, type MessageCatalogue, type Translated } from '../texts.ts';

export type WithLabel = Extract<Field, { label: LocalizedText }>;

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export interface Labels {
  /** German label, for „…“ quotes. */
  de: string;
  /** English label as used mid-sentence. */
  en: string;
  /** English label as used at the start of a sentence. */
  En: string;
}

const labelCache = new WeakMap<object, Labels>();

/** Cached per label object, so building messages does no string work beyond the template. */
export function labelsOf(field: WithLabel): Labels {
  let labels = labelCache.get(field.label);
  if (!labels) {
    const en = field.label.en ?? field.label.de;
    labels = { de: field.label.de, en: inSentence(en), En: upperFirst(en) };
    labelCache.set(field.label, labels);
  }
  return labels;
}

const de = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 10 });
const en = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 10 });

export const msg = {
  enter: (l: Labels): Translated => ({ de: `Geben Sie „${l.de}“ an`, en: `Enter ${l.en}` }),
  select: (l: Labels): Translated => ({ de: `Wählen Sie „${l.de}“ aus`, en: `Select ${l.en}` }),
  selectAtLeastOne: (l: Labels): Translated => ({
    de: `Wählen Sie bei „${l.de}“ mindestens eine Antwort aus`,
    en: `Select at least one option for ${l.en}`,
  }),
  yesNo: (l: Labels): Translated => ({
    de: `Wählen Sie bei „${l.de}“ „Ja“ oder „Nein“ aus`,
    en: `Select yes or no for ${l.en}`,
  }),
  controlCharacters: (l: Labels): Translated => ({
    de: `„${l.de}“ enthält Steuerzeichen, die nicht gespeichert werden können. Geben Sie den Text ohne sie ein, zum Beispiel indem Sie ihn neu tippen statt ihn einzufügen`,
    en: `${l.En} contains control characters that cannot be stored. Enter the text without them, for example by typing it instead of pasting it`,
  }),
  tooLong: (l: Labels, max: number): Translated => ({
    de: `„${l.de}“ darf höchstens ${de.format(max)} Zeichen lang sein`,
    en: `${l.En} must be ${en.format(max)} characters or fewer`,
  }),
  tooShort: (l: Labels, min: number): Translated => ({
    de: `„${l.de}“ muss mindestens ${de.format(min)} Zeichen lang sein`,
    en: `${l.En} must be ${en.format(min)} characters or more`,
  }),
  notANumber: (l: Labels): Translated => ({
    de: `„${l.de}“ muss eine Zahl sein, zum Beispiel 12`,
    en: `${l.En} must be a number, like 12`,
  }),
  notAWholeNumber: (l: Labels): Translated => ({
    de: `„${l.de}“ muss eine ganze Zahl sein`,
    en: `${l.En} must be a whole number`,
  }),
  numberTooSmall: (l: Labels, min: number): Translated => ({
    de: `„${l.de}“ muss mindestens ${de.format(min)} sein`,
    en: `${l.En} must be ${en.format(min)} or more`,
  }),
  numberTooLarge: (l: Labels, max: number): Translated => ({
    de: `„${l.de}“ darf höchstens ${de.format(max)} sein`,
    en: `${l.En} must be ${en.format(max)} or less`,
  }),
  invalidDate: (l: Labels): Translated => ({
    de: `Geben Sie bei „${l.de}“ ein gültiges Datum an, zum Beispiel 27.3.2007`,
    en: `${l.En} must be a real date, for example 27 3 2007`,
  }),
  dateMissingPart: (l: Labels, part: 'day' | 'month' | 'year'): Translated => {
    const dePart = { day: 'einen Tag', month: 'einen Monat', year: 'ein Jahr' }[part];
    return { de: `„${l.de}“ muss ${dePart} enthalten`, en: `${l.En} must include a ${part}` };
  },
  dateYearDigits: (l: Labels): Translated => ({
    de: `Das Jahr bei „${l.de}“ muss vier Ziffern haben, zum Beispiel 2007`,
    en: `The year of ${l.en} must include 4 numbers, for example 2007`,
  }),
  dateTooEarly: (l: Labels, min: Translated): Translated => ({
    de: `„${l.de}“ darf nicht vor dem ${min.de} liegen`,
    en: `${l.En} must be the same as or after ${min.en}`,
  }),
  dateTooLate: (l: Labels, max: Translated): Translated => ({
    de: `„${l.de}“ darf nicht nach dem ${max.de} liegen`,
    en: `${l.En} must be the same as or before ${max.en}`,
  }),
  invalidEmail: (): Translated => ({
    de: 'Geben Sie eine E-Mail-Adresse im richtigen Format an, zum Beispiel name@example.de',
    en: 'Enter an email address in the correct format, like name@example.com',
  }),
  invalidPhone: (): Translated => ({
    de: 'Geben Sie eine Telefonnummer im richtigen Format an, zum Beispiel 030 1234567 oder +49 30 1234567',
    en: 'Enter a telephone number in the correct format, like 030 1234567 or +49 30 1234567',
  }),
  unknownOption: (l: Labels): Translated => ({
    de: `Wählen Sie bei „${l.de}“ eine der angebotenen Antworten aus`,
    en: `Select one of the options given for ${l.en}`,
  }),
  tooFewSelected: (l: Labels, min: number): Translated => ({
    de: `Wählen Sie bei „${l.de}“ mindestens ${de.format(min)} Antworten aus`,
    en: `Select at least ${en.format(min)} options for ${l.en}`,
  }),
  tooManySelected: (l: Labels, max: number): Translated => ({
    de: `Wählen Sie bei „${l.de}“ höchstens ${de.format(max)} Antworten aus`,
    en: `Select no more than ${en.format(max)} options for ${l.en}`,
  }),
  dateNotInFuture: (l: Labels): Translated => ({
    de: `„${l.de}“ darf nicht in der Zukunft liegen`,
    en: `${l.En} must be today or in the past`,
  }),
  dateNotInPast: (l: Labels): Translated => ({
    de: `„${l.de}“ darf nicht in der Vergangenheit liegen`,
    en: `${l.En} must be today or in the future`,
  }),
  dateMinAge: (l: Labels, years: number): Translated => ({
    de: `„${l.de}“ muss mindestens ${de.format(years)} ${years === 1 ? 'Jahr' : 'Jahre'} zurückliegen`,
    en: `${l.En} must be at least ${en.format(years)} ${years === 1 ? 'year' : 'years'} ago`,
  }),
  tooManyDecimals: (l: Labels, decimals: number): Translated =>
    decimals === 0
      ? msg.notAWholeNumber(l)
      : {
          de: `„${l.de}“ darf höchstens ${de.format(decimals)} ${decimals === 1 ? 'Nachkommastelle' : 'Nachkommastellen'} haben`,
          en: `${l.En} must have no more than ${en.format(decimals)} ${decimals === 1 ? 'digit' : 'digits'} after the decimal point`,
        },
  notAnAmount: (l: Labels): Translated => ({
    de: `Geben Sie bei „${l.de}“ einen Betrag in Euro an, zum Beispiel 12,50`,
    en: `${l.En} must be an amount in euros, like 12.50`,
  }),
  amountCents: (l: Labels): Translated => ({
    de: `„${l.de}“ darf höchstens 2 Nachkommastellen haben (Cent)`,
    en: `${l.En} must not have more than 2 digits after the decimal point (cents)`,
  }),
  amountTooSmall: (l: Labels, min: Translated): Translated => ({
    de: `„${l.de}“ muss mindestens ${min.de} betragen`,
    en: `${l.En} must be ${min.en} or more`,
  }),
  amountTooLarge: (l: Labels, max: Translated): Translated => ({
    de: `„${l.de}“ darf höchstens ${max.de} betragen`,
    en: `${l.En} must be ${max.en} or less`,
  }),
  invalidTime: (l: Labels): Translated => ({
    de: `Geben Sie bei „${l.de}“ eine Uhrzeit zwischen 0:00 und 23:59 an, zum Beispiel 9:30 oder 14:05`,
    en: `${l.En} must be a real time between 0:00 and 23:59, like 9:30 or 14:05`,
  }),
  invalidIban: (): Translated => ({
    de: 'Geben Sie eine IBAN im richtigen Format an, zum Beispiel DE02 1203 0000 0000 2020 51',
    en: 'Enter an IBAN in the correct format, like DE02 1203 0000 0000 2020 51',
  }),
  ibanUnknownCountry: (country: string): Translated => ({
    de: `Die IBAN muss mit einem Ländercode beginnen, zum Beispiel DE. „${country}“ ist kein Ländercode für IBANs`,
    en: `The IBAN must start with a country code, like DE. "${country}" is not a country code for IBANs`,
  }),
  ibanLength: (country: string, length: number): Translated => ({
    de: `Eine IBAN aus ${country} hat ${length} Zeichen. Prüfen Sie, ob Zeichen fehlen oder zu viel sind`,
    en: `An IBAN from ${country} has ${length} characters. Check for missing or extra characters`,
  }),
  ibanChecksum: (): Translated => ({
    de: 'Die IBAN ist nicht gültig, die Prüfziffern stimmen nicht. Prüfen Sie, ob Sie sich vertippt haben',
    en: 'The IBAN is not valid because its check digits do not match. Check it for typing mistakes',
  }),
  invalidBic: (): Translated => ({
    de: 'Geben Sie einen BIC mit 8 oder 11 Zeichen an, zum Beispiel MARKDEF1100',
    en: 'Enter a BIC with 8 or 11 characters, like MARKDEF1100',
  }),
  invalidPostcode: (): Translated => ({
    de: 'Geben Sie eine Postleitzahl mit 5 Ziffern an, zum Beispiel 12345',
    en: 'Enter a postcode with 5 digits, like 12345',
  }),
  invalidTaxIdFormat: (): Translated => ({
    de: 'Die Steuer-Identifikationsnummer hat 11 Ziffern und beginnt nicht mit 0. Sie steht zum Beispiel auf Ihrem Einkommensteuerbescheid',
    en: 'The tax identification number has 11 digits and does not start with 0. It is shown on your income tax assessment, for example',
  }),
  invalidTaxId: (): Translated => ({
    de: 'Diese Steuer-Identifikationsnummer ist nicht gültig. Prüfen Sie, ob Sie sich vertippt haben',
    en: 'This tax identification number is not valid. Check it for typing mistakes',
  }),
  confirm: (l: Labels): Translated => ({
    de: `Bestätigen Sie „${l.de}“, indem Sie das Kästchen ankreuzen`,
    en: `Confirm ${l.en} by ticking the box`,
  }),
  /** A part of an address (its label from `texts.ts`) that is too long. */
  partTooLong: (part: Translated, max: number): Translated => ({
    de: `„${part.de}“ darf höchstens ${max} Zeichen lang sein`,
    en: `${part.en} must be ${max} characters or fewer`,
  }),
  houseNumberDigits: (): Translated => ({
    de: 'Geben Sie die Hausnummer mit Ziffern an, zum Beispiel 12, 12a oder 12-14',
    en: 'Enter the house number with digits, like 12, 12a or 12-14',
  }),
  invalidLicensePlate: (): Translated => ({
    de: 'Geben Sie das Kennzeichen wie auf dem Schild an, zum Beispiel MU-AB 123',
    en: 'Enter the registration number as on the plate, like MU-AB 123',
  }),
  houseNumberFromOne: (): Translated => ({
    de: 'Geben Sie eine Hausnummer ab 1 an, zum Beispiel 1, 12a oder 12-14',
    en: 'Enter a house number from 1 upwards, like 1, 12a or 12-14',
  }),
  unknownCountry: (): Translated => ({
    de: 'Wählen Sie einen Staat aus der Liste aus. Für eine Adresse in Deutschland gibt es eigene Felder',
    en: 'Select a country from the list. There are separate fields for an address in Germany',
  }),
  /** Nothing in a long list matches what was typed (`search-select.ts`). */
  searchNoMatch: (l: Labels, typed: string): Translated => ({
    de: `Zu „${typed}“ haben wir bei „${l.de}“ keinen Eintrag gefunden. Prüfen Sie die Schreibweise oder geben Sie weniger Buchstaben ein`,
    en: `We found no entry for "${typed}" in ${l.en}. Check the spelling or enter fewer letters`,
  }),
  /** Several entries match: `shown` of them are offered, of `total`. */
  searchSeveral: (l: Labels, typed: string, shown: number, total: number): Translated =>
    total > shown
      ? {
          de: `Zu „${typed}“ passen ${total} Einträge. Wählen Sie bei „${l.de}“ einen der ersten ${shown} aus oder geben Sie mehr Buchstaben ein`,
          en: `${total} entries match "${typed}". Select one of the first ${shown} for ${l.en} or enter more letters`,
        }
      : {
          de: `Zu „${typed}“ passen mehrere Einträge. Wählen Sie bei „${l.de}“ einen davon aus`,
          en: `Several entries match "${typed}". Select one of them for ${l.en}`,
        },
} satisfies MessageCatalogue;
