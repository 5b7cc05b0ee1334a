/**
 * Compiles a JSON Logic rule into a closure, once, so evaluating a condition on every request is a
 * few function calls instead of re-walking and re-dispatching the rule tree (and no `eval` or
 * `new Function`, so it also runs under a strict Content-Security-Policy in the browser). It is the
 * only evaluator of definition rules: the engine's, the browser's and the publish-time checks' of
 * constant rules, so no operator outside the allowed set ever runs (ADR 0009, ADR 0027).
 *
 * Every evaluation is bounded (`RULE_LIMITS`): operations, the size of each string and array it
 * makes and their total size. A rule that would double a string at every step of a `reduce`
 * stops with a `RuleLimitError` after a few steps instead of allocating hundreds of megabytes.
 *
 * Semantics follow json-logic-js 2.0.5 exactly, including its JavaScript coercions (loose `==`,
 * `parseFloat` in `+` and `*`, `[]` being falsy); the tests compare both on generated rules.
 * The casts below (`as number`) only silence the type checker: at run time JavaScript applies the
 * same coercions json-logic-js relies on.
 */
import { isJsonLogicOperator, isLogicObject } from '../jsonlogic-operators.ts';
import { type RuleLimit, RuleLimitError, UnknownOperatorError } from './errors.ts';
import { truthy } from './truthy.ts';

export type Evaluator = (data: unknown) => unknown;

type Compiled = Evaluator;

/**
 * The bounds of one evaluation of one rule. Real rules stay far below them: a condition takes a
 * handful of operations, a computed value over a repeating group of 100 items a few hundred.
 */
export const RULE_LIMITS = {
  /** Operations evaluated, each item of `all`, `some`, `none`, `filter`, `map` and `reduce` included. */
  operations: 100_000,
  /** Characters of one string made by `cat` or `substr` (an answer is at most 64 KiB). */
  stringChars: 100_000,
  /** Items of one array made by `merge`, `map`, `filter` or an array in the rule. */
  arrayItems: 10_000,
  /** Characters and items made in all, over the whole evaluation. */
  produced: 10_000_000,
} as const;

/**
 * What the evaluation under way may still do. Evaluation is synchronous and never nested, so one
 * set of counters serves every rule; each top-level evaluation resets them (`bounded`).
 */
const left = { operations: 0, produced: 0, where: undefined as string | undefined };

function exceeded(limit: RuleLimit): never {
  throw new RuleLimitError(limit, left.where);
}

function spendOperations(count: number): void {
  left.operations -= count;
  if (left.operations < 0) exceeded('operations');
}

function produce(size: number, limit: 'string' | 'array'): void {
  if (size > (limit === 'string' ? RULE_LIMITS.stringChars : RULE_LIMITS.arrayItems)) exceeded(limit);
  left.produced -= size;
  if (left.produced < 0) exceeded('produced');
}

/**
 * The length `String(value)` would have, without building it (an array of long strings would be
 * built before its length could be checked). Stops counting past the string bound.
 */
function stringLength(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (Array.isArray(value)) {
    let length = Math.max(0, value.length - 1); // the commas
    for (const item of value) {
      // null and undefined print as nothing inside an array.
      if (item !== null && item !== undefined) length += stringLength(item);
      if (length > RULE_LIMITS.stringChars) return length;
    }
    return length;
  }
  return String(value).length;
}

/** `String(value)`, refused before it is built when it would exceed the string bound. */
function boundedString(value: unknown): string {
  produce(stringLength(value), 'string');
  return String(value);
}

const constant =
  (value: unknown): Compiled =>
  () =>
    value;

/** `var` with the json-logic-js lookup rules: dotted paths, `null` on a miss unless a default is given. */
function lookup(data: unknown, name: unknown, notFound: unknown): unknown {
  if (name === undefined || name === '' || name === null) return data;
  return lookupPath(data, String(name).split('.'), notFound);
}

function lookupPath(data: unknown, path: readonly string[], notFound: unknown): unknown {
  let current = data;
  for (const segment of path) {
    if (current === null || current === undefined) return notFound;
    current = (current as Record<string, unknown>)[segment];
    if (current === undefined) return notFound;
  }
  return current;
}

function missingKeys(data: unknown, args: readonly unknown[]): unknown[] {
  const keys: readonly unknown[] = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  const missing: unknown[] = [];
  for (const key of keys) {
    const value = lookup(data, key, null);
    if (value === null || value === '') missing.push(key);
  }
  return missing;
}

