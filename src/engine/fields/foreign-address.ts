/**
 * `foreignAddress`: an address abroad. Address formats differ from country to country (where the
 * postcode goes, whether there is a region), so it is taken as up to three free lines written as
 * in that country — as XÖV's „Anschrift Ausland“ does — plus the country as an ISO 3166-1 alpha-2
 * code (see countries.ts). Stored as `{line1, line2, line3?, country}`.
 */
import type { AnswerRecord, ForeignAddressField } from '../../definition/types.ts';
import { html } from '../../lib/html.ts';
import { text, translated } from '../texts.ts';
import {
  checkPartsOf,
  errorAt,
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
import { msg } from './messages.ts';
import { errorHtml, group, INVALID_ATTR } from './view-parts.ts';

type Part = 'line1' | 'line2' | 'line3' | 'country';

const LINE_LENGTH = 100;

export const FOREIGN_ADDRESS_PARTS: readonly PartSpec<Part>[] = [
  {
    part: 'line1',
    label: translated('foreignAddress.line1'),
    missing: translated('foreignAddress.line1.missing'),
    required: true,
    maxLength: LINE_LENGTH,
    autocomplete: 'address-line1',
  },
  {
    part: 'line2',
    label: translated('foreignAddress.line2'),
    missing: translated('foreignAddress.line2.missing'),
    required: true,
    maxLength: LINE_LENGTH,
    autocomplete: 'address-line2',
  },
  {
    part: 'line3',
    label: translated('foreignAddress.line3'),
    missing: translated('foreignAddress.line3.missing'),
    required: false,
    maxLength: LINE_LENGTH,
    autocomplete: 'address-line3',
  },
  {
    part: 'country',
    label: translated('foreignAddress.country'),
    missing: translated('foreignAddress.country.missing'),
    required: true,
    maxLength: 2,
    autocomplete: 'country',
  },
];

const LINES = FOREIGN_ADDRESS_PARTS.filter((p) => p.part !== 'country');
const COUNTRY = FOREIGN_ADDRESS_PARTS[3] as PartSpec<Part>;
const id = (key: string, part: Part) => partId(key, FOREIGN_ADDRESS_PARTS, part);

const unknownCountry = (key: string): FieldMessage => ({
  ...msg.unknownCountry(),
  inputId: id(key, 'country'),
});

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
    const error = errorAt(input, countryId);
    const invalid = error !== undefined;
    const errorId = `${countryId}-error`;
    const selected = shown.country?.toUpperCase();
    const options = countriesByName(locale).map(
      (c) => html`<option value="${c.code}"${c.code === selected ? ' selected' : ''}>${c.name}</option>`,
    );
    const label = COUNTRY.label[locale];
    const country = html`<div class="kern-form-input${invalid ? ' kern-form-input--error' : ''}"><label class="kern-label" for="${countryId}">${label}</label><div class="kern-form-input__select-wrapper"><select class="kern-form-input__select${invalid ? ' kern-form-input__select--error' : ''}" id="${countryId}" name="${partName(key, 'country')}" autocomplete="country"${invalid ? html` aria-describedby="${errorId}"` : ''}${invalid ? INVALID_ATTR : ''}><option value="">${text(locale, 'choice.placeholder')}</option>${options}</select></div>${errorHtml(error, locale, errorId)}</div>`;
    return group(input, html`${lines}${country}`, false, true);
  },
};
