/**
 * The built-in test identity provider (ADR 0035) against `openid-client` used as a plain relying
 * party over real HTTP: discovery, PKCE S256, the persona page, the code exchange with an ID token
 * signed by the published JWKS, the level as `acr`, userinfo and RP-initiated logout. The provider
 * keeps no state in the database, so one dialect is enough here.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { JSDOM } from 'jsdom';
import * as oidc from 'openid-client';
import { TEST_IDP_ACR } from '../../src/adapters/identity/test-idp/levels.ts';
import { TEST_PERSONAS } from '../../src/adapters/identity/test-idp/personas.ts';
import { startTestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { CookieJar, type ListeningApp, locationOf, startListeningApp } from '../support/listening-app.ts';

const sqlite = DIALECTS.find((d) => d.name === 'sqlite')!;
const [erika, jonas, business] = TEST_PERSONAS as [
  (typeof TEST_PERSONAS)[0],
  (typeof TEST_PERSONAS)[0],
  (typeof TEST_PERSONAS)[0],
];

function documentOf(text: string): Document {
  return new JSDOM(text).window.document;
}

describe('built-in test IdP against openid-client as a plain client', () => {
  let t: ListeningApp;
  let client: oidc.Configuration;
  let redirectUri: string;

  before(async () => {
    t = await startListeningApp(sqlite, { env: { AMTSWEG_TEST_IDP: 'on' } });
    const registered = t.app.testIdp!.client;
    redirectUri = registered.redirectUris[0]!;
    client = await oidc.discovery(
      new URL(t.app.testIdp!.issuer),
      registered.clientId,
      registered.clientSecret,
      undefined,
      {
        execute: [oidc.allowInsecureRequests],
      },
    );
  });
  after(() => t.close());

  /** Starts a login as a browser would: the authorization request, up to the persona page. */
  async function beginLogin(level: keyof typeof TEST_IDP_ACR) {
    const jar = new CookieJar();
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const authorize = oidc.buildAuthorizationUrl(client, {
      redirect_uri: redirectUri,
      scope: 'openid profile email address organization',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      acr_values: TEST_IDP_ACR[level],
    });
    const toInteraction = await jar.fetch(authorize);
    assert.equal(toInteraction.status, 303);
    const interaction = locationOf(toInteraction);
    assert.match(interaction.pathname, /^\/test-idp\/interaction\/[\w-]+$/);
    const personaPage = await jar.fetch(interaction);
    assert.equal(personaPage.status, 200);
    const doc = documentOf(await personaPage.text());
    return { jar, verifier, state, nonce, interaction, doc };
  }

  /** Chooses persona and level on the page and follows the redirects back to the relying party. */
  async function finishLogin(
    started: Awaited<ReturnType<typeof beginLogin>>,
    fields: Record<string, string>,
  ): Promise<URL> {
    const csrf = started.doc.querySelector<HTMLInputElement>('input[name="_csrf"]')!.value;
    const chosen = await started.jar.post(`${started.interaction.href}/anmelden`, { _csrf: csrf, ...fields });
    assert.equal(chosen.status, 303, 'the persona form is accepted');
    const resumed = await started.jar.fetch(locationOf(chosen));
    assert.equal(resumed.status, 303);
    const back = locationOf(resumed);
    assert.equal(`${back.origin}${back.pathname}`, redirectUri);
    return back;
  }

  test('discovery: issuer under /test-idp, PKCE S256, the levels as acr values, a JWKS', async () => {
    const metadata = client.serverMetadata();
    assert.equal(metadata.issuer, `${t.baseUrl}/test-idp`);
    assert.deepEqual(metadata.code_challenge_methods_supported, ['S256']);
    assert.deepEqual(metadata.acr_values_supported, Object.values(TEST_IDP_ACR));
    assert.ok(metadata.end_session_endpoint?.startsWith(`${t.baseUrl}/test-idp/`));
    const jwks = (await (await fetch(metadata.jwks_uri!)).json()) as { keys: Array<Record<string, unknown>> };
    assert.equal(jwks.keys.length, 1);
    assert.equal(jwks.keys[0]!.kty, 'RSA');
    assert.equal(jwks.keys[0]!.d, undefined, 'the private part is never published');
  });

  test('the persona page is marked as a test system and offers the requested level', async () => {
    const { doc } = await beginLogin('substanziell');
    assert.match(doc.querySelector('.aw-test-system')?.textContent ?? '', /Testsystem/);
    assert.equal(doc.querySelector('h1')?.textContent, 'Als Testperson anmelden');
    const personas = [...doc.querySelectorAll<HTMLInputElement>('input[name="persona"]')];
    assert.deepEqual(
      personas.map((p) => p.value),
      TEST_PERSONAS.map((p) => p.id),
    );
    const checked = doc.querySelector<HTMLInputElement>('input[name="niveau"]:checked');
    assert.equal(checked?.value, 'substanziell');
  });

  test('a login at hoch: code exchange with PKCE, state and nonce; acr, subject and claims', async () => {
    const started = await beginLogin('hoch');
    const back = await finishLogin(started, { persona: erika.id, niveau: 'hoch' });
    const tokens = await oidc.authorizationCodeGrant(client, back, {
      pkceCodeVerifier: started.verifier,
      expectedState: started.state,
      expectedNonce: started.nonce,
    });
    const claims = tokens.claims()!;
    assert.equal(claims.sub, erika.id);
    assert.equal(claims.acr, TEST_IDP_ACR.hoch);
    assert.equal(claims.given_name, 'Erika');
    assert.deepEqual(claims.address, erika.claims.address);
    const userinfo = await oidc.fetchUserInfo(client, tokens.access_token, erika.id);
    assert.equal(userinfo.family_name, 'Mustermann');
  });

  test('the level is the one chosen, even below the one asked for; the persona without address has none', async () => {
    const started = await beginLogin('hoch');
    const back = await finishLogin(started, { persona: jonas.id, niveau: 'niedrig' });
    const tokens = await oidc.authorizationCodeGrant(client, back, {
      pkceCodeVerifier: started.verifier,
      expectedState: started.state,
      expectedNonce: started.nonce,
    });
    const claims = tokens.claims()!;
    assert.equal(claims.acr, TEST_IDP_ACR.niedrig);
    assert.equal(claims.address, undefined);
  });

  test('the business persona carries its organisation name', async () => {
    const started = await beginLogin('substanziell');
    const back = await finishLogin(started, { persona: business.id, niveau: 'substanziell' });
    const tokens = await oidc.authorizationCodeGrant(client, back, {
      pkceCodeVerifier: started.verifier,
      expectedState: started.state,
      expectedNonce: started.nonce,
    });
    assert.equal(tokens.claims()!.organization_name, 'Musterbau GmbH');
  });

  test('a wrong code verifier is refused at the token endpoint', async () => {
    const started = await beginLogin('niedrig');
    const back = await finishLogin(started, { persona: erika.id, niveau: 'niedrig' });
    await assert.rejects(
      oidc.authorizationCodeGrant(client, back, {
        pkceCodeVerifier: oidc.randomPKCECodeVerifier(),
        expectedState: started.state,
        expectedNonce: started.nonce,
      }),
      (error: Error & { error?: string }) => error.error === 'invalid_grant',
    );
  });

  test('an authorization request without PKCE is refused back to the client', async () => {
    const jar = new CookieJar();
    const url = oidc.buildAuthorizationUrl(client, {
      redirect_uri: redirectUri,
      scope: 'openid',
      state: 'x',
    });
    const refused = await jar.fetch(url);
    const back = locationOf(refused);
    assert.equal(back.searchParams.get('error'), 'invalid_request');
  });

  test('an unknown client gets the refusal page, marked as a test system', async () => {
    const response = await fetch(
      `${t.baseUrl}/test-idp/auth?client_id=niemand&response_type=code&scope=openid`,
    );
    assert.equal(response.status, 400);
    const doc = documentOf(await response.text());
    assert.equal(doc.querySelector('h1')?.textContent, 'Die Anfrage wurde abgelehnt');
    assert.ok(doc.querySelector('.aw-test-system'));
    assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'self'/);
  });

  test('bad input: no persona or a forged one, no level — errors on the page, the login stays open', async () => {
    const started = await beginLogin('hoch');
    const csrf = started.doc.querySelector<HTMLInputElement>('input[name="_csrf"]')!.value;
    const wrong: Array<Record<string, string>> = [
      { niveau: 'hoch' },
      { persona: 'tp-000000000000', niveau: 'hoch' },
      { persona: erika.id },
    ];
    for (const fields of wrong) {
      const refused = await started.jar.post(`${started.interaction.href}/anmelden`, {
        _csrf: csrf,
        ...fields,
      });
      assert.equal(refused.status, 400);
      const doc = documentOf(await refused.text());
      assert.ok(doc.querySelector('.aw-error-summary'), JSON.stringify(fields));
      assert.match(doc.title, /^Fehler:/);
    }
    const forged = await started.jar.post(`${started.interaction.href}/anmelden`, {
      _csrf: 'forged',
      persona: erika.id,
      niveau: 'hoch',
    });
    assert.equal(forged.status, 403);
    // Still open: the citizen can go on.
    const back = await finishLogin(started, { persona: erika.id, niveau: 'hoch' });
    assert.ok(back.searchParams.get('code'));
  });

  test('cancelling returns access_denied to the client', async () => {
    const started = await beginLogin('hoch');
    const csrf = started.doc.querySelector<HTMLInputElement>('input[name="_csrf"]')!.value;
    const cancelled = await started.jar.post(`${started.interaction.href}/abbrechen`, { _csrf: csrf });
    const resumed = await started.jar.fetch(locationOf(cancelled));
    const back = locationOf(resumed);
    assert.equal(back.searchParams.get('error'), 'access_denied');
    assert.equal(back.searchParams.get('state'), started.state);
  });

  test('an interaction of another browser is not open here', async () => {
    const started = await beginLogin('hoch');
    const other = await new CookieJar().fetch(started.interaction);
    assert.equal(other.status, 404);
    assert.equal(
      documentOf(await other.text()).querySelector('h1')?.textContent,
      'Diese Anmeldung ist nicht mehr offen',
    );
  });

  test('a logout without a session at the IdP: the library page may run its one script (CSP hash)', async () => {
    const response = await fetch(oidc.buildEndSessionUrl(client, {}));
    const script = /<script>([\s\S]*?)<\/script>/.exec(await response.text())?.[1] ?? '';
    const hash = createHash('sha256').update(script).digest('base64');
    assert.match(
      response.headers.get('content-security-policy') ?? '',
      new RegExp(`'sha256-${hash.replace(/[+/]/g, '\\$&')}'`),
    );
  });

  test('RP-initiated logout asks, then returns to the registered address', async () => {
    const started = await beginLogin('hoch');
    const back = await finishLogin(started, { persona: erika.id, niveau: 'hoch' });
    const tokens = await oidc.authorizationCodeGrant(client, back, {
      pkceCodeVerifier: started.verifier,
      expectedState: started.state,
      expectedNonce: started.nonce,
    });
    const postLogout = t.app.testIdp!.client.postLogoutRedirectUris[0]!;
    const endSession = oidc.buildEndSessionUrl(client, {
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: postLogout,
    });
    const question = await started.jar.fetch(endSession);
    assert.equal(question.status, 200);
    const doc = documentOf(await question.text());
    assert.equal(doc.querySelector('h1')?.textContent, 'Beim Test-Identitätsanbieter abmelden?');
    const form = doc.getElementById('op.logoutForm') as HTMLFormElement;
    const xsrf = form.querySelector<HTMLInputElement>('input[name="xsrf"]')!.value;
    const confirmed = await started.jar.post(new URL(form.getAttribute('action')!, t.baseUrl), {
      xsrf,
      logout: 'yes',
    });
    assert.equal(confirmed.status, 303);
    const done = locationOf(confirmed);
    assert.equal(`${done.origin}${done.pathname}`, postLogout);
  });
});

describe('test IdP switched off', () => {
  test('plain serve has no /test-idp unless AMTSWEG_TEST_IDP=on', async () => {
    const t = await startTestApp(sqlite);
    try {
      assert.equal(t.app.testIdp, undefined);
      const response = await t.app.server.inject({ url: '/test-idp/.well-known/openid-configuration' });
      assert.equal(response.statusCode, 404);
    } finally {
      await t.close();
    }
  });
});