function compileVar(args: readonly unknown[]): Compiled {
  const [nameRule, defaultRule] = args;
  // Fast path for the common case: a literal name and no default; split the path once.
  if (!isLogicObject(nameRule) && !Array.isArray(nameRule) && args.length < 2) {
    if (nameRule === undefined || nameRule === '' || nameRule === null) return (data) => data;
    const path = String(nameRule).split('.');
    return (data) => lookupPath(data, path, null);
  }
  const name = compileNode(nameRule);
  const fallback = compileNode(defaultRule);
  return (data) => {
    const d = fallback(data);
    return lookup(data, name(data), d === undefined ? null : d);
  };
}

/** Operators whose arguments are all evaluated first and then combined. */
const EAGER: Record<string, (args: unknown[], data: unknown) => unknown> = {
  // biome-ignore lint/suspicious/noDoubleEquals: json-logic's == is JavaScript's loose equality.
  '==': ([a, b]) => a == b,
  '===': ([a, b]) => a === b,
  // biome-ignore lint/suspicious/noDoubleEquals: json-logic's != is JavaScript's loose inequality.
  '!=': ([a, b]) => a != b,
  '!==': ([a, b]) => a !== b,
  '>': ([a, b]) => (a as number) > (b as number),
  '>=': ([a, b]) => (a as number) >= (b as number),
  '<': ([a, b, c]) =>
    c === undefined
      ? (a as number) < (b as number)
      : (a as number) < (b as number) && (b as number) < (c as number),
  '<=': ([a, b, c]) =>
    c === undefined
      ? (a as number) <= (b as number)
      : (a as number) <= (b as number) && (b as number) <= (c as number),
  '!!': ([a]) => truthy(a),
  '!': ([a]) => !truthy(a),
  '%': ([a, b]) => (a as number) % (b as number),
  in: ([a, b]) => {
    if (!b || typeof (b as { indexOf?: unknown }).indexOf === 'undefined') return false;
    return (b as { indexOf(x: unknown): number }).indexOf(a) !== -1;
  },
  cat: (args) => {
    // Join's own rule: null and undefined add nothing.
    let length = 0;
    for (const arg of args) if (arg !== null && arg !== undefined) length += stringLength(arg);
    produce(length, 'string');
    return args.join('');
  },
  substr: ([source, start, end]) => {
    const text = boundedString(source);
    if ((end as number) < 0) {
      // Negative length counts from the end, as in PHP (json-logic-js emulates it this way).
      const temp = text.substr(start as number);
      return temp.substr(0, temp.length + (end as number));
    }
    return text.substr(start as number, end as number);
  },
  '+': (args) =>
    args.reduce<number>((a, b) => parseFloat(a as unknown as string) + parseFloat(b as string), 0),
  // No initial value on purpose: json-logic-js returns a single argument unconverted and throws on none.
  '*': (args) => args.reduce((a, b) => parseFloat(a as string) * parseFloat(b as string)),
  '-': ([a, b]) => (b === undefined ? -(a as number) : (a as number) - (b as number)),
  '/': ([a, b]) => (a as number) / (b as number),
  min: (args) => Math.min(...(args as number[])),
  max: (args) => Math.max(...(args as number[])),
  merge: (args) => {
    let length = 0;
    for (const arg of args) length += Array.isArray(arg) ? arg.length : 1;
    produce(length, 'array');
    return args.reduce<unknown[]>((a, b) => a.concat(b), []);
  },
  missing: (args, data) => missingKeys(data, args),
  missing_some: ([needCount, options], data) => {
    const list: unknown[] = Array.isArray(options) ? options : [options];
    const areMissing = missingKeys(data, list);
    // `options.length` as json-logic-js reads it (a string's length, or undefined for other values).
    return (options as { length: number }).length - areMissing.length >= (needCount as number)
      ? []
      : areMissing;
  },
};

function compileEager(op: string, args: readonly unknown[]): Compiled {
  const fn = EAGER[op];
  if (!fn) throw new UnknownOperatorError(op);
  const compiled = args.map(compileNode);
  // Unrolled for the usual arities: avoids allocating through map() on every evaluation.
  if (compiled.length === 1) {
    const [a] = compiled as [Compiled];
    return (data) => fn([a(data)], data);
  }
  if (compiled.length === 2) {
    const [a, b] = compiled as [Compiled, Compiled];
    return (data) => fn([a(data), b(data)], data);
  }
  return (data) => {
    const values = new Array<unknown>(compiled.length);
    for (let i = 0; i < compiled.length; i++) values[i] = (compiled[i] as Compiled)(data);
    return fn(values, data);
  };
}

function compileIf(args: readonly unknown[]): Compiled {
  const compiled = args.map(compileNode);
  return (data) => {
    let i = 0;
    for (; i < compiled.length - 1; i += 2) {
      if (truthy((compiled[i] as Compiled)(data))) return (compiled[i + 1] as Compiled)(data);
    }
    if (compiled.length === i + 1) return (compiled[i] as Compiled)(data);
    return null;
  };
}

