/** `text`: a single line of text, optionally with length limits, a pattern and an autocomplete token. */
import { anchoredPattern, PATTERN_INPUT_MAX_CHARS } from '../../definition/pattern-safety.ts';
import type { Pattern, TextField } from '../../definition/types.ts';
import { attr, html } from '../../lib/html.ts';
import type { FieldTypeHandler } from './contract.ts';
import { msg } from './messages.ts';
import { keepRaw, rawString } from './raw.ts';
import { charCount, isEmptyString, trimmedOrUndefined } from './strings.ts';
import { INVALID_ATTR, singleControl } from './view-parts.ts';

// Compiled once per pattern object (definitions are immutable), never per request.
const regexCache = new WeakMap<Pattern, RegExp>();

function regexOf(pattern: Pattern): RegExp {
  let regex = regexCache.get(pattern);
  if (!regex) {
    // Anchors are implied by the format, so "[0-9]{5}" means exactly five digits.
    regex = new RegExp(anchoredPattern(pattern.regex), 'u');
    regexCache.set(pattern, regex);
  }
  return regex;
}

/** The longest accepted answer: the field's own limit, and for a pattern at most its input bound. */
function maxLengthOf(field: TextField): number | undefined {
  if (!field.pattern) return field.maxLength;
  return Math.min(field.maxLength ?? PATTERN_INPUT_MAX_CHARS, PATTERN_INPUT_MAX_CHARS);
}

export const textField: FieldTypeHandler<TextField, string> = {
  type: 'text',
  parse(field, raw) {
    return { value: trimmedOrUndefined(rawString(raw, field.key)), rawKept: keepRaw(raw, [field.key]) };
  },
  validate(field, value) {
    if (value === undefined || value === '') return field.required ? msg.enter('answer') : null;
    if (typeof value !== 'string') return msg.enter('answer');
    const length = charCount(value);
    if (field.maxLength !== undefined && length > field.maxLength) return msg.tooLong(field.maxLength);
    if (field.minLength !== undefined && length < field.minLength) return msg.tooShort(field.minLength);
    if (field.pattern) {
      // Longer input never reaches the pattern: even a pattern that publishing let through as
      // quadratic stays within milliseconds (ADR 0027). The same bound applies in the browser.
      if (length > PATTERN_INPUT_MAX_CHARS) return msg.tooLong(PATTERN_INPUT_MAX_CHARS);
      if (!regexOf(field.pattern).test(value)) return field.pattern.message;
    }
    return null;
  },
  isEmpty: isEmptyString,
  format: (_field, value) => String(value),
  dataSchema: (field) => ({
    type: 'string',
    // Empty or blank input is "no answer", so a stored text is never empty. Lengths count code
    // points on both sides (charCount here, JSON Schema's definition of length there).
    minLength: Math.max(1, field.minLength ?? 0),
    ...(maxLengthOf(field) !== undefined && { maxLength: maxLengthOf(field) }),
    // The same anchoring as regexOf; JSON Schema patterns are unanchored ECMAScript regexes.
    ...(field.pattern && { pattern: anchoredPattern(field.pattern.regex) }),
  }),
  view(input) {
    const { field } = input;
    const value = input.raw ? rawString(input.raw, field.key) : input.value;
    return singleControl(
      input,
      (c) =>
        html`<input class="kern-form-input__input${c.invalid ? ' kern-form-input__input--error' : ''}" id="${c.id}" name="${c.name}" type="text"${attr('value', typeof value === 'string' ? value : undefined)}${attr('autocomplete', field.autocomplete)}${attr('aria-describedby', c.describedBy)}${c.invalid ? INVALID_ATTR : ''}>`,
    );
  },
};
