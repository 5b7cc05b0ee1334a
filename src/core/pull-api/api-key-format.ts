/**
 * What a pull API key looks like (ADR 0041): `amtsweg_` and 256 random bits in base64url. The
 * fixed start lets secret scanners and people recognise one; the prefix shown to the admin is the
 * start and four characters of the random part, which identify a key without weakening it.
 */
export const API_KEY_START = 'amtsweg_';
const SHAPE = /^amtsweg_[A-Za-z0-9_-]{43}$/;

export function apiKeyOf(randomPart: string): string {
  return `${API_KEY_START}${randomPart}`;
}

export function prefixOf(key: string): string {
  return key.slice(0, API_KEY_START.length + 4);
}

/** Whether the text can be a key at all (anything else is refused without a database look-up). */
export function looksLikeApiKey(text: string): boolean {
  return SHAPE.test(text);
}

/**
 * The key presented in an `Authorization` header (`Bearer <key>`, scheme case-insensitive, as
 * RFC 6750 and RFC 9110 say); undefined when the header is missing or has another form.
 */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^Bearer +([^\s]+) *$/i.exec(header);
  return match?.[1];
}
