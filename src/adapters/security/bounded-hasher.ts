/**
 * A bound on the password hashes computed at once (ADR 0028). Each argon2id hash takes 64 MiB and
 * a CPU for a good part of a second, so unbounded logins could exhaust the server's memory and CPU.
 * At most `concurrent` hashes run; up to `waiting` more wait for a free slot; anything beyond is
 * refused at once with an `OverloadError` (a 503 with `Retry-After`), never queued without bound.
 */
import { OverloadError } from '../../core/errors.ts';
import type { PasswordHasher } from '../../core/ports.ts';

export interface HashingLimits {
  concurrent: number;
  waiting: number;
}

/** Seconds a refused client is asked to wait: about one hash. */
const RETRY_AFTER_SECONDS = 1;

export function boundedHasher(inner: PasswordHasher, limits: HashingLimits): PasswordHasher {
  let running = 0;
  const queue: Array<() => void> = [];

  const acquire = async (): Promise<void> => {
    if (running < limits.concurrent) {
      running++;
      return;
    }
    if (queue.length >= limits.waiting) {
      throw new OverloadError(
        'ERR_PASSWORD_HASHING_BUSY',
        `${running} password hashes running and ${queue.length} waiting`,
        RETRY_AFTER_SECONDS,
      );
    }
    // The slot is handed over by `release`, so `running` stays counted.
    await new Promise<void>((resolve) => queue.push(resolve));
  };

  const release = (): void => {
    const next = queue.shift();
    if (next) next();
    else running--;
  };

  const bounded =
    <A extends unknown[], R>(work: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await acquire();
      try {
        return await work(...args);
      } finally {
        release();
      }
    };

  return {
    hash: bounded((password: string) => inner.hash(password)),
    verify: bounded((hash: string, password: string) => inner.verify(hash, password)),
  };
}
