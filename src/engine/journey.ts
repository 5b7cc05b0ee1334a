/**
 * Which step comes next or before, over the steps that apply (after GOV.UK forms-runner's
 * journey.rb). The path is walked from the first step; a visited set guards against loops, which
 * cannot happen with today's linear steps but will matter once steps can branch ("go to").
 */
import type { StepVisit } from './walk.ts';

/** Indexes of the applicable steps, in journey order. */
export function journeyPath(visits: readonly StepVisit[]): number[] {
  const path: number[] = [];
  const seen = new Set<number>();
  let i = nextApplicable(visits, -1);
  while (i !== undefined && !seen.has(i)) {
    seen.add(i);
    path.push(i);
    i = nextApplicable(visits, i);
  }
  return path;
}

/** The first applicable step after index `from` (which itself may or may not apply). */
export function nextApplicable(visits: readonly StepVisit[], from: number): number | undefined {
  for (let i = from + 1; i < visits.length; i++) if (visits[i]?.applies) return i;
  return undefined;
}

/** The last step on the journey before index `to`; for a step that does not apply, the nearest before it. */
export function previousApplicable(visits: readonly StepVisit[], to: number): number | undefined {
  let previous: number | undefined;
  for (const i of journeyPath(visits)) {
    if (i >= to) break;
    previous = i;
  }
  return previous;
}
