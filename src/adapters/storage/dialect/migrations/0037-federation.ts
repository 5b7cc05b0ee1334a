/**
 * Federation (ADR 0054): one network across several installations, with signed catalog feeds.
 *
 * - `federation_keys`: this installation's Ed25519 key pairs. The private key is wrapped under the
 *   master key like a tenant's data key (`w2…`, `adapters/crypto/key-wrapping.ts`), the public key
 *   is a JWK; `kid` is its RFC 7638 thumbprint. The newest key without `retired_at` signs; a
 *   rotated key keeps its row with `retired_at` and the new one its `rotation_jws` (the new key,
 *   signed by the one it replaces), which the instance description publishes.
 * - `federation_feed`: what the catalog feed serves, in a stable order (`seq`, counted up as
 *   shared versions are added): one package per published version of an offered service, built
 *   once, so that its content hash never changes. Signed when served.
 * - `federation_subscriptions`: the feeds this installation follows, with the cursor reached and
 *   the last synchronisation's outcome (`status`, `report_json`: what was refused and why).
 * - `federation_trusted_keys`: per subscription, the keys trusted: the pinned one and those it
 *   rotated to, with when each was retired.
 * - `remote_entries` and `remote_versions`: the services other installations publish, as
 *   received; read through the network catalog next to the installation's own entries.
 * Ids of other tables are plain text (as in migration 0029).
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the current schema type
type AnyDB = Kysely<any>;

export async function up(db: AnyDB): Promise<void> {
  await db.schema
    .createTable('federation_keys')
    .addColumn('kid', 'text', (c) => c.primaryKey())
    .addColumn('public_jwk', 'text', (c) => c.notNull())
    .addColumn('wrapped_private_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('retired_at', 'text')
    .addColumn('rotation_jws', 'text')
    .execute();

  await db.schema
    .createTable('federation_feed')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('version_id', 'text', (c) => c.notNull().unique())
    .addColumn('entry_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('package_json', 'text', (c) => c.notNull())
    .addColumn('entry_json', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('federation_subscriptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('feed_url', 'text', (c) => c.notNull().unique())
    .addColumn('instance_url', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('operator', 'text', (c) => c.notNull())
    .addColumn('cursor', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('report_json', 'text')
    .addColumn('last_sync_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('federation_trusted_keys')
    .addColumn('subscription_id', 'text', (c) => c.notNull())
    .addColumn('kid', 'text', (c) => c.notNull())
    .addColumn('public_jwk', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('retired_at', 'text')
    .addPrimaryKeyConstraint('federation_trusted_keys_pk', ['subscription_id', 'kid'])
    .execute();

  await db.schema
    .createTable('remote_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subscription_id', 'text', (c) => c.notNull())
    .addColumn('remote_id', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('title_json', 'text', (c) => c.notNull())
    .addColumn('leika', 'text')
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('land', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('licence', 'text', (c) => c.notNull())
    .addColumn('contact', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('offered_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('remote_entries_remote_uq', ['subscription_id', 'remote_id'])
    .execute();

  await db.schema
    .createTable('remote_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entry_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('definition_json', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('remote_versions_version_uq', ['entry_id', 'version'])
    .execute();
}

export async function down(db: AnyDB): Promise<void> {
  for (const table of [
    'remote_versions',
    'remote_entries',
    'federation_trusted_keys',
    'federation_subscriptions',
    'federation_feed',
    'federation_keys',
  ])
    await db.schema.dropTable(table).execute();
}
