/**
 * The visual editor's operations on a definition: add, change, remove and move steps and fields.
 * Pure: each takes a definition and returns a new one (the argument is never changed), or
 * `undefined` when the element it names is not there (a stale form). Every step and field keeps
 * its `uid` through every operation; a new element gets its uid the way `parseDefinition` gives
 * one (`fillUids`: derived from its key, numbered when taken), so an element added in the editor
 * and one added in JSON are named alike (ADR 0023, ADR 0033).
 *
 * The operations keep the document's shape (arrays stay arrays, every field keeps its type's
 * required properties) but not its validity: a draft may have problems, which the definition check
 * lists; a new element is valid on its own, so adding one never causes a problem.
 */
import { fieldTypeFacts } from '../field-types/table.ts';
import type {
  EasyText,
  Field,
  FieldType,
  GroupField,
  ItemField,
  LocalizedText,
  ServiceDefinition,
  Step,
} from '../types.ts';
import { fillUids } from '../uid.ts';
import { takenKeys, unique, uniqueFieldKey, uniqueStepId } from './keys.ts';
import { NEW_FIELD } from './new-field.ts';

/** Where a field is: its step, its place there, and its place in a group's items when it is one. */
export interface FieldPlace {
  step: number;
  field: number;
  item?: number;
}

/** A copy the caller may change, with every missing uid filled in (drafts always carry them). */
export function editable(definition: ServiceDefinition): ServiceDefinition {
  const copy = structuredClone(definition) as ServiceDefinition;
  fillUids(copy);
  return copy;
}

/** A service with nothing in it yet but its id, its title and the texts every service needs. */
export function emptyDefinition(id: string, title: LocalizedText): ServiceDefinition {
  return {
    formatVersion: 2,
    id,
    title,
    summary: { ...title },
    declaration: {
      de: 'Ich versichere, dass meine Angaben richtig und vollständig sind.',
      en: 'I confirm that the information I have given is correct and complete.',
    },
    steps: [],
    // An empty name is a problem the check lists: the office is the municipality's to name.
    local: { office: { name: { de: '' } } },
  };
}

export function stepIndex(definition: ServiceDefinition, uid: string): number | undefined {
  const index = definition.steps.findIndex((s) => s.uid === uid);
  return index < 0 ? undefined : index;
}

export function fieldPlace(definition: ServiceDefinition, uid: string): FieldPlace | undefined {
  for (const [s, step] of definition.steps.entries()) {
    for (const [f, field] of step.fields.entries()) {
      if (field.uid === uid) return { step: s, field: f };
      if (field.type === 'group') {
        const i = field.fields.findIndex((item) => item.uid === uid);
        if (i >= 0) return { step: s, field: f, item: i };
      }
    }
  }
  return undefined;
}

export function fieldAt(definition: ServiceDefinition, place: FieldPlace): Field {
  const field = definition.steps[place.step]!.fields[place.field]!;
  return place.item === undefined ? field : (field as GroupField).fields[place.item]!;
}

/** The list a field is in: its step's fields, or its group's item fields. */
function containerOf(definition: ServiceDefinition, place: FieldPlace): Field[] {
  const fields = definition.steps[place.step]!.fields;
  return place.item === undefined ? fields : (fields[place.field] as GroupField).fields;
}

function swap<T>(list: T[], index: number, by: -1 | 1): boolean {
  const other = index + by;
  if (other < 0 || other >= list.length) return false;
  [list[index], list[other]] = [list[other]!, list[index]!];
  return true;
}

export function addStep(
  definition: ServiceDefinition,
  title: LocalizedText,
): { definition: ServiceDefinition; uid: string } {
  const next = editable(definition);
  next.steps.push({ id: uniqueStepId(next, title.de), title, fields: [] });
  fillUids(next);
  return { definition: next, uid: next.steps.at(-1)!.uid! };
}

/** The texts of a step: its title and description; its id (URL segment) when given. */
export interface StepTexts {
  id?: string;
  title: LocalizedText;
  description?: EasyText | undefined;
  /** The step's condition; `undefined` removes it. Left as it is when the property is absent. */
  showIf?: unknown;
}

