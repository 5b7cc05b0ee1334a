/**
 * Bench inputs for the demo service `musterstadt/hund-anmelden` (definitions/musterstadt/hund-anmelden.json):
 * what a citizen posts on each step (for preparing drafts through the engine), and, for the bare
 * baseline (1), a hand-written JSON Schema of the same fields and the urlencoded body it validates.
 * Values vary with the draft number so no two drafts are alike. Update both when the definition's
 * fields change (the bench fails loudly if the step inputs no longer validate).
 */
import type { Step } from '../src/definition/types.ts';
import type { RawInput } from '../src/engine/model.ts';

const FIRST_NAMES = ['Anna', 'Ben', 'Clara', 'David', 'Emine', 'Felix', 'Greta', 'Hakan', 'Ida', 'Jonas'];
const LAST_NAMES = ['Schmidt', 'Yılmaz', 'Müller', 'Nowak', 'Weber', 'Becker', 'Hoffmann', 'Schäfer'];
const DOGS = ['Bello', 'Luna', 'Rex', 'Nala', 'Balu', 'Kira', 'Sammy', 'Frieda'];
const BREEDS = ['mischling', 'labrador', 'dackel', 'golden-retriever', 'jack-russell', 'andere'];
const GROUNDS = ['blindenfuehrhund', 'rettungshund', 'sozialleistung'];

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Every 10th dog is a listed breed (needs a Sachkundenachweis); every 5th owner asks for a reduction. */
export function answersFor(i: number) {
  const listed = i % 10 === 3;
  const reduced = i % 5 === 1;
  return {
    vorname: pick(FIRST_NAMES, i),
    nachname: `${pick(LAST_NAMES, i >> 3)}-${i}`,
    geburtsdatum: { day: String((i % 28) + 1), month: String((i % 12) + 1), year: String(1950 + (i % 50)) },
    strasse: `Hauptstraße ${i % 7 === 0 ? 'Nord' : ''}`.trim(),
    hausnummer: `${(i % 200) + 1}${i % 3 === 0 ? 'a' : ''}`,
    plz: pad(10000 + (i % 89999), 5),
    ort: 'Musterstadt',
    email: i % 2 === 0 ? `halter${i}@example.org` : '',
    telefon: i % 2 === 1 ? `+49 30 ${pad(i % 10_000_000, 7)}` : '',
    hundName: `${pick(DOGS, i)} ${i}`,
    rasse: listed ? 'american-staffordshire' : pick(BREEDS, i),
    geschlecht: i % 2 === 0 ? 'ruede' : 'huendin',
    hundGeburtsdatum: {
      day: String((i % 27) + 1),
      month: String(((i + 5) % 12) + 1),
      year: String(2012 + (i % 10)),
    },
    haltungsbeginn: { day: '1', month: String((i % 12) + 1), year: '2023' },
    chipnummer: i % 4 === 0 ? '' : `276${pad(i, 12)}`,
    listenhund: listed ? 'yes' : 'no',
    sachkundenachweis: listed ? `SK-${i}` : '',
    ermaessigung: reduced ? 'yes' : 'no',
    ermaessigungsgrund: reduced ? pick(GROUNDS, i) : '',
    kontoinhaber: `${pick(FIRST_NAMES, i)} ${pick(LAST_NAMES, i >> 3)}`,
    iban: germanIban(`${pad(10000000 + (i % 89999999), 8)}${pad(i, 10)}`),
    lastschriftmandat: 'true',
  };
}

/** A German IBAN with correct ISO 13616 check digits for an 18-digit BBAN (bank code + account). */
function germanIban(bban: string): string {
  const check = 98n - (BigInt(`${bban}131400`) % 97n);
  const iban = `DE${check.toString().padStart(2, '0')}${bban}`;
  return iban.replace(/(.{4})/g, '$1 ').trim();
}

type Values = ReturnType<typeof answersFor>;
type DateParts = Values['geburtsdatum'];

function dateRaw(key: string, d: DateParts): RawInput {
  return { [`${key}-day`]: d.day, [`${key}-month`]: d.month, [`${key}-year`]: d.year };
}

/** The urlencoded fields a citizen posts on this step of hund-anmelden, as the form names them. */
export function rawInputForStep(step: Step, i: number): RawInput {
  const v = answersFor(i);
  switch (step.id) {
    case 'halter':
      return {
        vorname: v.vorname,
        nachname: v.nachname,
        ...dateRaw('geburtsdatum', v.geburtsdatum),
        strasse: v.strasse,
        hausnummer: v.hausnummer,
        plz: v.plz,
        ort: v.ort,
        email: v.email,
        telefon: v.telefon,
      };
    case 'hund':
      return {
        hundName: v.hundName,
        rasse: v.rasse,
        geschlecht: v.geschlecht,
        ...dateRaw('hundGeburtsdatum', v.hundGeburtsdatum),
        ...dateRaw('haltungsbeginn', v.haltungsbeginn),
        chipnummer: v.chipnummer,
        listenhund: v.listenhund,
        sachkundenachweis: v.sachkundenachweis,
        ermaessigung: v.ermaessigung,
      };
    case 'ermaessigung':
      return { ermaessigungsgrund: v.ermaessigungsgrund };
    case 'zahlung':
      return { kontoinhaber: v.kontoinhaber, iban: v.iban, lastschriftmandat: v.lastschriftmandat };
    default:
      throw new Error(
        `bench/hund-anmelden.ts has no input for step "${step.id}": update it to the definition`,
      );
  }
}

