import type { Kysely, Selectable } from 'kysely';
import type { LegalLinks, Tenant } from '../../../core/domain.ts';
import { NotFoundError } from '../../../core/errors.ts';
import type { Store } from '../../../core/ports.ts';
import type { WrappedKeyring } from '../../crypto/envelope.ts';
import type { DB, TenantsTable } from '../dialect/schema.ts';
import { auditParams, insertAudit, type StoreContext, toCount } from './context.ts';

const COLUMNS = [
  'id',
  'slug',
  'name_de',
  'name_en',
  'ags',
  'imprint_url',
  'privacy_url',
  'accessibility_url',
] as const;

function toTenant(row: Pick<Selectable<TenantsTable>, (typeof COLUMNS)[number]>): Tenant {
  const legalLinks: LegalLinks = {
    ...(row.imprint_url !== null && { imprint: row.imprint_url }),
    ...(row.privacy_url !== null && { privacy: row.privacy_url }),
    ...(row.accessibility_url !== null && { accessibility: row.accessibility_url }),
  };
  return {
    id: row.id,
    slug: row.slug,
    name: row.name_en === null ? { de: row.name_de } : { de: row.name_de, en: row.name_en },
    ags: row.ags,
    ...(Object.keys(legalLinks).length > 0 && { legalLinks }),
  };
}

const linkColumns = (links: LegalLinks | undefined) => ({
  imprint_url: links?.imprint ?? null,
  privacy_url: links?.privacy ?? null,
  accessibility_url: links?.accessibility ?? null,
});

export function tenantsRepository({ db, cipher, clock, write, transaction }: StoreContext): Store['tenants'] {
  return {
    async bySlug(slug) {
      const row = await db.selectFrom('tenants').select(COLUMNS).where('slug', '=', slug).executeTakeFirst();
      return row && toTenant(row);
    },
    async byId(id) {
      const row = await db.selectFrom('tenants').select(COLUMNS).where('id', '=', id).executeTakeFirst();
      return row && toTenant(row);
    },
    async list() {
      const rows = await db.selectFrom('tenants').select(COLUMNS).orderBy('slug').execute();
      return rows.map(toTenant);
    },
    async create(tenant) {
      // Each tenant gets its own data key at birth; only the wrapped form is stored.
      const wrappedDataKey = cipher.createTenantKey(tenant.id);
      await write((w) =>
        w
          .insertInto('tenants')
          .values({
            id: tenant.id,
            slug: tenant.slug,
            name_de: tenant.name.de,
            name_en: tenant.name.en ?? null,
            ags: tenant.ags,
            wrapped_data_key: wrappedDataKey,
            created_at: clock.now().toISOString(),
            ...linkColumns(tenant.legalLinks),
          })
          .execute(),
      );
    },
    async update(tenantId, change, audit) {
      const at = clock.now().toISOString();
      await transaction(async (trx) => {
        const result = await trx
          .updateTable('tenants')
          .set({
            name_de: change.name.de,
            name_en: change.name.en ?? null,
            ags: change.ags,
            ...linkColumns(change.legalLinks),
          })
          .where('id', '=', tenantId)
          .executeTakeFirst();
        if (toCount(result.numUpdatedRows) !== 1) throw new NotFoundError('tenant');
        await insertAudit.execute(trx, auditParams({ ...audit, tenantId }, at));
      });
    },
  };
}

/**
 * The `loadWrappedKey` the envelope cipher needs: the tenant's newest data key from the tenants
 * table and the older versions a rotation has not retired yet (ADR 0047).
 */
export function wrappedKeyLoader(db: Kysely<DB>): (tenantId: string) => Promise<WrappedKeyring | undefined> {
  return async (tenantId) => {
    // All columns: the migration tests read keys from a schema before migration 0030, where a
    // tenant has its one key of version 1 and no `tenant_data_keys` table.
    const row: Partial<Selectable<TenantsTable>> | undefined = await db
      .selectFrom('tenants')
      .selectAll()
      .where('id', '=', tenantId)
      .executeTakeFirst();
    if (row?.wrapped_data_key === undefined) return undefined;
    if (row.data_key_version === undefined) return { version: 1, wrapped: row.wrapped_data_key, older: [] };
    const older = await db
      .selectFrom('tenant_data_keys')
      .select(['version', 'wrapped_key as wrapped'])
      .where('tenant_id', '=', tenantId)
      .orderBy('version')
      .execute();
    return { version: row.data_key_version, wrapped: row.wrapped_data_key, older };
  };
}

/**
 * The `rewrapKey` the envelope cipher needs: replaces a tenant's wrapped data key only while it is
 * still the one that was read, so instances rewrapping the same key at once write it once.
 */
export function wrappedKeyRewriter(
  db: Kysely<DB>,
): (tenantId: string, expected: string, next: string) => Promise<void> {
  return async (tenantId, expected, next) => {
    await db
      .updateTable('tenants')
      .set({ wrapped_data_key: next })
      .where('id', '=', tenantId)
      .where('wrapped_data_key', '=', expected)
      .execute();
  };
}
