import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS, type TestDatabase } from '../../test/support/databases.ts';
import { definition, seedTenant, storeFor } from '../../test/support/storage/fixtures.ts';
import type { ServiceDefinition } from '../definition/types.ts';
import { NetworkCatalog } from './catalog.ts';
import { CatalogCopies } from './catalog-copies.ts';
import { CatalogMerges } from './catalog-merge.ts';
import type { StaffSession } from './domain.ts';
import { ForbiddenError, NotFoundError } from './errors.ts';
import type { Store } from './ports.ts';
import { publishService } from './publishing.ts';
import { ServiceDrafts } from './service-drafts.ts';

const session = (tenantId: string, roles: StaffSession['roles'] = ['designer']): StaffSession => ({
  id: `s-${tenantId}`,
  tenantId,
  accountId: `0000000${tenantId.slice(7)}`,
  username: 'designer',
  displayName: 'Designer',
  roles,
  expiresAt: '2099-01-01T00:00:00.000Z',
  lastSeenAt: '2026-01-01T00:00:00.000Z',
});

const OFFER = {
  leika: '',
  topic: 'Tiere',
  land: 'Niedersachsen',
  description: 'Hund anmelden',
  licence: 'EUPL-1.2',
  contact: 'Steueramt',
  experience: '',
};

/** The origin's service: two fields, so one can conflict while the other merges cleanly. */
function origin(): ServiceDefinition {
  const d = definition('hund', 'Hund anmelden');
  d.steps[0]!.fields.push({ type: 'text', key: 'rasse', label: { de: 'Rasse' } });
  d.local.office = { name: { de: 'Steueramt Musterstadt' }, email: 'steuer@musterstadt.example' };
  return d;
}

let n = 0;
const newId = () => `00000000-0000-7000-8000-${String(++n).padStart(12, '0')}`;

