import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DIALECTS, type TestDatabase } from '../../../test/support/databases.ts';
import {
  type ClosedApplication,
  closedApplication,
  erasureDeps,
  testClock,
  tracesInRows,
  tracesInSqliteFiles,
  tracesOf,
} from '../../../test/support/retention.ts';
import { type TenantFixture, twoTenants } from '../../../test/support/storage/fixtures.ts';
import { directoryArchive } from '../../adapters/archive/directory.ts';
import { sealAll } from '../audit-chain/seal.ts';
import { verifyTenant } from '../audit-chain/verify.ts';
import { entryTerms } from '../catalog-terms.ts';
import type { Store } from '../ports.ts';
import { runSubmissionRetention } from './retention-run.ts';

const CLOSED = '2026-01-10T09:00:00.000Z';

for (const d of DIALECTS) {
  describe(`deletion deadlines on ${d.name}`, () => {
    let database: TestDatabase;
    let store: Store;
    let a: TenantFixture;
    let b: TenantFixture;
    const clock = testClock(CLOSED);

    before(async () => {
      ({ database, store, a, b } = await twoTenants(d, 'a-stadt', 'b-stadt'));
    });
    after(() => database.destroy());

    it('deletes a closed application after 90 days with every trace of it, and nothing else', async () => {
      const expired = await closedApplication(store, a, CLOSED);
      const otherTenant = await closedApplication(store, b, CLOSED, 'Bea Beispiel');
      const recent = await closedApplication(store, a, '2026-03-01T09:00:00.000Z', 'Max Muster');
      await sealAll({ store, clock });
      const traces = await tracesOf(database, expired);
      clock.set('2026-04-09T10:00:00.000Z'); // 89 days after closing: not yet
      const deps = erasureDeps(store, clock);
      assert.equal((await runSubmissionRetention(deps)).submissions, 0);
      assert.ok(await store.submissions.byId(a.tenantId, expired.id));

      clock.set('2026-04-11T10:00:00.000Z'); // 91 days
      const report = await runSubmissionRetention(deps);
      assert.equal(report.submissions, 2, 'the expired ones of both municipalities');
      assert.equal(await store.submissions.byId(a.tenantId, expired.id), undefined);
      assert.equal(await store.submissions.byId(b.tenantId, otherTenant.id), undefined);
      assert.deepEqual(await tracesInRows(database, traces), []);
      if (database.sqlitePath) assert.deepEqual(tracesInSqliteFiles(database.sqlitePath, traces), []);

      // What is not due stays whole and still decrypts, with its file.
      const kept = await store.submissions.byId(a.tenantId, recent.id);
      assert.deepEqual(kept?.answers, { name: 'Max Muster' });
      const file = await store.attachments.contentOfSubmission(a.tenantId, recent.id, recent.fileId);
      assert.deepEqual(Buffer.from(file?.content ?? []), recent.fileContent);

      // The audit keeps that something was deleted, without naming it.
      const events = await store.audit.list(a.tenantId, a.serviceId);
      const deleted = events.filter((e) => e.action === 'submission.deleted');
      assert.equal(deleted.length, 1);
      assert.deepEqual(deleted[0]?.details, {
        cause: 'retention',
        submittedMonth: '2026-01',
        archived: false,
      });
      assert.equal(deleted[0]?.actorType, 'system');

      // The chain records the deletion of sealed events and is not broken by it.
      await sealAll({ store, clock });
      const verified = await verifyTenant(store, a.tenantId);
      assert.equal(verified.broken, undefined);
      assert.ok(verified.erasures >= 3, `the submit and two status changes: ${verified.erasures}`);
      assert.equal(verified.pendingErasures, 0);
    });

    it('deletes files and delivered outbox items by their own, shorter deadlines', async () => {
      clock.set(CLOSED);
      const app = await closedApplication(store, a, CLOSED, 'Fritz Datei');
      const [item] = await store.deliveries.ofSubmission(a.tenantId, app.id);
      assert.ok(item);
      const claimed = await store.deliveries.claim(
        'test',
        '2026-01-10T09:00:01.000Z',
        '2026-01-10T10:00:00.000Z',
        100,
      );
      for (const c of claimed) await store.deliveries.finish(c.id, 'test', { kind: 'delivered', at: CLOSED });
      await store.operationalSettings.put(
        {
          tenantId: a.tenantId,
          serviceId: a.serviceId,
          kind: 'submissions.retention',
          options: { days: 365, filesDays: 30, deliveredDays: 7, archive: false },
          secrets: {},
          updatedAt: CLOSED,
          updatedBy: null,
        },
        {
          tenantId: a.tenantId,
          actorType: 'operator',
          actorId: null,
          action: 'setting.changed',
          subjectType: 'operational_setting',
          subjectId: 'submissions.retention',
        },
      );
      clock.set('2026-01-20T10:00:00.000Z'); // 10 days: the delivered item goes, the file stays
      const deps = erasureDeps(store, clock);
      const first = await runSubmissionRetention(deps);
      assert.ok(first.deliveries >= 1);
      assert.equal(first.files, 0);
      assert.deepEqual(await store.deliveries.ofSubmission(a.tenantId, app.id), []);
      assert.equal((await store.attachments.ofSubmission(a.tenantId, app.id)).length, 1);

      clock.set('2026-02-15T10:00:00.000Z'); // 36 days: the file goes, the application stays
      const second = await runSubmissionRetention(deps);
      assert.ok(second.files >= 1);
      assert.equal(second.submissions, 0);
      assert.deepEqual(await store.attachments.ofSubmission(a.tenantId, app.id), []);
      assert.deepEqual((await store.submissions.byId(a.tenantId, app.id))?.answers, { name: 'Fritz Datei' });
      const actions = (await store.audit.list(a.tenantId, a.serviceId)).map((e) => e.action);
      assert.ok(actions.includes('retention.files-deleted'));
      assert.ok(actions.includes('retention.deliveries-deleted'));
    });

    it('offers an application to the archive as a documented package before deleting it', async () => {
      clock.set(CLOSED);
      const app: ClosedApplication = await closedApplication(store, b, CLOSED, 'Anna Archiv');
      await store.operationalSettings.put(
        {
          tenantId: b.tenantId,
          serviceId: b.serviceId,
          kind: 'submissions.retention',
          options: { days: 90, filesDays: 90, deliveredDays: 30, archive: true },
          secrets: {},
          updatedAt: CLOSED,
          updatedBy: null,
        },
        {
          tenantId: b.tenantId,
          actorType: 'operator',
          actorId: null,
          action: 'setting.changed',
          subjectType: 'operational_setting',
          subjectId: 'submissions.retention',
        },
      );
      clock.set('2026-06-01T10:00:00.000Z');
      // Without an archive directory it waits: nothing is deleted that nobody archived.
      const waiting = await runSubmissionRetention(erasureDeps(store, clock));
      assert.deepEqual(waiting.waitingForArchive, [{ tenantId: b.tenantId, serviceId: b.serviceId }]);
      assert.ok(await store.submissions.byId(b.tenantId, app.id));

      const dir = mkdtempSync(join(tmpdir(), 'amtsweg-archive-'));
      try {
        const report = await runSubmissionRetention(erasureDeps(store, clock, directoryArchive(dir)));
        assert.equal(report.submissions, 1);
        assert.equal(await store.submissions.byId(b.tenantId, app.id), undefined);
        const pkg = join(dir, 'b-stadt', app.reference);
        const manifest = JSON.parse(readFileSync(join(pkg, 'manifest.json'), 'utf8'));
        assert.equal(manifest.format, 'amtsweg-archive-package');
        assert.equal(manifest.application.reference, app.reference);
        assert.deepEqual(
          manifest.files.map((f: { role: string }) => f.role),
          ['data', 'receipt', 'attachment'],
        );
        for (const f of manifest.files as Array<{ path: string; sha256: string; size: number }>) {
          const bytes = readFileSync(join(pkg, f.path));
          assert.equal(createHash('sha256').update(bytes).digest('hex'), f.sha256, f.path);
          assert.equal(bytes.byteLength, f.size);
        }
        assert.deepEqual(JSON.parse(readFileSync(join(pkg, 'data.json'), 'utf8')), { name: 'Anna Archiv' });
        assert.equal(readFileSync(join(pkg, 'receipt.pdf')).subarray(0, 5).toString(), '%PDF-');
        assert.deepEqual(readFileSync(join(pkg, 'attachments', '001-nachweis.pdf')), app.fileContent);
        assert.deepEqual(readdirSync(join(dir, 'b-stadt')), [app.reference], 'no partial package left');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('removes a municipality only once none of its applications is left', async () => {
      const { removeTenant } = await import('./tenant-removal.ts');
      const slug = 'c-stadt';
      const { seedTenant } = await import('../../../test/support/storage/fixtures.ts');
      const c = await seedTenant(store, slug);
      const app = await closedApplication(store, c, CLOSED, 'Clara C');
      await sealAll({ store, clock });
      assert.deepEqual(await removeTenant(store, slug), { removed: false, submissions: 1 });
      assert.ok(await store.tenants.bySlug(slug), 'refused: nothing changed');
      assert.ok(await store.submissions.byId(c.tenantId, app.id));

      const deps = erasureDeps(store, clock);
      const { eraseSubmission } = await import('./erase-submission.ts');
      const tenant = await store.tenants.byId(c.tenantId);
      assert.ok(tenant);
      assert.equal(await eraseSubmission(deps, tenant, app.id, { kind: 'retention' }), 'deleted');
      // Its catalog entry (with a comment from another municipality) and its own comment on
      // another municipality's entry go with it.
      const catalogAudit = (tenantId: string) => ({
        tenantId,
        actorType: 'staff' as const,
        actorId: 'designer',
        action: 'catalog.offered',
        subjectType: 'service',
        subjectId: 'meldung',
      });
      const offered = (t: TenantFixture) =>
        store.catalog.offer(
          {
            id: randomUUID(),
            tenantId: t.tenantId,
            serviceId: t.serviceId,
            slug: 'meldung',
            title: { de: 'Hund' },
            leika: '99102013002000',
            topic: 'Tiere',
            land: 'Niedersachsen',
            description: '',
            licence: 'EUPL-1.2',
            contact: 'Amt',
            experience: '',
          },
          entryTerms(['Hund']),
          'designer',
          CLOSED,
          catalogAudit(t.tenantId),
        );
      const cEntry = await offered(c);
      const aEntry = await offered(a);
      const remark = (entryId: string, tenantId: string) =>
        store.catalog.comment(
          {
            id: randomUUID(),
            entryId,
            tenantId,
            authorId: 'designer',
            text: 'Gute Erfahrungen',
            createdAt: CLOSED,
          },
          catalogAudit(tenantId),
        );
      await remark(cEntry, a.tenantId);
      await remark(aEntry, c.tenantId);
      assert.deepEqual(await removeTenant(store, slug), { removed: true });
      assert.equal(await store.catalog.entryById(cEntry), undefined);
      assert.deepEqual(await store.catalog.comments(aEntry), [], 'its comment elsewhere is gone');
      assert.ok(await store.catalog.entryById(aEntry), 'the other entry stays');
      assert.equal(await store.tenants.bySlug(slug), undefined);
      assert.deepEqual(await tracesInRows(database, [c.tenantId]), []);
      // The other municipalities are untouched and their chains still verify.
      assert.ok(await store.tenants.byId(a.tenantId));
      assert.equal((await verifyTenant(store, a.tenantId)).broken, undefined);
    });
  });
}
