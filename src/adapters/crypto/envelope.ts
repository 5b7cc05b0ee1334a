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
 * `keyVersion` names the data key version that encrypted it (binary values carry it in their header
 * too). A tenant can have several versions while `amtsweg keys rotate-tenant` re-encrypts its data
 * (ADR 0047): new values use the newest, each stored value is opened with the version it names.
 * An instance rereads a tenant's versions at most `refreshMs` after it last read them, so it starts
 * writing with a new version soon after a rotation created it; a value naming a version it does not
 * know makes it reread at once.
 */
import { randomBytes } from 'node:crypto';
import { ConfigError, DecryptionError } from '../../core/errors.ts';
import { binaryKeyVersion, open, openBinary, seal, sealBinary, textKeyVersion } from './aes-gcm.ts';
import { type MasterKeys, masterKeys, unwrapDataKey, wrapDataKey } from './key-wrapping.ts';

const KEY_BYTES = 32;
/** The version of a tenant's first data key (and of every key before ADR 0047). */
export const FIRST_DATA_KEY_VERSION = 1;
/**
 * How long an instance uses the data key versions it read before reading them again. A rotation
 * waits twice this long after creating a version before it retires the old one (ADR 0047), so no
 * instance can still be writing with it.
 */
export const DATA_KEY_REFRESH_MS = 5_000;

/** A tenant's wrapped data keys as stored: the newest (for writing) and older ones still in use. */
export interface WrappedKeyring {
  version: number;
  wrapped: string;
  older: ReadonlyArray<{ version: number; wrapped: string }>;
}

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
  /** Drops the cached data keys of a tenant (after key rotation or tenant deletion). */
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
  /**
   * Reads a tenant's wrapped data keys from storage; `undefined` when the tenant does not exist.
   * A plain string is a single key of version 1 (storage without key versions, tests).
   */
  loadWrappedKey(tenantId: string): Promise<WrappedKeyring | string | undefined>;
  /**
   * Replaces a tenant's newest wrapped data key when it is still `expected` (a compare-and-set, so
   * two instances rewrapping at once agree). Called after reading a key in an older format or under
   * the previous master key; a failure is ignored, the next read tries again.
   */
  rewrapKey?(tenantId: string, expected: string, next: string): Promise<void>;
  /** See `DATA_KEY_REFRESH_MS`; tests shorten it. */
  refreshMs?: number | undefined;
  /** Milliseconds since the epoch; tests control it. */
  now?: (() => number) | undefined;
}

/** Builds the AAD for a stored value, so every caller binds ciphertext to its place the same way. */
export function placeAad(tenantId: string, table: string, rowId: string): string {
  return `${tenantId}|${table}|${rowId}`;
}

/** The data key version a stored value (text or binary form) was encrypted with. */
export function keyVersionOf(payload: string | Uint8Array): number {
  return typeof payload === 'string' ? textKeyVersion(payload, 'value') : binaryKeyVersion(payload, 'value');
}

interface Keyring {
  /** The version new values are encrypted with. */
  current: number;
  keys: Map<number, Buffer>;
}

