/**
 * Configuration from environment variables (documented in docs/operator/README.md). Parsed once at
 * start; a bad value stops the process with a message naming the variable.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from './core/errors.ts';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL URL; when absent the embedded SQLite file in the data directory is used. */
  databaseUrl: string | undefined;
  sqlitePath: string;
  baseUrl: string;
  masterKeyBase64: string | undefined;
  masterKeyFile: string | undefined;
  logLevel: string;
  /**
   * Directories of genericode code lists (`*.gc.xml`), in order of precedence: the operator's
   * `AMTSWEG_CODELIST_DIR` (if set), then the lists shipped in the repository's `codelists/`.
   */
  codeListDirs: string[];
}

/** The code lists that come with Amtsweg (those the demo services use). */
export const BUNDLED_CODELIST_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'codelists');

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError('ERR_CONFIG_PORT', `PORT must be a port number, got "${env.PORT}"`);
  }
  const host = env.HOST || '127.0.0.1';
  const dataDir = resolve(env.AMTSWEG_DATA_DIR || 'data');
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(
      'ERR_CONFIG_DATABASE_URL',
      'DATABASE_URL must start with postgres:// or postgresql://',
    );
  }
  const baseUrl = (env.AMTSWEG_BASE_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  try {
    new URL(baseUrl);
  } catch {
    throw new ConfigError(
      'ERR_CONFIG_BASE_URL',
      `AMTSWEG_BASE_URL must be an absolute URL, got "${baseUrl}"`,
    );
  }
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError('ERR_CONFIG_LOG_LEVEL', `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  }
  return {
    port,
    host,
    dataDir,
    databaseUrl,
    sqlitePath: resolve(dataDir, 'amtsweg.sqlite'),
    baseUrl,
    masterKeyBase64: env.AMTSWEG_MASTER_KEY || undefined,
    masterKeyFile: env.AMTSWEG_MASTER_KEY_FILE || undefined,
    logLevel,
    codeListDirs: [
      ...(env.AMTSWEG_CODELIST_DIR ? [resolve(env.AMTSWEG_CODELIST_DIR)] : []),
      BUNDLED_CODELIST_DIR,
    ],
  };
}
