/**
 * Error messages in the style of GOV.UK and KERN: polite, specific, telling people what to do,
 * and naming the field by its label in both languages.
 */
import type { Field, LocalizedText } from '../../definition/types.ts';

export type WithLabel = Extract<Field, { label: LocalizedText }>;

/** The label as it reads inside an English sentence: "First name" -> "first name", "IBAN" stays. */
function inSentence(label: string): string {
  const first = label.charAt(0);
  const second = label.charAt(1);
  if (second && second === second.toUpperCase() && second !== second.toLowerCase()) return label;
  return first.toLowerCase() + label.slice(1);
}

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
  enter: (l: Labels): LocalizedText => ({ de: `Geben Sie „${l.de}“ an`, en: `Enter ${l.en}` }),
  select: (l: Labels): LocalizedText => ({ de: `Wählen Sie „${l.de}“ aus`, en: `Select ${l.en}` }),
  selectAtLeastOne: (l: Labels): LocalizedText => ({
    de: `Wählen Sie bei „${l.de}“ mindestens eine Antwort aus`,
    en: `Select at least one option for ${l.en}`,
  }),
  yesNo: (l: Labels): LocalizedText => ({
    de: `Wählen Sie bei „${l.de}“ „Ja“ oder „Nein“ aus`,
    en: `Select yes or no for ${l.en}`,
  }),
  tooLong: (l: Labels, max: number): LocalizedText => ({
    de: `„${l.de}“ darf höchstens ${de.format(max)} Zeichen lang sein`,
    en: `${l.En} must be ${en.format(max)} characters or fewer`,
  }),
  tooShort: (l: Labels, min: number): LocalizedText => ({
    de: `„${l.de}“ muss mindestens ${de.format(min)} Zeichen lang sein`,
    en: `${l.En} must be ${en.format(min)} characters or more`,
  }),
  notANumber: (l: Labels): LocalizedText => ({
    de: `„${l.de}“ muss eine Zahl sein, zum Beispiel 12`,
    en: `${l.En} must be a number, like 12`,
  }),
  notAWholeNumber: (l: Labels): LocalizedText => ({
    de: `„${l.de}“ muss eine ganze Zahl sein`,
    en: `${l.En} must be a whole number`,
  }),
  numberTooSmall: (l: Labels, min: number): LocalizedText => ({
    de: `„${l.de}“ muss mindestens ${de.format(min)} sein`,
    en: `${l.En} must be ${en.format(min)} or more`,
  }),
  numberTooLarge: (l: Labels, max: number): LocalizedText => ({
    de: `„${l.de}“ darf höchstens ${de.format(max)} sein`,
    en: `${l.En} must be ${en.format(max)} or less`,
  }),
  invalidDate: (l: Labels): LocalizedText => ({
    de: `Geben Sie bei „${l.de}“ ein gültiges Datum an, zum Beispiel 27.3.2007`,
    en: `${l.En} must be a real date, for example 27 3 2007`,
  }),
  dateMissingPart: (l: Labels, part: 'day' | 'month' | 'year'): LocalizedText => {
    const dePart = { day: 'einen Tag', month: 'einen Monat', year: 'ein Jahr' }[part];
    return { de: `„${l.de}“ muss ${dePart} enthalten`, en: `${l.En} must include a ${part}` };
  },
  dateYearDigits: (l: Labels): LocalizedText => ({
    de: `Das Jahr bei „${l.de}“ muss vier Ziffern haben, zum Beispiel 2007`,
    en: `The year of ${l.en} must include 4 numbers, for example 2007`,
  }),
  dateTooEarly: (l: Labels, min: { de: string; en: string }): LocalizedText => ({
    de: `„${l.de}“ darf nicht vor dem ${min.de} liegen`,
    en: `${l.En} must be the same as or after ${min.en}`,
  }),
  dateTooLate: (l: Labels, max: { de: string; en: string }): LocalizedText => ({
    de: `„${l.de}“ darf nicht nach dem ${max.de} liegen`,
    en: `${l.En} must be the same as or before ${max.en}`,
  }),
  invalidEmail: (): LocalizedText => ({
    de: 'Geben Sie eine E-Mail-Adresse im richtigen Format an, zum Beispiel name@example.de',
    en: 'Enter an email address in the correct format, like name@example.com',
  }),
  invalidPhone: (): LocalizedText => ({
    de: 'Geben Sie eine Telefonnummer im richtigen Format an, zum Beispiel 030 1234567 oder +49 30 1234567',
    en: 'Enter a telephone number in the correct format, like 030 1234567 or +49 30 1234567',
  }),
  unknownOption: (l: Labels): LocalizedText => ({
    de: `Wählen Sie bei „${l.de}“ eine der angebotenen Antworten aus`,
    en: `Select one of the options given for ${l.en}`,
  }),
  tooFewSelected: (l: Labels, min: number): LocalizedText => ({
    de: `Wählen Sie bei „${l.de}“ mindestens ${de.format(min)} Antworten aus`,
    en: `Select at least ${en.format(min)} options for ${l.en}`,
  }),
  tooManySelected: (l: Labels, max: number): LocalizedText => ({
    de: `Wählen Sie bei „${l.de}“ höchstens ${de.format(max)} Antworten aus`,
    en: `Select no more than ${en.format(max)} options for ${l.en}`,
  }),
  dateNotInFuture: (l: Labels): LocalizedText => ({
    de: `„${l.de}“ darf nicht in der Zukunft liegen`,
    en: `${l.En} must be today or in the past`,
  }),
  dateNotInPast: (l: Labels): LocalizedText => ({
    de: `„${l.de}“ darf nicht in der Vergangenheit liegen`,
    en: `${l.En} must be today or in the future`,
  }),
  dateMinAge: (l: Labels, years: number): LocalizedText => ({
    de: `„${l.de}“ muss mindestens ${de.format(years)} ${years === 1 ? 'Jahr' : 'Jahre'} zurückliegen`,
    en: `${l.En} must be at least ${en.format(years)} ${years === 1 ? 'year' : 'years'} ago`,
  }),
  tooManyDecimals: (l: Labels, decimals: number): LocalizedText =>
    decimals === 0
      ? msg.notAWholeNumber(l)
      : {
          de: `„${l.de}“ darf höchstens ${de.format(decimals)} ${decimals === 1 ? 'Nachkommastelle' : 'Nachkommastellen'} haben`,
          en: `${l.En} must have no more than ${en.format(decimals)} ${decimals === 1 ? 'digit' : 'digits'} after the decimal point`,
        },
  notAnAmount: (l: Labels): LocalizedText => ({
    de: `Geben Sie bei „${l.de}“ einen Betrag in Euro an, zum Beispiel 12,50`,
    en: `${l.En} must be an amount in euros, like 12.50`,
  }),
  amountCents: (l: Labels): LocalizedText => ({
    de: `„${l.de}“ darf höchstens 2 Nachkommastellen haben (Cent)`,
    en: `${l.En} must not have more than 2 digits after the decimal point (cents)`,
  }),
  amountTooSmall: (l: Labels, min: { de: string; en: string }): LocalizedText => ({
    de: `„${l.de}“ muss mindestens ${min.de} betragen`,
    en: `${l.En} must be ${min.en} or more`,
  }),
  amountTooLarge: (l: Labels, max: { de: string; en: string }): LocalizedText => ({
    de: `„${l.de}“ darf höchstens ${max.de} betragen`,
    en: `${l.En} must be ${max.en} or less`,
  }),
  invalidTime: (l: Labels): LocalizedText => ({
    de: `Geben Sie bei „${l.de}“ eine Uhrzeit zwischen 0:00 und 23:59 an, zum Beispiel 9:30 oder 14:05`,
    en: `${l.En} must be a real time between 0:00 and 23:59, like 9:30 or 14:05`,
  }),
  invalidIban: (): LocalizedText => ({
    de: 'Geben Sie eine IBAN im richtigen Format an, zum Beispiel DE02 1203 0000 0000 2020 51',
    en: 'Enter an IBAN in the correct format, like DE02 1203 0000 0000 2020 51',
  }),
  ibanUnknownCountry: (country: string): LocalizedText => ({
    de: `Die IBAN muss mit einem Ländercode beginnen, zum Beispiel DE. „${country}“ ist kein Ländercode für IBANs`,
    en: `The IBAN must start with a country code, like DE. "${country}" is not a country code for IBANs`,
  }),
  ibanLength: (country: string, length: number): LocalizedText => ({
    de: `Eine IBAN aus ${country} hat ${length} Zeichen. Prüfen Sie, ob Zeichen fehlen oder zu viel sind`,
    en: `An IBAN from ${country} has ${length} characters. Check for missing or extra characters`,
  }),
  ibanChecksum: (): LocalizedText => ({
    de: 'Die IBAN ist nicht gültig, die Prüfziffern stimmen nicht. Prüfen Sie, ob Sie sich vertippt haben',
    en: 'The IBAN is not valid because its check digits do not match. Check it for typing mistakes',
  }),
  invalidBic: (): LocalizedText => ({
    de: 'Geben Sie einen BIC mit 8 oder 11 Zeichen an, zum Beispiel MARKDEF1100',
    en: 'Enter a BIC with 8 or 11 characters, like MARKDEF1100',
  }),
  invalidPostcode: (): LocalizedText => ({
    de: 'Geben Sie eine Postleitzahl mit 5 Ziffern an, zum Beispiel 12345',
    en: 'Enter a postcode with 5 digits, like 12345',
  }),
  invalidTaxIdFormat: (): LocalizedText => ({
    de: 'Die Steuer-Identifikationsnummer hat 11 Ziffern und beginnt nicht mit 0. Sie steht zum Beispiel auf Ihrem Einkommensteuerbescheid',
    en: 'The tax identification number has 11 digits and does not start with 0. It is shown on your income tax assessment, for example',
  }),
  invalidTaxId: (): LocalizedText => ({
    de: 'Diese Steuer-Identifikationsnummer ist nicht gültig. Prüfen Sie, ob Sie sich vertippt haben',
    en: 'This tax identification number is not valid. Check it for typing mistakes',
  }),
  confirm: (l: Labels): LocalizedText => ({
    de: `Bestätigen Sie „${l.de}“, indem Sie das Kästchen ankreuzen`,
    en: `Confirm ${l.en} by ticking the box`,
  }),
};
