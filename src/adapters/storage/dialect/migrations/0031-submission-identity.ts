/**
 * The applicant's identity recorded with the submission (ADR 0048).
 *
 * `identity_level`, `identity_provider`, `identity_logged_in_at`: the Vertrauensniveau, the
 * identity provider's id and when the applicant logged in, for a submission sent while logged in
 * (null otherwise). They name no person, so they are plain columns the inbox can show without
 * decrypting anything.
 *
 * `identity_enc`: the provider's pseudonymous subject and, for a Schriftformersatz service, the
 * attributes the provider vouched for (name, birth date, address), as ciphertext under the
 * tenant's data key bound to the submission's row. Null without a login.
 *
 * `schriftformersatz`: 1 when the service declared that the application replaces a written form
 * (§ 3a VwVfG, § 9a OZG), 0 otherwise; recorded with the submission so the inbox, the receipt and
 * the delivery say it without reading the service definition.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the current schema type
type AnyDB = Kysely<any>;

export async function up(db: AnyDB): Promise<void> {
  await db.schema.alterTable('submissions').addColumn('identity_level', 'text').execute();
  await db.schema.alterTable('submissions').addColumn('identity_provider', 'text').execute();
  await db.schema.alterTable('submissions').addColumn('identity_logged_in_at', 'text').execute();
  await db.schema.alterTable('submissions').addColumn('identity_enc', 'text').execute();
  await db.schema
    .alterTable('submissions')
    .addColumn('schriftformersatz', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: AnyDB): Promise<void> {
  await db.schema.alterTable('submissions').dropColumn('schriftformersatz').execute();
  await db.schema.alterTable('submissions').dropColumn('identity_enc').execute();
  await db.schema.alterTable('submissions').dropColumn('identity_logged_in_at').execute();
  await db.schema.alterTable('submissions').dropColumn('identity_provider').execute();
  await db.schema.alterTable('submissions').dropColumn('identity_level').execute();
}
