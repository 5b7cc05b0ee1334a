import { type DefinitionProblem, type ParseResult, parseDefinition } from '../definition/parse.ts';
import type { Clock, ServiceVersion, Store } from './ports.ts';

export type PublishOutcome =
  | { ok: true; version: ServiceVersion }
  | { ok: false; problems: DefinitionProblem[] };

/**
 * What a definition must pass to be published, wherever it comes from (CLI, demo seed, the
 * designer area): one function, so no path can publish what another would refuse.
 */
export function publishTimeChecks(input: unknown): ParseResult {
  return parseDefinition(input);
}

/**
 * Publishes a definition as a new immutable version of the tenant's service. A definition that
 * does not validate is refused with every problem and its path; nothing is stored then.
 */
export async function publishService(
  deps: { store: Store; clock: Clock },
  tenantId: string,
  input: unknown,
): Promise<PublishOutcome> {
  const parsed = publishTimeChecks(input);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  const version = await deps.store.services.publish(
    tenantId,
    parsed.definition,
    deps.clock.now().toISOString(),
  );
  return { ok: true, version };
}