for (const d of DIALECTS) {
  describe(`merging a copy's upstream improvement on ${d.name}`, () => {
    let database: TestDatabase;
    let store: Store;
    let ms: StaffSession;
    let bh: StaffSession;
    let merges: CatalogMerges;
    let copies: CatalogCopies;
    let drafts: ServiceDrafts;
    let now = new Date('2026-02-01T10:00:00.000Z');
    const clock = { now: () => now };
    const tick = () => {
      now = new Date(now.getTime() + 60_000);
    };

    /** The origin publishes its next version. */
    async function upstream(change: (d: ServiceDefinition) => void, message: string) {
      const live = await store.services.latestBySlug(ms.tenantId, 'hund');
      const next = structuredClone(live!.definition) as ServiceDefinition;
      change(next);
      tick();
      const published = await publishService({ store, clock }, ms.tenantId, next, {
        publishedBy: ms.accountId,
        changeMessage: message,
      });
      assert.ok(published.ok);
      return published.version;
    }

    /** The copy's draft handed over and published, as Service-Design does it. */
    async function publishDraft(draftId: string) {
      const draft = await store.editorDrafts.byId(bh.tenantId, draftId);
      const handed = await drafts.handOver(bh, draftId, draft!.version);
      assert.equal(handed.kind, 'created');
      if (handed.kind !== 'created') return undefined;
      tick();
      return store.candidates.publish(
        bh.tenantId,
        handed.candidate.id,
        handed.candidate.definition,
        now.toISOString(),
        (v) => ({
          tenantId: bh.tenantId,
          actorType: 'staff',
          actorId: bh.accountId,
          action: 'service.published',
          subjectType: 'service_candidate',
          subjectId: handed.candidate.id,
          details: { version: v.version },
        }),
        { publishedBy: bh.accountId, changeMessage: 'test' },
      );
    }

    /** Edits the copy's draft as JSON (the code view), on its current version. */
    async function editDraft(draftId: string, change: (d: ServiceDefinition) => void) {
      const draft = await store.editorDrafts.byId(bh.tenantId, draftId);
      const next = structuredClone(draft!.definition);
      change(next);
      tick();
      const saved = await drafts.saveCode(bh, draftId, draft!.version, JSON.stringify(next));
      assert.equal(saved.kind, 'saved');
    }

    const label = (d: ServiceDefinition, key: string) => {
      const field = d.steps[0]!.fields.find((f) => f.key === key);
      return field && 'label' in field ? field.label : undefined;
    };
    /** Relabels a text field of the first step. */
    const relabel = (d: ServiceDefinition, index: number, text: string) => {
      d.steps[0]!.fields[index] = {
        ...d.steps[0]!.fields[index]!,
        label: { de: text },
      } as (typeof d.steps)[0]['fields'][0];
    };

    before(async () => {
      database = await d.open();
      store = storeFor(database).store;
      ms = session((await seedTenant(store, 'musterstadt')).tenantId);
      bh = session((await seedTenant(store, 'beispielhausen')).tenantId);
      for (const s of [ms, bh]) {
        await store.staff.create({
          id: s.accountId,
          tenantId: s.tenantId,
          username: `${s.accountId}@x`,
          displayName: 'D',
          passwordHash: 'h',
          roles: ['designer'],
        });
      }
      const deps = { store, clock, newId };
      merges = new CatalogMerges(deps);
      copies = new CatalogCopies(deps);
      drafts = new ServiceDrafts(deps);
      const v1 = await publishService({ store, clock }, ms.tenantId, origin(), {
        publishedBy: ms.accountId,
        changeMessage: 'Erste Version',
      });
      assert.ok(v1.ok);
      const offered = await new NetworkCatalog(deps).offer(ms, 'hund', OFFER);
      assert.ok(offered.ok);
      const copied = await copies.copy(bh, offered.entryId, 'hund');
      assert.ok(copied.ok);
      // Beispielhausen puts in its office and says the name its own way, then publishes.
      await editDraft(copied.draft.id, (def) => {
        def.local.office = { name: { de: 'Ordnungsamt Beispielhausen' }, email: 'oa@beispielhausen.example' };
        relabel(def, 0, 'Ihr Name');
      });
      const published = await publishDraft(copied.draft.id);
      assert.equal(published?.version, 1);
    });
    after(() => database.destroy());

    it('merges into a draft: the clean change applied, the conflict kept at ours; nothing published', async () => {
      await upstream((def) => {
        relabel(def, 0, 'Vor- und Nachname');
        relabel(def, 1, 'Rasse des Hundes');
        def.local.office = { name: { de: 'Steueramt Musterstadt, Zimmer 2' } };
      }, 'Klarere Fragen');
      assert.equal((await copies.provenance(bh, 'hund'))?.newer?.version, 2);
      const started = await merges.start(bh, 'hund');
      assert.equal(started.kind, 'started');
      const page = await merges.page(bh, 'hund');
      assert.deepEqual(
        page.result.conflicts.map((c) => [c.id.replace(/^field:[^/]+/, 'field'), c.reason]),
        [['field/label', 'both-changed']],
      );
      const draft = page.draft.definition;
      assert.deepEqual(label(draft, 'rasse'), { de: 'Rasse des Hundes' }, 'the clean change is applied');
      assert.deepEqual(label(draft, 'name'), { de: 'Ihr Name' }, 'the conflict keeps ours');
      assert.deepEqual(
        draft.local.office.name,
        { de: 'Ordnungsamt Beispielhausen' },
        'local settings stay ours',
      );
      assert.ok(page.applied.length > 0, 'what the merge applied is listed');
      assert.deepEqual(page.problems, []);
      assert.equal((await store.services.latestBySlug(bh.tenantId, 'hund'))?.version, 1, 'nothing published');
      const event = (await store.audit.list(bh.tenantId, page.draft.id)).find(
        (e) => e.action === 'catalog.mergeStarted',
      );
      assert.equal(event?.details?.conflicts, 1);
    });

    it('refuses a decision on a stale draft version or for a conflict not open, changing nothing', async () => {
      const page = await merges.page(bh, 'hund');
      const id = page.result.conflicts[0]!.id;
      const stale = await merges.decide(bh, 'hund', page.draft.version - 1, [{ id, take: 'theirs' }]);
      assert.deepEqual(stale, { kind: 'draft-changed' });
      const unknown = await merges.decide(bh, 'hund', page.draft.version, [
        { id: 'field:nope/label', take: 'ours' },
      ]);
      assert.deepEqual(unknown, { kind: 'unknown-conflict', ids: ['field:nope/label'] });
      const empty = await merges.decide(bh, 'hund', page.draft.version, [
        { id, take: 'edit', text: { de: ' ' } },
      ]);
      assert.deepEqual(empty, { kind: 'invalid', ids: [id] });
      const after = await merges.page(bh, 'hund');
      assert.equal(after.draft.version, page.draft.version);
      assert.deepEqual(after.merge.resolutions, {});
    });

    it('refuses when the draft was saved in the editor since the merge; merging again starts from it', async () => {
      const page = await merges.page(bh, 'hund');
      const id = page.result.conflicts[0]!.id;
      await editDraft(page.draft.id, (def) => {
        def.summary = { de: 'Kurz, von Beispielhausen' };
      });
      const edited = await merges.page(bh, 'hund');
      assert.equal(edited.editedSince, true);
      const refused = await merges.decide(bh, 'hund', edited.draft.version, [{ id, take: 'theirs' }]);
      assert.deepEqual(refused, { kind: 'draft-changed' });
      assert.deepEqual((await store.editorDrafts.byId(bh.tenantId, page.draft.id))?.definition.summary, {
        de: 'Kurz, von Beispielhausen',
      });
      assert.equal((await merges.start(bh, 'hund')).kind, 'started');
      const again = await merges.page(bh, 'hund');
      assert.equal(again.editedSince, false);
      assert.equal(again.draft.id, page.draft.id, 'the same draft');
      assert.deepEqual(
        again.draft.definition.summary,
        { de: 'Kurz, von Beispielhausen' },
        'the edit is kept',
      );
      assert.deepEqual(
        again.result.conflicts.map((c) => c.id),
        [id],
      );
    });

    it('decides a conflict with an edited text; the draft holds it, and every decision is audited', async () => {
      const page = await merges.page(bh, 'hund');
      const id = page.result.conflicts[0]!.id;
      const saved = await merges.decide(bh, 'hund', page.draft.version, [
        { id, take: 'edit', text: { de: 'Vor- und Nachname (wie im Ausweis)', en: 'Full name' } },
      ]);
      assert.deepEqual(saved, { kind: 'saved', open: 0 });
      const decided = await merges.page(bh, 'hund');
      assert.deepEqual(label(decided.draft.definition, 'name'), {
        de: 'Vor- und Nachname (wie im Ausweis)',
        en: 'Full name',
      });
      assert.deepEqual(decided.result.conflicts, []);
      assert.equal(decided.draft.version, page.draft.version + 1);
      const event = (await store.audit.list(bh.tenantId, page.draft.id))
        .filter((e) => e.action === 'catalog.mergeDecided')
        .at(-1);
      assert.deepEqual(event?.details?.decided, [{ id, take: 'edit' }]);
    });

    it('publishing the merged draft moves the base: the notice goes, the version records it', async () => {
      const page = await merges.page(bh, 'hund');
      const version = await publishDraft(page.draft.id);
      assert.equal(version?.version, 2);
      const provenance = await copies.provenance(bh, 'hund');
      assert.equal(provenance?.base?.version, 2, 'the merged version is the new base');
      assert.equal(provenance?.newer, undefined, 'no notice until the origin publishes again');
      assert.equal(provenance?.merging, false);
      const history = await store.services.history(bh.tenantId, 'hund');
      assert.deepEqual(
        history.map((v) => [v.version, provenance?.basedOn.get(v.id)]),
        [
          [2, 2],
          [1, 1],
        ],
      );
      await assert.rejects(merges.page(bh, 'hund'), NotFoundError);
      await assert.rejects(merges.start(bh, 'hund'), NotFoundError);
    });

    it('a second upstream version merges against the new base, taking theirs', async () => {
      await upstream((def) => {
        relabel(def, 1, 'Rasse oder Mischling');
        relabel(def, 0, 'Name der Halterin oder des Halters');
      }, 'Noch klarer');
      assert.equal((await merges.start(bh, 'hund')).kind, 'started');
      const page = await merges.page(bh, 'hund');
      assert.equal(page.base.version, 2);
      assert.equal(page.theirs.version, 3);
      // Against base 2, Beispielhausen's name label (edited in the merge) conflicts again; the
      // breed's label does not (Beispielhausen took version 2's).
      assert.deepEqual(label(page.draft.definition, 'rasse'), { de: 'Rasse oder Mischling' });
      const id = page.result.conflicts[0]!.id;
      assert.equal(page.result.conflicts.length, 1);
      const saved = await merges.decide(bh, 'hund', page.draft.version, [{ id, take: 'theirs' }]);
      assert.deepEqual(saved, { kind: 'saved', open: 0 });
      const decided = await merges.page(bh, 'hund');
      assert.deepEqual(label(decided.draft.definition, 'name'), { de: 'Name der Halterin oder des Halters' });
      assert.equal((await publishDraft(decided.draft.id))?.version, 3);
      assert.equal((await copies.provenance(bh, 'hund'))?.base?.version, 3);
    });

    it('is for designers of the copying municipality only', async () => {
      await assert.rejects(merges.start(session(bh.tenantId, ['caseworker']), 'hund'), ForbiddenError);
      await assert.rejects(merges.page(session(bh.tenantId, ['caseworker']), 'hund'), ForbiddenError);
      await assert.rejects(merges.start(ms, 'hund'), NotFoundError, 'the origin has no upstream');
      await assert.rejects(merges.page(ms, 'hund'), NotFoundError);
    });
  });
}
