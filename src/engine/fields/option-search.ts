/**
 * Finding options by what people type, for long lists (a searchable input instead of a select):
 * by name or by code, ignoring case, accents and the spelling of umlauts ("Muenchen", "munchen"
 * and "München" are the same), and ignoring suffixes after a comma ("München" finds "München,
 * Landeshauptstadt"). Used by the field on the server and by the suggestions endpoint; the index
 * is built once per options list (definitions are immutable).
 */
import type { Locale, Option } from '../../definition/types.ts';
import { labelWithDetail } from './options.ts';

export const MAX_MATCHES = 10;

/** Lower case, no accents, ß → ss, ae/oe/ue → a/o/u, any run of other characters one space. */
export function normalize(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/ae/g, 'a')
    .replace(/oe/g, 'o')
    .replace(/ue/g, 'u')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

interface Index {
  options: readonly Option[];
  /** Normalized label (German: code lists are German), its part before a comma, and the code. */
  labels: string[];
  names: string[];
  codes: Map<string, number>;
  /** Labels that occur more than once: shown with their code so people can tell them apart. */
  ambiguous: Set<string>;
}

const cache = new WeakMap<readonly Option[], Index>();

function indexOf(options: readonly Option[]): Index {
  let index = cache.get(options);
  if (!index) {
    // The label with its detail: "Buchholz Dithmarschen" finds the one in Dithmarschen, and an
    // option's whole text as shown ("Buchholz (Dithmarschen, Schleswig-Holstein)") is exact.
    const labels = options.map((o) => normalize(labelWithDetail(o, 'de')));
    const names = options.map((o) => normalize(o.label.de.split(',')[0] ?? ''));
    const seen = new Set<string>();
    const ambiguous = new Set<string>();
    for (const o of options) {
      const shown = labelWithDetail(o, 'de');
      if (seen.has(shown)) ambiguous.add(shown);
      seen.add(shown);
    }
    const codes = new Map(options.map((o, i) => [o.value.toLowerCase(), i]));
    index = { options, labels, names, codes, ambiguous };
    cache.set(options, index);
  }
  return index;
}

export type MatchResult =
  | { kind: 'empty' }
  | { kind: 'one'; option: Option }
  | { kind: 'none' }
  | { kind: 'several'; options: Option[]; total: number };

/** "Buchholz (03358005)": how a suggestion reads, and what the field understands when posted. */
const WITH_CODE = /^(.*)\(([^()]+)\)\s*$/;

/** The options the typed text means: exactly one, several (at most MAX_MATCHES, with the total), or none. */
export function matchOptions(options: readonly Option[], text: string): MatchResult {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty' };
  const index = indexOf(options);
  // A code, as typed or as in a suggestion "Name (code)".
  const codeInParens = WITH_CODE.exec(trimmed)?.[2]?.trim();
  for (const code of [trimmed, codeInParens]) {
    const i = code === undefined ? undefined : index.codes.get(code.toLowerCase());
    if (i !== undefined) return { kind: 'one', option: options[i] as Option };
  }
  const q = normalize(trimmed);
  if (q === '') return { kind: 'none' };
  // Exactly the name (or the whole label) first, then labels starting with the text, then labels
  // containing it. One exact name is taken even when longer names contain it too.
  const exact: number[] = [];
  const starts: number[] = [];
  const contains: number[] = [];
  for (let i = 0; i < options.length; i++) {
    const label = index.labels[i] as string;
    if (label === q || index.names[i] === q) exact.push(i);
    else if (label.startsWith(q)) starts.push(i);
    else if (label.includes(q)) contains.push(i);
  }
  if (exact.length === 1) return { kind: 'one', option: options[exact[0] as number] as Option };
  const all = [...exact, ...starts, ...contains];
  if (all.length === 0) return { kind: 'none' };
  if (all.length === 1) return { kind: 'one', option: options[all[0] as number] as Option };
  return several(options, all);
}

function several(options: readonly Option[], indices: number[]): MatchResult {
  return {
    kind: 'several',
    options: indices.slice(0, MAX_MATCHES).map((i) => options[i] as Option),
    total: indices.length,
  };
}

/**
 * How an option is shown in the input and in lists: its label and detail, with its code when they
 * repeat.
 */
export function optionText(options: readonly Option[], option: Option, locale: Locale): string {
  const label = labelWithDetail(option, locale);
  return indexOf(options).ambiguous.has(labelWithDetail(option, 'de')) ? `${label} (${option.value})` : label;
}

/** Suggestions for the browser: always with the code, so a picked suggestion is unambiguous. */
export function suggestions(
  options: readonly Option[],
  text: string,
  locale: Locale,
): { value: string; label: string }[] {
  const result = matchOptions(options, text);
  const found = result.kind === 'one' ? [result.option] : result.kind === 'several' ? result.options : [];
  return found.map((o) => ({ value: o.value, label: `${labelWithDetail(o, locale)} (${o.value})` }));
}
