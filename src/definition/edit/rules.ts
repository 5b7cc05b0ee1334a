/**
 * Where a condition of the visual editor lives and what it may read (ADR 0046): the rule of a
 * step or field named by its uid, the answers earlier in the journey it may ask about (the fields
 * the rule builder offers, by their stable ids), and setting the rule without touching anything
 * else. Pure.
 */
import type { Field, GroupField, JsonLogicRule, ServiceDefinition, Step } from '../types.ts';
import { fieldAt, fieldPlace, stepIndex } from './operations.ts';
import { ruleSettings } from './settings.ts';

/** The conditions the rule builder edits. */
export type RuleName = 'showIf' | 'requiredIf';

/** A step or field that carries a rule, with the JSON pointer of the element. */
export type RuleOwner =
  | { kind: 'step'; step: Step; index: number; path: string }
  | { kind: 'field'; field: Field; group: GroupField | undefined; path: string };

/** The step or field with `uid`, or nothing. */
export function ruleOwner(definition: ServiceDefinition, uid: string): RuleOwner | undefined {
  const s = stepIndex(definition, uid);
  if (s !== undefined) return { kind: 'step', step: definition.steps[s]!, index: s, path: `/steps/${s}` };
  const place = fieldPlace(definition, uid);
  if (!place) return undefined;
  const field = fieldAt(definition, place);
  const top = `/steps/${place.step}/fields/${place.field}`;
  if (place.item === undefined) return { kind: 'field', field, group: undefined, path: top };
  const group = fieldAt(definition, { step: place.step, field: place.field }) as GroupField;
  return { kind: 'field', field, group, path: `${top}/fields/${place.item}` };
}

/** Whether the element has this rule at all (a step only shows or hides; some fields are never required). */
export function hasRule(owner: RuleOwner, name: RuleName): boolean {
  return ruleSettings(owner.kind === 'step' ? 'step' : owner.field.type).includes(name);
}

export function ruleOf(owner: RuleOwner, name: RuleName): JsonLogicRule | undefined {
  const element = (owner.kind === 'step' ? owner.step : owner.field) as unknown as Record<string, unknown>;
  return element[name];
}

/** Field types whose answers have no value a condition can compare: blocks, groups, files, addresses. */
export const NOT_ASKABLE: ReadonlySet<Field['type']> = new Set([
  'info',
  'warning',
  'declaration',
  'group',
  'file',
  'address',
  'foreignAddress',
]);

/**
 * The answers a rule of the element may read, in the order a citizen gives them: every field of
 * the steps before it and, for a field, the fields before it on its step; an item field of a
 * repeating group also reads the item's earlier fields. The definition check allows no more
 * (a rule reading a later answer or its own is a problem), so the builder offers no more.
 */
export function earlierFields(definition: ServiceDefinition, uid: string): Field[] {
  const found: Field[] = [];
  const add = (field: Field) => {
    if (!NOT_ASKABLE.has(field.type)) found.push(field);
  };
  for (const step of definition.steps) {
    if (step.uid === uid) return found;
    for (const field of step.fields) {
      if (field.uid === uid) return found;
      if (field.type === 'group') {
        const index = field.fields.findIndex((item) => item.uid === uid);
        if (index >= 0) {
          for (const item of field.fields.slice(0, index)) add(item);
          return found;
        }
      }
      add(field);
    }
  }
  return [];
}

/**
 * The definition with the element's rule set (or removed when `rule` is undefined); everything
 * else, the element's other rule included, stays as it was. Undefined when the element is gone.
 */
export function setRule(
  definition: ServiceDefinition,
  uid: string,
  name: RuleName,
  rule: JsonLogicRule | undefined,
): ServiceDefinition | undefined {
  const next = structuredClone(definition) as ServiceDefinition;
  const owner = ruleOwner(next, uid);
  if (!owner || !hasRule(owner, name)) return undefined;
  const element = (owner.kind === 'step' ? owner.step : owner.field) as unknown as Record<string, unknown>;
  if (rule === undefined) delete element[name];
  else element[name] = rule;
  return next;
}
