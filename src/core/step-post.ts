/**
 * What posting a step page means, once for every form: a citizen's draft and a designer's preview
 * run this same logic and differ only in where the answers are kept (`StepAnswers`). The caller
 * parses HTTP and renders the outcome; it decides nothing about the step itself.
 *
 * A post is one of: removing an uploaded file, uploading files and staying ("Datei hochladen"),
 * adding or removing an item of a repeating group, or "Weiter" (validate, keep, go on). Expected
 * results are values, never exceptions: the step to go to, or the step shown again with what to
 * show. A new kind of result (login required, step-up, saved for later) is one more variant of
 * `StepPostOutcome` or `StepTarget`, not another branch in a route.
 */
import { type Answers, isBlockField, type LocalizedText, type Step } from '../definition/types.ts';
import { REMOVE_FILE_NAME, refsToRaw, UPLOAD_FILE_NAME } from '../engine/fields/file.ts';
import type { FileRef } from '../engine/fields/file-refs.ts';
import { ACTION_NAME, parseItemAction } from '../engine/group/actions.ts';
import { inputWasShown } from '../engine/group/names.ts';
import type { EngineContext, FieldError, FormModel, RawInput } from '../engine/model.ts';
import { type AssuranceLevel, meetsLevel, type RequiredLevel } from './identity/levels.ts';
import { mergeByField, refsOf } from './uploads.ts';

/**
 * The hidden input listing the questions the posted page showed (the browser enhancement updates
 * it as questions appear). A question revealed by the post itself is new, not the citizen's mistake.
 */
export const SHOWN_QUESTIONS_NAME = '_aw_shown';

/** Where a step's answers are kept between posts: a citizen's draft, or a preview's memory. */
export interface StepAnswers {
  /** The answers kept so far, file fields as stored. */
  readonly answers: Answers;
  /** Whether uploaded files are kept (not in a preview: its files are drained unread). */
  readonly keepsFiles: boolean;
  /** Keeps the answers of a valid step. */
  keep(answers: Answers): Promise<void>;
  /** Removes one stored file at once: the file, or undefined when it is not there (any more). */
  removeFile(id: string): Promise<FileRef | undefined>;
}

/** One post of a step page, as the web layer read it. */
export interface StepPost {
  /** The posted inputs, shaped like an urlencoded body. */
  raw: RawInput;
  /** Files stored while the request was read (the caller reads and stores them, one at a time). */
  added: readonly FileRef[];
  /** Files refused while the request was read, as errors at their fields (one per file). */
  refused: readonly FieldError[];
  /** Set when the citizen came from the check page ("Ändern"): a valid step returns there. */
  returnToCheck: boolean;
  /**
   * The login the service requires and the browser session has (ADR 0036). Absent where no login
   * applies (the designer's preview).
   */
  login?: LoginState;
}

/** The Vertrauensniveau a service requires, and the level of the session's login (if any). */
export interface LoginState {
  required: RequiredLevel;
  level: AssuranceLevel | undefined;
}

/**
 * Where a session must go before it may go on: the login page when the service requires a login
 * at a level the session does not have (not logged in, or a step-up), else nowhere. The pages of a
 * draft (step, check, submit) ask this too, so an expired login is noticed on any of them.
 */
export function loginTarget(login: LoginState | undefined): StepTarget | undefined {
  return login && !meetsLevel(login.level, login.required) ? { kind: 'login' } : undefined;
}

/** Where a post leads. */
export type StepTarget =
  /** With `change`, the step was reached from the check page and returns there (see `returnToCheck`). */
  | { kind: 'step'; stepId: string; change?: boolean }
  /** The check page ("Prüfen Sie Ihre Angaben"); the end page in a preview. */
  | { kind: 'check' }
  /** The service's start page: the posted step is not one of the service's. */
  | { kind: 'start' }
  /** The draft was submitted meanwhile (another tab): its confirmation. */
  | { kind: 'confirmation' }
  /**
   * A login, or a login at a higher level (step-up), is needed first (ADR 0036). The answers
   * posted are kept; after the login the citizen continues where the draft is.
   */
  | { kind: 'login' };

/** What the page says about the post, as a polite status message. */
export type StepNotice =
  | { kind: 'file-uploaded'; name: string }
  | { kind: 'files-uploaded'; count: number }
  | { kind: 'file-removed'; name: string }
  | { kind: 'file-not-removed' }
  | { kind: 'no-file' }
  | { kind: 'files-not-kept' }
  | { kind: 'item-added'; itemLabel: LocalizedText; item: number }
  | { kind: 'item-removed' }
  | { kind: 'item-at-max' }
  | { kind: 'item-not-removed' };

