/**
 * Our OpenID Connect relying party (ADR 0036) against an independent OpenID provider: its own
 * `oidc-provider` instance started here with its own configuration (its own acr values, claim
 * names and client), not the built-in test IdP's code path. The operator's configuration file
 * names it; the municipality offers it; a citizen logs in through it over real HTTP.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { JSDOM } from 'jsdom';
import Provider from 'oidc-provider';
import { DIALECTS } from '../support/databases.ts';
import {
  CookieJar,
  freePort,
  type ListeningApp,
  locationOf,
  startListeningApp,
} from '../support/listening-app.ts';

const sqlite = DIALECTS.find((d) => d.name === 'sqlite')!;
const SERVICE = '/musterstadt/meldebescheinigung';
const SECRET = 'landesportal-client-secret-0123456789';
const ACR = {
  basic: 'urn:landesportal:loa:basic',
  substantial: 'urn:landesportal:loa:substantial',
  high: 'urn:landesportal:loa:high',
  unknown: 'urn:landesportal:loa:other',
};

const documentOf = async (response: Response) => new JSDOM(await response.text()).window.document;
const csrfOf = (doc: Document) => doc.querySelector<HTMLInputElement>('input[name="_csrf"]')!.value;

describe('our OIDC relying party against an independent OpenID provider', () => {
  let t: ListeningApp;
  let idp: Server;
  let dir: string;
  let issuerOrigin: string;
  /** What the provider's automatic login does next. */
  let next: { acr: string } | { cancel: true } = { acr: ACR.substantial };

  before(async () => {
    const [appPort, idpPort] = [await freePort(), await freePort()];
    const issuer = `http://127.0.0.1:${idpPort}`;
    issuerOrigin = issuer;
    const appBase = `http://127.0.0.1:${appPort}`;
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: 'amtsweg-musterland',
          client_secret: SECRET,
          redirect_uris: [`${appBase}/auth/landesportal/callback`],
          post_logout_redirect_uris: [`${appBase}/auth/landesportal/abgemeldet`],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      pkce: { required: () => true, methods: ['S256'] },
      acrValues: Object.values(ACR),
      scopes: ['openid', 'profile'],
      claims: { openid: ['sub'], profile: ['vorname', 'nachname', 'geburtsdatum'] },
      findAccount: (_ctx: unknown, id: string) => ({
        accountId: id,
        claims: () => ({ sub: id, vorname: 'Erika', nachname: 'Mustermann', geburtsdatum: '1964-08-12' }),
      }),
      loadExistingGrant: async (ctx: {
        oidc: { client?: { clientId: string }; session?: { accountId?: string } };
      }) => {
        const grant = new provider.Grant({
          clientId: ctx.oidc.client!.clientId,
          accountId: ctx.oidc.session!.accountId!,
        });
        grant.addOIDCScope('openid profile');
        await grant.save();
        return grant;
      },
      interactions: {
        url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
      },
      features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
    });
    const callback = provider.callback();
    // The provider's "login page" logs the same person in at once, at the level the test chose.
    idp = createServer((req, res) => {
      if (!req.url?.startsWith('/interaction/')) return callback(req, res);
      const result =
        'cancel' in next
          ? { error: 'access_denied' }
          : { login: { accountId: 'landesportal-7731', acr: next.acr } };
      void provider.interactionResult(req, res, result, { mergeWithLastSubmission: false }).then((to) => {
        res.writeHead(303, { location: to }).end();
      });
    });
    await new Promise<void>((resolve) => idp.listen(idpPort, '127.0.0.1', resolve));

    dir = mkdtempSync(join(tmpdir(), 'amtsweg-idp-config-'));
    writeFileSync(join(dir, 'secret'), `${SECRET}\n`);
    writeFileSync(
      join(dir, 'providers.json'),
      JSON.stringify([
        {
          id: 'landesportal',
          label: { de: 'Servicekonto Musterland', en: 'Musterland service account' },
          issuer,
          clientId: 'amtsweg-musterland',
          clientSecretFile: join(dir, 'secret'),
          scopes: ['openid', 'profile'],
          levels: { [ACR.basic]: 'niedrig', [ACR.substantial]: 'substanziell', [ACR.high]: 'hoch' },
          claims: { givenName: 'vorname', familyName: 'nachname', birthDate: 'geburtsdatum' },
        },
      ]),
    );
    t = await startListeningApp(
      sqlite,
      { env: { AMTSWEG_IDENTITY_PROVIDERS_FILE: join(dir, 'providers.json') } },
      appPort,
    );
    assert.equal(t.baseUrl, appBase);
    const tenant = (await t.app.store.tenants.bySlug('musterstadt'))!;
    await t.app.store.operationalSettings.put(
      {
        tenantId: tenant.id,
        serviceId: null,
        kind: 'identity.providers',
        options: { offered: 'landesportal' },
        secrets: {},
        updatedAt: new Date().toISOString(),
        updatedBy: null,
      },
      {
        tenantId: tenant.id,
        actorType: 'operator',
        actorId: null,
        action: 'setting.changed',
        subjectType: 'operational_setting',
        subjectId: 'identity.providers',
      },
    );
  });
  after(async () => {
    await t.close();
    await new Promise<void>((resolve) => idp.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  /** A new browser with a draft of the service, sent through the provider; where our callback leads. */
  async function loginThroughProvider(): Promise<{ jar: CookieJar; authorize: URL; landing: URL }> {
    const jar = new CookieJar();
    const start = await jar.fetch(new URL(SERVICE, t.baseUrl));
    await jar.post(new URL(`${SERVICE}/start`, t.baseUrl), { _csrf: csrfOf(await documentOf(start)) });
    const page = await documentOf(await jar.fetch(new URL(`${SERVICE}/anmelden`, t.baseUrl)));
    const link = [...page.querySelectorAll('a')].find(
      (a) => a.textContent === 'Anmelden mit Servicekonto Musterland',
    );
    assert.ok(link, 'the login page offers the configured provider by its label');
    const authorize = locationOf(await jar.fetch(new URL(link.getAttribute('href')!, t.baseUrl)));
    let response = await jar.fetch(authorize);
    // Through the provider's interaction and back: follow redirects until our callback has answered.
    while (!new URL(response.url).pathname.startsWith('/auth/landesportal/callback')) {
      response = await jar.fetch(locationOf(response));
    }
    return { jar, authorize, landing: locationOf(response) };
  }

  test('authorization request: PKCE S256, state, nonce, and acr values for the level and above', async () => {
    next = { acr: ACR.substantial };
    const { authorize } = await loginThroughProvider();
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    assert.ok(authorize.searchParams.get('state'));
    assert.ok(authorize.searchParams.get('nonce'));
    assert.equal(authorize.searchParams.get('acr_values'), `${ACR.substantial} ${ACR.high}`);
    assert.equal(authorize.searchParams.get('redirect_uri'), `${t.baseUrl}/auth/landesportal/callback`);
  });

  test('a login at the required level continues the draft; claims mapped by the provider’s mapping', async () => {
    next = { acr: ACR.substantial };
    const { jar, landing } = await loginThroughProvider();
    assert.equal(landing.pathname, `${SERVICE}/anmelden`);
    const onward = await jar.fetch(landing);
    assert.equal(locationOf(onward).pathname, `${SERVICE}/schritt/bescheinigung`);
    const rows = await t.database.db
      .selectFrom('citizen_logins')
      .selectAll()
      .where('provider', '=', 'landesportal')
      .execute();
    const tenant = (await t.app.store.tenants.bySlug('musterstadt'))!;
    const login = await t.app.store.citizenLogins.current(tenant.id, rows.at(-1)!.session_hash);
    assert.equal(login?.level, 'substanziell');
    assert.equal(login?.subject, 'landesportal-7731');
    assert.deepEqual(login?.attributes, {
      givenName: 'Erika',
      familyName: 'Mustermann',
      birthDate: '1964-08-12',
    });
  });

  test('an acr the mapping does not know is refused: no login, the page says it did not work', async () => {
    next = { acr: ACR.unknown };
    const before = await t.database.db.selectFrom('citizen_logins').selectAll().execute();
    const { jar, landing } = await loginThroughProvider();
    assert.equal(landing.search, '?fehlgeschlagen=1');
    const page = await documentOf(await jar.fetch(landing));
    assert.match(page.body.textContent ?? '', /Die Anmeldung hat nicht geklappt/);
    assert.equal(
      (await t.database.db.selectFrom('citizen_logins').selectAll().execute()).length,
      before.length,
    );
  });

  test('the pages’ CSP lets the logout form lead to the provider (form-action), and nowhere else', async () => {
    const response = await fetch(new URL(SERVICE, t.baseUrl));
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.ok(csp.includes(`form-action 'self' ${issuerOrigin};`), csp);
  });

  test('cancelled at the provider: back to the login page, which says so', async () => {
    next = { cancel: true };
    const { jar, landing } = await loginThroughProvider();
    assert.equal(landing.search, '?abgebrochen=1');
    const page = await documentOf(await jar.fetch(landing));
    assert.match(page.body.textContent ?? '', /Sie haben die Anmeldung abgebrochen/);
  });
});
