/**
 * Stable ids (`uid`) of steps and fields (ADR 0023). A uid names an element for as long as it
 * exists, whatever happens to its key, its label or its place: the designer keeps it on every
 * edit, and the catalog's diff and merge match elements by it.
 *
 * An element without a uid (a definition written by hand, a FIM import, a format-1 document) gets
 * one derived from its kind and key, so the same document always gets the same uids: two uploads of
 * one service, or its published versions migrated from format 1, agree on them. Opaque on purpose:
 * a uid must not look like something to keep in step with the key.
 */

/** `s-` for steps, `f-` for fields, then 13 characters of base 36. */
export const UID_PATTERN = '^[a-z][a-z0-9-]{1,39}$';

export type UidKind = 'step' | 'field';

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = (1n << 64n) - 1n;

/** 64-bit FNV-1a over the UTF-16 code units: small, stable, and enough to tell keys apart. */
function fnv1a64(text: string): bigint {
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * FNV_PRIME) & MASK_64;
  }
  return hash;
}

/** The uid an element of this kind and key gets when it has none. */
export function derivedUid(kind: UidKind, key: string): string {
  return `${kind === 'step' ? 's' : 'f'}-${fnv1a64(`${kind}:${key}`).toString(36).padStart(13, '0')}`;
}

/** Where a uid is, for the message about a duplicate. */
interface UidPlace {
  uid: string | undefined;
  path: string;
}

/** Every step and field (item fields included) with its JSON pointer, in document order. */
export function uidPlaces(definition: {
  steps: ReadonlyArray<{ uid?: string; fields: ReadonlyArray<{ uid?: string; fields?: unknown }> }>;
}): UidPlace[] {
  const places: UidPlace[] = [];
  definition.steps.forEach((step, s) => {
    places.push({ uid: step.uid, path: `/steps/${s}` });
    step.fields.forEach((field, f) => {
      places.push({ uid: field.uid, path: `/steps/${s}/fields/${f}` });
      if (Array.isArray(field.fields)) {
        (field.fields as Array<{ uid?: string }>).forEach((item, i) => {
          places.push({ uid: item.uid, path: `/steps/${s}/fields/${f}/fields/${i}` });
        });
      }
    });
  });
  return places;
}

/**
 * Gives every step and field without a uid its derived one, in place (the caller owns the object:
 * `parseDefinition` runs it on its copy before freezing). Steps are derived from their id, fields
 * from their key, item fields of a repeating group from the group's key and theirs (two groups may
 * share item keys). A derived uid is never a duplicate: one that is taken — by a uid the document
 * gives, or because keys repeat (refused by the key checks anyway) — gets a numbered suffix.
 */
export function fillUids(definition: {
  steps: Array<{ id: string; uid?: string; fields: Array<{ key: string; uid?: string; fields?: unknown }> }>;
}): void {
  const taken = new Set<string>();
  for (const { uid } of uidPlaces(definition)) if (uid !== undefined) taken.add(uid);
  const give = (kind: UidKind, source: string): string => {
    const base = derivedUid(kind, source);
    let uid = base;
    for (let n = 2; taken.has(uid); n++) uid = `${base}-${n}`;
    taken.add(uid);
    return uid;
  };
  for (const step of definition.steps) {
    step.uid ??= give('step', step.id);
    for (const field of step.fields) {
      field.uid ??= give('field', field.key);
      if (Array.isArray(field.fields)) {
        for (const item of field.fields as Array<{ key: string; uid?: string }>) {
          item.uid ??= give('field', `${field.key}/${item.key}`);
        }
      }
    }
  }
}
