/**
 * The static cost of a JSON Logic rule, checked at publish time (ADR 0027). The evaluator bounds
 * every evaluation at run time (`jsonlogic/compile.ts`); this refuses, with the rule's path, what
 * would reach those bounds by its shape alone, so a designer learns of it before citizens do:
 *
 * - rules nested deeper than `MAX_RULE_DEPTH` or larger than `MAX_RULE_NODES`;
 * - iteration (`all`, `some`, `none`, `filter`, `map`, `reduce`) nested more than
 *   `MAX_ITERATION_NESTING` deep, which multiplies the items of several lists;
 * - a `reduce` whose body combines the accumulator with itself (`cat`, `merge` or a list holding
 *   it twice), which doubles the accumulator with every item.
 *
 * The walk is iterative: a rule nested thousands deep is refused here, not by a stack overflow.
 */
import { isLogicObject, SCOPED_OPERATORS } from './jsonlogic-operators.ts';
import { type DefinitionProblem, pointer } from './problems.ts';

export const MAX_RULE_DEPTH = 32;
export const MAX_RULE_NODES = 2_000;
export const MAX_ITERATION_NESTING = 3;

/** Operators whose result holds their arguments whole: reading the accumulator twice doubles it. */
const GROWING = new Set(['cat', 'merge']);

interface Pending {
  node: unknown;
  path: string;
  depth: number;
  iteration: number;
}

/** The arguments of an operation with their paths (a single argument is shorthand for a list). */
function argumentsOf(node: Record<string, unknown>, path: string): Array<{ node: unknown; path: string }> {
  const op = Object.keys(node)[0] as string;
  const raw = node[op];
  const opPath = pointer(path, op);
  if (!Array.isArray(raw)) return [{ node: raw, path: opPath }];
  return raw.map((arg, i) => ({ node: arg, path: pointer(opPath, i) }));
}

/** How often `{"var": "accumulator"}` (or a path into it) is read in `node`, counting up to `stop`. */
function accumulatorReads(node: unknown, stop: number): number {
  let count = 0;
  const stack: unknown[] = [node];
  while (stack.length > 0 && count < stop) {
    const current = stack.pop();
    if (Array.isArray(current)) {
      stack.push(...current);
      continue;
    }
    if (!isLogicObject(current)) continue;
    const op = Object.keys(current)[0] as string;
    const raw = current[op];
    const args = Array.isArray(raw) ? raw : [raw];
    if (op === 'var') {
      const name = args[0];
      if (typeof name === 'string' && (name === 'accumulator' || name.startsWith('accumulator.'))) count++;
    }
    // A nested iteration has its own scope: its `accumulator` is not this one.
    if (SCOPED_OPERATORS.has(op)) stack.push(args[0], args[2]);
    else stack.push(...args);
  }
  return count;
}

/** Where a reduce body combines its accumulator with itself, or undefined. */
function doublingIn(body: unknown, bodyPath: string): string | undefined {
  const stack: Array<{ node: unknown; path: string }> = [{ node: body, path: bodyPath }];
  while (stack.length > 0) {
    const { node, path } = stack.pop() as { node: unknown; path: string };
    if (Array.isArray(node)) {
      if (accumulatorReads(node, 2) >= 2) return path;
      node.forEach((item, i) => {
        stack.push({ node: item, path: pointer(path, i) });
      });
      continue;
    }
    if (!isLogicObject(node)) continue;
    const op = Object.keys(node)[0] as string;
    if (SCOPED_OPERATORS.has(op)) continue;
    if (GROWING.has(op) && accumulatorReads(node, 2) >= 2) return pointer(path, op);
    stack.push(...argumentsOf(node, path));
  }
  return undefined;
}

export function checkRuleCost(rule: unknown, path: string): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  let nodes = 0;
  const stack: Pending[] = [{ node: rule, path, depth: 0, iteration: 0 }];
  while (stack.length > 0) {
    const { node, path: at, depth, iteration } = stack.pop() as Pending;
    if (++nodes > MAX_RULE_NODES) {
      return [
        {
          path,
          message: `the rule is too large (more than ${MAX_RULE_NODES} operations and values); split it into computed values`,
        },
      ];
    }
    if (depth > MAX_RULE_DEPTH) {
      return [
        {
          path: at,
          message: `the rule is nested too deeply (more than ${MAX_RULE_DEPTH} levels); split it into computed values`,
        },
      ];
    }
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        stack.push({ node: item, path: pointer(at, i), depth: depth + 1, iteration });
      });
      continue;
    }
    if (!isLogicObject(node)) continue;
    const op = Object.keys(node)[0] as string;
    const args = argumentsOf(node, at);
    if (SCOPED_OPERATORS.has(op)) {
      if (iteration + 1 > MAX_ITERATION_NESTING) {
        problems.push({
          path: pointer(at, op),
          message: `iterations (all, some, none, filter, map, reduce) are nested more than ${MAX_ITERATION_NESTING} deep, which multiplies the items of every list; use computed values in between`,
        });
        continue;
      }
      const body = args[1];
      if (op === 'reduce' && body) {
        const doubling = doublingIn(body.node, body.path);
        if (doubling) {
          problems.push({
            path: doubling,
            message:
              'this reduce combines the accumulator with itself, which doubles it with every item; read {"var": "accumulator"} once per step',
          });
        }
      }
      args.forEach((arg, i) => {
        stack.push({ ...arg, depth: depth + 1, iteration: i === 1 ? iteration + 1 : iteration });
      });
      continue;
    }
    for (const arg of args) stack.push({ ...arg, depth: depth + 1, iteration });
  }
  return problems;
}
