/**
 * The items of a repeating group in the compiled model: parsing them from a posted step, keeping
 * only answers of visible item fields, and validating each item. Item field conditions see the
 * answers kept before the group plus the earlier answers of the same item (ADR 0014); the field
 * type handlers do the rest under the item's input names (`names.ts`).
 */
import type { AnswerRecord, Answers, AnswerValue, Field, ItemField } from '../../definition/types.ts';
import { type CompiledField, type CompiledGroup, effectiveField } from '../compiled.ts';
import { type FieldMessage, fieldErrors } from '../fields/contract.ts';
import type { EngineContext, FieldError, RawInput } from '../model.ts';
import { groupMsg, inItem } from './messages.ts';
import { itemField, postedCount } from './names.ts';
import { itemsOf } from './records.ts';

/**
 * The errors of one item field, at the item's inputs: a message about a part of an address
 * (`field-anschrift-postcode`, with further parts in `more`) is about that part in item n
 * (`field-kinder-2-anschrift-postcode`).
 */
function itemErrors(
  group: CompiledGroup['field'],
  n: number,
  field: Field,
  message: FieldMessage,
): FieldError[] {
  const own = `field-${field.key}`;
  const inItemId = `field-${group.key}-${n}-${field.key}`;
  return fieldErrors(field.key, message).map((e) => ({
    key: group.key,
    inputId: e.inputId.startsWith(`${own}-`) ? inItemId + e.inputId.slice(own.length) : inItemId,
    message: inItem(group, n, e.message, field),
  }));
}

/** Errors about the number of items: the page never offers more or fewer, so only tampering gets here. */
export function countErrors(cg: CompiledGroup, count: number): FieldError[] {
  const group = cg.field;
  const inputId = `field-${group.key}`;
  const min = group.minItems ?? 0;
  const question = group.label;
  if (count < min) return [{ key: group.key, inputId, message: groupMsg.tooFew(min), question }];
  if (count > group.maxItems)
    return [{ key: group.key, inputId, message: groupMsg.tooMany(group.maxItems), question }];
  return [];
}

/**
 * Visits the item fields of one item in order with the scope conditions see, calling `visit` for
 * each visible answer field; `valueOf` gives its answer, which then joins the scope.
 */
function eachVisible(
  cg: CompiledGroup,
  scope: Answers,
  answerOf: (cf: CompiledField) => AnswerValue | undefined,
  visit: (cf: CompiledField, value: AnswerValue | undefined, itemScope: Answers) => void,
): void {
  // Without conditions in the item, nothing reads the scope: no copy per item.
  const itemScope: Answers = cg.conditional ? { ...scope } : scope;
  for (const cf of cg.children) {
    if (!cf.answers) continue;
    if (cf.shownWhen !== undefined && !cf.shownWhen(itemScope)) continue;
    const value = answerOf(cf);
    if (cg.conditional && value !== undefined) itemScope[cf.field.key] = value;
    visit(cf, value, itemScope);
  }
}

/** Which item fields (by index, info blocks included) are shown in an item with these answers. */
export function visibleInItem(cg: CompiledGroup, item: AnswerRecord, scope: Answers): boolean[] {
  if (!cg.conditional) return cg.children.map(() => true);
  const itemScope: Answers = { ...scope };
  return cg.children.map((cf) => {
    if (cf.shownWhen !== undefined && !cf.shownWhen(itemScope)) return false;
    const value = item[cf.field.key];
    if (cf.answers && value !== undefined) itemScope[cf.field.key] = value;
    return true;
  });
}

/**
 * The kept form of a stored group answer: per item, the answers of visible item fields only
 * (hidden and unknown keys dropped, ADR 0010). A value that is not a list of items is kept as it is,
 * so that validation reports it instead of it silently disappearing.
 */
