/**
 * Keys and step ids derived from FIM names. FIM names are German prose ("Straße", "Natürliche
 * Person (abstrakt)"), while the format needs `^[a-zA-Z][a-zA-Z0-9_]*$` keys and
 * `^[a-z0-9][a-z0-9-]*$` slugs. Umlauts are transliterated rather than dropped so that keys stay
 * readable for caseworkers and in exports ("strasse", not "strae").
 */

const TRANSLITERATION: Record<string, string> = {
  ä: 'ae',
  ö: 'oe',
  ü: 'ue',
  Ä: 'Ae',
  Ö: 'Oe',
  Ü: 'Ue',
  ß: 'ss',
};

const GERMAN_LETTERS = /[äöüÄÖÜß]/g;
const NOT_PRINTABLE_ASCII = /[^\u0020-\u007e]/;
const COMBINING_MARKS = /[\u0300-\u036f]/g;
const SEPARATORS = /[^A-Za-z0-9]+/;
const STARTS_WITH_LETTER = /^[a-zA-Z]/;

function transliterate(c: string): string {
  return TRANSLITERATION[c] ?? '';
}

/** ASCII words of a name: umlauts and ß transliterated, other accents stripped (é → e), the rest split on. */
function words(name: string): string[] {
  // Most FIM names are printable ASCII after all; skip the Unicode work for them.
  const ascii = NOT_PRINTABLE_ASCII.test(name)
    ? name.replace(GERMAN_LETTERS, transliterate).normalize('NFKD').replace(COMBINING_MARKS, '')
    : name;
  const out: string[] = [];
  for (const w of ascii.split(SEPARATORS)) if (w !== '') out.push(w);
  return out;
}

/** camelCase key, e.g. "Anschrift Inland Straße" → "anschriftInlandStrasse". */
export function keyFromName(name: string, fallback: string): string {
  const parts = words(name);
  let key = '';
  for (let i = 0; i < parts.length; i++) {
    const w = parts[i] ?? '';
    key += (i === 0 ? w.charAt(0).toLowerCase() : w.charAt(0).toUpperCase()) + w.slice(1);
  }
  if (key === '') key = fallback;
  if (!STARTS_WITH_LETTER.test(key)) key = `${fallback}${key}`;
  // Room for a uniqueness suffix within the schema's 64-character limit.
  return key.slice(0, 56);
}

/** Lower-case slug, e.g. "Angaben zur Person" → "angaben-zur-person". */
export function slugFromName(name: string, fallback: string): string {
  const slug = words(name).join('-').toLowerCase().slice(0, 72).replace(/-+$/, '');
  return slug === '' ? fallback : slug;
}

/** Hands out unique names: the first "name" stays, later ones become "name2", "name3", ... */
export class UniqueNames {
  private readonly used = new Set<string>();
  constructor(private readonly separator: string) {}

  take(base: string): string {
    let candidate = base;
    for (let n = 2; this.used.has(candidate); n++) candidate = `${base}${this.separator}${n}`;
    this.used.add(candidate);
    return candidate;
  }
}
