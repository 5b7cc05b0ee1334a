/**
 * Canonical JSON (RFC 8785, JSON Canonicalization Scheme) of stored answers, so that anyone who
 * holds the same data computes the same bytes, and hence the same hash, whatever produced the JSON
 * in between: object members sorted by their names' UTF-16 code units, no whitespace, strings and
 * numbers written as ECMAScript's `JSON.stringify` writes them (which is what RFC 8785 specifies).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    // RFC 8785 has no NaN or Infinity; stored answers never hold them (JSON cannot).
    if (!Number.isFinite(value)) throw new TypeError('canonical JSON has no non-finite numbers');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const members = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      // The default sort compares UTF-16 code units, as RFC 8785 asks.
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`);
    return `{${members.join(',')}}`;
  }
  throw new TypeError(`canonical JSON cannot represent a ${typeof value}`);
}
