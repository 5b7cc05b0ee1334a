/**
 * Federation's tables (ADR 0054, migration 0037). Installation-wide: no tenant column, like the
 * LeiKa catalogue; the audit events name the acting admin's municipality. Remote entries are read
 * as `CatalogEntry`s and their versions as `ServiceVersion`s (`remoteEntryById`, `remoteVersion`),
 * which is how the catalog's copy and merge use them like local ones.
 *
 * SQLite's group commit needs every transaction to begin with a write; each one here does.
 */
import { type Kysely, sql } from 'kysely';
import type { CatalogEntry, ServiceVersion } from '../../../core/domain.ts';
import type {
  FeedItem,
  OwnKey,
  Subscription,
  SubscriptionStatus,
  TrustedKey,
} from '../../../core/federation/records.ts';
import type { Store } from '../../../core/ports.ts';
import type { DB } from '../dialect/schema.ts';
import { auditParams, insertAudit, isUniqueViolation, type StoreContext, toCount } from './context.ts';

/** The `tenantId` a remote entry and its versions carry: no municipality of this installation. */
export const remoteTenantId = (subscriptionId: string) => `remote:${subscriptionId}`;

function remoteEntries(db: Kysely<DB>) {
  return db
    .selectFrom('remote_entries as r')
    .innerJoin('federation_subscriptions as f', 'f.id', 'r.subscription_id')
    .selectAll('r')
    .select(['f.name as installation_name', 'f.operator as installation_operator'])
    .select((eb) =>
      eb
        .selectFrom('service_origins as o')
        .innerJoin('services as cs', (j) =>
          j.onRef('cs.tenant_id', '=', 'o.tenant_id').onRef('cs.slug', '=', 'o.slug'),
        )
        .select(({ fn }) => fn.countAll().as('n'))
        .whereRef('o.entry_id', '=', 'r.id')
        .where('cs.withdrawn_at', 'is', null)
        .as('in_use'),
    );
}

type RemoteRow = Awaited<ReturnType<ReturnType<typeof remoteEntries>['executeTakeFirstOrThrow']>>;

function toRemoteEntry(row: RemoteRow): CatalogEntry {
  return {
    id: row.id,
    tenantId: remoteTenantId(row.subscription_id),
    provider: { de: row.provider },
    serviceId: row.remote_id,
    slug: row.slug,
    title: JSON.parse(row.title_json),
    leika: row.leika,
    topic: row.topic,
    land: row.land,
    description: row.description,
    licence: row.licence,
    contact: row.contact,
    experience: '',
    offeredBy: 'remote',
    offeredAt: row.offered_at,
    updatedAt: row.updated_at,
    inUse: toCount(row.in_use as number | string | bigint),
    installation: {
      subscriptionId: row.subscription_id,
      name: row.installation_name,
      operator: row.installation_operator,
    },
  };
}

/** A remote entry by its local id (the catalog falls back to it). */
export async function remoteEntryById(db: Kysely<DB>, id: string): Promise<CatalogEntry | undefined> {
  const row = await remoteEntries(db).where('r.id', '=', id).executeTakeFirst();
  return row && toRemoteEntry(row);
}

/** A received version of a remote entry: a given one, or the newest. */
export async function remoteVersion(
  db: Kysely<DB>,
  entryId: string,
  versionId?: string,
): Promise<ServiceVersion | undefined> {
  let query = db
    .selectFrom('remote_versions as v')
    .innerJoin('remote_entries as r', 'r.id', 'v.entry_id')
    .select([
      'v.id',
      'v.version',
      'v.definition_json',
      'v.published_at',
      'r.subscription_id',
      'r.remote_id',
      'r.slug',
    ])
    .where('v.entry_id', '=', entryId);
  query = versionId ? query.where('v.id', '=', versionId) : query.orderBy('v.version', 'desc').limit(1);
  const row = await query.executeTakeFirst();
  return (
    row && {
      id: row.id,
      tenantId: remoteTenantId(row.subscription_id),
      serviceId: row.remote_id,
      slug: row.slug,
      version: Number(row.version),
      definition: JSON.parse(row.definition_json),
      publishedAt: row.published_at,
      withdrawnAt: null,
      publishedBy: null,
      changeMessage: null,
    }
  );
}

