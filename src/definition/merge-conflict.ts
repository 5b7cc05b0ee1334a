/**
 * What the three-way merge of definitions (`merge.ts`) could not decide, and how a designer
 * decides it. Structured like the readable diff (`diff.ts`): the web layer turns each conflict
 * into a sentence in the reader's language (`web/views/merge-conflicts.ts`).
 *
 * "Ours" is the municipality's own draft (the copy with its local changes), "theirs" the origin's
 * new version, "base" the origin's version the copy was made from or last merged with.
 */
import type { FieldRef, StepRef } from './diff.ts';
import type { DefinitionProblem } from './problems.ts';
import type { ServiceDefinition } from './types.ts';

/** What a conflict is about; `property` names the changed property of that element. */
export type ConflictSubject =
  | { kind: 'service'; property: string }
  | { kind: 'step'; step: StepRef; property?: string }
  /** The order of the steps. */
  | { kind: 'steps' }
  /** A field; `option` names one of its options by value. */
  | { kind: 'field'; field: FieldRef; property?: string; option?: string }
  /** A cross-field validation; `step` when it belongs to one. */
  | { kind: 'validation'; id: string; step?: StepRef; property?: string }
  | { kind: 'computed'; key: string; property?: string }
  /** The merged definition as a whole (it fails the definition check). */
  | { kind: 'definition' };

export type ConflictReason =
  /** Both sides changed the same thing, differently. */
  | 'both-changed'
  /** Ours removed the element, theirs changed it. */
  | 'removed-here'
  /** Theirs removed the element, ours changed it. */
  | 'removed-upstream'
  /** Both sides changed the order, differently. */
  | 'both-reordered'
  /** The step or group a field belongs to is gone from the result. */
  | 'place-removed'
  /** The merged definition, with every other conflict decided, fails the definition check. */
  | 'check-failed';

export interface MergeConflict {
  /**
   * Stable path of what is in conflict, by uids and ids (never by position): `service/title`,
   * `step:<uid>/showIf`, `step:<uid>/order`, `steps/order`, `field:<uid>` (removed and changed),
   * `field:<uid>/label`, `field:<uid>/place`, `field:<uid>/option:<value>/label`,
   * `validation:<id>/rule`, `step:<uid>/validation:<id>`, `computed:<key>/rule`, `check`.
   * A resolution names the conflict by it.
   */
  id: string;
  reason: ConflictReason;
  subject: ConflictSubject;
  /** The value in each version; absent where the element or property does not exist there. */
  base?: unknown;
  ours?: unknown;
  theirs?: unknown;
  /** For `check-failed`: what the definition check says. */
  problems?: DefinitionProblem[];
}

/**
 * How a designer decides one conflict: take our value, take theirs, or give an edited value (of
 * the same kind as the conflict's values: a label, a rule, a whole field, a list of uids for an
 * order, a step's or group's uid for a field's place). Taking a side's absent value removes the
 * element or property.
 */
export type Resolution = { take: 'ours' } | { take: 'theirs' } | { value: unknown };

/** Resolutions by conflict id. */
export type Resolutions = Readonly<Record<string, Resolution>>;

export interface MergeResult {
  /**
   * The merged definition, deep-frozen. Where a conflict is unresolved it holds our value, so it
   * is the draft as it was in that respect; the merge never publishes anything by itself.
   */
  definition: ServiceDefinition;
  /** Empty when the merge is complete: then `definition` passes the definition check. */
  conflicts: MergeConflict[];
}
