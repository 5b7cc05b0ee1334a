/**
 * Deleting one application before its deadline (right to erasure, Art. 17 DSGVO; ADR 0039). The
 * admin role always may, the caseworker role where the municipality allows it (setting
 * `submissions.earlyDeletion`). Admins do not see applications, so they find one by its reference
 * number; the confirmation shows only what identifies the case, not its data.
 */
import type { StaffSession, SubmissionSummary } from '../domain.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import { hasRole } from '../roles.ts';
import {
  type EarlyErasureReason,
  type EraseDeps,
  type EraseOutcome,
  eraseSubmission,
} from './erase-submission.ts';

export class EarlyErasure {
  readonly #deps: EraseDeps;

  constructor(deps: EraseDeps) {
    this.#deps = deps;
  }

  /** Whether this account may delete applications early. */
  async allowed(session: StaffSession): Promise<boolean> {
    if (hasRole(session, 'admin')) return true;
    if (!hasRole(session, 'caseworker')) return false;
    const { caseworkers } = await this.#deps.settings.effective(
      session.tenantId,
      null,
      'submissions.earlyDeletion',
    );
    return caseworkers;
  }

  /** The application with this reference number; undefined when the municipality has none. */
  async findByReference(session: StaffSession, reference: string): Promise<SubmissionSummary | undefined> {
    await this.#require(session);
    const id = await this.#deps.store.retention.idByReference(
      session.tenantId,
      reference.trim().toUpperCase(),
    );
    return id === undefined ? undefined : this.#deps.store.submissions.summaryById(session.tenantId, id);
  }

  /** The application as the confirmation shows it; NotFoundError for another municipality's id. */
  async summary(session: StaffSession, submissionId: string): Promise<SubmissionSummary> {
    await this.#require(session);
    const summary = await this.#deps.store.submissions.summaryById(session.tenantId, submissionId);
    if (!summary) throw new NotFoundError('submission');
    return summary;
  }

  async erase(
    session: StaffSession,
    submissionId: string,
    reason: EarlyErasureReason,
  ): Promise<EraseOutcome> {
    // Another municipality's id (or one already deleted) is not found, as everywhere.
    await this.summary(session, submissionId);
    const tenant = await this.#deps.store.tenants.byId(session.tenantId);
    if (!tenant) throw new NotFoundError('tenant');
    return eraseSubmission(this.#deps, tenant, submissionId, {
      kind: 'early',
      reason,
      actor: { type: 'staff', accountId: session.accountId },
    });
  }

  /** Throws ForbiddenError unless this account may delete applications early. */
  async require(session: StaffSession): Promise<void> {
    await this.#require(session);
  }

  async #require(session: StaffSession): Promise<void> {
    if (!(await this.allowed(session))) {
      throw new ForbiddenError('this account may not delete applications before their deadline');
    }
  }
}
