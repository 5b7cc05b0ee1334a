/**
 * The fee page's form (ADR 0046): the fee's label, a base amount in euros and rows "wenn
 * <Bedingung> dann <Betrag> €", combined by adding or by replacing the base. Each row's condition
 * is the rule builder's form (`rule-picker-form.ts`) under the row's prefix: row 2's condition
 * rows are `z1.b.0`, `z1.b.1`, … and its buttons `bedingung:z1.b`, so the builder's parsing,
 * buttons and checks are used as they are. Amounts are typed the German way ("12,50",
 * "1.200,00") and stored as whole euro-cents.
 *
 * Names: `s.label.de|en` (the label), `gebuehr.grund` (base), `gebuehr.kombination`
 * (`add`|`replace`), `z<i>.betrag` (a row's amount, which also says the row is there) and the
 * row's condition under `z<i>.`. A post the page never sends is a bad request; what a designer
 * can get wrong is an error at its control, and nothing is saved.
 */
import {
  type FeeCombine,
  type FeePickers,
  feeRule,
  MAX_CENTS,
  readFeePickers,
} from '../definition/edit/fee-pickers.ts';
import { toJsonLogic } from '../definition/edit/rule-pickers.ts';
import { type PostedForm, readLocalized } from '../definition/edit/settings.ts';
import type { Fee, Field, LocalizedText } from '../definition/types.ts';
import {
  applyAction,
  checkRuleForm,
  emptyForm,
  type FormAction,
  formOfRule,
  parseAction,
  parseRuleForm,
  type RowError,
  type RuleForm,
} from './rule-picker-form.ts';

export interface FeeFormRow {
  /** The amount as typed. */
  amount: string;
  condition: RuleForm;
}

export interface FeeForm {
  label: LocalizedText;
  /** The base amount as typed. */
  base: string;
  combine: FeeCombine;
  rows: FeeFormRow[];
}

/** More rows than any fee table of a municipality; a post with more is not this page's. */
export const MAX_FEE_ROWS = 20;
const MAX_AMOUNT_TEXT = 20;

/** The prefix of row `i`'s names. */
export const rowPrefix = (i: number): string => `z${i}.`;

export const emptyRow = (): FeeFormRow => ({ amount: '', condition: emptyForm() });

export const emptyFeeForm = (): FeeForm => ({ label: { de: '' }, base: '', combine: 'add', rows: [] });

// ---------------------------------------------------------------------------------------------
// Amounts.

/** "12,50", "1.200,00", "600" or "0,5" -> cents; undefined when it is not an amount in euros. */
export function parseEuros(text: string): number | undefined {
  const t = text.trim().replace(/\s*€$/, '');
  const match = /^(\d{1,3}(?:\.\d{3})+|\d{1,10})(?:,(\d{1,2}))?$/.exec(t);
  if (!match) return undefined;
  const euros = Number(match[1]!.replace(/\./g, ''));
  const cents = euros * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return cents <= MAX_CENTS ? cents : undefined;
}

