/**
 * The three-way merge of service definitions (ADR 0045): a municipality's copy ("ours") takes in
 * the origin's new version ("theirs"), given the origin's version the copy was made from or last
 * merged with ("base"). Elements are matched by their stable ids, never by JSON text or position:
 * steps and fields by `uid` (ADR 0023), validations by `id`, computed values by `key`, options by
 * `value`. So a renamed key, a changed label or a field moved to another step is a change of one
 * property of one element, and changes to different properties merge without conflict.
 *
 * Every property is merged on its own: what one side changed is taken, what both changed alike is
 * taken once, what both changed differently is a conflict. Removing an element on one side while
 * the other changed it is a conflict; removing an untouched one is taken. Orders are merged by
 * `merge-order.ts`. Local settings (`local`, ADR 0023) follow their own rule: ours always wins,
 * unless only theirs changed. The service's `id` is always ours: it is the copy's address in its
 * municipality, not content.
 *
 * A conflict is left at our value and listed (`merge-conflict.ts`); `resolveConflicts` runs the
 * same merge with the designer's decisions. When no conflict is left, the result must pass the
 * definition check; if it does not (a rule reading a key the other side renamed, a field moved
 * into a group that refuses it), that is the one conflict reported.
 *
 * Pure: the inputs are never changed (nor frozen); the result is a deep-frozen copy, like a parsed
 * definition.
 */
import { type FieldRef, labelOf, sameJson, stepRef } from './diff.ts';
import type {
  ConflictSubject,
  MergeConflict,
  MergeResult,
  Resolution,
  Resolutions,
} from './merge-conflict.ts';
import { mergeOrder } from './merge-order.ts';
import { parseDefinition } from './parse.ts';
import type { Field, ServiceDefinition, Step } from './types.ts';

type Obj = Record<string, unknown>;
type Subject = () => ConflictSubject;
type Merge3 = (base: unknown, ours: unknown, theirs: unknown) => unknown;

/** One run of the merge: the designer's decisions in, the undecided conflicts out. */
class MergeRun {
  readonly conflicts: MergeConflict[] = [];
  readonly used = new Set<string>();
  constructor(private readonly resolutions: Resolutions) {}

  resolution(id: string): Resolution | undefined {
    if (!Object.hasOwn(this.resolutions, id)) return undefined;
    this.used.add(id);
    return this.resolutions[id];
  }

  /** A conflict's value: the designer's decision, or (listed as undecided) ours. */
  decide(conflict: MergeConflict): { value: unknown; resolved: boolean } {
    const r = this.resolution(conflict.id);
    if (r === undefined) {
      this.conflicts.push(conflict);
      return { value: conflict.ours, resolved: false };
    }
    if ('value' in r) return { value: r.value, resolved: true };
    return { value: r.take === 'ours' ? conflict.ours : conflict.theirs, resolved: true };
  }

  /** The three-way merge of one value, compared as JSON. */
  value(id: string, subject: Subject, base: unknown, ours: unknown, theirs: unknown): unknown {
    if (sameJson(ours, theirs)) return ours;
    if (sameJson(base, ours)) return theirs;
    if (sameJson(base, theirs)) return ours;
    return this.decide({ id, reason: 'both-changed', subject: subject(), ...values(base, ours, theirs) })
      .value;
  }
}

/** The versions' values for a conflict, leaving out the absent ones (a conflict is plain JSON). */
function values(
  base: unknown,
  ours: unknown,
  theirs: unknown,
): Pick<MergeConflict, 'base' | 'ours' | 'theirs'> {
  return {
    ...(base !== undefined && { base }),
    ...(ours !== undefined && { ours }),
    ...(theirs !== undefined && { theirs }),
  };
}

const asObj = (value: unknown): Obj | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Obj) : undefined;

/**
 * Merges an object property by property; `special` merges some properties its own way, `skip`
 * leaves some out (the caller fills them in).
 */
