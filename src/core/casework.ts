import type { Locale, LocalizedText } from '../definition/types.ts';
import { summarizeComputed } from '../engine/computed-summary.ts';
import type { SummaryRow, SummarySection } from '../engine/model.ts';
import { type DescribedMark, describeMarks } from '../engine/prefill.ts';
import type {
  AttachmentMeta,
  ServiceVersion,
  StaffSession,
  Submission,
  SubmissionStatus,
  SubmissionSummary,
} from './domain.ts';
import { ConflictError, NotFoundError } from './errors.ts';
import type { ModelCache } from './model-cache.ts';
import type { Clock, InboxQuery, Page, Store } from './ports.ts';
import { submissionDataHash } from './receipt-content.ts';
import { requireRole } from './roles.ts';
import { canTransition } from './status.ts';

export interface CaseworkDeps {
  store: Store;
  clock: Clock;
  models: ModelCache;
}

export interface OpenedSubmission {
  submission: Submission;
  sections: SummarySection[];
  /** The labelled computed values stored with the answers, shown apart from them. */
  computed: SummaryRow[];
  /** The uploaded files, oldest first (ADR 0018). */
  attachments: AttachmentMeta[];
  /** What the fee of the submission's version is called ("Hundesteuer pro Jahr …"), if it has one. */
  feeLabel?: LocalizedText;
  /** The SHA-256 of the answers as stored, as the receipt states it (`submissionDataHash`). */
  dataHash: string;
  /** The fields prefilled from the citizen's identity, kept or changed (ADR 0049). */
  prefill: DescribedMark[];
}

/**
 * The caseworker's use cases. Every call is scoped to the tenant of the staff session: another
 * tenant's ids simply do not exist here. Every call needs the `caseworker` role: a designer-only
 * account reads no submission (least privilege, ADR 0016).
 */
export class Casework {
  readonly #deps: CaseworkDeps;

  constructor(deps: CaseworkDeps) {
    this.#deps = deps;
  }

  async inbox(session: StaffSession, query: InboxQuery): Promise<Page<SubmissionSummary>> {
    requireRole(session, 'caseworker');
    return this.#deps.store.submissions.inbox(session.tenantId, query);
  }

  async services(session: StaffSession): Promise<ServiceVersion[]> {
    requireRole(session, 'caseworker');
    return this.#deps.store.services.listLatest(session.tenantId);
  }

  /** Reads a submission with every answer labelled; the read is recorded in the audit log. */
  async open(session: StaffSession, id: string, locale: Locale): Promise<OpenedSubmission> {
    requireRole(session, 'caseworker');
    const { store, models, clock } = this.#deps;
    const submission = await store.submissions.byId(session.tenantId, id);
    if (!submission) throw new NotFoundError('submission');
    await store.audit.record(
      {
        tenantId: session.tenantId,
        actorType: 'staff',
        actorId: session.accountId,
        action: 'submission.viewed',
        subjectType: 'submission',
        subjectId: submission.id,
      },
      clock.now().toISOString(),
    );
    const version = await store.services.versionById(session.tenantId, submission.serviceVersionId);
    if (!version) throw new NotFoundError('service version');
    const model = models.get(version.id, version.definition);
    const attachments = await store.attachments.ofSubmission(session.tenantId, submission.id);
    const marks = await store.citizenApplications.prefillMarks(session.tenantId, submission.id);
    return {
      submission,
      sections: model.summary(submission.answers, locale),
      computed: summarizeComputed(version.definition, submission.answers, locale),
      attachments,
      prefill: describeMarks(version.definition, marks, locale),
      ...(version.definition.local.fee && { feeLabel: version.definition.local.fee.label }),
      dataHash: submissionDataHash(submission.answers),
    };
  }

  /**
   * One uploaded file of a submission, decrypted, for download. Another tenant's ids do not exist
   * here (NotFound). Every download is written to the audit log, like every read of personal data.
   */
  async attachment(
    session: StaffSession,
    submissionId: string,
    attachmentId: string,
  ): Promise<{ meta: AttachmentMeta; content: Uint8Array }> {
    requireRole(session, 'caseworker');
    const { store, clock } = this.#deps;
    const found = await store.attachments.contentOfSubmission(session.tenantId, submissionId, attachmentId);
    if (!found) throw new NotFoundError('attachment');
    await store.audit.record(
      {
        tenantId: session.tenantId,
        actorType: 'staff',
        actorId: session.accountId,
        action: 'attachment.downloaded',
        subjectType: 'submission',
        subjectId: submissionId,
        details: { attachment: attachmentId },
      },
      clock.now().toISOString(),
    );
    return found;
  }

  /**
   * Moves a submission to another status. `from` is the status the caseworker saw, so two
   * caseworkers acting at once cannot silently overwrite each other.
   */
  async changeStatus(
    session: StaffSession,
    id: string,
    from: SubmissionStatus,
    to: SubmissionStatus,
  ): Promise<void> {
    requireRole(session, 'caseworker');
    const { store, clock } = this.#deps;
    const current = await store.submissions.summaryById(session.tenantId, id);
    if (!current) throw new NotFoundError('submission');
    if (current.status !== from || !canTransition(from, to)) {
      throw new ConflictError('ERR_STATUS_CONFLICT', `cannot change status from ${current.status} to ${to}`);
    }
    const now = clock.now().toISOString();
    const changed = await store.submissions.changeStatus(session.tenantId, id, from, to, now, {
      tenantId: session.tenantId,
      actorType: 'staff',
      actorId: session.accountId,
      action: 'submission.status_changed',
      subjectType: 'submission',
      subjectId: id,
      details: { from, to },
    });
    if (!changed) throw new ConflictError('ERR_STATUS_CONFLICT', 'the status was changed by someone else');
  }

  /** The audit events of a submission, with the display names of the staff who acted. */
  async history(session: StaffSession, id: string) {
    requireRole(session, 'caseworker');
    const events = await this.#deps.store.audit.list(session.tenantId, id);
    const staffIds = [
      ...new Set(events.flatMap((e) => (e.actorType === 'staff' && e.actorId ? [e.actorId] : []))),
    ];
    const names = await this.#deps.store.staff.displayNames(session.tenantId, staffIds);
    return events.map((e) => ({ ...e, actorName: e.actorId ? names.get(e.actorId) : undefined }));
  }
}
