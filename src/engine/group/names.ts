/**
 * How the items of a repeating group appear in a posted form. Item inputs are named
 * `<group>-<n>-<field>` (n counts from 1, as the page does: "Kind 2" has `kinder-2-vorname`), and
 * the number of items the page showed is posted as `<group>-items`. Field keys never contain "-",
 * so these names cannot collide with any other field's inputs or ids.
 */
import type { GroupField, ItemField } from '../../definition/types.ts';
import type { RawInput } from '../model.ts';

/** The name prefix of item `n` (1-based). */
export function itemPrefix(groupKey: string, n: number): string {
  return `${groupKey}-${n}-`;
}

/** The key an item field is rendered and parsed under, e.g. `kinder-2-vorname`. */
export function itemFieldKey(groupKey: string, n: number, fieldKey: string): string {
  return `${itemPrefix(groupKey, n)}${fieldKey}`;
}

/** The hidden input carrying the number of items the page showed. */
export function countName(groupKey: string): string {
  return `${groupKey}-items`;
}

/**
 * The hidden input listing the item inputs the page showed (`kinder-1-vorname,kinder-2-vorname`),
 * so that a question revealed inside an item by the post itself is not reported as the citizen's
 * mistake (ADR 0010, ADR 0014).
 */
export function shownName(groupKey: string): string {
  return `${groupKey}-shown`;
}

const ITEM_INPUT_ID = /^field-([a-zA-Z][a-zA-Z0-9_]*)-([0-9]{1,3})-([a-zA-Z][a-zA-Z0-9_]*)$/;

/**
 * Whether the page that was posted showed the input an error points at. Inputs outside items,
 * and items of a page that did not say (an older page), count as shown.
 */
export function inputWasShown(inputId: string, raw: RawInput): boolean {
  const m = ITEM_INPUT_ID.exec(inputId);
  if (!m) return true;
  const listed = raw[shownName(m[1] as string)];
  const text = Array.isArray(listed) ? listed[0] : listed;
  if (text === undefined) return true;
  return text.split(',').includes(inputId.slice('field-'.length));
}

/** The id of item n's heading (focus target after adding or removing). */
export function itemHeadingId(groupKey: string, n: number): string {
  return `${groupKey}-${n}-heading`;
}

// Item fields are immutable (definitions are frozen), so their renamed copies are made once.
const copies = new WeakMap<ItemField, ItemField[]>();

/**
 * The item field as the field type handlers see it for item n: the same field under the item's
 * input name, so each handler parses, validates and renders it without knowing about groups.
 */
export function itemField(field: ItemField, groupKey: string, n: number): ItemField {
  let list = copies.get(field);
  if (!list) {
    list = [];
    copies.set(field, list);
  }
  let copy = list[n];
  if (!copy) {
    copy = { ...field, key: itemFieldKey(groupKey, n, field.key) } as ItemField;
    list[n] = copy;
  }
  return copy;
}

const DIGITS = /^[0-9]{1,3}$/;

/**
 * How many items the posted page had. The hidden count is trusted only within bounds; an item
 * whose inputs were posted counts even if the count says less, so a tampered count loses nothing
 * that was typed. Never more than `maxItems`: anything beyond is ignored.
 */
export function postedCount(group: GroupField, raw: RawInput): number {
  const stated = raw[countName(group.key)];
  const text = Array.isArray(stated) ? stated[0] : stated;
  let count = text !== undefined && DIGITS.test(text) ? Number(text) : 0;
  const prefix = `${group.key}-`;
  for (const name of Object.keys(raw)) {
    if (!name.startsWith(prefix)) continue;
    const rest = name.slice(prefix.length);
    const dash = rest.indexOf('-');
    if (dash <= 0) continue;
    const n = rest.slice(0, dash);
    if (DIGITS.test(n) && Number(n) > count) count = Number(n);
  }
  return Math.min(count, group.maxItems);
}
