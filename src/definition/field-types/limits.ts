/** The publish-time check shared by every type with a lower and an upper limit. */
import { type DefinitionProblem, pointer } from '../problems.ts';

/** Refuses a lower limit above the upper one, at the lower limit's path. */
export function checkLimits(
  problems: DefinitionProblem[],
  path: string,
  low: number | string | undefined,
  high: number | string | undefined,
  lowName: string,
  highName: string,
): void {
  if (low !== undefined && high !== undefined && low > high) {
    problems.push({
      path: pointer(path, lowName),
      message: `${lowName} (${String(low)}) must not be greater than ${highName} (${String(high)})`,
    });
  }
}
