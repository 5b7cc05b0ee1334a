import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DIALECTS, type TestDatabase } from '../../../../test/support/databases.ts';
import { definition, type TenantFixture, twoTenants } from '../../../../test/support/storage/fixtures.ts';
import type { AuditEvent } from '../../../core/domain.ts';
import type { EntryMeta } from '../../../core/federation/format.ts';
import type { OwnKey, RemoteImport, Subscription } from '../../../core/federation/records.ts';
import type { Store } from '../../../core/ports.ts';

const AT = '2026-02-01T10:00:00.000Z';
const LATER = '2026-02-02T10:00:00.000Z';

const jwk = (x: string) =>
  ({ kty: 'OKP', crv: 'Ed25519', x, kid: `kid-${x}`, alg: 'EdDSA', use: 'sig' }) as const;
const key = (x: string, createdAt = AT): OwnKey => ({
  kid: `kid-${x}`,
  publicJwk: jwk(x),
  wrappedPrivateKey: `w2.test.${x}`,
  createdAt,
  retiredAt: null,
  rotationJws: null,
});
const entry = (id: string, title: string): EntryMeta => ({
  id,
  slug: 'hund-anmelden',
  title: { de: title },
  leika: '99102013002000',
  topic: 'Tiere',
  land: 'Niedersachsen',
  description: 'Beschreibung',
  licence: 'EUPL-1.2',
  contact: 'kontakt@example.de',
  provider: 'Musterstadt',
  offeredAt: AT,
});
const imported = (id: string, version: number, title = 'Hund anmelden'): RemoteImport => ({
  entry: entry(id, title),
  version,
  definitionJson: JSON.stringify(definition('hund-anmelden', title)),
  contentHash: `sha256:${String(version).padStart(64, '0')}`,
  publishedAt: AT,
});