const isoDate = (d: DateParts) => `${d.year}-${pad(Number(d.month), 2)}-${pad(Number(d.day), 2)}`;

/**
 * Baseline (1) body: every field of hund-anmelden in one urlencoded POST (dates as ISO strings),
 * plus the declaration and a CSRF-sized token, like Amtsweg's forms post.
 */
export function baselineBody(i: number): string {
  const v = answersFor(i);
  const fields: Record<string, string> = {
    _csrf: `bench${pad(i, 38)}`,
    vorname: v.vorname,
    nachname: v.nachname,
    geburtsdatum: isoDate(v.geburtsdatum),
    strasse: v.strasse,
    hausnummer: v.hausnummer,
    plz: v.plz,
    ort: v.ort,
    email: v.email,
    telefon: v.telefon,
    hundName: v.hundName,
    rasse: v.rasse,
    geschlecht: v.geschlecht,
    hundGeburtsdatum: isoDate(v.hundGeburtsdatum),
    haltungsbeginn: isoDate(v.haltungsbeginn),
    chipnummer: v.chipnummer,
    listenhund: v.listenhund,
    sachkundenachweis: v.sachkundenachweis,
    ermaessigung: v.ermaessigung,
    ermaessigungsgrund: v.ermaessigungsgrund,
    kontoinhaber: v.kontoinhaber,
    iban: v.iban,
    lastschriftmandat: v.lastschriftmandat,
    erklaerung: 'ja',
  };
  return new URLSearchParams(fields).toString();
}

const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength, pattern: '\\S' });
const optional = (schema: object) => ({ anyOf: [{ const: '' }, schema] });
const date = (min: string) => ({ type: 'string', format: 'date', formatMinimum: min });
const yesNo = { enum: ['yes', 'no'] };

/** Hand-written JSON Schema of hund-anmelden's fields, as the baseline validates them with Ajv. */
export const baselineSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    '_csrf',
    'vorname',
    'nachname',
    'geburtsdatum',
    'strasse',
    'hausnummer',
    'plz',
    'ort',
    'hundName',
    'rasse',
    'geschlecht',
    'haltungsbeginn',
    'listenhund',
    'ermaessigung',
    'kontoinhaber',
    'iban',
    'lastschriftmandat',
    'erklaerung',
  ],
  properties: {
    _csrf: { type: 'string', pattern: '^[A-Za-z0-9_-]{43}$' },
    vorname: text(50),
    nachname: text(50),
    geburtsdatum: date('1900-01-01'),
    strasse: text(80),
    hausnummer: {
      type: 'string',
      maxLength: 10,
      pattern: '^[0-9]{1,4}[ ]?[a-zA-Z]?(-[0-9]{1,4}[a-zA-Z]?)?$',
    },
    plz: { type: 'string', pattern: '^[0-9]{5}$' },
    ort: text(60),
    email: optional({ type: 'string', format: 'email' }),
    telefon: optional({ type: 'string', pattern: '^\\+?[0-9 ()/-]{5,30}$' }),
    hundName: text(50),
    rasse: {
      enum: [
        'mischling',
        'labrador',
        'schaeferhund',
        'dackel',
        'golden-retriever',
        'franzoesische-bulldogge',
        'jack-russell',
        'american-staffordshire',
        'staffordshire-bullterrier',
        'pitbull',
        'bullterrier',
        'andere',
      ],
    },
    geschlecht: { enum: ['ruede', 'huendin'] },
    hundGeburtsdatum: optional(date('1990-01-01')),
    haltungsbeginn: date('1990-01-01'),
    chipnummer: optional({ type: 'string', pattern: '^[0-9]{15}$' }),
    listenhund: yesNo,
    sachkundenachweis: { type: 'string', maxLength: 30 },
    ermaessigung: yesNo,
    ermaessigungsgrund: { enum: ['', 'blindenfuehrhund', 'rettungshund', 'sozialleistung'] },
    kontoinhaber: text(70),
    iban: { type: 'string', pattern: '^DE[0-9]{2}( ?[0-9]{4}){4} ?[0-9]{2}$' },
    lastschriftmandat: { const: 'true' },
    erklaerung: { const: 'ja' },
  },
  // "required when": listed breeds need a Sachkundenachweis, a reduction needs its reason.
  allOf: [
    {
      anyOf: [
        { properties: { listenhund: { const: 'no' } } },
        { properties: { sachkundenachweis: text(30) } },
      ],
    },
    {
      anyOf: [
        { properties: { ermaessigung: { const: 'no' } } },
        {
          properties: {
            ermaessigungsgrund: { enum: ['blindenfuehrhund', 'rettungshund', 'sozialleistung'] },
          },
        },
      ],
    },
  ],
} as const;
