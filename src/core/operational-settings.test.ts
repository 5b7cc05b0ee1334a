import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS, type TestDatabase } from '../../test/support/databases.ts';
import { seedTenant, storeFor, type TenantFixture } from '../../test/support/storage/fixtures.ts';
import { OPERATOR } from './administration.ts';
import { OperationalSettings } from './operational-settings.ts';
import type { Store } from './ports.ts';
import type { SettingKind } from './settings/contract.ts';
import { settingKinds } from './settings/registry.ts';

/** A kind with a secret, as delivery channels will have (none is registered yet). */
const webhook: SettingKind<{ url: string; token: string }> = {
  scope: 'service',
  schema: {
    type: 'object',
    properties: { url: { type: 'string', maxLength: 200 }, token: { type: 'string', maxLength: 200 } },
    required: ['url', 'token'],
    additionalProperties: false,
  },
  secrets: ['token'],
  defaults: { url: '', token: '' },
};
const kinds = { ...settingKinds, 'delivery.webhook': webhook };
const admin = { type: 'staff', accountId: 'admin-account' } as const;

for (const d of DIALECTS) {
  describe(`operational settings use cases on ${d.name}`, () => {
    let database: TestDatabase;
    let store: Store;
    let settings: OperationalSettings<typeof kinds>;
    let a: TenantFixture;
    let b: TenantFixture;
    const clock = { now: () => new Date('2025-06-01T10:00:00.000Z') };

    before(async () => {
      database = await d.open();
      store = storeFor(database).store;
      settings = new OperationalSettings({ store, clock, kinds });
      a = await seedTenant(store, 'a-stadt');
      b = await seedTenant(store, 'b-dorf');
    });
    after(() => database.destroy());

    it('the default applies until an admin saves a value; the change is audited by option name', async () => {
      assert.deepEqual(await settings.effective(a.tenantId, a.serviceId, 'drafts.retention'), { days: 30 });
      assert.deepEqual(await settings.effective(a.tenantId, null, 'publishing.fourEyes'), {
        required: false,
      });
      const saved = await settings.save(a.tenantId, a.serviceId, 'drafts.retention', { days: '14' }, admin);
      assert.deepEqual(saved, { ok: true, changed: ['days'] });
      assert.deepEqual(await settings.effective(a.tenantId, a.serviceId, 'drafts.retention'), { days: 14 });
      assert.deepEqual(await settings.effective(b.tenantId, b.serviceId, 'drafts.retention'), { days: 30 });
      const [event] = (await store.audit.list(a.tenantId, a.serviceId)).filter(
        (e) => e.action === 'setting.changed',
      );
      assert.equal(event?.actorType, 'staff');
      assert.equal(event?.actorId, 'admin-account');
      assert.deepEqual(event?.details, {
        kind: 'drafts.retention',
        changed: ['days'],
        serviceId: a.serviceId,
      });
      const again = await settings.save(a.tenantId, a.serviceId, 'drafts.retention', { days: '14' }, admin);
      assert.deepEqual(again, { ok: true, changed: [] });
      assert.equal(
        (await store.audit.list(a.tenantId, a.serviceId)).filter((e) => e.action === 'setting.changed')
          .length,
        1,
        'saving the same value again writes nothing',
      );
    });

    it('refuses invalid options with their problems and changes nothing', async () => {
      const before = await store.operationalSettings.get(a.tenantId, a.serviceId, 'drafts.retention');
      for (const days of ['0', '91', 'dreißig', '', '2.5']) {
        const refused = await settings.save(a.tenantId, a.serviceId, 'drafts.retention', { days }, admin);
        assert.equal(refused.ok, false, days);
      }
      assert.deepEqual(
        await store.operationalSettings.get(a.tenantId, a.serviceId, 'drafts.retention'),
        before,
      );
      await assert.rejects(settings.save(a.tenantId, a.serviceId, 'unbekannt', {}, admin), {
        code: 'ERR_NOT_FOUND',
      });
      await assert.rejects(
        settings.save(a.tenantId, null, 'drafts.retention', { days: '5' }, admin),
        { code: 'ERR_NOT_FOUND' },
        'a per-service kind has no tenant-wide value',
      );
      await assert.rejects(settings.save(a.tenantId, a.serviceId, 'publishing.fourEyes', {}, admin), {
        code: 'ERR_NOT_FOUND',
      });
      await assert.rejects(settings.save(a.tenantId, a.serviceId, 'constructor', {}, admin), {
        code: 'ERR_NOT_FOUND',
      });
    });

    it('a secret is never shown back, kept when left empty and replaced only by a typed value', async () => {
      const saved = await settings.save(
        a.tenantId,
        a.serviceId,
        'delivery.webhook',
        { url: 'https://eingang.example', token: 'erstes-geheimnis' },
        admin,
      );
      assert.deepEqual(saved, { ok: true, changed: ['url', 'token'] });
      const [view] = (await settings.views(a.tenantId, a.serviceId)).filter(
        (v) => v.kind === 'delivery.webhook',
      );
      assert.deepEqual(view?.options, { url: 'https://eingang.example' }, 'no secret in what pages get');
      assert.deepEqual(view?.secretsSet, { token: true });
      assert.doesNotMatch(JSON.stringify(view), /erstes-geheimnis/);

      await settings.save(
        a.tenantId,
        a.serviceId,
        'delivery.webhook',
        { url: 'https://neu.example', token: '' },
        admin,
      );
      assert.deepEqual(await settings.effective(a.tenantId, a.serviceId, 'delivery.webhook'), {
        url: 'https://neu.example',
        token: 'erstes-geheimnis',
      });
      const replaced = await settings.save(
        a.tenantId,
        a.serviceId,
        'delivery.webhook',
        { url: 'https://neu.example', token: 'zweites-geheimnis' },
        OPERATOR,
      );
      assert.deepEqual(replaced, { ok: true, changed: ['token'] });
      assert.equal(
        (await settings.effective(a.tenantId, a.serviceId, 'delivery.webhook')).token,
        'zweites-geheimnis',
      );
      const events = await store.audit.list(a.tenantId, a.serviceId);
      assert.doesNotMatch(JSON.stringify(events), /geheimnis/, 'no secret in the audit log');
      const [other] = (await settings.views(b.tenantId, b.serviceId)).filter(
        (v) => v.kind === 'delivery.webhook',
      );
      assert.deepEqual(other?.secretsSet, { token: false }, 'another tenant has nothing set');
    });

    it('re-checks a stored value when it is read for use, and refuses one that no longer passes', async () => {
      await store.operationalSettings.put(
        {
          tenantId: b.tenantId,
          serviceId: b.serviceId,
          kind: 'drafts.retention',
          options: { days: 365 },
          secrets: {},
          updatedAt: clock.now().toISOString(),
          updatedBy: null,
        },
        {
          tenantId: b.tenantId,
          actorType: 'operator',
          actorId: null,
          action: 'setting.changed',
          subjectType: 'operational_setting',
          subjectId: b.serviceId,
        },
      );
      await assert.rejects(settings.effective(b.tenantId, b.serviceId, 'drafts.retention'), {
        code: 'ERR_SETTING_INVALID',
      });
      const [view] = await settings.views(b.tenantId, b.serviceId);
      assert.deepEqual(view?.problems, [{ option: 'days', code: 'out-of-range', minimum: 1, maximum: 90 }]);
    });
  });
}
