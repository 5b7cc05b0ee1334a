/**
 * The operator's commands of deletion deadlines and the audit chain (ADR 0039, ADR 0040), run as
 * the real `amtsweg` process on a SQLite data directory the test fills through the store.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createApp, createLogger } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { AMTSWEG_COMMAND_ENV, amtswegArgs } from '../support/amtsweg-command.ts';
import { closedApplication } from '../support/retention.ts';
import { definition } from '../support/storage/fixtures.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'amtsweg-retention-cli-'));
const masterKey = randomBytes(32);
const env = { AMTSWEG_DATA_DIR: dataDir, AMTSWEG_MASTER_KEY: masterKey.toString('base64') };

function run(args: string[]) {
  const result = spawnSync(process.execPath, amtswegArgs(...args), {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...AMTSWEG_COMMAND_ENV, ...env },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The app over the same data directory, for what no command does (submitting, tampering). */
async function withApp<T>(task: (app: Awaited<ReturnType<typeof createApp>>) => Promise<T>): Promise<T> {
  const app = await createApp({
    config: loadConfig(env),
    masterKey,
    jobs: false,
    logger: createLogger('warn'),
  });
  try {
    return await task(app);
  } finally {
    await app.close();
  }
}

describe('amtsweg retention-run, audit verify, tenant-remove', () => {
  let applicationId = '';
  before(async () => {
    assert.equal(run(['tenant-add', '--slug', 'loeschdorf', '--name', 'Löschdorf']).code, 0);
    applicationId = await withApp(async (app) => {
      const tenant = await app.store.tenants.bySlug('loeschdorf');
      assert.ok(tenant);
      const version = await app.store.services.publish(
        tenant.id,
        definition('meldung'),
        '2026-01-01T00:00:00.000Z',
      );
      const fixture = {
        tenantId: tenant.id,
        serviceId: version.serviceId,
        versionId: version.id,
        draftId: '',
        sessionHash: '',
      };
      return (await closedApplication(app.store, fixture, '2026-01-10T09:00:00.000Z')).id;
    });
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test('audit seal and audit verify report an intact chain', () => {
    assert.match(run(['audit', 'seal']).stdout, /[1-9]\d* checkpoints appended/);
    const verified = run(['audit', 'verify']);
    assert.equal(verified.code, 0, verified.stderr);
    assert.match(verified.stdout, /loeschdorf: intact: 1 checkpoints, \d+ sealed events, 0 deleted/);
  });

  test('a wrong date or subcommand is refused and deletes nothing', () => {
    const wrong = run(['retention-run', '--as-of', 'next tuesday']);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /--as-of must be a date and time/);
    assert.equal(run(['audit', 'repair']).code, 2);
  });

  test('tenant-remove refuses a municipality that still has applications', () => {
    const refused = run(['tenant-remove', '--slug', 'loeschdorf']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /still has 1 applications.*Nothing was removed/);
  });

  test('retention-run deletes what is due and the chain still verifies, with the deletion recorded', async () => {
    const due = run(['retention-run', '--as-of', '2026-06-01T00:00:00Z']);
    assert.equal(due.code, 0, due.stderr);
    assert.match(due.stdout, /deleted: 1 applications, 0 files, 0 delivered outbox items/);
    const gone = await withApp(async (app) => {
      const tenant = await app.store.tenants.bySlug('loeschdorf');
      return app.store.submissions.byId(tenant?.id ?? '', applicationId);
    });
    assert.equal(gone, undefined);
    const verified = run(['audit', 'verify', '--tenant', 'loeschdorf']);
    assert.equal(verified.code, 0);
    assert.match(
      verified.stdout,
      /intact: 2 checkpoints, \d+ sealed events, 3 deleted under a deletion deadline \(0 to be recorded\)/,
    );
  });

  test('audit verify exits 1 and names the checkpoint when a sealed event was changed', async () => {
    // The deletion's own event, sealed by the run: the only sealed event left.
    const seq = await withApp(async (app) => {
      const row = await app.database.db
        .selectFrom('audit_events')
        .select('sealed_in')
        .where('action', '=', 'submission.deleted')
        .executeTakeFirstOrThrow();
      await app.database.db
        .updateTable('audit_events')
        .set({ details_json: '{"cause":"nothing"}' })
        .where('action', '=', 'submission.deleted')
        .execute();
      return row.sealed_in;
    });
    const verified = run(['audit', 'verify']);
    assert.equal(verified.code, 1);
    assert.match(
      verified.stdout,
      new RegExp(`loeschdorf: BROKEN at checkpoint ${seq}: an event it sealed was changed, deleted or moved`),
    );
  });

  test('tenant-remove removes a municipality without applications', async () => {
    const removed = run(['tenant-remove', '--slug', 'loeschdorf']);
    assert.equal(removed.code, 0, removed.stderr);
    assert.match(removed.stdout, /loeschdorf and all its data are removed/);
    const tenants = await withApp((app) => app.store.tenants.list());
    assert.deepEqual(tenants, []);
  });
});
