/**
 * The deletion run (ADR 0039): for every municipality and service, the deadlines of the setting
 * `submissions.retention` applied at the clock's now. Delivered outbox items and the files of
 * closed applications go when their own deadline passed; closed applications go one by one, each
 * in its own transaction, so a run that dies in the middle leaves every application either whole
 * or gone, and the next run carries on. Safe to run on several instances at once.
 */

import type { AuditEvent } from '../domain.ts';
import { SettingError } from '../errors.ts';
import { type EraseDeps, eraseSubmission } from './erase-submission.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Applications looked up at a time. */
const BATCH = 100;

export interface RetentionReport {
  submissions: number;
  files: number;
  deliveries: number;
  /** Services whose applications are due but wait for an archive directory (setting `archive`). */
  waitingForArchive: Array<{ tenantId: string; serviceId: string }>;
  /** Services whose stored setting no longer passes its checks: nothing of them was deleted. */
  invalidSettings: Array<{ tenantId: string; serviceId: string }>;
}

export async function runSubmissionRetention(deps: EraseDeps): Promise<RetentionReport> {
  const { store, clock, settings } = deps;
  const report: RetentionReport = {
    submissions: 0,
    files: 0,
    deliveries: 0,
    waitingForArchive: [],
    invalidSettings: [],
  };
  const nowMs = clock.now().getTime();
  const before = (days: number) => new Date(nowMs - days * DAY_MS).toISOString();
  for (const tenant of await store.tenants.list()) {
    for (const service of await store.services.listLatestIncludingWithdrawn(tenant.id)) {
      const where = { tenantId: tenant.id, serviceId: service.serviceId };
      let options: Awaited<ReturnType<typeof settings.effective<'submissions.retention'>>>;
      try {
        options = await settings.effective(tenant.id, service.serviceId, 'submissions.retention');
      } catch (error) {
        if (!(error instanceof SettingError)) throw error;
        report.invalidSettings.push(where);
        continue;
      }
      const at = clock.now().toISOString();
      const summary = (action: string, count: number): AuditEvent => ({
        tenantId: tenant.id,
        actorType: 'system',
        actorId: null,
        action,
        subjectType: 'service',
        subjectId: service.serviceId,
        details: { count },
      });
      const deliveries = await store.retention.deleteDeliveredOutbox(
        tenant.id,
        service.serviceId,
        before(options.deliveredDays),
      );
      if (deliveries > 0) await store.audit.record(summary('retention.deliveries-deleted', deliveries), at);
      report.deliveries += deliveries;
      if (options.filesDays < options.days) {
        const files = await store.retention.deleteFilesOfClosed(
          tenant.id,
          service.serviceId,
          before(options.filesDays),
        );
        if (files > 0) await store.audit.record(summary('retention.files-deleted', files), at);
        report.files += files;
      }
      report.submissions += await eraseDue(deps, tenant, service.serviceId, before(options.days), report);
    }
  }
  if (report.submissions + report.files + report.deliveries > 0) await store.retention.reclaimSpace();
  return report;
}

async function eraseDue(
  deps: EraseDeps,
  tenant: Parameters<typeof eraseSubmission>[1],
  serviceId: string,
  closedBefore: string,
  report: RetentionReport,
): Promise<number> {
  let erased = 0;
  for (;;) {
    const ids = await deps.store.retention.closedBefore(tenant.id, serviceId, closedBefore, BATCH);
    for (const id of ids) {
      const outcome = await eraseSubmission(deps, tenant, id, { kind: 'retention' });
      if (outcome === 'archive-missing') {
        report.waitingForArchive.push({ tenantId: tenant.id, serviceId });
        return erased;
      }
      if (outcome === 'deleted') erased += 1;
    }
    if (ids.length < BATCH) return erased;
  }
}
