import { type DefinitionProblem, parseDefinition } from '../definition/parse.ts';
import { type CodeListSource, resolveCodeLists } from './code-lists.ts';
import type { Clock, ServiceVersion, Store } from './ports.ts';

export type PublishOutcome =
  | { ok: true; version: ServiceVersion }
  | { ok: false; problems: DefinitionProblem[] };

/**
 * Publishes a definition as a new immutable version of the tenant's service. A definition that
 * does not validate is refused with every problem and its path; nothing is stored then. Code list
 * references are resolved first (from `codeLists`), so the version stores their entries as a
 * snapshot; one that cannot be resolved refuses the publication.
 */
export async function publishService(
  deps: { store: Store; clock: Clock; codeLists?: CodeListSource },
  tenantId: string,
  input: unknown,
): Promise<PublishOutcome> {
  const resolved = await resolveCodeLists(input, deps.codeLists);
  if (!resolved.ok) return { ok: false, problems: resolved.problems };
  const parsed = parseDefinition(resolved.definition);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  const version = await deps.store.services.publish(
    tenantId,
    parsed.definition,
    deps.clock.now().toISOString(),
  );
  return { ok: true, version };
}
