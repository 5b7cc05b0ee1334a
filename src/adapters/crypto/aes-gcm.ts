/**
 * AES-256-GCM with a fresh random 12-byte IV and a 16-byte tag, serialized as text:
 * `<format>.<keyVersion>.<iv base64url>.<ciphertext+tag base64url>`. Used for values (`v1`,
 * `envelope.ts`) and for wrapped data keys (`w2`, `key-wrapping.ts`).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DecryptionError } from '../../core/errors.ts';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** The format of values (and, before ADR 0031, of wrapped data keys). */
const FORMAT = 'v1';

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

/** AES-256-GCM under `key`: `<format>.<keyVersion>.<iv>.<ciphertext+tag>` (base64url parts). */
export function seal(
  key: Buffer,
  keyVersion: number | string,
  plaintext: Buffer,
  aad: string,
  format: string = FORMAT,
): string {
  const iv = freshIv();
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return `${format}.${keyVersion}.${iv.toString('base64url')}.${body.toString('base64url')}`;
}

/** Reverses `seal`; throws DecryptionError on another format or key version, or tampering. */
export function open(
  key: Buffer,
  keyVersion: number | string,
  payload: string,
  aad: string,
  what: string,
  format: string = FORMAT,
): Buffer {
  const parts = payload.split('.');
  if (parts.length !== 4 || parts[0] !== format) {
    throw new DecryptionError('ERR_CIPHERTEXT_MALFORMED', `${what} is not in ${format} format`);
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

/**
 * The key version a text value names (`<format>.<keyVersion>.…`), without decrypting it; throws
 * DecryptionError when the value is not in `format` or names no version.
 */
export function textKeyVersion(payload: string, what: string, format: string = FORMAT): number {
  const parts = payload.split('.', 3);
  if (parts.length !== 3 || parts[0] !== format || !/^[1-9][0-9]{0,9}$/.test(parts[1] ?? '')) {
    throw new DecryptionError('ERR_CIPHERTEXT_MALFORMED', `${what} is not in ${format} format`);
  }
  return Number(parts[1]);
}

/**
 * The binary form of a value (files, ADR 0037): `B1` as two bytes, the key version as a 32-bit
 * unsigned big-endian number, the 12-byte IV, then ciphertext and tag. The same AES-256-GCM as
 * `seal`, a third smaller than its base64 text and never turned into a string.
 */
const BINARY_MAGIC = Buffer.from('B1', 'latin1');
const BINARY_HEADER_BYTES = BINARY_MAGIC.length + 4 + IV_BYTES;

/** `seal` into the binary form. */
export function sealBinary(key: Buffer, keyVersion: number, plaintext: Uint8Array, aad: string): Buffer {
  const iv = freshIv();
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const header = Buffer.alloc(BINARY_HEADER_BYTES);
  BINARY_MAGIC.copy(header, 0);
  header.writeUInt32BE(keyVersion, BINARY_MAGIC.length);
  iv.copy(header, BINARY_MAGIC.length + 4);
  return Buffer.concat([header, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

/** The key version a binary value names; throws DecryptionError when it is not one. */
export function binaryKeyVersion(payload: Uint8Array, what: string): number {
  const bytes = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  if (bytes.length < BINARY_HEADER_BYTES + TAG_BYTES || !bytes.subarray(0, 2).equals(BINARY_MAGIC)) {
    throw new DecryptionError('ERR_CIPHERTEXT_MALFORMED', `${what} is not in binary format`);
  }
  return bytes.readUInt32BE(BINARY_MAGIC.length);
}

/** Reverses `sealBinary`; throws DecryptionError on another key version, truncation or tampering. */
export function openBinary(
  key: Buffer,
  keyVersion: number,
  payload: Uint8Array,
  aad: string,
  what: string,
): Buffer {
  const version = binaryKeyVersion(payload, what);
  if (version !== keyVersion) {
    throw new DecryptionError('ERR_KEY_VERSION_UNKNOWN', `${what} uses unknown key version ${version}`);
  }
  const bytes = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  const iv = bytes.subarray(BINARY_MAGIC.length + 4, BINARY_HEADER_BYTES);
  const body = bytes.subarray(BINARY_HEADER_BYTES);
  try {
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]);
  } catch (error) {
    throw new DecryptionError('ERR_DECRYPT_FAILED', `${what} failed authentication`, { cause: error });
  }
}
