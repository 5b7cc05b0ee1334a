/**
 * Domain errors with stable codes (pattern of jose's and Fastify's errors). Codes never change once
 * released; messages are for logs and operators. HTTP statuses are mapped only in `web/`.
 * Expected outcomes such as validation problems are returned values, not exceptions.
 */
export class AmtswegError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** Configuration is missing or malformed; the process should not start. */
export class ConfigError extends AmtswegError {}

/** A tenant, service, draft or submission does not exist for this tenant (or at all). */
export class NotFoundError extends AmtswegError {
  constructor(what: string) {
    super('ERR_NOT_FOUND', `${what} not found`);
  }
}

/** Stored ciphertext could not be decrypted: wrong key, tampering, or wrong binding. */
export class DecryptionError extends AmtswegError {}

/** A state change was refused because the current state does not allow it. */
export class ConflictError extends AmtswegError {}

/** The staff account lacks the role this use case needs (least privilege, see ADR 0016). */
export class ForbiddenError extends AmtswegError {
  constructor(message: string) {
    super('ERR_FORBIDDEN', message);
  }
}
