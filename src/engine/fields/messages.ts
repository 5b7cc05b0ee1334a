/**
 * Error messages in plain, friendly administrative German and in English, in the style of GOV.UK
 * and KERN (ADR 0029): each says what is wrong and how to put it right, in the words of the answer
 * ("Geben Sie ein Datum ein, zum Beispiel 27.3.2007"), never by quoting the question
 * ("Geben Sie „Seit wann halten Sie den Hund?“ an"). A message stands under its question; where
 * it stands apart from it (the error summary), the web layer names the question before it.
 * A `MessageCatalogue` (see `texts.ts`): every message has every language, or it does not compile.
 * `docs/reference/messages.md` lists them all for a municipality's editors (`npm run docs:messages`).
 */
import type { Field } from '../../definition/types.ts';
import type { MessageCatalogue, Translated } from '../texts.ts';

export type WithLabel = Extract<Field, { label: unknown }>;

const de = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 10 });
const en = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 10 });

/** What a field asks for, as the object of "Geben Sie … ein" and "Enter …". */
export const ANSWER_KINDS = {
  answer: { de: 'eine Antwort', en: 'an answer' },
  number: { de: 'eine Zahl', en: 'a number' },
  amount: { de: 'einen Betrag', en: 'an amount' },
  date: { de: 'ein Datum', en: 'a date' },
  time: { de: 'eine Uhrzeit', en: 'a time' },
  email: { de: 'eine E-Mail-Adresse', en: 'an email address' },
  phone: { de: 'eine Telefonnummer', en: 'a telephone number' },
  postcode: { de: 'eine Postleitzahl', en: 'a postcode' },
  address: { de: 'eine Adresse', en: 'an address' },
  iban: { de: 'eine IBAN', en: 'an IBAN' },
  bic: { de: 'einen BIC', en: 'a BIC' },
  taxId: { de: 'eine Steuer-Identifikationsnummer', en: 'a tax identification number' },
  licensePlate: { de: 'ein Kennzeichen', en: 'a registration number' },
} as const satisfies { readonly [kind: string]: Translated };

export type AnswerKind = keyof typeof ANSWER_KINDS;

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

