/**
 * `foreignAddress`: an address abroad. Address formats differ from country to country (where the
 * postcode goes, whether there is a region), so it is taken as up to three free lines written as
 * in that country — as XÖV's „Anschrift Ausland“ does — plus the country as an ISO 3166-1 alpha-2
 * code (see countries.ts). Stored as `{line1, line2, line3?, country}`.
 */
import type { AnswerRecord, ForeignAddressField } from '../../definition/types.ts';
import { html } from '../../lib/html.ts';
import {
  checkPartsOf,
  isEmptyRecord,
  isRecord,
  type PartSpec,
  partId,
  partInput,
  partName,
  partOf,
  readParts,
  shownParts,
  toRecord,
} from './address-parts.ts';
import type { FieldMessage, FieldTypeHandler } from './contract.ts';
import { countriesByName, countryName, FOREIGN_COUNTRY_CODES, isForeignCountry } from './countries.ts';
import { group, INVALID_ATTR } from './view-parts.ts';

type Part = 'line1' | 'line2' | 'line3' | 'country';

const LINE_LENGTH = 100;

export const FOREIGN_ADDRESS_PARTS: readonly PartSpec<Part>[] = [
  {
    part: 'line1',
    label: { de: 'Adresszeile 1', en: 'Address line 1' },
    missing: {
      de: 'Geben Sie die erste Adresszeile an, zum Beispiel Straße und Hausnummer',
      en: 'Enter the first address line, for example the street and house number',
    },
    required: true,
    maxLength: LINE_LENGTH,
    autocomplete: 'address-line1',
  },
  {
    part: 'line2',
    label: { de: 'Adresszeile 2', en: 'Address line 2' },
    missing: {
      de: 'Geben Sie die zweite Adresszeile an, zum Beispiel Postleitzahl und Ort',
      en: 'Enter the second address line, for example the postcode and town',
    },
    required: true,
    maxLength: LINE_LENGTH,
    autocomplete: 'address-line2',
  },
  {
    part: 'line3',
    label: { de: 'Adresszeile 3', en: 'Address line 3' },
    missing: { de: 'Geben Sie die dritte Adresszeile an', en: 'Enter the third address line' },
    required: false,
    maxLength: LINE_LENGTH,
    autocomplete: 'address-line3',
  },
  {
    part: 'country',
    label: { de: 'Staat', en: 'Country' },
    missing: { de: 'Wählen Sie den Staat aus', en: 'Select the country' },
    required: true,
    maxLength: 2,
    autocomplete: 'country',
  },
];

const LINES = FOREIGN_ADDRESS_PARTS.filter((p) => p.part !== 'country');
const COUNTRY = FOREIGN_ADDRESS_PARTS[3] as PartSpec<Part>;
const id = (key: string, part: Part) => partId(key, FOREIGN_ADDRESS_PARTS, part);

const unknownCountry = (key: string): FieldMessage => ({
  de: 'Wählen Sie einen Staat aus der Liste aus. Für eine Adresse in Deutschland gibt es eigene Felder',
  en: 'Select a country from the list. There are separate fields for an address in Germany',
  inputId: id(key, 'country'),
});

const PLACEHOLDER = { de: 'Bitte auswählen', en: 'Please select' };

export const foreignAddressField: FieldTypeHandler<ForeignAddressField, AnswerRecord> = {
  type: 'foreignAddress',
  parse(field, raw) {
    const { values, rawKept, empty } = readParts(field.key, FOREIGN_ADDRESS_PARTS, raw);
    if (empty) return { value: undefined, rawKept };
    values.country = values.country.toUpperCase();
    return { value: toRecord(values), rawKept };
  },
  validate(field, value) {
    const problem = checkPartsOf(field, FOREIGN_ADDRESS_PARTS, value, LINES);
    if (problem || !isRecord(value)) return problem;
    if (!isForeignCountry(partOf(value, 'country'))) return unknownCountry(field.key);
    return null;
  },
  isEmpty: isEmptyRecord,
  format(_field, value, locale) {
    if (!isRecord(value)) return String(value);
    const lines = LINES.map((p) => partOf(value, p.part)).filter((line) => line !== '');
    const country = partOf(value, 'country');
    return [...lines, country ? countryName(country, locale) : ''].filter((s) => s !== '').join(', ');
  },
  dataSchema: () => ({
    type: 'object',
    required: ['line1', 'line2', 'country'],
    properties: {
      line1: { type: 'string', minLength: 1, maxLength: LINE_LENGTH },
      line2: { type: 'string', minLength: 1, maxLength: LINE_LENGTH },
      line3: { type: 'string', minLength: 1, maxLength: LINE_LENGTH },
      country: { type: 'string', enum: [...FOREIGN_COUNTRY_CODES] },
    },
    additionalProperties: false,
  }),
  view(input) {
    const { field, locale } = input;
    const key = field.key;
    const shown = shownParts(key, FOREIGN_ADDRESS_PARTS, input);
    const lines = LINES.map((p) => partInput(key, FOREIGN_ADDRESS_PARTS, p, shown[p.part], input));
    // About 250 entries: a native select with type-ahead, below the long-list threshold (ADR 0015).
    const countryId = id(key, 'country');
    const invalid = input.error?.inputId === countryId;
    const selected = shown.country?.toUpperCase();
    const options = countriesByName(locale).map(
      (c) => html`<option value="${c.code}"${c.code === selected ? ' selected' : ''}>${c.name}</option>`,
    );
    const label = (locale === 'en' ? COUNTRY.label.en : undefined) ?? COUNTRY.label.de;
    const country = html`<div class="kern-form-input${invalid ? ' kern-form-input--error' : ''}"><label class="kern-label" for="${countryId}">${label}</label><div class="kern-form-input__select-wrapper"><select class="kern-form-input__select${invalid ? ' kern-form-input__select--error' : ''}" id="${countryId}" name="${partName(key, 'country')}" autocomplete="country"${invalid ? html` aria-describedby="field-${key}-error"` : ''}${invalid ? INVALID_ATTR : ''}><option value="">${PLACEHOLDER[locale]}</option>${options}</select></div></div>`;
    return group(input, html`${lines}${country}`, false);
  },
};