/** Cents as the form and the sentence show them: "1.200,00". */
export function formatEuros(cents: number): string {
  const euros = Math.floor(cents / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${euros},${String(cents % 100).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Reading a post.

export type FeeParseResult = { ok: true; form: FeeForm } | { ok: false; reason: string };

function one(form: PostedForm, name: string): string {
  const v = form[name];
  return (typeof v === 'string' ? v : (v?.[0] ?? '')).trim();
}

export function parseFeeForm(form: PostedForm): FeeParseResult {
  const combine = one(form, 'gebuehr.kombination');
  if (combine !== 'add' && combine !== 'replace')
    return { ok: false, reason: 'the form names no way to combine rows' };
  const base = one(form, 'gebuehr.grund');
  const indexes: number[] = [];
  for (const key of Object.keys(form)) {
    const match = /^z(\d{1,2})\.betrag$/.exec(key);
    if (match) indexes.push(Number(match[1]));
    else if (/^z\d+\.betrag$/.test(key)) return { ok: false, reason: `${key} is not a row of this form` };
  }
  if (indexes.length > MAX_FEE_ROWS) return { ok: false, reason: `more than ${MAX_FEE_ROWS} rows` };
  indexes.sort((a, b) => a - b);
  const rows: FeeFormRow[] = [];
  for (const i of indexes) {
    const prefix = rowPrefix(i);
    const sub: Record<string, string | readonly string[] | undefined> = {};
    for (const [key, value] of Object.entries(form)) {
      if (key.startsWith(prefix)) sub[key.slice(prefix.length)] = value;
    }
    const condition = parseRuleForm(sub);
    if (!condition.ok) return { ok: false, reason: `row ${i}: ${condition.reason}` };
    rows.push({ amount: one(form, `${prefix}betrag`), condition: condition.form });
  }
  if ([base, ...rows.map((r) => r.amount)].some((a) => a.length > MAX_AMOUNT_TEXT)) {
    return { ok: false, reason: 'an amount is too long' };
  }
  return { ok: true, form: { label: readLocalized(form, 'label'), base, combine, rows } };
}

// ---------------------------------------------------------------------------------------------
// The buttons.

export type FeeAction =
  | { kind: 'save' | 'refresh' | 'remove-fee' | 'save-json' | 'start-pickers' | 'add-row' }
  | { kind: 'remove-row'; row: number }
  /** A button of a row's condition: add a condition or group, remove one. */
  | { kind: 'condition'; row: number; action: Extract<FormAction, { path: number[] }> };

export function parseFeeAction(value: string): FeeAction | undefined {
  const simple: Record<string, FeeAction['kind']> = {
    speichern: 'save',
    aktualisieren: 'refresh',
    keine: 'remove-fee',
    'json-speichern': 'save-json',
    auswahl: 'start-pickers',
    zeile: 'add-row',
  };
  const kind = Object.hasOwn(simple, value) ? simple[value] : undefined;
  if (kind) return { kind } as FeeAction;
  const remove = /^zeile-entfernen:z(\d{1,2})$/.exec(value);
  if (remove) return { kind: 'remove-row', row: Number(remove[1]) };
  const inner = /^(bedingung|gruppe|entfernen):z(\d{1,2})\.(b(?:\.\d{1,2}){0,3})$/.exec(value);
  if (!inner) return undefined;
  const action = parseAction(`${inner[1]}:${inner[3]}`);
  if (!action || !('path' in action)) return undefined;
  return { kind: 'condition', row: Number(inner[2]), action };
}

/** The form after a row button; undefined when the button names no row there. */
export function applyFeeAction(form: FeeForm, action: FeeAction): FeeForm | undefined {
  const next = structuredClone(form);
  switch (action.kind) {
    case 'add-row':
      if (next.rows.length >= MAX_FEE_ROWS) return undefined;
      next.rows.push(emptyRow());
      return next;
    case 'remove-row':
      if (!next.rows[action.row]) return undefined;
      next.rows.splice(action.row, 1);
      return next;
    case 'condition': {
      const row = next.rows[action.row];
      const changed = row && applyAction(row.condition, action.action);
      if (!row || !changed) return undefined;
      row.condition = changed;
      return next;
    }
    default:
      return next;
  }
}

// ---------------------------------------------------------------------------------------------
// Checking the form, and the form of a stored fee.

export type FeeError =
  | { at: 'label'; code: 'label-missing' }
  | { at: 'base'; code: 'amount' }
  | { at: 'row'; row: number; code: 'amount' | 'condition-missing' }
  /** An error of a row's condition, named as in the condition's own form (`b.0`). */
  | { at: 'condition'; row: number; error: RowError };

export type FeeCheck = { ok: true; fee: Fee; pickers: FeePickers } | { ok: false; errors: FeeError[] };

/** The fee of the form, checked: a label, amounts in euros, and a condition on every row. */
export function checkFeeForm(form: FeeForm, fields: readonly Field[]): FeeCheck {
  const errors: FeeError[] = [];
  if (!form.label.de.trim()) errors.push({ at: 'label', code: 'label-missing' });
  const base = parseEuros(form.base);
  if (base === undefined) errors.push({ at: 'base', code: 'amount' });
  const rows: FeePickers['rows'] = [];
  form.rows.forEach((row, i) => {
    const cents = parseEuros(row.amount);
    if (cents === undefined) errors.push({ at: 'row', row: i, code: 'amount' });
    const checked = checkRuleForm(row.condition, fields);
    if (!checked.ok) {
      for (const error of checked.errors) errors.push({ at: 'condition', row: i, error });
    } else if (!checked.node) errors.push({ at: 'row', row: i, code: 'condition-missing' });
    else if (cents !== undefined) rows.push({ when: checked.node, cents });
  });
  if (errors.length > 0 || base === undefined) return { ok: false, errors };
  const pickers: FeePickers = { base, combine: form.combine, rows };
  return { ok: true, pickers, fee: { label: form.label, rule: feeRule(pickers) } };
}

/**
 * The form of a stored fee (an empty form without one), or undefined when the form cannot show
 * its rule exactly: only a rule the form would save unchanged is shown in it; every other stays
 * JSON, never rewritten.
 */
export function formOfFee(fee: Fee | undefined, fields: readonly Field[]): FeeForm | undefined {
  if (!fee) return emptyFeeForm();
  const pickers = readFeePickers(fee.rule);
  if (!pickers) return undefined;
  const rows: FeeFormRow[] = [];
  for (const row of pickers.rows) {
    // The condition as the rule builder shows it: a rule it cannot show exactly keeps the fee JSON.
    const condition = formOfRule(toJsonLogic(row.when), fields);
    if (!condition || condition.root.items.length === 0) return undefined;
    rows.push({ amount: formatEuros(row.cents), condition });
  }
  const form: FeeForm = { label: fee.label, base: formatEuros(pickers.base), combine: pickers.combine, rows };
  const back = checkFeeForm(form, fields);
  return back.ok && JSON.stringify(back.fee.rule) === JSON.stringify(fee.rule) ? form : undefined;
}
