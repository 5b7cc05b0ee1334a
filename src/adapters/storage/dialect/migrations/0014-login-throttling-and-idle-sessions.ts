/**
 * Staff login hardening (ADR 0028).
 *
 * `login_attempts` counts failed staff logins per typed username (`kind` `account`) and per client
 * address (`kind` `client`), in the database so that the limits hold across app instances. `key`
 * is a keyed pseudonym (HMAC) of the username or address, never the text itself: a password typed
 * into the username field, or a client's address, is not stored. `failures` is the current run
 * (it decides delays and locks and is forgotten after a quiet period); `since_success` counts the
 * failures since the last successful login, and `locked_at` the start of the last lock, both for
 * telling the account holder at the next login.
 *
 * `staff_sessions.last_seen_at` is when the session was last used, for the idle timeout. Existing
 * sessions start from their creation time.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the current schema type
type AnyDB = Kysely<any>;

export async function up(db: AnyDB): Promise<void> {
  await db.schema
    .createTable('login_attempts')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('since_success', 'integer', (c) => c.notNull())
    .addColumn('last_failure_at', 'text', (c) => c.notNull())
    .addColumn('locked_at', 'text')
    .addPrimaryKeyConstraint('login_attempts_pkey', ['kind', 'key'])
    .execute();
  await db.schema
    .createIndex('login_attempts_last_failure_idx')
    .on('login_attempts')
    .columns(['kind', 'last_failure_at'])
    .execute();

  await db.schema.alterTable('staff_sessions').addColumn('last_seen_at', 'text').execute();
  await sql`update staff_sessions set last_seen_at = created_at`.execute(db);
}

export async function down(db: AnyDB): Promise<void> {
  await db.schema.alterTable('staff_sessions').dropColumn('last_seen_at').execute();
  await db.schema.dropTable('login_attempts').execute();
}
