/**
 * Staff single sign-on per municipality (ADR 0056) against independent OpenID providers: their own
 * `oidc-provider` instances started here (`test/support/staff-sso-idp.ts`), configured by each
 * municipality's admin through the SSO page, over real HTTP. A second provider with the same client
 * stands for a mix-up (wrong issuer); a client of the other municipality for a wrong audience.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { JSDOM } from 'jsdom';
import { totpCode } from '../../src/core/second-factor.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import {
  CookieJar,
  freePort,
  type ListeningApp,
  locationOf,
  startListeningApp,
} from '../support/listening-app.ts';
import { CODE_PATH, staffLogin } from '../support/staff-login.ts';
import { type StaffIdp, startStaffIdp } from '../support/staff-sso-idp.ts';

const sqlite = DIALECTS.find((d) => d.name === 'sqlite')!;
const A = { clientId: 'amtsweg-musterstadt', secret: 'musterstadt-secret-0123456789' };
const B = { clientId: 'amtsweg-beispielhausen', secret: 'beispielhausen-secret-0123456789' };
const MAPPING = '/amtsweg/sachbearbeitung = caseworker\n/amtsweg/verwaltung = admin, designer';

const documentOf = async (response: Response) => new JSDOM(await response.text()).window.document;
const csrfOf = (doc: Document) => doc.querySelector<HTMLInputElement>('input[name="_csrf"]')!.value;
const textOf = (doc: Document) => doc.body.textContent?.replace(/\s+/g, ' ') ?? '';

describe('staff single sign-on against an independent OpenID provider', () => {
  let t: ListeningApp;
  let idp: StaffIdp;
  let other: StaffIdp;
  const admins = new Map<string, CookieJar>();

  const url = (path: string) => new URL(path, t.baseUrl);
  const tenantId = async (slug: string) => (await t.app.store.tenants.bySlug(slug))!.id;

  /** A password login of a demo account in `jar`, with its TOTP code when it has one (ADR 0055). */
  async function passwordLogin(jar: CookieJar, slug: string, role: string): Promise<void> {
    const { username, password, totpSecret } = t.credentials.find(
      (c) => c.tenant === slug && c.role === role,
    )!;
    const form = await documentOf(await jar.fetch(url('/staff/login')));
    const login = await jar.post(url('/staff/login'), { _csrf: csrfOf(form), username, password });
    assert.equal(login.status, 303);
    if (locationOf(login).pathname !== CODE_PATH) return;
    assert.ok(totpSecret, `the demo ${role} of ${slug} has a TOTP secret`);
    const page = await documentOf(await jar.fetch(url(CODE_PATH)));
    const code = totpCode(totpSecret, t.app.clock.now());
    assert.equal((await jar.post(url(CODE_PATH), { _csrf: csrfOf(page), code })).status, 303);
  }

  async function adminJar(slug: string): Promise<CookieJar> {
    const known = admins.get(slug);
    if (known) return known;
    const jar = new CookieJar();
    await passwordLogin(jar, slug, 'admin');
    admins.set(slug, jar);
    return jar;
  }

  async function configure(slug: string, fields: Record<string, string>): Promise<Response> {
    const jar = await adminJar(slug);
    const page = await documentOf(await jar.fetch(url('/staff/admin/sso')));
    return jar.post(url('/staff/admin/sso'), { _csrf: csrfOf(page), ...fields });
  }

  const settingsOf = (issuer: string, client: { clientId: string; secret: string }) => ({
    enabled: 'on',
    issuer,
    clientId: client.clientId,
    clientSecret: client.secret,
    scopes: 'openid profile groups',
    usernameClaim: 'preferred_username',
    displayNameClaim: 'name',
    rolesClaim: 'groups',
    roleMapping: MAPPING,
    localPasswords: 'on',
  });

  /** Through the provider and back: the callback's address and its answer. */
  async function ssoLogin(
    jar: CookieJar,
    slug: string,
    rewrite: (authorize: URL) => URL = (u) => u,
  ): Promise<{ callback: URL; response: Response }> {
    const start = await jar.fetch(url(`/staff/sso/${slug}`));
    let response = await jar.fetch(rewrite(locationOf(start)));
    while (!new URL(response.url).pathname.startsWith('/staff/sso/')) {
      response = await jar.fetch(locationOf(response));
    }
    return { callback: new URL(response.url), response };
  }

  before(async () => {
    const [appPort, idpPort, otherPort] = [await freePort(), await freePort(), await freePort()];
    const appBase = `http://127.0.0.1:${appPort}`;
    const callbackA = `${appBase}/staff/sso/musterstadt/callback`;
    const callbackB = `${appBase}/staff/sso/beispielhausen/callback`;
    idp = await startStaffIdp(idpPort, [
      { ...A, redirectUris: [callbackA] },
      // Also registered with Musterstadt's address: a client of another audience answering there.
      { ...B, redirectUris: [callbackB, callbackA] },
    ]);
    other = await startStaffIdp(otherPort, [{ ...A, redirectUris: [callbackA] }]);
    t = await startListeningApp(sqlite, {}, appPort);
    assert.equal(t.baseUrl, appBase);
  });
  after(async () => {
    await t.close();
    await idp.close();
    await other.close();
  });

  test('a bad configuration is a 400 form error naming the option; nothing is stored', async () => {
    const page = await documentOf(await (await adminJar('musterstadt')).fetch(url('/staff/admin/sso')));
    assert.match(textOf(page), /http:\/\/127\.0\.0\.1:\d+\/staff\/sso\/musterstadt\/callback/);
    const valid = settingsOf(idp.issuer, A);
    const cases: Array<[Record<string, string>, string]> = [
      [{ issuer: 'http://idp.example.de/realms/x' }, 'setting-staff-sso-issuer'],
      [{ issuer: 'https://idp.example.de/?a=b' }, 'setting-staff-sso-issuer'],
      [{ issuer: '' }, 'setting-staff-sso-issuer'],
      [{ clientSecret: '' }, 'setting-staff-sso-clientSecret'],
      [{ roleMapping: '/amtsweg/sachbearbeitung = chef' }, 'setting-staff-sso-roleMapping'],
      [{ rolesClaim: 'zwei Wörter' }, 'setting-staff-sso-rolesClaim'],
    ];
    for (const [change, control] of cases) {
      const response = await configure('musterstadt', { ...valid, ...change });
      assert.equal(response.status, 400, JSON.stringify(change));
      const doc = await documentOf(response);
      assert.ok(doc.querySelector(`.kern-alert a[href="#${control}"], a[href="#${control}"]`), control);
      assert.equal(doc.getElementById(control)?.getAttribute('aria-invalid'), 'true', control);
    }
    const stored = await t.database.db
      .selectFrom('operational_settings')
      .select('kind')
      .where('kind', '=', 'staff.sso')
      .execute();
    assert.equal(stored.length, 0);
    // Not through the municipality page's generic route, which does not check the issuer's rule.
    const jar = await adminJar('musterstadt');
    const municipality = await documentOf(await jar.fetch(url('/staff/admin/gemeinde')));
    const generic = await jar.post(url('/staff/admin/gemeinde/einstellungen/staff.sso'), {
      _csrf: csrfOf(municipality),
      ...valid,
    });
    assert.equal(generic.status, 404);
  });

  test('only an admin sees or changes the SSO settings', async () => {
    const jar = new CookieJar();
    await passwordLogin(jar, 'musterstadt', 'caseworker');
    assert.equal((await jar.fetch(url('/staff/admin/sso'))).status, 403);
    const inbox = await documentOf(await jar.fetch(url('/staff/inbox')));
    const response = await jar.post(url('/staff/admin/sso'), {
      _csrf: csrfOf(inbox),
      ...settingsOf(idp.issuer, A),
    });
    assert.equal(response.status, 403);
  });

  test('configured: the municipality’s login page offers single sign-on; others do not', async () => {
    assert.equal((await configure('musterstadt', settingsOf(idp.issuer, A))).status, 303);
    const page = await documentOf(await fetch(url('/staff/login/musterstadt')));
    const button = [...page.querySelectorAll('a')].find(
      (a) => a.textContent === 'Mit Single Sign-on anmelden',
    );
    assert.equal(button?.getAttribute('href'), '/staff/sso/musterstadt');
    assert.ok(page.querySelector('input[name="password"]'), 'the password form stays');
    const plain = await documentOf(await fetch(url('/staff/login/beispielhausen')));
    assert.ok(!textOf(plain).includes('Single Sign-on'));
    assert.equal((await fetch(url('/staff/login/gibt-es-nicht'))).status, 404);
    assert.equal((await fetch(url('/staff/sso/beispielhausen'), { redirect: 'manual' })).status, 404);
    assert.equal((await configure('beispielhausen', settingsOf(idp.issuer, B))).status, 303);
  });

  test('a login maps the groups to roles, creates the linked account and opens a staff session', async () => {
    idp.next = {
      sub: 'ad-4711',
      username: 'm.mueller',
      name: 'Maria Müller',
      groups: ['/amtsweg/sachbearbeitung', '/other'],
    };
    const jar = new CookieJar();
    const { callback, response } = await ssoLogin(jar, 'musterstadt');
    const authorize = callback.searchParams;
    assert.ok(authorize.get('code') && authorize.get('state'));
    assert.equal(response.status, 200);
    const page = await documentOf(response);
    assert.equal(
      page.querySelector('meta[http-equiv="refresh"]')?.getAttribute('content'),
      '0; url=/staff/inbox',
    );
    const inbox = await jar.fetch(url('/staff/inbox'));
    assert.equal(inbox.status, 200);
    assert.match(textOf(await documentOf(inbox)), /Angemeldet als Maria Müller/);
    const account = await t.app.store.staff.byUsername('musterstadt/m.mueller');
    assert.deepEqual(account?.roles, ['caseworker']);
    assert.equal(account?.tenantId, await tenantId('musterstadt'));
    const row = await t.database.db
      .selectFrom('staff_accounts')
      .select(['sso_issuer', 'sso_subject'])
      .where('id', '=', account!.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.sso_issuer, idp.issuer);
    assert.ok(row.sso_subject && !row.sso_subject.includes('ad-4711'), 'the subject is a pseudonym');
    const actions = (await t.app.store.audit.list(account!.tenantId, account!.id)).map((e) => e.action);
    assert.deepEqual(actions, ['staff.sso_account_created', 'staff.sso_login']);
  });

  test('roles are read again at every login: a changed group changes them and ends older sessions', async () => {
    idp.next = {
      sub: 'ad-4711',
      username: 'm.mueller',
      name: 'Maria Müller',
      groups: ['/amtsweg/sachbearbeitung'],
    };
    const first = new CookieJar();
    await ssoLogin(first, 'musterstadt');
    assert.equal((await first.fetch(url('/staff/inbox'))).status, 200);
    idp.next = {
      sub: 'ad-4711',
      username: 'm.mueller',
      name: 'Maria Müller',
      groups: ['/amtsweg/verwaltung'],
    };
    const second = new CookieJar();
    const { response } = await ssoLogin(second, 'musterstadt');
    const page = await documentOf(response);
    assert.equal(
      page.querySelector('meta[http-equiv="refresh"]')?.getAttribute('content'),
      '0; url=/staff/design',
    );
    const account = await t.app.store.staff.byUsername('musterstadt/m.mueller');
    assert.deepEqual(account?.roles, ['designer', 'admin']);
    assert.equal(locationOf(await first.fetch(url('/staff/inbox'))).pathname, '/staff/login');
    assert.equal((await second.fetch(url('/staff/admin'))).status, 200);
    const accounts = await t.database.db
      .selectFrom('staff_accounts')
      .select('id')
      .where('username', 'like', 'musterstadt/%')
      .execute();
    assert.equal(accounts.length, 1, 'the same identity, the same account');
    const actions = (await t.app.store.audit.list(account!.tenantId, account!.id)).map((e) => e.action);
    assert.ok(actions.includes('staff.sso_roles_changed'));
  });

  test('no mapped group: refused with a clear page, audited; the linked account loses its roles', async () => {
    const earlier = new CookieJar();
    idp.next = {
      sub: 'ad-4711',
      username: 'm.mueller',
      name: 'Maria Müller',
      groups: ['/amtsweg/verwaltung'],
    };
    await ssoLogin(earlier, 'musterstadt');
    idp.next = { sub: 'ad-4711', username: 'm.mueller', name: 'Maria Müller', groups: ['/other'] };
    const jar = new CookieJar();
    const { response } = await ssoLogin(jar, 'musterstadt');
    assert.equal(response.status, 403);
    assert.match(textOf(await documentOf(response)), /Ihr Konto hat keine Rolle in Amtsweg/);
    assert.ok(!response.headers.getSetCookie().some((c) => c.startsWith('aw_staff=')));
    const account = await t.app.store.staff.byUsername('musterstadt/m.mueller');
    assert.deepEqual(account?.roles, []);
    assert.equal(locationOf(await earlier.fetch(url('/staff/admin'))).pathname, '/staff/login');
    const events = await t.app.store.audit.list(account!.tenantId, account!.id);
    assert.deepEqual(events.at(-1)?.action, 'staff.sso_refused');
    assert.deepEqual(events.at(-1)?.details, { reason: 'no-role' });

    // A new identity without a mapped group gets no account at all; the refusal is audited at the municipality.
    idp.next = { sub: 'ad-0001', username: 'praktikant', groups: [] };
    const { response: refused } = await ssoLogin(new CookieJar(), 'musterstadt');
    assert.equal(refused.status, 403);
    assert.equal(await t.app.store.staff.byUsername('musterstadt/praktikant'), undefined);
    const id = await tenantId('musterstadt');
    const atTenant = await t.app.store.audit.list(id, id);
    assert.deepEqual(atTenant.at(-1)?.details, { reason: 'no-role' });
  });

  test('an account is never matched by name: another identity with the same username is refused', async () => {
    idp.next = { sub: 'ad-9999', username: 'm.mueller', groups: ['/amtsweg/sachbearbeitung'] };
    const { response } = await ssoLogin(new CookieJar(), 'musterstadt');
    assert.equal(response.status, 403);
    assert.match(textOf(await documentOf(response)), /gehört in Amtsweg schon zu einem anderen Konto/);
  });

  test('cancelled at the provider: back to the login page, which says so', async () => {
    idp.next = 'cancel';
    const jar = new CookieJar();
    const start = await jar.fetch(url('/staff/sso/musterstadt'));
    let response = await jar.fetch(locationOf(start));
    while (!new URL(response.url).pathname.startsWith('/staff/sso/'))
      response = await jar.fetch(locationOf(response));
    const back = locationOf(response);
    assert.equal(`${back.pathname}${back.search}`, '/staff/login/musterstadt?abgebrochen=1');
    assert.match(textOf(await documentOf(await jar.fetch(back))), /Sie haben die Anmeldung abgebrochen/);
  });

  const person = {
    sub: 'ad-2222',
    username: 'k.klein',
    name: 'Karl Klein',
    groups: ['/amtsweg/sachbearbeitung'],
  };

  test('a wrong, missing or foreign state, or no browser session: 400, no session', async () => {
    idp.next = person;
    const jar = new CookieJar();
    const { callback } = await ssoLogin(jar, 'musterstadt', (authorize) => authorize);
    const forged = new URL(callback);
    forged.searchParams.set('state', 'forged-state');
    const cases = [
      () => jar.fetch(forged),
      () => {
        const none = new URL(callback);
        none.searchParams.delete('state');
        return jar.fetch(none);
      },
      // The browser that began it is not the one that comes back (login CSRF).
      () => new CookieJar().fetch(callback),
    ];
    for (const attempt of cases) {
      const response = await attempt();
      assert.equal(response.status, 400);
      assert.ok(!response.headers.getSetCookie().some((c) => c.startsWith('aw_staff=')));
    }
  });

  test('a replayed callback is refused; a used code with a fresh state is refused by the provider', async () => {
    idp.next = person;
    const jar = new CookieJar();
    const { callback, response } = await ssoLogin(jar, 'musterstadt');
    assert.equal(response.status, 200);
    assert.equal((await jar.fetch(callback)).status, 400, 'the state was good once');
    // The same code under a new login's state: the provider has redeemed it already.
    const start = await jar.fetch(url('/staff/sso/musterstadt'));
    const fresh = new URL(callback);
    fresh.searchParams.set('state', locationOf(start).searchParams.get('state')!);
    const replay = await jar.fetch(fresh);
    assert.equal(replay.status, 403);
    assert.match(textOf(await documentOf(replay)), /konnte nicht bestätigt werden/);
  });

  test('a nonce, an audience or an issuer other than this login’s is refused (403), audited', async () => {
    idp.next = person;
    const id = await tenantId('musterstadt');
    // What refused each, as our relying party reports it: the ID token's nonce, the provider's
    // refusal of a code issued to another client, the answer's `iss` (RFC 9207) of another issuer.
    const rewrites: Array<[string, RegExp, (authorize: URL) => URL]> = [
      [
        'nonce',
        /OAUTH_JWT_CLAIM_COMPARISON_FAILED/,
        (authorize) => {
          authorize.searchParams.set('nonce', 'another-nonce');
          return authorize;
        },
      ],
      [
        'audience',
        /invalid_grant/,
        (authorize) => {
          authorize.searchParams.set('client_id', B.clientId);
          return authorize;
        },
      ],
      [
        'issuer',
        /OAUTH_INVALID_RESPONSE/,
        (authorize) => new URL(`${authorize.pathname}${authorize.search}`, other.issuer),
      ],
    ];
    for (const [what, cause, rewrite] of rewrites) {
      other.next = person;
      const before = (await t.app.store.audit.list(id, id)).length;
      const jar = new CookieJar();
      const { response } = await ssoLogin(jar, 'musterstadt', rewrite);
      assert.equal(response.status, 403, what);
      assert.equal(locationOf(await jar.fetch(url('/staff/inbox'))).pathname, '/staff/login', what);
      const events = await t.app.store.audit.list(id, id);
      assert.equal(events.length, before + 1, what);
      const details = events.at(-1)?.details as { reason?: string; detail?: string };
      assert.equal(details.reason, 'provider', what);
      assert.match(details.detail ?? '', cause, what);
    }
  });

  test('tenant A’s login cannot complete at tenant B, and B’s accounts are B’s', async () => {
    idp.next = person;
    const jar = new CookieJar();
    const start = await jar.fetch(url('/staff/sso/musterstadt'));
    let response = await jar.fetch(locationOf(start));
    while (!new URL(response.url).pathname.startsWith('/staff/sso/'))
      response = await jar.fetch(locationOf(response));
    const atB = new URL(response.url);
    atB.pathname = '/staff/sso/beispielhausen/callback';
    const crossed = await jar.fetch(atB);
    assert.equal(crossed.status, 400);
    assert.equal(await t.app.store.staff.byUsername('beispielhausen/k.klein'), undefined);

    // The same person at Beispielhausen's own login: an account of Beispielhausen, not Musterstadt's.
    const own = await ssoLogin(new CookieJar(), 'beispielhausen');
    assert.equal(own.response.status, 200);
    const account = await t.app.store.staff.byUsername('beispielhausen/k.klein');
    assert.equal(account?.tenantId, await tenantId('beispielhausen'));
    assert.notEqual(account?.id, (await t.app.store.staff.byUsername('musterstadt/k.klein'))?.id);
  });

  test('local passwords switched off: a password login is refused like a wrong password; SSO still works', async () => {
    assert.equal(
      (await configure('musterstadt', { ...settingsOf(idp.issuer, A), localPasswords: '' })).status,
      303,
    );
    const { username, password } = t.credentials.find(
      (c) => c.tenant === 'musterstadt' && c.role === 'designer',
    )!;
    const jar = new CookieJar();
    const form = await documentOf(await jar.fetch(url('/staff/login')));
    const refused = await jar.post(url('/staff/login'), { _csrf: csrfOf(form), username, password });
    assert.equal(refused.status, 401);
    // Another municipality's local accounts are not affected.
    const other = t.credentials.find((c) => c.tenant === 'beispielhausen' && c.role === 'designer')!;
    const fine = await jar.post(url('/staff/login'), {
      _csrf: csrfOf(form),
      username: other.username,
      password: other.password,
    });
    assert.equal(fine.status, 303);
    idp.next = person;
    assert.equal((await ssoLogin(new CookieJar(), 'musterstadt')).response.status, 200);
    // Back on (the admin's session was opened before and still works).
    assert.equal((await configure('musterstadt', settingsOf(idp.issuer, A))).status, 303);
  });
});

