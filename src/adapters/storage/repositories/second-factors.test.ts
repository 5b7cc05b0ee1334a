import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DIALECTS, type TestDatabase } from '../../../../test/support/databases.ts';
import { seedTenant, storeFor } from '../../../../test/support/storage/fixtures.ts';
import type { AuditEvent } from '../../../core/domain.ts';
import type { Store } from '../../../core/ports.ts';
import { type Database, openDatabase } from '../dialect/database.ts';

const LATER = '2099-01-01T00:00:00.000Z';

for (const d of DIALECTS) {
  describe(`staff second factors on ${d.name}`, () => {
    let database: TestDatabase;
    let other: Database;
    let store: Store;
    /** A second app instance on the same database. */
    let elsewhere: Store;
    before(async () => {
      database = await d.open();
      store = storeFor(database).store;
      other = openDatabase(database.config);
      elsewhere = storeFor(other).store;
    });
    after(async () => {
      await other.destroy();
      await database.destroy();
    });

    async function account(roles: Array<'caseworker' | 'admin'> = ['caseworker']) {
      const { tenantId } = await seedTenant(store, `factor-${randomUUID().slice(0, 8)}`);
      const accountId = randomUUID();
      await store.staff.create({
        id: accountId,
        tenantId,
        username: `konto-${accountId}`,
        displayName: 'Konto',
        passwordHash: 'h',
        roles,
      });
      return { tenantId, accountId };
    }

    const event = (tenantId: string, accountId: string, action: string): AuditEvent => ({
      tenantId,
      actorType: 'staff',
      actorId: accountId,
      action,
      subjectType: 'staff_account',
      subjectId: accountId,
    });

    it('keeps the secret encrypted and bound to its account; an enrolment in progress is replaced, an enrolled one never', async () => {
      const { tenantId, accountId } = await account();
      assert.equal(await store.secondFactors.get(tenantId, accountId), undefined);
      await store.secondFactors.begin(tenantId, accountId, 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
      assert.deepEqual(await store.secondFactors.get(tenantId, accountId), {
        secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
        enrolledAt: null,
        lastStep: null,
      });
      const raw = await database.db.selectFrom('staff_second_factors').selectAll().execute();
      assert.doesNotMatch(JSON.stringify(raw), /JBSWY3DP/, 'not in plain text');
      // Another tenant's id finds nothing.
      const { tenantId: otherTenant } = await seedTenant(store, `other-${randomUUID().slice(0, 8)}`);
      assert.equal(await store.secondFactors.get(otherTenant, accountId), undefined);
      await store.secondFactors.begin(otherTenant, accountId, 'AAAAAAAAAAAAAAAA');
      assert.equal(
        (await store.secondFactors.get(tenantId, accountId))?.secret,
        'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
      );
      // A value moved to another account does not decrypt (the AAD names the account).
      const { accountId: thief } = await account();
      await database.db
        .insertInto('staff_second_factors')
        .values({ ...raw[0]!, account_id: thief })
        .execute();
      await assert.rejects(store.secondFactors.get(raw[0]!.tenant_id, thief));

      await store.secondFactors.begin(tenantId, accountId, 'MZXW6YTBOI======MZXW6YTBOI');
      assert.equal(
        (await store.secondFactors.get(tenantId, accountId))?.secret,
        'MZXW6YTBOI======MZXW6YTBOI',
      );
      assert.equal(
        await store.secondFactors.confirm(
          tenantId,
          accountId,
          100,
          ['h1', 'h2'],
          event(tenantId, accountId, 'staff.second_factor_enrolled'),
        ),
        true,
      );
      assert.equal(
        await store.secondFactors.confirm(tenantId, accountId, 101, ['h3'], event(tenantId, accountId, 'x')),
        false,
        'confirmed once',
      );
      await store.secondFactors.begin(tenantId, accountId, 'NEWSECRETNEWSECRET');
      const enrolled = await store.secondFactors.get(tenantId, accountId);
      assert.equal(enrolled?.secret, 'MZXW6YTBOI======MZXW6YTBOI', 'an enrolled secret stays');
      assert.equal(enrolled?.lastStep, 100, 'the confirming code counts as used');
      assert.ok(enrolled?.enrolledAt);
      assert.equal(await store.secondFactors.recoveryCodesLeft(tenantId, accountId), 2);
      const actions = (await store.audit.list(tenantId, accountId)).map((e) => e.action);
      assert.deepEqual(actions, ['staff.second_factor_enrolled']);
    });

    it('accepts each time step once and only later ones, on any instance', async () => {
      const { tenantId, accountId } = await account();
      assert.equal(
        await store.secondFactors.useStep(tenantId, accountId, 5),
        false,
        'no factor, nothing accepted',
      );
      await store.secondFactors.enrol(tenantId, accountId, 'JBSWY3DPEHPK3PXP');
      assert.equal(await store.secondFactors.useStep(tenantId, accountId, 1000), true);
      assert.equal(
        await elsewhere.secondFactors.useStep(tenantId, accountId, 1000),
        false,
        'replayed elsewhere',
      );
      assert.equal(await store.secondFactors.useStep(tenantId, accountId, 999), false, 'an earlier step');
      // Two instances race for the same new step: exactly one wins.
      const raced = await Promise.all([
        store.secondFactors.useStep(tenantId, accountId, 1001),
        elsewhere.secondFactors.useStep(tenantId, accountId, 1001),
      ]);
      assert.deepEqual(raced.sort(), [false, true]);
      assert.equal(await elsewhere.secondFactors.useStep(tenantId, accountId, 1002), true);
      const { tenantId: otherTenant } = await seedTenant(store, `other-${randomUUID().slice(0, 8)}`);
      assert.equal(
        await store.secondFactors.useStep(otherTenant, accountId, 2000),
        false,
        'not across tenants',
      );
    });

    it('uses a recovery code once; a reset removes factor and codes and ends the sessions, audited', async () => {
      const { tenantId, accountId } = await account(['admin']);
      await store.secondFactors.begin(tenantId, accountId, 'JBSWY3DPEHPK3PXP');
      await store.secondFactors.confirm(
        tenantId,
        accountId,
        1,
        ['hash-a', 'hash-b'],
        event(tenantId, accountId, 'enrolled'),
      );
      const at = new Date().toISOString();
      assert.equal(await store.secondFactors.useRecoveryCode(tenantId, accountId, 'hash-a', at), true);
      assert.equal(
        await elsewhere.secondFactors.useRecoveryCode(tenantId, accountId, 'hash-a', at),
        false,
        'once',
      );
      assert.equal(await store.secondFactors.useRecoveryCode(tenantId, accountId, 'hash-x', at), false);
      assert.equal(await store.secondFactors.recoveryCodesLeft(tenantId, accountId), 1);

      await store.staff.createSession({ tokenHash: `s-${accountId}`, accountId, tenantId, expiresAt: LATER });
      const { tenantId: otherTenant } = await seedTenant(store, `other-${randomUUID().slice(0, 8)}`);
      assert.equal(
        await store.secondFactors.reset(otherTenant, accountId, event(otherTenant, accountId, 'x')),
        false,
      );
      assert.ok(await store.staff.sessionByTokenHash(`s-${accountId}`, at), 'another tenant changes nothing');
      const reset = {
        ...event(tenantId, accountId, 'staff.second_factor_reset'),
        actorType: 'operator' as const,
        actorId: null,
      };
      assert.equal(await store.secondFactors.reset(tenantId, accountId, reset), true);
      assert.equal(await store.secondFactors.get(tenantId, accountId), undefined);
      assert.equal(await store.secondFactors.recoveryCodesLeft(tenantId, accountId), 0);
      assert.equal(await store.staff.sessionByTokenHash(`s-${accountId}`, at), undefined, 'sessions ended');
      assert.equal(
        await store.secondFactors.reset(tenantId, accountId, reset),
        false,
        'nothing left to reset',
      );
      const actions = (await store.audit.list(tenantId, accountId)).map((e) => e.action);
      assert.deepEqual(actions, ['enrolled', 'staff.second_factor_reset']);
    });

    it('a session waiting for its second factor is completed once, under a new token', async () => {
      const { tenantId, accountId } = await account();
      const now = new Date().toISOString();
      await store.staff.createSession({
        tokenHash: `wait-${accountId}`,
        accountId,
        tenantId,
        expiresAt: LATER,
        secondFactor: 'code',
      });
      assert.equal((await store.staff.sessionByTokenHash(`wait-${accountId}`, now))?.secondFactor, 'code');
      const next = { tokenHash: `done-${accountId}`, expiresAt: LATER };
      const login = event(tenantId, accountId, 'staff.login');
      assert.equal(await store.staff.completeSession(`wait-${accountId}`, next, [login]), true);
      assert.equal(
        await elsewhere.staff.completeSession(`done-${accountId}`, { ...next, tokenHash: 'again' }, [login]),
        false,
      );
      assert.equal(
        await store.staff.sessionByTokenHash(`wait-${accountId}`, now),
        undefined,
        'the old token is gone',
      );
      const done = await store.staff.sessionByTokenHash(`done-${accountId}`, now);
      assert.ok(done);
      assert.equal(done.secondFactor, undefined);
      assert.deepEqual(
        (await store.audit.list(tenantId, accountId)).map((e) => e.action),
        ['staff.login'],
      );
    });
  });
}
