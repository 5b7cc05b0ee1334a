import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUDGET_WINDOW_MS, HourlyBudgets } from './hourly-budgets.ts';

describe('hourly budgets', () => {
  it('spends up to the limit in a window, refuses beyond it with the seconds to wait, and starts afresh', () => {
    let now = 0;
    const budgets = new HourlyBudgets(() => now);
    assert.deepEqual(budgets.spend('a', 3, 5), { ok: true });
    assert.deepEqual(budgets.spend('a', 2, 5), { ok: true });
    now = 10 * 60 * 1000;
    assert.deepEqual(budgets.spend('a', 1, 5), { ok: false, retryAfterSeconds: 50 * 60 });
    // A refusal spends nothing; other keys have their own budget.
    assert.deepEqual(budgets.spend('b', 5, 5), { ok: true });
    now = BUDGET_WINDOW_MS;
    assert.deepEqual(budgets.spend('a', 5, 5), { ok: true });
  });

  it('holds at most its number of keys, forgetting ended windows first', () => {
    let now = 0;
    const budgets = new HourlyBudgets(() => now, 2);
    budgets.spend('old', 1, 1);
    now = BUDGET_WINDOW_MS / 2;
    budgets.spend('current', 1, 1);
    now = BUDGET_WINDOW_MS;
    budgets.spend('new', 1, 1); // 'old' has ended and goes
    assert.deepEqual(budgets.spend('current', 1, 1).ok, false);
    budgets.spend('newest', 1, 1); // all current: the oldest ('current') goes
    assert.deepEqual(budgets.spend('current', 1, 1), { ok: true });
  });
});
