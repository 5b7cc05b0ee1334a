/**
 * The installation's catalog (ADR 0043, 0044). Entries are read across municipalities, but a
 * service's versions only through its entry: `version` joins the entry, so nothing that was not
 * offered can be read this way. Search is an equality lookup on `catalog_terms` (its primary key
 * starts with the term), the same on SQLite and PostgreSQL.
 */
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { CatalogEntry, ServiceOrigin } from '../../../core/domain.ts';
import type { Store } from '../../../core/ports.ts';
import type { DB } from '../dialect/schema.ts';
import { auditParams, insertAudit, isUniqueViolation, type StoreContext, toCount } from './context.ts';
import { insertEditorDraft } from './editor-drafts.ts';
import { remoteEntryById, remoteVersion } from './federation.ts';
import { VERSION_COLUMNS } from './services.ts';

/** Entries counted per search word at most, to choose the rarest word to lead the search. */
const COUNT_CAP = 500;

/** "In Betrieb in N Kommunen": the origin while online, and every copy whose service is online. */
function inUse(eb: ExpressionBuilder<DB & { e: DB['catalog_entries'] }, 'e'>) {
  const origin = eb
    .selectFrom('services as os')
    .select(({ fn }) => fn.countAll().as('n'))
    .whereRef('os.id', '=', 'e.service_id')
    .where('os.withdrawn_at', 'is', null);
  const copies = eb
    .selectFrom('service_origins as o')
    .innerJoin('services as cs', (j) =>
      j.onRef('cs.tenant_id', '=', 'o.tenant_id').onRef('cs.slug', '=', 'o.slug'),
    )
    .select(({ fn }) => fn.countAll().as('n'))
    .whereRef('o.entry_id', '=', 'e.id')
    .where('cs.withdrawn_at', 'is', null);
  return { origin: origin.as('in_use_origin'), copies: copies.as('in_use_copies') };
}

function entries(db: Kysely<DB>) {
  return db
    .selectFrom('catalog_entries as e')
    .innerJoin('tenants as t', 't.id', 'e.tenant_id')
    .selectAll('e')
    .select(['t.name_de', 't.name_en'])
    .select((eb) => {
      const counts = inUse(eb);
      return [counts.origin, counts.copies];
    });
}

type EntryRow = Awaited<ReturnType<ReturnType<typeof entries>['executeTakeFirstOrThrow']>>;

function toEntry(row: EntryRow): CatalogEntry {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    provider: { de: row.name_de, ...(row.name_en && { en: row.name_en }) },
    serviceId: row.service_id,
    slug: row.slug,
    title: JSON.parse(row.title_json),
    leika: row.leika,
    topic: row.topic,
    land: row.land,
    description: row.description,
    licence: row.licence,
    contact: row.contact,
    experience: row.experience,
    offeredBy: row.offered_by,
    offeredAt: row.offered_at,
    updatedAt: row.updated_at,
    inUse:
      toCount(row.in_use_origin as number | string | bigint) +
      toCount(row.in_use_copies as number | string | bigint),
  };
}

