/**
 * The errors of use cases and adapters, each with its closed set of codes (base and rules in
 * `lib/errors.ts`). HTTP statuses are mapped only in `web/http-errors.ts`.
 */
import { AmtswegError } from '../lib/errors.ts';
import type { ServiceVersion, Tenant } from './domain.ts';

/** Configuration is missing or malformed; the process should not start. */
export class ConfigError extends AmtswegError<
  | 'ERR_CONFIG_PORT'
  | 'ERR_CONFIG_BASE_URL'
  | 'ERR_CONFIG_DATABASE_URL'
  | 'ERR_CONFIG_LOG_LEVEL'
  | 'ERR_CONFIG_TIMEOUT'
  | 'ERR_CONFIG_LIMIT'
  | 'ERR_CONFIG_TRUSTED_PROXIES'
  | 'ERR_CONFIG_SMTP'
  | 'ERR_CONFIG_DELIVERY_WORKER'
  | 'ERR_CONFIG_CLAMD'
  | 'ERR_CONFIG_SWITCH'
  | 'ERR_CONFIG_IDENTITY_PROVIDERS'
  | 'ERR_CONFIG_SCHRIFTFORMERSATZ_LEVEL'
  | 'ERR_DATABASE_MISSING'
  | 'ERR_DATABASE_UNAVAILABLE'
  | 'ERR_DATABASE_URL_MALFORMED'
  | 'ERR_DATABASE_SCHEMA_MALFORMED'
  | 'ERR_DATABASE_SCHEMA_MISSING'
  | 'ERR_MASTER_KEY_MISSING'
  | 'ERR_MASTER_KEY_EXISTS'
  | 'ERR_MASTER_KEY_MALFORMED'
  | 'ERR_MASTER_KEY_UNREADABLE'
  | 'ERR_MASTER_KEY_UNWRITABLE'
> {}

/** The database could not be brought to the schema this version needs. */
export class StorageError extends AmtswegError<
  'ERR_MIGRATION_FAILED' | 'ERR_BLOB_MISSING' | 'ERR_KEY_ROTATION_CONFLICT'
> {}

/** A tenant, service, draft or submission does not exist for this tenant (or at all). */
export class NotFoundError extends AmtswegError<'ERR_NOT_FOUND'> {
  constructor(what: string) {
    super('ERR_NOT_FOUND', `${what} not found`);
  }
}

/** Stored ciphertext could not be decrypted: wrong key, tampering, or wrong binding. */
export class DecryptionError extends AmtswegError<
  'ERR_DECRYPT_FAILED' | 'ERR_CIPHERTEXT_MALFORMED' | 'ERR_KEY_VERSION_UNKNOWN' | 'ERR_TENANT_KEY_MISSING'
> {}

/** A state change was refused because the current state does not allow it. */
export class ConflictError extends AmtswegError<
  'ERR_STATUS_CONFLICT' | 'ERR_REFERENCE_TAKEN' | 'ERR_DRAFT_ID_TAKEN' | 'ERR_DRAFT_SUBMITTED'
> {}

/** The staff account lacks the role this use case needs (least privilege, see ADR 0016). */
export class ForbiddenError extends AmtswegError<'ERR_FORBIDDEN'> {
  constructor(message: string) {
    super('ERR_FORBIDDEN', message);
  }
}

/**
 * A stored operational setting no longer passes its kind's checks when read for use (ADR 0024),
 * e.g. after an update made a rule stricter. Nothing falls back silently: the admin saves it again.
 */
export class SettingError extends AmtswegError<'ERR_SETTING_INVALID'> {}

/**
 * A delivery attempt failed (ADR 0034). `retryable`: worth trying again later (the network, a
 * receiver's 5xx, 408 or 429, an SMTP 4xx); otherwise permanent (a receiver's other 4xx, an SMTP
 * 5xx, a setting that does not work), which goes to the dead letter at once. Never reaches HTTP.
 */
export class DeliveryFailed extends AmtswegError<'ERR_DELIVERY_FAILED'> {
  constructor(
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super('ERR_DELIVERY_FAILED', message, options);
  }
}

/**
 * A client has used up what it may do per hour (`limits.citizens`, ADR 0027); it may try again
 * after `retryAfterSeconds`.
 */
export class RateLimitError extends AmtswegError<'ERR_RATE_LIMITED'> {
  constructor(
    readonly what: 'drafts' | 'uploads',
    readonly retryAfterSeconds: number,
  ) {
    super('ERR_RATE_LIMITED', `hourly limit of ${what} reached`);
  }
}

/** An operator's or administrator's input was refused; the message says what to fix. */
export class InvalidInputError extends AmtswegError<
  | 'ERR_TENANT_UNKNOWN'
  | 'ERR_TENANT_NAME'
  | 'ERR_TENANT_AGS'
  | 'ERR_TENANT_SLUG'
  | 'ERR_TENANT_SLUG_RESERVED'
  | 'ERR_TENANT_EXISTS'
  | 'ERR_TENANT_LINK'
  | 'ERR_STAFF_UNKNOWN'
  | 'ERR_STAFF_USERNAME'
  | 'ERR_STAFF_NAME'
  | 'ERR_STAFF_PASSWORD'
  | 'ERR_STAFF_ROLE'
  | 'ERR_STAFF_EXISTS'
> {}

/**
 * The service exists but was taken offline by its municipality: citizens get a notice naming the
 * responsible office instead of its pages (the web layer renders it from `tenant` and `version`).
 */
export class ServiceWithdrawnError extends AmtswegError<'ERR_SERVICE_WITHDRAWN'> {
  constructor(
    readonly tenant: Tenant,
    readonly version: ServiceVersion,
  ) {
    super('ERR_SERVICE_WITHDRAWN', `service ${version.slug} is offline`);
  }
}

/**
 * More work of a costly kind at once than the server takes (e.g. password hashes, ADR 0028): it is
 * refused at once rather than queued without bound; the client may try again after the given time.
 */
export class OverloadError extends AmtswegError<'ERR_PASSWORD_HASHING_BUSY'> {
  readonly retryAfterSeconds: number;
  constructor(code: 'ERR_PASSWORD_HASHING_BUSY', message: string, retryAfterSeconds: number) {
    super(code, message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * A receipt cannot be sealed: the PKCS#12 an operator installs cannot be opened with its
 * passphrase or holds no private key with its certificate (ADR 0032).
 */
export class ReceiptError extends AmtswegError<'ERR_SEAL_CERTIFICATE'> {}
