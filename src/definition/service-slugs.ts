/**
 * Service slugs the citizen pages use themselves under `/{tenant}/…`: a service with one of them
 * could not be reached. `meine-antraege` is a logged-in citizen's list of applications (ADR 0049).
 */
import type { DefinitionProblem } from './problems.ts';

export const RESERVED_SERVICE_SLUGS: readonly string[] = ['meine-antraege'];

export function checkServiceSlug(id: string, problems: DefinitionProblem[]): void {
  if (RESERVED_SERVICE_SLUGS.includes(id)) {
    problems.push({
      path: '/id',
      message: `the service id '${id}' is reserved for the citizen pages (${RESERVED_SERVICE_SLUGS.join(', ')}); choose another`,
    });
  }
}
