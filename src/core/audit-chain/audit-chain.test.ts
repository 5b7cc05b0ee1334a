import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { DIALECTS, type TestDatabase } from '../../../test/support/databases.ts';
import { closedApplication, erasureDeps, testClock } from '../../../test/support/retention.ts';
import { type TenantFixture, twoTenants } from '../../../test/support/storage/fixtures.ts';
import type { Store } from '../ports.ts';
import { eraseSubmission } from '../retention/erase-submission.ts';
import { checkpointHash } from './hashes.ts';
import { EVENTS_PER_CHECKPOINT, sealAll, sealTenant } from './seal.ts';
import { verifyTenant } from './verify.ts';

const AT = '2026-02-01T08:00:00.000Z';

for (const d of DIALECTS) {
  describe(`audit hash chain on ${d.name}`, () => {
    let database: TestDatabase;
    let store: Store;
    let a: TenantFixture;
    let b: TenantFixture;
    const clock = testClock(AT);
    const seal = () => sealAll({ store, clock });

    async function record(f: TenantFixture, n: number) {
      for (let i = 0; i < n; i++) {
        await store.audit.record(
          {
            tenantId: f.tenantId,
            actorType: 'system',
            actorId: null,
            action: `test.event-${i}`,
            subjectType: 'test',
            subjectId: `subject-${i}`,
            details: { i },
          },
          AT,
        );
      }
    }

    /** The id of the first event sealed in checkpoint `seq` of `f`. */
    async function sealedEventId(f: TenantFixture, seq: number) {
      const [event] = await store.auditChain.sealedIn(f.tenantId, seq);
      assert.ok(event);
      return event.id;
    }

    before(async () => {
      ({ database, store, a, b } = await twoTenants(d, 'a-stadt', 'b-stadt'));
    });
    after(() => database.destroy());
    beforeEach(async () => {
      // Every test starts from a sealed, intact chain.
      await seal();
      assert.equal((await verifyTenant(store, a.tenantId)).broken, undefined);
    });

    it('seals new events in order into checkpoints that link to the previous one', async () => {
      await record(a, 5);
      await record(b, 2);
      assert.equal((await verifyTenant(store, a.tenantId)).unsealed, 5);
      assert.ok((await seal()) >= 2, 'one checkpoint for each tenant at least');
      const report = await verifyTenant(store, a.tenantId);
      assert.equal(report.broken, undefined);
      assert.equal(report.unsealed, 0);
      const checkpoints = await store.auditChain.checkpoints(a.tenantId, 0, 100);
      assert.deepEqual(
        checkpoints.map((c) => c.seq),
        checkpoints.map((_, i) => i + 1),
      );
      for (let i = 1; i < checkpoints.length; i++) {
        assert.equal(checkpoints[i]?.prevHash, checkpoints[i - 1]?.hash);
      }
      assert.equal(report.headHash, checkpoints.at(-1)?.hash);
      assert.equal(await seal(), 0, 'nothing new: no checkpoint');
    });

    it('detects an edited sealed event and names its checkpoint', async () => {
      await record(a, 3);
      const [checkpoint] = await sealTenant({ store, clock }, a.tenantId);
      assert.ok(checkpoint);
      const id = await sealedEventId(a, checkpoint.seq);
      const original = await database.db
        .selectFrom('audit_events')
        .select('action')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      await database.db
        .updateTable('audit_events')
        .set({ action: 'something.else' })
        .where('id', '=', id)
        .execute();
      assert.deepEqual((await verifyTenant(store, a.tenantId)).broken, {
        seq: checkpoint.seq,
        link: 'events-changed',
      });
      await database.db
        .updateTable('audit_events')
        .set({ action: original.action })
        .where('id', '=', id)
        .execute();
      assert.equal((await verifyTenant(store, a.tenantId)).broken, undefined);
    });

    it('detects a deleted sealed event, and one moved to another checkpoint', async () => {
      await record(a, 3);
      const [checkpoint] = await sealTenant({ store, clock }, a.tenantId);
      assert.ok(checkpoint);
      const id = await sealedEventId(a, checkpoint.seq);
      const row = await database.db
        .selectFrom('audit_events')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      await database.db.deleteFrom('audit_events').where('id', '=', id).execute();
      assert.deepEqual((await verifyTenant(store, a.tenantId)).broken, {
        seq: checkpoint.seq,
        link: 'events-changed',
      });
      await database.db.insertInto('audit_events').values(row).execute();
      assert.equal((await verifyTenant(store, a.tenantId)).broken, undefined);

      await database.db.updateTable('audit_events').set({ sealed_in: 1 }).where('id', '=', id).execute();
      const moved = (await verifyTenant(store, a.tenantId)).broken;
      assert.equal(moved?.link, 'events-changed');
      await database.db
        .updateTable('audit_events')
        .set({ sealed_in: checkpoint.seq })
        .where('id', '=', id)
        .execute();
    });

    it('detects a changed checkpoint and a rewritten link', async () => {
      await record(a, 2);
      const [checkpoint] = await sealTenant({ store, clock }, a.tenantId);
      assert.ok(checkpoint);
      await database.db
        .updateTable('audit_checkpoints')
        .set({ event_count: checkpoint.eventCount + 1 })
        .where('tenant_id', '=', a.tenantId)
        .where('seq', '=', checkpoint.seq)
        .execute();
      assert.deepEqual((await verifyTenant(store, a.tenantId)).broken, {
        seq: checkpoint.seq,
        link: 'checkpoint-changed',
      });
      // A forger who also recomputes the checkpoint's own hash breaks the link to the next one,
      // or (being the head) changes the head hash an operator kept outside the database.
      const forged = { ...checkpoint, prevHash: '1'.repeat(64) };
      await database.db
        .updateTable('audit_checkpoints')
        .set({ event_count: checkpoint.eventCount, prev_hash: forged.prevHash, hash: checkpointHash(forged) })
        .where('tenant_id', '=', a.tenantId)
        .where('seq', '=', checkpoint.seq)
        .execute();
      assert.deepEqual((await verifyTenant(store, a.tenantId)).broken, {
        seq: checkpoint.seq,
        link: 'chain-broken',
      });
      await database.db
        .updateTable('audit_checkpoints')
        .set({ prev_hash: checkpoint.prevHash, hash: checkpoint.hash })
        .where('tenant_id', '=', a.tenantId)
        .where('seq', '=', checkpoint.seq)
        .execute();
    });

    it('does not report deletions under a retention rule as tampering, and records them in the next checkpoint', async () => {
      const app = await closedApplication(store, a, AT);
      await seal();
      const tenant = await store.tenants.byId(a.tenantId);
      assert.ok(tenant);
      const before = await verifyTenant(store, a.tenantId);
      assert.equal(
        await eraseSubmission(erasureDeps(store, clock), tenant, app.id, { kind: 'retention' }),
        'deleted',
      );
      const pending = await verifyTenant(store, a.tenantId);
      assert.equal(pending.broken, undefined);
      assert.equal(pending.pendingErasures, 3, 'received and two status changes, sealed before');
      await seal();
      const recorded = await verifyTenant(store, a.tenantId);
      assert.equal(recorded.broken, undefined);
      assert.equal(recorded.erasures, before.erasures + 3);
      assert.equal(recorded.pendingErasures, 0);
      const head = await store.auditChain.head(a.tenantId);
      assert.equal(head?.erasureCount, 3);
    });

    it('detects a deletion dressed up as an erasure that no checkpoint could have recorded', async () => {
      await record(a, 2);
      const [checkpoint] = await sealTenant({ store, clock }, a.tenantId);
      assert.ok(checkpoint);
      const id = await sealedEventId(a, checkpoint.seq);
      const [event] = (await store.auditChain.sealedIn(a.tenantId, checkpoint.seq)).filter(
        (e) => e.id === id,
      );
      assert.ok(event);
      const { eventLeafHash } = await import('./hashes.ts');
      await database.db.deleteFrom('audit_events').where('id', '=', id).execute();
      await database.db
        .insertInto('audit_erasures')
        .values({
          event_id: id,
          tenant_id: a.tenantId,
          sealed_in: checkpoint.seq,
          leaf_hash: eventLeafHash(event),
          erased_at: AT,
          recorded_in: checkpoint.seq + 50,
        })
        .execute();
      assert.equal((await verifyTenant(store, a.tenantId)).broken?.link, 'erasures-changed');
      await database.db.deleteFrom('audit_erasures').where('event_id', '=', id).execute();
      const row = { ...event };
      await database.db
        .insertInto('audit_events')
        .values({
          id: row.id,
          tenant_id: row.tenantId,
          at: row.at,
          actor_type: row.actorType,
          actor_id: row.actorId,
          action: row.action,
          subject_type: row.subjectType,
          subject_id: row.subjectId,
          details_json: row.detailsJson,
          sealed_in: row.sealedIn,
        })
        .execute();
      assert.equal((await verifyTenant(store, a.tenantId)).broken, undefined);
    });

    it('two sealers at once append one chain without gaps or events sealed twice', async () => {
      await record(a, 40);
      await Promise.all([sealTenant({ store, clock }, a.tenantId), sealTenant({ store, clock }, a.tenantId)]);
      const report = await verifyTenant(store, a.tenantId);
      assert.equal(report.broken, undefined);
      assert.equal(report.unsealed, 0);
      assert.ok(EVENTS_PER_CHECKPOINT > 40);
    });
  });
}
