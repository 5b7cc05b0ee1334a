/**
 * Removing a municipality (ADR 0039), an operator's command: everything it has goes in one
 * transaction, but only once none of its applications is left. Applications are deleted (early or
 * by their deadline) or offered to the archive and deleted first, so removing a municipality can
 * never destroy a case that nobody archived.
 */
import { InvalidInputError } from '../errors.ts';
import type { Store } from '../ports.ts';

export type TenantRemoval = { removed: true } | { removed: false; submissions: number };

export async function removeTenant(store: Store, slug: string): Promise<TenantRemoval> {
  const tenant = await store.tenants.bySlug(slug);
  if (!tenant) throw new InvalidInputError('ERR_TENANT_UNKNOWN', `no municipality "${slug}"`);
  const outcome = await store.retention.removeTenant(tenant.id);
  if (outcome === 'removed') return { removed: true };
  return { removed: false, submissions: await store.retention.submissionCount(tenant.id) };
}
