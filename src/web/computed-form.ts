/**
 * The form of a computed value (ADR 0046 amendment): its key (for a new one), its label, a
 * calculation (sum, product, difference) and rows of terms, each an answer (optionally counted as
 * 0 when not given) or a number. Rows left empty are not terms; the page always offers two more.
 *
 * Names: `schluessel`, `s.label.de|en`, `rechnung`, `t<i>.feld` (a field's uid), `t<i>.null`
 * (`ja`), `t<i>.zahl`. A post the page never sends is a bad request; what a designer can get
 * wrong is an error at its control, and nothing is saved.
 */
import {
  CALCULATIONS,
  type Calculation,
  type ComputedPickers,
  computedRule,
  readComputedPickers,
  type Term,
} from '../definition/edit/computed-pickers.ts';
import { type PostedForm, readLocalized } from '../definition/edit/settings.ts';
import type { ComputedValue, Field, LocalizedText } from '../definition/types.ts';
import { valueKind } from './rule-picker-form.ts';

export const MAX_TERMS = 10;
const KEY = /^[a-zA-Z][a-zA-Z0-9_]{0,59}$/;
const NUMBER = /^-?\d{1,15}(?:[.,]\d{1,10})?$/;

export interface TermRow {
  field: string;
  orZero: boolean;
  number: string;
}

export interface ComputedForm {
  key: string;
  label: LocalizedText;
  calculation: Calculation;
  terms: TermRow[];
}

/** The answers a computed value's terms may be: numbers of every step (not items of groups). */
export const numberFields = (fields: readonly Field[]): Field[] =>
  fields.filter((f) => valueKind(f) === 'number');

export const emptyComputedForm = (): ComputedForm => ({
  key: '',
  label: { de: '' },
  calculation: 'sum',
  terms: [],
});

/** The rows the page shows: the terms and two empty ones, at most `MAX_TERMS`. */
export const shownRows = (form: ComputedForm): TermRow[] => [
  ...form.terms,
  ...Array.from({ length: Math.max(0, Math.min(2, MAX_TERMS - form.terms.length)) }, () => ({
    field: '',
    orZero: false,
    number: '',
  })),
];

function one(form: PostedForm, name: string): string {
  const v = form[name];
  return (typeof v === 'string' ? v : (v?.[0] ?? '')).trim();
}

export function parseComputedForm(
  form: PostedForm,
): { ok: true; form: ComputedForm } | { ok: false; reason: string } {
  const calculation = one(form, 'rechnung');
  if (!(CALCULATIONS as readonly string[]).includes(calculation))
    return { ok: false, reason: 'the form names no calculation' };
  const terms: TermRow[] = [];
  for (let i = 0; i < MAX_TERMS; i++) {
    const row = {
      field: one(form, `t${i}.feld`),
      orZero: one(form, `t${i}.null`) === 'ja',
      number: one(form, `t${i}.zahl`),
    };
    if (row.field.length > 100 || row.number.length > 30)
      return { ok: false, reason: `row ${i} is too long` };
    if (row.field || row.number) terms.push(row);
  }
  if (Object.keys(form).some((k) => /^t\d+\./.test(k) && Number(/^t(\d+)/.exec(k)![1]) >= MAX_TERMS))
    return { ok: false, reason: `more than ${MAX_TERMS} rows` };
  const key = one(form, 'schluessel');
  if (key.length > 100) return { ok: false, reason: 'the key is too long' };
  return {
    ok: true,
    form: { key, label: readLocalized(form, 'label'), calculation: calculation as Calculation, terms },
  };
}

export type ComputedError =
  | { at: 'key'; code: 'key-invalid' }
  | { at: 'terms'; code: 'too-few' | 'difference-two' }
  | { at: 'term'; row: number; code: 'both' | 'field-unknown' | 'number' };

/** The computed value of the form, checked: a key, and terms of the offered fields or numbers. */
export function checkComputedForm(
  form: ComputedForm,
  fields: readonly Field[],
  isNew: boolean,
): { ok: true; value: ComputedValue; pickers: ComputedPickers } | { ok: false; errors: ComputedError[] } {
  const errors: ComputedError[] = [];
  if (isNew && !KEY.test(form.key)) errors.push({ at: 'key', code: 'key-invalid' });
  const offered = numberFields(fields);
  const terms: Term[] = [];
  for (const [i, row] of form.terms.entries()) {
    const field = row.field ? offered.find((f) => f.uid === row.field) : undefined;
    if (row.field && row.number) errors.push({ at: 'term', row: i, code: 'both' });
    else if (row.field && !field) errors.push({ at: 'term', row: i, code: 'field-unknown' });
    else if (field) terms.push({ kind: 'field', key: field.key, orZero: row.orZero });
    else if (!NUMBER.test(row.number)) errors.push({ at: 'term', row: i, code: 'number' });
    else terms.push({ kind: 'number', value: Number(row.number.replace(',', '.')) });
  }
  if (form.calculation === 'difference' && form.terms.length !== 2)
    errors.push({ at: 'terms', code: 'difference-two' });
  else if (form.terms.length < 2) errors.push({ at: 'terms', code: 'too-few' });
  if (errors.length > 0) return { ok: false, errors };
  const pickers: ComputedPickers = { calculation: form.calculation, terms };
  const label = form.label.de || form.label.en ? form.label : undefined;
  return {
    ok: true,
    pickers,
    value: { key: form.key, ...(label && { label }), rule: computedRule(pickers) },
  };
}

/** The form of a stored computed value, or undefined when the form cannot show its rule exactly. */
export function formOfComputed(value: ComputedValue, fields: readonly Field[]): ComputedForm | undefined {
  const pickers = readComputedPickers(value.rule);
  if (!pickers) return undefined;
  const offered = numberFields(fields);
  const terms: TermRow[] = [];
  for (const term of pickers.terms) {
    if (term.kind === 'number') terms.push({ field: '', orZero: false, number: String(term.value) });
    else {
      const field = offered.find((f) => f.key === term.key);
      if (!field?.uid) return undefined;
      terms.push({ field: field.uid, orZero: term.orZero, number: '' });
    }
  }
  if (terms.length > MAX_TERMS) return undefined;
  const form: ComputedForm = {
    key: value.key,
    label: value.label ?? { de: '' },
    calculation: pickers.calculation,
    terms,
  };
  const back = checkComputedForm(form, fields, false);
  return back.ok && JSON.stringify(back.value.rule) === JSON.stringify(value.rule) ? form : undefined;
}
