/**
 * One pass over the steps in order, deciding which steps apply and which fields are visible.
 *
 * Conditions are evaluated against the answers *kept so far* (visible fields of applicable steps
 * before the current point), not against everything stored. Otherwise a stale answer on a step
 * that no longer applies could keep a later step alive. Because `parse` only allows rules to read
 * earlier answers, one forward pass is enough and the result does not depend on evaluation order.
 */
import type { Answers } from '../definition/types.ts';
import type { CompiledField, CompiledStep } from './compiled.ts';
import { keepItems } from './group/items.ts';

export interface StepVisit {
  readonly compiled: CompiledStep;
  readonly applies: boolean;
  /** Visible fields (including info fields), in definition order. */
  readonly visible: CompiledField[];
}

export interface Walk {
  readonly visits: StepVisit[];
  /** Answers of visible answer fields on applicable steps. Unknown keys are gone. */
  readonly kept: Answers;
}

/** Walks all steps, or stops before step `until` (used by submitStep to get its starting scope). */
export function walk(steps: readonly CompiledStep[], answers: Answers, until = steps.length): Walk {
  const kept: Answers = {};
  const visits: StepVisit[] = [];
  for (let s = 0; s < until; s++) {
    const compiled = steps[s] as CompiledStep;
    const applies = compiled.appliesWhen === undefined || compiled.appliesWhen(kept);
    // A step that does not apply still gets its visibility computed (for visibleFields), but
    // against a private copy, so its answers never reach later conditions.
    const scope = applies ? kept : { ...kept };
    const visible: CompiledField[] = [];
    for (const cf of compiled.fields) {
      if (cf.shownWhen !== undefined && !cf.shownWhen(scope)) continue;
      visible.push(cf);
      if (!cf.answers) continue;
      const value = answers[cf.field.key];
      if (value === undefined) continue;
      // A group keeps, per item, only the answers of item fields that are shown.
      scope[cf.field.key] = cf.group ? keepItems(cf.group, value, scope) : value;
    }
    visits.push({ compiled, applies, visible });
  }
  return { visits, kept };
}
