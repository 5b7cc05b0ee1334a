/**
 * When a staff login may be tried again after failures (ADR 0028): pure rules over the stored
 * counts (`LoginFailures`), one policy per kind of key.
 *
 * Per typed username: the first failures cost nothing (people mistype); from the fifth on, each
 * further attempt waits a little longer (1 s, 2 s, 4 s, … at most a minute); the tenth failure locks
 * the name for 15 minutes, and so does every tenth after it. Per client address the same, but more
 * generous, since many people may share one address (an office behind one gateway). A run of
 * failures is forgotten after a quiet time. Nobody who types their own password meets any of this.
 */
import type { LoginFailures, LoginThrottleKind } from './domain.ts';

export interface ThrottlePolicy {
  /** Failures before attempts are delayed. */
  delayAfter: number;
  /** Every this many failures in a run, the key is locked for `lockMs`. */
  lockEvery: number;
  lockMs: number;
  /** The delay after the `delayAfter`-th failure; it doubles with each further one. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** A run of failures without a new one for this long is forgotten. */
  forgetAfterMs: number;
  /** How long stored failures are kept at most (retention), also to tell the account holder. */
  keepMs: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const THROTTLE_POLICIES: Readonly<Record<LoginThrottleKind, ThrottlePolicy>> = {
  account: {
    delayAfter: 5,
    lockEvery: 10,
    lockMs: 15 * MINUTE,
    firstDelayMs: SECOND,
    maxDelayMs: MINUTE,
    forgetAfterMs: DAY,
    keepMs: 30 * DAY,
  },
  client: {
    delayAfter: 20,
    lockEvery: 50,
    lockMs: 15 * MINUTE,
    firstDelayMs: SECOND,
    maxDelayMs: MINUTE,
    forgetAfterMs: HOUR,
    keepMs: DAY,
  },
};

/** The failures of the current run at `nowMs` (0 once the run was quiet long enough). */
export function runLength(record: LoginFailures | undefined, policy: ThrottlePolicy, nowMs: number): number {
  if (!record) return 0;
  return nowMs - Date.parse(record.lastFailureAt) >= policy.forgetAfterMs ? 0 : record.failures;
}

/** Whether the `failures`-th failure of a run begins a lock. */
export function beginsLock(failures: number, policy: ThrottlePolicy): boolean {
  return failures > 0 && failures % policy.lockEvery === 0;
}

/** How long to wait after the `failures`-th failure of a run before the next attempt. */
export function waitAfter(failures: number, policy: ThrottlePolicy): number {
  if (beginsLock(failures, policy)) return policy.lockMs;
  if (failures < policy.delayAfter) return 0;
  const doublings = Math.min(failures - policy.delayAfter, 30);
  return Math.min(policy.firstDelayMs * 2 ** doublings, policy.maxDelayMs);
}

export interface Wait {
  /** Milliseconds until the next attempt is allowed. */
  ms: number;
  /** Whether the wait is a lock (rather than a short delay). */
  locked: boolean;
}

/** How long an attempt must still wait at `nowMs` because of these stored failures (0: none). */
export function waitNow(records: readonly LoginFailures[], nowMs: number): Wait {
  let wait: Wait = { ms: 0, locked: false };
  for (const record of records) {
    const policy = THROTTLE_POLICIES[record.kind];
    const failures = runLength(record, policy, nowMs);
    const ms = Date.parse(record.lastFailureAt) + waitAfter(failures, policy) - nowMs;
    if (ms > wait.ms) wait = { ms, locked: beginsLock(failures, policy) };
  }
  return wait;
}
