/**
 * Our SAML service provider (ADR 0050) against SimpleSAMLphp, a fully independent SAML
 * implementation (Debian's `simplesamlphp`, see `test/support/simplesamlphp.ts`): a citizen logs
 * in with a user name and password at its IdP, which checks our signed AuthnRequest and answers
 * with a signed and encrypted assertion through its own auto-posting page. Skipped with the reason
 * where the package is missing, except in CI (`.ci/run` installs it).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { JSDOM } from 'jsdom';
import { DIALECTS } from '../support/databases.ts';
import {
  CookieJar,
  freePort,
  type ListeningApp,
  locationOf,
  startListeningApp,
} from '../support/listening-app.ts';
import { keyAndCert } from '../support/saml-idp.ts';
import {
  type RunningSimpleSamlPhp,
  simpleSamlPhpMissing,
  startSimpleSamlPhp,
} from '../support/simplesamlphp.ts';

const SERVICE = '/musterstadt/meldebescheinigung';
const missing = simpleSamlPhpMissing();
if (missing && process.env.CI) throw new Error(`SimpleSAMLphp is required in CI: ${missing}`);
if (missing) console.log(`SAML tests against SimpleSAMLphp skipped: ${missing}`);

const documentOf = async (response: Response) => new JSDOM(await response.text()).window.document;
const csrfOf = (doc: Document) => doc.querySelector<HTMLInputElement>('input[name="_csrf"]')!.value;
const formFieldsOf = (form: HTMLFormElement) =>
  Object.fromEntries(
    [...form.querySelectorAll<HTMLInputElement>('input[name]')].map((input) => [input.name, input.value]),
  );

const sqlite = DIALECTS.find((d) => d.name === 'sqlite')!;

describe('our SAML service provider against SimpleSAMLphp', { skip: missing }, () => {
  let t: ListeningApp;
  let ssp: RunningSimpleSamlPhp;
  let dir: string;

  before(async () => {
    const appPort = await freePort();
    const appBase = `http://127.0.0.1:${appPort}`;
    const signing = keyAndCert('Amtsweg SP signing');
    const encryption = keyAndCert('Amtsweg SP encryption');
    ssp = await startSimpleSamlPhp(
      {
        entityId: `${appBase}/auth/saml/ssp/metadata`,
        acs: `${appBase}/auth/saml/ssp/acs`,
        slo: `${appBase}/auth/saml/ssp/slo`,
        signingCert: signing.cert,
        encryptionCert: encryption.cert,
      },
      {
        'erika:geheim': {
          'urn:oid:1.3.6.1.4.1.25484.494450.3': 'bPK2-ssp-erika',
          'urn:oid:2.5.4.42': 'Erika',
          'urn:oid:2.5.4.4': 'Mustermann',
          'urn:oid:2.5.4.7': 'Köln',
        },
      },
      'STORK-QAA-Level-4',
    );
    dir = mkdtempSync(join(tmpdir(), 'amtsweg-ssp-sp-'));
    writeFileSync(join(dir, 'idp.pem'), ssp.cert);
    writeFileSync(join(dir, 'key.pem'), signing.key);
    writeFileSync(join(dir, 'cert.pem'), signing.cert);
    writeFileSync(join(dir, 'enc-key.pem'), encryption.key);
    writeFileSync(join(dir, 'enc-cert.pem'), encryption.cert);
    writeFileSync(
      join(dir, 'providers.json'),
      JSON.stringify([
        {
          kind: 'saml',
          id: 'ssp',
          label: { de: 'SimpleSAMLphp', en: 'SimpleSAMLphp' },
          idp: {
            entityId: ssp.entityId,
            ssoUrl: ssp.ssoUrl,
            sloUrl: ssp.sloUrl,
            certFile: join(dir, 'idp.pem'),
          },
          sp: {
            keyFile: join(dir, 'key.pem'),
            certFile: join(dir, 'cert.pem'),
            encryptionKeyFile: join(dir, 'enc-key.pem'),
            encryptionCertFile: join(dir, 'enc-cert.pem'),
          },
        },
      ]),
    );
    t = await startListeningApp(
      sqlite,
      { env: { AMTSWEG_IDENTITY_PROVIDERS_FILE: join(dir, 'providers.json') } },
      appPort,
    );
    const tenant = (await t.app.store.tenants.bySlug('musterstadt'))!;
    await t.app.store.operationalSettings.put(
      {
        tenantId: tenant.id,
        serviceId: null,
        kind: 'identity.providers',
        options: { offered: 'ssp' },
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
    await t?.close();
    await ssp?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('a login with user name and password at SimpleSAMLphp: signed and encrypted assertion, level hoch', async () => {
    const jar = new CookieJar();
    const start = await jar.fetch(new URL(SERVICE, t.baseUrl));
    await jar.post(new URL(`${SERVICE}/start`, t.baseUrl), { _csrf: csrfOf(await documentOf(start)) });
    const authorize = locationOf(await jar.fetch(new URL(`${SERVICE}/anmelden/ssp`, t.baseUrl)));
    assert.equal(`${authorize.origin}${authorize.pathname}`, ssp.ssoUrl);

    // SimpleSAMLphp checks our request's signature, then shows its login form.
    let response = await jar.fetch(authorize);
    while (response.status >= 300 && response.status < 400) response = await jar.fetch(locationOf(response));
    assert.equal(response.status, 200, await response.clone().text());
    const loginPage = await documentOf(response);
    const loginForm = loginPage.querySelector<HTMLFormElement>('form')!;
    const loginUrl = new URL(loginForm.getAttribute('action') || response.url, response.url);
    response = await jar.post(loginUrl, {
      ...formFieldsOf(loginForm),
      username: 'erika',
      password: 'geheim',
    });
    while (response.status >= 300 && response.status < 400) response = await jar.fetch(locationOf(response));

    // Its page posts the answer to our ACS (the form a browser submits by script or by button).
    const postPage = await documentOf(response);
    const postForm = postPage.querySelector<HTMLFormElement>('form[method="post"]')!;
    assert.ok(postForm, 'SimpleSAMLphp answers with a form to post');
    const acs = new URL(postForm.getAttribute('action')!);
    assert.equal(acs.href, `${t.baseUrl}/auth/saml/ssp/acs`);
    const answer = await fetch(acs, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(formFieldsOf(postForm)).toString(),
      redirect: 'manual',
    });
    assert.equal(answer.status, 303, await answer.clone().text());
    const onward = await jar.fetch(locationOf(answer));
    assert.equal(locationOf(onward).pathname, `${SERVICE}/schritt/bescheinigung`);
    const rows = await t.database.db
      .selectFrom('citizen_logins')
      .selectAll()
      .where('provider', '=', 'ssp')
      .execute();
    const login = await t.app.store.citizenLogins.current(rows[0]!.tenant_id, rows[0]!.session_hash);
    assert.equal(login?.level, 'hoch');
    assert.equal(login?.subject, 'bPK2-ssp-erika');
    assert.deepEqual(login?.attributes, { givenName: 'Erika', familyName: 'Mustermann', city: 'Köln' });

    // Single logout: our signed LogoutRequest goes to SimpleSAMLphp, which checks it, ends its
    // session and sends its signed LogoutResponse back to our SLO service.
    const home = await documentOf(await jar.fetch(new URL('/musterstadt', t.baseUrl)));
    const logout = await jar.post(new URL('/musterstadt/abmelden', t.baseUrl), {
      _csrf: home.querySelector<HTMLInputElement>('form[action="/musterstadt/abmelden"] input[name="_csrf"]')!
        .value,
    });
    assert.equal(logout.status, 303);
    assert.equal(
      await t.app.store.citizenLogins.current(rows[0]!.tenant_id, rows[0]!.session_hash),
      undefined,
      'our login ended',
    );
    const toIdp = locationOf(logout);
    assert.equal(`${toIdp.origin}${toIdp.pathname}`, ssp.sloUrl);
    response = await jar.fetch(toIdp);
    while (response.status >= 300 && response.status < 400) {
      const next = locationOf(response);
      if (next.pathname === '/auth/saml/ssp/slo') break;
      response = await jar.fetch(next);
    }
    const back = locationOf(response);
    assert.equal(back.pathname, '/auth/saml/ssp/slo', await response.clone().text());
    assert.ok(back.searchParams.get('SAMLResponse') && back.searchParams.get('Signature'), 'signed');
    const home2 = await jar.fetch(back);
    assert.equal(home2.status, 303, await home2.clone().text());
    assert.equal(locationOf(home2).pathname, '/musterstadt');
  });
});
