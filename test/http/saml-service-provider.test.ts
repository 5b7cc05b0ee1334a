/**
 * Our SAML service provider (ADR 0050) against an identity provider built here with `samlify`, a
 * SAML implementation independent of ours: it reads our published metadata, checks our signed
 * AuthnRequest, and issues signed and encrypted assertions, or the broken and forged ones a real
 * attacker would try. On SQLite and PostgreSQL; the replay check also across two app instances
 * sharing the database.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { inflateRawSync } from 'node:zlib';
import { JSDOM } from 'jsdom';
import { DIALECTS } from '../support/databases.ts';
import { CookieJar, type ListeningApp, locationOf, startListeningApp } from '../support/listening-app.ts';
import {
  type IssueOptions,
  keyAndCert,
  type ReadRequest,
  TEST_NAME_ID,
  TestSamlIdp,
} from '../support/saml-idp.ts';

const SERVICE = '/musterstadt/meldebescheinigung';
const documentOf = async (response: Response) => new JSDOM(await response.text()).window.document;
const csrfOf = (doc: Document) => doc.querySelector<HTMLInputElement>('input[name="_csrf"]')!.value;

for (const dialect of DIALECTS) {
  describe(`SAML service provider against a samlify IdP (${dialect.name})`, () => {
    let t: ListeningApp;
    let dir: string;
    let env: Record<string, string>;
    const idp = new TestSamlIdp();
    let urls: { metadata: string; acs: string; slo: string };
    let tenantId: string;
    // The application's clock, which node-saml's time checks must use too (moved by a test).
    let clockOffsetMs = 0;
    const clock = { now: () => new Date(Date.now() + clockOffsetMs) };

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'amtsweg-saml-'));
      const signing = keyAndCert('Amtsweg SP signing');
      const encryption = keyAndCert('Amtsweg SP encryption');
      writeFileSync(join(dir, 'idp.pem'), idp.keys.cert);
      writeFileSync(join(dir, 'sp-key.pem'), signing.key);
      writeFileSync(join(dir, 'sp-cert.pem'), signing.cert);
      writeFileSync(join(dir, 'sp-enc-key.pem'), encryption.key);
      writeFileSync(join(dir, 'sp-enc-cert.pem'), encryption.cert);
      writeFileSync(
        join(dir, 'providers.json'),
        JSON.stringify([
          {
            kind: 'saml',
            id: 'bundid',
            label: { de: 'BundID', en: 'BundID' },
            idp: {
              entityId: idp.entityId,
              ssoUrl: idp.ssoUrl,
              sloUrl: idp.sloUrl,
              certFile: join(dir, 'idp.pem'),
            },
            sp: {
              keyFile: join(dir, 'sp-key.pem'),
              certFile: join(dir, 'sp-cert.pem'),
              encryptionKeyFile: join(dir, 'sp-enc-key.pem'),
              encryptionCertFile: join(dir, 'sp-enc-cert.pem'),
            },
          },
        ]),
      );
      env = { AMTSWEG_IDENTITY_PROVIDERS_FILE: join(dir, 'providers.json') };
      t = await startListeningApp(dialect, { env, clock });
      env.AMTSWEG_BASE_URL = t.baseUrl;
      urls = {
        metadata: `${t.baseUrl}/auth/saml/bundid/metadata`,
        acs: `${t.baseUrl}/auth/saml/bundid/acs`,
        slo: `${t.baseUrl}/auth/saml/bundid/slo`,
      };
      const tenant = (await t.app.store.tenants.bySlug('musterstadt'))!;
      tenantId = tenant.id;
      await t.app.store.operationalSettings.put(
        {
          tenantId,
          serviceId: null,
          kind: 'identity.providers',
          options: { offered: 'bundid' },
          secrets: {},
          updatedAt: new Date().toISOString(),
          updatedBy: null,
        },
        {
          tenantId,
          actorType: 'operator',
          actorId: null,
          action: 'setting.changed',
          subjectType: 'operational_setting',
          subjectId: 'identity.providers',
        },
      );
      idp.trust(await (await fetch(urls.metadata)).text());
    });
    after(async () => {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    });

    /** A new browser with a draft of the service, sent to the IdP; what the IdP read. */
    async function beginLogin(base = t.baseUrl, jar = new CookieJar()) {
      const start = await jar.fetch(new URL(SERVICE, base));
      await jar.post(new URL(`${SERVICE}/start`, base), { _csrf: csrfOf(await documentOf(start)) });
      const page = await documentOf(await jar.fetch(new URL(`${SERVICE}/anmelden`, base)));
      const link = [...page.querySelectorAll('a')].find((a) => a.textContent === 'Anmelden mit BundID');
      assert.ok(link, 'the login page offers BundID');
      const authorize = locationOf(await jar.fetch(new URL(link.getAttribute('href')!, base)));
      return { jar, authorize, request: await idp.read(authorize) };
    }

    /** The IdP's page posts the answer to our ACS: cross-site, so without our cookies. */
    const postToAcs = (fields: Record<string, string>, base = t.baseUrl) =>
      fetch(`${base}/auth/saml/bundid/acs`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'https://bundid.test.invalid',
        },
        body: new URLSearchParams(fields).toString(),
        redirect: 'manual',
      });

    const respond = (request: ReadRequest, options?: IssueOptions) =>
      idp.respond(request, urls.acs, urls.metadata, options);

    const loginCount = async () =>
      (await t.database.db.selectFrom('citizen_logins').select('session_hash').execute()).length;

    const refusals = async () =>
      (await t.app.store.audit.list(tenantId, 'bundid')).filter((e) => e.action === 'citizen.login.refused');
    const lastRefusal = async () => (await refusals()).at(-1);

    test('metadata: entity id, ACS by HTTP-POST, signed requests, signing and encryption certificates', async () => {
      const response = await fetch(urls.metadata);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /application\/samlmetadata\+xml/);
      const doc = new JSDOM(await response.text(), { contentType: 'text/xml' }).window.document;
      const entity = doc.documentElement;
      assert.equal(entity.getAttribute('entityID'), urls.metadata);
      const descriptor = doc.getElementsByTagNameNS(
        'urn:oasis:names:tc:SAML:2.0:metadata',
        'SPSSODescriptor',
      )[0]!;
      assert.equal(descriptor.getAttribute('AuthnRequestsSigned'), 'true');
      assert.equal(descriptor.getAttribute('WantAssertionsSigned'), 'true');
      const acs = doc.getElementsByTagNameNS(
        'urn:oasis:names:tc:SAML:2.0:metadata',
        'AssertionConsumerService',
      )[0]!;
      assert.equal(acs.getAttribute('Binding'), 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST');
      assert.equal(acs.getAttribute('Location'), urls.acs);
      const uses = [
        ...doc.getElementsByTagNameNS('urn:oasis:names:tc:SAML:2.0:metadata', 'KeyDescriptor'),
      ].map((k) => k.getAttribute('use'));
      assert.deepEqual(uses.sort(), ['encryption', 'signing']);
      assert.equal((await fetch(`${t.baseUrl}/auth/saml/keiner/metadata`)).status, 404);
    });

    test('AuthnRequest: signed (checked by the IdP), minimum STORK-QAA class of the level, attributes by OID', async () => {
      const { authorize, request } = await beginLogin();
      assert.equal(`${authorize.origin}${authorize.pathname}`, idp.ssoUrl);
      assert.ok(authorize.searchParams.get('Signature'), 'signed by the HTTP-Redirect binding');
      assert.match(authorize.searchParams.get('SigAlg') ?? '', /rsa-sha256/);
      const doc = new JSDOM(request.xml, { contentType: 'text/xml' }).window.document;
      const context = doc.getElementsByTagNameNS(
        'urn:oasis:names:tc:SAML:2.0:protocol',
        'RequestedAuthnContext',
      )[0]!;
      assert.equal(context.getAttribute('Comparison'), 'minimum');
      assert.equal(context.textContent?.trim(), 'STORK-QAA-Level-3', 'substanziell is STORK-QAA-Level-3');
      const requested = [
        ...doc.getElementsByTagNameNS('https://www.akdb.de/request/2018/09', 'RequestedAttribute'),
      ].map((a) => a.getAttribute('Name'));
      for (const oid of ['urn:oid:2.5.4.42', 'urn:oid:2.5.4.4', 'urn:oid:1.3.6.1.4.1.25484.494450.3']) {
        assert.ok(requested.includes(oid), oid);
      }
      assert.equal(doc.documentElement.getAttribute('AssertionConsumerServiceURL'), urls.acs);
      // A request whose signature does not hold is refused by the IdP (the check above is real).
      const tampered = new URL(authorize);
      tampered.searchParams.set('RelayState', 'other');
      await assert.rejects(idp.read(tampered));
    });

    test('a login end to end: signed and encrypted assertion, level and attributes mapped, audited', async () => {
      const { jar, request } = await beginLogin();
      const answer = await postToAcs(await respond(request));
      assert.equal(answer.status, 303);
      assert.equal(locationOf(answer).pathname, `${SERVICE}/anmelden`);
      // Back on our site the (SameSite) session cookie is there again: on with the draft.
      const onward = await jar.fetch(locationOf(answer));
      assert.equal(locationOf(onward).pathname, `${SERVICE}/schritt/bescheinigung`);
      const rows = await t.database.db
        .selectFrom('citizen_logins')
        .selectAll()
        .where('provider', '=', 'bundid')
        .execute();
      const login = await t.app.store.citizenLogins.current(tenantId, rows.at(-1)!.session_hash);
      assert.equal(login?.level, 'substanziell');
      assert.equal(login?.subject, 'bPK2-erika-0815');
      assert.deepEqual(login?.attributes, {
        givenName: 'Erika',
        familyName: 'Mustermann',
        birthDate: '1964-08-12',
      });
      // The draft begun before the login belongs to the identity now ("Meine Anträge", ADR 0049).
      const drafts = await t.database.db
        .selectFrom('drafts')
        .select('owner_hash')
        .where('session_hash', '=', rows.at(-1)!.session_hash)
        .execute();
      assert.ok(drafts.length > 0, 'a draft of this browser');
      assert.ok(
        drafts.every((d) => d.owner_hash !== null),
        'the draft is owned by the identity',
      );
      const events = await t.app.store.audit.list(tenantId, 'bundid');
      assert.ok(events.some((e) => e.action === 'citizen.login'));
      const remembered = await t.database.db.selectFrom('identity_answer_ids').selectAll().execute();
      assert.ok(remembered.length >= 1, 'the assertion id is remembered');
      assert.doesNotMatch(t.logs(), /Mustermann|bPK2-erika/, 'no personal data in the log');
    });

    const badAnswers: Array<[string, IssueOptions, RegExp]> = [
      ['signed by another key', { signature: 'other-key' }, /signature/i],
      ['unsigned', { signature: 'none' }, /signature/i],
      ['unencrypted', { encrypt: false }, /not encrypted/],
      ['expired', { notOnOrAfter: new Date(Date.now() - 10 * 60_000) }, /expired/i],
      ['for another audience', { audience: 'https://other-sp.example/metadata' }, /audience/i],
      ['to another destination', { destination: 'https://other-sp.example/acs' }, /destination/],
      ['an unknown level', { classRef: 'STORK-QAA-Level-9' }, /not mapped to a level/],
      ['an XML-signature-wrapping forgery', { wrapped: { familyName: 'Fälscher' } }, /signature/i],
    ];
    for (const [what, options, reason] of badAnswers) {
      test(`refused: an assertion ${what} — a clear 400 page, audited, nobody logged in`, async () => {
        const { jar, request } = await beginLogin();
        const before = await loginCount();
        const auditedBefore = (await refusals()).length;
        const answer = await postToAcs(await respond(request, options));
        assert.equal(answer.status, 400);
        const page = await documentOf(answer);
        assert.equal(page.querySelector('h1')?.textContent, 'Die Anmeldung wurde abgelehnt');
        assert.ok(
          [...page.querySelectorAll('a')].some((a) => a.getAttribute('href') === `${SERVICE}/anmelden`),
          'a way back to the login',
        );
        assert.equal(await loginCount(), before, 'nobody logged in');
        const audited = await refusals();
        assert.equal(audited.length, auditedBefore + 1, 'the refusal is audited once');
        assert.match(String(audited.at(-1)?.details?.reason), reason);
        // The browser is still not logged in: the login page asks again.
        const login = await jar.fetch(new URL(`${SERVICE}/anmelden`, t.baseUrl));
        assert.equal(login.status, 200);
      });
    }

    test('cancelled at the IdP (status AuthnFailed): back to the login page, which says so; another status is refused', async () => {
      const { jar, request } = await beginLogin();
      const before = await loginCount();
      const answer = await postToAcs(
        await respond(request, { status: 'urn:oasis:names:tc:SAML:2.0:status:AuthnFailed' }),
      );
      assert.equal(answer.status, 303);
      assert.equal(locationOf(answer).search, '?abgebrochen=1');
      const page = await documentOf(await jar.fetch(locationOf(answer)));
      assert.match(page.body.textContent ?? '', /Sie haben die Anmeldung abgebrochen/);
      const other = await beginLogin();
      const refused = await postToAcs(
        await respond(other.request, { status: 'urn:oasis:names:tc:SAML:2.0:status:UnknownPrincipal' }),
      );
      assert.equal(refused.status, 400);
      assert.match(String((await lastRefusal())?.details?.reason), /UnknownPrincipal/);
      assert.equal(await loginCount(), before);
    });

    test('refused: a replayed assertion, with its used RelayState or a fresh login’s', async () => {
      const { request } = await beginLogin();
      const fields = await respond(request);
      assert.equal((await postToAcs(fields)).status, 303);
      const before = await loginCount();
      // The same POST again: its RelayState was good once.
      const again = await postToAcs(fields);
      assert.equal(again.status, 400);
      assert.equal(
        (await documentOf(again)).querySelector('h1')?.textContent,
        'Diese Anmeldung ist nicht mehr gültig',
      );
      // Under a fresh login of the attacker's own: the assertion id was used before.
      const fresh = await beginLogin();
      const replay = await postToAcs({
        SAMLResponse: fields.SAMLResponse,
        RelayState: fresh.request.relayState,
      });
      assert.equal(replay.status, 400);
      assert.match(String((await lastRefusal())?.details?.reason), /replayed/);
      assert.equal(await loginCount(), before);
    });

    test('refused: an assertion used at one app instance, replayed at another sharing the database', async () => {
      const other = await t.secondInstance(env);
      const { request } = await beginLogin();
      const fields = await respond(request);
      assert.equal((await postToAcs(fields)).status, 303, 'accepted by the first instance');
      const before = await loginCount();
      // The attacker begins a login at the second instance and posts the used assertion there.
      const fresh = await beginLogin(other.baseUrl);
      const replay = await postToAcs(
        { SAMLResponse: fields.SAMLResponse, RelayState: fresh.request.relayState },
        other.baseUrl,
      );
      assert.equal(replay.status, 400);
      assert.match(String((await lastRefusal())?.details?.reason), /replayed/);
      assert.equal(await loginCount(), before);
    });

    // ---- Single logout (ADR 0050, amended) and node-saml on our clock. ----

    /** A browser logged in through the IdP: its jar, session hash and the IdP's session index. */
    async function loggedIn() {
      const hashesBefore = new Set(
        (await t.database.db.selectFrom('citizen_logins').select('session_hash').execute()).map(
          (r) => r.session_hash,
        ),
      );
      const { jar, request } = await beginLogin();
      const answer = await postToAcs(await respond(request));
      assert.equal(answer.status, 303);
      const rows = await t.database.db.selectFrom('citizen_logins').select('session_hash').execute();
      const sessionHash = rows.map((r) => r.session_hash).find((h) => !hashesBefore.has(h));
      assert.ok(sessionHash, 'a new login');
      return { jar, sessionHash, sessionIndex: idp.issuedSessionIndex! };
    }
    const isLoggedIn = async (sessionHash: string) =>
      (await t.app.store.citizenLogins.current(tenantId, sessionHash)) !== undefined;
    const inflated = (encoded: string) => inflateRawSync(Buffer.from(encoded, 'base64')).toString('utf8');

    test('metadata: the single logout service, HTTP-Redirect', async () => {
      const doc = new JSDOM(await (await fetch(urls.metadata)).text(), { contentType: 'text/xml' }).window
        .document;
      const slo = doc.getElementsByTagNameNS('urn:oasis:names:tc:SAML:2.0:metadata', 'SingleLogoutService');
      assert.equal(slo.length, 1);
      assert.equal(slo[0]!.getAttribute('Binding'), 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect');
      assert.equal(slo[0]!.getAttribute('Location'), urls.slo);
    });

    test('logout from our page: our login ends, a signed LogoutRequest goes to the IdP, its answer brings the browser back', async () => {
      const { jar, sessionHash, sessionIndex } = await loggedIn();
      const home = await documentOf(await jar.fetch(new URL('/musterstadt', t.baseUrl)));
      const form = home.querySelector<HTMLFormElement>('form[action="/musterstadt/abmelden"]');
      assert.ok(form, 'the header has the logout');
      const out = await jar.post(new URL('/musterstadt/abmelden', t.baseUrl), {
        _csrf: form.querySelector<HTMLInputElement>('input[name="_csrf"]')!.value,
      });
      assert.equal(out.status, 303);
      assert.equal(await isLoggedIn(sessionHash), false, 'our login ended before the browser leaves');
      const logoutRequest = locationOf(out);
      assert.equal(`${logoutRequest.origin}${logoutRequest.pathname}`, idp.sloUrl);
      assert.match(logoutRequest.searchParams.get('SigAlg') ?? '', /rsa-sha256/);
      // The IdP checks the signature against our metadata and reads whom to log out.
      const read = await idp.readLogoutRequest(logoutRequest);
      assert.equal(read.nameID, TEST_NAME_ID);
      assert.equal(read.sessionIndex, sessionIndex);
      assert.equal(read.relayState, 'musterstadt');
      const tampered = new URL(logoutRequest);
      tampered.searchParams.set('RelayState', 'other');
      await assert.rejects(idp.readLogoutRequest(tampered), 'a changed request fails the IdP check');
      // The IdP's signed LogoutResponse: back to the municipality.
      const response = await idp.logoutResponseUrl(read);
      assert.equal(`${response.origin}${response.pathname}`, urls.slo);
      const back = await jar.fetch(response);
      assert.equal(back.status, 303);
      assert.equal(locationOf(back).pathname, '/musterstadt');
      // Unsigned, the same answer is refused (nothing to change, but nothing is trusted either).
      const unsigned = new URL(response);
      unsigned.searchParams.delete('Signature');
      unsigned.searchParams.delete('SigAlg');
      assert.equal((await fetch(unsigned, { redirect: 'manual' })).status, 400);
    });

    test('logout at the IdP: its signed LogoutRequest ends our logins from that session, audited, with our signed answer', async () => {
      const first = await loggedIn();
      const second = await loggedIn();
      const auditedBefore = (await t.app.store.audit.list(tenantId, 'bundid')).filter(
        (e) => e.action === 'citizen.logout',
      ).length;
      // Refused, and nothing ends: unsigned, or signed by another key.
      for (const signature of ['none', 'other-key'] as const) {
        const forged = await fetch(await idp.logoutRequestUrl(first.sessionIndex, signature), {
          redirect: 'manual',
        });
        assert.equal(forged.status, 400, signature);
        assert.equal(
          (await documentOf(forged)).querySelector('h1')?.textContent,
          'Die Abmeldung konnte nicht geprüft werden',
        );
        assert.equal(await isLoggedIn(first.sessionHash), true);
      }
      // The first session ends at the IdP: only its login ends here.
      const request = await idp.logoutRequestUrl(first.sessionIndex, 'idp', 'relay-1');
      const ended = await fetch(request, { redirect: 'manual' });
      assert.equal(ended.status, 303);
      assert.equal(await isLoggedIn(first.sessionHash), false);
      assert.equal(await isLoggedIn(second.sessionHash), true, 'another session of the person stays');
      const answer = locationOf(ended);
      assert.equal(`${answer.origin}${answer.pathname}`, idp.sloUrl);
      assert.ok(answer.searchParams.get('Signature'), 'our LogoutResponse is signed');
      assert.equal(answer.searchParams.get('RelayState'), 'relay-1');
      const xml = inflated(answer.searchParams.get('SAMLResponse')!);
      assert.match(xml, /LogoutResponse/);
      assert.match(xml, /urn:oasis:names:tc:SAML:2\.0:status:Success/);
      const requestId = /ID="([^"]+)"/.exec(inflated(new URL(request).searchParams.get('SAMLRequest')!))![1];
      assert.match(xml, new RegExp(`InResponseTo="${requestId}"`));
      const logouts = (await t.app.store.audit.list(tenantId, 'bundid')).filter(
        (e) => e.action === 'citizen.logout',
      );
      assert.equal(logouts.length, auditedBefore + 1);
      assert.deepEqual(logouts.at(-1)?.details, { by: 'provider' });
      // The browser whose login ended is asked to log in again.
      const page = await first.jar.fetch(new URL(`${SERVICE}/anmelden`, t.baseUrl));
      assert.equal(page.status, 200);
      // For a provider without single logout, or none at all: not found.
      assert.equal((await fetch(`${t.baseUrl}/auth/saml/keiner/slo`)).status, 404);
    });

    test("node-saml checks an assertion's times with the application's clock", async () => {
      const { request } = await beginLogin();
      const fields = await respond(request);
      clockOffsetMs = 10 * 60_000;
      try {
        const answer = await postToAcs(fields);
        assert.equal(answer.status, 400, 'valid five minutes by the real clock, expired by ours');
        assert.match(String((await lastRefusal())?.details?.reason), /expired/i);
      } finally {
        clockOffsetMs = 0;
      }
    });
  });
}