function mergeProperties(
  run: MergeRun,
  id: string,
  subject: (property: string) => ConflictSubject,
  base: Obj | undefined,
  ours: Obj | undefined,
  theirs: Obj | undefined,
  special: Readonly<Record<string, Merge3>> = {},
  skip: ReadonlySet<string> = new Set(),
): Obj {
  const out: Obj = {};
  const names = new Set([
    ...Object.keys(ours ?? {}),
    ...Object.keys(theirs ?? {}),
    ...Object.keys(base ?? {}),
  ]);
  for (const name of names) {
    if (skip.has(name)) continue;
    const merge = special[name];
    const value = merge
      ? merge(base?.[name], ours?.[name], theirs?.[name])
      : run.value(`${id}/${name}`, () => subject(name), base?.[name], ours?.[name], theirs?.[name]);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/**
 * Whether an element stays, and as what: added on one side is taken; removed on one side is
 * taken if the other left it as it was, and a conflict if the other changed it.
 */
function mergeExistence<T>(
  run: MergeRun,
  id: string,
  subject: Subject,
  base: T | undefined,
  ours: T | undefined,
  theirs: T | undefined,
  mergeBoth: (base: T | undefined, ours: T, theirs: T) => T,
): T | undefined {
  if (base === undefined) {
    if (ours === undefined) return theirs;
    if (theirs === undefined) return ours;
    return mergeBoth(undefined, ours, theirs);
  }
  if (ours === undefined && theirs === undefined) return undefined;
  if (ours === undefined) {
    if (sameJson(base, theirs)) return undefined;
    return run.decide({ id, reason: 'removed-here', subject: subject(), base, theirs }).value as
      | T
      | undefined;
  }
  if (theirs === undefined) {
    if (sameJson(base, ours)) return undefined;
    return run.decide({ id, reason: 'removed-upstream', subject: subject(), base, ours }).value as
      | T
      | undefined;
  }
  return mergeBoth(base, ours, theirs);
}

/** The order after a conflict decided by a list of ids: those first, then the rest as merged. */
function arrange(preferred: unknown, order: readonly string[]): string[] | undefined {
  if (!Array.isArray(preferred) || !preferred.every((x) => typeof x === 'string')) return undefined;
  const present = new Set(order);
  const first = [...new Set(preferred as string[])].filter((x) => present.has(x));
  const taken = new Set(first);
  return [...first, ...order.filter((x) => !taken.has(x))];
}

/** The merged order of `keep`, with an order conflict decided or listed. */
function orderOf(
  run: MergeRun,
  id: string,
  subject: Subject,
  base: readonly string[],
  ours: readonly string[],
  theirs: readonly string[],
  keep: ReadonlySet<string>,
): string[] {
  const merged = mergeOrder(base, ours, theirs, keep);
  if (!merged.conflict) return merged.order;
  const decided = run.decide({ id, reason: 'both-reordered', subject: subject(), base, ours, theirs });
  if (!decided.resolved) return merged.order;
  const arranged = arrange(decided.value, merged.order);
  if (arranged) return arranged;
  // An edited order that is no list of ids decides nothing: the conflict stays.
  run.conflicts.push({ id, reason: 'both-reordered', subject: subject(), base, ours, theirs });
  return merged.order;
}

interface KeyedSpec {
  key: (item: Obj) => string;
  /** Conflict id of the element with this key. */
  id: (key: string) => string;
  subject: (key: string, property?: string) => ConflictSubject;
  orderId: string;
  orderSubject: Subject;
}

const listOf = (value: unknown): Obj[] => (Array.isArray(value) ? (value as Obj[]) : []);

/** What an emptied list becomes: absent or `[]`, as the sides have it (ours when they differ). */
function emptyAs(base: unknown, ours: unknown, theirs: unknown): unknown[] | undefined {
  const has = (v: unknown) => v !== undefined;
  const present = has(ours) === has(theirs) || has(base) !== has(ours) ? has(ours) : has(theirs);
  return present ? [] : undefined;
}

/** A list of elements with an id of their own (validations, computed values, options). */
function mergeKeyed(
  run: MergeRun,
  spec: KeyedSpec,
  base: unknown,
  ours: unknown,
  theirs: unknown,
): Obj[] | undefined {
  const [b, o, t] = [listOf(base), listOf(ours), listOf(theirs)];
  const index = (list: Obj[]) => new Map(list.map((item) => [spec.key(item), item]));
  const [bi, oi, ti] = [index(b), index(o), index(t)];
  const merged = new Map<string, Obj>();
  for (const key of new Set([...oi.keys(), ...ti.keys(), ...bi.keys()])) {
    const item = mergeExistence(
      run,
      spec.id(key),
      () => spec.subject(key),
      bi.get(key),
      oi.get(key),
      ti.get(key),
      (bItem, oItem, tItem) =>
        mergeProperties(run, spec.id(key), (p) => spec.subject(key, p), bItem, oItem, tItem),
    );
    if (item !== undefined) merged.set(key, item);
  }
  const order = orderOf(
    run,
    spec.orderId,
    spec.orderSubject,
    [...bi.keys()],
    [...oi.keys()],
    [...ti.keys()],
    new Set(merged.keys()),
  );
  const list = order.map((key) => merged.get(key) as Obj);
  return list.length > 0 ? list : (emptyAs(base, ours, theirs) as Obj[] | undefined);
}

// ---------------------------------------------------------------------------------------------
// Fields: merged across the whole definition, so a field moved between steps or into a group is
// one element whose place is one of its properties.

/** A field where it is in one version: its parent is a step's uid or a repeating group's uid. */
interface Placed {
  field: Obj;
  parent: string;
}

interface Layout {
  fields: Map<string, Placed>;
  /** The uids in each step or group, in order. */
  lists: Map<string, string[]>;
  refs: Map<string, FieldRef>;
}

const uidOfStep = (step: Step) => step.uid ?? step.id;

function layout(definition: ServiceDefinition): Layout {
  const fields = new Map<string, Placed>();
  const lists = new Map<string, string[]>();
  const refs = new Map<string, FieldRef>();
  const add = (field: Field, parent: string, list: string[], group?: FieldRef['group']) => {
    const uid = field.uid ?? field.key;
    fields.set(uid, { field: field as unknown as Obj, parent });
    list.push(uid);
    refs.set(uid, { uid, key: field.key, label: labelOf(field), ...(group && { group }) });
    return uid;
  };
  for (const step of definition.steps) {
    const list: string[] = [];
    lists.set(uidOfStep(step), list);
    for (const field of step.fields) {
      const uid = add(field, uidOfStep(step), list);
      if (field.type === 'group') {
        const items: string[] = [];
        lists.set(uid, items);
        for (const item of field.fields) add(item, uid, items, { uid, label: field.label });
      }
    }
  }
  return { fields, lists, refs };
}

const FIELD_OWN = new Set(['uid', 'fields']);

function optionSpec(uid: string, ref: () => FieldRef): KeyedSpec {
  return {
    key: (option) => String(option.value),
    id: (value) => `field:${uid}/option:${value}`,
    subject: (value, property) => ({
      kind: 'field',
      field: ref(),
      option: value,
      ...(property !== undefined && { property }),
    }),
    orderId: `field:${uid}/options/order`,
    orderSubject: () => ({ kind: 'field', field: ref(), property: 'options' }),
  };
}

/** Every field's merged content and place, by uid; the steps and groups are built from it. */
function mergeFields(run: MergeRun, base: Layout, ours: Layout, theirs: Layout): Map<string, Placed> {
  const merged = new Map<string, Placed>();
  const uids = new Set([...ours.fields.keys(), ...theirs.fields.keys(), ...base.fields.keys()]);
  for (const uid of uids) {
    const ref = () => (ours.refs.get(uid) ?? theirs.refs.get(uid) ?? base.refs.get(uid)) as FieldRef;
    const subject = (property?: string): ConflictSubject => ({
      kind: 'field',
      field: ref(),
      ...(property !== undefined && { property }),
    });
    const [b, o, t] = [base.fields.get(uid), ours.fields.get(uid), theirs.fields.get(uid)];
    if (!o || !t) {
      const placed = mergeFieldExistence(run, uid, subject, b, o, t);
      if (placed) merged.set(uid, placed);
      continue;
    }
    // Most fields are the same on both sides, or changed on one only: taken whole.
    if (sameJson(o, t) || (b && sameJson(b, t))) {
      merged.set(uid, o);
      continue;
    }
    if (b && sameJson(b, o)) {
      merged.set(uid, t);
      continue;
    }
    const parent = run.value(`field:${uid}/place`, () => subject('place'), b?.parent, o.parent, t.parent);
    const field = mergeProperties(
      run,
      `field:${uid}`,
      subject,
      b?.field,
      o.field,
      t.field,
      { options: (bo, oo, to) => mergeKeyed(run, optionSpec(uid, ref), bo, oo, to) },
      FIELD_OWN,
    );
    merged.set(uid, { field: { ...field, uid }, parent: String(parent) });
  }
  return merged;
}

/**
 * A field that one side lacks (added on the other, or removed): like `mergeExistence`, with the
 * conflict's values being the field itself, not its place.
 */
function mergeFieldExistence(
  run: MergeRun,
  uid: string,
  subject: (property?: string) => ConflictSubject,
  b: Placed | undefined,
  o: Placed | undefined,
  t: Placed | undefined,
): Placed | undefined {
  const removedOn = (kept: Placed, reason: 'removed-here' | 'removed-upstream'): Placed | undefined => {
    if (b && sameJson(b, kept)) return undefined;
    const decided = run.decide({
      id: `field:${uid}`,
      reason,
      subject: subject(),
      base: b?.field,
      ...(reason === 'removed-here' ? { theirs: kept.field } : { ours: kept.field }),
    });
    if (decided.value === undefined) return undefined;
    // An edited field takes the place of the side that kept it, under its own uid.
    return decided.value === kept.field
      ? kept
      : { field: { ...asObj(decided.value), uid }, parent: kept.parent };
  };
  if (!b || (!o && !t)) return o ?? t;
  return o ? removedOn(o, 'removed-upstream') : removedOn(t as Placed, 'removed-here');
}

// ---------------------------------------------------------------------------------------------
// Steps, validations, computed values, local settings, the service.

function validationSpec(prefix: string, step?: () => ReturnType<typeof stepRef>): KeyedSpec {
  return {
    key: (v) => String(v.id),
    id: (id) => `${prefix}validation:${id}`,
    subject: (id, property) => ({
      kind: 'validation',
      id,
      ...(step && { step: step() }),
      ...(property !== undefined && { property }),
    }),
    orderId: `${prefix}validations/order`,
    orderSubject: () => (step ? { kind: 'step', step: step(), property: 'validations' } : { kind: 'steps' }),
  };
}

const COMPUTED_SPEC: KeyedSpec = {
  key: (c) => String(c.key),
  id: (key) => `computed:${key}`,
  subject: (key, property) => ({ kind: 'computed', key, ...(property !== undefined && { property }) }),
  orderId: 'computed/order',
  orderSubject: () => ({ kind: 'service', property: 'computed' }),
};

/** Local settings: ours always wins, unless only theirs changed (ADR 0023, ADR 0045). */
function mergeLocal(base: unknown, ours: unknown, theirs: unknown): Obj {
  const [b, o, t] = [asObj(base) ?? {}, asObj(ours) ?? {}, asObj(theirs) ?? {}];
  const out: Obj = {};
  for (const name of new Set([...Object.keys(o), ...Object.keys(t), ...Object.keys(b)])) {
    const value = sameJson(b[name], o[name]) ? t[name] : o[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

const STEP_OWN = new Set(['uid', 'fields']);
const SERVICE_OWN = new Set(['steps']);

function mergeSteps(
  run: MergeRun,
  base: ServiceDefinition,
  ours: ServiceDefinition,
  theirs: ServiceDefinition,
): Map<string, Obj> {
  const index = (d: ServiceDefinition) => new Map(d.steps.map((s) => [uidOfStep(s), s]));
  const [bi, oi, ti] = [index(base), index(ours), index(theirs)];
  const merged = new Map<string, Obj>();
  for (const uid of new Set([...oi.keys(), ...ti.keys(), ...bi.keys()])) {
    const ref = () => stepRef((oi.get(uid) ?? ti.get(uid) ?? bi.get(uid)) as Step);
    const subject = (property?: string): ConflictSubject => ({
      kind: 'step',
      step: ref(),
      ...(property !== undefined && { property }),
    });
    const [b, o, t] = [bi.get(uid), oi.get(uid), ti.get(uid)] as Array<Obj | undefined>;
    const step = mergeExistence(run, `step:${uid}`, subject, b, o, t, (bs, os, ts) => ({
      ...mergeProperties(
        run,
        `step:${uid}`,
        subject,
        bs,
        os,
        ts,
        {
          validations: (bv, ov, tv) => mergeKeyed(run, validationSpec(`step:${uid}/`, ref), bv, ov, tv),
        },
        STEP_OWN,
      ),
      uid,
    }));
    if (step !== undefined) merged.set(uid, step);
  }
  return merged;
}

/** Puts the merged fields into the merged steps and groups, in merged order. */
function assemble(
  run: MergeRun,
  steps: Map<string, Obj>,
  fields: Map<string, Placed>,
  layouts: { base: Layout; ours: Layout; theirs: Layout },
  stepOrder: string[],
): Obj[] {
  // Where each field goes: a merged step, or a merged group that stands on a merged step.
  const containers = new Set(steps.keys());
  for (const [uid, placed] of fields) {
    if (placed.field.type === 'group' && steps.has(placed.parent)) containers.add(uid);
  }
  const members = new Map<string, Set<string>>();
  const join = (parent: string, uid: string) => {
    const set = members.get(parent) ?? new Set<string>();
    set.add(uid);
    members.set(parent, set);
  };
  for (const [uid, placed] of fields) {
    if (containers.has(placed.parent)) {
      join(placed.parent, uid);
      continue;
    }
    const ref = (layouts.ours.refs.get(uid) ??
      layouts.theirs.refs.get(uid) ??
      layouts.base.refs.get(uid)) as FieldRef;
    const conflict: MergeConflict = {
      id: `field:${uid}/place`,
      reason: 'place-removed',
      subject: { kind: 'field', field: ref, property: 'place' },
      ...values(
        layouts.base.fields.get(uid)?.parent,
        layouts.ours.fields.get(uid)?.parent,
        layouts.theirs.fields.get(uid)?.parent,
      ),
    };
    const decided = run.decide(conflict);
    // Decided for a place that exists: it goes there. Otherwise it stays listed, and out.
    if (decided.resolved && typeof decided.value === 'string' && containers.has(decided.value)) {
      join(decided.value, uid);
    } else if (decided.resolved) run.conflicts.push(conflict);
  }
  const ordered = (parent: string, id: string, subject: Subject): Obj[] =>
    orderOf(
      run,
      id,
      subject,
      layouts.base.lists.get(parent) ?? [],
      layouts.ours.lists.get(parent) ?? [],
      layouts.theirs.lists.get(parent) ?? [],
      members.get(parent) ?? new Set(),
    ).map((uid) => {
      const field = (fields.get(uid) as Placed).field;
      if (!containers.has(uid)) return field;
      const ref = () =>
        layouts.ours.refs.get(uid) ?? layouts.theirs.refs.get(uid) ?? layouts.base.refs.get(uid);
      return {
        ...field,
        fields: ordered(uid, `field:${uid}/fields/order`, () => ({
          kind: 'field',
          field: ref() as FieldRef,
          property: 'fields',
        })),
      };
    });
  return stepOrder.map((uid) => {
    const step = steps.get(uid) as Obj;
    return {
      ...step,
      fields: ordered(uid, `step:${uid}/order`, () => ({
        kind: 'step',
        step: { uid, title: step.title } as ReturnType<typeof stepRef>,
        property: 'fields',
      })),
    };
  });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function merge(
  run: MergeRun,
  base: ServiceDefinition,
  ours: ServiceDefinition,
  theirs: ServiceDefinition,
): ServiceDefinition {
  const service = mergeProperties(
    run,
    'service',
    (property) => ({ kind: 'service', property }),
    base as unknown as Obj,
    ours as unknown as Obj,
    theirs as unknown as Obj,
    {
      id: (_b, o) => o,
      local: mergeLocal,
      startPage: (b, o, t) => {
        const merged = mergeProperties(
          run,
          'service/startPage',
          (property) => ({ kind: 'service', property }),
          asObj(b),
          asObj(o),
          asObj(t),
        );
        return Object.keys(merged).length > 0 || o !== undefined ? merged : undefined;
      },
      validations: (b, o, t) => mergeKeyed(run, validationSpec(''), b, o, t),
      computed: (b, o, t) => mergeKeyed(run, COMPUTED_SPEC, b, o, t),
    },
    SERVICE_OWN,
  );
  const layouts = { base: layout(base), ours: layout(ours), theirs: layout(theirs) };
  const fields = mergeFields(run, layouts.base, layouts.ours, layouts.theirs);
  const steps = mergeSteps(run, base, ours, theirs);
  const stepOrder = orderOf(
    run,
    'steps/order',
    () => ({ kind: 'steps' }),
    base.steps.map(uidOfStep),
    ours.steps.map(uidOfStep),
    theirs.steps.map(uidOfStep),
    new Set(steps.keys()),
  );
  return {
    ...service,
    steps: assemble(run, steps, fields, layouts, stepOrder),
  } as unknown as ServiceDefinition;
}

function finish(run: MergeRun, assembled: ServiceDefinition): MergeResult {
  // The assembled result shares values with the inputs; freezing those would change a caller's
  // own draft. One copy, then the check adopts it (checked and frozen in place, no second copy).
  const merged = structuredClone(assembled);
  if (run.conflicts.length === 0) {
    const checked = parseDefinition(merged, { adopt: true });
    if (checked.ok) return { definition: checked.definition, conflicts: [] };
    run.conflicts.push({
      id: 'check',
      reason: 'check-failed',
      subject: { kind: 'definition' },
      problems: checked.problems,
    });
  }
  return { definition: deepFreeze(merged), conflicts: run.conflicts };
}

/**
 * Merges the origin's new version (`theirs`) into the municipality's copy (`ours`), given the
 * version both started from (`base`). All three should be parsed (so every step and field has its
 * uid). Conflicts are left at our value and listed; with none, the result passes the check.
 */
export function mergeDefinitions(
  base: ServiceDefinition,
  ours: ServiceDefinition,
  theirs: ServiceDefinition,
): MergeResult {
  const run = new MergeRun({});
  return finish(run, merge(run, base, ours, theirs));
}

/**
 * The same merge with the designer's decisions applied (take ours, take theirs, or an edited
 * value; by conflict id). What is still undecided, or newly in conflict because of a decision, is
 * listed again; `unknown` lists the decisions that matched no conflict (a stale form).
 */
export function resolveConflicts(
  base: ServiceDefinition,
  ours: ServiceDefinition,
  theirs: ServiceDefinition,
  resolutions: Resolutions,
): MergeResult & { unknown: string[] } {
  const run = new MergeRun(resolutions);
  const result = finish(run, merge(run, base, ours, theirs));
  return { ...result, unknown: Object.keys(resolutions).filter((id) => !run.used.has(id)) };
}
