/** Helpers for free-text answers. */

/** Length in characters as people count them (code points), not UTF-16 units. */
export function charCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** Trimmed text, or undefined for empty and whitespace-only input (which is "no answer"). */
export function trimmedOrUndefined(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

export function isEmptyString(value: unknown): boolean {
  return value === undefined || value === '';
}
