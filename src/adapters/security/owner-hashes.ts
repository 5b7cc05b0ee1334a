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
