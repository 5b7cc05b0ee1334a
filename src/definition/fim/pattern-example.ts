/**
 * An example value for a FIM pattern, so the message a citizen gets when the answer does not
 * match can show what is expected ("zum Beispiel AB-1234") instead of only "not the expected
 * format". XDatenfelder has no element for an example or a description of a pattern; most
 * federal patterns are plain sequences of character classes and literals (`[A-Z]{2}-[0-9]{4}`,
 * `\d{5}`, `DE[0-9]{2} ?[0-9]{4}`), and for those an example can be read off the pattern itself.
 *
 * Anything beyond that (alternatives, groups, negated classes, look-arounds) gives no example:
 * a wrong example would be worse than none. Every example is checked against the pattern.
 */

/** Characters a class offers, in the order an example uses them (readable letters, digits from 1). */
const RANGES: ReadonlyArray<[string, string]> = [
  ['A-Z', 'ABCDEFGHJKLMNPRSTUVWXYZ'],
  ['a-z', 'abcdefghjkmnprstuvwxyz'],
  ['0-9', '1234567890'],
  ['1-9', '123456789'],
];

interface Piece {
  /** Characters to take from, in order. */
  chars: string;
  count: number;
}

/** The characters of a class body (`A-Z0-9`, `A-ZÄÖÜ`), or undefined when it is not a plain class. */
function classChars(body: string): string | undefined {
  if (body.startsWith('^') || body === '') return undefined;
  let chars = '';
  let rest = body;
  while (rest !== '') {
    const range = RANGES.find(([r]) => rest.startsWith(r));
    if (range) {
      chars += range[1];
      rest = rest.slice(range[0].length);
      continue;
    }
    if (rest.startsWith('\\d')) {
      chars += '1234567890';
      rest = rest.slice(2);
      continue;
    }
    const escaped = /^\\([-.\\/ ])/.exec(rest);
    if (escaped) {
      chars += escaped[1];
      rest = rest.slice(2);
      continue;
    }
    // A single character; a range other than the ones above gives no example.
    if (rest.length > 1 && rest[1] === '-' && rest.length > 2) return undefined;
    if (/[[\]\\]/.test(rest[0] as string)) return undefined;
    chars += rest[0];
    rest = rest.slice(1);
  }
  return chars;
}

/** How many times, for `{n}`, `{n,m}`, `?`, `+`, `*` (or none): a typical count, not the least. */
function countOf(quantifier: string): number | undefined {
  if (quantifier === '') return 1;
  if (quantifier === '?' || quantifier === '*') return 0;
  if (quantifier === '+') return 1;
  const m = /^\{(\d+)(?:,(\d*))?\}$/.exec(quantifier);
  if (!m) return undefined;
  const min = Number(m[1]);
  const max = m[2] === undefined ? min : m[2] === '' ? Math.max(min, 1) : Number(m[2]);
  // `[0-9]{1,4}` reads best as four digits, `[A-Z]{1,2}` as two; unbounded or long as the minimum.
  return max <= 6 ? max : Math.max(min, 1);
}

/** An example that matches `regex` (matched as a whole), or undefined when none can be made safely. */
export function patternExample(regex: string): string | undefined {
  const source = regex.replace(/^\^/, '').replace(/\$$/, '');
  const pieces: Piece[] = [];
  let rest = source;
  while (rest !== '') {
    let chars: string | undefined;
    let length: number;
    if (rest.startsWith('[')) {
      const end = rest.indexOf(']', 1);
      if (end < 0) return undefined;
      chars = classChars(rest.slice(1, end));
      length = end + 1;
    } else if (rest.startsWith('\\d')) {
      chars = '1234567890';
      length = 2;
    } else if (rest.startsWith('\\s')) {
      chars = ' ';
      length = 2;
    } else if (/^\\[-.\\/ ]/.test(rest)) {
      chars = rest[1];
      length = 2;
    } else if (/^[^()|[\]{}?*+.\\^$]/.test(rest)) {
      chars = rest[0];
      length = 1;
    } else {
      return undefined;
    }
    if (chars === undefined) return undefined;
    rest = rest.slice(length);
    const quantifier = /^(?:\{\d+(?:,\d*)?\}|[?*+])/.exec(rest)?.[0] ?? '';
    rest = rest.slice(quantifier.length);
    const count = countOf(quantifier);
    if (count === undefined) return undefined;
    pieces.push({ chars, count });
  }
  const example = pieces
    .map(({ chars, count }) => Array.from({ length: count }, (_, i) => chars[i % chars.length]).join(''))
    .join('')
    .trim();
  if (example === '') return undefined;
  try {
    return new RegExp(`^(?:${regex})$`, 'u').test(example) ? example : undefined;
  } catch {
    return undefined;
  }
}
