/**
 * The second factor of staff logins (ADR 0055): the code after the password (each time step once,
 * one step of skew), recovery codes (each once), enrolment (forced for admins and designers, by
 * choice for caseworkers), CSRF, and wrong codes counted by the login throttling.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { getByRole, queryAllByRole } from '@testing-library/dom';
import { totpCode } from '../../src/core/second-factor.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { HttpClient, type PageResult } from '../support/http-client.ts';
import {
  addStaffAccount,
  CODE_PATH,
  currentCode,
  demoCredential,
  ENROL_PATH,
  forgetUsedCode,
  staffLogin,
} from '../support/staff-login.ts';

const MINUTE = 60_000;

/** A clock that stands still until the test moves it (delays of a second must not pass by themselves). */
function frozenClock(start = Date.parse('2026-12-03T09:00:05.000Z')) {
  let now = start;
  return {
    now: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
  };
}
const STEP = 30_000;

async function password(client: HttpClient, username: string, secret: string): Promise<PageResult> {
  return client.submit(await client.get('/staff/login'), 'Anmelden', { username, password: secret });
}

async function code(client: HttpClient, value: string): Promise<PageResult> {
  return client.submit(await client.get(CODE_PATH), 'Bestätigen', { code: value });
}

/** Six digits that are none of the codes the app could show around now. */
function wrongCode(t: TestApp, secret: string): string {
  const now = t.app.clock.now().getTime();
  const valid = new Set([-2, -1, 0, 1, 2].map((s) => totpCode(secret, new Date(now + s * STEP))));
  for (let n = 0; ; n++) {
    const candidate = String(n).padStart(6, '0');
    if (!valid.has(candidate)) return candidate;
  }
}

async function auditActions(t: TestApp, username: string): Promise<string[]> {
  const account = (await t.app.store.staff.byUsername(username))!;
  return (await t.app.store.audit.list(account.tenantId, account.id)).map((e) => e.action);
}

function summary(page: PageResult): string[] {
  const alert = page.document.querySelector('.aw-error-summary');
  return alert ? Array.from(alert.querySelectorAll('li')).map((li) => li.textContent?.trim() ?? '') : [];
}

