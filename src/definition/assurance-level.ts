/**
 * The Vertrauensniveau (assurance level) of an identification, as eIDAS and the German
 * Technische Richtlinie TR-03107 name them: niedrig < substanziell < hoch. A service may require
 * one of them (`local.identity.level`, ADR 0036); a citizen's login has exactly one.
 */
export const ASSURANCE_LEVELS = ['niedrig', 'substanziell', 'hoch'] as const;
export type AssuranceLevel = (typeof ASSURANCE_LEVELS)[number];
