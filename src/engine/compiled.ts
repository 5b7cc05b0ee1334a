/** The precomputed form of a definition that every FormModel operation works on. */
import { type Field, isBlockField, type Step } from '../definition/types.ts';
import type { FieldTypeHandler } from './fields/contract.ts';
import { handlerFor } from './fields/registry.ts';
import { compileCondition } from './jsonlogic/compile.ts';

export type Condition = (answers: unknown) => boolean;

export interface CompiledField {
  readonly field: Field;
  readonly handler: FieldTypeHandler;
  /** Undefined when the field is always shown; saves a call on the hot path. */
  readonly shownWhen: Condition | undefined;
  /** Info and warning blocks have no answer and are skipped by parsing, validation and summaries. */
  readonly answers: boolean;
}

export interface CompiledStep {
  readonly step: Step;
  readonly index: number;
  readonly appliesWhen: Condition | undefined;
  readonly fields: readonly CompiledField[];
}

export function compileSteps(steps: readonly Step[]): CompiledStep[] {
  return steps.map((step, index) => ({
    step,
    index,
    appliesWhen: step.showIf === undefined ? undefined : compileCondition(step.showIf),
    fields: step.fields.map((field) => ({
      field,
      handler: handlerFor(field),
      shownWhen: field.showIf === undefined ? undefined : compileCondition(field.showIf),
      answers: !isBlockField(field),
    })),
  }));
}
