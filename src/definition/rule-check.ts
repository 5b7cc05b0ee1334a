/**
 * Static checks of a JSON Logic rule: only known operators, and every field it reads is answered
 * before the rule is evaluated. A rule that would fail or silently read nothing at run time is
 * refused when the definition is saved (unlike DEFRA's conditions that quietly turn `false`).
 */
import {
  isJsonLogicOperator,
  isLogicObject,
  JSON_LOGIC_OPERATORS,
  SCOPED_OPERATORS,
} from './jsonlogic-operators.ts';
import { type DefinitionProblem, pointer } from './problems.ts';
import { checkRuleCost } from './rule-cost.ts';

/** Says why a field key may not be used by this rule, or undefined when it may. */
export type ReferenceCheck = (key: string) => string | undefined;

export function checkRule(rule: unknown, path: string, checkRef: ReferenceCheck): DefinitionProblem[] {
  // A rule too costly to evaluate is refused for that alone (ADR 0027).
  const problems: DefinitionProblem[] = checkRuleCost(rule, path);

  const reference = (name: unknown, at: string) => {
    if (typeof name !== 'string' && typeof name !== 'number') {
      problems.push({ path: at, message: 'field reference must be a literal field key' });
      return;
    }
    const text = String(name);
    // `{"var": ""}` is the whole answers object; it names no field.
    if (text === '') return;
    const key = text.split('.')[0] as string;
    const why = checkRef(key);
    if (why) problems.push({ path: at, message: why });
  };

  const walk = (node: unknown, at: string, scoped: boolean): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        walk(item, pointer(at, i), scoped);
      });
      return;
    }
    if (!isLogicObject(node)) return;
    const op = Object.keys(node)[0] as string;
    const opPath = pointer(at, op);
    if (!isJsonLogicOperator(op)) {
      problems.push({
        path: opPath,
        message: `unknown JSON Logic operator '${op}'; allowed: ${JSON_LOGIC_OPERATORS.join(' ')}`,
      });
      return;
    }
    const raw = node[op];
    const args = Array.isArray(raw) ? raw : [raw];
    const argPath = (i: number) => (Array.isArray(raw) ? pointer(opPath, i) : opPath);

    if (op === 'var') {
      // Inside all/some/none/filter/map/reduce, `var` reads the current element, not an answer.
      if (!scoped) {
        if (isLogicObject(args[0]) || Array.isArray(args[0])) {
          problems.push({
            path: argPath(0),
            message: 'computed field names cannot be checked; use a literal field key in var',
          });
        } else if (args[0] !== undefined && args[0] !== null) {
          reference(args[0], argPath(0));
        }
      }
      args.slice(1).forEach((arg, i) => {
        walk(arg, argPath(i + 1), scoped);
      });
      return;
    }
    if ((op === 'missing' || op === 'missing_some') && !scoped) {
      const keysIndex = op === 'missing' ? 0 : 1;
      const keys = op === 'missing' && !Array.isArray(args[0]) ? args : args[keysIndex];
      const keysPath =
        op === 'missing' && !Array.isArray(args[0]) ? argPath : (i: number) => pointer(argPath(keysIndex), i);
      if (Array.isArray(keys)) {
        keys.forEach((k, i) => {
          if (isLogicObject(k)) walk(k, keysPath(i), scoped);
          else reference(k, keysPath(i));
        });
      } else {
        walk(keys, argPath(keysIndex), scoped);
      }
      if (op === 'missing_some') walk(args[0], argPath(0), scoped);
      return;
    }
    args.forEach((arg, i) => {
      walk(arg, argPath(i), scoped || (SCOPED_OPERATORS.has(op) && i === 1));
    });
  };

  walk(rule, path, false);
  return problems;
}
