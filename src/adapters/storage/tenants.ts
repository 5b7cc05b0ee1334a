import type { Kysely, Selectable } from 'kysely';
import type { Store, Tenant } from '../../core/ports.ts';
import type { DB, TenantsTable } from './schema.ts';
import type { StoreContext } from './shared.ts';

const COLUMNS = ['id', 'slug', 'name_de', 'name_en', 'ags'] as const;

function toTenant(row: Pick<Selectable<TenantsTable>, (typeof COLUMNS)[number]>): Tenant {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name_en === null ? { de: row.name_de } : { de: row.name_de, en: row.name_en },
    ags: row.ags,
  };
}

export function tenantsRepository({ db, cipher, clock, write }: StoreContext): Store['tenants'] {
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
          })
          .execute(),
      );
    },
  };
}

/** The `loadWrappedKey` the envelope cipher needs, reading from the tenants table. */
export function wrappedKeyLoader(db: Kysely<DB>): (tenantId: string) => Promise<string | undefined> {
  return async (tenantId) => {
    const row = await db
      .selectFrom('tenants')
      .select('wrapped_data_key')
      .where('id', '=', tenantId)
      .executeTakeFirst();
    return row?.wrapped_data_key;
  };
}
