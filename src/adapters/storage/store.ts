/**
 * The `Store` port on Kysely, identical on SQLite and PostgreSQL. Every query is scoped by tenant;
 * answers are encrypted with the tenant's data key before they reach the database.
 */
import type { Kysely } from 'kysely';
import type { BlobStore, Clock, Store } from '../../core/ports.ts';
import type { TenantCipher } from '../crypto/envelope.ts';
import type { DB, Dialect } from './dialect/schema.ts';
import { apiKeysRepository } from './repositories/api-keys.ts';
import { attachmentsRepository } from './repositories/attachments.ts';
import { auditRepository } from './repositories/audit.ts';
import { auditChainRepository } from './repositories/audit-chain.ts';
import { candidatesRepository } from './repositories/candidates.ts';
import { catalogRepository } from './repositories/catalog.ts';
import { catalogMergesRepository } from './repositories/catalog-merges.ts';
import { citizenApplicationsRepository } from './repositories/citizen-applications.ts';
import { citizenLoginsRepository } from './repositories/citizen-logins.ts';
import type { StoreContext } from './repositories/context.ts';
import { deliveriesRepository } from './repositories/deliveries.ts';
import { deliveryDigestsRepository } from './repositories/delivery-digests.ts';
import { draftsRepository } from './repositories/drafts.ts';
import { editorDraftsRepository } from './repositories/editor-drafts.ts';
import { federationRepository } from './repositories/federation.ts';
import { databaseBlobStore } from './repositories/file-blobs.ts';
import { identityAnswersRepository } from './repositories/identity-answers.ts';
import { leikaRepository } from './repositories/leika.ts';
import { loginAttemptsRepository } from './repositories/login-attempts.ts';
import { operationalSettingsRepository } from './repositories/operational-settings.ts';
import { pullRepository } from './repositories/pull.ts';
import { receiptsRepository, sealCertificatesRepository } from './repositories/receipts.ts';
import { retentionRepository } from './repositories/retention.ts';
import { secondFactorsRepository } from './repositories/second-factors.ts';
import { sentMailsRepository } from './repositories/sent-mails.ts';
import { servicesRepository } from './repositories/services.ts';
import { staffRepository } from './repositories/staff.ts';
import { staffSsoRepository } from './repositories/staff-sso.ts';
import { submissionsRepository } from './repositories/submissions.ts';
import { tenantsRepository } from './repositories/tenants.ts';
import { createGroupCommitter } from './write-path/group-commit.ts';
import type { SqliteWriter } from './write-path/sqlite-writer.ts';
import { ProgramFailed, runProgramIn } from './write-path/write-program.ts';

export interface StoreOptions {
  /** Source of `created_at` for rows whose port method takes no timestamp. Default: system time. */
  clock?: Clock;
  /** SQLite's writer thread (`Database.writer`); without it, write programs run in-process. */
  writer?: SqliteWriter | undefined;
  /** Where files' bytes live (ADR 0037). Default: the database's own `file_blobs`. */
  blobs?: BlobStore;
}

/** `close()` destroys `db`; the store owns the connection once created. */
export function createStore(
  db: Kysely<DB>,
  dialect: Dialect,
  cipher: TenantCipher,
  options: StoreOptions = {},
): Store {
  const grouped = dialect === 'sqlite' ? createGroupCommitter(db) : undefined;
  const transaction: StoreContext['transaction'] = grouped ?? ((work) => db.transaction().execute(work));
  const ctx: StoreContext = {
    db,
    dialect,
    cipher,
    clock: options.clock ?? { now: () => new Date() },
    transaction,
    write: grouped ?? ((work) => work(db)),
    runProgram: options.writer
      ? (program) => options.writer!.run(program)
      : (program) =>
          transaction((trx) => runProgramIn(trx, program)).catch((error: unknown) => {
            if (error instanceof ProgramFailed) return { kind: 'failed', at: error.at } as const;
            throw error;
          }),
  };
  return {
    tenants: tenantsRepository(ctx),
    services: servicesRepository(ctx),
    drafts: draftsRepository(ctx),
    submissions: submissionsRepository(ctx),
    staff: staffRepository(ctx),
    secondFactors: secondFactorsRepository(ctx),
    loginAttempts: loginAttemptsRepository(ctx),
    candidates: candidatesRepository(ctx),
    editorDrafts: editorDraftsRepository(ctx),
    catalog: catalogRepository(ctx),
    catalogMerges: catalogMergesRepository(ctx),
    attachments: attachmentsRepository(ctx, options.blobs ?? databaseBlobStore(ctx)),
    operationalSettings: operationalSettingsRepository(ctx),
    deliveries: deliveriesRepository(ctx),
    sentMails: sentMailsRepository(ctx),
    citizenApplications: citizenApplicationsRepository(ctx),
    citizenLogins: citizenLoginsRepository(ctx),
    staffSso: staffSsoRepository(ctx),
    identityAnswers: identityAnswersRepository(ctx),
    apiKeys: apiKeysRepository(ctx),
    pull: pullRepository(ctx),
    deliveryDigests: deliveryDigestsRepository(ctx),
    receipts: receiptsRepository(ctx),
    sealCertificates: sealCertificatesRepository(ctx),
    audit: auditRepository(ctx),
    auditChain: auditChainRepository(ctx),
    retention: retentionRepository(ctx),
    leika: leikaRepository(ctx),
    federation: federationRepository(ctx),
    close: () => db.destroy(),
  };
}