for (const dialect of DIALECTS) {
  describe(`staff second factor (${dialect.name})`, () => {
    let t: TestApp;
    const clock = frozenClock();
    before(async () => {
      t = await startTestApp(dialect, { clock });
    });
    after(() => t.close());

    test('password, then the code: the waiting session opens nothing else; a wrong code is refused; a code counts once', async () => {
      const admin = demoCredential(t, 'musterstadt', 'admin');
      const client = new HttpClient(t.app.server, { remoteAddress: '192.0.2.31' });
      const first = await password(client, admin.username, admin.password);
      assert.equal(first.status, 303);
      assert.equal(first.location, CODE_PATH);
      const waiting = client.cookies.get('aw_staff');
      for (const url of [
        '/staff/admin',
        '/staff/inbox',
        '/staff/design',
        '/staff/konto',
        '/staff/login',
        ENROL_PATH,
      ]) {
        assert.equal((await client.get(url)).location, CODE_PATH, `${url} leads to the code`);
      }
      const page = await client.get(CODE_PATH);
      assert.ok(getByRole(page.document.body, 'heading', { level: 1, name: 'Bestätigungscode eingeben' }));
      const input = getByRole(page.document.body, 'textbox', {
        name: 'Code aus der Authenticator-App oder Wiederherstellungscode',
      });
      assert.equal(input.getAttribute('autocomplete'), 'one-time-code');

      const wrong = await code(client, wrongCode(t, admin.totpSecret!));
      assert.equal(wrong.status, 401);
      assert.deepEqual(summary(wrong), ['Der Code ist falsch, abgelaufen oder wurde schon verwendet']);
      assert.equal((await client.get('/staff/admin')).location, CODE_PATH, 'still waiting');
      const empty = await code(client, '   ');
      assert.equal(empty.status, 400);
      assert.deepEqual(summary(empty), ['Geben Sie den Code aus Ihrer Authenticator-App ein']);

      await forgetUsedCode(t, admin.username);
      const used = currentCode(t, admin.totpSecret!);
      const done = await code(client, used);
      assert.equal(done.status, 303);
      assert.equal(done.location, '/staff/admin');
      assert.notEqual(client.cookies.get('aw_staff'), waiting, 'a new token once complete');
      assert.equal((await client.get('/staff/admin')).status, 200);
      const stale = new HttpClient(t.app.server);
      stale.cookies.set('aw_staff', waiting!);
      assert.equal((await stale.get('/staff/admin')).location, '/staff/login', 'the waiting token is gone');

      // The same code again, on another device within its 90 seconds: refused.
      const other = new HttpClient(t.app.server, { remoteAddress: '192.0.2.32' });
      assert.equal((await password(other, admin.username, admin.password)).location, CODE_PATH);
      assert.equal((await code(other, used)).status, 401, 'a replayed code');
      // The next time step's code is accepted (one step of skew) and then that one is used up.
      clock.advance(STEP);
      assert.equal((await code(other, currentCode(t, admin.totpSecret!))).location, '/staff/admin');

      const actions = await auditActions(t, admin.username);
      assert.equal(actions.filter((a) => a === 'staff.second_factor_failed').length, 2);
      assert.equal(actions.filter((a) => a === 'staff.login').length, 2);
      const login = (
        await t.app.store.audit.list(
          (await t.app.store.staff.byUsername(admin.username))!.tenantId,
          (await t.app.store.staff.byUsername(admin.username))!.id,
        )
      ).find((e) => e.action === 'staff.login');
      assert.deepEqual(login?.details, { secondFactor: 'totp' });
      assert.doesNotMatch(t.logs(), new RegExp(used), 'codes are never logged');
      clock.advance(MINUTE);
    });

    test('wrong codes count like wrong passwords: delays, then a lock; a right password does not reset the count', async () => {
      const designer = demoCredential(t, 'beispielhausen', 'designer');
      const client = new HttpClient(t.app.server, { remoteAddress: '192.0.2.33' });
      assert.equal((await password(client, designer.username, designer.password)).location, CODE_PATH);
      for (let i = 1; i <= 3; i++) {
        assert.equal((await code(client, wrongCode(t, designer.totpSecret!))).status, 401, `wrong code ${i}`);
      }
      // A new login with the right password: the count goes on.
      const again = new HttpClient(t.app.server, { remoteAddress: '192.0.2.33' });
      assert.equal((await password(again, designer.username, designer.password)).location, CODE_PATH);
      assert.equal((await code(again, wrongCode(t, designer.totpSecret!))).status, 401, 'wrong code 4');
      assert.equal((await code(again, wrongCode(t, designer.totpSecret!))).status, 401, 'wrong code 5');
      await forgetUsedCode(t, designer.username);
      const early = await code(again, currentCode(t, designer.totpSecret!));
      assert.equal(early.status, 429, 'even the right code waits after five failures');
      assert.equal(early.response.headers['retry-after'], '1');
      assert.match(early.body, /Bitte warten Sie kurz/);
      const passwordWaits = await password(
        new HttpClient(t.app.server, { remoteAddress: '192.0.2.34' }),
        designer.username,
        designer.password,
      );
      assert.equal(passwordWaits.status, 429, 'the password step of the same name waits too');
      for (let i = 6; i <= 10; i++) {
        clock.advance(MINUTE);
        assert.equal((await code(again, wrongCode(t, designer.totpSecret!))).status, 401, `wrong code ${i}`);
      }
      const locked = await code(again, currentCode(t, designer.totpSecret!));
      assert.equal(locked.status, 429);
      assert.equal(locked.response.headers['retry-after'], String(15 * 60));
      const actions = await auditActions(t, designer.username);
      assert.equal(actions.filter((a) => a === 'staff.second_factor_failed').length, 10);
      assert.equal(actions.filter((a) => a === 'staff.login_locked').length, 1);
      // After the lock (the waiting session is over by then), a complete login works again.
      clock.advance(16 * MINUTE);
      const signedIn = await staffLogin(
        t,
        designer,
        new HttpClient(t.app.server, { remoteAddress: '192.0.2.33' }),
      );
      assert.equal(signedIn.home, '/staff/konto', 'told about the failures first');
      const account = await signedIn.client.get('/staff/konto');
      assert.ok(account.document.getElementById('login-notice'));
      assert.equal(
        (await client.get(CODE_PATH)).location,
        '/staff/login',
        'the first waiting session has ended',
      );
    });

    test('a caseworker sets up a second factor from the account page; recovery codes are shown once and each works once', async () => {
      const username = `neu-${dialect.name}-${randomUUID().slice(0, 4)}@musterstadt`;
      const { password: secretPassword } = await addStaffAccount(t, username, ['caseworker']);
      const tenant = (await t.app.store.tenants.bySlug('musterstadt'))!;
      const { client, home } = await staffLogin(t, { username, password: secretPassword });
      assert.equal(home, '/staff/inbox', 'optional for caseworkers: no second step');
      const account = await client.get('/staff/konto');
      assert.equal(account.document.getElementById('factor-state')?.textContent, 'Nicht eingerichtet.');
      const enrol = await client.visit(
        getByRole(account.document.body, 'link', { name: 'Zweiten Faktor einrichten' }).getAttribute('href')!,
      );
      assert.ok(getByRole(enrol.document.body, 'heading', { level: 1, name: 'Zweiten Faktor einrichten' }));
      const qr = getByRole(enrol.document.body, 'img', {
        name: 'QR-Code zum Einrichten des zweiten Faktors',
      });
      assert.match(qr.getAttribute('src') ?? '', /^data:image\/svg\+xml;base64,/);
      const secret = enrol.document.getElementById('totp-secret')!.textContent!.replace(/\s/g, '');
      assert.match(secret, /^[A-Z2-7]{32}$/);
      assert.equal(
        (await client.get(ENROL_PATH)).document
          .getElementById('totp-secret')
          ?.textContent?.replace(/\s/g, ''),
        secret,
        'a reload shows the same secret',
      );
      const refused = await client.submit(enrol, 'Einrichtung bestätigen', { code: wrongCode(t, secret) });
      assert.equal(refused.status, 400);
      assert.equal(summary(refused).length, 1);
      const forged = await client.post(ENROL_PATH, { _csrf: 'forged', code: currentCode(t, secret) });
      assert.equal(forged.status, 403);
      assert.equal(
        (await t.app.store.secondFactors.get(tenant.id, (await t.app.store.staff.byUsername(username))!.id))
          ?.enrolledAt,
        null,
      );

      const confirmed = await client.submit(enrol, 'Einrichtung bestätigen', {
        code: currentCode(t, secret),
      });
      assert.equal(confirmed.status, 303);
      const shown = await client.get(confirmed.location!);
      const codes = Array.from(shown.document.querySelectorAll('#recovery-codes code')).map(
        (c) => c.textContent!,
      );
      assert.equal(codes.length, 10);
      assert.equal((await client.get(confirmed.location!)).location, '/staff/konto', 'shown once');
      const after = await client.get('/staff/konto');
      assert.equal(
        after.document.getElementById('factor-state')?.textContent,
        'Eingerichtet. Noch 10 unbenutzte Wiederherstellungscodes.',
      );
      assert.equal(
        queryAllByRole(after.document.body, 'link', { name: 'Zweiten Faktor einrichten' }).length,
        0,
      );

      // Without the phone: a recovery code, typed the way people type.
      const phoneless = new HttpClient(t.app.server);
      assert.equal((await password(phoneless, username, secretPassword)).location, CODE_PATH);
      const typed = codes[0]!.toLowerCase().replaceAll('-', ' ');
      const withRecovery = await code(phoneless, typed);
      assert.equal(withRecovery.status, 303);
      assert.equal(withRecovery.location, '/staff/inbox');
      assert.match(
        (await phoneless.get('/staff/konto')).document.getElementById('factor-state')?.textContent ?? '',
        /Noch 9 /,
      );
      const reuse = new HttpClient(t.app.server);
      assert.equal((await password(reuse, username, secretPassword)).location, CODE_PATH);
      assert.equal((await code(reuse, codes[0]!)).status, 401, 'a recovery code works once');
      const actions = await auditActions(t, username);
      assert.deepEqual(
        actions.filter((a) => a.startsWith('staff.second_factor')),
        ['staff.second_factor_enrolled', 'staff.second_factor_recovery_used', 'staff.second_factor_failed'],
      );
      assert.doesNotMatch(
        JSON.stringify(await t.database.db.selectFrom('staff_recovery_codes').selectAll().execute()),
        new RegExp(codes[1]!.replaceAll('-', '')),
      );
      clock.advance(MINUTE);
    });

    test('an admin without a second factor (reset by the operator) must enrol before anything else', async () => {
      const admin = demoCredential(t, 'beispielhausen', 'admin');
      const account = (await t.app.store.staff.byUsername(admin.username))!;
      const open = await staffLogin(t, admin);
      assert.equal(await t.app.staffAuth.resetSecondFactor(account), true);
      assert.equal(
        (await open.client.get('/staff/admin')).location,
        '/staff/login',
        'the reset ended the sessions',
      );

      const client = new HttpClient(t.app.server);
      const first = await password(client, admin.username, admin.password);
      assert.equal(first.location, ENROL_PATH);
      for (const url of ['/staff/admin', '/staff/inbox', '/staff/konto', '/staff/login', CODE_PATH]) {
        const page = await client.get(url);
        assert.equal(page.location, ENROL_PATH, url);
      }
      const enrol = await client.get(ENROL_PATH);
      assert.match(enrol.body, /vorgeschrieben/);
      // A form of the Verwaltung with the waiting session's token changes nothing.
      const csrf = enrol.document.querySelector<HTMLInputElement>('input[name=_csrf]')!.value;
      const blocked = await client.post('/staff/admin/konten/neu', {
        _csrf: csrf,
        username: 'x@beispielhausen',
        displayName: 'X',
      });
      assert.equal(blocked.location, ENROL_PATH);
      assert.equal(await t.app.store.staff.byUsername('x@beispielhausen'), undefined);
      assert.equal(
        (await client.post(CODE_PATH, { _csrf: csrf, code: '123456' })).location,
        ENROL_PATH,
        'no code step without a factor',
      );

      const secret = enrol.document.getElementById('totp-secret')!.textContent!.replace(/\s/g, '');
      const confirmed = await client.submit(enrol, 'Einrichtung bestätigen', {
        code: currentCode(t, secret),
      });
      const shown = await client.get(confirmed.location!);
      assert.equal(shown.document.querySelectorAll('#recovery-codes li').length, 10);
      const next = getByRole(shown.document.body, 'link', { name: 'Ich habe die Codes gesichert – weiter' });
      assert.equal(next.getAttribute('href'), '/staff/admin');
      assert.equal((await client.get('/staff/admin')).status, 200);
      const actions = await auditActions(t, admin.username);
      assert.deepEqual(
        actions.filter((a) => a.startsWith('staff.second_factor')),
        ['staff.second_factor_reset', 'staff.second_factor_enrolled'],
      );
      clock.advance(MINUTE);
    });

    test('the second step refuses a missing or forged CSRF token, and cancelling ends the waiting session', async () => {
      const caseworker = demoCredential(t, 'beispielhausen');
      const client = new HttpClient(t.app.server, { remoteAddress: '192.0.2.35' });
      assert.equal((await password(client, caseworker.username, caseworker.password)).location, CODE_PATH);
      await forgetUsedCode(t, caseworker.username);
      const right = currentCode(t, caseworker.totpSecret!);
      for (const token of [undefined, 'forged']) {
        const result = await client.post(CODE_PATH, { ...(token ? { _csrf: token } : {}), code: right });
        assert.equal(result.status, 403);
      }
      // A complete session's token is not the waiting one's either.
      const signedIn = await staffLogin(t, demoCredential(t));
      const completeToken = (
        await signedIn.client.get('/staff/konto')
      ).document.querySelector<HTMLInputElement>('input[name=_csrf]')!.value;
      assert.equal((await client.post(CODE_PATH, { _csrf: completeToken, code: right })).status, 403);
      assert.equal((await client.get('/staff/inbox')).location, CODE_PATH, 'nothing changed');
      const cancelled = await client.submit(await client.get(CODE_PATH), 'Anmeldung abbrechen');
      assert.equal(cancelled.location, '/staff/login');
      assert.equal((await client.get(CODE_PATH)).location, '/staff/login');
      // A waiting session ends after ten minutes.
      const slow = new HttpClient(t.app.server, { remoteAddress: '192.0.2.36' });
      assert.equal((await password(slow, caseworker.username, caseworker.password)).location, CODE_PATH);
      clock.advance(11 * MINUTE);
      assert.equal((await slow.get(CODE_PATH)).location, '/staff/login');
    });
  });
}