export function keepItems(cg: CompiledGroup, value: AnswerValue, scope: Answers): AnswerValue {
  const items = itemsOf(value);
  if (!items) return value;
  // The common case: nothing in the items can be hidden and no unknown key is stored, so the
  // stored list is already the kept one (answers are never mutated; no copy per walk).
  if (!cg.conditional && items.every((item) => onlyKnownKeys(item, cg.answerKeys))) return value;
  return items.map((item) => {
    const kept: Record<string, AnswerValue> = {};
    eachVisible(
      cg,
      scope,
      (cf) => item[cf.field.key],
      (cf, v) => {
        if (v !== undefined) kept[cf.field.key] = v;
      },
    );
    return kept;
  });
}

function onlyKnownKeys(item: AnswerRecord, known: ReadonlySet<string>): boolean {
  for (const key in item) if (!known.has(key)) return false;
  return true;
}

export interface ParsedItems {
  /** The items as posted (valid or not, so the page can be shown again); undefined for none. */
  value: AnswerRecord[] | undefined;
  errors: FieldError[];
}

/** Parses and validates the items of a posted step; `scope` holds the answers kept before the group. */
export function parseItems(
  cg: CompiledGroup,
  raw: RawInput,
  scope: Answers,
  ctx: EngineContext,
): ParsedItems {
  const group = cg.field;
  const count = postedCount(group, raw);
  const items: AnswerRecord[] = [];
  const errors: FieldError[] = [];
  for (let n = 1; n <= count; n++) {
    const item: Record<string, AnswerValue> = {};
    const before = errors.length;
    let firstInput: string | undefined;
    eachVisible(
      cg,
      scope,
      (cf) => {
        const parsed = cf.handler.parse(itemField(cf.field as ItemField, group.key, n), raw);
        const inputId = `field-${group.key}-${n}-${cf.field.key}`;
        firstInput ??= inputId;
        if (parsed.invalid)
          errors.push({ key: group.key, inputId, message: inItem(group, n, parsed.invalid, cf.field) });
        if (parsed.value !== undefined) item[cf.field.key] = parsed.value;
        return parsed.value;
      },
      (cf, value, itemScope) => {
        const inputId = `field-${group.key}-${n}-${cf.field.key}`;
        if (errors.some((e) => e.inputId === inputId)) return; // not understood: that is the message
        const message = cf.handler.validate(effectiveField(cf, itemScope), value, ctx);
        if (message) errors.push(...itemErrors(group, n, cf.field, message));
      },
    );
    if (Object.keys(item).length === 0 && errors.length === before && firstInput) {
      errors.push({
        key: group.key,
        inputId: firstInput,
        message: groupMsg.emptyItem(group, n, count > (group.minItems ?? 0)),
      });
    }
    items.push(item);
  }
  errors.push(...countErrors(cg, count));
  return { value: items.length > 0 ? items : undefined, errors };
}

/** Validates a kept group answer (when finalizing); `scope` holds the kept answers and computed values. */
export function validateItems(
  cg: CompiledGroup,
  value: AnswerValue | undefined,
  scope: Answers,
  ctx: EngineContext,
): FieldError[] {
  const group = cg.field;
  if (value === undefined) return countErrors(cg, 0);
  const items = itemsOf(value);
  if (!items)
    return [
      { key: group.key, inputId: `field-${group.key}`, message: groupMsg.notAList(), question: group.label },
    ];
  const errors: FieldError[] = [];
  items.forEach((item, i) => {
    const n = i + 1;
    let answered = false;
    let firstInput: string | undefined;
    const before = errors.length;
    eachVisible(
      cg,
      scope,
      (cf) => item[cf.field.key],
      (cf, v, itemScope) => {
        const inputId = `field-${group.key}-${n}-${cf.field.key}`;
        firstInput ??= inputId;
        if (v !== undefined) answered = true;
        const message = cf.handler.validate(effectiveField(cf, itemScope), v, ctx);
        if (message) errors.push(...itemErrors(group, n, cf.field, message));
      },
    );
    if (!answered && errors.length === before && firstInput) {
      errors.push({
        key: group.key,
        inputId: firstInput,
        message: groupMsg.emptyItem(group, n, items.length > (group.minItems ?? 0)),
      });
    }
  });
  errors.push(...countErrors(cg, items.length));
  return errors;
}
