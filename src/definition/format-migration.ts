/**
 * Older versions of the definition format, brought to the current one (ADR 0023). Documents of an
 * older version keep working wherever a definition is read: uploads, `amtsweg publish`, the
 * stored versions (a database migration runs this once over them).
 *
 * Format 1 → 2: the municipality's local settings move into `local` — `office`, `fee` and the start
 * page's `cost` text — so that the shared content and what a municipality adapts are apart. Stable
 * ids are not added here: `parseDefinition` gives every step and field without a `uid` its derived
 * one (see `uid.ts`), whatever the format version was.
 */

import { fillUids } from './uid.ts';

export const CURRENT_FORMAT_VERSION = 2;

type JsonObject = { [key: string]: unknown };

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The document in the current format version. A document that is not a format-1 definition is
 * returned as it is, for the JSON Schema to judge (a format-1 document that already has `local` is
 * such a case: moving would overwrite it).
 */
export function migrateFormat(input: unknown): unknown {
  if (!isObject(input) || input.formatVersion !== 1 || 'local' in input) return input;
  const { formatVersion: _old, office, fee, startPage, ...rest } = input;
  const local: JsonObject = {};
  if (office !== undefined) local.office = office;
  if (fee !== undefined) local.fee = fee;
  let keptStartPage = startPage;
  if (isObject(startPage) && startPage.cost !== undefined) {
    const { cost, ...others } = startPage;
    local.cost = cost;
    keptStartPage = Object.keys(others).length > 0 ? others : undefined;
  }
  const { $schema, ...content } = rest;
  return {
    ...($schema !== undefined && { $schema }),
    formatVersion: CURRENT_FORMAT_VERSION,
    ...content,
    ...(keptStartPage !== undefined && { startPage: keptStartPage }),
    local,
  };
}

/**
 * A definition as stored by an earlier version of Amtsweg, in the current format with its uids
 * (`fillUids`). Stored definitions passed every check when they were published or uploaded, so
 * this only moves and adds; it returns the document unchanged when there is nothing to do, so
 * callers can tell by identity whether to write it back.
 */
export function upgradeStored(stored: unknown): unknown {
  const current = migrateFormat(stored);
  if (!isObject(current) || !Array.isArray(current.steps)) return stored;
  const copy = structuredClone(current) as Parameters<typeof fillUids>[0];
  fillUids(copy);
  return current === stored && JSON.stringify(copy) === JSON.stringify(stored) ? stored : copy;
}
