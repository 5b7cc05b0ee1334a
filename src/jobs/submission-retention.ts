/**
 * Schedules the deletion run of applications (ADR 0039) and the sealing of audit events into each
 * tenant's hash chain (ADR 0040). Both are safe on several instances at once. The run's log line
 * carries counts only: no reference, no id, no personal data.
 */
import type { Logger } from 'pino';
import { sealAll } from '../core/audit-chain/seal.ts';
import type { Clock } from '../core/ports.ts';
import type { EraseDeps } from '../core/retention/erase-submission.ts';
import { type RetentionReport, runSubmissionRetention } from '../core/retention/retention-run.ts';

/** How often expired applications are looked for: deadlines are days, an hour's delay is nothing. */
export const SUBMISSION_RETENTION_INTERVAL_MS = 60 * 60 * 1000;
/** How often new audit events are sealed: the window in which an unsealed event could be altered unnoticed. */
export const AUDIT_SEAL_INTERVAL_MS = 5 * 60 * 1000;

/**
 * One deletion run, with the audit events it wrote sealed at once; logs what it did. `sealedAt`
 * stamps the checkpoints (the real time, when the run's clock is set to a date to try out).
 */
export async function runDeletion(
  deps: EraseDeps,
  logger: Logger,
  sealedAt: Clock = deps.clock,
): Promise<RetentionReport> {
  const report = await runSubmissionRetention(deps);
  const { submissions, files, deliveries } = report;
  if (submissions + files + deliveries > 0) {
    logger.info(
      { event: 'retention.submissions-deleted', submissions, files, deliveries },
      'expired applications deleted',
    );
  }
  for (const where of report.waitingForArchive) {
    logger.warn(
      { event: 'retention.waiting-for-archive', ...where },
      'applications are due for deletion but wait to be offered to the archive: set AMTSWEG_ARCHIVE_DIR',
    );
  }
  for (const where of report.invalidSettings) {
    logger.warn(
      { event: 'retention.setting-invalid', ...where },
      'the deletion deadlines of a service are invalid: nothing of it was deleted',
    );
  }
  await sealAll({ store: deps.store, clock: sealedAt });
  return report;
}

function every(intervalMs: number, run: () => Promise<unknown>, logger: Logger, what: string) {
  const guarded = () => run().catch((error: unknown) => logger.error({ err: error }, `${what} failed`));
  void guarded();
  const timer = setInterval(guarded, intervalMs);
  // A schedule must never keep the process alive on its own.
  timer.unref();
  return () => clearInterval(timer);
}

export function scheduleSubmissionRetention(
  deps: EraseDeps,
  logger: Logger,
  intervalMs = SUBMISSION_RETENTION_INTERVAL_MS,
) {
  return every(intervalMs, () => runDeletion(deps, logger), logger, 'deletion run');
}

export function scheduleAuditSealing(deps: EraseDeps, logger: Logger, intervalMs = AUDIT_SEAL_INTERVAL_MS) {
  return every(intervalMs, () => sealAll(deps), logger, 'audit sealing');
}