describe('staff single sign-on on an installation served over https', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp(sqlite, { baseUrl: 'https://amtsweg.example.de' });
  });
  after(() => t.close());

  test('an issuer on this machine over http is refused (400, nothing stored); https is taken', async () => {
    const credential = t.credentials.find((c) => c.tenant === 'musterstadt' && c.role === 'admin')!;
    const { client } = await staffLogin(t, credential);
    const page = await client.get('/staff/admin/sso');
    assert.match(page.body, /https:\/\/amtsweg\.example\.de\/staff\/sso\/musterstadt\/callback/);
    const fields = {
      enabled: 'on',
      issuer: 'http://127.0.0.1:8080/realms/verwaltung',
      clientId: 'amtsweg',
      clientSecret: 'geheim-0123456789',
      roleMapping: 'Amtsweg-SB = caseworker',
    };
    const refused = await client.submit(page, 'Einstellung speichern', fields);
    assert.equal(refused.status, 400);
    assert.equal(
      refused.document.getElementById('setting-staff-sso-issuer')?.getAttribute('aria-invalid'),
      'true',
    );
    const tenant = (await t.app.store.tenants.bySlug('musterstadt'))!;
    assert.equal(await t.app.store.operationalSettings.get(tenant.id, null, 'staff.sso'), undefined);
    const saved = await client.submit(refused, 'Einstellung speichern', {
      ...fields,
      issuer: 'https://login.musterstadt.de/realms/verwaltung',
    });
    assert.equal(saved.status, 303);
    const stored = await t.app.store.operationalSettings.get(tenant.id, null, 'staff.sso');
    assert.equal(stored?.options.issuer, 'https://login.musterstadt.de/realms/verwaltung');
    assert.equal(stored?.secrets.clientSecret, 'geheim-0123456789');
  });
});
