import type { Logger } from 'pino';
import type { Federation } from '../core/federation/subscriptions.ts';

/**
 * Synchronises every subscribed feed (ADR 0054) every `minutes`, the first time one interval after
 * the start. Several instances may run it at once: a version already held is refused as a replay
 * only if it came from the feed again, and the cursor moves in the same transaction as the import,
 * so the worst case is a refusal report that the next run replaces.
 */
export function scheduleFederationSync(federation: Federation, logger: Logger, minutes: number): () => void {
  if (minutes <= 0) return () => {};
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      for (const { id, report } of await federation.syncAll()) {
        const level = report.kind === 'ok' ? 'info' : 'warn';
        logger[level]({ event: 'federation.synced', subscription: id, outcome: report }, 'feed synchronised');
      }
    } catch (error) {
      logger.error({ err: error }, 'federation sync failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void run(), minutes * 60_000);
  // The schedule must never keep the process alive on its own.
  timer.unref();
  return () => clearInterval(timer);
}
