/**
 * The definition-level logic of a FormModel: computed values, cross-field validations and the fee.
 * Compiled once with the rest of the model; evaluation is pure and synchronous.
 *
 * Computed values are evaluated in dependency order over the answers kept so far. `parse` refuses
 * cycles and rules that read later answers, so the order exists and the values are stable.
 */

import { compileCondition, compileRule, type Evaluator } from '../definition/jsonlogic/compile.ts';
import { referencedKeys } from '../definition/rule-refs.ts';
import type {
  Answers,
  AnswerValue,
  LocalizedText,
  ServiceDefinition,
  Validation,
} from '../definition/types.ts';
import type { Condition, ConditionCompiler } from './compiled.ts';
import { InvalidComputedValueError, InvalidFeeError } from './errors.ts';

export interface CompiledValidation {
  readonly validation: Validation;
  readonly holds: Condition;
  readonly message: LocalizedText;
  /** Index of the step of `fields[0]`, where finalize reports it. */
  readonly stepIndex: number;
}

export interface CompiledLogic {
  /** Compiles a condition found at `where`; one that reads computed values sees them. */
  condition: ConditionCompiler;
  /** A copy of the answers with every computed value added (null results are left out). */
  withComputed(answers: Answers): Answers;
  readonly hasComputed: boolean;
  readonly validations: readonly CompiledValidation[];
  /** Undefined when the definition has no fee. Throws InvalidFeeError for an invalid amount. */
  readonly fee: ((data: Answers) => number) | undefined;
}

function storable(key: string, value: unknown): AnswerValue | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    throw new InvalidComputedValueError(key, value);
  }
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  throw new InvalidComputedValueError(key, value);
}

export function compileLogic(definition: ServiceDefinition): CompiledLogic {
  const rules = new Map((definition.computed ?? []).map((c) => [c.key, c.rule]));
  const computedPath = new Map((definition.computed ?? []).map((c, i) => [c.key, `/computed/${i}/rule`]));
  // Dependency order (depth first); parse guarantees there are no cycles.
  const order: Array<{ key: string; evaluate: Evaluator }> = [];
  const placed = new Set<string>();
  const place = (key: string) => {
    if (placed.has(key)) return;
    placed.add(key);
    const rule = rules.get(key);
    for (const ref of referencedKeys(rule)) if (rules.has(ref)) place(ref);
    order.push({ key, evaluate: compileRule(rule, computedPath.get(key)) });
  };
  for (const key of rules.keys()) place(key);

  const withComputed = (answers: Answers): Answers => {
    const data: Answers = { ...answers };
    for (const { key, evaluate } of order) {
      const value = storable(key, evaluate(data));
      if (value === undefined) delete data[key];
      else data[key] = value;
    }
    return data;
  };

  const condition = (rule: unknown, where: string): Condition => {
    const compiled = compileCondition(rule, where);
    if (order.length === 0) return compiled;
    const usesComputed = [...referencedKeys(rule)].some((k) => rules.has(k));
    return usesComputed ? (data) => compiled(withComputed(data as Answers)) : compiled;
  };

  const stepOf = new Map<string, number>();
  definition.steps.forEach((step, s) => {
    for (const field of step.fields) stepOf.set(field.key, s);
  });
  const validations: CompiledValidation[] = [
    ...definition.steps.flatMap((step, s) =>
      (step.validations ?? []).map((validation, v) => ({
        validation,
        where: `/steps/${s}/validations/${v}/rule`,
      })),
    ),
    ...(definition.validations ?? []).map((validation, v) => ({
      validation,
      where: `/validations/${v}/rule`,
    })),
  ].map(({ validation, where }) => ({
    validation,
    holds: compileCondition(validation.rule, where),
    message: validation.message,
    stepIndex: stepOf.get(validation.fields[0] as string) ?? 0,
  }));

  let fee: CompiledLogic['fee'];
  if (definition.local.fee) {
    const evaluate = compileRule(definition.local.fee.rule, '/local/fee/rule');
    fee = (data) => {
      const value = evaluate(data);
      // Money is integer cents end to end: nothing is rounded, an invalid amount is an error.
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
        throw new InvalidFeeError(value);
      }
      return value;
    };
  }

  return { condition, withComputed, hasComputed: order.length > 0, validations, fee };
}
