/** Reading urlencoded form input, where a name may be missing, posted once or posted repeatedly. */
import type { RawInput } from '../model.ts';

/** The first posted value of a name; repeated names cannot smuggle in a second answer. */
export function rawString(raw: RawInput | undefined, name: string): string | undefined {
  const value = raw?.[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Every posted value of a name (checkbox lists). */
export function rawList(raw: RawInput | undefined, name: string): string[] {
  const value = raw?.[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Picks the given names out of the posted input. */
export function keepRaw(raw: RawInput, names: readonly string[]): RawInput {
  const kept: RawInput = {};
  for (const name of names) {
    const value = raw[name];
    if (value !== undefined) kept[name] = value;
  }
  return kept;
}
