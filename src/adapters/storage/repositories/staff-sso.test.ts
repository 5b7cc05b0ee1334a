import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DIALECTS, type TestDatabase } from '../../../../test/support/databases.ts';
import { storeFor } from '../../../../test/support/storage/fixtures.ts';
import type { AuditEvent, StaffAccount } from '../../../core/domain.ts';
import type { Store } from '../../../core/ports.ts';

const LATER = new Date(Date.now() + 3600_000).toISOString();
const PAST = '2000-01-01T00:00:00.000Z';
const ISSUER = 'https://login.example.de/realms/verwaltung';

const event = (tenantId: string, accountId: string, action: string): AuditEvent => ({
  tenantId,
  actorType: 'system',
  actorId: null,
  action,
  subjectType: 'staff_account',
  subjectId: accountId,
});

async function tenant(store: Store, slug: string): Promise<string> {
  const id = randomUUID();
  await store.tenants.create({ id, slug, name: { de: slug }, ags: null });
  return id;
}

const account = (tenantId: string, username: string): StaffAccount => ({
  id: randomUUID(),
  tenantId,
  username,
  displayName: username,
  passwordHash: 'not-a-password',
  roles: ['caseworker'],
});

for (const d of DIALECTS) {
  describe(`staff single sign-on storage on ${d.name}`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await d.open();
    });
    after(() => database.destroy());

    it('a waiting login is taken once, its secrets encrypted; expired ones are dropped as new ones come', async () => {
      const { store } = storeFor(database);
      const tenantId = await tenant(store, `sso-pending-${d.name}`);
      const pending = {
        stateHash: randomUUID(),
        tenantId,
        sessionHash: 'session-hash',
        nonce: 'nonce-secret-value',
        codeVerifier: 'verifier-secret-value',
        createdAt: new Date().toISOString(),
        expiresAt: LATER,
      };
      await store.staffSso.savePending({ ...pending, stateHash: 'old', expiresAt: PAST });
      await store.staffSso.savePending(pending);
      const row = await database.db
        .selectFrom('staff_sso_requests')
        .select('secrets_enc')
        .where('state_hash', '=', pending.stateHash)
        .executeTakeFirstOrThrow();
      assert.ok(!row.secrets_enc.includes('nonce-secret-value') && !row.secrets_enc.includes('verifier'));
      assert.equal(await store.staffSso.takePending('old'), undefined, 'expired rows are gone');
      assert.deepEqual(await store.staffSso.takePending(pending.stateHash), pending);
      assert.equal(await store.staffSso.takePending(pending.stateHash), undefined, 'a state is good once');
    });

    it('linked accounts: found by issuer and subject within the tenant only; a taken username stores nothing', async () => {
      const { store } = storeFor(database);
      const a = await tenant(store, `sso-a-${d.name}`);
      const b = await tenant(store, `sso-b-${d.name}`);
      const link = { issuer: ISSUER, subject: `pseudonym-${d.name}` };
      const first = account(a, `sso-a-${d.name}/m.mueller`);
      assert.equal(
        await store.staffSso.createLinked(first, link, event(a, first.id, 'staff.sso_account_created')),
        'created',
      );
      assert.equal((await store.staffSso.linkedAccount(a, link))?.id, first.id);
      assert.equal(await store.staffSso.linkedAccount(b, link), undefined, 'another tenant');
      assert.equal(
        await store.staffSso.linkedAccount(a, { ...link, issuer: 'https://other.example.de' }),
        undefined,
      );

      const again = account(a, `sso-a-${d.name}/other-name`);
      assert.equal(
        await store.staffSso.createLinked(again, link, event(a, again.id, 'staff.sso_account_created')),
        'linked-meanwhile',
      );
      const taken = account(b, first.username);
      assert.equal(
        await store.staffSso.createLinked(
          taken,
          { ...link, subject: 'x' },
          event(b, taken.id, 'staff.sso_account_created'),
        ),
        'username-taken',
      );
      assert.equal(await store.staff.byId(b, taken.id), undefined);
      assert.deepEqual(
        (await store.audit.list(a, first.id)).map((e) => e.action),
        ['staff.sso_account_created'],
      );
      // The same identity at another municipality is another account there.
      const atB = account(b, `sso-b-${d.name}/m.mueller`);
      assert.equal(
        await store.staffSso.createLinked(atB, link, event(b, atB.id, 'staff.sso_account_created')),
        'created',
      );
    });

    it('refreshing: new facts stored; changed roles end the sessions with their audit event', async () => {
      const { store } = storeFor(database);
      const a = await tenant(store, `sso-r-${d.name}`);
      const linked = account(a, `sso-r-${d.name}/k.klein`);
      const link = { issuer: ISSUER, subject: `refresh-${d.name}` };
      await store.staffSso.createLinked(linked, link, event(a, linked.id, 'staff.sso_account_created'));
      await store.staff.createSession({
        tokenHash: `t-${d.name}`,
        accountId: linked.id,
        tenantId: a,
        expiresAt: LATER,
      });
      const facts = {
        username: `sso-r-${d.name}/k.klein2`,
        displayName: 'Karl Klein',
        roles: ['caseworker' as const],
      };
      assert.equal(await store.staffSso.refreshLinked(a, linked.id, facts), 'updated');
      assert.ok(
        await store.staff.sessionByTokenHash(`t-${d.name}`, new Date().toISOString()),
        'same roles: session kept',
      );
      assert.equal((await store.staff.byId(a, linked.id))?.username, facts.username);
      const roles = { ...facts, roles: ['admin' as const] };
      await store.staffSso.refreshLinked(a, linked.id, roles, event(a, linked.id, 'staff.sso_roles_changed'));
      assert.equal(await store.staff.sessionByTokenHash(`t-${d.name}`, new Date().toISOString()), undefined);
      assert.deepEqual((await store.staff.byId(a, linked.id))?.roles, ['admin']);
      const local = account(a, `sso-r-${d.name}/local`);
      await store.staff.create(local);
      assert.equal(
        await store.staffSso.refreshLinked(a, linked.id, { ...roles, username: local.username }),
        'username-taken',
      );
      await assert.rejects(store.staffSso.refreshLinked(a, local.id, roles), /no linked account/);
    });
  });
}
