/**
 * The fee as pickers (ADR 0046): a base amount in euro-cents and rows "if <condition> then
 * <amount>", combined in one of two ways that each have exactly one JSON Logic form, so reading
 * a fee rule and writing it back gives the very rule that was read:
 *
 * - `add` ("Zuschläge addieren"): the base plus the amount of every matching row,
 *   `{"+": [base, {"if": [c1, a1, 0]}, {"if": [c2, a2, 0]}]}`;
 * - `replace` ("erste passende Zeile ersetzt die Grundgebühr"): an if/else chain,
 *   `{"if": [c1, a1, c2, a2, base]}` (the form of the demo's dog tax).
 *
 * Without rows the fee is the base amount alone, a plain number. Every amount is a whole,
 * non-negative number of cents, so the definition check's fee rules (no fractions, nothing
 * negative, never missing) hold by construction. Anything else is not representable and stays
 * JSON. Pure.
 */
import type { JsonLogicRule } from '../types.ts';
import { type PickerNode, readPickers, toJsonLogic } from './rule-pickers.ts';

/** How rows combine with the base amount. */
export type FeeCombine = 'add' | 'replace';

export interface FeeRow {
  when: PickerNode;
  /** Euro-cents. */
  cents: number;
}

export interface FeePickers {
  /** Euro-cents: the fee when no row matches (`replace`) or what every row adds to (`add`). */
  base: number;
  combine: FeeCombine;
  rows: FeeRow[];
}

/** The largest amount the builder writes: 9.999.999,99 €, far above any fee and exact in a double. */
export const MAX_CENTS = 999_999_999;

export const isCents = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_CENTS && !Object.is(v, -0);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The arguments of a node `{op: [...]}` with only that key, or nothing. */
function args(rule: unknown, op: string): unknown[] | undefined {
  if (!isObject(rule)) return undefined;
  const keys = Object.keys(rule);
  return keys.length === 1 && keys[0] === op && Array.isArray(rule[op]) ? (rule[op] as unknown[]) : undefined;
}

function condition(rule: unknown): PickerNode | undefined {
  const read = readPickers(rule as JsonLogicRule);
  return read.ok ? read.node : undefined;
}

/** A fee rule as pickers, or undefined when it has none of the builder's forms. */
export function readFeePickers(rule: unknown): FeePickers | undefined {
  if (isCents(rule)) return { base: rule, combine: 'add', rows: [] };
  const sum = args(rule, '+');
  if (sum) {
    const [base, ...parts] = sum;
    if (!isCents(base) || parts.length === 0) return undefined;
    const rows: FeeRow[] = [];
    for (const part of parts) {
      const branch = args(part, 'if');
      if (branch?.length !== 3 || branch[2] !== 0 || !isCents(branch[1])) return undefined;
      const when = condition(branch[0]);
      if (!when) return undefined;
      rows.push({ when, cents: branch[1] });
    }
    return { base, combine: 'add', rows };
  }
  const chain = args(rule, 'if');
  if (chain && chain.length >= 3 && chain.length % 2 === 1) {
    const base = chain[chain.length - 1];
    if (!isCents(base)) return undefined;
    const rows: FeeRow[] = [];
    for (let i = 0; i < chain.length - 1; i += 2) {
      const when = condition(chain[i]);
      const cents = chain[i + 1];
      if (!when || !isCents(cents)) return undefined;
      rows.push({ when, cents });
    }
    return { base, combine: 'replace', rows };
  }
  return undefined;
}

/** The JSON Logic of fee pickers: the inverse of `readFeePickers` for every rule it reads. */
export function feeRule(pickers: FeePickers): JsonLogicRule {
  if (pickers.rows.length === 0) return pickers.base;
  if (pickers.combine === 'add') {
    return {
      '+': [pickers.base, ...pickers.rows.map((row) => ({ if: [toJsonLogic(row.when), row.cents, 0] }))],
    };
  }
  return { if: [...pickers.rows.flatMap((row) => [toJsonLogic(row.when), row.cents]), pickers.base] };
}
