/**
 * A service can be taken offline and brought back (`services.withdrawn_at`): withdrawn from the
 * citizen catalogue, old links lead to a notice page, nothing is deleted. An uploaded candidate
 * remembers which published version was live when it was uploaded (`based_on_version_id`), so the
 * Service-Design area can say what it was started from and notice when another version was
 * published in between. Plain text, not a foreign key: deleting a service without submissions
 * removes its versions, and a candidate's note of where it came from must not stop that.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the current schema type
type AnyDB = Kysely<any>;

export async function up(db: AnyDB): Promise<void> {
  await db.schema.alterTable('services').addColumn('withdrawn_at', 'text').execute();
  await db.schema.alterTable('service_candidates').addColumn('based_on_version_id', 'text').execute();
}

export async function down(db: AnyDB): Promise<void> {
  await db.schema.alterTable('service_candidates').dropColumn('based_on_version_id').execute();
  await db.schema.alterTable('services').dropColumn('withdrawn_at').execute();
}
