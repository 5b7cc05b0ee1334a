/**
 * Configuration from environment variables (documented in docs/operator/README.md). Parsed once at
 * start; a bad value stops the process with a message naming the variable.
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type IdentityProviderConfig,
  parseIdentityProviders,
} from './adapters/identity/oidc/parse-config.ts';
import { ConfigError } from './core/errors.ts';
import { ASSURANCE_LEVELS, type AssuranceLevel, isAssuranceLevel } from './core/identity/levels.ts';

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
  /**
   * The master key before a rotation (`AMTSWEG_MASTER_KEY_PREVIOUS` or `…_PREVIOUS_FILE`, ADR 0031):
   * data keys wrapped under it stay readable, forms and sessions issued under it stay valid.
   */
  previousMasterKeyBase64: string | undefined;
  previousMasterKeyFile: string | undefined;
  /**
   * How long an instance uses a tenant's data key versions before reading them again
   * (`AMTSWEG_DATA_KEY_REFRESH_MS`, default 5000, ADR 0047). `amtsweg keys rotate-tenant` waits
   * twice this long before it retires an old version, so it must be the same for both.
   */
  dataKeyRefreshMs?: number | undefined;
  logLevel: string;
  /**
   * Directories of genericode code lists (`*.gc.xml`), in order of precedence: the operator's
   * `AMTSWEG_CODELIST_DIR` (if set), then the lists shipped in the repository's `codelists/`.
   */
  codeListDirs: string[];
  /** Timeouts and the per-client connection bound of the HTTP server (ADR 0027). */
  connections: ConnectionLimits;
  /**
   * Reverse proxies whose `X-Forwarded-For` names the client (addresses, CIDR ranges, or
   * `loopback`, `linklocal`, `uniquelocal`). Empty: the client is the address that connected, and
   * no client's header is believed.
   */
  trustedProxies: string[];
  /** Delivery to the authority's systems (ADR 0034). */
  delivery: DeliveryConfig;
  /**
   * The built-in test identity provider under `/test-idp` (ADR 0035; `AMTSWEG_TEST_IDP`, `on`/`off`,
   * default off). Anyone can log in there as anyone: only for the demo and tests.
   * `serve --demo` turns it on.
   */
  testIdp: boolean;
  /**
   * The installation's citizen identity providers (ADR 0036: OpenID Connect; ADR 0050: SAML), from the JSON file named by
   * `AMTSWEG_IDENTITY_PROVIDERS_FILE`; each municipality chooses which it offers.
   */
  identityProviders: IdentityProviderConfig[];
  /**
   * `AMTSWEG_SCHRIFTFORMERSATZ_MIN_LEVEL` (`niedrig`, `substanziell`, `hoch`; default `hoch`): the
   * lowest Vertrauensniveau a Schriftformersatz service may require (ADR 0048); publishing refuses
   * a lower one. Whether a lower level is lawful is the operator's and municipality's decision.
   */
  schriftformersatzMinimumLevel: AssuranceLevel;
  /**
   * `AMTSWEG_ARCHIVE_DIR`: where applications are offered to the archive before deletion (ADR 0039).
   * Unset: no archive; services that ask for it keep their due applications until one is set.
   */
  archiveDir: string | undefined;
  /** The malware scanner for uploads (ADR 0038); undefined: none, files are kept as not scanned. */
  clamd: ClamdConfig | undefined;
  /** Federation with other installations (ADR 0054). */
  federation: FederationConfig;
}

/** How this installation takes part in a network of installations (ADR 0054). */
export interface FederationConfig {
  /** `AMTSWEG_INSTANCE_NAME` (default: the base URL's host): how other installations see this one. */
  name: string;
  /** `AMTSWEG_INSTANCE_OPERATOR` (default: empty): who runs it, e.g. a Land's IT service provider. */
  operator: string;
  /**
   * `AMTSWEG_FEDERATION_ADMINS`: the slug of the municipality whose admins manage the
   * installation's subscriptions (usually the operator's own). Unset: nobody in the web.
   */
  adminTenant: string | undefined;
  /** `AMTSWEG_FEDERATION_SYNC_MINUTES` (default 60; 0: no schedule, only "jetzt synchronisieren"). */
  syncMinutes: number;
  /**
   * `AMTSWEG_FEDERATION_ALLOW_PRIVATE` (`on`/`off`, default off): feeds on private, loopback and
   * link-local addresses may be read (installations on one internal network; tests).
   */
  allowPrivate: boolean;
  /** `AMTSWEG_FEDERATION_TIMEOUT_MS` (default 20000) and `…_MAX_BYTES` (default 16 MiB) per fetch. */
  timeoutMs: number;
  maxBytes: number;
}

