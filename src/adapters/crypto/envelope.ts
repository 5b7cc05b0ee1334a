/**
 * Envelope encryption with AES-256-GCM.
 *
 * Each tenant has a random 32-byte data key. The database keeps it only wrapped (encrypted under the
 * master key, AAD = tenant id), so a stolen database alone reveals nothing, and moving a wrapped key
 * to another tenant's row fails authentication. Values are encrypted under the data key with a fresh
 * 12-byte IV and an AAD naming their place (`tenant|table|row`), so a ciphertext copied to another
 * row or tenant does not decrypt either.
 *
 * Serialized form (TEXT, identical on SQLite and PostgreSQL):
 *   `v1.<keyVersion>.<iv base64url>.<ciphertext+tag base64url>`
 * `keyVersion` names the wrapping/data key generation so keys can be rotated later without guessing.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ConfigError, DecryptionError } from '../../core/errors.ts';

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT = 'v1';
/** Generation of the master key that wraps data keys. Rotation adds a second generation. */
const MASTER_KEY_VERSION = 1;
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
  /** Drops the cached data key of a tenant (after key rotation or tenant deletion). */
  forget(tenantId: string): void;
}

export interface EnvelopeCipherOptions {
  /** 32 bytes; see `master-key.ts`. */
  masterKey: Uint8Array;
  /** Reads a tenant's wrapped data key from storage; `undefined` when the tenant does not exist. */
  loadWrappedKey(tenantId: string): Promise<string | undefined>;
}

/** Builds the AAD for a stored value, so every caller binds ciphertext to its place the same way. */
export function placeAad(tenantId: string, table: string, rowId: string): string {
  return `${tenantId}|${table}|${rowId}`;
}

export function createEnvelopeCipher(options: EnvelopeCipherOptions): TenantCipher {
  if (options.masterKey.length !== KEY_BYTES) {
    throw new ConfigError('ERR_MASTER_KEY_MALFORMED', `master key must be ${KEY_BYTES} bytes`);
  }
  const masterKey = Buffer.from(options.masterKey);
  // Promises, not keys, are cached so concurrent first requests for a tenant share one lookup.
  const keys = new Map<string, Promise<Buffer>>();

  async function loadKey(tenantId: string): Promise<Buffer> {
    const wrapped = await options.loadWrappedKey(tenantId);
    if (wrapped === undefined) {
      throw new DecryptionError('ERR_TENANT_KEY_MISSING', `no data key for tenant ${tenantId}`);
    }
    const key = open(masterKey, MASTER_KEY_VERSION, wrapped, tenantId, 'wrapped data key');
    if (key.length !== KEY_BYTES) {
      throw new DecryptionError('ERR_DECRYPT_FAILED', `data key of tenant ${tenantId} has a wrong length`);
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
      return seal(masterKey, MASTER_KEY_VERSION, randomBytes(KEY_BYTES), tenantId);
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
    forget(tenantId) {
      keys.delete(tenantId);
    },
  };
}

// IVs come from a pooled CSPRNG buffer: one `randomBytes` call per 341 encryptions instead of one
// each (a syscall-sized cost on the submit path). Every IV is still fresh random and used once.
const IV_POOL_BYTES = IV_BYTES * 341;
let ivPool = Buffer.alloc(0);
let ivOffset = 0;

function freshIv(): Buffer {
  if (ivOffset + IV_BYTES > ivPool.length) {
    ivPool = randomBytes(IV_POOL_BYTES);
    ivOffset = 0;
  }
  const iv = ivPool.subarray(ivOffset, ivOffset + IV_BYTES);
  ivOffset += IV_BYTES;
  return iv;
}

function seal(key: Buffer, keyVersion: number, plaintext: Buffer, aad: string): string {
  const iv = freshIv();
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return `${FORMAT}.${keyVersion}.${iv.toString('base64url')}.${body.toString('base64url')}`;
}

function open(key: Buffer, keyVersion: number, payload: string, aad: string, what: string): Buffer {
  const parts = payload.split('.');
  if (parts.length !== 4 || parts[0] !== FORMAT) {
    throw new DecryptionError('ERR_CIPHERTEXT_MALFORMED', `${what} is not in ${FORMAT} format`);
  }
  if (parts[1] !== String(keyVersion)) {
    throw new DecryptionError('ERR_KEY_VERSION_UNKNOWN', `${what} uses unknown key version ${parts[1]}`);
  }
  const iv = Buffer.from(parts[2] ?? '', 'base64url');
  const body = Buffer.from(parts[3] ?? '', 'base64url');
  if (iv.length !== IV_BYTES || body.length < TAG_BYTES) {
    throw new DecryptionError('ERR_CIPHERTEXT_MALFORMED', `${what} is truncated`);
  }
  try {
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]);
  } catch (error) {
    // GCM does not say why authentication failed; wrong key, tampering and wrong AAD look the same.
    throw new DecryptionError('ERR_DECRYPT_FAILED', `${what} failed authentication`, { cause: error });
  }
}
