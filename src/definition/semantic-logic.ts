/**
 * Publish-time checks of everything a definition computes: showIf, requiredIf, cross-field
 * validations, computed values and the fee. Refused with a JSON pointer and a clear message:
 * references to unknown or later answers, type mismatches with literals, cycles among computed
 * values, steps that can never be shown, duplicate keys and fee rules that could produce anything
 * but a whole, non-negative number of cents.
 */
import { compileRule } from './jsonlogic/compile.ts';
import { UnknownOperatorError } from './jsonlogic/errors.ts';
import {
  checkTypes,
  type FieldFacts,
  fieldValueInfo,
  inferValue,
  isConstantRule,
  type ValueInfo,
} from './logic-check.ts';
import { type DefinitionProblem, pointer } from './problems.ts';
import { isRequired } from './required.ts';
import { checkRule, type ReferenceCheck } from './rule-check.ts';
import { referencedKeys } from './rule-refs.ts';
import { type Field, type GroupField, isBlockField, type ServiceDefinition } from './types.ts';

/** Where an answer field or text block is defined (collected by `checkSemantics`). */
export interface KeyInfo {
  path: string;
  stepIndex: number;
  fieldIndex: number;
  /** The type of an info or warning block, which has no answer. */
  block: string | undefined;
  field: Field;
}

/** Where an item field of a repeating group is defined (its key is unknown outside the group). */
export interface ItemKeyInfo {
  group: string;
  path: string;
}

/** A position in the document order of fields; a step's own showIf sits before its first field. */
const position = (stepIndex: number, fieldIndex: number) => stepIndex * 1_000_000 + fieldIndex;

interface ComputedInfo {
  path: string;
  rule: unknown;
  /** The latest answer field it depends on, directly or through other computed values. */
  latest: { position: number; key: string; path: string } | undefined;
}

/**
 * The value of a constant rule, by the same bounded evaluator the engine uses (never json-logic-js,
 * which would run operators outside the allowed set, `log` among them); `{ threw }` when evaluating
 * fails, `undefined` for an unknown operator (`checkRule` reports those).
 */
function evaluateConstant(rule: unknown): { value: unknown } | { threw: string } | undefined {
  let evaluate: (data: unknown) => unknown;
  try {
    evaluate = compileRule(rule);
  } catch (e) {
    if (e instanceof UnknownOperatorError) return undefined;
    throw e;
  }
  try {
    return { value: evaluate({}) };
  } catch (e) {
    return { threw: (e as Error).message };
  }
}

function truthy(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
}

