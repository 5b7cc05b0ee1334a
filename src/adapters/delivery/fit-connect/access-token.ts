/**
 * The OAuth 2 access token of a FIT-Connect sender (ADR 0042): client credentials at the configured
 * token URL (openid-client does the grant), kept until shortly before it expires, per token URL,
 * client and secret, so a batch of deliveries asks once and a changed secret asks again. A token
 * the API refuses (401) is forgotten, so the next request gets a new one.
 */
import { createHash } from 'node:crypto';
import * as oauth from 'openid-client';
import { DeliveryFailed } from '../../../core/errors.ts';
import type { Clock } from '../../../core/ports.ts';
import { networkFailureReason, retryableStatus } from '../http-status.ts';

/** Renewed this long before it expires, so a token never runs out in the middle of a delivery. */
const EXPIRY_MARGIN_MS = 30_000;
/** How long a token without `expires_in` is kept. */
const WITHOUT_EXPIRY_MS = 60_000;

export interface ClientCredentials {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
}

export interface AccessTokens {
  get(credentials: ClientCredentials): Promise<string>;
  forget(credentials: ClientCredentials): void;
}

function cacheKey({ tokenUrl, clientId, clientSecret }: ClientCredentials): string {
  return createHash('sha256')
    .update(JSON.stringify([tokenUrl, clientId, clientSecret]))
    .digest('hex');
}

export function createAccessTokens(options: { clock: Clock; timeoutMs: number }): AccessTokens {
  const cache = new Map<string, { token: string; until: number }>();

  async function request(credentials: ClientCredentials): Promise<{ token: string; until: number }> {
    const url = new URL(credentials.tokenUrl);
    const config = new oauth.Configuration(
      { issuer: url.origin, token_endpoint: credentials.tokenUrl },
      credentials.clientId,
      undefined,
      oauth.ClientSecretBasic(credentials.clientSecret),
    );
    config.timeout = Math.ceil(options.timeoutMs / 1000);
    // http:// only as the admin configured it (a test system in the own network), as for webhooks.
    if (url.protocol === 'http:') oauth.allowInsecureRequests(config);
    try {
      const response = await oauth.clientCredentialsGrant(config);
      const lifetimeMs = response.expires_in === undefined ? WITHOUT_EXPIRY_MS : response.expires_in * 1000;
      return {
        token: response.access_token,
        until: options.clock.now().getTime() + Math.max(0, lifetimeMs - EXPIRY_MARGIN_MS),
      };
    } catch (error) {
      throw tokenFailure(url.host, error);
    }
  }

  return {
    async get(credentials) {
      const key = cacheKey(credentials);
      const cached = cache.get(key);
      if (cached && cached.until > options.clock.now().getTime()) return cached.token;
      const fresh = await request(credentials);
      // Tokens of credentials no longer used (a changed secret) go once they have expired.
      const now = options.clock.now().getTime();
      for (const [other, entry] of cache) if (entry.until <= now) cache.delete(other);
      cache.set(key, fresh);
      return fresh.token;
    },
    forget(credentials) {
      cache.delete(cacheKey(credentials));
    },
  };
}

/**
 * What a failed token request means for the worker. The token service's OAuth error (e.g.
 * `invalid_client` for a wrong secret) is permanent until an admin fixes the setting; the token
 * service being down or overloaded is retried.
 */
function tokenFailure(host: string, error: unknown): DeliveryFailed {
  const prefix = `FIT-Connect token (${host})`;
  if (error instanceof oauth.ResponseBodyError) {
    return new DeliveryFailed(
      `${prefix}: HTTP ${error.status} ${error.error} – check client id and secret`,
      retryableStatus(error.status),
      { cause: error },
    );
  }
  const response = (error as { cause?: unknown }).cause;
  if (response instanceof Response && !response.ok) {
    return new DeliveryFailed(`${prefix}: HTTP ${response.status}`, retryableStatus(response.status), {
      cause: error,
    });
  }
  if (response instanceof Response || error instanceof oauth.ClientError) {
    // The answer was not an OAuth token response at all (wrong URL, a proxy's page): permanent.
    return new DeliveryFailed(`${prefix}: not a token response (${(error as Error).message})`, false, {
      cause: error,
    });
  }
  return new DeliveryFailed(`${prefix}: ${networkFailureReason(error)}`, true, { cause: error });
}