/** The same step shown again. */
export interface StepShown {
  kind: 'show';
  step: Step;
  /** 400 when something is wrong with the post (errors, a refused action), 200 otherwise. */
  status: 200 | 400;
  /** The answers to render the step with (kept ones, merged with what was posted). */
  answers: Answers;
  /** The posted input to show again as typed. */
  raw: RawInput;
  errors: FieldError[];
  /** The post revealed further questions on this step (a notice, not an error). */
  moreQuestions: boolean;
  /**
   * The post revealed a text block (a notice, a warning) on this step that the page did not show:
   * the citizen reads it before moving on; "Weiter" again continues.
   */
  newNotices: boolean;
  notice?: StepNotice;
  /** After adding or removing an item: the heading that takes the focus (0 is the group's). */
  focus?: { group: string; item: number };
}

export type StepPostOutcome = { kind: 'go'; to: StepTarget } | StepShown;

const first = (value: RawInput[string]): string | undefined => (Array.isArray(value) ? value[0] : value);

function shown(
  step: Step,
  status: 200 | 400,
  values: Omit<StepShown, 'kind' | 'step' | 'status' | 'moreQuestions' | 'newNotices'> & {
    moreQuestions?: boolean;
    newNotices?: boolean;
  },
): StepShown {
  return { kind: 'show', step, status, moreQuestions: false, newNotices: false, ...values };
}

/** What "Datei hochladen" did; undefined when files were refused (their errors say it). */
function uploadNotice(store: StepAnswers, post: StepPost): StepNotice | undefined {
  if (!store.keepsFiles) return { kind: 'files-not-kept' };
  const [one] = post.added;
  if (post.added.length > 1) return { kind: 'files-uploaded', count: post.added.length };
  if (one) return { kind: 'file-uploaded', name: one.name };
  return post.refused.length === 0 ? { kind: 'no-file' } : undefined;
}

/** Handles one post of `step` (a step of `model`) against the answers kept in `store`. */
export async function postStep(
  model: FormModel,
  step: Step,
  store: StepAnswers,
  post: StepPost,
  ctx: EngineContext,
): Promise<StepPostOutcome> {
  const { [REMOVE_FILE_NAME]: removePressed, [UPLOAD_FILE_NAME]: uploadPressed, ...raw } = post.raw;
  const removeId = first(removePressed);
  const uploadOnly = uploadPressed !== undefined;
  let notice: StepNotice | undefined;
  if (removeId !== undefined) {
    const removed = await store.removeFile(removeId);
    notice = removed ? { kind: 'file-removed', name: removed.name } : { kind: 'file-not-removed' };
  } else if (uploadOnly) notice = uploadNotice(store, post);
  // The files are the store's records, never what the browser posted under the field's name.
  for (const field of step.fields) {
    if (field.type !== 'file') continue;
    const refs = refsOf(store.answers, field.key);
    if (refs.length > 0) raw[field.key] = refsToRaw(refs);
    else delete raw[field.key];
  }

  if (notice !== undefined || (uploadOnly && post.refused.length > 0)) {
    // "Datei hochladen" / "Datei entfernen": the same step again with the files as they are now,
    // keeping everything typed; nothing else is checked or kept (as for group items).
    const parsed = model.submitStep(step.id, raw, store.answers, ctx);
    const errors = mergeByField(post.refused);
    return shown(step, errors.length > 0 ? 400 : 200, {
      answers: parsed.answers,
      raw,
      errors,
      ...(notice !== undefined && { notice }),
    });
  }

  if (raw[ACTION_NAME] !== undefined) return itemAction(model, step, store, raw, ctx);

  const applicableBefore = new Set(model.applicableSteps(store.answers).map((s) => s.id));
  const shownBefore = new Set(model.visibleFields(step.id, store.answers).map((f) => f.key));
  // With JavaScript, questions appear as the citizen answers; the page says which were shown.
  for (const key of first(raw[SHOWN_QUESTIONS_NAME])?.split(',') ?? []) shownBefore.add(key);
  const result = model.submitStep(step.id, raw, store.answers, ctx);
  if (result.errors.length === 0) await store.keep(result.answers);
  if (result.errors.length > 0 || post.refused.length > 0) {
    // Without JavaScript, an answer can reveal further questions on the same step (e.g. "Ja"
    // reveals a follow-up), also inside an item of a repeating group (the page lists the item
    // inputs it showed). Those were never shown, so they are not the citizen's mistake: they are
    // shown as new questions, not as errors. A refused file is always said, in place of the
    // field's own message (it is the reason).
    const refusedKeys = new Set(post.refused.map((e) => e.key));
    const errors = [
      ...mergeByField(post.refused),
      ...result.errors.filter(
        (e) => !refusedKeys.has(e.key) && shownBefore.has(e.key) && inputWasShown(e.inputId, raw),
      ),
    ];
    const revealed = errors.length === 0;
    return shown(step, revealed ? 200 : 400, {
      answers: result.answers,
      raw,
      errors,
      moreQuestions: revealed,
    });
  }
  // Without JavaScript, an answer can also reveal a notice on this step (e.g. "you need a separate
  // permit"). The answers are valid and kept, but the citizen has not read it yet: the step is
  // shown once more with it, as a revealed question would be.
  const unread = model
    .visibleFields(step.id, result.answers)
    .filter((f) => isBlockField(f) && !shownBefore.has(f.key));
  if (unread.length > 0) {
    return shown(step, 200, { answers: result.answers, raw, errors: [], newNotices: true });
  }
  // The answers are kept; going on needs the login the service requires.
  const login = loginTarget(post.login);
  if (login) return { kind: 'go', to: login };
  if (post.returnToCheck)
    return { kind: 'go', to: returnTarget(model, step, applicableBefore, result.answers, ctx) };
  const next = model.nextStep(step.id, result.answers);
  return { kind: 'go', to: next ? { kind: 'step', stepId: next.id } : { kind: 'check' } };
}

