/**
 * What each client may still spend this hour (ADR 0027): a count per key (e.g. drafts started by
 * one address in one municipality) in fixed windows of an hour. Kept in this process's memory:
 * with several app instances, a client can spend up to the limit at each one, which still bounds
 * it. Bounded in entries, so a flood of addresses cannot grow it without end.
 */

export const BUDGET_WINDOW_MS = 60 * 60 * 1000;

export type Spent = { ok: true } | { ok: false; retryAfterSeconds: number };

export class HourlyBudgets {
  readonly #used = new Map<string, { windowStart: number; used: number }>();

  constructor(
    private readonly now: () => number,
    private readonly maxKeys = 100_000,
  ) {}

  /** Spends `amount` of the hour's `limit` for `key`, or refuses (spending nothing) when it would exceed it. */
  spend(key: string, amount: number, limit: number): Spent {
    const now = this.now();
    let entry = this.#used.get(key);
    if (!entry || now - entry.windowStart >= BUDGET_WINDOW_MS) {
      if (entry) this.#used.delete(key);
      else this.#makeRoom(now);
      entry = { windowStart: now, used: 0 };
      this.#used.set(key, entry);
    }
    if (entry.used + amount > limit) {
      return { ok: false, retryAfterSeconds: Math.ceil((entry.windowStart + BUDGET_WINDOW_MS - now) / 1000) };
    }
    entry.used += amount;
    return { ok: true };
  }

  /** Drops ended windows when full; if all are current, the oldest (which forgets the least). */
  #makeRoom(now: number): void {
    if (this.#used.size < this.maxKeys) return;
    for (const [key, entry] of this.#used) {
      if (now - entry.windowStart >= BUDGET_WINDOW_MS) this.#used.delete(key);
    }
    if (this.#used.size >= this.maxKeys) this.#used.delete(this.#used.keys().next().value as string);
  }
}
