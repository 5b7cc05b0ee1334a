/**
 * The table of every message a citizen can read, in German and English with when it is shown, for
 * a municipality's editors to review (`docs/reference/messages.md`, ADR 0029). Built from the
 * catalogues themselves, so it cannot say what the pages do not: `npm run docs:messages` writes
 * it, and a test fails when the committed table differs from the catalogues.
 *
 * Every message factory needs its entry here (the records are typed over the catalogues' keys),
 * so a new message cannot be added without saying when it is shown.
 */
import type { FileField, GroupField } from '../definition/types.ts';
import { fileMsg } from '../engine/fields/file-messages.ts';
import { ANSWER_KINDS, type AnswerKind, msg } from '../engine/fields/messages.ts';
import { groupMsg } from '../engine/group/messages.ts';
import { type TextKey, type Translated, translated } from '../engine/texts.ts';
import { catalogue, type MessageKey } from './i18n.ts';

interface Row {
  where: string;
  when: string;
  text: Translated;
}

/** Sample fields for the messages that read their limits. */
const file: FileField = {
  type: 'file',
  key: 'nachweis',
  label: { de: 'Nachweis' },
  accept: ['application/pdf', 'image/png'],
  maxSizeBytes: 2 * 1024 * 1024,
  maxFiles: 2,
};
const group: GroupField = {
  type: 'group',
  key: 'kinder',
  label: { de: 'Kinder', en: 'Children' },
  itemLabel: { de: 'Kind', en: 'Child' },
  maxItems: 5,
  fields: [{ type: 'text', key: 'vorname', label: { de: 'Vorname', en: 'First name' } }],
};
const euro = (de: string, en: string): Translated => ({ de, en });
const date = (de: string, en: string): Translated => ({ de, en });

type Described<C> = { readonly [K in keyof C]: { when: string; samples: () => Translated[] } };

const ENTER_WHEN: Record<AnswerKind, string> = {
  answer: 'a required text or longer text is empty',
  number: 'a required number is empty',
  amount: 'a required amount of money is empty',
  date: 'a required date is empty',
  time: 'a required time is empty',
  email: 'a required email address is empty',
  phone: 'a required telephone number is empty',
  postcode: 'a required postcode is empty',
  address: 'a required address is empty',
  iban: 'a required IBAN is empty',
  bic: 'a required BIC is empty',
  taxId: 'a required tax identification number is empty',
  licensePlate: 'a required registration number is empty',
};