export function createEnvelopeCipher(options: EnvelopeCipherOptions): TenantCipher {
  if (options.masterKey.length !== KEY_BYTES) {
    throw new ConfigError('ERR_MASTER_KEY_MALFORMED', `master key must be ${KEY_BYTES} bytes`);
  }
  const masters: MasterKeys = masterKeys(options.masterKey, options.previousMasterKey);
  const refreshMs = options.refreshMs ?? DATA_KEY_REFRESH_MS;
  const now = options.now ?? Date.now;
  // Promises, not keys, are cached so concurrent first requests for a tenant share one lookup.
  const rings = new Map<string, { at: number; ring: Promise<Keyring> }>();

  function unwrap(tenantId: string, wrapped: string) {
    const unwrapped = unwrapDataKey(masters, wrapped, tenantId);
    if (unwrapped.key.length !== KEY_BYTES) {
      throw new DecryptionError('ERR_DECRYPT_FAILED', `data key of tenant ${tenantId} has a wrong length`);
    }
    return unwrapped;
  }

  async function loadRing(tenantId: string): Promise<Keyring> {
    const stored = await options.loadWrappedKey(tenantId);
    if (stored === undefined) {
      throw new DecryptionError('ERR_TENANT_KEY_MISSING', `no data key for tenant ${tenantId}`);
    }
    const newest =
      typeof stored === 'string' ? { version: FIRST_DATA_KEY_VERSION, wrapped: stored, older: [] } : stored;
    const { key, current } = unwrap(tenantId, newest.wrapped);
    if (!current && options.rewrapKey) {
      // Old format or the previous master key: written anew under the current one, once.
      await options
        .rewrapKey(tenantId, newest.wrapped, wrapDataKey(masters, key, tenantId))
        .catch(() => undefined);
    }
    const keys = new Map<number, Buffer>([[newest.version, key]]);
    // Older versions are only read; `amtsweg keys rotate` rewraps them under a new master key.
    for (const old of newest.older) keys.set(old.version, unwrap(tenantId, old.wrapped).key);
    return { current: newest.version, keys };
  }

  /** The tenant's keyring: cached, reread when older than `refreshMs` or when `reload` says so. */
  function ringFor(tenantId: string, reload = false): Promise<Keyring> {
    const cached = rings.get(tenantId);
    const at = now();
    if (cached && !reload && at - cached.at < refreshMs) return cached.ring;
    const ring = loadRing(tenantId);
    const entry = { at, ring };
    rings.set(tenantId, entry);
    // A failed lookup must not poison the cache (the tenant may be created a moment later).
    ring.catch(() => {
      if (rings.get(tenantId) === entry) rings.delete(tenantId);
    });
    return ring;
  }

  async function writeKey(tenantId: string): Promise<{ version: number; key: Buffer }> {
    const ring = await ringFor(tenantId);
    return { version: ring.current, key: ring.keys.get(ring.current)! };
  }

  /** The key of `version`; a version this instance does not know yet makes it reread the keyring. */
  async function readKey(tenantId: string, version: number): Promise<Buffer> {
    let key = (await ringFor(tenantId)).keys.get(version);
    if (!key) key = (await ringFor(tenantId, true)).keys.get(version);
    if (!key) {
      throw new DecryptionError(
        'ERR_KEY_VERSION_UNKNOWN',
        `value uses data key version ${version}, which tenant ${tenantId} does not have`,
      );
    }
    return key;
  }

  return {
    createTenantKey(tenantId) {
      return wrapDataKey(masters, randomBytes(KEY_BYTES), tenantId);
    },
    async encrypt(tenantId, plaintext, aad) {
      const { version, key } = await writeKey(tenantId);
      return seal(key, version, Buffer.from(plaintext, 'utf8'), aad);
    },
    async decrypt(tenantId, payload, aad) {
      const version = textKeyVersion(payload, 'value');
      return open(await readKey(tenantId, version), version, payload, aad, 'value').toString('utf8');
    },
    async encryptBytes(tenantId, plaintext, aad) {
      const { version, key } = await writeKey(tenantId);
      return seal(key, version, Buffer.from(plaintext), aad);
    },
    async decryptBytes(tenantId, payload, aad) {
      const version = textKeyVersion(payload, 'value');
      return open(await readKey(tenantId, version), version, payload, aad, 'value');
    },
    async encryptBinary(tenantId, plaintext, aad) {
      const { version, key } = await writeKey(tenantId);
      return sealBinary(key, version, plaintext, aad);
    },
    async decryptBinary(tenantId, payload, aad) {
      const version = binaryKeyVersion(payload, 'value');
      return openBinary(await readKey(tenantId, version), version, payload, aad, 'value');
    },
    forget(tenantId) {
      rings.delete(tenantId);
    },
  };
}
