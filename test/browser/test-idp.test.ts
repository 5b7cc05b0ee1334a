/**
 * The built-in test IdP's pages in Chromium, with JavaScript on and off, axe-core (WCAG 2.1 AA) on
 * every state: the persona page marked as a test system, its errors, the way back to the relying
 * party with a code, and the logout question. The authorization request is built by
 * `openid-client`, as any relying party would build it.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import * as oidc from 'openid-client';
import { TEST_IDP_ACR } from '../../src/adapters/identity/test-idp/levels.ts';
import { checkA11y } from '../support/browser.ts';
import { type BrowserApp, useBrowserApp } from '../support/browser-app.ts';

let env: BrowserApp;
let client: oidc.Configuration;

describe('built-in test IdP in the browser', () => {
  env = useBrowserApp({ env: () => ({ AMTSWEG_TEST_IDP: 'on' }) });

  before(async () => {
    const { issuer, client: registered } = env.testApp.app.testIdp!;
    client = await oidc.discovery(new URL(issuer), registered.clientId, registered.clientSecret, undefined, {
      execute: [oidc.allowInsecureRequests],
    });
  });

  for (const javaScript of [false, true]) {
    test(`persona page, its errors and the way back with a code (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const page = await env.newPage(javaScript);
      const redirectUri = env.testApp.app.testIdp!.client.redirectUris[0]!;
      const verifier = oidc.randomPKCECodeVerifier();
      const authorize = oidc.buildAuthorizationUrl(client, {
        redirect_uri: redirectUri,
        scope: 'openid profile',
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state: 'browser-state',
        nonce: oidc.randomNonce(),
        acr_values: TEST_IDP_ACR.hoch,
      });
      await page.goto(authorize.href);
      await page.getByRole('heading', { level: 1, name: 'Als Testperson anmelden' }).waitFor();
      assert.ok(await page.getByText('Testsystem – keine echte Anmeldung').isVisible());
      assert.equal(await page.getByRole('radio', { name: 'hoch' }).isChecked(), true, 'the level asked for');
      await checkA11y(page, 'test IdP: persona page');

      await page.getByRole('radio', { name: 'niedrig' }).check();
      await page.getByRole('button', { name: 'Anmelden' }).click();
      await page.getByRole('heading', { name: 'Es gibt ein Problem' }).waitFor();
      assert.match(await page.title(), /^Fehler:/);
      assert.equal(
        await page.getByRole('radio', { name: 'niedrig' }).isChecked(),
        true,
        'the choice is kept',
      );
      await checkA11y(page, 'test IdP: persona missing');

      await page.getByRole('link', { name: 'Wählen Sie eine Testperson aus.' }).click();
      await page.getByRole('radio', { name: 'Erika Mustermann' }).check();
      await page.getByRole('radio', { name: 'hoch' }).check();
      const back = page.waitForURL((url) => url.href.startsWith(redirectUri));
      await page.getByRole('button', { name: 'Anmelden' }).click();
      await back;
      const returned = new URL(page.url());
      assert.equal(returned.searchParams.get('state'), 'browser-state');
      assert.ok(returned.searchParams.get('code'));

      // Logged in at the test IdP: RP-initiated logout asks first.
      await page.goto(oidc.buildEndSessionUrl(client, {}).href);
      await page.getByRole('heading', { level: 1, name: 'Beim Test-Identitätsanbieter abmelden?' }).waitFor();
      await checkA11y(page, 'test IdP: logout question');
      await page.getByRole('button', { name: 'Ja, abmelden' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sie sind abgemeldet' }).waitFor();
      await checkA11y(page, 'test IdP: logged out');
    });
  }

  test('an expired or foreign login says what to do (JavaScript off)', async () => {
    const page = await env.newPage(false);
    const response = await page.goto('/test-idp/interaction/gibt-es-nicht');
    assert.equal(response?.status(), 404);
    await page.getByRole('heading', { level: 1, name: 'Diese Anmeldung ist nicht mehr offen' }).waitFor();
    await checkA11y(page, 'test IdP: login not open');
  });
});
