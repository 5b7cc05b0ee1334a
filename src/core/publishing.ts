import { type DefinitionProblem, type ParseResult, parseDefinition } from '../definition/parse.ts';
import { checkPatternSafety } from '../definition/pattern-safety.ts';
import { unfilledPlaceholders, withoutFilledPlaceholders } from '../definition/placeholders.ts';
import type { ServiceDefinition } from '../definition/types.ts';
import { type CodeListSource, resolveCodeLists } from './code-lists.ts';
import type { PublishMeta, ServiceVersion } from './domain.ts';
import type { AssuranceLevel } from './identity/levels.ts';
import { schriftformersatzProblems } from './identity/schriftformersatz.ts';
import type { Clock, Store } from './ports.ts';
import { regexAnalyser } from './regex-analysis.ts';

export type PublishOutcome =
  | { ok: true; version: ServiceVersion }
  | { ok: false; problems: DefinitionProblem[] };

/** The installation's part of the checks: its code lists and its rules for services. */
export interface PublishRules {
  codeLists?: CodeListSource | undefined;
  /**
   * The lowest Vertrauensniveau a Schriftformersatz service may require (ADR 0048; operational
   * configuration `AMTSWEG_SCHRIFTFORMERSATZ_MIN_LEVEL`). Absent: `hoch`, the configuration's
   * default, so a path that does not pass the installation's value is the strictest, never laxer.
   */
  schriftformersatzMinimum?: AssuranceLevel | undefined;
}

/**
 * What a definition must pass to be published, wherever it comes from (CLI, demo seed, the
 * designer area): one function, so no path can publish what another would refuse.
 */
export async function publishTimeChecks(input: unknown, rules: PublishRules): Promise<ParseResult> {
  const { codeLists } = rules;
  // Code list references become options first, so the checks see (and the version keeps) the
  // snapshot; a reference that cannot be resolved is a problem like any other.
  const resolved = await resolveCodeLists(input, codeLists);
  if (!resolved.ok) return { ok: false, problems: resolved.problems };
  const parsed = parseDefinition(resolved.definition);
  if (!parsed.ok) return parsed;
  const legal = schriftformersatzProblems(parsed.definition, rules.schriftformersatzMinimum ?? 'hoch');
  if (legal.length > 0) return { ok: false, problems: legal };
  const unsafe = await unsafePatterns(parsed.definition);
  return unsafe.length > 0 ? { ok: false, problems: unsafe } : parsed;
}

/**
 * Patterns that could block the server on some input (ADR 0027). Checked here rather than in
 * `parseDefinition` because the analyser is large: only publishing and uploads load it.
 */
export async function unsafePatterns(definition: ServiceDefinition): Promise<DefinitionProblem[]> {
  return checkPatternSafety(definition, await regexAnalyser(), () => performance.now());
}

/**
 * What publishing adds to the checks an upload passes: no placeholder may be left (an upload may
 * keep them, so a designer can preview an import before filling it in). The definition that is
 * published drops the placeholder entries that were filled.
 */
export async function readyToPublish(input: unknown, rules: PublishRules): Promise<ParseResult> {
  const checked = await publishTimeChecks(input, rules);
  if (!checked.ok) return checked;
  const placeholders = unfilledPlaceholders(checked.definition);
  if (placeholders.length > 0) return { ok: false, problems: placeholders };
  return { ok: true, definition: withoutFilledPlaceholders(checked.definition) };
}

/**
 * Publishes a definition as a new immutable version of the tenant's service. A definition that
 * does not validate is refused with every problem and its path; nothing is stored then. Code list
 * references are resolved first (from `codeLists`), so the version stores their entries as a
 * snapshot; one that cannot be resolved refuses the publication.
 */
export async function publishService(
  deps: { store: Store; clock: Clock } & PublishRules,
  tenantId: string,
  input: unknown,
  meta?: PublishMeta,
): Promise<PublishOutcome> {
  const parsed = await readyToPublish(input, deps);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  const version = await deps.store.services.publish(
    tenantId,
    parsed.definition,
    deps.clock.now().toISOString(),
    meta,
  );
  return { ok: true, version };
}
