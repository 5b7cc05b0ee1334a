/**
 * Disabling staff accounts: `staff_accounts.disabled_at` is set when an operator disables an
 * account (someone left or changed jobs). A disabled account cannot log in and has no sessions;
 * the row stays, because audit events name it.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the current schema type
type AnyDB = Kysely<any>;

export async function up(db: AnyDB): Promise<void> {
  await db.schema.alterTable('staff_accounts').addColumn('disabled_at', 'text').execute();
}

export async function down(db: AnyDB): Promise<void> {
  await db.schema.alterTable('staff_accounts').dropColumn('disabled_at').execute();
}
