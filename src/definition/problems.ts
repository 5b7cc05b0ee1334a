/** A reason a definition is refused, located by a JSON pointer into the definition document. */
export interface DefinitionProblem {
  /** JSON pointer (RFC 6901), e.g. `/steps/1/fields/0/key`; `""` is the whole document. */
  path: string;
  /** English, specific, for the builder and the API: what is wrong and what is expected. */
  message: string;
}

/** Appends one reference token to a JSON pointer, escaping `~` and `/` as RFC 6901 requires. */
export function pointer(base: string, token: string | number): string {
  return `${base}/${String(token).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}