const FIELD_MESSAGES: Described<typeof msg> = {
  enter: { when: '', samples: () => [] }, // one row per kind of answer, below
  select: {
    when: 'no answer is chosen from a required list or set of options',
    samples: () => [msg.select()],
  },
  selectAtLeastOne: {
    when: 'no box is ticked in a required set of checkboxes',
    samples: () => [msg.selectAtLeastOne()],
  },
  yesNo: { when: 'a required yes/no question is not answered', samples: () => [msg.yesNo()] },
  tooLong: { when: 'a text is longer than the question allows', samples: () => [msg.tooLong(100)] },
  tooShort: { when: 'a text is shorter than the question asks for', samples: () => [msg.tooShort(2)] },
  notANumber: { when: 'a number cannot be read', samples: () => [msg.notANumber()] },
  notAWholeNumber: {
    when: 'a number has decimals where only whole numbers are allowed',
    samples: () => [msg.notAWholeNumber()],
  },
  numberTooSmall: { when: 'a number is below the smallest allowed', samples: () => [msg.numberTooSmall(1)] },
  numberTooLarge: {
    when: 'a number is above the largest allowed',
    samples: () => [msg.numberTooLarge(10000)],
  },
  invalidDate: {
    when: 'a date does not exist (31 February) or cannot be read',
    samples: () => [msg.invalidDate()],
  },
  dateMissingPart: {
    when: 'a date lacks its day, month or year',
    samples: () => [msg.dateMissingPart('day'), msg.dateMissingPart('month'), msg.dateMissingPart('year')],
  },
  dateYearDigits: {
    when: 'the year of a date does not have four digits',
    samples: () => [msg.dateYearDigits()],
  },
  dateTooEarly: {
    when: 'a date is before the earliest allowed',
    samples: () => [msg.dateTooEarly(date('01.01.1900', '1 January 1900'))],
  },
  dateTooLate: {
    when: 'a date is after the latest allowed',
    samples: () => [msg.dateTooLate(date('31.12.2030', '31 December 2030'))],
  },
  invalidEmail: {
    when: 'an email address is not in the form name@example.de',
    samples: () => [msg.invalidEmail()],
  },
  invalidPhone: {
    when: 'a telephone number has letters or too few or too many digits',
    samples: () => [msg.invalidPhone()],
  },
  unknownOption: {
    when: 'an answer is not one of those offered (an old or altered page)',
    samples: () => [msg.unknownOption()],
  },
  tooFewSelected: {
    when: 'fewer boxes are ticked than the question asks for',
    samples: () => [msg.tooFewSelected(2)],
  },
  tooManySelected: {
    when: 'more boxes are ticked than the question allows',
    samples: () => [msg.tooManySelected(3)],
  },
  dateNotInFuture: {
    when: 'a date that must not be in the future is',
    samples: () => [msg.dateNotInFuture()],
  },
  dateNotInPast: { when: 'a date that must not be in the past is', samples: () => [msg.dateNotInPast()] },
  dateMinAge: {
    when: 'a date (of birth) is more recent than the minimum age allows',
    samples: () => [msg.dateMinAge(18)],
  },
  tooManyDecimals: {
    when: 'a decimal number has more decimal places than allowed',
    samples: () => [msg.tooManyDecimals(2)],
  },
  notAnAmount: { when: 'an amount of money cannot be read', samples: () => [msg.notAnAmount()] },
  amountCents: { when: 'an amount has more than two decimal places', samples: () => [msg.amountCents()] },
  amountTooSmall: {
    when: 'an amount is below the smallest allowed',
    samples: () => [msg.amountTooSmall(euro('10,00 €', '€10.00'))],
  },
  amountTooLarge: {
    when: 'an amount is above the largest allowed',
    samples: () => [msg.amountTooLarge(euro('500,00 €', '€500.00'))],
  },
  invalidTime: {
    when: 'a time cannot be read or does not exist (24:00, 9:60)',
    samples: () => [msg.invalidTime()],
  },
  invalidIban: { when: 'an IBAN is not in the form of one', samples: () => [msg.invalidIban()] },
  ibanUnknownCountry: {
    when: 'an IBAN starts with no known country code',
    samples: () => [msg.ibanUnknownCountry('XY')],
  },
  ibanLength: {
    when: 'an IBAN has too few or too many characters for its country',
    samples: () => [msg.ibanLength('DE', 22)],
  },
  ibanChecksum: {
    when: 'the check digits of an IBAN do not match (a typing mistake)',
    samples: () => [msg.ibanChecksum()],
  },
  invalidBic: {
    when: 'a BIC does not have 8 or 11 characters in the right form',
    samples: () => [msg.invalidBic()],
  },
  invalidPostcode: { when: 'a postcode does not have 5 digits', samples: () => [msg.invalidPostcode()] },
  invalidTaxIdFormat: {
    when: 'a tax identification number does not have 11 digits or starts with 0',
    samples: () => [msg.invalidTaxIdFormat()],
  },
  invalidTaxId: {
    when: 'the check digit of a tax identification number does not match',
    samples: () => [msg.invalidTaxId()],
  },
  confirm: {
    when: 'a declaration on a step (e.g. a direct debit mandate) is not ticked',
    samples: () => [msg.confirm()],
  },
  partTooLong: {
    when: 'a part of an address is longer than allowed',
    samples: () => [msg.partTooLong(translated('address.street'), 100)],
  },
  houseNumberDigits: { when: 'a house number has no digits', samples: () => [msg.houseNumberDigits()] },
  houseNumberFromOne: {
    when: 'a house number is 0 or starts with 0',
    samples: () => [msg.houseNumberFromOne()],
  },
  invalidLicensePlate: {
    when: 'a registration number cannot be read as one (district, letters, number)',
    samples: () => [msg.invalidLicensePlate()],
  },
  controlCharacters: {
    when: 'an answer holds control characters (such as NUL), e.g. from pasted text',
    samples: () => [msg.controlCharacters()],
  },
  unknownCountry: {
    when: 'the country of an address abroad is not one of the list (or is Germany)',
    samples: () => [msg.unknownCountry()],
  },
  searchNoMatch: {
    when: 'nothing in a long list (e.g. municipalities) matches what was typed',
    samples: () => [msg.searchNoMatch('Atlantis')],
  },
  searchSeveral: {
    when: 'several entries of a long list match what was typed; they are offered to choose from',
    samples: () => [msg.searchSeveral('Buchholz', 10, 4), msg.searchSeveral('Bad', 10, 213)],
  },
};

