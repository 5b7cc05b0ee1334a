/**
 * Citizen login over SAML (ADR 0050) in Chromium, with JavaScript off and on, axe-core (WCAG 2.1
 * AA) on every page state of ours: a service requiring "substanziell" sends the new draft to the
 * login page; the IdP (samlify, `test/support/saml-idp.ts`, behind a plain page of the test's that
 * posts its answer like BundID's) first answers with an expired assertion — the refusal page —
 * then logs in at STORK-QAA-Level-4 (hoch), and the draft continues.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { checkA11y } from '../support/browser.ts';
import { type BrowserApp, useBrowserApp } from '../support/browser-app.ts';
import { freePort } from '../support/listening-app.ts';
import { type IssueOptions, keyAndCert, TestSamlIdp } from '../support/saml-idp.ts';

const SERVICE = '/musterstadt/meldebescheinigung';
const idp = new TestSamlIdp();
let env: BrowserApp;
let dir: string;
let server: Server;
let ssoUrl = '';
/** What the IdP's page answers next. */
let next: IssueOptions = {};

const escapeAttr = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

describe('SAML login in the browser', () => {
  before(async () => {
    const port = await freePort();
    ssoUrl = `http://127.0.0.1:${port}/sso`;
    // The IdP's login page: reads our signed AuthnRequest and offers one button that posts the
    // answer to our ACS (as BundID's page does after the eID login).
    server = createServer((req, res) => {
      void (async () => {
        if (!idp.spMetadata) {
          idp.trust((await env.testApp.app.server.inject({ url: '/auth/saml/bundid/metadata' })).body);
        }
        const request = await idp.read(new URL(req.url ?? '/', ssoUrl));
        const acs = /AssertionConsumerServiceURL="([^"]+)"/.exec(request.xml)![1]!;
        const answer = await idp.respond(request, acs, acs.replace(/\/acs$/, '/metadata'), next);
        res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(
            `<!doctype html><html lang="de"><head><title>Test-BundID</title></head><body><main><h1>Test-BundID</h1>` +
              `<form method="post" action="${escapeAttr(acs)}">` +
              `<input type="hidden" name="SAMLResponse" value="${escapeAttr(answer.SAMLResponse)}">` +
              `<input type="hidden" name="RelayState" value="${escapeAttr(answer.RelayState)}">` +
              '<button type="submit">Weiter zum Online-Dienst</button></form></main></body></html>',
          );
      })().catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    dir = mkdtempSync(join(tmpdir(), 'amtsweg-saml-browser-'));
    const sp = keyAndCert('Amtsweg SP');
    writeFileSync(join(dir, 'idp.pem'), idp.keys.cert);
    writeFileSync(join(dir, 'sp-key.pem'), sp.key);
    writeFileSync(join(dir, 'sp-cert.pem'), sp.cert);
    writeFileSync(
      join(dir, 'providers.json'),
      JSON.stringify([
        {
          kind: 'saml',
          id: 'bundid',
          label: { de: 'BundID', en: 'BundID' },
          idp: { entityId: idp.entityId, ssoUrl, certFile: join(dir, 'idp.pem') },
          sp: { keyFile: join(dir, 'sp-key.pem'), certFile: join(dir, 'sp-cert.pem') },
        },
      ]),
    );
  });

  env = useBrowserApp({ env: () => ({ AMTSWEG_IDENTITY_PROVIDERS_FILE: join(dir, 'providers.json') }) });

  before(async () => {
    const store = env.testApp.app.store;
    const tenant = (await store.tenants.bySlug('musterstadt'))!;
    await store.operationalSettings.put(
      {
        tenantId: tenant.id,
        serviceId: null,
        kind: 'identity.providers',
        options: { offered: 'bundid' },
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
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  for (const javaScript of [false, true]) {
    test(`refused, then logged in at hoch through BundID (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const page = await env.newPage(javaScript);
      await page.goto(SERVICE);
      await page.getByRole('button', { name: 'Jetzt starten' }).click();
      await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
      await checkA11y(page, 'login page');

      next = { classRef: 'STORK-QAA-Level-4', notOnOrAfter: new Date(Date.now() - 10 * 60_000) };
      await page.getByRole('link', { name: 'Anmelden mit BundID' }).click();
      await page.getByRole('button', { name: 'Weiter zum Online-Dienst' }).click();
      await page.getByRole('heading', { level: 1, name: 'Die Anmeldung wurde abgelehnt' }).waitFor();
      await checkA11y(page, 'refusal page');

      await page.getByRole('link', { name: 'Zurück zur Anmeldung' }).click();
      await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
      next = { classRef: 'STORK-QAA-Level-4' };
      await page.getByRole('link', { name: 'Anmelden mit BundID' }).click();
      await page.getByRole('button', { name: 'Weiter zum Online-Dienst' }).click();
      await page.getByRole('heading', { level: 1, name: 'Ihre Bescheinigung' }).waitFor();
      assert.equal(new URL(page.url()).pathname, `${SERVICE}/schritt/bescheinigung`);
      await checkA11y(page, 'first step after the login');
    });
  }
});
