/**
 * How tenant data keys are wrapped (ADR 0031).
 *
 * The master key itself never encrypts anything: like every other secret of the app (CSRF,
 * session signatures, pseudonyms) the wrapping key is derived from it with HKDF-SHA-256 for this
 * one purpose. A wrapped key names the master key it was wrapped under by a short id (also derived
 * with HKDF, so it reveals nothing about the key):
 *
 *   `w2.<masterKeyId>.<iv>.<ciphertext+tag>`   AAD `tenant-data-key|<tenantId>`
 *
 * Keys written before (`v1.1.…`, wrapped under the raw master key, AAD = tenant id) stay readable
 * and are rewritten as `w2` the first time they are read (`envelope.ts`). During a master-key
 * rotation the previous key (`AMTSWEG_MASTER_KEY_PREVIOUS`) is known as well: keys under it are
 * read and rewritten under the current one, so stored data never becomes unreadable on the way.
 */
import { hkdfSync } from 'node:crypto';
import { DecryptionError } from '../../core/errors.ts';
import { open, seal } from './aes-gcm.ts';

const WRAPPED_FORMAT = 'w2';
const LEGACY_FORMAT = 'v1';
const LEGACY_VERSION = 1;

interface MasterKey {
  /** The raw key: only for reading keys wrapped before `w2`. */
  raw: Buffer;
  /** HKDF(raw, "amtsweg data key wrapping v2"). */
  wrapping: Buffer;
  /** HKDF(raw, "amtsweg master key id v1"), 6 bytes as base64url (8 characters). */
  id: string;
}

export interface MasterKeys {
  current: MasterKey;
  previous: MasterKey | undefined;
}

function derive(raw: Uint8Array, purpose: string, bytes: number): Buffer {
  return Buffer.from(hkdfSync('sha256', raw, Buffer.alloc(0), purpose, bytes));
}

function masterKey(raw: Uint8Array): MasterKey {
  return {
    raw: Buffer.from(raw),
    wrapping: derive(raw, 'amtsweg data key wrapping v2', 32),
    id: derive(raw, 'amtsweg master key id v1', 6).toString('base64url'),
  };
}

/** The id a wrapped key names its master key by (for the operator guide and tests). */
export function masterKeyId(raw: Uint8Array): string {
  return masterKey(raw).id;
}

export function masterKeys(current: Uint8Array, previous?: Uint8Array): MasterKeys {
  const keys = { current: masterKey(current), previous: previous ? masterKey(previous) : undefined };
  if (keys.previous?.id === keys.current.id) keys.previous = undefined;
  return keys;
}

const aadOf = (tenantId: string) => `tenant-data-key|${tenantId}`;

/** A data key wrapped under the current master key. */
export function wrapDataKey(keys: MasterKeys, dataKey: Buffer, tenantId: string): string {
  return seal(keys.current.wrapping, keys.current.id, dataKey, aadOf(tenantId), WRAPPED_FORMAT);
}

/**
 * The data key, and whether its wrapping is the current one (`w2` under the current master key);
 * when not, the caller rewrites it.
 */
export function unwrapDataKey(
  keys: MasterKeys,
  wrapped: string,
  tenantId: string,
): { key: Buffer; current: boolean } {
  const [format, id] = wrapped.split('.', 2);
  const what = `data key of tenant ${tenantId}`;
  if (format === WRAPPED_FORMAT) {
    const master = [keys.current, keys.previous].find((k) => k?.id === id);
    if (!master) {
      throw new DecryptionError(
        'ERR_KEY_VERSION_UNKNOWN',
        `${what} is wrapped under master key ${id}, which is neither AMTSWEG_MASTER_KEY nor AMTSWEG_MASTER_KEY_PREVIOUS`,
      );
    }
    const key = open(master.wrapping, master.id, wrapped, aadOf(tenantId), what, WRAPPED_FORMAT);
    return { key, current: master === keys.current };
  }
  if (format === LEGACY_FORMAT) {
    // No id in the old format: the current key first, then the previous one.
    try {
      return { key: open(keys.current.raw, LEGACY_VERSION, wrapped, tenantId, what), current: false };
    } catch (error) {
      if (!keys.previous) throw error;
      return { key: open(keys.previous.raw, LEGACY_VERSION, wrapped, tenantId, what), current: false };
    }
  }
  throw new DecryptionError('ERR_CIPHERTEXT_MALFORMED', `${what} is in no known format`);
}