const FILE_MESSAGES: Described<typeof fileMsg> = {
  missing: { when: 'a required file is not uploaded', samples: () => [fileMsg.missing()] },
  tooMany: {
    when: 'more files than allowed are kept for a question',
    samples: () => [fileMsg.tooMany(file)],
  },
  notAdded: {
    when: 'a file is uploaded when the question already has as many as allowed',
    samples: () => [fileMsg.notAdded(file, 'scan.pdf')],
  },
  wrongType: {
    when: 'a file is of a format the question does not take',
    samples: () => [fileMsg.wrongType(file, 'rechnung.docx')],
  },
  nameMismatch: {
    when: "a file's name ending does not match its content",
    samples: () => [fileMsg.nameMismatch('scan.pdf', 'image/png')],
  },
  tooLarge: {
    when: 'a file is larger than the question allows',
    samples: () => [fileMsg.tooLarge(file, 'scan.pdf')],
  },
  empty: { when: 'a file has no content', samples: () => [fileMsg.empty('scan.pdf')] },
  draftFull: {
    when: 'the files of one application together would exceed what it may hold',
    samples: () => [fileMsg.draftFull(50 * 1024 * 1024, 'scan.pdf')],
  },
  infected: {
    when: 'the malware scanner found something in an uploaded file (it is refused and the refusal audited)',
    samples: () => [fileMsg.infected('scan.pdf')],
  },
  scannerUnavailable: {
    when: 'the malware scanner cannot check a file right now and the operator refuses unchecked files',
    samples: () => [fileMsg.scannerUnavailable('scan.pdf')],
  },
  requestTooLarge: {
    when: 'more is uploaded at once than the platform takes',
    samples: () => [fileMsg.requestTooLarge(25 * 1024 * 1024)],
  },
  invalidStored: {
    when: 'a kept file no longer fits the question (after the service changed)',
    samples: () => [fileMsg.invalidStored()],
  },
};

const GROUP_MESSAGES: Described<typeof groupMsg> = {
  tooFew: {
    when: 'a repeating question (e.g. children) has fewer entries than required',
    samples: () => [groupMsg.tooFew(1), groupMsg.tooFew(2)],
  },
  tooMany: {
    when: 'a repeating question has more entries than allowed',
    samples: () => [groupMsg.tooMany(5)],
  },
  emptyItem: {
    when: 'an entry of a repeating question is left empty',
    samples: () => [groupMsg.emptyItem(group, 2, true), groupMsg.emptyItem(group, 1, false)],
  },
  notAList: {
    when: 'kept entries no longer fit the questions (after the service changed)',
    samples: () => [groupMsg.notAList()],
  },
};

const PART_MESSAGES: Partial<Record<TextKey, string>> = {
  'address.street.missing': 'the street of a required address is empty',
  'address.houseNumber.missing': 'the house number of a required address is empty',
  'address.supplement.missing': 'a required address supplement is empty',
  'address.postcode.missing': 'the postcode of a required address is empty',
  'address.city.missing': 'the town of a required address is empty',
  'foreignAddress.line1.missing': 'the first line of a required address abroad is empty',
  'foreignAddress.line2.missing': 'the second line of a required address abroad is empty',
  'foreignAddress.line3.missing': 'a required third line of an address abroad is empty',
  'foreignAddress.country.missing': 'the country of a required address abroad is not chosen',
};

