/**
 * Which answers and computed values a JSON Logic rule reads. Tiny and dependency-free: the engine
 * (and so the browser bundle) uses it to order computed values and to know which conditions need them.
 */
import { isLogicObject, SCOPED_OPERATORS } from './jsonlogic-operators.ts';

/** The literal key of a `{"var": ...}` node (with or without default), when it is that simple. */
export function varKey(node: unknown): { key: string; hasDefault: boolean; fallback: unknown } | undefined {
  if (!isLogicObject(node) || !('var' in node)) return undefined;
  const raw = node.var;
  const args = Array.isArray(raw) ? raw : [raw];
  const name = args[0];
  if (typeof name !== 'string' || name === '' || name.includes('.')) return undefined;
  return { key: name, hasDefault: args.length > 1, fallback: args[1] };
}

/** Every answer or computed key a rule reads with a literal `var` or `missing`, outside scoped operators. */
export function referencedKeys(rule: unknown): Set<string> {
  const keys = new Set<string>();
  const walk = (node: unknown, scoped: boolean): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item, scoped);
      return;
    }
    if (!isLogicObject(node)) return;
    const op = Object.keys(node)[0] as string;
    const raw = node[op];
    const args = Array.isArray(raw) ? raw : [raw];
    if (op === 'var') {
      const name = args[0];
      if (!scoped && (typeof name === 'string' || typeof name === 'number') && String(name) !== '') {
        keys.add(String(name).split('.')[0] as string);
      }
      for (const a of args.slice(1)) walk(a, scoped);
      return;
    }
    if ((op === 'missing' || op === 'missing_some') && !scoped) {
      const list = op === 'missing' ? (Array.isArray(args[0]) ? args[0] : args) : args[1];
      if (Array.isArray(list)) {
        for (const k of list) {
          if (typeof k === 'string' && k !== '') keys.add(k.split('.')[0] as string);
          else walk(k, scoped);
        }
      }
      return;
    }
    args.forEach((a, i) => {
      walk(a, scoped || (SCOPED_OPERATORS.has(op) && i === 1));
    });
  };
  walk(rule, false);
  return keys;
}
