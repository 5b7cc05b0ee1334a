/**
 * The JSON Logic operators a definition may use. One list shared by `parse` (which refuses unknown
 * operators when a definition is saved) and the engine's compiler (which implements exactly these),
 * so a definition that parses can always be compiled.
 *
 * `log` is left out on purpose: conditions must be pure and must not write to the console.
 */
export const JSON_LOGIC_OPERATORS = [
  'var',
  'missing',
  'missing_some',
  'if',
  '?:',
  '==',
  '===',
  '!=',
  '!==',
  '!',
  '!!',
  'or',
  'and',
  '<',
  '<=',
  '>',
  '>=',
  'max',
  'min',
  '+',
  '-',
  '*',
  '/',
  '%',
  'in',
  'cat',
  'substr',
  'merge',
  'all',
  'some',
  'none',
  'filter',
  'map',
  'reduce',
] as const;

export type JsonLogicOperator = (typeof JSON_LOGIC_OPERATORS)[number];

const OPERATOR_SET: ReadonlySet<string> = new Set(JSON_LOGIC_OPERATORS);

export function isJsonLogicOperator(name: string): name is JsonLogicOperator {
  return OPERATOR_SET.has(name);
}

/**
 * Operators whose second argument is evaluated against each array element (or, for `reduce`,
 * against `{current, accumulator}`), not against the answers. `var` inside that argument therefore
 * does not name a field.
 */
export const SCOPED_OPERATORS: ReadonlySet<string> = new Set([
  'all',
  'some',
  'none',
  'filter',
  'map',
  'reduce',
]);

/**
 * json-logic-js treats only plain objects with exactly one key as an operation; everything else
 * (including `{}` and objects with several keys) is a literal value.
 */
export function isLogicObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.keys(value).length === 1;
}
