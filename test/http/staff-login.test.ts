/**
 * Staff login hardening (ADR 0028): throttling per name and per client with growing delays and a
 * lock, kept in the database; no password hash for a throttled attempt; unknown names treated like
 * known ones; a bound on concurrent hashes; trusted proxies; audit and log lines; idle timeout;
 * the own password.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { getByRole } from '@testing-library/dom';
import type { PasswordHasher } from '../../src/core/ports.ts';
import { STAFF_IDLE_TIMEOUT_MS, STAFF_SESSION_LIFETIME_MS } from '../../src/core/staff-auth.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { HttpClient, type PageResult } from '../support/http-client.ts';
import { CODE_PATH, currentCode, forgetUsedCode } from '../support/staff-login.ts';

const MINUTE = 60_000;

/** A clock the test moves by hand. */
function testClock(start = Date.parse('2026-03-02T08:00:00.000Z')) {
  let now = start;
  return {
    clock: { now: () => new Date(now) },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

/** Counts the hashes and checks the app asks for. */
function counting() {
  const counts = { hash: 0, verify: 0 };
  const wrap = (inner: PasswordHasher): PasswordHasher => ({
    hash: (password) => {
      counts.hash++;
      return inner.hash(password);
    },
    verify: (hash, password) => {
      counts.verify++;
      return inner.verify(hash, password);
    },
  });
  return { counts, wrap };
}

async function attempt(client: HttpClient, username: string, password: string): Promise<PageResult> {
  const form = await client.get('/staff/login');
  return client.submit(form, 'Anmelden', { username, password });
}

/** The password, then (where the login asks for it) the code the account's app shows. */
async function signIn(
  t: TestApp,
  client: HttpClient,
  username: string,
  password: string,
): Promise<PageResult> {
  const first = await attempt(client, username, password);
  if (first.location !== CODE_PATH) return first;
  const secret = t.credentials.find((c) => c.username === username)?.totpSecret;
  assert.ok(secret, `the TOTP secret of ${username}`);
  await forgetUsedCode(t, username);
  return client.submit(await client.get(CODE_PATH), 'Bestätigen', { code: currentCode(t, secret) });
}

function credentialOf(t: TestApp, tenant: string, role = 'caseworker') {
  const c = t.credentials.find((x) => x.tenant === tenant && (x.role ?? 'caseworker') === role);
  assert.ok(c, `demo credentials for ${tenant} ${role}`);
  return c;
}

async function auditActions(t: TestApp, username: string): Promise<string[]> {
  const account = await t.app.store.staff.byUsername(username);
  assert.ok(account);
  return (await t.app.store.audit.list(account.tenantId, account.id)).map((e) => e.action);
}

for (const dialect of DIALECTS) {
  describe(`staff login throttling (${dialect.name})`, () => {
    let t: TestApp;
    const time = testClock();
    const hashes = counting();
    before(async () => {
      t = await startTestApp(dialect, { clock: time.clock, passwords: hashes.wrap });
    });
    after(() => t.close());

    test('after five failures each attempt waits longer; the tenth locks the name for 15 minutes; no hash while waiting', async () => {
      const { username, password } = credentialOf(t, 'musterstadt');
      // Each test comes from its own address, so the per-client count of another test does not mix in.
      const client = new HttpClient(t.app.server, { remoteAddress: '192.0.2.10' });
      for (let i = 1; i <= 4; i++) {
        assert.equal((await attempt(client, username, 'falsch')).status, 401, `failure ${i}`);
      }
      const delays = [1, 2, 4, 8, 16];
      for (const [i, seconds] of delays.entries()) {
        assert.equal((await attempt(client, username, 'falsch')).status, 401, `failure ${5 + i}`);
        const verifies = hashes.counts.verify;
        // Right away, even the right password must wait, and costs no hash.
        const early = await signIn(t, client, username, password);
        assert.equal(early.status, 429, `after failure ${5 + i}`);
        assert.equal(early.response.headers['retry-after'], String(seconds));
        assert.equal(hashes.counts.verify, verifies, 'a throttled attempt costs no password hash');
        assert.match(early.body, /Bitte warten Sie kurz/);
        assert.ok(getByRole(early.document.body, 'alert'));
        time.advance(seconds * 1000);
      }
      const tenth = await attempt(client, username, 'falsch');
      assert.equal(tenth.status, 401, 'the tenth failure itself is answered as before');
      const locked = await signIn(t, client, username, password);
      assert.equal(locked.status, 429);
      assert.equal(locked.response.headers['retry-after'], String(15 * 60));
      assert.match(locked.body, /vorübergehend gesperrt.*in 15 min/);
      time.advance(14 * MINUTE);
      assert.equal(
        (await signIn(t, client, username, password)).status,
        429,
        'still locked after 14 minutes',
      );
      assert.match(t.logs(), /"event":"staff.login_locked"/);

      time.advance(MINUTE);
      const signedIn = await signIn(t, client, username, password);
      assert.equal(signedIn.status, 303);
      assert.equal(signedIn.location, '/staff/konto', 'the account holder is told first');
      const account = await client.get('/staff/konto');
      const notice = account.document.getElementById('login-notice');
      assert.ok(notice, 'the notice is shown');
      assert.match(notice.textContent ?? '', /10-mal ein falsches Passwort/);
      assert.match(notice.textContent ?? '', /am 02\.03\.2026, 09:00 vorübergehend gesperrt/);
      assert.equal((await client.get('/staff/konto')).document.getElementById('login-notice'), null, 'once');

      const actions = await auditActions(t, username);
      assert.equal(actions.filter((a) => a === 'staff.login_failed').length, 10);
      assert.equal(actions.filter((a) => a === 'staff.login_locked').length, 1);
      assert.equal(actions.at(-1), 'staff.login');

      // The successful login forgets the run: one more mistake is answered at once again.
      const later = new HttpClient(t.app.server, { remoteAddress: '192.0.2.10' });
      assert.equal((await attempt(later, username, 'falsch')).status, 401);
      assert.equal((await attempt(later, username, 'falsch')).status, 401);
      assert.equal(
        (await signIn(t, later, username, password)).location,
        '/staff/inbox',
        'no notice for two',
      );
    });

    test('an unknown name costs the same hash and is throttled exactly like a known one, and is not audited or logged', async () => {
      const client = new HttpClient(t.app.server, { remoteAddress: '192.0.2.11' });
      const typed = 'MeinGeheimesPasswort2026!';
      const auditBefore = await Promise.all(
        (await t.app.store.tenants.list()).map((tenant) => t.app.store.audit.list(tenant.id, tenant.id)),
      );
      for (let i = 1; i <= 5; i++) {
        const verifies = hashes.counts.verify;
        assert.equal((await attempt(client, typed, 'falsch')).status, 401);
        assert.equal(hashes.counts.verify, verifies + 1, 'one password check, as for a real account');
      }
      const throttled = await attempt(client, typed, 'falsch');
      assert.equal(throttled.status, 429);
      assert.equal(throttled.response.headers['retry-after'], '1');
      assert.doesNotMatch(t.logs(), new RegExp(typed), 'the typed name is never logged');
      const rows = await t.database.db.selectFrom('login_attempts').selectAll().execute();
      assert.doesNotMatch(
        JSON.stringify(rows),
        new RegExp(`${typed}|192\\.0\\.2`),
        'stored as pseudonyms only',
      );
      const auditAfter = await Promise.all(
        (await t.app.store.tenants.list()).map((tenant) => t.app.store.audit.list(tenant.id, tenant.id)),
      );
      assert.deepEqual(auditAfter, auditBefore);
      assert.doesNotMatch(
        JSON.stringify(await t.database.db.selectFrom('audit_events').selectAll().execute()),
        new RegExp(typed),
      );
      time.advance(MINUTE);
    });

    test('one address trying many names is slowed down; another address is not; its own header changes nothing', async () => {
      const attacker = new HttpClient(t.app.server, {
        remoteAddress: '198.51.100.7',
        headers: { 'x-forwarded-for': '203.0.113.1' },
      });
      for (let i = 0; i < 20; i++) {
        assert.equal((await attempt(attacker, `name-${i}@example`, 'falsch')).status, 401, `name ${i}`);
      }
      const next = await attempt(attacker, 'yet-another@example', 'falsch');
      assert.equal(next.status, 429, 'a new name from the same address waits');
      // Another address is another client.
      const neighbour = new HttpClient(t.app.server, { remoteAddress: '198.51.100.8' });
      assert.equal((await attempt(neighbour, 'yet-another@example', 'falsch')).status, 401);
      time.advance(MINUTE);
    });

    test('the log line of a failed login names the account, never the typed name', async () => {
      const { username } = credentialOf(t, 'beispielhausen');
      const account = await t.app.store.staff.byUsername(username);
      const client = new HttpClient(t.app.server, { remoteAddress: '192.0.2.12' });
      assert.equal((await attempt(client, username, 'falsch')).status, 401);
      const line = t
        .logs()
        .split('\n')
        .filter((l) => l.includes('"event":"staff.login_failed"'))
        .at(-1);
      assert.ok(line);
      assert.equal(JSON.parse(line).account, account?.id);
      assert.doesNotMatch(t.logs(), new RegExp(username.replace('.', '\\.')));
    });

    test('a staff session ends after 30 minutes without use, and after 8 hours whatever the use', async () => {
      const { username, password } = credentialOf(t, 'beispielhausen');
      const client = new HttpClient(t.app.server, { remoteAddress: '192.0.2.13' });
      assert.equal((await signIn(t, client, username, password)).status, 303);
      for (let i = 0; i < 3; i++) {
        time.advance(STAFF_IDLE_TIMEOUT_MS - MINUTE);
        assert.equal((await client.get('/staff/inbox')).status, 200, 'used in time, it goes on');
      }
      time.advance(STAFF_IDLE_TIMEOUT_MS);
      assert.equal((await client.get('/staff/inbox')).location, '/staff/login', 'idle too long');

      assert.equal((await signIn(t, client, username, password)).status, 303);
      const started = Date.parse(t.app.clock.now().toISOString());
      while (t.app.clock.now().getTime() - started < STAFF_SESSION_LIFETIME_MS - 20 * MINUTE) {
        time.advance(20 * MINUTE);
        assert.equal((await client.get('/staff/inbox')).status, 200);
      }
      time.advance(20 * MINUTE);
      assert.equal((await client.get('/staff/inbox')).location, '/staff/login', 'the lifetime is over');
    });

    test('an operator ends a lock at once (amtsweg staff-unlock); audited', async () => {
      const { username, password } = credentialOf(t, 'beispielhausen', 'admin');
      const client = new HttpClient(t.app.server, { remoteAddress: '192.0.2.15' });
      for (let i = 1; i <= 10; i++) {
        assert.equal((await attempt(client, username, 'falsch')).status, 401, `failure ${i}`);
        time.advance(MINUTE);
      }
      assert.equal((await signIn(t, client, username, password)).status, 429, 'locked');
      assert.equal(await t.app.staffAuth.unlock(username), true);
      assert.equal(await t.app.staffAuth.unlock(username), false, 'nothing left to forget');
      assert.equal((await signIn(t, client, username, password)).status, 303);
      assert.ok((await auditActions(t, username)).includes('staff.login_unlocked'));
    });

    test('logins and logouts are audited', async () => {
      const { username, password } = credentialOf(t, 'beispielhausen', 'designer');
      const client = new HttpClient(t.app.server, { remoteAddress: '192.0.2.14' });
      const signedIn = await signIn(t, client, username, password);
      const home = await client.get(signedIn.location!);
      await client.submit(home, 'Abmelden');
      assert.deepEqual((await auditActions(t, username)).slice(-2), ['staff.login', 'staff.logout']);
      assert.match(t.logs(), /"event":"staff.logout"/);
    });
  });

  describe(`own password (${dialect.name})`, () => {
    let t: TestApp;
    // A clock that stands still: no delay runs out while a slow machine works through the test.
    const time = testClock();
    before(async () => {
      t = await startTestApp(dialect, { clock: time.clock });
    });
    after(() => t.close());

    test('staff change their own password with the current one; other sessions end, this one stays; audited', async () => {
      const { username, password } = credentialOf(t, 'musterstadt', 'designer');
      const elsewhere = new HttpClient(t.app.server);
      assert.equal((await signIn(t, elsewhere, username, password)).status, 303);
      const client = new HttpClient(t.app.server);
      const signedIn = await signIn(t, client, username, password);
      const home = await client.get(signedIn.location!);
      const account = await client.get(
        getByRole(home.document.body, 'link', { name: 'Mein Konto' }).getAttribute('href')!,
      );
      assert.equal(account.status, 200);
      assert.ok(getByRole(account.document.body, 'heading', { level: 1, name: 'Mein Konto' }));
      assert.match(
        account.document.getElementById('session-note')?.textContent ?? '',
        /30 Minuten.*8 Stunden/,
      );

      const change = (values: Record<string, string>) => client.submit(account, 'Passwort ändern', values);
      const next = 'ein-ganz-neues-Passwort';
      const cases: Array<[Record<string, string>, number, RegExp]> = [
        [{ current: 'falsch', next, repeat: next }, 400, /aktuelle Passwort ist falsch/],
        [{ current: password, next, repeat: `${next}!` }, 400, /stimmen nicht überein/],
        [{ current: password, next: 'kurz', repeat: 'kurz' }, 400, /mindestens 12/],
        [{ current: password, next: password, repeat: password }, 400, /unterscheiden/],
      ];
      for (const [values, status, message] of cases) {
        const refused = await change(values);
        assert.equal(refused.status, status, JSON.stringify(values));
        assert.match(refused.document.title, /^Fehler:/);
        assert.match(getByRole(refused.document.body, 'alert').textContent ?? '', message);
      }
      const forged = await client.post('/staff/konto/passwort', {
        _csrf: 'x',
        current: password,
        next,
        repeat: next,
      });
      assert.equal(forged.status, 403);

      const changed = await change({ current: password, next, repeat: next });
      assert.equal(changed.status, 303);
      const after = await client.get(changed.location!);
      assert.match(after.body, /Ihr Passwort wurde geändert/);
      assert.equal((await client.get('/staff/design')).status, 200, 'this session stays');
      assert.equal((await elsewhere.get('/staff/design')).location, '/staff/login', 'the other ended');
      assert.equal((await signIn(t, new HttpClient(t.app.server), username, password)).status, 401);
      assert.equal((await signIn(t, new HttpClient(t.app.server), username, next)).status, 303);
      const actions = await auditActions(t, username);
      assert.ok(actions.includes('staff.password_change_failed'));
      assert.ok(actions.includes('staff.password_changed'));
      assert.doesNotMatch(
        JSON.stringify(await t.database.db.selectFrom('audit_events').selectAll().execute()),
        new RegExp(next),
      );
    });

    test('wrong current passwords count like failed logins', async () => {
      const { username, password } = credentialOf(t, 'beispielhausen');
      const client = new HttpClient(t.app.server, { remoteAddress: '192.0.2.20' });
      const signedIn = await signIn(t, client, username, password);
      assert.equal(signedIn.status, 303);
      const account = await client.get('/staff/konto');
      for (let i = 0; i < 5; i++) {
        assert.equal(
          (
            await client.submit(account, 'Passwort ändern', {
              current: 'falsch',
              next: 'x'.repeat(12),
              repeat: 'x'.repeat(12),
            })
          ).status,
          400,
        );
      }
      const throttled = await client.submit(account, 'Passwort ändern', {
        current: password,
        next: 'y'.repeat(12),
        repeat: 'y'.repeat(12),
      });
      assert.equal(throttled.status, 429);
      assert.ok(throttled.response.headers['retry-after']);
      assert.equal(
        (await signIn(t, new HttpClient(t.app.server, { remoteAddress: '192.0.2.21' }), username, password))
          .status,
        429,
        'and the login of the name waits too',
      );
    });
  });
}

describe('staff login limits on one instance and across instances', () => {
  test('at most the configured number of password hashes run at once; more get 503 with Retry-After and are not counted', async () => {
    const held: Array<() => void> = [];
    let holding = false;
    const t = await startTestApp(DIALECTS[0]!, {
      hashing: { concurrent: 1, waiting: 0 },
      passwords: (inner) => ({
        hash: (p) => inner.hash(p),
        verify: async (h, p) => {
          if (holding) await new Promise<void>((resolve) => held.push(resolve));
          return inner.verify(h, p);
        },
      }),
    });
    try {
      const { username, password } = credentialOf(t, 'musterstadt');
      const first = new HttpClient(t.app.server);
      const second = new HttpClient(t.app.server);
      const firstForm = await first.get('/staff/login');
      const secondForm = await second.get('/staff/login');
      holding = true;
      const slow = first.submit(firstForm, 'Anmelden', { username, password });
      while (held.length === 0) await new Promise((resolve) => setImmediate(resolve));
      const refused = await second.submit(secondForm, 'Anmelden', { username, password: 'falsch' });
      assert.equal(refused.status, 503);
      assert.equal(refused.response.headers['retry-after'], '1');
      assert.match(refused.body, /ausgelastet/);
      holding = false;
      held.shift()?.();
      assert.equal((await slow).status, 303, 'the running one completes');
      const rows = await t.database.db.selectFrom('login_attempts').selectAll().execute();
      assert.equal(rows.length, 0, 'the refused attempt was not counted as a failure');
    } finally {
      await t.close();
    }
  });

  test('failures counted by one instance throttle the login on another', async () => {
    // This instance's clock starts now and is moved on by hand from failure to failure, so the
    // tenth failure locks the name for 15 minutes of real time however slow the machine is.
    const time = testClock(Date.now());
    const t = await startTestApp(DIALECTS[1]!, { clock: time.clock });
    try {
      const { username, password } = credentialOf(t, 'musterstadt');
      const client = new HttpClient(t.app.server);
      for (const seconds of [0, 0, 0, 0, 1, 2, 4, 8, 16, 0]) {
        assert.equal((await attempt(client, username, 'falsch')).status, 401);
        time.advance(seconds * 1000);
      }
      const other = await t.secondInstance();
      // The other instance, with the browser session and form of this one (same master key).
      const form = await client.get('/staff/login');
      const csrf = form.document.querySelector<HTMLInputElement>('input[name=_csrf]')!.value;
      const response = await fetch(`${other.baseUrl}/staff/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        },
        body: new URLSearchParams({ _csrf: csrf, username, password }).toString(),
      });
      assert.equal(response.status, 429, 'the second instance knows the lock the first counted');
      assert.ok(Number(response.headers.get('retry-after')) > 10 * 60);
    } finally {
      await t.close();
    }
  });

  test('behind a trusted proxy, clients are told apart by X-Forwarded-For', async () => {
    const t = await startTestApp(DIALECTS[0]!, {
      env: { AMTSWEG_TRUSTED_PROXIES: '10.0.0.0/8' },
      // Still: the delay after the 20th failure must not run out on a slow machine.
      clock: testClock().clock,
    });
    try {
      const via = (client: string) =>
        new HttpClient(t.app.server, { remoteAddress: '10.1.2.3', headers: { 'x-forwarded-for': client } });
      for (let i = 0; i < 20; i++) {
        assert.equal((await attempt(via('203.0.113.50'), `n${i}@example`, 'falsch')).status, 401);
      }
      assert.equal(
        (await attempt(via('203.0.113.50'), 'n@example', 'falsch')).status,
        429,
        'that client waits',
      );
      assert.equal(
        (await attempt(via('203.0.113.51'), 'n@example', 'falsch')).status,
        401,
        'another does not',
      );
      // A proxy that is not trusted is the client itself, whatever it forwards.
      const untrusted = (forwarded: string) =>
        new HttpClient(t.app.server, {
          remoteAddress: '192.0.2.99',
          headers: { 'x-forwarded-for': forwarded },
        });
      for (let i = 0; i < 20; i++) {
        assert.equal((await attempt(untrusted(`203.0.113.${i}`), `m${i}@example`, 'falsch')).status, 401);
      }
      assert.equal((await attempt(untrusted('203.0.113.200'), 'm@example', 'falsch')).status, 429);
    } finally {
      await t.close();
    }
  });
});

describe('the staff session cookie', () => {
  test('is HttpOnly, SameSite=Strict, sent only to /staff, and Secure over https; logout clears it', async () => {
    const t = await startTestApp(DIALECTS[0]!, { baseUrl: 'https://amtsweg.example' });
    try {
      const { username, password } = credentialOf(t, 'musterstadt');
      const client = new HttpClient(t.app.server);
      const signedIn = await signIn(t, client, username, password);
      const header = signedIn.response.headers['set-cookie'];
      const cookie = (Array.isArray(header) ? header : [String(header)]).find((c) =>
        c.startsWith('aw_staff='),
      );
      assert.ok(cookie);
      assert.match(cookie, /; Path=\/staff(;|$)/);
      assert.match(cookie, /; HttpOnly/);
      assert.match(cookie, /; Secure/);
      assert.match(cookie, /; SameSite=Strict/);
      assert.doesNotMatch(
        cookie,
        /Max-Age|Expires/,
        'gone when the browser closes; the server ends it anyway',
      );
      const home = await client.get(signedIn.location!);
      const out = await client.submit(home, 'Abmelden');
      const cleared = out.response.headers['set-cookie'];
      assert.match(String(cleared), /aw_staff=;/);
    } finally {
      await t.close();
    }
  });
});