/** Where clamd listens and how the app uses it (ADR 0038). */
export interface ClamdConfig {
  /** `AMTSWEG_CLAMD_SOCKET` (a Unix socket path) or `AMTSWEG_CLAMD_HOST` (`host:port`, TCP). */
  address: { socket: string } | { host: string; port: number };
  /** `AMTSWEG_CLAMD_TIMEOUT_MS`: a scan that has no answer within this counts as unavailable. */
  timeoutMs: number;
  /**
   * `AMTSWEG_CLAMD_UNAVAILABLE`: `refuse` (default) a file when clamd cannot say, or
   * `accept-unscanned` it, marked as not checked for the caseworker.
   */
  whenUnavailable: 'refuse' | 'accept-unscanned';
}

export interface DeliveryConfig {
  /**
   * The operator's SMTP server (`AMTSWEG_SMTP_URL`, `smtp://user@host:587` or `smtps://…`). Unset:
   * mails go to the built-in sink and are shown to each municipality's admin (the demo's way).
   */
  smtpUrl: string | undefined;
  /** `AMTSWEG_SMTP_PASSWORD`: the SMTP password, if not in the URL. */
  smtpPassword: string | undefined;
  /** `AMTSWEG_MAIL_FROM`: the sender of delivery mails. */
  mailFrom: string;
  /** `AMTSWEG_DELIVERY_WORKER` (`on`/`off`): whether `serve` runs the delivery worker too. */
  workerInServe: boolean;
  /** `AMTSWEG_DELIVERY_POLL_MS`: how long an idle worker waits before looking again. */
  pollMs: number;
}

/** How long the HTTP server waits for slow clients, and how many connections one client may hold. */
export interface ConnectionLimits {
  /** A request's head and body must have arrived within this (`AMTSWEG_REQUEST_TIMEOUT_MS`). */
  requestTimeoutMs: number;
  /** A request's head must have arrived within this (`AMTSWEG_HEADERS_TIMEOUT_MS`). */
  headersTimeoutMs: number;
  /** A connection on which nothing arrives for this long is closed (`AMTSWEG_IDLE_TIMEOUT_MS`). */
  idleTimeoutMs: number;
  /** An idle kept-alive connection is closed after this (`AMTSWEG_KEEP_ALIVE_TIMEOUT_MS`). */
  keepAliveTimeoutMs: number;
  /**
   * Open connections per client address (`AMTSWEG_MAX_CONNECTIONS_PER_CLIENT`); 0 turns the bound
   * off, as behind a reverse proxy, where every connection comes from the proxy.
   */
  maxConnectionsPerClient: number;
}

/** Enough for a 25 MB upload at about 2 Mbit/s; slow senders are cut off after this. */
const DEFAULT_REQUEST_TIMEOUT_MS = 120_000;

/** The code lists that come with Amtsweg (those the demo services use). */
export const BUNDLED_CODELIST_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'codelists');

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
/** Names of address ranges the proxy matching understands (`proxy-addr`, used by Fastify). */
const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/** An address, an address with a prefix length (`10.0.0.0/8`, `fd00::/8`), or a range name. */
function isProxyEntry(entry: string): boolean {
  if (PROXY_RANGES.includes(entry)) return true;
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

function trustedProxiesOf(value: string | undefined): string[] {
  const entries = (value ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  const wrong = entries.find((e) => !isProxyEntry(e));
  if (wrong !== undefined) {
    throw new ConfigError(
      'ERR_CONFIG_TRUSTED_PROXIES',
      `AMTSWEG_TRUSTED_PROXIES must list IP addresses or CIDR ranges (or loopback, linklocal, uniquelocal), comma-separated; "${wrong}" is none`,
    );
  }
  return entries;
}

/** A whole number of milliseconds, at least 1, from the environment. */
function millis(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new ConfigError(
      'ERR_CONFIG_TIMEOUT',
      `${name} must be a whole number of milliseconds, got "${raw}"`,
    );
  }
  return value;
}

/** A whole number, 0 or more, from the environment. */
function count(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new ConfigError('ERR_CONFIG_LIMIT', `${name} must be a whole number (0 or more), got "${raw}"`);
  }
  return value;
}

