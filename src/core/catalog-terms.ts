/**
 * Search terms of the catalog (ADR 0043): words folded to lower case without accents ("Müll" and
 * "mull" meet, "ß" is "ss"), and for an entry every prefix of two characters or more of each word,
 * so a search for "hund" or "9910201" finds an entry by an indexed equality lookup on both
 * databases instead of a scan.
 */

/** Longer words are cut here: a prefix this long already says which word was meant. */
export const MAX_TERM_LENGTH = 24;
/** More words in one search are ignored: every one must match, so more narrow nothing useful. */
export const MAX_QUERY_WORDS = 8;

function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 2)
    .map((w) => w.slice(0, MAX_TERM_LENGTH));
}

/** Every prefix (two characters and more) of every word of the texts, each once. */
export function entryTerms(texts: ReadonlyArray<string | null | undefined>): string[] {
  const terms = new Set<string>();
  for (const text of texts) {
    for (const word of words(text ?? '')) {
      for (let end = 2; end <= word.length; end++) terms.add(word.slice(0, end));
    }
  }
  return [...terms];
}

/** The words of a search, folded like the entries' terms; each must match. */
export function queryTerms(query: string): string[] {
  return [...new Set(words(query))].slice(0, MAX_QUERY_WORDS);
}