export function catalogRepository({ db, transaction }: StoreContext): Store['catalog'] {
  /**
   * The terms ordered by how many entries have them, each counted only up to `COUNT_CAP` (an
   * index range read that stops early), in one query: enough to tell a rare word from a common one.
   */
  const byFewestEntries = async (terms: string[]): Promise<string[]> => {
    const row = await db
      .selectNoFrom((eb) =>
        terms.map((term, k) =>
          eb
            .selectFrom(
              eb
                .selectFrom('catalog_terms')
                .select('entry_id')
                .where('term', '=', term)
                .limit(COUNT_CAP)
                .as('m'),
            )
            .select(({ fn }) => fn.countAll().as('n'))
            .as(`n${k}`),
        ),
      )
      .executeTakeFirstOrThrow();
    const counts = row as Record<string, number | string | bigint | null>;
    const count = (k: number) => toCount(counts[`n${k}`] ?? 0);
    return terms
      .map((term, k) => ({ term, n: count(k) }))
      .sort((a, b) => a.n - b.n)
      .map((t) => t.term);
  };

  return {
    async offer(entry, terms, by, at, audit) {
      return transaction(async (trx) => {
        const values = {
          title_json: JSON.stringify(entry.title),
          leika: entry.leika,
          topic: entry.topic,
          land: entry.land,
          description: entry.description,
          licence: entry.licence,
          contact: entry.contact,
          experience: entry.experience,
          updated_at: at,
        };
        // A write first (SQLite's group commit); an entry that exists keeps its id and first offer.
        await trx
          .insertInto('catalog_entries')
          .values({
            id: entry.id,
            tenant_id: entry.tenantId,
            service_id: entry.serviceId,
            slug: entry.slug,
            offered_by: by,
            offered_at: at,
            ...values,
          })
          .onConflict((oc) => oc.columns(['tenant_id', 'service_id']).doUpdateSet(values))
          .execute();
        const { id } = await trx
          .selectFrom('catalog_entries')
          .select('id')
          .where('tenant_id', '=', entry.tenantId)
          .where('service_id', '=', entry.serviceId)
          .executeTakeFirstOrThrow();
        await trx.deleteFrom('catalog_terms').where('entry_id', '=', id).execute();
        const unique = [...new Set(terms)];
        for (let i = 0; i < unique.length; i += 200) {
          await trx
            .insertInto('catalog_terms')
            .values(unique.slice(i, i + 200).map((term) => ({ term, entry_id: id, updated_at: at })))
            .execute();
        }
        await insertAudit.execute(
          trx,
          auditParams({ ...audit, details: { ...audit.details, entryId: id } }, at),
        );
        return id;
      });
    },

    async entryOfService(tenantId, serviceId) {
      const row = await entries(db)
        .where('e.tenant_id', '=', tenantId)
        .where('e.service_id', '=', serviceId)
        .executeTakeFirst();
      return row && toEntry(row);
    },

    async entryById(id) {
      const row = await entries(db).where('e.id', '=', id).executeTakeFirst();
      // An entry of another installation (ADR 0054) is read, copied and merged like a local one.
      return row ? toEntry(row) : remoteEntryById(db, id);
    },

    async search(terms, limit) {
      const unique = [...new Set(terms)];
      /** The entries of `order` with their provider and counts, in that order. */
      const rowsInOrder = async (order: string[]): Promise<CatalogEntry[]> => {
        if (order.length === 0) return [];
        const rows = await entries(db).where('e.id', 'in', order).execute();
        const byId = new Map(rows.map((r) => [r.id, toEntry(r)]));
        return order.flatMap((id) => byId.get(id) ?? []);
      };
      // First the ids (index lookups), then the rows with their counts for those few only: SQLite
      // computes a select list's subqueries before sorting, so counting in one query would count for
      // every match, not for the 50 shown.
      if (unique.length === 0) {
        const order = await db
          .selectFrom('catalog_entries as e')
          .select(['e.id'])
          .where(({ exists, selectFrom }) =>
            exists(selectFrom('services as s').select('s.id').whereRef('s.id', '=', 'e.service_id')),
          )
          .orderBy('e.updated_at', 'desc')
          .orderBy('e.id')
          .limit(limit)
          .execute();
        return rowsInOrder(order.map((r) => r.id));
      }
      // The newest entries of one word straight from one range of the term index (migration 0035),
      // each checked for the other words by a lookup in the primary key (term, entry_id). The word
      // that leads is the one with the fewest entries: walking a common word ("anmelden", nearly
      // every entry) newest first to find a rare one needs a probe per entry, and intersecting
      // whole ranges reads every entry of the common word (measured in docs/performance.md).
      const [lead, ...others] = unique.length === 1 ? unique : await byFewestEntries(unique);
      const order = await db
        .selectFrom('catalog_terms as t')
        .innerJoin('catalog_entries as e', 'e.id', 't.entry_id')
        .select(['e.id'])
        .where('t.term', '=', lead!)
        .where(({ and, exists, selectFrom }) =>
          and([
            exists(selectFrom('services as s').select('s.id').whereRef('s.id', '=', 'e.service_id')),
            ...others.map((term) =>
              exists(
                selectFrom('catalog_terms as o')
                  .select('o.entry_id')
                  .where('o.term', '=', term)
                  .whereRef('o.entry_id', '=', 't.entry_id'),
              ),
            ),
          ]),
        )
        .orderBy('t.updated_at', 'desc')
        .orderBy('t.entry_id')
        .limit(limit)
        .execute();
      return rowsInOrder(order.map((r) => r.id));
    },

    async version(entryId, versionId) {
      let query = db
        .selectFrom('catalog_entries as e')
        .innerJoin('service_versions as v', (j) =>
          j.onRef('v.service_id', '=', 'e.service_id').onRef('v.tenant_id', '=', 'e.tenant_id'),
        )
        .innerJoin('services as s', 's.id', 'v.service_id')
        .select(VERSION_COLUMNS)
        .where('e.id', '=', entryId);
      query = versionId ? query.where('v.id', '=', versionId) : query.orderBy('v.version', 'desc').limit(1);
      const row = await query.executeTakeFirst();
      if (!row) return remoteVersion(db, entryId, versionId);
      return (
        row && {
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
        }
      );
    },

    async comments(entryId) {
      const rows = await db
        .selectFrom('catalog_comments as c')
        .innerJoin('tenants as t', 't.id', 'c.tenant_id')
        .select([
          'c.id',
          'c.entry_id',
          'c.tenant_id',
          'c.author_id',
          'c.text',
          'c.created_at',
          't.name_de',
          't.name_en',
        ])
        .where('c.entry_id', '=', entryId)
        .orderBy('c.created_at')
        .orderBy('c.id')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        entryId: r.entry_id,
        tenantId: r.tenant_id,
        municipality: { de: r.name_de, ...(r.name_en && { en: r.name_en }) },
        authorId: r.author_id,
        text: r.text,
        createdAt: r.created_at,
      }));
    },

    async comment(comment, audit) {
      await transaction(async (trx) => {
        await trx
          .insertInto('catalog_comments')
          .values({
            id: comment.id,
            entry_id: comment.entryId,
            tenant_id: comment.tenantId,
            author_id: comment.authorId,
            text: comment.text,
            created_at: comment.createdAt,
          })
          .execute();
        await insertAudit.execute(trx, auditParams(audit, comment.createdAt));
      });
    },

    async copy(origin, draft, audit) {
      try {
        await transaction(async (trx) => {
          await trx
            .insertInto('service_origins')
            .values({
              tenant_id: origin.tenantId,
              slug: origin.slug,
              entry_id: origin.entryId,
              origin_tenant_id: origin.originTenantId,
              origin_service_id: origin.originServiceId,
              base_version_id: origin.baseVersionId,
              licence: origin.licence,
              attribution: origin.attribution,
              copied_by: origin.copiedBy,
              copied_at: origin.copiedAt,
            })
            .execute();
          await insertEditorDraft(trx, draft);
          await insertAudit.execute(trx, auditParams(audit, origin.copiedAt));
        });
        return true;
      } catch (error) {
        if (isUniqueViolation(error, 'service_origins_pk', 'service_origins.')) return false;
        throw error;
      }
    },

    async originOf(tenantId, slug) {
      const row = await db
        .selectFrom('service_origins')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('slug', '=', slug)
        .executeTakeFirst();
      return row && toOrigin(row);
    },
  };
}

function toOrigin(row: DB['service_origins']): ServiceOrigin {
  return {
    tenantId: row.tenant_id,
    slug: row.slug,
    entryId: row.entry_id,
    originTenantId: row.origin_tenant_id,
    originServiceId: row.origin_service_id,
    baseVersionId: row.base_version_id,
    licence: row.licence,
    attribution: row.attribution,
    copiedBy: row.copied_by,
    copiedAt: row.copied_at,
  };
}
