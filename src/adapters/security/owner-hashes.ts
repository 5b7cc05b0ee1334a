import { createHmac } from 'node:crypto';
import type { OwnerHashes } from '../../core/identity/my-applications.ts';

/**
 * The owner of a logged-in citizen's drafts and submissions (ADR 0049): HMAC-SHA256 under a key
 * derived from the master key, over the tenant, the provider and the provider's subject. A copy
 * of the database alone cannot tell whose drafts they are, not even for a known subject.
 */
export function createOwnerHashes(key: Uint8Array): OwnerHashes {
  return {
    of: (tenantId, provider, subject) =>
      createHmac('sha256', key)
        .update(JSON.stringify([tenantId, provider, subject]))
        .digest('base64url'),
  };
}

/**
 * A provider's session key (SAML single logout, ADR 0050) as stored with a login: HMAC-SHA256 under
 * its own key derived from the master key, over the provider and the key (NameID, or NameID and
 * SessionIndex). Installation-wide: the provider's logout request names no municipality.
 */
export function createProviderSessionHashes(key: Uint8Array): {
  hash(provider: string, key: string): string;
} {
  return {
    hash: (provider, sessionKey) =>
      createHmac('sha256', key)
        .update(JSON.stringify([provider, sessionKey]))
        .digest('base64url'),
  };
}
