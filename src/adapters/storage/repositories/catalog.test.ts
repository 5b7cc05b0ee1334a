import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DIALECTS, type TestDatabase } from '../../../../test/support/databases.ts';
import { definition, type TenantFixture, twoTenants } from '../../../../test/support/storage/fixtures.ts';
import { entryTerms, queryTerms } from '../../../core/catalog-terms.ts';
import type { AuditEvent, CatalogOffer, EditorDraft, ServiceOrigin } from '../../../core/domain.ts';
import type { Store } from '../../../core/ports.ts';

const AT = '2026-02-01T10:00:00.000Z';

const OFFER: CatalogOffer = {
  leika: '99102013002000',
  topic: 'Tiere',
  land: 'Niedersachsen',
  description: 'Meldung eines Hundes',
  licence: 'EUPL-1.2',
  contact: 'Steueramt',
  experience: '',
};

const audit = (tenantId: string, action: string): AuditEvent => ({
  tenantId,
  actorType: 'staff',
  actorId: 'designer',
  action,
  subjectType: 'service',
  subjectId: 'x',
});

function draftFor(tenantId: string, slug: string): EditorDraft {
  return {
    id: randomUUID(),
    tenantId,
    slug,
    definition: definition(slug, 'Kopie'),
    version: 1,
    source: 'catalog',
    sourceId: null,
    basedOnVersionId: null,
    createdBy: 'designer',
    createdAt: AT,
    updatedBy: 'designer',
    updatedAt: AT,
  };
}