function toOwnKey(row: DB['federation_keys']): OwnKey {
  return {
    kid: row.kid,
    publicJwk: JSON.parse(row.public_jwk),
    wrappedPrivateKey: row.wrapped_private_key,
    createdAt: row.created_at,
    retiredAt: row.retired_at,
    rotationJws: row.rotation_jws,
  };
}

function toSubscription(row: DB['federation_subscriptions']): Subscription {
  return {
    id: row.id,
    feedUrl: row.feed_url,
    instanceUrl: row.instance_url,
    name: row.name,
    operator: row.operator,
    cursor: row.cursor,
    status: row.status as SubscriptionStatus,
    report: row.report_json === null ? null : JSON.parse(row.report_json),
    lastSyncAt: row.last_sync_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

function toTrustedKey(row: DB['federation_trusted_keys']): TrustedKey {
  return {
    kid: row.kid,
    publicJwk: JSON.parse(row.public_jwk),
    addedAt: row.added_at,
    retiredAt: row.retired_at,
  };
}

/** What a remote entry is found by: its words lower-cased, as one text. */
function searchText(values: ReadonlyArray<string | null | undefined>): string {
  return values
    .filter((v): v is string => typeof v === 'string' && v !== '')
    .join(' ')
    .toLowerCase();
}

export function federationRepository({ db, transaction, write }: StoreContext): Store['federation'] {
  return {
    async keys() {
      const rows = await db
        .selectFrom('federation_keys')
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('kid', 'desc')
        .execute();
      return rows.map(toOwnKey);
    },

    async addKey(key, expectCurrent) {
      try {
        return await transaction(async (trx) => {
          await trx
            .insertInto('federation_keys')
            .values({
              kid: key.kid,
              public_jwk: JSON.stringify(key.publicJwk),
              wrapped_private_key: key.wrappedPrivateKey,
              created_at: key.createdAt,
              retired_at: null,
              rotation_jws: key.rotationJws,
            })
            .execute();
          const current = await trx
            .selectFrom('federation_keys')
            .select('kid')
            .where('retired_at', 'is', null)
            .where('kid', '!=', key.kid)
            .execute();
          const expected = expectCurrent === null ? [] : [expectCurrent];
          if (current.length !== expected.length || (expectCurrent && current[0]?.kid !== expectCurrent))
            throw new KeyMovedOn();
          if (expectCurrent)
            await trx
              .updateTable('federation_keys')
              .set({ retired_at: key.createdAt })
              .where('kid', '=', expectCurrent)
              .execute();
          return true;
        });
      } catch (error) {
        if (error instanceof KeyMovedOn) return false;
        throw error;
      }
    },

    async rewrapKey(kid, wrapped) {
      await write((w) =>
        w
          .updateTable('federation_keys')
          .set({ wrapped_private_key: wrapped })
          .where('kid', '=', kid)
          .execute(),
      );
    },

    async unfedVersions(limit) {
      const rows = await db
        .selectFrom('service_versions as v')
        .innerJoin('catalog_entries as e', (j) =>
          j.onRef('e.service_id', '=', 'v.service_id').onRef('e.tenant_id', '=', 'v.tenant_id'),
        )
        .leftJoin('federation_feed as f', 'f.version_id', 'v.id')
        .select(['v.id', 'v.tenant_id', 'v.version', 'e.id as entry_id', 'e.slug'])
        .where('f.version_id', 'is', null)
        .orderBy('v.published_at')
        .orderBy('v.id')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        tenantId: r.tenant_id,
        slug: r.slug,
        entryId: r.entry_id,
        versionId: r.id,
        version: Number(r.version),
      }));
    },

    async appendToFeed(items) {
      if (items.length === 0) return;
      // Positions are counted up inside the transaction; two instances adding at once collide on
      // the primary key, and the later one tries again with the positions after the first's.
      for (let attempt = 0; ; attempt++) {
        try {
          await transaction(async (trx) => {
            // A write first (SQLite's group commit): a no-op update takes the write lock.
            await trx.updateTable('federation_feed').set({ seq: 0 }).where('seq', '<', 0).execute();
            const present = new Set(
              (
                await trx
                  .selectFrom('federation_feed')
                  .select('version_id')
                  .where(
                    'version_id',
                    'in',
                    items.map((i) => i.versionId),
                  )
                  .execute()
              ).map((r) => r.version_id),
            );
            const last = await trx
              .selectFrom('federation_feed')
              .select(({ fn }) => fn.max('seq').as('max'))
              .executeTakeFirst();
            let seq = Number(last?.max ?? 0);
            for (const item of items) {
              if (present.has(item.versionId)) continue;
              present.add(item.versionId);
              seq += 1;
              await trx
                .insertInto('federation_feed')
                .values({
                  seq,
                  version_id: item.versionId,
                  entry_id: item.entryId,
                  version: item.version,
                  content_hash: item.contentHash,
                  package_json: item.packageJson,
                  entry_json: JSON.stringify(item.entry),
                  added_at: item.addedAt,
                })
                .execute();
            }
          });
          return;
        } catch (error) {
          const collided =
            isUniqueViolation(error, 'federation_feed_pkey', 'federation_feed.seq') ||
            isUniqueViolation(error, 'federation_feed_version_id_key', 'federation_feed.version_id');
          if (!collided || attempt >= 5) throw error;
        }
      }
    },

    async feed(after, limit) {
      const rows = await db
        .selectFrom('federation_feed')
        .selectAll()
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(limit)
        .execute();
      return rows.map(
        (r): FeedItem => ({
          seq: Number(r.seq),
          versionId: r.version_id,
          entryId: r.entry_id,
          version: Number(r.version),
          contentHash: r.content_hash,
          packageJson: r.package_json,
          entry: JSON.parse(r.entry_json),
          addedAt: r.added_at,
        }),
      );
    },

    async subscribe(subscription, key, audit) {
      try {
        await transaction(async (trx) => {
          await trx
            .insertInto('federation_subscriptions')
            .values({
              id: subscription.id,
              feed_url: subscription.feedUrl,
              instance_url: subscription.instanceUrl,
              name: subscription.name,
              operator: subscription.operator,
              cursor: subscription.cursor,
              status: subscription.status,
              report_json: null,
              last_sync_at: null,
              created_by: subscription.createdBy,
              created_at: subscription.createdAt,
            })
            .execute();
          await trx
            .insertInto('federation_trusted_keys')
            .values({
              subscription_id: subscription.id,
              kid: key.kid,
              public_jwk: JSON.stringify(key.publicJwk),
              added_at: key.addedAt,
              retired_at: key.retiredAt,
            })
            .execute();
          await insertAudit.execute(trx, auditParams(audit, subscription.createdAt));
        });
        return true;
      } catch (error) {
        if (
          isUniqueViolation(
            error,
            'federation_subscriptions_feed_url_key',
            'federation_subscriptions.feed_url',
          )
        )
          return false;
        throw error;
      }
    },

    async subscriptions() {
      const rows = await db
        .selectFrom('federation_subscriptions')
        .selectAll()
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toSubscription);
    },

    async subscription(id) {
      const row = await db
        .selectFrom('federation_subscriptions')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toSubscription(row);
    },

    async unsubscribe(id, audit) {
      return transaction(async (trx) => {
        const removed = await trx
          .deleteFrom('federation_subscriptions')
          .where('id', '=', id)
          .executeTakeFirst();
        if (Number(removed.numDeletedRows) === 0) return false;
        await trx.deleteFrom('federation_trusted_keys').where('subscription_id', '=', id).execute();
        // Versions a copy was based on stay (its provenance and next merge need them); the rest goes.
        const entries = trx.selectFrom('remote_entries').select('id').where('subscription_id', '=', id);
        await trx
          .deleteFrom('remote_versions')
          .where('entry_id', 'in', entries)
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('service_origins as o')
                  .select('o.slug')
                  .whereRef('o.entry_id', '=', 'remote_versions.entry_id'),
              ),
            ),
          )
          .execute();
        await trx
          .deleteFrom('remote_entries')
          .where('subscription_id', '=', id)
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('service_origins as o')
                  .select('o.slug')
                  .whereRef('o.entry_id', '=', 'remote_entries.id'),
              ),
            ),
          )
          .execute();
        await insertAudit.execute(trx, auditParams(audit, new Date().toISOString()));
        return true;
      });
    },

    async trustedKeys(subscriptionId) {
      const rows = await db
        .selectFrom('federation_trusted_keys')
        .selectAll()
        .where('subscription_id', '=', subscriptionId)
        .orderBy('added_at')
        .orderBy('kid')
        .execute();
      return rows.map(toTrustedKey);
    },

    async followRotation(subscriptionId, key, retires, at) {
      await transaction(async (trx) => {
        await trx
          .updateTable('federation_trusted_keys')
          .set({ retired_at: at })
          .where('subscription_id', '=', subscriptionId)
          .where('kid', '=', retires)
          .where('retired_at', 'is', null)
          .execute();
        await trx
          .insertInto('federation_trusted_keys')
          .values({
            subscription_id: subscriptionId,
            kid: key.kid,
            public_jwk: JSON.stringify(key.publicJwk),
            added_at: key.addedAt,
            retired_at: null,
          })
          .onConflict((oc) => oc.columns(['subscription_id', 'kid']).doNothing())
          .execute();
      });
    },

    async heldVersions(subscriptionId, remoteIds) {
      const held = new Map<string, number>();
      const unique = [...new Set(remoteIds)];
      for (let i = 0; i < unique.length; i += 200) {
        const rows = await db
          .selectFrom('remote_entries as r')
          .innerJoin('remote_versions as v', 'v.entry_id', 'r.id')
          .select(['r.remote_id'])
          .select(({ fn }) => fn.max('v.version').as('version'))
          .where('r.subscription_id', '=', subscriptionId)
          .where('r.remote_id', 'in', unique.slice(i, i + 200))
          .groupBy('r.remote_id')
          .execute();
        for (const r of rows) held.set(r.remote_id, Number(r.version));
      }
      return held;
    },

    async importPage(subscriptionId, cursor, imports, at, newId) {
      await transaction(async (trx) => {
        await trx
          .updateTable('federation_subscriptions')
          .set({
            cursor,
            status: 'ok',
            report_json: JSON.stringify({ kind: 'ok', imported: imports.length, keysFollowed: 0 }),
            last_sync_at: at,
          })
          .where('id', '=', subscriptionId)
          .execute();
        const remoteIds = [...new Set(imports.map((i) => i.entry.id))];
        const ids = new Map<string, string>();
        for (let i = 0; i < remoteIds.length; i += 200) {
          const rows = await trx
            .selectFrom('remote_entries')
            .select(['id', 'remote_id'])
            .where('subscription_id', '=', subscriptionId)
            .where('remote_id', 'in', remoteIds.slice(i, i + 200))
            .execute();
          for (const r of rows) ids.set(r.remote_id, r.id);
        }
        // The newest metadata of each entry in the page wins (entries come in feed order).
        const latest = new Map(imports.map((i) => [i.entry.id, i.entry]));
        for (const [remoteId, entry] of latest) {
          const values = {
            slug: entry.slug,
            title_json: JSON.stringify(entry.title),
            leika: entry.leika,
            topic: entry.topic,
            land: entry.land,
            description: entry.description,
            licence: entry.licence,
            contact: entry.contact,
            provider: entry.provider,
            search_text: searchText([
              entry.title.de,
              entry.title.en,
              entry.slug,
              entry.leika,
              entry.topic,
              entry.land,
              entry.provider,
            ]),
            offered_at: entry.offeredAt,
            updated_at: at,
          };
          const id = ids.get(remoteId);
          if (id) {
            await trx.updateTable('remote_entries').set(values).where('id', '=', id).execute();
          } else {
            const created = newId();
            ids.set(remoteId, created);
            await trx
              .insertInto('remote_entries')
              .values({ id: created, subscription_id: subscriptionId, remote_id: remoteId, ...values })
              .execute();
          }
        }
        for (const item of imports) {
          await trx
            .insertInto('remote_versions')
            .values({
              id: newId(),
              entry_id: ids.get(item.entry.id) as string,
              version: item.version,
              definition_json: item.definitionJson,
              content_hash: item.contentHash,
              published_at: item.publishedAt,
              received_at: at,
            })
            .execute();
        }
      });
    },

    async report(subscriptionId, report, at) {
      await write((w) =>
        w
          .updateTable('federation_subscriptions')
          .set({ status: report.kind, report_json: JSON.stringify(report), last_sync_at: at })
          .where('id', '=', subscriptionId)
          .execute(),
      );
    },

    async searchRemote(terms, limit) {
      let query = remoteEntries(db);
      for (const term of terms)
        query = query.where(sql<boolean>`r.search_text like ${`%${escapeLike(term)}%`} escape '\\'`);
      const rows = await query.orderBy('r.updated_at', 'desc').orderBy('r.id').limit(limit).execute();
      return rows.map(toRemoteEntry);
    },
  };
}

/** `%` and `_` in a search word are the characters themselves (SQLite and PostgreSQL: `\` escapes). */
function escapeLike(term: string): string {
  return term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
}

class KeyMovedOn extends Error {}
