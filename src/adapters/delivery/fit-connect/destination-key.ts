/**
 * The destination's (Zustellpunkt's) public encryption key (ADR 0042), from the configured
 * destination lookup as the Submission API publishes it: `GET /v1/destinations/{id}` names the key
 * (`encryptionKid`), `GET /v1/destinations/{id}/keys/{kid}` returns it as a JWK. The key must be
 * what FIT-Connect prescribes for encryption: RSA, `RSA-OAEP-256`, `wrapKey`, at least 4096 bits,
 * exponent 65537. Its certificate chain (`x5c`) is not yet validated against the federal PKI: that is
 * a later step, until which the lookup URL must be one the municipality trusts.
 */
import { importJWK, type JWK } from 'jose';
import { DeliveryFailed } from '../../../core/errors.ts';
import type { HttpStep } from './http-step.ts';

export const MIN_KEY_BITS = 4096;

export interface DestinationKey {
  kid: string;
  key: CryptoKey;
}

/** Why a JWK is not an encryption key FIT-Connect allows, or undefined when it is one. */
export function unusableKeyReason(jwk: Record<string, unknown>, expectedKid: string): string | undefined {
  if (jwk.kty !== 'RSA') return `key type ${String(jwk.kty)} instead of RSA`;
  if (jwk.alg !== 'RSA-OAEP-256') return `algorithm ${String(jwk.alg)} instead of RSA-OAEP-256`;
  if (!Array.isArray(jwk.key_ops) || !jwk.key_ops.includes('wrapKey')) return 'not a key for wrapKey';
  if (jwk.kid !== expectedKid) return `kid ${String(jwk.kid)} instead of the announced ${expectedKid}`;
  if (jwk.e !== 'AQAB') return 'exponent other than 65537';
  if (typeof jwk.n !== 'string') return 'no modulus';
  const bits = Buffer.from(jwk.n, 'base64url').length * 8;
  if (bits < MIN_KEY_BITS) return `${bits}-bit modulus, at least ${MIN_KEY_BITS} required`;
  if ('d' in jwk) return 'a private key was published';
  return undefined;
}

export async function destinationKey(
  http: HttpStep,
  lookupUrl: string,
  destinationId: string,
  token: string,
): Promise<DestinationKey> {
  const base = `${lookupUrl.replace(/\/+$/, '')}/v1/destinations/${encodeURIComponent(destinationId)}`;
  const destination = await http.json('destination lookup', 'GET', base, { token });
  const kid = (destination as { encryptionKid?: unknown }).encryptionKid;
  if (typeof kid !== 'string' || kid === '') {
    throw new DeliveryFailed(
      'FIT-Connect destination lookup: the destination names no encryption key',
      false,
    );
  }
  const jwk = (await http.json('destination key', 'GET', `${base}/keys/${encodeURIComponent(kid)}`, {
    token,
  })) as Record<string, unknown>;
  const reason = unusableKeyReason(jwk, kid);
  if (reason) {
    throw new DeliveryFailed(
      `FIT-Connect destination key ${kid} cannot be used for encryption: ${reason}. Ask the receiving office to publish its encryption key.`,
      false,
    );
  }
  // Only the public parts are imported; `x5c` is kept out of the import, see the module comment.
  const { kty, n, e } = jwk as JWK;
  return { kid, key: (await importJWK({ kty, n, e }, 'RSA-OAEP-256')) as CryptoKey };
}
