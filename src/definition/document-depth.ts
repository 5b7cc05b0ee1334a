/**
 * How deeply a definition document may nest. JSON.parse accepts any depth, but the schema
 * validation, the copy and every check after it recurse: a rule nested twenty thousand deep would
 * end them with a stack overflow (a server error for an upload) instead of a clear refusal. Real
 * documents nest about ten levels plus their rules (at most `MAX_RULE_DEPTH`, `rule-cost.ts`).
 */
import { type DefinitionProblem, pointer } from './problems.ts';

export const MAX_DOCUMENT_DEPTH = 100;

interface Pending {
  value: unknown;
  depth: number;
  /** Where it hangs: its parent's entry and its key there (the path is built only to report it). */
  parent: Pending | undefined;
  key: string;
}

function pathOf(entry: Pending): string {
  const keys: string[] = [];
  for (let e: Pending | undefined = entry; e?.parent; e = e.parent) keys.push(e.key);
  return keys.reverse().reduce((path, key) => pointer(path, key), '');
}

/** The first place nested deeper than `MAX_DOCUMENT_DEPTH`, found without recursion; or undefined. */
export function tooDeep(input: unknown): DefinitionProblem | undefined {
  const stack: Pending[] = [{ value: input, depth: 0, parent: undefined, key: '' }];
  while (stack.length > 0) {
    const entry = stack.pop() as Pending;
    const { value, depth } = entry;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_DOCUMENT_DEPTH) {
      return {
        path: pathOf(entry),
        message: `the document is nested more than ${MAX_DOCUMENT_DEPTH} levels deep here`,
      };
    }
    for (const key in value) {
      const child = (value as Record<string, unknown>)[key];
      // Only objects and arrays nest; leaves need no entry.
      if (typeof child === 'object' && child !== null)
        stack.push({ value: child, depth: depth + 1, parent: entry, key });
    }
  }
  return undefined;
}
