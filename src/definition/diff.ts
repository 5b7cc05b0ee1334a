/**
 * What changed between two versions of a definition, as a list a person can read ("field
 * *Geburtsdatum* added to step *Halter*", "label of *IBAN* changed", "fee rule changed") — never a
 * raw JSON diff. Steps and fields are matched by their stable `uid` (ADR 0023), so a renamed key or
 * a field moved to another step is one change, not a removal and an addition. Validations are
 * matched by `id`, computed values by `key`.
 *
 * Pure and structured: the web layer turns each change into a sentence in the reader's language;
 * the network catalog reuses the same list for "what changed upstream".
 */
import type {
  ComputedValue,
  Field,
  LocalizedText,
  Option,
  ServiceDefinition,
  Step,
  Validation,
} from './types.ts';

/** A step as a change names it: its uid, and its title in the version the change is about. */
export interface StepRef {
  uid: string;
  title: LocalizedText;
}

/** A field as a change names it; `group` when it is an item field of a repeating group. */
export interface FieldRef {
  uid: string;
  key: string;
  /** The label, or for text blocks (which have none) their first words. */
  label: LocalizedText;
  group?: { uid: string; label: LocalizedText };
}

/** The aspects of a field a change can be about; `settings` lists the other properties. */
export type FieldAspect =
  | 'key'
  | 'label'
  | 'hint'
  | 'type'
  | 'required'
  | 'condition'
  | 'requiredCondition'
  | 'text'
  | 'options'
  | 'settings';

export type StepAspect = 'title' | 'description' | 'condition' | 'url' | 'validations';

/** Top-level parts of the definition that change as a whole. */
export type ServiceAspect =
  | 'id'
  | 'title'
  | 'summary'
  | 'leikaKey'
  | 'startPage'
  | 'declaration'
  | 'notes'
  | 'office'
  | 'cost'
  | 'nextSteps';

export type DefinitionChange =
  | { kind: 'service-changed'; aspect: ServiceAspect }
  | { kind: 'step-added'; step: StepRef; position: number }
  | { kind: 'step-removed'; step: StepRef }
  | { kind: 'step-changed'; step: StepRef; aspect: StepAspect }
  | { kind: 'steps-reordered' }
  | { kind: 'field-added'; field: FieldRef; step: StepRef }
  | { kind: 'field-removed'; field: FieldRef; step: StepRef }
  | { kind: 'field-moved'; field: FieldRef; from: StepRef; to: StepRef }
  | {
      kind: 'field-changed';
      field: FieldRef;
      aspect: FieldAspect;
      /** For `key`, `label`, `type` and `required`: the value before and after. */
      from?: string | boolean | LocalizedText;
      to?: string | boolean | LocalizedText;
      /** For `options`: the option values added and removed, and those whose label changed. */
      added?: string[];
      removed?: string[];
      relabelled?: string[];
      /** For `settings`: the names of the other properties that changed, sorted. */
      properties?: string[];
    }
  | { kind: 'fields-reordered'; step: StepRef }
  | { kind: 'validation-added' | 'validation-removed' | 'validation-changed'; id: string }
  | { kind: 'computed-added' | 'computed-removed' | 'computed-changed'; key: string }
  | { kind: 'fee-added' | 'fee-removed' }
  | { kind: 'fee-changed'; aspect: 'rule' | 'label' };

/** Deep equality of JSON values, ignoring the order of object keys (not of arrays). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  }
  // Without building key lists: the three-way merge compares every property of every field.
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let defined = 0;
  for (const k of Object.keys(ra)) {
    if (ra[k] === undefined) continue;
    defined++;
    if (!sameJson(ra[k], rb[k])) return false;
  }
  for (const k of Object.keys(rb)) if (rb[k] !== undefined) defined--;
  return defined === 0;
}

/** A located field: where it is in one version. */
interface Located {
  field: Field;
  ref: FieldRef;
  step: StepRef;
}

const FIRST_WORDS = 6;

