import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { PublishMeta, ServiceVersion } from '../../../core/domain.ts';
import type { Store } from '../../../core/ports.ts';
import type { ServiceDefinition } from '../../../definition/types.ts';
import type { DB, Dialect } from '../dialect/schema.ts';
import { auditParams, insertAudit, type StoreContext, toCount } from './context.ts';

interface VersionRow {
  id: string;
  tenant_id: string;
  service_id: string;
  slug: string;
  version: number;
  definition_json: string;
  published_at: string;
  withdrawn_at: string | null;
  published_by: string | null;
  change_message: string | null;
}

function toVersion(row: VersionRow): ServiceVersion {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    serviceId: row.service_id,
    slug: row.slug,
    version: Number(row.version),
    definition: JSON.parse(row.definition_json),
    publishedAt: row.published_at,
    withdrawnAt: row.withdrawn_at,
    publishedBy: row.published_by,
    changeMessage: row.change_message,
  };
}

function versions(db: Kysely<DB>, tenantId: string) {
  return (
    db
      .selectFrom('service_versions as v')
      // Joining on tenant too: a version can never be shown under another tenant's service.
      .innerJoin('services as s', (j) =>
        j.onRef('s.id', '=', 'v.service_id').onRef('s.tenant_id', '=', 'v.tenant_id'),
      )
      .select(VERSION_COLUMNS)
      .where('v.tenant_id', '=', tenantId)
  );
}

/** The newest version of each service of the tenant, withdrawn ones too when asked. */
function latestVersions(db: Kysely<DB>, tenantId: string, includeWithdrawn: boolean) {
  let query = versions(db, tenantId);
  if (!includeWithdrawn) query = query.where('s.withdrawn_at', 'is', null);
  return query
    .where(({ eb, selectFrom }) =>
      eb(
        'v.version',
        '=',
        selectFrom('service_versions as newer')
          .select(({ fn }) => fn.max('newer.version').as('max'))
          .whereRef('newer.service_id', '=', 'v.service_id'),
      ),
    )
    .orderBy('s.slug');
}

/** The columns a `ServiceVersion` is read from (service versions joined with services as `s`). */
export const VERSION_COLUMNS = [
  'v.id',
  'v.tenant_id',
  'v.service_id',
  's.slug',
  'v.version',
  'v.definition_json',
  'v.published_at',
  's.withdrawn_at',
  'v.published_by',
  'v.change_message',
] as const;

export function servicesRepository({ db, dialect, transaction }: StoreContext): Store['services'] {
  return {
    async listLatest(tenantId) {
      return (await latestVersions(db, tenantId, false).execute()).map(toVersion);
    },

    async listLatestIncludingWithdrawn(tenantId) {
      return (await latestVersions(db, tenantId, true).execute()).map(toVersion);
    },

    async history(tenantId, slug) {
      const rows = await db
        .selectFrom('service_versions as v')
        .innerJoin('services as s', (j) =>
          j.onRef('s.id', '=', 'v.service_id').onRef('s.tenant_id', '=', 'v.tenant_id'),
        )
        .select(['v.id', 'v.version', 'v.published_at', 'v.title_json', 'v.published_by', 'v.change_message'])
        .where('v.tenant_id', '=', tenantId)
        .where('s.slug', '=', slug)
        .orderBy('v.version', 'desc')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        version: Number(r.version),
        publishedAt: r.published_at,
        title: JSON.parse(r.title_json),
        publishedBy: r.published_by,
        changeMessage: r.change_message,
      }));
    },

    async setWithdrawn(tenantId, serviceId, withdrawnAt, audit, at) {
      return transaction(async (trx) => {
        // Only a real change is written and audited: a second click changes nothing.
        const result = await trx
          .updateTable('services')
          .set({ withdrawn_at: withdrawnAt })
          .where('tenant_id', '=', tenantId)
          .where('id', '=', serviceId)
          .where('withdrawn_at', withdrawnAt === null ? 'is not' : 'is', null)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) return false;
        await insertAudit.execute(trx, auditParams(audit, at));
        return true;
      });
    },

    async delete(tenantId, serviceId, audit, at) {
      return transaction(async (trx) => {
        // A write first (SQLite takes its write lock before reading), then the check inside the
        // same transaction: a submission arriving meanwhile cannot be left without its service.
        const service = await trx
          .updateTable('services')
          .set((eb) => ({ withdrawn_at: eb.ref('withdrawn_at') }))
          .where('tenant_id', '=', tenantId)
          .where('id', '=', serviceId)
          .returning('slug')
          .executeTakeFirst();
        if (!service) return 'not-found' as const;
        const submissions = await trx
          .selectFrom('submissions')
          .select(({ fn }) => fn.countAll().as('n'))
          .where('tenant_id', '=', tenantId)
          .where('service_id', '=', serviceId)
          .executeTakeFirst();
        if (toCount(submissions?.n) > 0) return 'has-submissions' as const;
        const drafts = trx
          .selectFrom('drafts')
          .select('id')
          .where('tenant_id', '=', tenantId)
          .where('service_id', '=', serviceId);
        await trx
          .deleteFrom('attachments')
          .where('tenant_id', '=', tenantId)
          .where('draft_id', 'in', drafts)
          .execute();
        await trx
          .deleteFrom('drafts')
          .where('tenant_id', '=', tenantId)
          .where('service_id', '=', serviceId)
          .execute();
        await trx
          .deleteFrom('service_candidates')
          .where('tenant_id', '=', tenantId)
          .where('slug', '=', service.slug)
          .execute();
        await trx
          .deleteFrom('operational_settings')
          .where('tenant_id', '=', tenantId)
          .where('service_id', '=', serviceId)
          .execute();
        // Its catalog entry goes with it (copies elsewhere keep their provenance), and so does the
        // note of where it came from, so the id can be used, or copied, again.
        const entries = trx
          .selectFrom('catalog_entries')
          .select('id')
          .where('tenant_id', '=', tenantId)
          .where('service_id', '=', serviceId);
        await trx.deleteFrom('catalog_terms').where('entry_id', 'in', entries).execute();
        await trx.deleteFrom('catalog_comments').where('entry_id', 'in', entries).execute();
        await trx
          .deleteFrom('catalog_entries')
          .where('tenant_id', '=', tenantId)
          .where('service_id', '=', serviceId)
          .execute();
        await trx
          .deleteFrom('service_origins')
          .where('tenant_id', '=', tenantId)
          .where('slug', '=', service.slug)
          .execute();
        await trx
          .deleteFrom('catalog_merges')
          .where('tenant_id', '=', tenantId)
          .where('slug', '=', service.slug)
          .execute();
        await trx
          .deleteFrom('service_versions')
          .where('tenant_id', '=', tenantId)
          .where('service_id', '=', serviceId)
          .execute();
        await trx
          .deleteFrom('services')
          .where('tenant_id', '=', tenantId)
          .where('id', '=', serviceId)
          .execute();
        await insertAudit.execute(trx, auditParams(audit, at));
        return 'deleted' as const;
      });
    },

    async latestBySlug(tenantId, slug) {
      const row = await versions(db, tenantId)
        .where('s.slug', '=', slug)
        .orderBy('v.version', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row && toVersion(row);
    },

    async versionById(tenantId, versionId) {
      const row = await versions(db, tenantId).where('v.id', '=', versionId).executeTakeFirst();
      return row && toVersion(row);
    },

    async versionByNumber(tenantId, slug, version) {
      const row = await versions(db, tenantId)
        .where('s.slug', '=', slug)
        .where('v.version', '=', version)
        .executeTakeFirst();
      return row && toVersion(row);
    },

    async publish(tenantId, definition, publishedAt, meta) {
      return transaction((trx) => publishVersion(trx, dialect, tenantId, definition, publishedAt, meta));
    },
  };
}

