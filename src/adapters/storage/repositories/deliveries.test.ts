import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DIALECTS, type TestDatabase } from '../../../../test/support/databases.ts';
import {
  newDraft,
  storeFor,
  submissionInput,
  type TenantFixture,
  twoTenants,
} from '../../../../test/support/storage/fixtures.ts';
import type { Store } from '../../../core/ports.ts';
import { openDatabase } from '../dialect/database.ts';

const AT = '2025-03-01T10:00:00.000Z';
const plus = (ms: number) => new Date(Date.parse(AT) + ms).toISOString();

for (const d of DIALECTS) {
  describe(`delivery outbox on ${d.name}`, () => {
    let database: TestDatabase;
    let store: Store;
    let a: TenantFixture;
    let b: TenantFixture;

    before(async () => {
      ({ database, store, a, b } = await twoTenants(d, 'a-stadt', 'b-stadt'));
    });
    after(() => database.destroy());

    async function submitWithChannels(f: TenantFixture, channels: Array<'email' | 'webhook'>) {
      const draft = await newDraft(store, f);
      const id = randomUUID();
      const { input, audit } = submissionInput(f, draft.id, {
        id,
        submittedAt: AT,
        deliveries: channels.map((channel) => ({
          id: randomUUID(),
          channel,
          idempotencyKey: `${id}.${channel}`,
        })),
      });
      await store.submissions.createFromDraft(input, audit);
      return id;
    }

    /** Claims everything due and finishes it as delivered (so later tests start from nothing due). */
    async function drain() {
      for (const item of await store.deliveries.claim('drain', plus(10 ** 12), plus(10 ** 12 + 1), 1000)) {
        await store.deliveries.finish(item.id, 'drain', { kind: 'delivered', at: AT });
      }
    }

    it('a batch is finished in one call: each row by its own lease and outcome, a row leased to another worker is left alone', async () => {
      await drain();
      const ids = [
        await submitWithChannels(a, ['email', 'webhook']),
        await submitWithChannels(a, ['webhook']),
      ];
      const claimed = await store.deliveries.claim('w1', AT, plus(60_000), 10);
      assert.equal(claimed.length, 3);
      // w1's leases end and w2 takes one of the rows over before w1 records its batch.
      const [takenOver] = await store.deliveries.claim('w2', plus(60_000), plus(120_000), 1);
      const first = claimed.find((item) => item.id === takenOver?.id);
      const [second, third] = claimed.filter((item) => item !== first);
      assert.ok(first && second && third);
      const recorded = await store.deliveries.finishAll('w1', [
        { id: first!.id, result: { kind: 'delivered', at: plus(61_000) } },
        {
          id: second!.id,
          result: { kind: 'retry', at: plus(61_000), nextAttemptAt: plus(120_000), error: 'HTTP 503' },
        },
        { id: third!.id, result: { kind: 'dead', at: plus(61_000), error: 'HTTP 410' } },
      ]);
      assert.deepEqual(
        [...recorded].sort(),
        [second!.id, third!.id].sort(),
        'w1 lost the lease of the first',
      );
      const all = [
        ...(await store.deliveries.ofSubmission(a.tenantId, ids[0]!)),
        ...(await store.deliveries.ofSubmission(a.tenantId, ids[1]!)),
      ];
      const byId = new Map(all.map((item) => [item.id, item]));
      assert.equal(byId.get(first!.id)?.state, 'pending', "still w2's to deliver");
      assert.equal(byId.get(second!.id)?.state, 'pending');
      assert.equal(byId.get(second!.id)?.nextAttemptAt, plus(120_000));
      assert.equal(byId.get(second!.id)?.lastError, 'HTTP 503');
      assert.equal(byId.get(third!.id)?.state, 'dead');
      assert.deepEqual(await store.deliveries.finishAll('w1', []), new Set());
      await drain();
    });

    it('finishing a batch can lease the next in the same commit; a row leased to another worker is neither recorded nor claimed', async () => {
      await drain();
      await submitWithChannels(a, ['email', 'webhook']);
      await submitWithChannels(b, ['webhook']);
      const [first, ...rest] = await store.deliveries.claim('w1', AT, plus(60_000), 1);
      assert.ok(first);
      assert.deepEqual(rest, []);
      // Another worker holds one of the two rows still due.
      const [othersRow] = await store.deliveries.claim('w2', AT, plus(60_000), 1);
      assert.ok(othersRow);
      const { recorded, claimed } = await store.deliveries.finishAllAndClaim(
        'w1',
        [{ id: first.id, result: { kind: 'delivered', at: plus(1_000) } }],
        { now: plus(1_000), leaseUntil: plus(61_000), limit: 10 },
      );
      assert.deepEqual([...recorded], [first.id]);
      assert.equal(claimed.length, 1, "only the row that is nobody's");
      assert.ok(claimed[0]!.id !== first.id && claimed[0]!.id !== othersRow.id);
      assert.equal(claimed[0]!.attempts, 1);
      assert.equal((await store.deliveries.byId(first.tenantId, first.id))?.state, 'delivered');
      // w2's lease has not ended, and w1's new one holds: nothing left to claim, and w2 cannot
      // record what it does not hold.
      assert.deepEqual(await store.deliveries.claim('w3', plus(2_000), plus(62_000), 10), []);
      const none = await store.deliveries.finishAllAndClaim(
        'w2',
        [{ id: claimed[0]!.id, result: { kind: 'delivered', at: plus(2_000) } }],
        { now: plus(2_000), leaseUntil: plus(62_000), limit: 10 },
      );
      assert.deepEqual(none, { recorded: new Set(), claimed: [] });
      assert.equal((await store.deliveries.byId(claimed[0]!.tenantId, claimed[0]!.id))?.state, 'pending');
      await drain();
    });

    it('the submit writes one pending row per channel with its idempotency key, in the same transaction', async () => {
      const id = await submitWithChannels(a, ['email', 'webhook']);
      const items = await store.deliveries.ofSubmission(a.tenantId, id);
      assert.deepEqual(
        items.map((i) => [i.channel, i.idempotencyKey, i.state, i.attempts, i.nextAttemptAt]),
        [
          ['email', `${id}.email`, 'pending', 0, AT],
          ['webhook', `${id}.webhook`, 'pending', 0, AT],
        ],
      );
      assert.deepEqual(await store.deliveries.ofSubmission(b.tenantId, id), [], 'scoped by tenant');

      // A submit that fails (here: a draft of another tenant) leaves no outbox row behind.
      const foreign = await newDraft(store, b);
      const failing = randomUUID();
      const { input, audit } = submissionInput(a, foreign.id, {
        id: failing,
        deliveries: [{ id: randomUUID(), channel: 'email', idempotencyKey: `${failing}.email` }],
      });
      await assert.rejects(store.submissions.createFromDraft(input, audit));
      const rows = await database.db
        .selectFrom('delivery_outbox')
        .select('id')
        .where('submission_id', '=', failing)
        .execute();
      assert.deepEqual(rows, []);
      await drain();
    });

    it('claims due items with a lease: not again while leased, again once the lease expired', async () => {
      const id = await submitWithChannels(a, ['webhook']);
      assert.deepEqual(await store.deliveries.claim('w1', plus(-1), plus(60_000), 10), [], 'not due yet');
      const [first, ...rest] = await store.deliveries.claim('w1', AT, plus(60_000), 10);
      assert.equal(rest.length, 0);
      assert.equal(first?.submissionId, id);
      assert.equal(first?.attempts, 1);
      assert.deepEqual(
        await store.deliveries.claim('w2', plus(30_000), plus(90_000), 10),
        [],
        'leased to w1',
      );
      const [again] = await store.deliveries.claim('w2', plus(60_000), plus(120_000), 10);
      assert.equal(again?.id, first?.id, 'w1 died: its lease ended');
      assert.equal(again?.attempts, 2);
      assert.equal(
        await store.deliveries.finish(first!.id, 'w1', { kind: 'delivered', at: plus(61_000) }),
        false,
        'w1 lost its lease and records nothing',
      );
      assert.equal(
        await store.deliveries.finish(first!.id, 'w2', { kind: 'delivered', at: plus(61_000) }),
        true,
      );
      const [done] = await store.deliveries.ofSubmission(a.tenantId, id);
      assert.equal(done?.state, 'delivered');
      assert.equal(done?.deliveredAt, plus(61_000));
      assert.deepEqual(
        await store.deliveries.claim('w3', plus(10 ** 9), plus(10 ** 9 + 1), 10),
        [],
        'delivered is never claimed',
      );
    });

    it('a retry waits for its next attempt; a dead item is listed with its error and sent again by an admin', async () => {
      const id = await submitWithChannels(a, ['email']);
      const [item] = await store.deliveries.claim('w1', AT, plus(60_000), 10);
      assert.ok(item);
      await store.deliveries.finish(item.id, 'w1', {
        kind: 'retry',
        at: plus(1000),
        error: 'HTTP 503',
        nextAttemptAt: plus(30_000),
      });
      assert.deepEqual(await store.deliveries.claim('w1', plus(29_999), plus(90_000), 10), []);
      const [retried] = await store.deliveries.claim('w1', plus(30_000), plus(90_000), 10);
      assert.equal(retried?.id, item.id);
      await store.deliveries.finish(item.id, 'w1', { kind: 'dead', at: plus(31_000), error: 'HTTP 404' });
      assert.deepEqual(
        await store.deliveries.claim('w1', plus(10 ** 9), plus(10 ** 9 + 1), 10),
        [],
        'dead is not claimed',
      );

      const problems = await store.deliveries.problems(a.tenantId, 50);
      const problem = problems.find((p) => p.id === item.id);
      assert.equal(problem?.state, 'dead');
      assert.equal(problem?.lastError, 'HTTP 404');
      assert.equal(problem?.submissionId, id);
      assert.ok(problem?.reference);
      assert.deepEqual(await store.deliveries.problems(b.tenantId, 50), [], 'scoped by tenant');

      const audit = {
        tenantId: a.tenantId,
        actorType: 'staff' as const,
        actorId: 'acc-1',
        action: 'delivery.resent',
        subjectType: 'delivery',
        subjectId: item.id,
      };
      assert.equal(
        await store.deliveries.resend(b.tenantId, item.id, plus(40_000), { ...audit, tenantId: b.tenantId }),
        false,
      );
      assert.equal(await store.deliveries.resend(a.tenantId, item.id, plus(40_000), audit), true);
      const resent = await store.deliveries.byId(a.tenantId, item.id);
      assert.equal(resent?.state, 'pending');
      assert.equal(resent?.retrySince, plus(40_000));
      assert.deepEqual(
        (await store.audit.list(a.tenantId, item.id)).map((e) => e.action),
        ['delivery.resent'],
      );
      const [claimed] = await store.deliveries.claim('w1', plus(40_000), plus(100_000), 10);
      assert.equal(claimed?.id, item.id);
      await store.deliveries.finish(item.id, 'w1', { kind: 'delivered', at: plus(41_000) });
      assert.equal(
        await store.deliveries.resend(a.tenantId, item.id, plus(50_000), audit),
        false,
        'delivered',
      );
      assert.ok(!(await store.deliveries.problems(a.tenantId, 50)).some((p) => p.id === item.id));
    });

    it('workers on separate connections claiming at once never get the same item', async () => {
      const ids = [];
      for (let i = 0; i < 20; i++) ids.push(await submitWithChannels(a, ['webhook']));
      const connections = [0, 1, 2].map(() => openDatabase(database.config));
      try {
        const stores = connections.map((c) => storeFor(c).store);
        const claimed = (
          await Promise.all(
            stores.flatMap((s, w) =>
              [0, 1, 2].map(() => s.deliveries.claim(`w${w}`, plus(10 ** 6), plus(10 ** 6 + 60_000), 3)),
            ),
          )
        ).flat();
        const claimedIds = claimed.map((c) => c.id);
        assert.equal(new Set(claimedIds).size, claimedIds.length, 'no item claimed twice');
        assert.equal(claimedIds.length, 20, 'and every due item claimed by someone');
      } finally {
        await Promise.all(connections.map((c) => c.destroy()));
      }
    });
  });
}
