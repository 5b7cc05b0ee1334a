/**
 * Computed values as pickers (ADR 0046, amendment of 3 December 2026): the sum, product or
 * difference of answers and constants, each with exactly one JSON Logic form, so reading a rule
 * and writing it back gives the very rule that was read:
 *
 * - sum `{"+": [t1, t2, …]}` and product `{"*": [t1, t2, …]}` of two or more terms,
 * - difference `{"-": [t1, t2]}` of two terms,
 *
 * where a term is an answer (`{"var": k}`), an answer that counts as 0 when not given
 * (`{"var": [k, 0]}`, the demo's `hundeGesamt`), or a number. Anything else (conditions, `if`,
 * `reduce`, …) is not representable and stays JSON. Pure.
 */
import type { ComputedValue, JsonLogicRule, ServiceDefinition } from '../types.ts';

export type Term = { kind: 'field'; key: string; orZero: boolean } | { kind: 'number'; value: number };

export const CALCULATIONS = ['sum', 'product', 'difference'] as const;
export type Calculation = (typeof CALCULATIONS)[number];

export interface ComputedPickers {
  calculation: Calculation;
  terms: Term[];
}

const SYMBOL: Record<Calculation, string> = { sum: '+', product: '*', difference: '-' };
const BY_SYMBOL: Record<string, Calculation> = { '+': 'sum', '*': 'product', '-': 'difference' };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function readTerm(node: unknown): Term | undefined {
  if (typeof node === 'number' && Number.isFinite(node) && !Object.is(node, -0))
    return { kind: 'number', value: node };
  if (!isObject(node) || Object.keys(node).length !== 1 || !('var' in node)) return undefined;
  const v = node.var;
  if (typeof v === 'string' && v !== '' && !v.includes('.')) return { kind: 'field', key: v, orZero: false };
  if (
    Array.isArray(v) &&
    v.length === 2 &&
    typeof v[0] === 'string' &&
    v[0] !== '' &&
    !v[0].includes('.') &&
    v[1] === 0
  )
    return { kind: 'field', key: v[0], orZero: true };
  return undefined;
}

export function readComputedPickers(rule: JsonLogicRule): ComputedPickers | undefined {
  if (!isObject(rule) || Object.keys(rule).length !== 1) return undefined;
  const symbol = Object.keys(rule)[0]!;
  const calculation = Object.hasOwn(BY_SYMBOL, symbol) ? BY_SYMBOL[symbol] : undefined;
  const args = rule[symbol];
  if (!calculation || !Array.isArray(args)) return undefined;
  if (calculation === 'difference' ? args.length !== 2 : args.length < 2) return undefined;
  const terms: Term[] = [];
  for (const arg of args) {
    const term = readTerm(arg);
    if (!term) return undefined;
    terms.push(term);
  }
  return { calculation, terms };
}

const termRule = (term: Term): JsonLogicRule =>
  term.kind === 'number' ? term.value : term.orZero ? { var: [term.key, 0] } : { var: term.key };

/** The JSON Logic of computed pickers: the inverse of `readComputedPickers` for every rule it reads. */
export function computedRule(pickers: ComputedPickers): JsonLogicRule {
  return { [SYMBOL[pickers.calculation]]: pickers.terms.map(termRule) };
}

/**
 * The definition with the computed value `key` replaced (its key kept), added at the end when
 * `key` is undefined, or removed when `value` is undefined. Undefined when it is gone.
 */
export function setComputed(
  definition: ServiceDefinition,
  key: string | undefined,
  value: ComputedValue | undefined,
): ServiceDefinition | undefined {
  const next = structuredClone(definition) as ServiceDefinition;
  const list = [...(next.computed ?? [])];
  if (key === undefined) {
    if (!value) return undefined;
    list.push(value);
  } else {
    const index = list.findIndex((c) => c.key === key);
    if (index < 0) return undefined;
    if (value) list[index] = { ...value, key };
    else list.splice(index, 1);
  }
  if (list.length > 0) next.computed = list;
  else delete next.computed;
  return next;
}
