/**
 * The one base of Amtsweg's errors (pattern of jose's and Fastify's errors). Every layer may import
 * it; each area declares its own subclasses with a closed union of codes (`core/errors.ts`,
 * `engine/errors.ts`, `definition/fim/errors.ts`, `definition/jsonlogic/errors.ts`,
 * `web/http-errors.ts`), so the compiler checks
 * every code a call site names and no code is a free-typed string.
 *
 * Codes never change once released; messages are for logs and operators. HTTP statuses are mapped
 * only in `web/http-errors.ts`. Expected outcomes such as validation problems are returned values,
 * not exceptions.
 */
export abstract class AmtswegError<Code extends string = string> extends Error {
  readonly code: Code;
  constructor(code: Code, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** Whether `error` is one of ours with this code (for the few places that react to one code). */
export function hasErrorCode<Code extends string>(error: unknown, code: Code): error is AmtswegError<Code> {
  return error instanceof AmtswegError && error.code === code;
}
