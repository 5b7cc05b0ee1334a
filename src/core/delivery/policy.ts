/**
 * When a failed delivery is tried again, and when it is given up (ADR 0034). Exponential backoff
 * from 30 seconds, doubling to at most 6 hours between attempts, for at least 48 hours from the
 * first attempt (or from the admin's "erneut senden"): a receiver down over a weekend night still
 * gets everything. A permanent failure is not retried: the dead letter shows it at once.
 */
import type { DeliveryItem } from '../domain.ts';
import type { DeliveryResult } from '../ports.ts';

export const FIRST_RETRY_MS = 30_000;
export const MAX_RETRY_DELAY_MS = 6 * 60 * 60 * 1000;
export const RETRY_WINDOW_MS = 48 * 60 * 60 * 1000;

/** The wait after the `attempts`-th attempt failed (1 → 30 s, 2 → 60 s, …, at most 6 h). */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_DELAY_MS);
}

/**
 * How a failed attempt ends: retried after the backoff while the window is open; dead when the
 * failure is permanent or the window is over (the last attempt was at least 48 hours after the
 * first, because a retry is always scheduled while the window is open).
 */
export function afterFailure(
  item: Pick<DeliveryItem, 'attempts' | 'retrySince'>,
  now: Date,
  error: string,
  retryable: boolean,
): DeliveryResult {
  const at = now.toISOString();
  if (!retryable) return { kind: 'dead', at, error };
  if (now.getTime() - Date.parse(item.retrySince) >= RETRY_WINDOW_MS) {
    return { kind: 'dead', at, error: `${error} (given up after ${item.attempts} attempts in 48 hours)` };
  }
  return {
    kind: 'retry',
    at,
    error,
    nextAttemptAt: new Date(now.getTime() + retryDelayMs(item.attempts)).toISOString(),
  };
}
