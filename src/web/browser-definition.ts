/**
 * The definition as the browser enhancement reads it (web/client), served as its own resource
 * instead of inside every step page: named by the hash of its content, so it can be cached for a
 * year and a page refers to it with one short URL. Only the definition, never answers.
 *
 * Two variants per definition: as written, and in Leichte Sprache (ADR 0019), whose help texts the
 * browser shows for revealed questions. Long lists stay on the server in both: the browser asks
 * for suggestions instead (ADR 0015).
 */
import { createHash } from 'node:crypto';
import { inEasyLanguage } from '../definition/easy-language.ts';
import type { ServiceDefinition } from '../definition/types.ts';
import { withoutLongLists } from '../engine/fields/search-select.ts';

export interface BrowserDefinition {
  /** The JSON text served. */
  readonly json: string;
  /** Hex SHA-256 of `json`: its name in the URL. */
  readonly hash: string;
}

/**
 * Per definition object (compiled models keep theirs for the life of the process, and published
 * definitions never change): built once, not on every step page.
 */
const built = new WeakMap<ServiceDefinition, { standard?: BrowserDefinition; easy?: BrowserDefinition }>();

export function browserDefinition(definition: ServiceDefinition, easy: boolean): BrowserDefinition {
  let variants = built.get(definition);
  if (!variants) {
    variants = {};
    built.set(definition, variants);
  }
  const variant = easy ? 'easy' : 'standard';
  let found = variants[variant];
  if (!found) {
    const json = JSON.stringify(withoutLongLists(easy ? inEasyLanguage(definition) : definition));
    found = { json, hash: createHash('sha256').update(json).digest('hex') };
    variants[variant] = found;
  }
  return found;
}

/** The variant of `definition` whose hash is `hash`, if there is one. */
export function browserDefinitionByHash(
  definition: ServiceDefinition,
  hash: string,
): BrowserDefinition | undefined {
  return [false, true].map((easy) => browserDefinition(definition, easy)).find((d) => d.hash === hash);
}
