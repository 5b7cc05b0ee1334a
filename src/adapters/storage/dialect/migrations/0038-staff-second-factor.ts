/**
 * A second factor for staff logins (ADR 0055): TOTP (RFC 6238) and recovery codes.
 *
 * `staff_second_factors`: one row per account that began or finished enrolment. `secret_enc` is the
 * TOTP secret, encrypted under the municipality's data key and bound to the account
 * (`placeAad(tenant, 'staff_second_factors', account)`). `enrolled_at` is null until the account
 * holder confirmed the secret with a code; only then does the login ask for it. `last_step` is the
 * last accepted time step: a code counts only for a later step, so a code seen once (shoulder,
 * log, proxy) cannot be used again, on any instance, because the check is one conditional update.
 *
 * `staff_recovery_codes`: the single-use codes, as SHA-256 hashes (they carry 80 random bits);
 * `used_at` is set when one is used.
 *
 * `staff_sessions.second_factor`: `code` or `enrol` while a session has passed the password but not
 * yet the second factor (such a session opens no staff page); null for a complete session. Sessions
 * of admins and designers that exist now end, so they enrol at their next login.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the current schema type
type AnyDB = Kysely<any>;

export async function up(db: AnyDB): Promise<void> {
  await db.schema
    .createTable('staff_second_factors')
    .addColumn('account_id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('secret_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('enrolled_at', 'text')
    .addColumn('last_step', 'integer')
    .execute();
  await db.schema
    .createIndex('staff_second_factors_tenant_idx')
    .on('staff_second_factors')
    .columns(['tenant_id', 'account_id'])
    .execute();

  await db.schema
    .createTable('staff_recovery_codes')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addPrimaryKeyConstraint('staff_recovery_codes_pkey', ['account_id', 'code_hash'])
    .execute();

  await db.schema.alterTable('staff_sessions').addColumn('second_factor', 'text').execute();
  await sql`delete from staff_sessions where account_id in (
    select id from staff_accounts where roles like '%admin%' or roles like '%designer%')`.execute(db);
}

export async function down(db: AnyDB): Promise<void> {
  await db.schema.alterTable('staff_sessions').dropColumn('second_factor').execute();
  await db.schema.dropTable('staff_recovery_codes').execute();
  await db.schema.dropTable('staff_second_factors').execute();
}
