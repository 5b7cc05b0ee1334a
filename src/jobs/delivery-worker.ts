/**
 * The delivery worker (ADR 0034): claims due outbox items, delivers them, records the outcomes, and
 * when nothing is due waits a moment before looking again. Runs inside `amtsweg serve` (unless
 * turned off) and alone as `amtsweg worker`; any number of them may run against one database,
 * because claims are leased (`store.deliveries.claim`). `wake()` lets a submit in the same process
 * start the next round at once instead of after the poll interval.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Deliveries } from '../core/delivery/deliveries.ts';

/** How long an idle worker waits before looking for due items again. */
export const DEFAULT_POLL_MS = 1000;

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
  options: { pollMs?: number; owner?: string } = {},
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

  const loop = (async () => {
    while (running) {
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
