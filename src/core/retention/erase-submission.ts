/**
 * Deleting one application for good (ADR 0039), for the retention run and for an early deletion
 * alike: offered to the archive first when the service's setting asks for it, then deleted with
 * everything that names it in one transaction. The audit event it leaves names the service, the
 * cause and the month it was submitted, never the application, its reference or anyone's data.
 */
import type { AuditEvent, Tenant } from '../domain.ts';
import type { OperationalSettings } from '../operational-settings.ts';
import type { Archive, Clock, Store, SubmissionDocuments } from '../ports.ts';
import { buildArchivePackage } from './archive-package.ts';

export interface EraseDeps {
  store: Store;
  clock: Clock;
  settings: OperationalSettings;
  /** The sealed receipt, issued if nobody has yet (ADR 0032). */
  documents: SubmissionDocuments;
  /** Undefined when the installation has no archive directory. */
  archive: Archive | undefined;
}

/** Why an application is deleted: its deadline passed, or someone deleted it early with a reason. */
export type ErasureCause =
  | { kind: 'retention' }
  | { kind: 'early'; reason: EarlyErasureReason; actor: { type: 'staff'; accountId: string } };

/** The reasons an early deletion may give: chosen, never typed, so no personal data reaches the audit. */
export const EARLY_ERASURE_REASONS = [
  'data-subject-request',
  'submitted-in-error',
  'duplicate',
  'purpose-fulfilled',
] as const;
export type EarlyErasureReason = (typeof EARLY_ERASURE_REASONS)[number];

export function isEarlyErasureReason(value: unknown): value is EarlyErasureReason {
  return (EARLY_ERASURE_REASONS as readonly unknown[]).includes(value);
}

export type EraseOutcome = 'deleted' | 'gone' | 'archive-missing';

export async function eraseSubmission(
  deps: EraseDeps,
  tenant: Tenant,
  submissionId: string,
  cause: ErasureCause,
): Promise<EraseOutcome> {
  const { store, clock, settings } = deps;
  const submission = await store.submissions.byId(tenant.id, submissionId);
  if (!submission) return 'gone';
  const { archive: toArchive } = await settings.effective(
    tenant.id,
    submission.serviceId,
    'submissions.retention',
  );
  if (toArchive) {
    if (!deps.archive) return 'archive-missing';
    const receipt = (await deps.documents.forSubmission(tenant.id, submissionId))[0]?.content;
    const metas = await store.attachments.ofSubmission(tenant.id, submissionId);
    const attachments = [];
    for (const meta of metas) {
      const file = await store.attachments.contentOfSubmission(tenant.id, submissionId, meta.id);
      if (file) attachments.push(file);
    }
    await deps.archive.offer(
      buildArchivePackage({ tenant, submission, receipt, attachments, createdAt: clock.now().toISOString() }),
    );
  }
  const audit: AuditEvent = {
    tenantId: tenant.id,
    actorType: cause.kind === 'early' ? 'staff' : 'system',
    actorId: cause.kind === 'early' ? cause.actor.accountId : null,
    action: 'submission.deleted',
    subjectType: 'service',
    subjectId: submission.serviceId,
    details: {
      cause: cause.kind,
      ...(cause.kind === 'early' ? { reason: cause.reason } : {}),
      submittedMonth: submission.submittedAt.slice(0, 7),
      archived: toArchive,
    },
  };
  const deleted = await store.retention.eraseSubmission(
    tenant.id,
    submissionId,
    audit,
    clock.now().toISOString(),
  );
  return deleted ? 'deleted' : 'gone';
}