function onOff(env: Record<string, string | undefined>, name: string, fallback: boolean): boolean {
  const raw = (env[name] || (fallback ? 'on' : 'off')).toLowerCase();
  if (raw !== 'on' && raw !== 'off') {
    throw new ConfigError('ERR_CONFIG_SWITCH', `${name} must be on or off, got "${raw}"`);
  }
  return raw === 'on';
}

function assuranceLevelOf(env: Record<string, string | undefined>, name: string): AssuranceLevel {
  const raw = env[name] || 'hoch';
  if (!isAssuranceLevel(raw)) {
    throw new ConfigError(
      'ERR_CONFIG_SCHRIFTFORMERSATZ_LEVEL',
      `${name} must be one of ${ASSURANCE_LEVELS.join(', ')}, got "${raw}"`,
    );
  }
  return raw;
}

function identityProvidersOf(file: string | undefined): IdentityProviderConfig[] {
  if (!file) return [];
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(
      'ERR_CONFIG_IDENTITY_PROVIDERS',
      `AMTSWEG_IDENTITY_PROVIDERS_FILE names ${file}, which cannot be read`,
    );
  }
  return parseIdentityProviders(text, `AMTSWEG_IDENTITY_PROVIDERS_FILE (${file})`);
}

function deliveryConfig(env: Record<string, string | undefined>, baseUrl: string): DeliveryConfig {
  const smtpUrl = env.AMTSWEG_SMTP_URL || undefined;
  if (smtpUrl !== undefined) {
    let valid = false;
    try {
      const url = new URL(smtpUrl);
      valid = (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
    } catch {}
    if (!valid) {
      throw new ConfigError(
        'ERR_CONFIG_SMTP',
        'AMTSWEG_SMTP_URL must look like smtp://user@host:587 or smtps://user@host:465',
      );
    }
  }
  const mailFrom = env.AMTSWEG_MAIL_FROM || `amtsweg@${new URL(baseUrl).hostname}`;
  if (!/^[^\s@<>]+@[^\s@<>]+$/.test(mailFrom) && !/^[^<>]*<[^\s@<>]+@[^\s@<>]+>$/.test(mailFrom)) {
    throw new ConfigError(
      'ERR_CONFIG_SMTP',
      `AMTSWEG_MAIL_FROM must be an e-mail address, got "${mailFrom}"`,
    );
  }
  const worker = (env.AMTSWEG_DELIVERY_WORKER || 'on').toLowerCase();
  if (worker !== 'on' && worker !== 'off') {
    throw new ConfigError(
      'ERR_CONFIG_DELIVERY_WORKER',
      `AMTSWEG_DELIVERY_WORKER must be on or off, got "${worker}"`,
    );
  }
  return {
    smtpUrl,
    smtpPassword: env.AMTSWEG_SMTP_PASSWORD || undefined,
    mailFrom,
    workerInServe: worker === 'on',
    pollMs: millis(env, 'AMTSWEG_DELIVERY_POLL_MS', 1000),
  };
}

function clamdConfig(env: Record<string, string | undefined>): ClamdConfig | undefined {
  const socket = env.AMTSWEG_CLAMD_SOCKET || undefined;
  const hostPort = env.AMTSWEG_CLAMD_HOST || undefined;
  if (socket === undefined && hostPort === undefined) return undefined;
  if (socket !== undefined && hostPort !== undefined) {
    throw new ConfigError('ERR_CONFIG_CLAMD', 'set AMTSWEG_CLAMD_SOCKET or AMTSWEG_CLAMD_HOST, not both');
  }
  let address: ClamdConfig['address'];
  if (socket !== undefined) address = { socket: resolve(socket) };
  else {
    const m = /^(\[[0-9a-fA-F:]+\]|[^:\s]+):(\d{1,5})$/.exec(hostPort ?? '');
    const port = Number(m?.[2]);
    if (!m || port < 1 || port > 65535) {
      throw new ConfigError(
        'ERR_CONFIG_CLAMD',
        `AMTSWEG_CLAMD_HOST must be host:port, e.g. clamav.internal:3310, got "${hostPort}"`,
      );
    }
    address = { host: (m[1] as string).replace(/^\[|\]$/g, ''), port };
  }
  const when = env.AMTSWEG_CLAMD_UNAVAILABLE || 'refuse';
  if (when !== 'refuse' && when !== 'accept-unscanned') {
    throw new ConfigError(
      'ERR_CONFIG_CLAMD',
      `AMTSWEG_CLAMD_UNAVAILABLE must be refuse or accept-unscanned, got "${when}"`,
    );
  }
  return { address, timeoutMs: millis(env, 'AMTSWEG_CLAMD_TIMEOUT_MS', 30_000), whenUnavailable: when };
}

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
  const connections: ConnectionLimits = {
    requestTimeoutMs: millis(env, 'AMTSWEG_REQUEST_TIMEOUT_MS', DEFAULT_REQUEST_TIMEOUT_MS),
    headersTimeoutMs: millis(env, 'AMTSWEG_HEADERS_TIMEOUT_MS', 20_000),
    idleTimeoutMs: millis(env, 'AMTSWEG_IDLE_TIMEOUT_MS', 30_000),
    keepAliveTimeoutMs: millis(env, 'AMTSWEG_KEEP_ALIVE_TIMEOUT_MS', 5_000),
    maxConnectionsPerClient: count(env, 'AMTSWEG_MAX_CONNECTIONS_PER_CLIENT', 100),
  };
  if (connections.headersTimeoutMs > connections.requestTimeoutMs) {
    throw new ConfigError(
      'ERR_CONFIG_TIMEOUT',
      'AMTSWEG_HEADERS_TIMEOUT_MS must not be greater than AMTSWEG_REQUEST_TIMEOUT_MS',
    );
  }
  return {
    connections,
    port,
    host,
    dataDir,
    databaseUrl,
    sqlitePath: resolve(dataDir, 'amtsweg.sqlite'),
    baseUrl,
    masterKeyBase64: env.AMTSWEG_MASTER_KEY || undefined,
    masterKeyFile: env.AMTSWEG_MASTER_KEY_FILE || undefined,
    previousMasterKeyBase64: env.AMTSWEG_MASTER_KEY_PREVIOUS || undefined,
    previousMasterKeyFile: env.AMTSWEG_MASTER_KEY_PREVIOUS_FILE || undefined,
    dataKeyRefreshMs: millis(env, 'AMTSWEG_DATA_KEY_REFRESH_MS', 5_000),
    logLevel,
    codeListDirs: [
      ...(env.AMTSWEG_CODELIST_DIR ? [resolve(env.AMTSWEG_CODELIST_DIR)] : []),
      BUNDLED_CODELIST_DIR,
    ],
    trustedProxies: trustedProxiesOf(env.AMTSWEG_TRUSTED_PROXIES),
    delivery: deliveryConfig(env, baseUrl),
    clamd: clamdConfig(env),
    archiveDir: env.AMTSWEG_ARCHIVE_DIR ? resolve(env.AMTSWEG_ARCHIVE_DIR) : undefined,
    testIdp: onOff(env, 'AMTSWEG_TEST_IDP', false),
    identityProviders: identityProvidersOf(env.AMTSWEG_IDENTITY_PROVIDERS_FILE),
    schriftformersatzMinimumLevel: assuranceLevelOf(env, 'AMTSWEG_SCHRIFTFORMERSATZ_MIN_LEVEL'),
    federation: {
      name: (env.AMTSWEG_INSTANCE_NAME || new URL(baseUrl).host).slice(0, 300),
      operator: (env.AMTSWEG_INSTANCE_OPERATOR || '').slice(0, 300),
      adminTenant: env.AMTSWEG_FEDERATION_ADMINS || undefined,
      syncMinutes: count(env, 'AMTSWEG_FEDERATION_SYNC_MINUTES', 60),
      allowPrivate: onOff(env, 'AMTSWEG_FEDERATION_ALLOW_PRIVATE', false),
      timeoutMs: millis(env, 'AMTSWEG_FEDERATION_TIMEOUT_MS', 20_000),
      maxBytes: count(env, 'AMTSWEG_FEDERATION_MAX_BYTES', 16 * 1024 * 1024),
    },
  };
}
