import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DIALECTS, type TestDatabase } from '../../../../test/support/databases.ts';
import { seedTenant, storeFor, TEST_MASTER_KEY } from '../../../../test/support/storage/fixtures.ts';
import { startWorkers } from '../../../../test/support/storage/workers.ts';
import type { AuditEvent } from '../../../core/domain.ts';
import type { Store } from '../../../core/ports.ts';

const T = (minutes: number) => new Date(Date.UTC(2026, 2, 2, 8, minutes)).toISOString();
const LONG_AGO = '2000-01-01T00:00:00.000Z';

for (const d of DIALECTS) {
  describe(`login attempts on ${d.name}`, () => {
    let database: TestDatabase;
    let store: Store;
    before(async () => {
      database = await d.open();
      store = storeFor(database).store;
    });
    after(() => database.destroy());

    const fail = (key: string, at: string, forgetBefore = LONG_AGO, audit: AuditEvent[] = []) =>
      store.loginAttempts.recordFailure(
        [
          { kind: 'account', key, forgetBefore },
          { kind: 'client', key: `client-of-${key}`, forgetBefore },
        ],
        at,
        audit,
      );

    it('counts failures per kind and key, forgets a quiet run, keeps the count since the last success', async () => {
      const [first] = await fail('name-a', T(0));
      assert.deepEqual(first, {
        kind: 'account',
        key: 'name-a',
        failures: 1,
        sinceSuccess: 1,
        lastFailureAt: T(0),
        lockedAt: null,
      });
      await fail('name-a', T(1));
      const [third, client] = await fail('name-a', T(2));
      assert.equal(third?.failures, 3);
      assert.equal(client?.kind, 'client');
      assert.equal(client?.failures, 3);
      // The run was quiet since T(2): this failure starts a new run, the count since success goes on.
      const [fresh] = await fail('name-a', T(30), T(10));
      assert.equal(fresh?.failures, 1);
      assert.equal(fresh?.sinceSuccess, 4);
      const read = await store.loginAttempts.read([
        { kind: 'account', key: 'name-a' },
        { kind: 'account', key: 'nobody' },
        { kind: 'client', key: 'name-a' },
      ]);
      assert.deepEqual(
        read.map((r) => [r.kind, r.key, r.failures]),
        [['account', 'name-a', 1]],
      );
    });

    it('a lock is noted with its audit event; clearing returns what was stored and forgets it', async () => {
      const { tenantId } = await seedTenant(store, `lock-${d.name}`);
      const event: AuditEvent = {
        tenantId,
        actorType: 'system',
        actorId: null,
        action: 'staff.login_locked',
        subjectType: 'staff_account',
        subjectId: randomUUID(),
      };
      await fail('name-b', T(0), LONG_AGO, [{ ...event, action: 'staff.login_failed' }]);
      await store.loginAttempts.markLocked('account', 'name-b', T(1), [event]);
      const cleared = await store.loginAttempts.clear('account', 'name-b');
      assert.equal(cleared?.lockedAt, T(1));
      assert.equal(cleared?.sinceSuccess, 1);
      assert.equal(await store.loginAttempts.clear('account', 'name-b'), undefined);
      assert.deepEqual(
        (await store.audit.list(tenantId, event.subjectId)).map((e) => e.action),
        ['staff.login_failed', 'staff.login_locked'],
      );
      // The client's count is not cleared by the account's success.
      assert.equal((await store.loginAttempts.read([{ kind: 'client', key: 'client-of-name-b' }])).length, 1);
    });

    it('deletes stale counts of one kind only', async () => {
      await fail('name-c', T(0));
      await fail('name-d', T(50));
      assert.equal(await store.loginAttempts.deleteStale('client', T(40)), 3, 'clients of a, b, c');
      const left = await store.loginAttempts.read([
        { kind: 'account', key: 'name-c' },
        { kind: 'client', key: 'client-of-name-c' },
        { kind: 'client', key: 'client-of-name-d' },
      ]);
      assert.deepEqual(left.map((r) => `${r.kind}:${r.key}`).sort(), [
        'account:name-c',
        'client:client-of-name-d',
      ]);
    });

    it('several instances counting at once lose no failure', async () => {
      const pool = await startWorkers(4, { config: database.config, masterKey: TEST_MASTER_KEY });
      try {
        const results = await pool.round(
          [1, 2, 3, 4].map(() => ({ task: 'loginFailures' as const, key: 'one-name', at: T(5), times: 5 })),
        );
        for (const r of results) assert.ok(r.ok, r.ok ? '' : r.error);
      } finally {
        await pool.close();
      }
      const [shared] = await store.loginAttempts.read([{ kind: 'account', key: 'one-name' }]);
      assert.equal(shared?.failures, 20);
      assert.equal(shared?.sinceSuccess, 20);
    });

    it('staff sessions: last use is kept, idle and expired sessions are deleted, a password change keeps one', async () => {
      const { tenantId } = await seedTenant(store, `sessions-${d.name}`);
      const accountId = randomUUID();
      await store.staff.create({
        id: accountId,
        tenantId,
        username: `idle-${d.name}`,
        displayName: 'Idle',
        passwordHash: 'h',
        roles: ['caseworker'],
      });
      const open = (tokenHash: string) =>
        store.staff.createSession({ tokenHash, accountId, tenantId, expiresAt: '2099-01-01T00:00:00.000Z' });
      for (const hash of ['s1', 's2', 's3', 's4']) await open(`${hash}-${d.name}`);
      await store.staff.touchSession(`s1-${d.name}`, '2098-01-01T00:00:00.000Z');
      assert.equal(
        (await store.staff.sessionByTokenHash(`s1-${d.name}`, T(0)))?.lastSeenAt,
        '2098-01-01T00:00:00.000Z',
      );
      // Everything not used since 2097 is idle (s2, s3, s4); s1 was used later.
      const now = new Date().toISOString();
      assert.equal(await store.staff.deleteExpiredSessions(now, '2097-01-01T00:00:00.000Z'), 3);
      assert.ok(await store.staff.sessionByTokenHash(`s1-${d.name}`, now));

      await open(`s5-${d.name}`);
      await store.staff.update(
        tenantId,
        accountId,
        { passwordHash: 'h2' },
        {
          tenantId,
          actorType: 'staff',
          actorId: accountId,
          action: 'staff.password_changed',
          subjectType: 'staff_account',
          subjectId: accountId,
        },
        { keepSession: `s5-${d.name}` },
      );
      assert.equal(await store.staff.sessionByTokenHash(`s1-${d.name}`, now), undefined, 'others end');
      assert.ok(await store.staff.sessionByTokenHash(`s5-${d.name}`, now), 'this one stays');

      await store.staff.deleteSession(`s5-${d.name}`, {
        tenantId,
        actorType: 'staff',
        actorId: accountId,
        action: 'staff.logout',
        subjectType: 'staff_account',
        subjectId: accountId,
      });
      assert.equal(await store.staff.sessionByTokenHash(`s5-${d.name}`, now), undefined);
      assert.deepEqual(
        (await store.audit.list(tenantId, accountId)).map((e) => e.action),
        ['staff.password_changed', 'staff.logout'],
      );
    });
  });
}