for (const d of DIALECTS) {
  describe(`federation storage on ${d.name}`, () => {
    let database: TestDatabase;
    let store: Store;
    let a: TenantFixture;
    let subscription: Subscription;

    before(async () => {
      ({ database, store, a } = await twoTenants(d, 'a-stadt', 'b-dorf'));
      subscription = {
        id: randomUUID(),
        feedUrl: 'https://land.example/katalog/feed',
        instanceUrl: 'https://land.example/.well-known/amtsweg/instance',
        name: 'Amtsweg Land',
        operator: 'Land-IT',
        cursor: null,
        status: 'new',
        report: null,
        lastSyncAt: null,
        createdBy: 'admin',
        createdAt: AT,
      };
    });
    after(() => database.destroy());

    const audit = (action: string): AuditEvent => ({
      tenantId: a.tenantId,
      actorType: 'staff',
      actorId: 'admin',
      action,
      subjectType: 'federation_subscription',
      subjectId: subscription.id,
    });

    it('keeps one current key: a second first key and a rotation from a retired key are refused', async () => {
      assert.equal(await store.federation.addKey(key('one'), null), true);
      assert.equal(await store.federation.addKey(key('other'), null), false, 'another instance was first');
      assert.equal(await store.federation.addKey(key('two', LATER), 'kid-one'), true);
      assert.equal(
        await store.federation.addKey(key('three', LATER), 'kid-one'),
        false,
        'kid-one is retired',
      );
      const keys = await store.federation.keys();
      assert.deepEqual(
        keys.map((k) => [k.kid, k.retiredAt]),
        [
          ['kid-two', null],
          ['kid-one', LATER],
        ],
      );
    });

    it('appends shared versions to the feed once, in order, and pages after a position', async () => {
      const unfed = await store.federation.unfedVersions(10);
      assert.deepEqual(unfed, [], 'nothing offered, nothing shared');
      const item = (versionId: string, version: number) => ({
        versionId,
        entryId: 'entry-1',
        version,
        contentHash: `sha256:${version}`,
        packageJson: '{}',
        entry: entry('entry-1', 'Hund'),
        addedAt: AT,
      });
      await store.federation.appendToFeed([item('v1', 1), item('v2', 2)]);
      await store.federation.appendToFeed([item('v2', 2), item('v3', 3)]);
      const all = await store.federation.feed(0, 10);
      assert.deepEqual(
        all.map((i) => [i.seq, i.versionId]),
        [
          [1, 'v1'],
          [2, 'v2'],
          [3, 'v3'],
        ],
      );
      assert.deepEqual(
        (await store.federation.feed(1, 1)).map((i) => i.versionId),
        ['v2'],
      );
    });

    it('subscribes once per feed URL with its pinned key and audit event', async () => {
      const pinned = { kid: 'kid-land', publicJwk: jwk('land'), addedAt: AT, retiredAt: null };
      assert.equal(
        await store.federation.subscribe(subscription, pinned, audit('federation.subscribed')),
        true,
      );
      assert.equal(
        await store.federation.subscribe({ ...subscription, id: randomUUID() }, pinned, audit('again')),
        false,
      );
      assert.equal((await store.federation.subscriptions()).length, 1);
      assert.deepEqual(
        (await store.audit.list(a.tenantId, subscription.id)).map((e) => e.action),
        ['federation.subscribed'],
      );
    });

    it('imports a page entirely, reads it as catalog entries and versions, and finds it by its words', async () => {
      await store.federation.importPage(
        subscription.id,
        '2',
        [imported('remote-1', 1), imported('remote-1', 2, 'Hund anmelden (neu)')],
        AT,
        randomUUID,
      );
      assert.deepEqual(
        [...(await store.federation.heldVersions(subscription.id, ['remote-1', 'remote-2']))],
        [['remote-1', 2]],
      );
      const [found] = await store.federation.searchRemote(['hund', 'nieder'], 10);
      assert.ok(found);
      assert.equal(found.title.de, 'Hund anmelden (neu)');
      assert.deepEqual(found.installation, {
        subscriptionId: subscription.id,
        name: 'Amtsweg Land',
        operator: 'Land-IT',
      });
      assert.deepEqual(await store.federation.searchRemote(['katze'], 10), []);
      assert.deepEqual(await store.federation.searchRemote(['%'], 10), [], 'a % is a character');
      const viaCatalog = await store.catalog.entryById(found.id);
      assert.equal(viaCatalog?.tenantId, `remote:${subscription.id}`);
      const latest = await store.catalog.version(found.id);
      assert.equal(latest?.version, 2);
      assert.equal(latest?.definition.title.de, 'Hund anmelden (neu)');
      const first = (await store.catalog.version(found.id, 'no-such-version')) ?? undefined;
      assert.equal(first, undefined);
      const state = await store.federation.subscription(subscription.id);
      assert.equal(state?.cursor, '2');
      assert.equal(state?.status, 'ok');
    });

    it('a page that fails to import leaves nothing behind (a version held twice)', async () => {
      await assert.rejects(
        store.federation.importPage(
          subscription.id,
          '9',
          [imported('remote-2', 1), imported('remote-1', 2)],
          LATER,
          randomUUID,
        ),
      );
      assert.equal((await store.federation.subscription(subscription.id))?.cursor, '2');
      assert.deepEqual(await store.federation.searchRemote(['hund'], 10).then((r) => r.length), 1);
      assert.equal((await store.federation.heldVersions(subscription.id, ['remote-2'])).size, 0);
    });

    it('follows a rotation: the new key trusted, the old one retired; reports replace each other', async () => {
      await store.federation.followRotation(
        subscription.id,
        { kid: 'kid-new', publicJwk: jwk('new'), addedAt: LATER, retiredAt: null },
        'kid-land',
        LATER,
      );
      assert.deepEqual(
        (await store.federation.trustedKeys(subscription.id)).map((k) => [k.kid, k.retiredAt]),
        [
          ['kid-land', LATER],
          ['kid-new', null],
        ],
      );
      await store.federation.report(
        subscription.id,
        { kind: 'refused', refusals: [{ seq: 3, reason: 'replayed', service: 'x', version: 1 }] },
        LATER,
      );
      const state = await store.federation.subscription(subscription.id);
      assert.equal(state?.status, 'refused');
      assert.deepEqual(state?.report, {
        kind: 'refused',
        refusals: [{ seq: 3, reason: 'replayed', service: 'x', version: 1 }],
      });
    });

    it('ending a subscription removes its keys and what was not copied (audited)', async () => {
      assert.equal(
        await store.federation.unsubscribe(subscription.id, audit('federation.unsubscribed')),
        true,
      );
      assert.equal(
        await store.federation.unsubscribe(subscription.id, audit('federation.unsubscribed')),
        false,
      );
      assert.deepEqual(await store.federation.trustedKeys(subscription.id), []);
      assert.deepEqual(await store.federation.searchRemote([], 10), []);
    });
  });
}
