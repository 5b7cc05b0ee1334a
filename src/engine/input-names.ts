/**
 * Which input names a step page posts: every field renders its inputs under its key or under
 * `key-…` (date and address parts, the items of a repeating group, a search's choice), and the
 * engine's own controls are named `_aw_…` (shown questions, group actions, file buttons). The web
 * layer refuses a multipart post naming anything else before it buffers it (ADR 0027).
 */
import type { Step } from '../definition/types.ts';

/** The prefix of every control input the engine renders. */
export const CONTROL_PREFIX = '_aw_';

const keysOfStep = new WeakMap<Step, ReadonlySet<string>>();

function keysOf(step: Step): ReadonlySet<string> {
  let keys = keysOfStep.get(step);
  if (!keys) {
    keys = new Set(step.fields.map((f) => f.key));
    keysOfStep.set(step, keys);
  }
  return keys;
}

export function isStepInputName(step: Step, name: string): boolean {
  if (name.startsWith(CONTROL_PREFIX)) return true;
  const keys = keysOf(step);
  if (keys.has(name)) return true;
  // Field keys contain no '-', so the part before the first one is the key.
  const dash = name.indexOf('-');
  return dash > 0 && keys.has(name.slice(0, dash));
}
