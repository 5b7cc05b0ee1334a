/**
 * The delivery worker (ADR 0034): claims due outbox items, delivers them, records the outcomes, and
 * when nothing is due waits a moment before looking again. Runs inside `amtsweg serve` (unless
 * turned off) and alone as `amtsweg worker`; any number of them may run against one database,
 * because claims are leased (`store.deliveries.claim`). `wake()` lets a submit in the same process
 * start the next round at once instead of after the poll interval. Once a minute it also sends
 * the day's e-mail about delivery problems where one is due (ADR 0041).
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Deliveries } from '../core/delivery/deliveries.ts';
import type { DeliveryDigestJob } from '../core/delivery/digest.ts';

/** How long an idle worker waits before looking for due items again. */
export const DEFAULT_POLL_MS = 1000;
/** How often the worker looks whether today's digest of delivery problems is due (ADR 0041). */
export const DIGEST_CHECK_MS = 60_000;

export interface DeliveryWorker {
  /** Looks for due items now (after a submit in this process). */
  wake(): void;
  /** Finishes the round in progress and stops. */
  stop(): Promise<void>;
  readonly owner: string;
}

export function startDeliveryWorker(
  deliveries: Pick<Deliveries, 'runOnce'>,
  logger: Logger,
  options: {
    pollMs?: number;
    owner?: string;
    /** The daily e-mail about delivery problems, sent by whichever worker claims the day first. */
    digest?: Pick<DeliveryDigestJob, 'runDue'>;
    digestCheckMs?: number;
  } = {},
): DeliveryWorker {
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  // Unique per worker: leases name their owner, so a lease taken over is never finished twice.
  const owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  let running = true;
  let timer: NodeJS.Timeout | undefined;
  let wakeUp: (() => void) | undefined;

  const pause = () =>
    new Promise<void>((resolve) => {
      wakeUp = resolve;
      timer = setTimeout(resolve, pollMs);
      // Waiting must never keep the process alive on its own.
      timer.unref();
    }).finally(() => {
      wakeUp = undefined;
      clearTimeout(timer);
    });

  let digestCheckedAt = Number.NEGATIVE_INFINITY;
  const digestCheckMs = options.digestCheckMs ?? DIGEST_CHECK_MS;
  const loop = (async () => {
    while (running) {
      if (options.digest && Date.now() - digestCheckedAt >= digestCheckMs) {
        digestCheckedAt = Date.now();
        try {
          const sent = await options.digest.runDue();
          if (sent > 0) logger.info({ event: 'delivery.digest-sent', count: sent }, 'delivery digests sent');
        } catch (error) {
          logger.error({ err: error, event: 'delivery.digest-failed' }, 'delivery digest failed');
        }
      }
      let claimed = 0;
      try {
        claimed = await deliveries.runOnce(owner);
      } catch (error) {
        logger.error({ err: error, event: 'delivery.worker-failed' }, 'delivery round failed');
      }
      // A full round may have left more due items: go on at once; otherwise wait.
      if (running && claimed === 0) await pause();
    }
  })();

  return {
    owner,
    wake() {
      wakeUp?.();
    },
    async stop() {
      running = false;
      wakeUp?.();
      await loop;
    },
  };
}