export const msg = {
  /** A required answer is missing. */
  enter: (kind: AnswerKind): Translated => ({
    de: `Geben Sie ${ANSWER_KINDS[kind].de} ein`,
    en: `Enter ${ANSWER_KINDS[kind].en}`,
  }),
  select: (): Translated => ({ de: 'Wählen Sie eine Antwort aus', en: 'Select an answer' }),
  selectAtLeastOne: (): Translated => ({
    de: 'Wählen Sie mindestens eine Antwort aus',
    en: 'Select at least one answer',
  }),
  yesNo: (): Translated => ({ de: 'Wählen Sie „Ja“ oder „Nein“ aus', en: 'Select yes or no' }),
  controlCharacters: (): Translated => ({
    de: 'Die Antwort enthält Steuerzeichen, die nicht gespeichert werden können. Geben Sie den Text ohne sie ein, zum Beispiel indem Sie ihn neu tippen statt ihn einzufügen',
    en: 'The answer contains control characters that cannot be stored. Enter the text without them, for example by typing it instead of pasting it',
  }),
  tooLong: (max: number): Translated => ({
    de: `Die Antwort darf höchstens ${de.format(max)} Zeichen lang sein`,
    en: `The answer must be ${en.format(max)} characters or fewer`,
  }),
  tooShort: (min: number): Translated => ({
    de: `Die Antwort muss mindestens ${de.format(min)} Zeichen lang sein`,
    en: `The answer must be ${en.format(min)} characters or more`,
  }),
  notANumber: (): Translated => ({
    de: 'Geben Sie eine Zahl ein, zum Beispiel 12',
    en: 'Enter a number, like 12',
  }),
  notAWholeNumber: (): Translated => ({
    de: 'Geben Sie eine ganze Zahl ein, zum Beispiel 12',
    en: 'Enter a whole number, like 12',
  }),
  numberTooSmall: (min: number): Translated => ({
    de: `Die Zahl muss mindestens ${de.format(min)} sein`,
    en: `The number must be ${en.format(min)} or more`,
  }),
  numberTooLarge: (max: number): Translated => ({
    de: `Die Zahl darf höchstens ${de.format(max)} sein`,
    en: `The number must be ${en.format(max)} or less`,
  }),
  invalidDate: (): Translated => ({
    de: 'Geben Sie ein gültiges Datum ein, zum Beispiel 27.3.2007',
    en: 'Enter a real date, like 27 3 2007',
  }),
  dateMissingPart: (part: 'day' | 'month' | 'year'): Translated => {
    const dePart = { day: 'einen Tag', month: 'einen Monat', year: 'ein Jahr' }[part];
    return { de: `Das Datum muss ${dePart} enthalten`, en: `The date must include a ${part}` };
  },
  dateYearDigits: (): Translated => ({
    de: 'Geben Sie das Jahr mit vier Ziffern ein, zum Beispiel 2007',
    en: 'Enter the year with 4 digits, like 2007',
  }),
  dateTooEarly: (min: Translated): Translated => ({
    de: `Das Datum darf nicht vor dem ${min.de} liegen`,
    en: `The date must be the same as or after ${min.en}`,
  }),
  dateTooLate: (max: Translated): Translated => ({
    de: `Das Datum darf nicht nach dem ${max.de} liegen`,
    en: `The date must be the same as or before ${max.en}`,
  }),
  invalidEmail: (): Translated => ({
    de: 'Geben Sie eine E-Mail-Adresse im richtigen Format ein, zum Beispiel name@example.de',
    en: 'Enter an email address in the correct format, like name@example.com',
  }),
  invalidPhone: (): Translated => ({
    de: 'Geben Sie eine Telefonnummer im richtigen Format ein, zum Beispiel 030 1234567 oder +49 30 1234567',
    en: 'Enter a telephone number in the correct format, like 030 1234567 or +49 30 1234567',
  }),
  unknownOption: (): Translated => ({
    de: 'Wählen Sie eine der angebotenen Antworten aus',
    en: 'Select one of the answers offered',
  }),
  tooFewSelected: (min: number): Translated => ({
    de: `Wählen Sie mindestens ${de.format(min)} Antworten aus`,
    en: `Select at least ${en.format(min)} answers`,
  }),
  tooManySelected: (max: number): Translated => ({
    de: `Wählen Sie höchstens ${de.format(max)} ${plural(max, 'Antwort', 'Antworten')} aus`,
    en: `Select no more than ${en.format(max)} ${plural(max, 'answer', 'answers')}`,
  }),
  dateNotInFuture: (): Translated => ({
    de: 'Das Datum darf nicht in der Zukunft liegen',
    en: 'The date must be today or in the past',
  }),
  dateNotInPast: (): Translated => ({
    de: 'Das Datum darf nicht in der Vergangenheit liegen',
    en: 'The date must be today or in the future',
  }),
  dateMinAge: (years: number): Translated => ({
    de: `Das Datum muss mindestens ${de.format(years)} ${plural(years, 'Jahr', 'Jahre')} zurückliegen`,
    en: `The date must be at least ${en.format(years)} ${plural(years, 'year', 'years')} ago`,
  }),
  tooManyDecimals: (decimals: number): Translated =>
    decimals === 0
      ? msg.notAWholeNumber()
      : {
          de: `Die Zahl darf höchstens ${de.format(decimals)} ${plural(decimals, 'Nachkommastelle', 'Nachkommastellen')} haben`,
          en: `The number must have no more than ${en.format(decimals)} ${plural(decimals, 'digit', 'digits')} after the decimal point`,
        },
  notAnAmount: (): Translated => ({
    de: 'Geben Sie einen Betrag in Euro ein, zum Beispiel 12,50',
    en: 'Enter an amount in euros, like 12.50',
  }),
  amountCents: (): Translated => ({
    de: 'Geben Sie den Betrag mit höchstens 2 Nachkommastellen (Cent) ein',
    en: 'Enter the amount with no more than 2 digits after the decimal point (cents)',
  }),
  amountTooSmall: (min: Translated): Translated => ({
    de: `Der Betrag muss mindestens ${min.de} sein`,
    en: `The amount must be ${min.en} or more`,
  }),
  amountTooLarge: (max: Translated): Translated => ({
    de: `Der Betrag darf höchstens ${max.de} sein`,
    en: `The amount must be ${max.en} or less`,
  }),
  invalidTime: (): Translated => ({
    de: 'Geben Sie eine Uhrzeit zwischen 0:00 und 23:59 ein, zum Beispiel 9:30 oder 14:05',
    en: 'Enter a real time between 0:00 and 23:59, like 9:30 or 14:05',
  }),
  invalidIban: (): Translated => ({
    de: 'Geben Sie eine IBAN im richtigen Format ein, zum Beispiel DE02 1203 0000 0000 2020 51',
    en: 'Enter an IBAN in the correct format, like DE02 1203 0000 0000 2020 51',
  }),
  ibanUnknownCountry: (country: string): Translated => ({
    de: `Eine IBAN beginnt mit einem Ländercode, zum Beispiel DE. „${country}“ ist kein Ländercode für IBANs`,
    en: `An IBAN starts with a country code, like DE. "${country}" is not a country code for IBANs`,
  }),
  ibanLength: (country: string, length: number): Translated => ({
    de: `Eine IBAN aus ${country} hat ${length} Zeichen. Prüfen Sie, ob Zeichen fehlen oder zu viel sind`,
    en: `An IBAN from ${country} has ${length} characters. Check for missing or extra characters`,
  }),
  ibanChecksum: (): Translated => ({
    de: 'Diese IBAN gibt es nicht. Vergleichen Sie sie Zeichen für Zeichen mit Ihren Kontoangaben',
    en: 'This IBAN does not exist. Compare it character by character with your bank details',
  }),
  invalidBic: (): Translated => ({
    de: 'Geben Sie einen BIC mit 8 oder 11 Zeichen ein, zum Beispiel MARKDEF1100',
    en: 'Enter a BIC with 8 or 11 characters, like MARKDEF1100',
  }),
  invalidPostcode: (): Translated => ({
    de: 'Geben Sie eine Postleitzahl mit 5 Ziffern ein, zum Beispiel 12345',
    en: 'Enter a postcode with 5 digits, like 12345',
  }),
  invalidTaxIdFormat: (): Translated => ({
    de: 'Geben Sie die 11 Ziffern der Steuer-Identifikationsnummer ein. Sie beginnt nicht mit 0 und steht zum Beispiel auf dem Einkommensteuerbescheid',
    en: 'Enter the 11 digits of the tax identification number. It does not start with 0 and is shown on the income tax assessment, for example',
  }),
  invalidTaxId: (): Translated => ({
    de: 'Diese Steuer-Identifikationsnummer gibt es nicht. Vergleichen Sie sie Ziffer für Ziffer mit dem Einkommensteuerbescheid',
    en: 'This tax identification number does not exist. Compare it digit by digit with the income tax assessment',
  }),
  confirm: (): Translated => ({
    de: 'Bestätigen Sie die Erklärung, indem Sie das Kästchen ankreuzen',
    en: 'Confirm the statement by ticking the box',
  }),
  /** A part of an address (its label from `texts.ts`) that is too long. */
  partTooLong: (part: Translated, max: number): Translated => ({
    de: `${part.de}: Geben Sie höchstens ${max} Zeichen ein`,
    en: `${part.en}: enter no more than ${max} characters`,
  }),
  houseNumberDigits: (): Translated => ({
    de: 'Geben Sie die Hausnummer mit Ziffern ein, zum Beispiel 12, 12a oder 12-14',
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
  searchNoMatch: (typed: string): Translated => ({
    de: `Zu „${typed}“ haben wir keinen Eintrag gefunden. Prüfen Sie die Schreibweise oder geben Sie weniger Buchstaben ein`,
    en: `We found no entry for "${typed}". Check the spelling or enter fewer letters`,
  }),
  /** Several entries match: `shown` of them are offered, of `total`. */
  searchSeveral: (typed: string, shown: number, total: number): Translated =>
    total > shown
      ? {
          de: `Zu „${typed}“ passen ${total} Einträge. Wählen Sie einen der ersten ${shown} aus oder geben Sie mehr Buchstaben ein`,
          en: `${total} entries match "${typed}". Select one of the first ${shown} or enter more letters`,
        }
      : {
          de: `Zu „${typed}“ passen mehrere Einträge. Wählen Sie einen davon aus`,
          en: `Several entries match "${typed}". Select one of them`,
        },
} satisfies MessageCatalogue;
