/**
 * Citizen login in Chromium (ADR 0036), with JavaScript off and on, axe-core (WCAG 2.1 AA) on every
 * state: a service requiring "substanziell" sends the new draft to the login page, the test IdP's
 * persona page logs in at "niedrig", the step-up page asks again, and the login at "hoch" continues
 * the draft where it was.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkA11y } from '../support/browser.ts';
import { type BrowserApp, useBrowserApp } from '../support/browser-app.ts';

const SERVICE = '/musterstadt/meldebescheinigung';
let env: BrowserApp;

describe('citizen login and step-up in the browser', () => {
  env = useBrowserApp({ env: () => ({ AMTSWEG_TEST_IDP: 'on' }) });

  for (const javaScript of [false, true]) {
    test(`login at niedrig, step-up to hoch, the draft kept (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const page = await env.newPage(javaScript);
      await page.goto(SERVICE);
      await page.getByRole('button', { name: 'Jetzt starten' }).click();
      await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
      await checkA11y(page, 'login page');

      const logIn = async (persona: string, level: string) => {
        await page.getByRole('link', { name: /Anmelden mit Test-Identitätsanbieter/ }).click();
        await page.getByRole('heading', { level: 1, name: 'Als Testperson anmelden' }).waitFor();
        await page.getByRole('radio', { name: persona }).check();
        await page.getByRole('radio', { name: level, exact: true }).check();
        await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
      };

      await logIn('Erika Mustermann', 'niedrig');
      await page.getByRole('heading', { level: 1, name: 'Erneut anmelden' }).waitFor();
      assert.ok(await page.getByText(/mit dem Vertrauensniveau „niedrig“ angemeldet/).isVisible());
      await checkA11y(page, 'step-up page');

      await logIn('Erika Mustermann', 'hoch');
      await page.getByRole('heading', { level: 1, name: 'Ihre Bescheinigung' }).waitFor();
      assert.equal(new URL(page.url()).pathname, `${SERVICE}/schritt/bescheinigung`);
      await checkA11y(page, 'first step after the login');
    });
  }
});