export function checkLogic(
  definition: ServiceDefinition,
  keys: ReadonlyMap<string, KeyInfo>,
  problems: DefinitionProblem[],
  itemKeys: ReadonlyMap<string, ItemKeyInfo> = new Map(),
): void {
  /** Why `key` is unknown here: often an item field of a group, read from outside its items. */
  const unknown = (key: string, what: string): string => {
    const item = itemKeys.get(key);
    if (!item) return `refers to unknown ${what} '${key}'`;
    return `refers to '${key}', a field inside the items of repeating group '${item.group}' (${item.path}); outside an item, read the list {"var": "${item.group}"}, e.g. with some, all, none, filter, map or reduce`;
  };
  const computed = new Map<string, ComputedInfo>();
  (definition.computed ?? []).forEach((c, i) => {
    const path = pointer('/computed', i);
    const field = keys.get(c.key);
    const earlier = computed.get(c.key);
    if (field || earlier) {
      problems.push({
        path: pointer(path, 'key'),
        message: `duplicate key '${c.key}' (first used at ${field?.path ?? earlier?.path ?? ''}); computed values and fields share one set of keys`,
      });
      return;
    }
    computed.set(c.key, { path, rule: c.rule, latest: undefined });
  });

  const answerField = (key: string) => {
    const info = keys.get(key);
    return info && !info.block ? info : undefined;
  };

  // References of computed values: any answer field or other computed value, then cycles.
  const cyclic = new Set<string>();
  (definition.computed ?? []).forEach((c, i) => {
    const path = pointer(pointer('/computed', i), 'rule');
    if (computed.get(c.key)?.path !== pointer('/computed', i)) return;
    problems.push(
      ...checkRule(c.rule, path, (key) => {
        if (key === c.key) return `computed value '${key}' refers to itself`;
        if (computed.has(key)) return undefined;
        const info = keys.get(key);
        if (!info) return unknown(key, 'field or computed value');
        if (info.block) return `refers to ${info.block} field '${key}', which has no answer`;
        return undefined;
      }),
    );
  });
  const state = new Map<string, 'visiting' | 'done'>();
  const resolve = (key: string, trail: string[]): ComputedInfo['latest'] => {
    const info = computed.get(key) as ComputedInfo;
    const seen = state.get(key);
    if (seen === 'done') return info.latest;
    if (seen === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(key)), key];
      if (!cyclic.has(key)) {
        for (const k of cycle) cyclic.add(k);
        problems.push({
          path: pointer(info.path, 'rule'),
          message: `computed values form a cycle: ${cycle.join(' → ')}`,
        });
      }
      return undefined;
    }
    state.set(key, 'visiting');
    let latest: ComputedInfo['latest'];
    for (const ref of referencedKeys(info.rule)) {
      let candidate: ComputedInfo['latest'];
      if (computed.has(ref)) candidate = ref === key ? undefined : resolve(ref, [...trail, key]);
      else {
        const f = answerField(ref);
        if (f) candidate = { position: position(f.stepIndex, f.fieldIndex), key: ref, path: f.path };
      }
      if (candidate && (!latest || candidate.position > latest.position)) latest = candidate;
    }
    info.latest = latest;
    state.set(key, 'done');
    return latest;
  };
  for (const key of computed.keys()) resolve(key, []);

  /** References allowed for a rule evaluated at `at` (answers before it; same step if `inclusive`). */
  const upTo =
    (at: number, self: string | undefined, what: string): ReferenceCheck =>
    (key) => {
      if (key === self) return `refers to its own field '${key}'`;
      const c = computed.get(key);
      if (c) {
        if (cyclic.has(key)) return undefined; // reported at the computed value
        if (c.latest && c.latest.position >= at) {
          return `refers to computed value '${key}', which depends on field '${c.latest.key}' (${c.latest.path}) that comes later; ${what}`;
        }
        return undefined;
      }
      const info = keys.get(key);
      if (!info) return unknown(key, 'field');
      if (info.block) return `refers to ${info.block} field '${key}', which has no answer`;
      if (position(info.stepIndex, info.fieldIndex) >= at) {
        return `refers to field '${key}', which comes later (${info.path}); ${what}`;
      }
      return undefined;
    };
  const conditionsNote = 'conditions may only use earlier answers';
  const fieldOf = (key: string) => answerField(key)?.field;

  const checkConstant = (rule: unknown, path: string, message: string) => {
    if (!isConstantRule(rule)) return;
    const result = evaluateConstant(rule);
    if (!result) return;
    if ('threw' in result) problems.push({ path, message: `rule fails when evaluated: ${result.threw}` });
    else if (!truthy(result.value)) problems.push({ path, message });
  };

  /**
   * Rules of item fields read the item's earlier fields by their keys and answers before the group
   * like any field there (ADR 0014).
   */
  const checkItemRules = (group: GroupField, groupPath: string, groupAt: number) => {
    const siblings = new Map(group.fields.map((child, c) => [child.key, { index: c, field: child }]));
    group.fields.forEach((child, c) => {
      const childPath = pointer(pointer(groupPath, 'fields'), c);
      const outside = upTo(groupAt, undefined, conditionsNote);
      const check: ReferenceCheck = (key) => {
        const sibling = siblings.get(key);
        if (!sibling) {
          if (key === group.key)
            return `refers to its own repeating group '${key}'; inside an item, read the item's fields by their keys`;
          return outside(key);
        }
        if (key === child.key) return `refers to its own field '${key}'`;
        if (isBlockField(sibling.field))
          return `refers to ${sibling.field.type} field '${key}', which has no answer`;
        if (sibling.index > c)
          return `refers to item field '${key}', which comes later in the item (${pointer(pointer(groupPath, 'fields'), sibling.index)}); ${conditionsNote}`;
        return undefined;
      };
      const childFieldOf = (key: string) => {
        const sibling = siblings.get(key);
        if (sibling) return isBlockField(sibling.field) ? undefined : sibling.field;
        return fieldOf(key);
      };
      if (child.showIf !== undefined) {
        const path = pointer(childPath, 'showIf');
        problems.push(...checkRule(child.showIf, path, check));
        problems.push(...checkTypes(child.showIf, path, childFieldOf));
        checkConstant(child.showIf, path, `field '${child.key}' is never shown: its showIf is always false`);
      }
      if ('requiredIf' in child && child.requiredIf !== undefined) {
        const path = pointer(childPath, 'requiredIf');
        if ('required' in child && child.required !== undefined)
          problems.push({ path, message: 'use either required or requiredIf, not both' });
        problems.push(...checkRule(child.requiredIf, path, check));
        problems.push(...checkTypes(child.requiredIf, path, childFieldOf));
      }
    });
  };

  const validationIds = new Map<string, string>();
  const checkValidation = (
    v: NonNullable<ServiceDefinition['validations']>[number],
    path: string,
    stepIndex: number | undefined,
  ) => {
    const first = validationIds.get(v.id);
    if (first !== undefined) {
      problems.push({
        path: pointer(path, 'id'),
        message: `duplicate validation id '${v.id}' (first used at ${first})`,
      });
    } else validationIds.set(v.id, path);
    let evaluatedAt = -1;
    v.fields.forEach((key, i) => {
      const at = pointer(pointer(path, 'fields'), i);
      const info = keys.get(key);
      if (!info)
        problems.push({
          path: at,
          message: itemKeys.has(key)
            ? `names '${key}', a field inside the items of repeating group '${itemKeys.get(key)?.group ?? ''}'; a validation may name the group, and read its items in the rule`
            : `names unknown field '${key}'`,
        });
      else if (info.block)
        problems.push({ path: at, message: `names ${info.block} field '${key}', which has no answer` });
      else if (stepIndex !== undefined && info.stepIndex !== stepIndex)
        problems.push({
          path: at,
          message: `names field '${key}' of another step (${info.path}); a step's validations name fields of that step`,
        });
      else evaluatedAt = Math.max(evaluatedAt, info.stepIndex);
    });
    const step = stepIndex ?? evaluatedAt;
    const rulePath = pointer(path, 'rule');
    if (step >= 0) {
      problems.push(
        ...checkRule(
          v.rule,
          rulePath,
          upTo(
            position(step + 1, -1),
            undefined,
            `a validation is checked on the step of its last field (${definition.steps[step]?.id ?? ''}) and may only use answers up to that step`,
          ),
        ),
      );
    }
    problems.push(...checkTypes(v.rule, rulePath, fieldOf));
    checkConstant(v.rule, rulePath, 'the validation always fails: its rule is constant and falsy');
  };

  definition.steps.forEach((step, s) => {
    const stepPath = pointer('/steps', s);
    if (step.showIf !== undefined) {
      const path = pointer(stepPath, 'showIf');
      problems.push(...checkRule(step.showIf, path, upTo(position(s, -1), undefined, conditionsNote)));
      problems.push(...checkTypes(step.showIf, path, fieldOf));
      checkConstant(step.showIf, path, `step '${step.id}' is unreachable: its showIf is always false`);
    }
    step.fields.forEach((field, f) => {
      const fieldPath = pointer(pointer(stepPath, 'fields'), f);
      const at = position(s, f);
      if (field.showIf !== undefined) {
        const path = pointer(fieldPath, 'showIf');
        problems.push(...checkRule(field.showIf, path, upTo(at, field.key, conditionsNote)));
        problems.push(...checkTypes(field.showIf, path, fieldOf));
        checkConstant(field.showIf, path, `field '${field.key}' is never shown: its showIf is always false`);
      }
      if ('requiredIf' in field && field.requiredIf !== undefined) {
        const path = pointer(fieldPath, 'requiredIf');
        if ('required' in field && field.required !== undefined) {
          problems.push({
            path,
            message: 'use either required or requiredIf, not both',
          });
        }
        problems.push(...checkRule(field.requiredIf, path, upTo(at, field.key, conditionsNote)));
        problems.push(...checkTypes(field.requiredIf, path, fieldOf));
      }
    });
    step.fields.forEach((field, f) => {
      if (field.type === 'group')
        checkItemRules(field, pointer(pointer(stepPath, 'fields'), f), position(s, f));
    });
    (step.validations ?? []).forEach((v, i) => {
      checkValidation(v, pointer(pointer(stepPath, 'validations'), i), s);
    });
  });
  (definition.validations ?? []).forEach((v, i) => {
    checkValidation(v, pointer('/validations', i), undefined);
  });

  // What computed values produce, for the fee and for arithmetic over them.
  const facts = (info: KeyInfo): FieldFacts => {
    const step = definition.steps[info.stepIndex];
    const f = info.field;
    return {
      field: f,
      alwaysAnswered:
        isRequired(f) &&
        f.showIf === undefined &&
        !('requiredIf' in f && f.requiredIf !== undefined) &&
        step?.showIf === undefined,
    };
  };
  const inferred = new Map<string, ValueInfo>();
  const infoOf = (key: string): ValueInfo | undefined => {
    const field = answerField(key);
    if (field) return fieldValueInfo(facts(field));
    const c = computed.get(key);
    if (!c || cyclic.has(key)) return undefined;
    const known = inferred.get(key);
    if (known) return known;
    // A placeholder while inferring guards against self-references (reported elsewhere).
    inferred.set(key, { type: 'unknown', nonNegative: false, nullable: true });
    // Problems inside are reported once, below, at the computed value itself.
    const info = inferValue(c.rule, c.path, infoOf, []);
    inferred.set(key, info);
    return info;
  };
  (definition.computed ?? []).forEach((c, i) => {
    const path = pointer(pointer('/computed', i), 'rule');
    problems.push(...checkTypes(c.rule, path, fieldOf));
    if (cyclic.has(c.key)) return;
    const info = inferValue(c.rule, path, infoOf, problems);
    // A stored computed value is a number, text, yes/no or list of texts; items of a group are none.
    const group = [...referencedKeys(c.rule)].find((k) => answerField(k)?.field.type === 'group');
    if (group && !['int', 'number', 'boolean', 'string'].includes(info.type)) {
      problems.push({
        path,
        message: `a computed value reading repeating group '${group}' must produce a number, text or yes/no (e.g. a count with reduce), not ${info.type === 'unknown' ? 'a value of unknown type' : info.type === 'array' ? 'a list' : `a ${info.type}`}`,
      });
    }
  });

  const fee = definition.local.fee;
  if (fee) {
    const path = '/local/fee/rule';
    problems.push(
      ...checkRule(fee.rule, path, (key) => {
        if (computed.has(key)) return undefined;
        const info = keys.get(key);
        if (!info) return unknown(key, 'field or computed value');
        if (info.block) return `refers to ${info.block} field '${key}', which has no answer`;
        return undefined;
      }),
    );
    problems.push(...checkTypes(fee.rule, path, fieldOf));
    const own: DefinitionProblem[] = [];
    const info = inferValue(fee.rule, path, infoOf, own);
    problems.push(...own);
    if (own.length === 0) {
      if (info.type !== 'int') {
        problems.push({
          path,
          message: `the fee must be a whole number of euro-cents, but this rule can produce ${info.type === 'number' ? 'fractions' : info.type === 'unknown' ? 'values of unknown type' : `a ${info.type}`}`,
        });
      } else if (info.nullable) {
        problems.push({
          path,
          message:
            'the fee can be missing (an answer that may be absent, or an if without else); give a default, e.g. {"var": ["key", 0]}',
        });
      } else if (!info.nonNegative) {
        problems.push({
          path,
          message: 'the fee can be negative; wrap it in {"max": [0, ...]} or use only non-negative amounts',
        });
      }
    }
  }
}
