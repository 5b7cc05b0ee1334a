/**
 * What the browser needs to know about the step on the page, computed with the same engine as the
 * server: which of the step's fields are visible for what is typed now, and a field's own error.
 * No DOM here, so it is the part a test could run in Node.
 *
 * The browser has the definition (a resource the page names) but never the stored answers (no
 * personal data beyond what the page shows). So the browser decides the visibility only of fields
 * whose condition reads nothing but answers on this very step ("managed" fields); any other field
 * stays as the server rendered it. Validation in the browser is each field's own rules (parse + validate of its type); rules
 * across fields, steps or computed values are left to the server, which stays authoritative.
 */

import { compileCondition } from '../../definition/jsonlogic/compile.ts';
import { checkRule } from '../../definition/rule-check.ts';
import {
  type Answers,
  type Field,
  type ItemField,
  isBlockField,
  type LocalizedText,
  type ServiceDefinition,
} from '../../definition/types.ts';
import { checkedInBrowser } from '../../engine/browser-needs.ts';
import { compile } from '../../engine/compile.ts';
import { fieldErrors } from '../../engine/fields/contract.ts';
import { handlerFor } from '../../engine/fields/registry.ts';
import { inItem } from '../../engine/group/messages.ts';
import { itemField } from '../../engine/group/names.ts';
import { compileLogic } from '../../engine/logic.ts';
import type { EngineContext, FieldError, FormModel, RawInput } from '../../engine/model.ts';

export interface StepLogic {
  readonly model: FormModel;
  /** The step's fields in definition order. */
  readonly fields: readonly Field[];
  field(key: string): Field | undefined;
  /** True when the browser may show and hide the field by itself. */
  isManaged(key: string): boolean;
  /**
   * Keys of the visible fields for the current input. `rendered` tells whether a field is on the
   * page now; it decides for fields that are not managed.
   */
  visibleKeys(raw: RawInput, rendered: (key: string) => boolean): Set<string>;
  /** The field's own problem with the current input, as the server would report it. */
  errorOf(key: string, raw: RawInput, ctx: EngineContext): FieldError | undefined;
  /** All of them: an address has one at each missing part. */
  errorsOf(key: string, raw: RawInput, ctx: EngineContext): readonly FieldError[];
  /**
   * For an input name of a repeating group item (`kinder-2-vorname`): the item field as rendered
   * there and its own problem with the current input, named by its item as the server does.
   */
  itemErrorOf(
    name: string,
    raw: RawInput,
    ctx: EngineContext,
  ): { field: ItemField; error: FieldError | undefined } | undefined;
  /**
   * The fee's label when the fee can be computed on this step: its rule (with the computed values
   * it reads) reads answers of this step only. Undefined otherwise, as the page has no other answers.
   */
  readonly feeLabel: LocalizedText | undefined;
  /** The fee in cents for the current input; undefined while an answer it reads is missing. */
  fee(raw: RawInput, rendered: (key: string) => boolean): number | undefined;
}

/** The field keys a rule reads, or undefined when they cannot be known statically. */
function readsOf(rule: unknown): Set<string> | undefined {
  const keys = new Set<string>();
  const problems = checkRule(rule, '', (key) => {
    keys.add(key);
    return undefined;
  });
  return problems.length === 0 ? keys : undefined;
}

/** The answer keys the fee reads, through computed values; undefined if not known statically. */
function feeInputs(definition: ServiceDefinition): Set<string> | undefined {
  const computed = new Map((definition.computed ?? []).map((c) => [c.key, c.rule]));
  const answers = new Set<string>();
  const seen = new Set<string>();
  const visit = (rule: unknown): boolean => {
    const reads = readsOf(rule);
    if (!reads) return false;
    for (const key of reads) {
      if (!computed.has(key)) answers.add(key);
      else if (!seen.has(key)) {
        seen.add(key);
        if (!visit(computed.get(key))) return false;
      }
    }
    return true;
  };
  return definition.local.fee && visit(definition.local.fee.rule) ? answers : undefined;
}

