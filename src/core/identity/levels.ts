/**
 * Comparing Vertrauensniveaus (the levels are defined with the definition format, which names the
 * one a service requires): a service requires one of them or none; a login has exactly one.
 */
import { ASSURANCE_LEVELS, type AssuranceLevel } from '../../definition/assurance-level.ts';

export { ASSURANCE_LEVELS, type AssuranceLevel };

/** What a service requires: no login at all, or a login at least at this level. */
export type RequiredLevel = 'none' | AssuranceLevel;

export function isAssuranceLevel(value: unknown): value is AssuranceLevel {
  return typeof value === 'string' && (ASSURANCE_LEVELS as readonly string[]).includes(value);
}

/** Whether a login at `actual` (or no login) satisfies `required`. */
export function meetsLevel(actual: AssuranceLevel | undefined, required: RequiredLevel): boolean {
  if (required === 'none') return true;
  if (actual === undefined) return false;
  return ASSURANCE_LEVELS.indexOf(actual) >= ASSURANCE_LEVELS.indexOf(required);
}
