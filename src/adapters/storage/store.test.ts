import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DIALECTS, type TestDatabase } from '../../../test/support/databases.ts';
import {
  definition,
  newDraft,
  submissionInput,
  type TenantFixture,
  twoTenants,
} from '../../../test/support/storage/fixtures.ts';
import type { Store } from '../../core/ports.ts';

for (const d of DIALECTS) {
  describe(`store on ${d.name}`, () => {
    let database: TestDatabase;
    let store: Store;
    let a: TenantFixture;
    let b: TenantFixture;

    before(async () => {
      ({ database, store, a, b } = await twoTenants(d, 'a-stadt', 'b-dorf'));
    });
    after(() => database.destroy());

    describe('tenants', () => {
      it('finds tenants by slug and id and lists them', async () => {
        const tenant = await store.tenants.bySlug('a-stadt');
        assert.deepEqual(tenant, {
          id: a.tenantId,
          slug: 'a-stadt',
          name: { de: 'Stadt a-stadt' },
          ags: null,
        });
        assert.deepEqual(await store.tenants.byId(a.tenantId), tenant);
        assert.equal(await store.tenants.bySlug('nirgendwo'), undefined);
        const slugs = (await store.tenants.list()).map((t) => t.slug);
        assert.deepEqual(slugs, ['a-stadt', 'b-dorf']);
      });

      it('keeps both names and the AGS', async () => {
        const id = randomUUID();
        await store.tenants.create({ id, slug: 'c', name: { de: 'C-Stadt', en: 'C Town' }, ags: '09162000' });
        assert.deepEqual(await store.tenants.byId(id), {
          id,
          slug: 'c',
          name: { de: 'C-Stadt', en: 'C Town' },
          ags: '09162000',
        });
      });

      it('refuses a duplicate slug', async () => {
        await assert.rejects(
          store.tenants.create({ id: randomUUID(), slug: 'a-stadt', name: { de: 'x' }, ags: null }),
        );
      });
    });

    describe('services', () => {
      it('numbers versions and returns the newest', async () => {
        const v1 = await store.services.publish(
          a.tenantId,
          definition('umzug', 'Umzug v1'),
          '2025-01-01T00:00:00.000Z',
        );
        const v2 = await store.services.publish(
          a.tenantId,
          definition('umzug', 'Umzug v2'),
          '2025-01-02T00:00:00.000Z',
        );
        assert.equal(v1.version, 1);
        assert.equal(v2.version, 2);
        assert.equal(v2.serviceId, v1.serviceId);
        assert.equal(v2.slug, 'umzug');
        const latest = await store.services.latestBySlug(a.tenantId, 'umzug');
        assert.equal(latest?.id, v2.id);
        assert.equal(latest?.definition.title.de, 'Umzug v2');
        assert.deepEqual(await store.services.versionById(a.tenantId, v1.id), v1);
        const list = await store.services.listLatest(a.tenantId);
        assert.deepEqual(
          list.map((v) => [v.slug, v.version]),
          [
            ['meldung', 1],
            ['umzug', 2],
          ],
        );
      });

      it('versions services per tenant', async () => {
        const other = await store.services.publish(
          b.tenantId,
          definition('umzug'),
          '2025-01-03T00:00:00.000Z',
        );
        assert.equal(other.version, 1);
      });

      it('numbers concurrent publishes without gaps or duplicates', async () => {
        const results = await Promise.all(
          Array.from({ length: 5 }, () =>
            store.services.publish(a.tenantId, definition('parallel'), '2025-01-04T00:00:00.000Z'),
          ),
        );
        assert.deepEqual(results.map((v) => v.version).sort(), [1, 2, 3, 4, 5]);
      });
    });

    describe('drafts', () => {
      it('stores, finds and updates answers', async () => {
        const draft = await newDraft(store, a, { name: 'Max' });
        const found = await store.drafts.find(a.tenantId, a.serviceId, a.sessionHash);
        assert.equal(found?.id, a.draftId);
        await store.drafts.saveAnswers(
          a.tenantId,
          draft.id,
          { name: 'Moritz', kinder: ['a', 'b'] },
          '2025-03-02T00:00:00.000Z',
        );
        const rows = await database.db
          .selectFrom('drafts')
          .select('session_hash')
          .where('id', '=', draft.id)
          .execute();
        const again = await store.drafts.find(a.tenantId, a.serviceId, rows[0]!.session_hash);
        assert.deepEqual(again?.answers, { name: 'Moritz', kinder: ['a', 'b'] });
        assert.equal(again?.updatedAt, '2025-03-02T00:00:00.000Z');
        assert.equal(again?.submissionId, null);
      });

      it('returns the existing draft when a session starts the same service twice', async () => {
        const first = await newDraft(store, a, { name: 'Erste' });
        const row = await database.db
          .selectFrom('drafts')
          .select('session_hash')
          .where('id', '=', first.id)
          .executeTakeFirstOrThrow();
        const second = await store.drafts.create({
          id: randomUUID(),
          tenantId: a.tenantId,
          serviceId: a.serviceId,
          serviceVersionId: a.versionId,
          sessionHash: row.session_hash,
          answers: { name: 'Zweite' },
          createdAt: '2025-03-01T10:00:00.000Z',
          expiresAt: '2025-04-01T10:00:00.000Z',
        });
        assert.equal(second.id, first.id);
        assert.deepEqual(second.answers, { name: 'Erste' });
      });

      it('deletes expired drafts only', async () => {
        const expired = await newDraft(store, b, {}, '2025-03-05T00:00:00.000Z');
        const fresh = await newDraft(store, b, {}, '2025-03-07T00:00:00.000Z');
        assert.ok((await store.drafts.deleteExpired('2025-03-06T00:00:00.000Z')) >= 1);
        const ids = (await database.db.selectFrom('drafts').select('id').execute()).map((r) => r.id);
        assert.ok(!ids.includes(expired.id));
        assert.ok(ids.includes(fresh.id));
        await store.drafts.delete(b.tenantId, fresh.id);
        assert.equal(
          await database.db.selectFrom('drafts').select('id').where('id', '=', fresh.id).executeTakeFirst(),
          undefined,
        );
      });
    });

    describe('staff', () => {
      it("names a tenant's accounts for audit histories, and only its own", async () => {
        const id = randomUUID();
        await store.staff.create({
          id,
          tenantId: a.tenantId,
          username: `names-${d.name}`,
          displayName: 'Erika Mustermann',
          passwordHash: '$argon2id$x',
          roles: ['caseworker'],
        });
        assert.deepEqual(
          [...(await store.staff.displayNames(a.tenantId, [id, 'unknown']))],
          [[id, 'Erika Mustermann']],
        );
        assert.equal((await store.staff.displayNames(b.tenantId, [id])).size, 0);
        assert.equal((await store.staff.displayNames(a.tenantId, [])).size, 0);
      });

      it('finds an account by id only within its tenant; creating with an audit event writes both', async () => {
        const id = randomUUID();
        await store.staff.create(
          {
            id,
            tenantId: a.tenantId,
            username: `by-id-${d.name}`,
            displayName: 'Vera Waltung',
            passwordHash: '$argon2id$x',
            roles: ['admin', 'caseworker'],
          },
          {
            tenantId: a.tenantId,
            actorType: 'operator',
            actorId: null,
            action: 'staff.created',
            subjectType: 'staff_account',
            subjectId: id,
          },
        );
        assert.deepEqual((await store.staff.byId(a.tenantId, id))?.roles, ['caseworker', 'admin']);
        assert.equal(await store.staff.byId(b.tenantId, id), undefined);
        const events = await store.audit.list(a.tenantId, id);
        assert.deepEqual(
          events.map((e) => e.action),
          ['staff.created'],
        );
      });

      it('creates accounts and sessions, expires sessions', async () => {
        const accountId = randomUUID();
        await store.staff.create({
          id: accountId,
          tenantId: a.tenantId,
          username: `sb-${d.name}`,
          displayName: 'Sachbearbeiterin',
          passwordHash: '$argon2id$x',
          roles: ['caseworker'],
        });
        const account = await store.staff.byUsername(`sb-${d.name}`);
        assert.equal(account?.tenantId, a.tenantId);
        assert.equal(account?.passwordHash, '$argon2id$x');
        await store.staff.createSession({
          tokenHash: 'h1',
          accountId,
          tenantId: a.tenantId,
          expiresAt: '2025-03-01T12:00:00.000Z',
        });
        await store.staff.createSession({
          tokenHash: 'h2',
          accountId,
          tenantId: a.tenantId,
          expiresAt: '2025-03-01T08:00:00.000Z',
        });
        const found = await store.staff.sessionByTokenHash('h1', '2025-03-01T10:00:00.000Z');
        assert.ok(found);
        const { lastSeenAt, ...session } = found;
        assert.match(lastSeenAt, /^\d{4}-\d\d-\d\dT/, 'last used when created');
        assert.deepEqual(session, {
          id: 'h1',
          tenantId: a.tenantId,
          accountId,
          username: `sb-${d.name}`,
          displayName: 'Sachbearbeiterin',
          roles: ['caseworker'],
          expiresAt: '2025-03-01T12:00:00.000Z',
        });
        assert.equal(await store.staff.sessionByTokenHash('h2', '2025-03-01T10:00:00.000Z'), undefined);
        assert.equal(
          await store.staff.deleteExpiredSessions('2025-03-01T10:00:00.000Z', '2000-01-01T00:00:00.000Z'),
          1,
        );
        await store.staff.deleteSession('h1');
        assert.equal(await store.staff.sessionByTokenHash('h1', '2025-03-01T10:00:00.000Z'), undefined);
      });

      it('changes an account: sessions end, the change is audited, a disabled account gets no session', async () => {
        const accountId = randomUUID();
        const username = `wechsel-${d.name}`;
        await store.staff.create({
          id: accountId,
          tenantId: a.tenantId,
          username,
          displayName: 'Wechselnde',
          passwordHash: '$argon2id$old',
          roles: ['caseworker'],
        });
        const later = '2099-01-01T00:00:00.000Z';
        const open = async (tokenHash: string) =>
          store.staff.createSession({ tokenHash, accountId, tenantId: a.tenantId, expiresAt: later });
        const event = (action: string) => ({
          tenantId: a.tenantId,
          actorType: 'operator' as const,
          actorId: null,
          action,
          subjectType: 'staff_account',
          subjectId: accountId,
        });
        await open(`roles-${d.name}`);
        await store.staff.update(
          a.tenantId,
          accountId,
          { roles: ['designer', 'caseworker'] },
          event('staff.roles_changed'),
        );
        assert.equal(
          await store.staff.sessionByTokenHash(`roles-${d.name}`, '2025-01-01T00:00:00.000Z'),
          undefined,
        );
        assert.deepEqual((await store.staff.byUsername(username))?.roles, ['caseworker', 'designer']);

        await store.staff.update(
          a.tenantId,
          accountId,
          { passwordHash: '$argon2id$new' },
          event('staff.password_reset'),
        );
        assert.equal((await store.staff.byUsername(username))?.passwordHash, '$argon2id$new');

        await open(`disable-${d.name}`);
        await store.staff.update(
          a.tenantId,
          accountId,
          { disabledAt: '2025-01-02T00:00:00.000Z' },
          event('staff.disabled'),
        );
        assert.equal((await store.staff.byUsername(username))?.disabledAt, '2025-01-02T00:00:00.000Z');
        assert.equal(
          await store.staff.sessionByTokenHash(`disable-${d.name}`, '2025-01-01T00:00:00.000Z'),
          undefined,
        );
        await assert.rejects(open(`after-disable-${d.name}`), { code: 'ERR_NOT_FOUND' });
        const listed = await store.staff.listByTenant(a.tenantId);
        assert.equal(listed.find((x) => x.id === accountId)?.disabledAt, '2025-01-02T00:00:00.000Z');
        assert.ok(listed.every((x) => x.tenantId === a.tenantId));
        assert.equal(
          (await store.staff.listByTenant(b.tenantId)).some((x) => x.id === accountId),
          false,
        );

        await store.staff.update(a.tenantId, accountId, { disabledAt: null }, event('staff.enabled'));
        await open(`enabled-${d.name}`);
        assert.ok(await store.staff.sessionByTokenHash(`enabled-${d.name}`, '2025-01-01T00:00:00.000Z'));

        // Another tenant cannot change the account; nothing changes and nothing is audited.
        await assert.rejects(
          store.staff.update(
            b.tenantId,
            accountId,
            { disabledAt: later },
            { ...event('staff.disabled'), tenantId: b.tenantId },
          ),
          { code: 'ERR_NOT_FOUND' },
        );
        assert.equal((await store.staff.byUsername(username))?.disabledAt, null);
        assert.ok(await store.staff.sessionByTokenHash(`enabled-${d.name}`, '2025-01-01T00:00:00.000Z'));
        assert.deepEqual(
          (await store.audit.list(a.tenantId, accountId)).map((e) => [e.action, e.actorType]),
          [
            ['staff.roles_changed', 'operator'],
            ['staff.password_reset', 'operator'],
            ['staff.disabled', 'operator'],
            ['staff.enabled', 'operator'],
          ],
        );
        assert.equal((await store.audit.list(b.tenantId, accountId)).length, 0);
      });

      it("refuses a session for another tenant's account", async () => {
        const accountId = randomUUID();
        await store.staff.create({
          id: accountId,
          tenantId: a.tenantId,
          username: `x-${d.name}`,
          displayName: 'X',
          passwordHash: 'h',
          roles: ['designer'],
        });
        await assert.rejects(
          store.staff.createSession({
            tokenHash: 'h3',
            accountId,
            tenantId: b.tenantId,
            expiresAt: '2030-01-01T00:00:00.000Z',
          }),
          { code: 'ERR_NOT_FOUND' },
        );
      });
    });

    describe('audit', () => {
      it('records and lists events per subject', async () => {
        const subjectId = randomUUID();
        const event = {
          tenantId: a.tenantId,
          actorType: 'staff' as const,
          actorId: 'acc',
          action: 'submission.viewed',
          subjectType: 'submission',
          subjectId,
          details: { ip: 'x' },
        };
        await store.audit.record(event, '2025-03-01T10:00:01.000Z');
        await store.audit.record(
          { ...event, action: 'second', details: undefined },
          '2025-03-01T10:00:02.000Z',
        );
        const events = await store.audit.list(a.tenantId, subjectId);
        assert.deepEqual(
          events.map((e) => [e.action, e.at, e.details]),
          [
            ['submission.viewed', '2025-03-01T10:00:01.000Z', { ip: 'x' }],
            ['second', '2025-03-01T10:00:02.000Z', undefined],
          ],
        );
        assert.deepEqual(await store.audit.list(b.tenantId, subjectId), []);
      });
    });

    describe('tenant isolation', () => {
      it("returns nothing for another tenant's ids", async () => {
        const { input, audit } = submissionInput(a, a.draftId);
        const { submission } = await store.submissions.createFromDraft(input, audit);
        // Tenant B asks with tenant A's ids.
        assert.equal(await store.services.versionById(b.tenantId, a.versionId), undefined);
        assert.equal(await store.drafts.find(b.tenantId, a.serviceId, a.sessionHash), undefined);
        assert.equal(await store.submissions.byId(b.tenantId, submission.id), undefined);
        assert.equal(await store.submissions.summaryById(b.tenantId, submission.id), undefined);
        const inbox = await store.submissions.inbox(b.tenantId, { page: 1, pageSize: 50 });
        assert.ok(inbox.items.every((s) => s.tenantId === b.tenantId));
        assert.ok(!inbox.items.some((s) => s.id === submission.id));
        const changed = await store.submissions.changeStatus(
          b.tenantId,
          submission.id,
          'received',
          'completed',
          'x',
          {
            tenantId: b.tenantId,
            actorType: 'staff',
            actorId: null,
            action: 'status',
            subjectType: 'submission',
            subjectId: submission.id,
          },
        );
        assert.equal(changed, false);
        assert.deepEqual(await store.audit.list(b.tenantId, submission.id), []);
        // Writes with foreign ids change nothing.
        const before = await store.drafts.find(a.tenantId, a.serviceId, a.sessionHash);
        assert.ok(before);
        await store.drafts.saveAnswers(b.tenantId, a.draftId, { name: 'Eindringling' }, 'x');
        await store.drafts.delete(b.tenantId, a.draftId);
        const own = await store.drafts.find(a.tenantId, a.serviceId, a.sessionHash);
        assert.deepEqual(own, before);
        assert.equal((await store.submissions.summaryById(a.tenantId, submission.id))?.status, 'received');
        // B's latest services are B's own.
        assert.ok((await store.services.listLatest(b.tenantId)).every((v) => v.tenantId === b.tenantId));
        assert.equal(await store.services.latestBySlug(b.tenantId, 'parallel'), undefined);
      });

      it("refuses to submit another tenant's draft or version", async () => {
        const draftOfB = await newDraft(store, b);
        // Tenant A names B's draft: nothing may be created or marked.
        const foreignDraft = submissionInput(a, draftOfB.id);
        await assert.rejects(store.submissions.createFromDraft(foreignDraft.input, foreignDraft.audit), {
          code: 'ERR_NOT_FOUND',
        });
        // Tenant A names B's service version.
        const ownDraft = await newDraft(store, a);
        const foreignVersion = submissionInput(a, ownDraft.id, {
          serviceVersionId: b.versionId,
          serviceId: b.serviceId,
        });
        await assert.rejects(store.submissions.createFromDraft(foreignVersion.input, foreignVersion.audit), {
          code: 'ERR_NOT_FOUND',
        });
        const count = await database.db
          .selectFrom('submissions')
          .select('id')
          .where('draft_id', 'in', [draftOfB.id, ownDraft.id])
          .execute();
        assert.equal(count.length, 0);
      });
    });
  });
}
