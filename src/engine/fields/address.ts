/**
 * `address`: a German postal address as one group of inputs — street, house number, postcode,
 * town and an optional address supplement (c/o, Hinterhaus, Appartement). Stored as a record
 * `{street, houseNumber, postcode, city, supplement?}` so receiving systems get the parts, not a
 * line to split again. Each problem is reported at its part.
 */
import type { AddressField, AnswerRecord } from '../../definition/types.ts';
import { html } from '../../lib/html.ts';
import { translated } from '../texts.ts';
import {
  checkPartsOf,
  isEmptyRecord,
  isRecord,
  type PartSpec,
  partId,
  partInput,
  partOf,
  readParts,
  shownParts,
  toRecord,
} from './address-parts.ts';
import type { FieldMessage, FieldTypeHandler } from './contract.ts';
import { msg } from './messages.ts';
import { group } from './view-parts.ts';

type Part = 'street' | 'houseNumber' | 'supplement' | 'postcode' | 'city';

export const ADDRESS_PARTS: readonly PartSpec<Part>[] = [
  {
    part: 'street',
    label: translated('address.street'),
    missing: translated('address.street.missing'),
    required: true,
    maxLength: 100,
    // A browser's saved "address line 1" usually holds street and number; parse splits them.
    autocomplete: 'address-line1',
  },
  {
    part: 'houseNumber',
    label: translated('address.houseNumber'),
    missing: translated('address.houseNumber.missing'),
    required: true,
    maxLength: 20,
    width: 'kern-form-input__input--width-10',
  },
  {
    part: 'supplement',
    label: translated('address.supplement'),
    missing: translated('address.supplement.missing'),
    required: false,
    maxLength: 100,
    autocomplete: 'address-line2',
  },
  {
    part: 'postcode',
    label: translated('address.postcode'),
    missing: translated('address.postcode.missing'),
    required: true,
    maxLength: 5,
    autocomplete: 'postal-code',
    width: 'kern-form-input__input--width-5',
    numeric: true,
  },
  {
    part: 'city',
    label: translated('address.city'),
    missing: translated('address.city.missing'),
    required: true,
    maxLength: 100,
    autocomplete: 'address-level2',
  },
];

const PLZ_PATTERN = '^(?!00)[0-9]{5}$';
const PLZ = new RegExp(PLZ_PATTERN);
/**
 * 12, 12a, 12 a, 12-14, 12a-12c, 7/1: digits first, as German house numbers are, and counted from
 * 1: there is no house number 0, and none is written with a leading zero.
 */
const HOUSE_NUMBER_PATTERN = '^[1-9][0-9]{0,4} ?[a-zA-Z]?(?: ?[-/] ?[1-9][0-9]{0,4} ?[a-zA-Z]?)?$';
const HOUSE_NUMBER = new RegExp(HOUSE_NUMBER_PATTERN);
/** Digits as a house number has them, but a 0 where the number starts: said as such. */
const HOUSE_NUMBER_FROM_ZERO = /^[0-9]{1,5} ?[a-zA-Z]?(?: ?[-/] ?[0-9]{1,5} ?[a-zA-Z]?)?$/;
/** "Hauptstraße 5a" typed (or autofilled) into the street with no house number: split it. */
const STREET_WITH_NUMBER = /^(.*[^\s0-9]) ([0-9]{1,5} ?[a-zA-Z]?(?: ?[-/] ?[0-9]{1,5} ?[a-zA-Z]?)?)$/;

const id = (key: string, part: Part) => partId(key, ADDRESS_PARTS, part);

const houseNumberInvalid = (key: string, houseNumber: string): FieldMessage => ({
  ...(HOUSE_NUMBER_FROM_ZERO.test(houseNumber) ? msg.houseNumberFromOne() : msg.houseNumberDigits()),
  inputId: id(key, 'houseNumber'),
});

export const addressField: FieldTypeHandler<AddressField, AnswerRecord> = {
  type: 'address',
  parse(field, raw) {
    const { values, rawKept, empty } = readParts(field.key, ADDRESS_PARTS, raw);
    if (empty) return { value: undefined, rawKept };
    if (values.houseNumber === '') {
      const m = STREET_WITH_NUMBER.exec(values.street);
      if (m) {
        values.street = m[1] as string;
        values.houseNumber = m[2] as string;
      }
    }
    values.postcode = values.postcode.replace(/\s/g, '');
    return { value: toRecord(values), rawKept };
  },
  validate(field, value) {
    const problem = checkPartsOf(field, ADDRESS_PARTS, value);
    if (problem || !isRecord(value)) return problem;
    const houseNumber = partOf(value, 'houseNumber');
    if (!HOUSE_NUMBER.test(houseNumber)) return houseNumberInvalid(field.key, houseNumber);
    if (!PLZ.test(partOf(value, 'postcode')))
      return { ...msg.invalidPostcode(), inputId: id(field.key, 'postcode') };
    return null;
  },
  isEmpty: isEmptyRecord,
  /** One line as on an envelope: „Hauptstraße 5a, Hinterhaus, 38302 Musterstadt“. */
  format(_field, value) {
    if (!isRecord(value)) return String(value);
    const supplement = partOf(value, 'supplement');
    return [
      `${partOf(value, 'street')} ${partOf(value, 'houseNumber')}`.trim(),
      supplement,
      `${partOf(value, 'postcode')} ${partOf(value, 'city')}`.trim(),
    ]
      .filter((line) => line !== '')
      .join(', ');
  },
  dataSchema: () => ({
    type: 'object',
    required: ['street', 'houseNumber', 'postcode', 'city'],
    properties: {
      street: { type: 'string', minLength: 1, maxLength: 100 },
      houseNumber: { type: 'string', pattern: HOUSE_NUMBER_PATTERN, maxLength: 20 },
      supplement: { type: 'string', minLength: 1, maxLength: 100 },
      postcode: { type: 'string', pattern: PLZ_PATTERN },
      city: { type: 'string', minLength: 1, maxLength: 100 },
    },
    additionalProperties: false,
  }),
  view(input) {
    const key = input.field.key;
    const shown = shownParts(key, ADDRESS_PARTS, input);
    const body = ADDRESS_PARTS.map((p) => partInput(key, ADDRESS_PARTS, p, shown[p.part], input));
    return group(input, html`${body}`, false, true);
  },
};
