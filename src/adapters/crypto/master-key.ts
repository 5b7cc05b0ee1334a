/**
 * The master key: 32 random bytes that wrap (encrypt) every tenant's data key. It never touches the
 * database; operators supply it through the environment or a file readable only by the service user.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { ConfigError } from '../../core/errors.ts';

export const MASTER_KEY_BYTES = 32;

export interface MasterKeySource {
  /** Base64 (standard or URL-safe) of 32 bytes. Takes precedence over `file`. */
  base64?: string | undefined;
  /** Path of a file holding the base64 key (surrounding whitespace is ignored). */
  file?: string | undefined;
}

/** Decodes a base64 master key and refuses anything that is not exactly 32 bytes. */
export function parseMasterKey(text: string, origin = 'AMTSWEG_MASTER_KEY'): Buffer {
  const trimmed = text.trim();
  // Buffer.from(…, 'base64') silently skips invalid characters; check the alphabet first so a
  // truncated or mangled key is refused instead of yielding a different key.
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) {
    throw new ConfigError('ERR_MASTER_KEY_MALFORMED', `${origin} is not base64`);
  }
  const key = Buffer.from(trimmed, 'base64');
  if (key.length !== MASTER_KEY_BYTES) {
    throw new ConfigError(
      'ERR_MASTER_KEY_MALFORMED',
      `${origin} must decode to ${MASTER_KEY_BYTES} bytes, got ${key.length}`,
    );
  }
  return key;
}

/**
 * The previous master key during a rotation (ADR 0031), or undefined when none is configured.
 * A configured one that cannot be read or parsed is refused like the current key.
 */
export function loadPreviousMasterKey(source: MasterKeySource): Buffer | undefined {
  if (source.base64 !== undefined && source.base64 !== '') {
    return parseMasterKey(source.base64, 'AMTSWEG_MASTER_KEY_PREVIOUS');
  }
  if (source.file !== undefined && source.file !== '') return loadMasterKey({ file: source.file });
  return undefined;
}

/** Loads the master key from `source`, or throws a ConfigError with a stable code. */
export function loadMasterKey(source: MasterKeySource): Buffer {
  if (source.base64 !== undefined && source.base64 !== '') return parseMasterKey(source.base64);
  if (source.file !== undefined && source.file !== '') {
    let text: string;
    try {
      text = readFileSync(source.file, 'utf8');
    } catch (error) {
      throw new ConfigError(
        'ERR_MASTER_KEY_UNREADABLE',
        `cannot read master key file ${source.file}: ${(error as Error).message}`,
        { cause: error },
      );
    }
    return parseMasterKey(text, `master key file ${source.file}`);
  }
  throw new ConfigError(
    'ERR_MASTER_KEY_MISSING',
    'no master key: set AMTSWEG_MASTER_KEY (base64 of 32 bytes) or AMTSWEG_MASTER_KEY_FILE',
  );
}

/** Reads `AMTSWEG_MASTER_KEY` / `AMTSWEG_MASTER_KEY_FILE` from `env`. */
export function loadMasterKeyFromEnv(env: Record<string, string | undefined> = process.env): Buffer {
  return loadMasterKey({ base64: env.AMTSWEG_MASTER_KEY, file: env.AMTSWEG_MASTER_KEY_FILE });
}

/**
 * Writes a fresh random key to `path` with mode 0600 (demo mode). Refuses to overwrite an existing
 * file: replacing a master key makes every stored answer unreadable.
 */
export function generateMasterKeyFile(path: string): Buffer {
  const key = randomBytes(MASTER_KEY_BYTES);
  try {
    // 'wx' fails atomically when the file exists, so two demo processes cannot both write a key.
    writeFileSync(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(
      code === 'EEXIST' ? 'ERR_MASTER_KEY_EXISTS' : 'ERR_MASTER_KEY_UNWRITABLE',
      code === 'EEXIST'
        ? `master key file ${path} already exists; refusing to overwrite it`
        : `cannot write master key file ${path}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  return key;
}
