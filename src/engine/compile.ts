/**
 * `compile(definition)`: the FormModel for one definition. Compile once per definition version and
 * reuse it; conditions are compiled to closures, handlers are resolved and step ids indexed here so
 * that every request only evaluates. Pure and synchronous (no I/O, no Node built-ins).
 */
import type { Answers, Field, LocalizedText, ServiceDefinition, Step } from '../definition/types.ts';
import { compileSteps, effectiveField } from './compiled.ts';
import { controlCharacterErrors } from './control-characters.ts';
import { UnknownStepError } from './errors.ts';
import { fieldErrors } from './fields/contract.ts';
import { handlerFor } from './fields/registry.ts';
import { applyItemAction } from './group/actions.ts';
import { parseItems, validateItems, visibleInItem } from './group/items.ts';
import { isRecord } from './group/records.ts';
import { journeyPath, nextApplicable, previousApplicable } from './journey.ts';
import { type CompiledValidation, compileLogic } from './logic.ts';
import type {
  ActionOutcome,
  EngineContext,
  FieldError,
  FinalResult,
  FormModel,
  RawInput,
  StepResult,
  SummarySection,
} from './model.ts';
import { summarize } from './summary.ts';
import { walk } from './walk.ts';

export function compile(definition: ServiceDefinition): FormModel {
  const logic = compileLogic(definition);
  const compiled = compileSteps(definition.steps, logic.condition);
  const handlerOf = new Map(
    compiled.flatMap((cs) => cs.fields.filter((cf) => cf.answers).map((cf) => [cf.field.key, cf.handler])),
  );
  /** True when every field the validation names is visible and answered in `kept`. */
  const applies = (cv: CompiledValidation, kept: Answers): boolean =>
    cv.validation.fields.every((key) => {
      const value = kept[key];
      return value !== undefined && !(handlerOf.get(key)?.isEmpty(value) ?? true);
    });
  const validationsOfStep = compiled.map((cs) => {
    const keys = new Set(cs.fields.map((cf) => cf.field.key));
    return logic.validations.filter((cv) => cv.validation.fields.some((k) => keys.has(k)));
  });
  const groupOf = new Map(
    compiled.flatMap((cs) =>
      cs.fields.flatMap((cf) => (cf.group ? [[cf.field.key, cf.group] as const] : [])),
    ),
  );
  const indexById = new Map(definition.steps.map((step, i) => [step.id, i]));
  const steps: readonly Step[] = definition.steps;
  // The question of each answer, named before its messages where they stand apart from it.
  const questions = new Map(
    compiled.flatMap((cs) =>
      cs.fields.flatMap((cf) =>
        'label' in cf.field && cf.answers ? [[cf.field.key, cf.field.label] as const] : [],
      ),
    ),
  );
  const questionOf = (key: string): { question?: LocalizedText } => {
    const question = questions.get(key);
    return question ? { question } : {};
  };

  const indexOf = (stepId: string): number => {
    const index = indexById.get(stepId);
    if (index === undefined) throw new UnknownStepError(stepId);
    return index;
  };

  return {
    definition,
    steps,
    step: (stepId) => {
      const index = indexById.get(stepId);
      return index === undefined ? undefined : steps[index];
    },

    applicableSteps(answers) {
      const { visits } = walk(compiled, answers);
      return journeyPath(visits).map((i) => steps[i] as Step);
    },

    nextStep(stepId, answers) {
      const index = indexById.get(stepId);
      if (index === undefined) return undefined;
      const next = nextApplicable(walk(compiled, answers).visits, index);
      return next === undefined ? undefined : steps[next];
    },

    previousStep(stepId, answers) {
      const index = indexById.get(stepId);
      if (index === undefined) return undefined;
      const previous = previousApplicable(walk(compiled, answers).visits, index);
      return previous === undefined ? undefined : steps[previous];
    },

    visibleFields(stepId, answers): Field[] {
      const index = indexOf(stepId);
      // Walk up to and including the step: its own earlier answers decide its later fields.
      const visit = walk(compiled, answers, index + 1).visits[index];
      return visit ? visit.visible.map((cf) => cf.field) : [];
    },

    submitStep(stepId: string, raw: RawInput, answers: Answers, ctx: EngineContext): StepResult {
      const index = indexOf(stepId);
      const step = compiled[index];
      if (!step) throw new UnknownStepError(stepId);
      // Input with control characters is refused as a whole: nothing of it is kept.
      const refused = controlCharacterErrors(step.step, raw);
      if (refused.length > 0) return { answers: { ...answers }, errors: refused };
      // Conditions see earlier steps' kept answers plus this step's freshly parsed values, in
      // field order, so a question revealed by an earlier answer on the same page is handled.
      const scope: Answers = { ...walk(compiled, answers, index).kept };
      const result: Answers = { ...answers };
      const errors: FieldError[] = [];
      for (const cf of step.fields) {
        if (!cf.answers) continue;
        const key = cf.field.key;
        if (cf.shownWhen !== undefined && !cf.shownWhen(scope)) {
          // Hidden on this page: an earlier answer (e.g. the reason for an exemption) must go.
          delete result[key];
          continue;
        }
        if (cf.group) {
          // Each item is parsed and validated field by field, with its own conditions.
          const items = parseItems(cf.group, raw, scope, ctx);
          if (items.value === undefined) delete result[key];
          else {
            result[key] = items.value;
            scope[key] = items.value;
          }
          errors.push(...items.errors);
          continue;
        }
        const parsed = cf.handler.parse(cf.field, raw);
        if (parsed.value === undefined) delete result[key];
        else {
          result[key] = parsed.value;
          scope[key] = parsed.value;
        }
        const message = parsed.invalid ?? cf.handler.validate(effectiveField(cf, scope), parsed.value, ctx);
        if (message) errors.push(...fieldErrors(key, message).map((e) => ({ ...e, ...questionOf(key) })));
      }
      const validations = validationsOfStep[index] ?? [];
      if (errors.length === 0 && validations.length > 0) {
        // Cross-field validations see all kept answers (a change here is checked against later
        // answers given before, e.g. via "ändern"), once this step's own fields are valid.
        const kept = walk(compiled, result).kept;
        const data = logic.hasComputed ? logic.withComputed(kept) : kept;
        const here = new Set(step.fields.map((cf) => cf.field.key));
        for (const cv of validations) {
          if (!applies(cv, kept) || cv.holds(data)) continue;
          const key = cv.validation.fields.find((k) => here.has(k)) as string;
          errors.push({ key, inputId: `field-${key}`, message: cv.message, ...questionOf(key) });
        }
      }
      return { answers: result, errors };
    },

    finalize(answers: Answers, ctx: EngineContext): FinalResult {
      const { visits, kept } = walk(compiled, answers);
      // Computed values are stored with the answers, so staff see what the rules saw.
      const data = logic.hasComputed ? logic.withComputed(kept) : kept;
      const errors: FinalResult['errors'] = [];
      for (const visit of visits) {
        if (!visit.applies) continue;
        for (const cf of visit.visible) {
          if (!cf.answers) continue;
          const key = cf.field.key;
          if (cf.group) {
            const stepId = visit.compiled.step.id;
            for (const e of validateItems(cf.group, kept[key], data, ctx)) errors.push({ ...e, stepId });
            continue;
          }
          const message = cf.handler.validate(effectiveField(cf, data), kept[key], ctx);
          if (message) {
            const stepId = visit.compiled.step.id;
            for (const e of fieldErrors(key, message)) errors.push({ ...e, ...questionOf(key), stepId });
          }
        }
      }
      const invalid = new Set(errors.map((e) => e.key));
      for (const cv of logic.validations) {
        if (cv.validation.fields.some((k) => invalid.has(k)) || !applies(cv, kept) || cv.holds(data))
          continue;
        const key = cv.validation.fields[0] as string;
        const stepId = (compiled[cv.stepIndex] as (typeof compiled)[number]).step.id;
        errors.push({ key, inputId: `field-${key}`, message: cv.message, ...questionOf(key), stepId });
      }
      // The fee only for a complete application: its rule may rely on required answers.
      const fee = logic.fee && errors.length === 0 ? logic.fee(data) : undefined;
      return { answers: data, errors, ...(fee !== undefined && { fee }) };
    },

    fee(answers: Answers): number | undefined {
      if (!logic.fee) return undefined;
      const { kept } = walk(compiled, answers);
      return logic.fee(logic.hasComputed ? logic.withComputed(kept) : kept);
    },

    summary(answers, locale): SummarySection[] {
      return summarize(walk(compiled, answers), locale);
    },

    renderField(input) {
      const group = input.field.type === 'group' ? groupOf.get(input.field.key) : undefined;
      if (!group || !input.answers) return handlerFor(input.field).view(input);
      // Item conditions read the answers kept before the group and the item's own answers.
      const { kept } = walk(compiled, input.answers);
      const data = logic.hasComputed ? logic.withComputed(kept) : kept;
      const items = Array.isArray(input.value) ? input.value : [];
      const visible = new Map<number, boolean[]>();
      const itemVisible = (n: number, child: number): boolean => {
        let shown = visible.get(n);
        if (!shown) {
          const item = items[n - 1];
          shown = visibleInItem(group, isRecord(item) ? item : {}, data);
          visible.set(n, shown);
        }
        return shown[child] ?? true;
      };
      return handlerFor(input.field).view({ ...input, itemVisible });
    },

    itemAction(stepId, raw, action): ActionOutcome {
      const step = compiled[indexOf(stepId)] as (typeof compiled)[number];
      const cf = step.fields.find((f) => f.group && f.field.key === action.group);
      if (!cf?.group) return { ok: false, reason: 'no-such-item', raw };
      return applyItemAction(cf.group.field, raw, action);
    },
  };
}