/**
 * Where an application that is not complete continues: the first applicable step that still needs
 * answers (in journey order), or the check page when none does.
 */
export function continueAt(model: FormModel, answers: Answers, ctx: EngineContext): StepTarget {
  const incomplete = new Set(model.finalize(answers, ctx).errors.map((e) => e.stepId));
  const step = model.applicableSteps(answers).find((s) => incomplete.has(s.id));
  return step ? { kind: 'step', stepId: step.id } : { kind: 'check' };
}

/**
 * Where a step changed from the check page ("Ändern") leads. Usually back to the check page; but a
 * change can make further steps apply (Ermäßigung "Ja" asks for its reason): the citizen is led
 * through those first, each returning to the check page in turn, instead of meeting an error there
 * about a question never seen. A later step that now applies anew, or that still needs answers,
 * comes first.
 */
function returnTarget(
  model: FormModel,
  step: Step,
  applicableBefore: ReadonlySet<string>,
  answers: Answers,
  ctx: EngineContext,
): StepTarget {
  const applicable = model.applicableSteps(answers);
  const later = applicable.slice(applicable.findIndex((s) => s.id === step.id) + 1);
  const incomplete = new Set(model.finalize(answers, ctx).errors.map((e) => e.stepId));
  const next = later.find((s) => !applicableBefore.has(s.id) || incomplete.has(s.id));
  return next ? { kind: 'step', stepId: next.id, change: true } : { kind: 'check' };
}

/**
 * "Kind hinzufügen" / "Kind 2 entfernen": the same step again with one item more or less, keeping
 * everything typed. Nothing is kept; "Weiter" validates and keeps as usual. A forged or outdated
 * action (beyond the limits, an item that is not there) changes nothing.
 */
function itemAction(
  model: FormModel,
  step: Step,
  store: StepAnswers,
  raw: RawInput,
  ctx: EngineContext,
): StepShown {
  const action = parseItemAction(raw[ACTION_NAME]);
  const outcome = action
    ? model.itemAction(step.id, raw, action)
    : ({ ok: false, reason: 'no-such-item', raw } as const);
  const { [ACTION_NAME]: _pressed, ...posted } = outcome.raw;
  const parsed = model.submitStep(step.id, posted, store.answers, ctx);
  let notice: StepNotice;
  if (outcome.ok && action?.kind === 'add') {
    const group = model.visibleFields(step.id, parsed.answers).find((f) => f.key === action.group);
    const itemLabel = group?.type === 'group' ? group.itemLabel : { de: '' };
    notice = { kind: 'item-added', itemLabel, item: outcome.focus };
  } else if (outcome.ok) notice = { kind: 'item-removed' };
  else notice = { kind: outcome.reason === 'at-max' ? 'item-at-max' : 'item-not-removed' };
  return shown(step, outcome.ok ? 200 : 400, {
    answers: parsed.answers,
    raw: posted,
    errors: [],
    notice,
    ...(outcome.ok && action && { focus: { group: action.group, item: outcome.focus } }),
  });
}
