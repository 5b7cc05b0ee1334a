/**
 * Envelope encryption with AES-256-GCM.
 *
 * Each tenant has a random 32-byte data key. The database keeps it only wrapped (encrypted under a
 * key derived from the master key, AAD = tenant id), so a stolen database alone reveals nothing,
 * and moving a wrapped key to another tenant's row fails authentication (`key-wrapping.ts`,
 * ADR 0031). Values are encrypted under the data key with a fresh 12-byte IV and an AAD naming
 * their place (`tenant|table|row`), so a ciphertext copied to another row or tenant does not
 * decrypt either.
 *
 * Serialized form of a value (TEXT, identical on SQLite and PostgreSQL):
 *   `v1.<keyVersion>.<iv base64url>.<ciphertext+tag base64url>`
 * `keyVersion` names the data key generation so keys can be rotated later without guessing.
 */
import { randomBytes } from 'node:crypto';
import { ConfigError, DecryptionError } from '../../core/errors.ts';
import { open, openBinary, seal, sealBinary } from './aes-gcm.ts';
import { type MasterKeys, masterKeys, unwrapDataKey, wrapDataKey } from './key-wrapping.ts';

const KEY_BYTES = 32;
/** Generation of tenant data keys. */
const DATA_KEY_VERSION = 1;

export interface TenantCipher {
  /** Creates a fresh data key for a new tenant and returns it wrapped under the master key. */
  createTenantKey(tenantId: string): string;
  /** Encrypts `plaintext` with the tenant's data key, bound to `aad` (e.g. `tenant|table|rowId`). */
  encrypt(tenantId: string, plaintext: string, aad: string): Promise<string>;
  /** Reverses `encrypt`; throws DecryptionError on a wrong key, tampering or a different `aad`. */
  decrypt(tenantId: string, payload: string, aad: string): Promise<string>;
  /** `encrypt` for bytes (uploaded files): the same format, no detour through a string. */
  encryptBytes(tenantId: string, plaintext: Uint8Array, aad: string): Promise<string>;
  /** Reverses `encryptBytes`. */
  decryptBytes(tenantId: string, payload: string, aad: string): Promise<Buffer>;
  /** `encryptBytes` into the binary form (`aes-gcm.ts` `sealBinary`), for bytes stored as bytes. */
  encryptBinary(tenantId: string, plaintext: Uint8Array, aad: string): Promise<Buffer>;
  /** Reverses `encryptBinary`. */
  decryptBinary(tenantId: string, payload: Uint8Array, aad: string): Promise<Buffer>;
  /** Drops the cached data key of a tenant (after key rotation or tenant deletion). */
  forget(tenantId: string): void;
}

export interface EnvelopeCipherOptions {
  /** 32 bytes; see `master-key.ts`. */
  masterKey: Uint8Array;
  /**
   * The master key before a rotation (`AMTSWEG_MASTER_KEY_PREVIOUS`): data keys still wrapped
   * under it are read, and rewrapped under the current one.
   */
  previousMasterKey?: Uint8Array | undefined;
  /** Reads a tenant's wrapped data key from storage; `undefined` when the tenant does not exist. */
  loadWrappedKey(tenantId: string): Promise<string | undefined>;
  /**
   * Replaces a tenant's wrapped data key when it is still `expected` (a compare-and-set, so two
   * instances rewrapping at once agree). Called after reading a key in an older format or under
   * the previous master key; a failure is ignored, the next read tries again.
   */
  rewrapKey?(tenantId: string, expected: string, next: string): Promise<void>;
}

/** Builds the AAD for a stored value, so every caller binds ciphertext to its place the same way. */
export function placeAad(tenantId: string, table: string, rowId: string): string {
  return `${tenantId}|${table}|${rowId}`;
}

export function createEnvelopeCipher(options: EnvelopeCipherOptions): TenantCipher {
  if (options.masterKey.length !== KEY_BYTES) {
    throw new ConfigError('ERR_MASTER_KEY_MALFORMED', `master key must be ${KEY_BYTES} bytes`);
  }
  const masters: MasterKeys = masterKeys(options.masterKey, options.previousMasterKey);
  // Promises, not keys, are cached so concurrent first requests for a tenant share one lookup.
  const keys = new Map<string, Promise<Buffer>>();

  async function loadKey(tenantId: string): Promise<Buffer> {
    const wrapped = await options.loadWrappedKey(tenantId);
    if (wrapped === undefined) {
      throw new DecryptionError('ERR_TENANT_KEY_MISSING', `no data key for tenant ${tenantId}`);
    }
    const { key, current } = unwrapDataKey(masters, wrapped, tenantId);
    if (key.length !== KEY_BYTES) {
      throw new DecryptionError('ERR_DECRYPT_FAILED', `data key of tenant ${tenantId} has a wrong length`);
    }
    if (!current && options.rewrapKey) {
      // Old format or the previous master key: written anew under the current one, once.
      await options.rewrapKey(tenantId, wrapped, wrapDataKey(masters, key, tenantId)).catch(() => undefined);
    }
    return key;
  }

  function keyFor(tenantId: string): Promise<Buffer> {
    let key = keys.get(tenantId);
    if (!key) {
      key = loadKey(tenantId);
      keys.set(tenantId, key);
      // A failed lookup must not poison the cache (the tenant may be created a moment later).
      key.catch(() => {
        if (keys.get(tenantId) === key) keys.delete(tenantId);
      });
    }
    return key;
  }

  return {
    createTenantKey(tenantId) {
      return wrapDataKey(masters, randomBytes(KEY_BYTES), tenantId);
    },
    async encrypt(tenantId, plaintext, aad) {
      return seal(await keyFor(tenantId), DATA_KEY_VERSION, Buffer.from(plaintext, 'utf8'), aad);
    },
    async decrypt(tenantId, payload, aad) {
      return open(await keyFor(tenantId), DATA_KEY_VERSION, payload, aad, 'value').toString('utf8');
    },
    async encryptBytes(tenantId, plaintext, aad) {
      return seal(await keyFor(tenantId), DATA_KEY_VERSION, Buffer.from(plaintext), aad);
    },
    async decryptBytes(tenantId, payload, aad) {
      return open(await keyFor(tenantId), DATA_KEY_VERSION, payload, aad, 'value');
    },
    async encryptBinary(tenantId, plaintext, aad) {
      return sealBinary(await keyFor(tenantId), DATA_KEY_VERSION, plaintext, aad);
    },
    async decryptBinary(tenantId, payload, aad) {
      return openBinary(await keyFor(tenantId), DATA_KEY_VERSION, payload, aad, 'value');
    },
    forget(tenantId) {
      keys.delete(tenantId);
    },
  };
}