function firstWords(text: LocalizedText): LocalizedText {
  const cut = (s: string) => {
    const words = s
      .replace(/[*_#>`[\]]/g, '')
      .split(/\s+/)
      .filter(Boolean);
    return words.length > FIRST_WORDS ? `${words.slice(0, FIRST_WORDS).join(' ')} …` : words.join(' ');
  };
  return { de: cut(text.de), ...(text.en !== undefined && { en: cut(text.en) }) };
}

/** How a change or a merge conflict names a field: its label, or a text block's first words. */
export function labelOf(field: Field): LocalizedText {
  if ('label' in field) return field.label;
  return firstWords(field.text);
}

export function stepRef(step: Step): StepRef {
  return { uid: step.uid ?? step.id, title: step.title };
}

/** Every field (and item field) of the definition by uid. Parsed definitions always have uids. */
function locate(definition: ServiceDefinition): Map<string, Located> {
  const found = new Map<string, Located>();
  for (const step of definition.steps) {
    const sRef = stepRef(step);
    for (const field of step.fields) {
      const ref: FieldRef = { uid: field.uid ?? field.key, key: field.key, label: labelOf(field) };
      found.set(ref.uid, { field, ref, step: sRef });
      if (field.type === 'group') {
        const group = { uid: ref.uid, label: field.label };
        for (const item of field.fields) {
          const itemRef: FieldRef = {
            uid: item.uid ?? `${field.key}/${item.key}`,
            key: item.key,
            label: labelOf(item),
            group,
          };
          found.set(itemRef.uid, { field: item, ref: itemRef, step: sRef });
        }
      }
    }
  }
  return found;
}

/** Properties of a field compared one by one; everything else is a "setting". */
const NAMED_ASPECTS: Record<string, FieldAspect> = {
  key: 'key',
  label: 'label',
  hint: 'hint',
  type: 'type',
  required: 'required',
  showIf: 'condition',
  requiredIf: 'requiredCondition',
  text: 'text',
  title: 'text',
  options: 'options',
};
/** Not part of what a field means: identity, provenance and the group's own item list. */
const IGNORED = new Set(['uid', 'fim', 'fields']);

function optionChanges(
  before: readonly Option[] | undefined,
  after: readonly Option[] | undefined,
): Pick<Extract<DefinitionChange, { kind: 'field-changed' }>, 'added' | 'removed' | 'relabelled'> {
  const old = new Map((before ?? []).map((o) => [o.value, o]));
  const now = new Map((after ?? []).map((o) => [o.value, o]));
  return {
    added: [...now.keys()].filter((v) => !old.has(v)),
    removed: [...old.keys()].filter((v) => !now.has(v)),
    relabelled: [...now.values()]
      .filter((o) => old.has(o.value) && !sameJson(old.get(o.value)?.label, o.label))
      .map((o) => o.value),
  };
}

function fieldChanges(before: Located, after: Located): DefinitionChange[] {
  const changes: DefinitionChange[] = [];
  const a = before.field as unknown as Record<string, unknown>;
  const b = after.field as unknown as Record<string, unknown>;
  const settings: string[] = [];
  const seen = new Set<FieldAspect>();
  for (const property of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    if (IGNORED.has(property) || sameJson(a[property], b[property])) continue;
    const aspect = NAMED_ASPECTS[property];
    if (!aspect) {
      settings.push(property);
      continue;
    }
    if (seen.has(aspect)) continue;
    seen.add(aspect);
    const change: Extract<DefinitionChange, { kind: 'field-changed' }> = {
      kind: 'field-changed',
      field: after.ref,
      aspect,
    };
    if (aspect === 'key' || aspect === 'label' || aspect === 'type' || aspect === 'required') {
      const from = a[property] ?? (aspect === 'required' ? false : undefined);
      const to = b[property] ?? (aspect === 'required' ? false : undefined);
      if (aspect === 'required' && from === to) continue;
      change.from = from as string | boolean | LocalizedText;
      change.to = to as string | boolean | LocalizedText;
    }
    if (aspect === 'options') {
      Object.assign(
        change,
        optionChanges(a.options as Option[] | undefined, b.options as Option[] | undefined),
      );
    }
    changes.push(change);
  }
  if (settings.length > 0) {
    changes.push({ kind: 'field-changed', field: after.ref, aspect: 'settings', properties: settings });
  }
  return changes;
}

/** Whether the elements both versions share appear in the same order. */
function sameOrder(before: readonly string[], after: readonly string[]): boolean {
  const common = new Set(before.filter((x) => after.includes(x)));
  const a = before.filter((x) => common.has(x));
  const b = after.filter((x) => common.has(x));
  return a.every((x, i) => x === b[i]);
}

function keyed<T>(items: readonly T[] | undefined, key: (item: T) => string): Map<string, T> {
  return new Map((items ?? []).map((item) => [key(item), item]));
}

function rulesChanges(before: ServiceDefinition, after: ServiceDefinition): DefinitionChange[] {
  const changes: DefinitionChange[] = [];
  const oldValidations = keyed<Validation>(before.validations, (v) => v.id);
  const newValidations = keyed<Validation>(after.validations, (v) => v.id);
  for (const [id, v] of newValidations) {
    const old = oldValidations.get(id);
    if (!old) changes.push({ kind: 'validation-added', id });
    else if (!sameJson(old, v)) changes.push({ kind: 'validation-changed', id });
  }
  for (const id of oldValidations.keys()) {
    if (!newValidations.has(id)) changes.push({ kind: 'validation-removed', id });
  }
  const oldComputed = keyed<ComputedValue>(before.computed, (c) => c.key);
  const newComputed = keyed<ComputedValue>(after.computed, (c) => c.key);
  for (const [key, c] of newComputed) {
    const old = oldComputed.get(key);
    if (!old) changes.push({ kind: 'computed-added', key });
    else if (!sameJson(old, c)) changes.push({ kind: 'computed-changed', key });
  }
  for (const key of oldComputed.keys()) {
    if (!newComputed.has(key)) changes.push({ kind: 'computed-removed', key });
  }
  const oldFee = before.local.fee;
  const newFee = after.local.fee;
  if (!oldFee && newFee) changes.push({ kind: 'fee-added' });
  else if (oldFee && !newFee) changes.push({ kind: 'fee-removed' });
  else if (oldFee && newFee) {
    if (!sameJson(oldFee.rule, newFee.rule)) changes.push({ kind: 'fee-changed', aspect: 'rule' });
    if (!sameJson(oldFee.label, newFee.label)) changes.push({ kind: 'fee-changed', aspect: 'label' });
  }
  return changes;
}

function serviceChanges(before: ServiceDefinition, after: ServiceDefinition): DefinitionChange[] {
  const pairs: Array<[ServiceAspect, unknown, unknown]> = [
    ['id', before.id, after.id],
    ['title', before.title, after.title],
    ['summary', before.summary, after.summary],
    ['leikaKey', before.leikaKey, after.leikaKey],
    ['startPage', before.startPage, after.startPage],
    ['declaration', before.declaration, after.declaration],
    ['notes', before.notes, after.notes],
    ['office', before.local.office, after.local.office],
    ['cost', before.local.cost, after.local.cost],
    ['nextSteps', before.local.nextSteps, after.local.nextSteps],
  ];
  return pairs
    .filter(([, a, b]) => !sameJson(a, b))
    .map(([aspect]) => ({ kind: 'service-changed', aspect }) as const);
}

function stepChanges(before: ServiceDefinition, after: ServiceDefinition): DefinitionChange[] {
  const changes: DefinitionChange[] = [];
  const oldSteps = keyed(before.steps, (s) => s.uid ?? s.id);
  const newSteps = keyed(after.steps, (s) => s.uid ?? s.id);
  after.steps.forEach((step, position) => {
    const old = oldSteps.get(step.uid ?? step.id);
    if (!old) {
      changes.push({ kind: 'step-added', step: stepRef(step), position });
      return;
    }
    const aspects: Array<[StepAspect, unknown, unknown]> = [
      ['title', old.title, step.title],
      ['description', old.description, step.description],
      ['condition', old.showIf, step.showIf],
      ['url', old.id, step.id],
      ['validations', old.validations, step.validations],
    ];
    for (const [aspect, a, b] of aspects) {
      if (!sameJson(a, b)) changes.push({ kind: 'step-changed', step: stepRef(step), aspect });
    }
  });
  for (const step of before.steps) {
    if (!newSteps.has(step.uid ?? step.id)) changes.push({ kind: 'step-removed', step: stepRef(step) });
  }
  if (
    !sameOrder(
      before.steps.map((s) => s.uid ?? s.id),
      after.steps.map((s) => s.uid ?? s.id),
    )
  ) {
    changes.push({ kind: 'steps-reordered' });
  }
  return changes;
}

function fieldsChanges(before: ServiceDefinition, after: ServiceDefinition): DefinitionChange[] {
  const changes: DefinitionChange[] = [];
  const old = locate(before);
  const now = locate(after);
  for (const [uid, here] of now) {
    const was = old.get(uid);
    if (!was) {
      changes.push({ kind: 'field-added', field: here.ref, step: here.step });
      continue;
    }
    if (was.step.uid !== here.step.uid || was.ref.group?.uid !== here.ref.group?.uid) {
      changes.push({ kind: 'field-moved', field: here.ref, from: was.step, to: here.step });
    }
    changes.push(...fieldChanges(was, here));
  }
  for (const [uid, was] of old) {
    if (!now.has(uid)) changes.push({ kind: 'field-removed', field: was.ref, step: was.step });
  }
  // Order within each step that both versions have (moves in and out are already said).
  const oldSteps = keyed(before.steps, (s) => s.uid ?? s.id);
  for (const step of after.steps) {
    const was = oldSteps.get(step.uid ?? step.id);
    if (!was) continue;
    const uids = (s: Step) => s.fields.map((f) => f.uid ?? f.key);
    if (!sameOrder(uids(was), uids(step))) changes.push({ kind: 'fields-reordered', step: stepRef(step) });
  }
  return changes;
}

/**
 * The changes from `before` to `after`, in reading order: the service as a whole, its steps, its
 * fields, then validations, computed values and the fee. Empty when they mean the same (key order
 * and provenance such as FIM ids do not count).
 */
export function diffDefinitions(before: ServiceDefinition, after: ServiceDefinition): DefinitionChange[] {
  return [
    ...serviceChanges(before, after),
    ...stepChanges(before, after),
    ...fieldsChanges(before, after),
    ...rulesChanges(before, after),
  ];
}
