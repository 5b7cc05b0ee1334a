import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Migrator } from 'kysely';
import { DIALECTS, type TestDatabase } from '../../../../test/support/databases.ts';
import {
  definition,
  seedTenant,
  storeFor,
  type TenantFixture,
} from '../../../../test/support/storage/fixtures.ts';
import type { AuditEvent, ServiceCandidate } from '../../../core/domain.ts';
import type { Store } from '../../../core/ports.ts';
import { MIGRATIONS } from '../dialect/migrations/index.ts';

const META = { publishedBy: null, changeMessage: 'Test' };
const AT = '2025-05-01T10:00:00.000Z';

function candidate(f: TenantFixture, accountId: string, slug: string): ServiceCandidate {
  return {
    id: randomUUID(),
    tenantId: f.tenantId,
    slug,
    definition: definition(slug, `Hochgeladen ${slug}`),
    source: 'fim',
    fileName: 'schema.xml',
    warnings: [{ element: 'Datenfeld F1', message: 'simplified' }],
    uploadedBy: accountId,
    uploadedAt: AT,
    publishedVersionId: null,
    publishedAt: null,
    basedOnVersionId: null,
  };
}

function audit(f: TenantFixture, subjectId: string, action: string): AuditEvent {
  return {
    tenantId: f.tenantId,
    actorType: 'staff',
    actorId: null,
    action,
    subjectType: 'service_candidate',
    subjectId,
  };
}