export function stepLogic(definition: ServiceDefinition, stepId: string): StepLogic | undefined {
  const model = compile(definition);
  const step = model.step(stepId);
  if (!step) return undefined;
  const fields = step.fields;
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const answerKeys = new Set(fields.filter((f) => !isBlockField(f)).map((f) => f.key));
  // Fields whose options the page does not carry (long lists): the server checks them, and
  // decides what depends on them. The same for file fields: only the server knows the files
  // uploaded so far (a file picked but not yet sent is not an answer).
  const serverOnly = new Set(
    fields.filter((f) => !isBlockField(f) && !checkedInBrowser(f)).map((f) => f.key),
  );
  const managed = new Map<string, (answers: unknown) => boolean>();
  for (const field of fields) {
    if (field.showIf === undefined) continue;
    const reads = readsOf(field.showIf);
    if (reads && [...reads].every((key) => answerKeys.has(key) && !serverOnly.has(key))) {
      managed.set(field.key, compileCondition(field.showIf));
    }
  }

  // The same forward pass as the engine's walk: a condition sees the answers of the visible
  // fields before it.
  const scan = (raw: RawInput, rendered: (key: string) => boolean) => {
    const scope: Answers = {};
    const visible = new Set<string>();
    for (const field of fields) {
      const condition = managed.get(field.key);
      let shown: boolean;
      if (field.showIf === undefined) shown = true;
      else if (condition) shown = condition(scope);
      else shown = rendered(field.key);
      if (!shown) continue;
      visible.add(field.key);
      if (isBlockField(field)) continue;
      const value = handlerFor(field).parse(field, raw).value;
      if (value !== undefined) scope[field.key] = value;
    }
    return { visible, scope };
  };

  const logic = compileLogic(definition);
  const feeReads = definition.local.fee ? feeInputs(definition) : undefined;
  const feeOnThisStep = feeReads !== undefined && [...feeReads].every((key) => answerKeys.has(key));

  return {
    model,
    fields,
    field: (key) => byKey.get(key),
    isManaged: (key) => managed.has(key),
    visibleKeys: (raw, rendered) => scan(raw, rendered).visible,
    feeLabel: feeOnThisStep ? definition.local.fee?.label : undefined,

    fee(raw, rendered) {
      if (!feeOnThisStep || !logic.fee || !feeReads) return undefined;
      const { visible, scope } = scan(raw, rendered);
      // Until every visible required answer it reads is given; optional ones are the rule's business.
      const missing = (key: string) => {
        const field = byKey.get(key);
        return (
          field !== undefined && 'required' in field && field.required === true && scope[key] === undefined
        );
      };
      if ([...feeReads].some((key) => visible.has(key) && missing(key))) return undefined;
      try {
        return logic.fee(logic.withComputed(scope));
      } catch {
        return undefined; // incomplete or unusual input: the check page shows the fee
      }
    },

    errorOf(key, raw, ctx) {
      return this.errorsOf(key, raw, ctx)[0];
    },

    errorsOf(key, raw, ctx) {
      const field = byKey.get(key);
      if (!field || isBlockField(field) || serverOnly.has(key)) return [];
      const handler = handlerFor(field);
      const parsed = handler.parse(field, raw);
      const message = parsed.invalid ?? handler.validate(field, parsed.value, ctx);
      return message ? fieldErrors(key, message) : [];
    },

    itemErrorOf(name, raw, ctx) {
      const m = ITEM_NAME.exec(name);
      if (!m) return undefined;
      const [, groupKey, number, childKey] = m as unknown as [string, string, string, string];
      const group = byKey.get(groupKey);
      const n = Number(number);
      if (group?.type !== 'group' || n < 1 || n > group.maxItems) return undefined;
      const child = group.fields.find((f) => f.key === childKey);
      if (!child || isBlockField(child)) return undefined;
      const field = itemField(child, groupKey, n);
      const handler = handlerFor(field);
      const parsed = handler.parse(field, raw);
      const message = parsed.invalid ?? handler.validate(field, parsed.value, ctx);
      const error = message
        ? { key: groupKey, inputId: `field-${field.key}`, message: inItem(group, n, message, child) }
        : undefined;
      return { field, error };
    },
  };
}

/** `<group>-<n>-<field>`: field keys contain no "-" (see `engine/group/names.ts`). */
const ITEM_NAME = /^([a-zA-Z][a-zA-Z0-9_]*)-([0-9]{1,3})-([a-zA-Z][a-zA-Z0-9_]*)$/;
