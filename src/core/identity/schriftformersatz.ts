/**
 * Schriftformersatz (§ 3a Abs. 2 VwVfG, § 9a OZG; ADR 0048): a service whose online application
 * replaces a written form the law requires. Its proof of identity stands in for the handwritten
 * signature, so the installation sets the lowest Vertrauensniveau such a service may require
 * (operational configuration, default `hoch`) and publishing refuses one below it.
 */
import type { DefinitionProblem } from '../../definition/problems.ts';
import type { ServiceDefinition } from '../../definition/types.ts';
import { type AssuranceLevel, meetsLevel } from './levels.ts';

/** The legal basis the refusal and the pages name. */
export const SCHRIFTFORMERSATZ_BASIS = '§ 3a Abs. 2 VwVfG, § 9a OZG';

/** Whether the definition declares Schriftformersatz. */
export function isSchriftformersatz(definition: Pick<ServiceDefinition, 'local'>): boolean {
  return definition.local.identity?.schriftformersatz === true;
}

/** Why the definition may not be published on an installation whose minimum is `minimum`. */
export function schriftformersatzProblems(
  definition: Pick<ServiceDefinition, 'local'>,
  minimum: AssuranceLevel,
): DefinitionProblem[] {
  const identity = definition.local.identity;
  if (!identity?.schriftformersatz || meetsLevel(identity.level, minimum)) return [];
  return [
    {
      path: '/local/identity/level',
      message: `a Schriftformersatz service (${SCHRIFTFORMERSATZ_BASIS}) must require the Vertrauensniveau "${minimum}" or higher on this installation (AMTSWEG_SCHRIFTFORMERSATZ_MIN_LEVEL); it requires "${identity.level}"`,
    },
  ];
}
