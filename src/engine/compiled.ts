/** The precomputed form of a definition that every FormModel operation works on. */

import { compileCondition } from '../definition/jsonlogic/compile.ts';
import { type Field, type GroupField, isBlockField, type Step } from '../definition/types.ts';
import type { FieldTypeHandler } from './fields/contract.ts';
import { handlerFor } from './fields/registry.ts';

export type Condition = (answers: unknown) => boolean;

export interface CompiledField {
  readonly field: Field;
  readonly handler: FieldTypeHandler;
  /** Undefined when the field is always shown; saves a call on the hot path. */
  readonly shownWhen: Condition | undefined;
  /** Info and warning blocks have no answer and are skipped by parsing, validation and summaries. */
  readonly answers: boolean;
  /** From `requiredIf`; undefined when `required` alone decides. */
  readonly requiredWhen: Condition | undefined;
  /** The field as the handler should see it when `requiredWhen` holds or not (precomputed copies). */
  readonly asRequired: Field;
  readonly asOptional: Field;
  /** Set for a repeating group: its item fields, compiled the same way (see `group/`). */
  readonly group: CompiledGroup | undefined;
}

export interface CompiledGroup {
  readonly field: GroupField;
  readonly children: readonly CompiledField[];
  /** True when some item field has showIf or requiredIf, i.e. items must be walked field by field. */
  readonly conditional: boolean;
  /** Keys of the item fields that have answers. */
  readonly answerKeys: ReadonlySet<string>;
}

export interface CompiledStep {
  readonly step: Step;
  readonly index: number;
  readonly appliesWhen: Condition | undefined;
  readonly fields: readonly CompiledField[];
}

/** The field the handler validates: `required` follows `requiredIf` when the field has one. */
export function effectiveField(cf: CompiledField, scope: unknown): Field {
  if (cf.requiredWhen === undefined) return cf.field;
  return cf.requiredWhen(scope) ? cf.asRequired : cf.asOptional;
}

/** Compiles a rule found at `where` (a JSON pointer into the definition, named when it fails). */
export type ConditionCompiler = (rule: unknown, where: string) => Condition;

export function compileSteps(
  steps: readonly Step[],
  condition: ConditionCompiler = compileCondition,
): CompiledStep[] {
  return steps.map((step, index) => ({
    step,
    index,
    appliesWhen: step.showIf === undefined ? undefined : condition(step.showIf, `/steps/${index}/showIf`),
    fields: step.fields.map((field, f) => compileField(field, `/steps/${index}/fields/${f}`, condition)),
  }));
}

function compileField(field: Field, path: string, condition: ConditionCompiler): CompiledField {
  const requiredIf = 'requiredIf' in field ? field.requiredIf : undefined;
  let group: CompiledGroup | undefined;
  if (field.type === 'group') {
    const children = field.fields.map((child, c) => compileField(child, `${path}/fields/${c}`, condition));
    group = {
      field,
      children,
      conditional: children.some((c) => c.shownWhen !== undefined || c.requiredWhen !== undefined),
      answerKeys: new Set(children.filter((c) => c.answers).map((c) => c.field.key)),
    };
  }
  return {
    field,
    handler: handlerFor(field),
    shownWhen: field.showIf === undefined ? undefined : condition(field.showIf, `${path}/showIf`),
    answers: !isBlockField(field),
    requiredWhen: requiredIf === undefined ? undefined : condition(requiredIf, `${path}/requiredIf`),
    asRequired: requiredIf === undefined ? field : ({ ...field, required: true } as Field),
    asOptional: requiredIf === undefined ? field : ({ ...field, required: false } as Field),
    group,
  };
}
