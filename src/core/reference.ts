/**
 * Reference numbers (Aktenzeichen for the citizen): `XXXX-XXXX-XXXX`, 12 characters from a
 * 31-character alphabet without look-alikes (no 0/O, 1/I/L), so they can be read aloud on the phone
 * and typed from a letter. 31^12 ≈ 2^59: guessing one is hopeless. Uniqueness across app instances
 * comes from the database's unique constraint; the store reports a collision as
 * `ERR_REFERENCE_TAKEN` and the submit use case draws again.
 */

export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const LENGTH = 12;
const GROUP = 4;
// The largest multiple of the alphabet size that fits in a byte. Bytes at or above it are
// rejected: taking them modulo 31 would make the first 8 characters slightly more likely.
const LIMIT = Math.floor(256 / REFERENCE_ALPHABET.length) * REFERENCE_ALPHABET.length;
// One batch of random bytes nearly always suffices (each byte is rejected with p = 8/256).
const BATCH = 16;

const CANONICAL = new RegExp(`^[${REFERENCE_ALPHABET}]{${GROUP}}(-[${REFERENCE_ALPHABET}]{${GROUP}}){2}$`);

/** `randomBytes` must be cryptographically strong, e.g. `crypto.randomBytes` or `getRandomValues`. */
export function createReferenceGenerator(randomBytes: (n: number) => Uint8Array): () => string {
  return () => {
    let out = '';
    while (out.length < LENGTH) {
      for (const byte of randomBytes(BATCH)) {
        if (byte >= LIMIT) continue;
        out += REFERENCE_ALPHABET[byte % REFERENCE_ALPHABET.length];
        if (out.length === LENGTH) break;
      }
    }
    return group(out);
  };
}

/** Whether `s` is a reference in canonical form (`XXXX-XXXX-XXXX`, upper case). */
export function isReference(s: string): boolean {
  return CANONICAL.test(s);
}

/**
 * Canonical form of a reference typed by a person (any case, spaces or dashes anywhere), or
 * `undefined` when it cannot be one. Use it before looking a reference up.
 */
export function normalizeReference(input: string): string | undefined {
  const compact = input.toUpperCase().replace(/[\s-]+/g, '');
  if (compact.length !== LENGTH) return undefined;
  const canonical = group(compact);
  return isReference(canonical) ? canonical : undefined;
}

function group(compact: string): string {
  return `${compact.slice(0, GROUP)}-${compact.slice(GROUP, 2 * GROUP)}-${compact.slice(2 * GROUP)}`;
}
