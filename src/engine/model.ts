/**
 * The compiled form model: what `compile(definition)` returns and what the web layer and the browser
 * bundle use. Pure and synchronous.
 */
import type { Answers, Field, Locale, LocalizedText, ServiceDefinition, Step } from '../definition/types.ts';
import type { SafeHtml } from '../lib/html.ts';

/** Raw form input as posted (urlencoded): one string, or several for repeated names. */
export type RawInput = Record<string, string | string[] | undefined>;

/** Adding or removing an item of a repeating group (the button's `_aw_action` value, parsed). */
export type ItemAction = { kind: 'add'; group: string } | { kind: 'remove'; group: string; item: number };

export type ActionOutcome =
  /** The posted input of the next page and the item (1-based) whose heading takes the focus; 0 is the group's. */
  | { ok: true; raw: RawInput; focus: number }
  /** Refused, the posted input unchanged: at the limit, or a group or item that is not there. */
  | { ok: false; reason: 'at-max' | 'at-min' | 'no-such-item'; raw: RawInput };

/** Inputs that are not answers but that rules depend on. */
export interface EngineContext {
  /** Today's date in Europe/Berlin, `YYYY-MM-DD`. */
  today: string;
}

/** A validation problem of one field; the message is given in every language. */
export interface FieldError {
  /** The field key (for the error summary link target `#field-<key>` of the field's first input). */
  key: string;
  /** The id of the input element the error summary links to. */
  inputId: string;
  message: LocalizedText;
  /**
   * The question the message is about. A message speaks of the answer, not of the question
   * (ADR 0029): under its question that is enough; where it stands apart from it (the error
   * summary, the check page) the question is named before it. Unset where the message names its
   * place itself (a field in an item of a repeating group: "Kind 2, Vorname: …").
   */
  question?: LocalizedText;
}

export interface StepResult {
  /** All answers after merging this step's parsed values (valid or not, so values are kept). */
  answers: Answers;
  /** Empty when the step is valid. */
  errors: FieldError[];
}

export interface FinalResult {
  /**
   * Answers of visible fields on applicable steps only (hidden answers are dropped), plus the
   * definition's computed values (those that are not null).
   */
  answers: Answers;
  /** Problems per step (field checks, then cross-field validations); empty when it may be submitted. */
  errors: Array<FieldError & { stepId: string }>;
  /** The fee in euro-cents; present when the definition has a fee and there are no errors. */
  fee?: number;
}

export interface SummaryRow {
  key: string;
  label: string;
  /** The answer formatted for humans (German dates, option labels, "Ja"/"Nein"). */
  value: string;
  /** A repeating group's items, each with its own rows (keys like `kinder-2-vorname`). */
  items?: SummaryItem[];
}

export interface SummaryItem {
  /** "Kind 2". */
  title: string;
  /** The id of the item's heading on the step page. */
  headingId: string;
  rows: SummaryRow[];
}

export interface SummarySection {
  stepId: string;
  title: string;
  rows: SummaryRow[];
}

export interface FieldViewInput {
  field: Field;
  /** The stored answer for the field, if any. */
  value: Answers[string] | undefined;
  /** The raw input as posted, when re-showing a step with errors (keeps what the user typed). */
  raw: RawInput | undefined;
  error: FieldError | undefined;
  locale: Locale;
  /** All answers; a repeating group's item conditions read those before the group. */
  answers?: Answers;
  /** All errors of the step; a repeating group shows those of its items at their inputs. */
  errors?: readonly FieldError[];
  /** A repeating group's item (1-based) whose heading takes the focus (after adding or removing). */
  focusItem?: number;
  /**
   * Whether item field `child` (index in the group's fields) of item `n` is shown; set by
   * `FormModel.renderField` from the item conditions. Without it every item field is shown.
   */
  itemVisible?: (n: number, child: number) => boolean;
  /**
   * Where the browser asks for suggestions for the searchable input of a long list, by field key.
   * URLs belong to the web layer, so the caller says; without it the input has no suggestions
   * (the server still matches what was typed).
   */
  suggestionsUrl?: (fieldKey: string) => string;
}

export interface FormModel {
  readonly definition: ServiceDefinition;
  /** All steps in definition order. */
  readonly steps: readonly Step[];
  step(stepId: string): Step | undefined;
  /** Steps whose condition holds for these answers, in order. */
  applicableSteps(answers: Answers): Step[];
  /** The step after `stepId` among applicable steps; undefined means "check your answers". */
  nextStep(stepId: string, answers: Answers): Step | undefined;
  /** The step before `stepId`; undefined means the start page. */
  previousStep(stepId: string, answers: Answers): Step | undefined;
  /** Fields of the step that are visible for these answers. */
  visibleFields(stepId: string, answers: Answers): Field[];
  /** Parse and validate one step's posted input, merged into the answers. */
  submitStep(stepId: string, raw: RawInput, answers: Answers, ctx: EngineContext): StepResult;
  /** Validate every applicable step and drop answers that are hidden or not applicable. */
  finalize(answers: Answers, ctx: EngineContext): FinalResult;
  /**
   * The fee in whole euro-cents for these answers; undefined when the definition has no fee.
   * Meant for complete answers: throws `InvalidFeeError` if the rule does not produce a whole,
   * non-negative number (which `parse` prevents for complete answers). `finalize` includes it.
   */
  fee(answers: Answers): number | undefined;
  /** Answers for the check-your-answers page, the inbox and the PDF. */
  summary(answers: Answers, locale: Locale): SummarySection[];
  /** The HTML of one field (KERN UX markup), with its error and value. */
  renderField(input: FieldViewInput): SafeHtml;
  /**
   * Adds or removes an item of a repeating group on this step without saving anything: the posted
   * input of the next page (see `group/actions.ts`). Refused for a group that is not on the step.
   */
  itemAction(stepId: string, raw: RawInput, action: ItemAction): ActionOutcome;
}