/** The web's citizen-facing messages: error pages (title and text) and the check page. */
const WEB_MESSAGES: ReadonlyArray<readonly [MessageKey, MessageKey | undefined, string]> = [
  ['check.declarationMissing', undefined, 'the declaration on the check page is not ticked'],
  ['error.notFound.title', 'error.notFound.body', 'a page does not exist (a mistyped or old address)'],
  ['error.csrf.title', 'error.csrf.body', 'a form is sent after the session has expired'],
  ['error.badRequest.title', 'error.badRequest.body', 'a request is malformed (an altered or broken form)'],
  ['error.tooLarge.title', 'error.tooLarge.body', 'more is sent at once than a form takes'],
  [
    'error.tooManyRequests.title',
    'error.tooManyRequests.body',
    'one connection sends very many requests in a short time',
  ],
  ['error.busy.title', 'error.busy.body', 'the server is overloaded for a moment'],
  ['error.server.title', 'error.server.body', 'an unexpected error on the server'],
  ['error.conflict.title', 'error.conflict.body', 'something was changed by someone else at the same time'],
];

function described<C>(where: string, table: Described<C>): Row[] {
  return Object.entries(table as Record<string, { when: string; samples: () => Translated[] }>).flatMap(
    ([name, entry]) => entry.samples().map((text) => ({ where: `${where}.${name}`, when: entry.when, text })),
  );
}

export function messageRows(): Row[] {
  const web = (key: MessageKey, body: MessageKey | undefined) => {
    const join = (l: 'de' | 'en') =>
      body ? `${catalogue(l)[key]}: ${catalogue(l)[body].replace('{minutes}', '10')}` : catalogue(l)[key];
    return { de: join('de'), en: join('en') };
  };
  return [
    ...(Object.keys(ANSWER_KINDS) as AnswerKind[]).map((kind) => ({
      where: `msg.enter('${kind}')`,
      when: ENTER_WHEN[kind],
      text: msg.enter(kind),
    })),
    ...described('msg', FIELD_MESSAGES),
    ...Object.entries(PART_MESSAGES).map(([key, when]) => ({
      where: key,
      when: when as string,
      text: translated(key as TextKey),
    })),
    ...described('fileMsg', FILE_MESSAGES),
    ...described('groupMsg', GROUP_MESSAGES),
    ...WEB_MESSAGES.map(([key, body, when]) => ({ where: key, when, text: web(key, body) })),
  ];
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The Markdown page: an introduction, then one row per message (samples for the values). */
export function messagesTable(): string {
  const rows = messageRows().map(
    (r) => `| ${cell(r.text.de)} | ${cell(r.text.en)} | ${cell(r.when)} | \`${cell(r.where)}\` |`,
  );
  return `# Messages citizens read

Generated from the catalogues by \`npm run docs:messages\`; do not edit by hand (a test fails when
this page and the catalogues differ). How the messages are written is decided in
[ADR 0029](../adr/0029-plain-words-in-messages.md): each says what is wrong with the answer and how
to put it right, and never quotes the question. Under its question a message stands alone; in the
error summary at the top of the page and on the check page the question is put before it
("Seit wann halten Sie den Hund? Geben Sie ein Datum ein"). In a repeating question the message
names the entry and its question ("Kind 2, Vorname: Geben Sie eine Antwort ein").

Values in the messages below (numbers, dates, file names, what was typed) are examples. The
messages a service defines itself (a pattern's message, a cross-field rule) are in its definition
and shown in the Service-Design area. Messages of the staff areas are not listed.

Suggestions for better words: open an issue naming the code in the last column.

| German | English | Shown when | Code |
| --- | --- | --- | --- |
${rows.join('\n')}
`;
}
