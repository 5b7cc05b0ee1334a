/**
 * Control characters in posted input are refused here, once for every field type, not in each
 * view: a NUL or an escape sequence stored in an answer would come back in the check page, the
 * inbox, the PDF and every export. A multi-line answer (`acceptsLineBreaks`) may contain tab,
 * line feed and carriage return; nothing else below U+0020, DEL, or the C1 range U+0080–U+009F is
 * accepted anywhere. The step is shown again with a message at the field; nothing is kept.
 */
import type { Field, GroupField, Step } from '../definition/types.ts';
import { msg } from './fields/messages.ts';
import { handlerFor } from './fields/registry.ts';
import { inItem } from './group/messages.ts';
import { CONTROL_PREFIX } from './input-names.ts';
import type { FieldError, RawInput } from './model.ts';

/** Whether `text` holds C0 (but tab and line breaks when `lines`), DEL or C1 control characters. */
export function hasControlCharacter(text: string, lines: boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x7f && code <= 0x9f) return true;
    if (code < 0x20 && !(lines && (code === 0x09 || code === 0x0a || code === 0x0d))) return true;
  }
  return false;
}

/** Whether `text` holds a control character that input for `field` may not contain. */
export function hasRefusedControl(field: Field, text: string): boolean {
  return hasControlCharacter(text, handlerFor(field).acceptsLineBreaks === true);
}

function values(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** The field of the step (or of an item of one of its groups) that posts the input `name`. */
function ownerOf(step: Step, name: string): { top: Field; field: Field; item?: number } | undefined {
  // Inputs are named `key` or `key-…` (input-names.ts); a group item's `group-n-itemKey-…`.
  const [key, n, itemKey] = name.split('-');
  const top = step.fields.find((f) => f.key === key);
  if (!top) return undefined;
  if (top.type !== 'group' || itemKey === undefined) return { top, field: top };
  const child = (top as GroupField).fields.find((f) => f.key === itemKey);
  return child && /^[0-9]+$/.test(n ?? '') ? { top, field: child, item: Number(n) } : { top, field: top };
}

/** One error per field whose posted input holds a refused control character. */
export function controlCharacterErrors(step: Step, raw: RawInput): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const name of Object.keys(raw)) {
    if (name.startsWith(CONTROL_PREFIX)) continue;
    const owner = ownerOf(step, name);
    if (!owner || !('label' in owner.field)) continue;
    if (!values(raw[name]).some((text) => hasRefusedControl(owner.field, text))) continue;
    const inputId = `field-${name}`;
    if (seen.has(inputId)) continue;
    seen.add(inputId);
    const message = msg.controlCharacters();
    errors.push(
      owner.item !== undefined && owner.top.type === 'group'
        ? { key: owner.top.key, inputId, message: inItem(owner.top, owner.item, message, owner.field) }
        : { key: owner.top.key, inputId, message, question: owner.field.label },
    );
  }
  return errors;
}
