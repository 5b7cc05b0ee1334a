import { createHmac } from 'node:crypto';
import type { ApiKeyHashes } from '../../core/ports.ts';

/**
 * Pull API keys are stored as HMAC-SHA256 under a key derived from the master key (ADR 0041). A
 * key holds 256 random bits, so a fast hash is enough: nobody can try them all, and unlike a
 * password there is no dictionary to start from (argon2 would only slow every request down). The
 * HMAC key means a copy of the database alone cannot even check a guessed key. With the previous
 * master key during a rotation (ADR 0031) a key is also looked up under its old hash.
 */
export function createApiKeyHashes(current: Uint8Array, previous?: Uint8Array): ApiKeyHashes {
  const hash = (key: Uint8Array, value: string) =>
    createHmac('sha256', key).update(value).digest('base64url');
  return {
    current: (value) => hash(current, value),
    candidates: (value) => [hash(current, value), ...(previous ? [hash(previous, value)] : [])],
  };
}