export function updateStep(
  definition: ServiceDefinition,
  uid: string,
  texts: StepTexts,
): ServiceDefinition | undefined {
  const next = editable(definition);
  const index = stepIndex(next, uid);
  if (index === undefined) return undefined;
  const step: Step = { ...next.steps[index]!, title: texts.title };
  if (texts.id !== undefined) step.id = texts.id;
  if (texts.description) step.description = texts.description;
  else delete step.description;
  if ('showIf' in texts) {
    if (texts.showIf === undefined) delete step.showIf;
    else step.showIf = texts.showIf;
  }
  next.steps[index] = step;
  return next;
}

export function removeStep(definition: ServiceDefinition, uid: string): ServiceDefinition | undefined {
  const next = editable(definition);
  const index = stepIndex(next, uid);
  if (index === undefined) return undefined;
  next.steps.splice(index, 1);
  return next;
}

/** Moves a step one place up (-1) or down (1); at either end it stays where it is. */
export function moveStep(
  definition: ServiceDefinition,
  uid: string,
  by: -1 | 1,
): ServiceDefinition | undefined {
  const next = editable(definition);
  const index = stepIndex(next, uid);
  if (index === undefined) return undefined;
  swap(next.steps, index, by);
  return next;
}

/** Why a field cannot be added where it was asked for. */
export type AddFieldRefusal = 'not-in-group';

/**
 * Adds a field of `type` at the end of the step, or of the group's items when `groupUid` is given
 * (the types whose facts allow it in a group item: not a group, not a file). Its key is made from the label, unique
 * in the definition.
 */
export function addField(
  definition: ServiceDefinition,
  target: { stepUid: string } | { groupUid: string },
  type: FieldType,
  label: LocalizedText,
): { definition: ServiceDefinition; uid: string } | { refused: AddFieldRefusal } | undefined {
  const next = editable(definition);
  const key = uniqueFieldKey(next, label.de);
  const field = NEW_FIELD[type](key, label);
  if (field.type === 'group') {
    // The sample item field's key must be unique too.
    const taken = takenKeys(next);
    taken.add(key);
    field.fields[0]!.key = unique(field.fields[0]!.key, taken);
  }
  let list: Field[];
  if ('stepUid' in target) {
    const index = stepIndex(next, target.stepUid);
    if (index === undefined) return undefined;
    list = next.steps[index]!.fields;
  } else {
    const place = fieldPlace(next, target.groupUid);
    if (!place || place.item !== undefined) return undefined;
    const group = fieldAt(next, place);
    if (group.type !== 'group') return undefined;
    if (fieldTypeFacts[type].inGroupItem !== 'allowed') return { refused: 'not-in-group' };
    list = group.fields;
  }
  list.push(field as ItemField);
  fillUids(next);
  return { definition: next, uid: list.at(-1)!.uid! };
}

/**
 * Puts `field` in the place of the field with `uid`, keeping that uid whatever `field` says: the
 * settings form builds the whole field anew from what was posted.
 */
export function replaceField(
  definition: ServiceDefinition,
  uid: string,
  field: Field,
): ServiceDefinition | undefined {
  const next = editable(definition);
  const place = fieldPlace(next, uid);
  if (!place) return undefined;
  containerOf(next, place)[place.item ?? place.field] = { ...structuredClone(field), uid };
  return next;
}

export function removeField(definition: ServiceDefinition, uid: string): ServiceDefinition | undefined {
  const next = editable(definition);
  const place = fieldPlace(next, uid);
  if (!place) return undefined;
  containerOf(next, place).splice(place.item ?? place.field, 1);
  return next;
}

/** Moves a field one place up or down among its step's fields (or its group's items). */
export function moveField(
  definition: ServiceDefinition,
  uid: string,
  by: -1 | 1,
): ServiceDefinition | undefined {
  const next = editable(definition);
  const place = fieldPlace(next, uid);
  if (!place) return undefined;
  swap(containerOf(next, place), place.item ?? place.field, by);
  return next;
}

/**
 * Moves a field to the end of another step. Item fields stay in their group (an item field on a
 * step of its own would be another question), so only a step's own fields move.
 */
export function moveFieldToStep(
  definition: ServiceDefinition,
  uid: string,
  stepUid: string,
): ServiceDefinition | undefined {
  const next = editable(definition);
  const place = fieldPlace(next, uid);
  const target = stepIndex(next, stepUid);
  if (!place || place.item !== undefined || target === undefined) return undefined;
  const [field] = next.steps[place.step]!.fields.splice(place.field, 1);
  next.steps[target]!.fields.push(field!);
  return next;
}
