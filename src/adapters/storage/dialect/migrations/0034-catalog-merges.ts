/**
 * Merging a copy's upstream improvements (ADR 0044, 0045; designer guide "Verbesserungen
 * übernehmen").
 *
 * - `catalog_merges`: the merge a copy has under way, one per service of a municipality. It keeps
 *   what the three-way merge needs to be run again with the designer's decisions: the origin's
 *   base and new version (`base_version_id`, `theirs_version_id`), the copy's own definition as it
 *   was before merging (`ours_json`, a draft or the live version), the decisions so far
 *   (`resolutions_json`), the editor draft that holds the result and the draft version the merge
 *   last wrote (`draft_version`: a draft saved since is a change the merge must not overwrite).
 *   `candidate_id` is the upload the draft was last handed over as: publishing it moves the base.
 * - `service_versions.upstream_version_id`: for a copy's versions, the origin's version each one
 *   was copied from or last merged with, so provenance stays visible on every version.
 * Ids of other tables are plain text, as in migration 0029.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the current schema type
type AnyDB = Kysely<any>;

export async function up(db: AnyDB): Promise<void> {
  await db.schema
    .createTable('catalog_merges')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('draft_id', 'text', (c) => c.notNull())
    .addColumn('entry_id', 'text', (c) => c.notNull())
    .addColumn('base_version_id', 'text', (c) => c.notNull())
    .addColumn('theirs_version_id', 'text', (c) => c.notNull())
    .addColumn('ours_json', 'text', (c) => c.notNull())
    .addColumn('resolutions_json', 'text', (c) => c.notNull())
    .addColumn('draft_version', 'integer', (c) => c.notNull())
    .addColumn('candidate_id', 'text')
    .addColumn('merged_by', 'text', (c) => c.notNull())
    .addColumn('merged_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('catalog_merges_pk', ['tenant_id', 'slug'])
    .execute();
  await db.schema.alterTable('service_versions').addColumn('upstream_version_id', 'text').execute();
}

export async function down(db: AnyDB): Promise<void> {
  await db.schema.alterTable('service_versions').dropColumn('upstream_version_id').execute();
  await db.schema.dropTable('catalog_merges').execute();
}