/**
 * Inserts the next version of the definition's service (creating the service when new) inside the
 * caller's transaction. Shared by `services.publish` and publishing an uploaded candidate, so both
 * number versions the same way.
 */
export async function publishVersion(
  trx: Kysely<DB>,
  dialect: Dialect,
  tenantId: string,
  definition: ServiceDefinition,
  publishedAt: string,
  meta: PublishMeta = { publishedBy: null, changeMessage: null },
): Promise<ServiceVersion> {
  const definitionJson = JSON.stringify(definition);
  // A write first: on SQLite this takes the write lock before any read snapshot exists, so a
  // concurrent writer in another process makes us wait (busy_timeout) instead of failing.
  await trx
    .insertInto('services')
    .values({
      id: randomUUID(),
      tenant_id: tenantId,
      slug: definition.id,
      created_at: publishedAt,
      withdrawn_at: null,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'slug']).doNothing())
    .execute();
  let serviceQuery = trx
    .selectFrom('services')
    .select(['id', 'withdrawn_at'])
    .where('tenant_id', '=', tenantId)
    .where('slug', '=', definition.id);
  // On PostgreSQL the row lock serializes concurrent publishes of one service, so both cannot
  // compute the same next version number.
  if (dialect === 'postgres') serviceQuery = serviceQuery.forUpdate();
  const service = await serviceQuery.executeTakeFirstOrThrow();
  const latest = await trx
    .selectFrom('service_versions')
    .select(({ fn }) => fn.max('version').as('max'))
    .where('service_id', '=', service.id)
    .executeTakeFirst();
  const version: ServiceVersion = {
    id: randomUUID(),
    tenantId,
    serviceId: service.id,
    slug: definition.id,
    version: Number(latest?.max ?? 0) + 1,
    definition: JSON.parse(definitionJson),
    publishedAt,
    // Publishing does not bring a withdrawn service back online: that is its own, audited step.
    withdrawnAt: service.withdrawn_at,
    publishedBy: meta.publishedBy,
    changeMessage: meta.changeMessage,
  };
  await trx
    .insertInto('service_versions')
    .values({
      id: version.id,
      tenant_id: tenantId,
      service_id: service.id,
      version: version.version,
      definition_json: definitionJson,
      title_json: JSON.stringify(definition.title),
      published_at: publishedAt,
      published_by: meta.publishedBy,
      change_message: meta.changeMessage,
    })
    .execute();
  return version;
}
