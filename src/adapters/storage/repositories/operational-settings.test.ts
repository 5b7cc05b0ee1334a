import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS, type TestDatabase } from '../../../../test/support/databases.ts';
import { type TenantFixture, twoTenants } from '../../../../test/support/storage/fixtures.ts';
import type { AuditEvent, OperationalSetting } from '../../../core/domain.ts';
import type { Store } from '../../../core/ports.ts';

const AT = '2025-06-01T10:00:00.000Z';

function setting(f: TenantFixture, overrides: Partial<OperationalSetting> = {}): OperationalSetting {
  return {
    tenantId: f.tenantId,
    serviceId: f.serviceId,
    kind: 'drafts.retention',
    options: { days: 14 },
    secrets: {},
    updatedAt: AT,
    updatedBy: null,
    ...overrides,
  };
}

function audit(f: TenantFixture, kind: string): AuditEvent {
  return {
    tenantId: f.tenantId,
    actorType: 'operator',
    actorId: null,
    action: 'setting.changed',
    subjectType: 'operational_setting',
    subjectId: f.serviceId,
    details: { kind, changed: ['days'] },
  };
}

for (const d of DIALECTS) {
  describe(`operational settings on ${d.name}`, () => {
    let database: TestDatabase;
    let store: Store;
    let a: TenantFixture;
    let b: TenantFixture;

    before(async () => {
      ({ database, store, a, b } = await twoTenants(d, 'a-stadt', 'b-dorf'));
    });
    after(() => database.destroy());

    it('stores a setting per service and one tenant-wide, and replaces them on save', async () => {
      await store.operationalSettings.put(setting(a), audit(a, 'drafts.retention'));
      await store.operationalSettings.put(
        setting(a, { serviceId: null, kind: 'publishing.fourEyes', options: { required: true } }),
        audit(a, 'publishing.fourEyes'),
      );
      assert.deepEqual(
        await store.operationalSettings.get(a.tenantId, a.serviceId, 'drafts.retention'),
        setting(a),
      );
      assert.deepEqual(
        (await store.operationalSettings.get(a.tenantId, null, 'publishing.fourEyes'))?.options,
        { required: true },
      );
      assert.equal(
        await store.operationalSettings.get(a.tenantId, null, 'drafts.retention'),
        undefined,
        'the tenant-wide and the per-service value are different rows',
      );

      const later = '2025-06-02T10:00:00.000Z';
      await store.operationalSettings.put(
        setting(a, { options: { days: 60 }, updatedAt: later, updatedBy: 'admin-1' }),
        audit(a, 'drafts.retention'),
      );
      const replaced = await store.operationalSettings.get(a.tenantId, a.serviceId, 'drafts.retention');
      assert.deepEqual(replaced?.options, { days: 60 });
      assert.equal(replaced?.updatedAt, later);
      assert.equal(replaced?.updatedBy, 'admin-1');
      assert.equal((await store.operationalSettings.listByTenant(a.tenantId)).length, 2, 'no second row');
      const events = await store.audit.list(a.tenantId, a.serviceId);
      assert.equal(events.filter((e) => e.action === 'setting.changed').length, 3, 'each save is audited');
    });

    it('keeps tenants apart: no read, list or audit of another tenant', async () => {
      await store.operationalSettings.put(setting(b, { options: { days: 7 } }), audit(b, 'drafts.retention'));
      assert.equal(
        await store.operationalSettings.get(a.tenantId, b.serviceId, 'drafts.retention'),
        undefined,
      );
      assert.equal(
        await store.operationalSettings.get(b.tenantId, a.serviceId, 'drafts.retention'),
        undefined,
      );
      assert.ok(
        (await store.operationalSettings.listByTenant(a.tenantId)).every((s) => s.tenantId === a.tenantId),
      );
      assert.deepEqual(
        (await store.operationalSettings.listByTenant(b.tenantId)).map((s) => s.options),
        [{ days: 7 }],
      );
      assert.ok((await store.audit.list(a.tenantId, b.serviceId)).length === 0);
    });

    it('refuses a secret copied to another setting or tenant', async () => {
      await store.operationalSettings.put(
        setting(a, { kind: 'delivery.webhook', options: {}, secrets: { token: 'geheim-a' } }),
        audit(a, 'delivery.webhook'),
      );
      await store.operationalSettings.put(
        setting(a, { kind: 'delivery.other', options: {}, secrets: { token: 'geheim-b' } }),
        audit(a, 'delivery.other'),
      );
      const row = await database.db
        .selectFrom('operational_settings')
        .select('secrets_enc')
        .where('tenant_id', '=', a.tenantId)
        .where('kind', '=', 'delivery.webhook')
        .executeTakeFirstOrThrow();
      await database.db
        .updateTable('operational_settings')
        .set({ secrets_enc: row.secrets_enc })
        .where('tenant_id', '=', a.tenantId)
        .where('kind', '=', 'delivery.other')
        .execute();
      await assert.rejects(store.operationalSettings.get(a.tenantId, a.serviceId, 'delivery.other'), {
        code: 'ERR_DECRYPT_FAILED',
      });
    });

    it('writes neither the setting nor its audit event when one of them fails', async () => {
      const broken = { ...audit(a, 'drafts.retention'), subjectId: null as unknown as string };
      await assert.rejects(
        store.operationalSettings.put(setting(a, { kind: 'halb', options: { days: 3 } }), broken),
      );
      assert.equal(await store.operationalSettings.get(a.tenantId, a.serviceId, 'halb'), undefined);
    });
  });
}
