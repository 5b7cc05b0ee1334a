/**
 * How deeply a definition document may nest. JSON.parse accepts any depth, but the schema
 * validation, the copy and every check after it recurse: a rule nested twenty thousand deep would
 * end them with a stack overflow (a server error for an upload) instead of a clear refusal. Real
 * documents nest about ten levels plus their rules (at most `MAX_RULE_DEPTH`, `rule-cost.ts`).
 */
import { type DefinitionProblem, pointer } from './problems.ts';

export const MAX_DOCUMENT_DEPTH = 100;

/** The first place nested deeper than `MAX_DOCUMENT_DEPTH`, found without recursion; or undefined. */
export function tooDeep(input: unknown): DefinitionProblem | undefined {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [
    { value: input, path: '', depth: 0 },
  ];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop() as { value: unknown; path: string; depth: number };
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_DOCUMENT_DEPTH) {
      return { path, message: `the document is nested more than ${MAX_DOCUMENT_DEPTH} levels deep here` };
    }
    for (const [key, child] of Object.entries(value)) {
      stack.push({ value: child, path: pointer(path, key), depth: depth + 1 });
    }
  }
  return undefined;
}
