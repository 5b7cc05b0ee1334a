import type { Logger } from 'pino';
import { UNPUBLISHED_CANDIDATE_DAYS } from '../core/design.ts';
import { THROTTLE_POLICIES } from '../core/login-throttle.ts';
import type { Clock, Store } from '../core/ports.ts';
import { STAFF_IDLE_TIMEOUT_MS } from '../core/staff-auth.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How long the built-in mail sink keeps a mail (an installation without a mail server; ADR 0034).
 * The mails are copies: the application stays in the inbox under its own deadline.
 */
export const SENT_MAIL_DAYS = 30;

/** How often expired drafts, staff sessions, old failed-login counts and stale uploads are deleted. */
export const RETENTION_INTERVAL_MS = 60 * 60 * 1000;

/** Deletes what has passed its deletion deadline (Löschfrist). Safe to run on several instances. */
export async function runRetention(store: Store, clock: Clock, logger: Logger): Promise<void> {
  const nowMs = clock.now().getTime();
  const ago = (ms: number) => new Date(nowMs - ms).toISOString();
  const now = ago(0);
  const drafts = await store.drafts.deleteExpired(now);
  const sessions = await store.staff.deleteExpiredSessions(now, ago(STAFF_IDLE_TIMEOUT_MS));
  const candidates = await store.candidates.deleteUnpublished(ago(UNPUBLISHED_CANDIDATE_DAYS * DAY_MS), now);
  const sentMails = await store.sentMails.deleteSentBefore(ago(SENT_MAIL_DAYS * DAY_MS));
  let loginAttempts = 0;
  for (const [kind, policy] of Object.entries(THROTTLE_POLICIES)) {
    loginAttempts += await store.loginAttempts.deleteStale(
      kind as keyof typeof THROTTLE_POLICIES,
      ago(policy.keepMs),
    );
  }
  if (drafts > 0 || sessions > 0 || candidates > 0 || loginAttempts > 0 || sentMails > 0) {
    logger.info(
      { event: 'retention.deleted', drafts, staffSessions: sessions, candidates, loginAttempts, sentMails },
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