for (const d of DIALECTS) {
  describe(`staff roles on ${d.name}`, () => {
    it('existing accounts become caseworkers when migration 0003 runs', async () => {
      const database = await d.open({ migrate: false });
      try {
        const provider = { getMigrations: async () => ({ ...MIGRATIONS }) };
        const migrator = new Migrator({
          db: database.db,
          provider,
          ...(database.schema ? { migrationTableSchema: database.schema } : {}),
        });
        const before = await migrator.migrateTo('0002-submission-fee');
        assert.equal(before.error, undefined);
        const tenantId = randomUUID();
        await database.db
          .insertInto('tenants')
          .values({
            id: tenantId,
            slug: 'alt',
            name_de: 'Alt',
            name_en: null,
            ags: null,
            wrapped_data_key: 'k',
            created_at: AT,
          })
          .execute();
        // Written as an older release would: there is no roles column yet.
        await (database.db as unknown as import('kysely').Kysely<Record<string, Record<string, unknown>>>)
          .insertInto('staff_accounts')
          .values({
            id: 'old',
            tenant_id: tenantId,
            username: 'old@alt',
            display_name: 'Alt',
            password_hash: 'h',
            created_at: AT,
          })
          .execute();
        const rest = await migrator.migrateToLatest();
        assert.equal(rest.error, undefined);
        const { store } = storeFor(database);
        assert.deepEqual((await store.staff.byUsername('old@alt'))?.roles, ['caseworker']);
      } finally {
        await database.destroy();
      }
    });
  });

  describe(`candidates on ${d.name}`, () => {
    let database: TestDatabase;
    let store: Store;
    let a: TenantFixture;
    let b: TenantFixture;
    const accountA = randomUUID();
    const accountB = randomUUID();

    before(async () => {
      database = await d.open();
      store = storeFor(database).store;
      a = await seedTenant(store, 'a-stadt');
      b = await seedTenant(store, 'b-dorf');
      for (const [id, f, roles] of [
        [accountA, a, ['designer', 'caseworker']],
        [accountB, b, ['designer']],
      ] as const) {
        await store.staff.create({
          id,
          tenantId: f.tenantId,
          username: `${id}@x`,
          displayName: 'D',
          passwordHash: 'h',
          roles: [...roles],
        });
      }
    });
    after(() => database.destroy());

    it('stores roles in a stable order and gives them to sessions', async () => {
      assert.deepEqual((await store.staff.byUsername(`${accountA}@x`))?.roles, ['caseworker', 'designer']);
      await store.staff.createSession({
        tokenHash: `t-${accountB}`,
        accountId: accountB,
        tenantId: b.tenantId,
        expiresAt: '2030-01-01T00:00:00.000Z',
      });
      const session = await store.staff.sessionByTokenHash(`t-${accountB}`, AT);
      assert.deepEqual(session?.roles, ['designer']);
    });

    it('creates a candidate with its audit event, scoped to its tenant', async () => {
      const c = candidate(a, accountA, 'neu');
      await store.candidates.create(c, audit(a, c.id, 'definition.uploaded'));
      assert.deepEqual(await store.candidates.byId(a.tenantId, c.id), c);
      assert.equal(await store.candidates.byId(b.tenantId, c.id), undefined);
      // The list carries summaries: the title, not the whole definition.
      const { definition: _whole, basedOnVersionId: _base, ...summary } = c;
      assert.deepEqual(await store.candidates.listOpen(a.tenantId), [
        { ...summary, title: c.definition.title },
      ]);
      assert.deepEqual(await store.candidates.listOpen(b.tenantId), []);
      assert.deepEqual(
        (await store.audit.list(a.tenantId, c.id)).map((e) => e.action),
        ['definition.uploaded'],
      );
    });

    it('publishes a candidate once, as the next version, atomically with its audit event', async () => {
      const c = candidate(a, accountA, 'meldung');
      await store.candidates.create(c, audit(a, c.id, 'definition.uploaded'));
      // Another tenant cannot publish it.
      assert.equal(
        await store.candidates.publish(b.tenantId, c.id, c.definition, AT, (v) => audit(b, v.id, 'x'), META),
        undefined,
      );
      const results = await Promise.all(
        [1, 2].map(() =>
          store.candidates.publish(
            a.tenantId,
            c.id,
            c.definition,
            AT,
            () => audit(a, c.id, 'service.published'),
            { publishedBy: accountA, changeMessage: 'Meldung ergänzt' },
          ),
        ),
      );
      const published = results.filter((r) => r !== undefined);
      assert.equal(published.length, 1, 'a double click publishes once');
      assert.equal(published[0]?.version, 2, 'the service already had version 1');
      assert.equal(published[0]?.serviceId, a.serviceId);
      assert.equal((await store.services.latestBySlug(a.tenantId, 'meldung'))?.id, published[0]?.id);
      // The history keeps who published the version and why.
      const [newest] = await store.services.history(a.tenantId, 'meldung');
      assert.equal(newest?.publishedBy, accountA);
      assert.equal(newest?.changeMessage, 'Meldung ergänzt');
      assert.equal(published[0]?.changeMessage, 'Meldung ergänzt');
      const stored = await store.candidates.byId(a.tenantId, c.id);
      assert.equal(stored?.publishedVersionId, published[0]?.id);
      assert.equal(stored?.publishedAt, AT);
      assert.ok(!(await store.candidates.listOpen(a.tenantId)).some((x) => x.id === c.id));
      assert.deepEqual(
        (await store.audit.list(a.tenantId, c.id)).map((e) => e.action),
        ['definition.uploaded', 'service.published'],
      );
      assert.equal((await store.services.latestBySlug(b.tenantId, 'meldung'))?.version, 1, 'b untouched');
    });

    it('deletes unpublished candidates uploaded before the cutoff, of every tenant, each with an audit event', async () => {
      const old = { ...candidate(a, accountA, 'alt'), uploadedAt: '2025-01-01T00:00:00.000Z' };
      const oldOfB = { ...candidate(b, accountB, 'alt-b'), uploadedAt: '2025-01-02T00:00:00.000Z' };
      const recent = { ...candidate(a, accountA, 'frisch'), uploadedAt: '2025-04-30T00:00:00.000Z' };
      const published = { ...candidate(a, accountA, 'fertig'), uploadedAt: '2025-01-01T00:00:00.000Z' };
      for (const [f, c] of [
        [a, old],
        [b, oldOfB],
        [a, recent],
        [a, published],
      ] as const) {
        await store.candidates.create(c, audit(f, c.id, 'definition.uploaded'));
      }
      await store.candidates.publish(
        a.tenantId,
        published.id,
        published.definition,
        AT,
        (v) => audit(a, v.id, 'service.published'),
        META,
      );
      const deleted = await store.candidates.deleteUnpublished('2025-02-01T00:00:00.000Z', AT);
      assert.ok(deleted >= 2);
      assert.equal(await store.candidates.byId(a.tenantId, old.id), undefined);
      assert.equal(await store.candidates.byId(b.tenantId, oldOfB.id), undefined);
      assert.ok(await store.candidates.byId(a.tenantId, recent.id));
      assert.ok(await store.candidates.byId(a.tenantId, published.id));
      const events = await store.audit.list(a.tenantId, old.id);
      assert.deepEqual(
        events.map((e) => [e.action, e.actorType, e.at]),
        [
          ['definition.uploaded', 'staff', old.uploadedAt],
          ['definition.deleted', 'system', AT],
        ],
      );
      assert.equal(events[1]?.details?.reason, 'retention');
      assert.deepEqual(
        (await store.audit.list(b.tenantId, oldOfB.id)).map((e) => e.action),
        ['definition.uploaded', 'definition.deleted'],
      );
    });
  });
}