function compileAndOr(isAnd: boolean, args: readonly unknown[]): Compiled {
  const compiled = args.map(compileNode);
  return (data) => {
    let current: unknown;
    for (const c of compiled) {
      current = c(data);
      if (truthy(current) !== isAnd) return current;
    }
    return current;
  };
}

function compileScoped(op: string, args: readonly unknown[]): Compiled {
  const sourceRule = compileNode(args[0]);
  const body = compileNode(args[1]);
  // Every item the body is applied to counts as an operation, even when the body is a literal.
  const source = (data: unknown) => {
    const items = sourceRule(data);
    if (Array.isArray(items)) spendOperations(items.length);
    return items;
  };
  switch (op) {
    case 'all':
      return (data) => {
        const items = source(data);
        if (!Array.isArray(items) || items.length === 0) return false;
        for (const item of items) if (!truthy(body(item))) return false;
        return true;
      };
    case 'some':
      return (data) => {
        const items = source(data);
        if (!Array.isArray(items) || items.length === 0) return false;
        for (const item of items) if (truthy(body(item))) return true;
        return false;
      };
    case 'none':
      return (data) => {
        const items = source(data);
        if (!Array.isArray(items) || items.length === 0) return true;
        for (const item of items) if (truthy(body(item))) return false;
        return true;
      };
    case 'filter':
      return (data) => {
        const items = source(data);
        if (!Array.isArray(items)) return [];
        produce(items.length, 'array');
        return items.filter((item) => truthy(body(item)));
      };
    case 'map':
      return (data) => {
        const items = source(data);
        if (!Array.isArray(items)) return [];
        produce(items.length, 'array');
        return items.map((item) => body(item));
      };
    default: {
      // reduce
      const initialRule = args[2];
      const initial = initialRule === undefined ? constant(null) : compileNode(initialRule);
      return (data) => {
        const items = source(data);
        const start = initial(data);
        if (!Array.isArray(items)) return start;
        return items.reduce((accumulator, current) => body({ current, accumulator }), start);
      };
    }
  }
}

function compileOperation(op: string, raw: unknown): Compiled {
  const operation = compileOperationOnly(op, raw);
  return (data) => {
    if (--left.operations < 0) exceeded('operations');
    return operation(data);
  };
}

function compileOperationOnly(op: string, raw: unknown): Compiled {
  if (!isJsonLogicOperator(op)) throw new UnknownOperatorError(op);
  // Like json-logic-js: a single non-array argument is shorthand for a one-element list.
  const args: readonly unknown[] = Array.isArray(raw) ? raw : [raw];
  switch (op) {
    case 'var':
      return compileVar(args);
    case 'if':
    case '?:':
      return compileIf(args);
    case 'and':
      return compileAndOr(true, args);
    case 'or':
      return compileAndOr(false, args);
    case 'all':
    case 'some':
    case 'none':
    case 'filter':
    case 'map':
    case 'reduce':
      return compileScoped(op, args);
    default:
      return compileEager(op, args);
  }
}

function compileNode(rule: unknown): Compiled {
  if (Array.isArray(rule)) {
    const items = rule.map(compileNode);
    return (data) => {
      produce(items.length, 'array');
      return items.map((item) => item(data));
    };
  }
  if (!isLogicObject(rule)) return constant(rule);
  const op = Object.keys(rule)[0] as string;
  return compileOperation(op, rule[op]);
}

/** Each evaluation starts with the full bounds; the one it interrupted (none in practice) gets its own back. */
function bounded(evaluate: Compiled, where: string | undefined): Evaluator {
  return (data) => {
    const { operations, produced, where: outerWhere } = left;
    left.operations = RULE_LIMITS.operations;
    left.produced = RULE_LIMITS.produced;
    left.where = where;
    try {
      return evaluate(data);
    } finally {
      left.operations = operations;
      left.produced = produced;
      left.where = outerWhere;
    }
  };
}

/**
 * Compiles a rule; throws `UnknownOperatorError` for operators outside the allowed set. The
 * evaluator throws `RuleLimitError`, naming `where` (the rule's JSON pointer), when an evaluation
 * exceeds `RULE_LIMITS`.
 */
export function compileRule(rule: unknown, where?: string): Evaluator {
  return bounded(compileNode(rule), where);
}

/** Compiles a condition: the rule's result under JSON Logic truthiness. */
export function compileCondition(rule: unknown, where?: string): (data: unknown) => boolean {
  const evaluate = bounded(compileNode(rule), where);
  return (data) => truthy(evaluate(data));
}
