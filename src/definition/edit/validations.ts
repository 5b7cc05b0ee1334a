/**
 * Cross-field checks as the visual editor edits them (ADR 0046, amendment of 3 December 2026):
 * where a check lives (a step's `validations`, or the definition's for checks over several
 * steps), what its rule may read, the `fields` it is about, and its rule as pickers.
 *
 * A check's rule is truthy when the answers are valid. Designers think of the error ("Fehler,
 * wenn *Ende* < *Beginn*"), so the pickers say when it is an error, written as
 * `{"!": [<condition>]}`; a rule without that negation reads as "valid only if <condition>". Both
 * forms are read exactly and written back unchanged (the round trip is the identity); any other
 * rule is not representable and stays JSON. Pure.
 */
import type { Field, JsonLogicRule, ServiceDefinition, Validation } from '../types.ts';
import { type PickerNode, readPickers, toJsonLogic } from './rule-pickers.ts';
import { NOT_ASKABLE } from './rules.ts';

/** Where a check is: on a step (by uid) or on the whole application. */
export type CheckOwner = { kind: 'step'; uid: string; index: number } | { kind: 'definition' };

/** The address segment of the definition's own checks (a step is named by its uid). */
export const WHOLE_APPLICATION = 'antrag';

export interface CheckPickers {
  /** `error`: the condition says when the answers are wrong; `valid`: when they are right. */
  mode: 'error' | 'valid';
  node: PickerNode;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function readCheckPickers(rule: JsonLogicRule): CheckPickers | undefined {
  if (isObject(rule) && Object.keys(rule).length === 1 && Array.isArray(rule['!'])) {
    const args = rule['!'] as unknown[];
    if (args.length !== 1) return undefined;
    const inner = readPickers(args[0]);
    return inner.ok ? { mode: 'error', node: inner.node } : undefined;
  }
  const read = readPickers(rule);
  return read.ok ? { mode: 'valid', node: read.node } : undefined;
}

/** The rule of check pickers: the inverse of `readCheckPickers` for every rule it reads. */
export function checkRule(pickers: CheckPickers): JsonLogicRule {
  const rule = toJsonLogic(pickers.node);
  return pickers.mode === 'error' ? { '!': [rule] } : rule;
}

export function ownerOf(definition: ServiceDefinition, segment: string): CheckOwner | undefined {
  if (segment === WHOLE_APPLICATION) return { kind: 'definition' };
  const index = definition.steps.findIndex((s) => s.uid === segment);
  return index < 0 ? undefined : { kind: 'step', uid: segment, index };
}

export const ownerSegment = (owner: CheckOwner): string =>
  owner.kind === 'step' ? owner.uid : WHOLE_APPLICATION;

const askable = (fields: readonly Field[]) => fields.filter((f) => !NOT_ASKABLE.has(f.type));

/**
 * The answers a check's rule may read: a step's check the answers up to its step (it is checked
 * there), the application's check those of every step; never item fields of repeating groups.
 */
export function checkFields(definition: ServiceDefinition, owner: CheckOwner): Field[] {
  const steps = owner.kind === 'step' ? definition.steps.slice(0, owner.index + 1) : definition.steps;
  return steps.flatMap((step) => askable(step.fields));
}

/** The fields a check's message may be shown at: its step's, or any step's for the application's. */
export function messageFields(definition: ServiceDefinition, owner: CheckOwner): Field[] {
  return owner.kind === 'step'
    ? askable(definition.steps[owner.index]!.fields)
    : checkFields(definition, owner);
}

/** The keys a picker condition reads, in order of appearance. */
function keysRead(node: PickerNode, into: string[] = []): string[] {
  if (node.kind === 'group') {
    for (const item of node.items) keysRead(item, into);
    return into;
  }
  for (const key of 'other' in node ? [node.field, node.other] : [node.field])
    if (!into.includes(key)) into.push(key);
  return into;
}

/**
 * The check's `fields`: the field its message is shown at first, then every other field the rule
 * reads that a check of this place may name (a step's check names fields of its step only). The
 * check is made when all of them are answered, so a comparison never meets an empty answer.
 */
export function checkFieldKeys(
  definition: ServiceDefinition,
  owner: CheckOwner,
  messageKey: string,
  node: PickerNode,
): string[] {
  const nameable = new Set(messageFields(definition, owner).map((f) => f.key));
  return [messageKey, ...keysRead(node).filter((key) => key !== messageKey && nameable.has(key))];
}

/** The checks of a place, as stored. */
export function checksOf(definition: ServiceDefinition, owner: CheckOwner): Validation[] {
  return (owner.kind === 'step' ? definition.steps[owner.index]!.validations : definition.validations) ?? [];
}

/** The check with this id: its place and position. */
export function findCheck(
  definition: ServiceDefinition,
  id: string,
): { owner: CheckOwner; index: number; validation: Validation; path: string } | undefined {
  for (const [s, step] of definition.steps.entries()) {
    const index = (step.validations ?? []).findIndex((v) => v.id === id);
    if (index >= 0 && step.uid)
      return {
        owner: { kind: 'step', uid: step.uid, index: s },
        index,
        validation: step.validations![index]!,
        path: `/steps/${s}/validations/${index}`,
      };
  }
  const index = (definition.validations ?? []).findIndex((v) => v.id === id);
  if (index < 0) return undefined;
  return {
    owner: { kind: 'definition' },
    index,
    validation: definition.validations![index]!,
    path: `/validations/${index}`,
  };
}

/** An id no check of the definition has: `pruefung1`, `pruefung2`, … */
export function newCheckId(definition: ServiceDefinition): string {
  const taken = new Set([
    ...(definition.validations ?? []).map((v) => v.id),
    ...definition.steps.flatMap((s) => (s.validations ?? []).map((v) => v.id)),
  ]);
  let n = 1;
  while (taken.has(`pruefung${n}`)) n++;
  return `pruefung${n}`;
}

/**
 * The definition with the check `id` of the place replaced by `validation` (its id kept), added
 * at the end when `id` is undefined, or removed when `validation` is undefined. Undefined when the
 * place or the check is gone (a stale form).
 */
export function setCheck(
  definition: ServiceDefinition,
  owner: CheckOwner,
  id: string | undefined,
  validation: Validation | undefined,
): ServiceDefinition | undefined {
  const next = structuredClone(definition) as ServiceDefinition;
  if (owner.kind === 'step' && next.steps[owner.index]?.uid !== owner.uid) return undefined;
  const list = [...checksOf(next, owner)];
  if (id === undefined) {
    if (!validation) return undefined;
    list.push(validation);
  } else {
    const index = list.findIndex((v) => v.id === id);
    if (index < 0) return undefined;
    if (validation) list[index] = { ...validation, id };
    else list.splice(index, 1);
  }
  const target = owner.kind === 'step' ? next.steps[owner.index]! : next;
  if (list.length > 0) target.validations = list;
  else delete target.validations;
  return next;
}