for (const d of DIALECTS) {
  describe(`network catalog on ${d.name}`, () => {
    let database: TestDatabase;
    let store: Store;
    let a: TenantFixture;
    let b: TenantFixture;
    let entryId: string;

    before(async () => {
      ({ database, store, a, b } = await twoTenants(d, 'a-stadt', 'b-dorf'));
    });
    after(() => database.destroy());

    const offer = (tenant: TenantFixture, changes: Partial<CatalogOffer> = {}, title = 'Hund anmelden') =>
      store.catalog.offer(
        {
          id: randomUUID(),
          tenantId: tenant.tenantId,
          serviceId: tenant.serviceId,
          slug: 'meldung',
          title: { de: title },
          ...OFFER,
          ...changes,
        },
        entryTerms([title, OFFER.leika, changes.topic ?? OFFER.topic, changes.land ?? OFFER.land]),
        'designer',
        AT,
        audit(tenant.tenantId, 'catalog.offered'),
      );

    it('offers a service once per service: offering again changes the entry and its terms', async () => {
      entryId = await offer(a);
      const again = await offer(a, { topic: 'Steuern' });
      assert.equal(again, entryId, 'the same entry');
      const entry = await store.catalog.entryById(entryId);
      assert.equal(entry?.topic, 'Steuern');
      assert.equal(entry?.provider.de, 'Stadt a-stadt');
      assert.equal(entry?.inUse, 1, 'the origin runs it');
      assert.deepEqual(await store.catalog.search(queryTerms('tiere'), 50), [], 'old terms are gone');
      assert.deepEqual(
        (await store.catalog.search(queryTerms('steu'), 50)).map((e) => e.id),
        [entryId],
      );
      assert.equal((await store.catalog.entryOfService(a.tenantId, a.serviceId))?.id, entryId);
      assert.equal(await store.catalog.entryOfService(b.tenantId, a.serviceId), undefined);
      assert.equal((await store.audit.list(a.tenantId, 'x')).length, 2);
    });

    it('finds entries having every word of the search, by prefix, and nothing for a word none has', async () => {
      const other = await offer(b, { land: 'Bayern', topic: 'Abfall' }, 'Sperrmüll anmelden');
      assert.deepEqual(
        (await store.catalog.search(queryTerms('anm'), 50)).map((e) => e.id).sort(),
        [entryId, other].sort(),
      );
      assert.deepEqual(
        (await store.catalog.search(queryTerms('SPERRMULL bay'), 50)).map((e) => e.id),
        [other],
      );
      assert.deepEqual(
        (await store.catalog.search(queryTerms('9910201'), 50)).map((e) => e.id).sort(),
        [entryId, other].sort(),
      );
      assert.deepEqual(await store.catalog.search(queryTerms('sperrmüll niedersachsen'), 50), []);
      assert.equal((await store.catalog.search([], 1)).length, 1, 'the limit holds');
      // Newest first, for one word (its term index range, migration 0035) as for several.
      await store.catalog.offer(
        {
          id: randomUUID(),
          tenantId: a.tenantId,
          serviceId: a.serviceId,
          slug: 'meldung',
          title: { de: 'Hund anmelden' },
          ...OFFER,
        },
        entryTerms(['Hund anmelden', OFFER.leika, OFFER.topic, OFFER.land]),
        'designer',
        new Date(Date.parse(AT) + 60_000).toISOString(),
        audit(a.tenantId, 'catalog.offered'),
      );
      assert.deepEqual(
        (await store.catalog.search(queryTerms('anm'), 50)).map((e) => e.id),
        [entryId, other],
      );
      assert.deepEqual(
        (await store.catalog.search(queryTerms('anm'), 1)).map((e) => e.id),
        [entryId],
      );
      assert.deepEqual(
        (await store.catalog.search(queryTerms('anm 9910201'), 50)).map((e) => e.id),
        [entryId, other],
      );
      // The word with fewer entries leads the search; the words' order changes nothing.
      for (const query of ['9910201 anm', 'anm hund', 'hund anm']) {
        assert.deepEqual(
          (await store.catalog.search(queryTerms(query), 50)).map((e) => e.id),
          query.includes('hund') ? [entryId] : [entryId, other],
          query,
        );
      }
    });

    it('reads versions only through an entry: the offered service’s, never another', async () => {
      const newest = await store.catalog.version(entryId);
      assert.equal(newest?.id, a.versionId);
      assert.equal(newest?.tenantId, a.tenantId);
      assert.equal((await store.catalog.version(entryId, a.versionId))?.version, 1);
      // b's version is not reachable through a's entry.
      assert.equal(await store.catalog.version(entryId, b.versionId), undefined);
      assert.equal(await store.catalog.version(randomUUID()), undefined);
    });

    it('records a copy with its draft once per slug, and counts it in use once it is online', async () => {
      const origin: ServiceOrigin = {
        tenantId: b.tenantId,
        slug: 'hund-kopie',
        entryId,
        originTenantId: a.tenantId,
        originServiceId: a.serviceId,
        baseVersionId: a.versionId,
        licence: 'EUPL-1.2',
        attribution: 'Stadt a-stadt',
        copiedBy: 'designer',
        copiedAt: AT,
      };
      const draft = draftFor(b.tenantId, 'hund-kopie');
      assert.equal(await store.catalog.copy(origin, draft, audit(b.tenantId, 'catalog.copied')), true);
      assert.deepEqual(await store.catalog.originOf(b.tenantId, 'hund-kopie'), origin);
      assert.equal(await store.catalog.originOf(a.tenantId, 'hund-kopie'), undefined);
      assert.equal((await store.editorDrafts.byId(b.tenantId, draft.id))?.source, 'catalog');
      // The same slug again: refused, nothing written.
      const second = draftFor(b.tenantId, 'hund-kopie');
      assert.equal(await store.catalog.copy(origin, second, audit(b.tenantId, 'catalog.copied')), false);
      assert.equal(await store.editorDrafts.byId(b.tenantId, second.id), undefined);
      // A draft is not in use; the published copy is.
      assert.equal((await store.catalog.entryById(entryId))?.inUse, 1);
      await store.services.publish(b.tenantId, definition('hund-kopie'), AT);
      assert.equal((await store.catalog.entryById(entryId))?.inUse, 2);
    });

    it('keeps comments of municipalities in order, with their names', async () => {
      for (const [tenant, text] of [
        [b, 'Gut übernommen'],
        [a, 'Danke'],
      ] as const) {
        await store.catalog.comment(
          { id: randomUUID(), entryId, tenantId: tenant.tenantId, authorId: 'designer', text, createdAt: AT },
          audit(tenant.tenantId, 'catalog.commented'),
        );
      }
      const comments = await store.catalog.comments(entryId);
      assert.deepEqual(comments.map((c) => [c.municipality.de, c.text]).sort(), [
        ['Stadt a-stadt', 'Danke'],
        ['Stadt b-dorf', 'Gut übernommen'],
      ]);
    });

    it('deleting a service takes its entry, its terms and comments and its own origin along', async () => {
      const c = (await store.services.latestBySlug(b.tenantId, 'hund-kopie'))!;
      const outcome = await store.services.delete(
        b.tenantId,
        c.serviceId,
        audit(b.tenantId, 'service.deleted'),
        AT,
      );
      assert.equal(outcome, 'deleted');
      assert.equal(await store.catalog.originOf(b.tenantId, 'hund-kopie'), undefined);
      assert.equal((await store.catalog.entryById(entryId))?.inUse, 1);
      // The origin's service: its entry, terms and comments are gone from the catalog.
      assert.equal(
        await store.services.delete(a.tenantId, a.serviceId, audit(a.tenantId, 'service.deleted'), AT),
        'deleted',
      );
      assert.equal(await store.catalog.entryById(entryId), undefined);
      assert.equal((await store.catalog.comments(entryId)).length, 0);
      assert.ok(!(await store.catalog.search(queryTerms('hund'), 50)).some((e) => e.id === entryId));
    });
  });
}
