/**
 * "Kind hinzufügen" / "Kind 2 entfernen" without JavaScript: the step form posts everything typed
 * plus the pressed button's `_aw_action` value, and the server answers with the same step, one
 * item more or less. This module turns the posted input into the input of that next page. Pure:
 * it only rewrites names, so whatever was typed in the other items (even invalid input) is kept.
 */
import type { GroupField } from '../../definition/types.ts';
import type { ActionOutcome, ItemAction, RawInput } from '../model.ts';
import { countName, itemPrefix, postedCount } from './names.ts';

/** The name of the submit buttons that add or remove items. */
export const ACTION_NAME = '_aw_action';

const ACTION = /^(add|remove):([a-zA-Z][a-zA-Z0-9_]*)(?::([0-9]{1,3}))?$/;

/** Reads a posted action value; undefined when it is not one (a forged value is not an action). */
export function parseItemAction(value: unknown): ItemAction | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (typeof text !== 'string') return undefined;
  const m = ACTION.exec(text);
  if (!m) return undefined;
  const [, kind, group, item] = m as unknown as [string, 'add' | 'remove', string, string | undefined];
  if (kind === 'add') return item === undefined ? { kind, group } : undefined;
  return item === undefined ? undefined : { kind, group, item: Number(item) };
}

export function actionValue(action: ItemAction): string {
  return action.kind === 'add' ? `add:${action.group}` : `remove:${action.group}:${action.item}`;
}

/**
 * Applies an add or remove to the posted input of the page that showed `group`. The page always
 * shows at least `minItems` items, so the count starts there.
 */
export function applyItemAction(group: GroupField, raw: RawInput, action: ItemAction): ActionOutcome {
  const min = group.minItems ?? 0;
  const count = Math.max(postedCount(group, raw), min);
  if (action.kind === 'add') {
    if (count >= group.maxItems) return { ok: false, reason: 'at-max', raw };
    return { ok: true, raw: { ...raw, [countName(group.key)]: String(count + 1) }, focus: count + 1 };
  }
  const n = action.item;
  if (n < 1 || n > count) return { ok: false, reason: 'no-such-item', raw };
  if (count <= min) return { ok: false, reason: 'at-min', raw };
  const next: RawInput = {};
  const prefix = `${group.key}-`;
  for (const [name, value] of Object.entries(raw)) {
    if (!name.startsWith(prefix) || name === countName(group.key)) {
      next[name] = value;
      continue;
    }
    const rest = name.slice(prefix.length);
    const dash = rest.indexOf('-');
    const m = dash > 0 ? Number(rest.slice(0, dash)) : Number.NaN;
    if (!Number.isInteger(m) || m < 1) next[name] = value;
    else if (m < n) next[name] = value;
    else if (m > n) next[`${itemPrefix(group.key, m - 1)}${rest.slice(dash + 1)}`] = value;
    // m === n: the removed item's inputs are left out
  }
  next[countName(group.key)] = String(count - 1);
  // Focus the item that took the removed one's place, or the new last one.
  return { ok: true, raw: next, focus: Math.min(n, count - 1) };
}
