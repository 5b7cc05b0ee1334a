import type { Logger } from 'pino';
import { UNPUBLISHED_CANDIDATE_DAYS } from '../core/design.ts';
import type { Clock, Store } from '../core/ports.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** How often expired drafts and staff sessions are deleted. */
export const RETENTION_INTERVAL_MS = 60 * 60 * 1000;

/** Deletes what has passed its deletion deadline (Löschfrist). Safe to run on several instances. */
export async function runRetention(store: Store, clock: Clock, logger: Logger): Promise<void> {
  const at = clock.now();
  const now = at.toISOString();
  const drafts = await store.drafts.deleteExpired(now);
  const sessions = await store.staff.deleteExpiredSessions(now);
  const candidates = await store.candidates.deleteUnpublished(
    new Date(at.getTime() - UNPUBLISHED_CANDIDATE_DAYS * DAY_MS).toISOString(),
    now,
  );
  if (drafts > 0 || sessions > 0 || candidates > 0) {
    logger.info(
      { event: 'retention.deleted', drafts, staffSessions: sessions, candidates },
      'expired data deleted',
    );
  }
}

/** Runs retention now and then every interval; returns a function that stops the schedule. */
export function scheduleRetention(
  store: Store,
  clock: Clock,
  logger: Logger,
  intervalMs = RETENTION_INTERVAL_MS,
) {
  const run = () =>
    runRetention(store, clock, logger).catch((error: unknown) =>
      logger.error({ err: error }, 'retention failed'),
    );
  void run();
  const timer = setInterval(run, intervalMs);
  // The schedule must never keep the process alive on its own.
  timer.unref();
  return () => clearInterval(timer);
}
