/**
 * A deletion run killed with SIGKILL in the middle and run again (ADR 0039), on both databases:
 * each application is deleted in one transaction and offered to the archive before, so after the
 * kill every application is either whole (and decrypts, with its file) or gone with everything of
 * it; the audit chain verifies; the next run finishes the work and every package is complete.
 * Bounded: the run is killed after its first deletions or after 60 s at the latest.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { directoryArchive } from '../../src/adapters/archive/directory.ts';
import { sealAll } from '../../src/core/audit-chain/seal.ts';
import { verifyTenant } from '../../src/core/audit-chain/verify.ts';
import type { Store } from '../../src/core/ports.ts';
import { runSubmissionRetention } from '../../src/core/retention/retention-run.ts';
import { DIALECTS, type TestDatabase } from '../support/databases.ts';
import { type ClosedApplication, closedApplication, erasureDeps } from '../support/retention.ts';
import { startRetentionProcess } from '../support/retention-run-process.ts';
import { TEST_MASTER_KEY, type TenantFixture, twoTenants } from '../support/storage/fixtures.ts';

const CLOSED = '2026-01-10T09:00:00.000Z';
const AS_OF = '2026-09-01T00:00:00.000Z';
const APPLICATIONS = 12;

for (const d of DIALECTS) {
  describe(`a deletion run killed in the middle on ${d.name}`, () => {
    let database: TestDatabase;
    let store: Store;
    let a: TenantFixture;
    let archiveDir: string;
    const apps: ClosedApplication[] = [];

    before(async () => {
      ({ database, store, a } = await twoTenants(d, 'a-stadt', 'b-stadt'));
      archiveDir = mkdtempSync(join(tmpdir(), 'amtsweg-archive-'));
      await store.operationalSettings.put(
        {
          tenantId: a.tenantId,
          serviceId: a.serviceId,
          kind: 'submissions.retention',
          options: { days: 90, filesDays: 90, deliveredDays: 30, archive: true },
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
      for (let i = 0; i < APPLICATIONS; i++)
        apps.push(await closedApplication(store, a, CLOSED, `Person ${i}`));
      await sealAll({ store, clock: { now: () => new Date(CLOSED) } });
    });
    after(async () => {
      await database.destroy();
      rmSync(archiveDir, { recursive: true, force: true });
    });

    const count = () => store.retention.submissionCount(a.tenantId);

    it('leaves every application whole or gone, and the next run finishes', async () => {
      const child = await startRetentionProcess(database.config, TEST_MASTER_KEY, AS_OF, archiveDir);
      const deadline = Date.now() + 60_000;
      while ((await count()) > APPLICATIONS - 2 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      await child.kill();
      const left = await count();
      assert.ok(left > 0 && left < APPLICATIONS, `killed in the middle: ${left} of ${APPLICATIONS} left`);

      // Whole or gone: what is left decrypts with its file; nothing of the deleted is left over.
      for (const app of apps) {
        const submission = await store.submissions.byId(a.tenantId, app.id);
        if (submission) {
          assert.equal(typeof submission.answers.name, 'string');
          const file = await store.attachments.contentOfSubmission(a.tenantId, app.id, app.fileId);
          assert.deepEqual(Buffer.from(file?.content ?? []), app.fileContent);
          assert.equal((await store.deliveries.ofSubmission(a.tenantId, app.id)).length, 1);
        } else {
          assert.deepEqual(await store.attachments.ofSubmission(a.tenantId, app.id), []);
          assert.deepEqual(await store.deliveries.ofSubmission(a.tenantId, app.id), []);
          assert.deepEqual(await store.audit.list(a.tenantId, app.id), []);
          assert.ok(
            existsSync(join(archiveDir, 'a-stadt', app.reference, 'manifest.json')),
            'archived before deleted',
          );
        }
      }
      assert.equal((await verifyTenant(store, a.tenantId)).broken, undefined);

      // Resumed: the rest goes, each offered to the archive; no partial package is left.
      const clock = { now: () => new Date(AS_OF) };
      const report = await runSubmissionRetention(erasureDeps(store, clock, directoryArchive(archiveDir)));
      assert.equal(report.submissions, left);
      assert.equal(await count(), 0);
      const packages = readdirSync(join(archiveDir, 'a-stadt'));
      assert.deepEqual(packages.sort(), apps.map((app) => app.reference).sort());
      await sealAll({ store, clock });
      const verified = await verifyTenant(store, a.tenantId);
      assert.equal(verified.broken, undefined);
      assert.equal(verified.pendingErasures, 0);
    });
  });
}
