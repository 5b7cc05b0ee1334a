/**
 * Error messages in the style of GOV.UK and KERN: polite, specific, telling people what to do,
 * and naming the field by its label in both languages.
 */
import type { Field, LocalizedText } from '../../definition/types.ts';

type WithLabel = Extract<Field, { label: LocalizedText }>;

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
};
