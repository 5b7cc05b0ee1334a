import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DIALECTS, type TestDatabase } from '../../../../test/support/databases.ts';
import {
  newDraft,
  seedTenant,
  storeFor,
  submissionInput,
  TEST_MASTER_KEY,
  type TenantFixture,
} from '../../../../test/support/storage/fixtures.ts';
import { startWorkers } from '../../../../test/support/storage/workers.ts';
import type { AuditEvent, SubmissionSummary } from '../../../core/domain.ts';
import type { Store } from '../../../core/ports.ts';
import { openDatabase } from '../dialect/database.ts';

const staffAudit = (f: TenantFixture, subjectId: string): AuditEvent => ({
  tenantId: f.tenantId,
  actorType: 'staff',
  actorId: 'acc-1',
  action: 'submission.status_changed',
  subjectType: 'submission',
  subjectId,
});

for (const d of DIALECTS) {
  describe(`submissions on ${d.name}`, () => {
    let database: TestDatabase;
    let store: Store;
    let a: TenantFixture;

    before(async () => {
      database = await d.open();
      store = storeFor(database).store;
      a = await seedTenant(store, 'a-stadt');
    });
    after(() => database.destroy());

    describe('createFromDraft', () => {
      it('stores the submission, marks the draft and writes the audit event', async () => {
        const { input, audit } = submissionInput(a, a.draftId);
        const { submission, created } = await store.submissions.createFromDraft(input, audit);
        assert.equal(created, true);
        assert.deepEqual(submission, {
          id: input.id,
          tenantId: a.tenantId,
          reference: input.reference,
          serviceId: a.serviceId,
          serviceSlug: 'meldung',
          serviceTitle: { de: 'Dienst meldung', en: 'Service meldung' },
          serviceVersion: 1,
          status: 'received',
          submittedAt: input.submittedAt,
          updatedAt: input.submittedAt,
          identity: null,
          schriftformersatz: false,
        });
        assert.deepEqual(await store.submissions.summaryById(a.tenantId, input.id), submission);
        const full = await store.submissions.byId(a.tenantId, input.id);
        assert.deepEqual(full?.answers, input.answers);
        assert.equal(full?.feeCents, null, 'no fee rule, no fee');
        assert.equal(full?.serviceVersionId, a.versionId);
        const draft = await store.drafts.find(a.tenantId, a.serviceId, a.sessionHash);
        assert.equal(draft?.submissionId, input.id);
        assert.deepEqual(draft?.answers, {}, 'the submitted draft keeps no copy of the answers');
        const events = await store.audit.list(a.tenantId, input.id);
        assert.deepEqual(
          events.map((e) => e.action),
          ['submission.received'],
        );
      });

      it('stores the fee in integer euro-cents', async () => {
        const draft = await newDraft(store, a);
        const { input, audit } = submissionInput(a, draft.id, { feeCents: 10800 });
        await store.submissions.createFromDraft(input, audit);
        assert.equal((await store.submissions.byId(a.tenantId, input.id))?.feeCents, 10800);
      });

      it('is idempotent per draft: a second call returns the first submission and writes nothing', async () => {
        const draft = await newDraft(store, a);
        const first = submissionInput(a, draft.id);
        const second = submissionInput(a, draft.id);
        const r1 = await store.submissions.createFromDraft(first.input, first.audit);
        const r2 = await store.submissions.createFromDraft(second.input, second.audit);
        assert.equal(r1.created, true);
        assert.equal(r2.created, false);
        assert.deepEqual(r2.submission, r1.submission);
        assert.equal((await store.audit.list(a.tenantId, second.input.id)).length, 0);
        const rows = await database.db
          .selectFrom('submissions')
          .select('id')
          .where('draft_id', '=', draft.id)
          .execute();
        assert.equal(rows.length, 1);
      });

      it('survives the draft being deleted afterwards', async () => {
        const draft = await newDraft(store, a);
        const first = submissionInput(a, draft.id);
        const r1 = await store.submissions.createFromDraft(first.input, first.audit);
        await store.drafts.delete(a.tenantId, draft.id);
        const again = submissionInput(a, draft.id);
        const r2 = await store.submissions.createFromDraft(again.input, again.audit);
        assert.equal(r2.created, false);
        assert.equal(r2.submission.reference, r1.submission.reference);
      });

      it('reports a reference collision with ERR_REFERENCE_TAKEN and rolls back', async () => {
        const d1 = await newDraft(store, a);
        const d2 = await newDraft(store, a);
        const first = submissionInput(a, d1.id);
        await store.submissions.createFromDraft(first.input, first.audit);
        const clash = submissionInput(a, d2.id, { reference: first.input.reference });
        await assert.rejects(store.submissions.createFromDraft(clash.input, clash.audit), {
          code: 'ERR_REFERENCE_TAKEN',
        });
        assert.equal(await store.submissions.summaryById(a.tenantId, clash.input.id), undefined);
        const draft = await database.db
          .selectFrom('drafts')
          .select('submission_id')
          .where('id', '=', d2.id)
          .executeTakeFirst();
        assert.equal(draft?.submission_id, null);
        // The caller retries with a new reference and the same id.
        const retry = submissionInput(a, d2.id, { id: clash.input.id });
        const { created } = await store.submissions.createFromDraft(retry.input, retry.audit);
        assert.equal(created, true);
      });

      it('creates exactly one submission when two app instances submit the same draft at once', async () => {
        // SQLite: threads with their own better-sqlite3 connection, like separate processes (in one
        // thread a connection waiting for the lock would block the one holding it).
        // PostgreSQL: separate pools, i.e. separate connections and transactions.
        const pool =
          d.name === 'sqlite'
            ? await startWorkers(3, { config: database.config, masterKey: TEST_MASTER_KEY })
            : undefined;
        const instances = pool ? [] : [1, 2, 3].map(() => openDatabase(database.config));
        try {
          for (let round = 0; round < 10; round++) {
            const draft = await newDraft(store, a);
            const attempts = [
              submissionInput(a, draft.id),
              submissionInput(a, draft.id),
              submissionInput(a, draft.id),
            ];
            let results: Array<{ submission: SubmissionSummary; created: boolean }>;
            if (pool) {
              const outcomes = await pool.round(
                attempts.map(({ input, audit }) => ({ task: 'submit', input, audit })),
              );
              results = outcomes.map((o) => {
                assert.ok(o.ok, o.ok ? '' : o.error);
                return o.result as { submission: SubmissionSummary; created: boolean };
              });
            } else {
              results = await Promise.all(
                attempts.map(({ input, audit }, i) =>
                  storeFor(instances[i]!).store.submissions.createFromDraft(input, audit),
                ),
              );
            }
            assert.equal(results.filter((r) => r.created).length, 1, 'exactly one call creates');
            assert.equal(
              new Set(results.map((r) => r.submission.reference)).size,
              1,
              'everyone sees one reference',
            );
            assert.equal(new Set(results.map((r) => r.submission.id)).size, 1);
            const rows = await database.db
              .selectFrom('submissions')
              .select('id')
              .where('draft_id', '=', draft.id)
              .execute();
            assert.equal(rows.length, 1);
            const events = await database.db
              .selectFrom('audit_events')
              .select('id')
              .where(
                'subject_id',
                'in',
                attempts.map((x) => x.input.id),
              )
              .execute();
            assert.equal(events.length, 1, 'exactly one audit event');
          }
        } finally {
          await pool?.close();
          await Promise.all(instances.map((i) => i.destroy()));
        }
      });
    });

    describe('inbox', () => {
      let f: TenantFixture;
      const ids: string[] = [];

      before(async () => {
        f = await seedTenant(store, `inbox-${randomUUID().slice(0, 8)}`);
        const other = await store.services.publish(
          f.tenantId,
          { ...(await store.services.versionById(f.tenantId, f.versionId))!.definition, id: 'zweiter' },
          '2025-01-01T00:00:00.000Z',
        );
        // 7 submissions: minutes 1..7; two share minute 4 to check the id tie-break.
        const minutes = [1, 2, 3, 4, 4, 5, 6, 7];
        for (const [i, minute] of minutes.entries()) {
          const second = i % 2 === 1 ? other : undefined;
          const fixture = second ? { ...f, serviceId: second.serviceId, versionId: second.id } : f;
          const draft = await newDraft(store, fixture);
          const { input, audit } = submissionInput(fixture, draft.id, {
            submittedAt: `2025-03-01T10:0${minute}:00.000Z`,
          });
          await store.submissions.createFromDraft(input, audit);
          ids.push(input.id);
        }
      });

      it('orders newest first, ties by id descending, and pages', async () => {
        const all = await store.submissions.inbox(f.tenantId, { page: 1, pageSize: 100 });
        assert.equal(all.total, 8);
        const sorted = [...all.items].sort((x, y) =>
          x.submittedAt === y.submittedAt ? (x.id < y.id ? 1 : -1) : x.submittedAt < y.submittedAt ? 1 : -1,
        );
        assert.deepEqual(
          all.items.map((s) => s.id),
          sorted.map((s) => s.id),
        );
        const pages = [];
        for (let page = 1; page <= 3; page++) {
          const p = await store.submissions.inbox(f.tenantId, { page, pageSize: 3 });
          assert.equal(p.total, 8);
          assert.equal(p.page, page);
          assert.equal(p.pageSize, 3);
          pages.push(...p.items.map((s) => s.id));
        }
        assert.deepEqual(
          pages,
          all.items.map((s) => s.id),
        );
        const beyond = await store.submissions.inbox(f.tenantId, { page: 9, pageSize: 3 });
        assert.deepEqual(beyond.items, []);
        assert.equal(beyond.total, 8);
      });

      it('filters by service and status', async () => {
        const byService = await store.submissions.inbox(f.tenantId, {
          serviceId: f.serviceId,
          page: 1,
          pageSize: 100,
        });
        assert.equal(byService.total, 4);
        assert.ok(byService.items.every((s) => s.serviceId === f.serviceId && s.serviceSlug === 'meldung'));
        const target = byService.items[0]!;
        assert.ok(
          await store.submissions.changeStatus(
            f.tenantId,
            target.id,
            'received',
            'in_progress',
            'x',
            staffAudit(f, target.id),
          ),
        );
        const inProgress = await store.submissions.inbox(f.tenantId, {
          status: 'in_progress',
          page: 1,
          pageSize: 100,
        });
        assert.deepEqual(
          inProgress.items.map((s) => s.id),
          [target.id],
        );
        const both = await store.submissions.inbox(f.tenantId, {
          serviceId: f.serviceId,
          status: 'received',
          page: 1,
          pageSize: 100,
        });
        assert.equal(both.total, 3);
      });
    });

    describe('changeStatus', () => {
      it('is a compare-and-set with an audit event', async () => {
        const draft = await newDraft(store, a);
        const { input, audit } = submissionInput(a, draft.id);
        await store.submissions.createFromDraft(input, audit);
        const at = '2025-03-02T09:00:00.000Z';
        assert.equal(
          await store.submissions.changeStatus(
            a.tenantId,
            input.id,
            'received',
            'in_progress',
            at,
            staffAudit(a, input.id),
          ),
          true,
        );
        // A second caseworker still believes it is `received`: refused, nothing written.
        assert.equal(
          await store.submissions.changeStatus(
            a.tenantId,
            input.id,
            'received',
            'completed',
            at,
            staffAudit(a, input.id),
          ),
          false,
        );
        const summary = await store.submissions.summaryById(a.tenantId, input.id);
        assert.equal(summary?.status, 'in_progress');
        assert.equal(summary?.updatedAt, at);
        const actions = (await store.audit.list(a.tenantId, input.id)).map((e) => e.action);
        assert.deepEqual(actions, ['submission.received', 'submission.status_changed']);
      });

      it('lets exactly one of several concurrent changes win', async () => {
        const draft = await newDraft(store, a);
        const { input, audit } = submissionInput(a, draft.id);
        await store.submissions.createFromDraft(input, audit);
        const results = await Promise.all(
          (['in_progress', 'completed', 'in_progress'] as const).map((to) =>
            store.submissions.changeStatus(
              a.tenantId,
              input.id,
              'received',
              to,
              'x',
              staffAudit(a, input.id),
            ),
          ),
        );
        assert.equal(results.filter(Boolean).length, 1);
        assert.equal((await store.audit.list(a.tenantId, input.id)).length, 2);
      });
    });
  });
}
