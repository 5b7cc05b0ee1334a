/**
 * Keys for new elements, made from what the designer typed (a label, a title): a designer names a
 * field "Name des Hundes", the answer gets the key `nameDesHundes`. Keys must be unique, so a taken
 * one gets a number (`nameDesHundes2`), as the format refuses duplicates anyway.
 */
import type { ServiceDefinition } from '../types.ts';

const MAX_KEY = 64;
const MAX_STEP_ID = 80;

/** German letters a key can spell without losing them, before everything else non-ASCII goes. */
function ascii(text: string): string {
  return text
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/Ä/g, 'Ae')
    .replace(/Ö/g, 'Oe')
    .replace(/Ü/g, 'Ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '');
}

function words(text: string): string[] {
  return ascii(text)
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** `Name des Hundes` -> `nameDesHundes`; a key always starts with a letter (`feld…` otherwise). */
export function keyFromLabel(label: string): string {
  const parts = words(label);
  const camel = parts
    .map((w, i) =>
      i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1),
    )
    .join('');
  const key = /^[A-Za-z]/.test(camel) ? camel : `feld${camel}`;
  return key.slice(0, MAX_KEY - 4);
}

/** `Angaben zum Hund` -> `angaben-zum-hund`: a step's id is a URL segment. */
export function stepIdFromTitle(title: string): string {
  const id = words(title).join('-').toLowerCase();
  return (id || 'schritt').slice(0, MAX_STEP_ID - 4);
}

/** Every answer key of the definition: fields, item fields of groups, computed values. */
export function takenKeys(definition: ServiceDefinition): Set<string> {
  const keys = new Set<string>();
  for (const step of definition.steps) {
    for (const field of step.fields) {
      keys.add(field.key);
      if (field.type === 'group') for (const item of field.fields) keys.add(item.key);
    }
  }
  for (const computed of definition.computed ?? []) keys.add(computed.key);
  return keys;
}

/** `base`, or `base2`, `base3`, … whichever is free. */
export function unique(base: string, taken: ReadonlySet<string>, separator = ''): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}${separator}${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

export function uniqueFieldKey(definition: ServiceDefinition, label: string): string {
  return unique(keyFromLabel(label), takenKeys(definition));
}

export function uniqueStepId(definition: ServiceDefinition, title: string): string {
  return unique(stepIdFromTitle(title), new Set(definition.steps.map((s) => s.id)), '-');
}
