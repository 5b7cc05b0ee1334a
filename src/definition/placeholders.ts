/**
 * Placeholders (`ServiceDefinition.placeholders`): values a template or an import put in for the
 * municipality to replace. A definition is not ready to publish while one is still there — a live
 * service must never tell citizens "Zuständige Stelle (bitte ergänzen)".
 */
import { sameJson } from './diff.ts';
import type { DefinitionProblem } from './problems.ts';
import type { ServiceDefinition } from './types.ts';

/** The value at a JSON pointer (RFC 6901), or undefined when the path leads nowhere. */
export function valueAt(document: unknown, path: string): unknown {
  if (path === '') return document;
  let current: unknown = document;
  for (const raw of path.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, token)) return undefined;
    current = (current as Record<string, unknown>)[token];
  }
  return current;
}

/** One problem per placeholder whose value is still in its place. */
export function unfilledPlaceholders(definition: ServiceDefinition): DefinitionProblem[] {
  return (definition.placeholders ?? [])
    .filter((p) => sameJson(valueAt(definition, p.path), p.value))
    .map((p) => ({ path: p.path, message: 'is still a placeholder: replace it before publishing' }));
}

/** The definition without the placeholders that were filled (all of them, once it may be published). */
export function withoutFilledPlaceholders(definition: ServiceDefinition): ServiceDefinition {
  if (!definition.placeholders) return definition;
  const open = definition.placeholders.filter((p) => sameJson(valueAt(definition, p.path), p.value));
  const { placeholders: _all, ...rest } = definition;
  return open.length > 0 ? { ...rest, placeholders: open } : rest;
}
