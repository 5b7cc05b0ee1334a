/**
 * The Vertrauensniveau (assurance level) of an identification, as eIDAS and the German
 * Technische Richtlinie TR-03107 name them: niedrig < substanziell < hoch. A service requires one
 * of them or none; a login has exactly one.
 */
export const ASSURANCE_LEVELS = ['niedrig', 'substanziell', 'hoch'] as const;
export type AssuranceLevel = (typeof ASSURANCE_LEVELS)[number];

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
