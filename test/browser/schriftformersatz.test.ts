/**
 * Schriftformersatz and the recorded identity in Chromium (ADR 0048), with JavaScript off and on,
 * axe-core (WCAG 2.1 AA) on every page state: log in as a test persona at "hoch", answer the demo's
 * Widerspruch, read the warning on the check page, send it, see the confirmation say
 * Schriftformersatz; the caseworker sees level and provider in the inbox and on the submission
 * page. A second journey logs out from the header of a step page.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { checkA11y } from '../support/browser.ts';
import { type BrowserApp, useBrowserApp } from '../support/browser-app.ts';
import { browserStaffLogin } from '../support/browser-staff-login.ts';

const SERVICE = '/musterstadt/widerspruch';
let env: BrowserApp;

async function logInAtHoch(page: Page): Promise<void> {
  await page.goto(SERVICE);
  await page.getByRole('button', { name: 'Jetzt starten' }).click();
  await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
  await checkA11y(page, 'login page of the Schriftformersatz service');
  await page.getByRole('link', { name: /Anmelden mit Test-Identitätsanbieter/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Als Testperson anmelden' }).waitFor();
  await page.getByRole('radio', { name: 'Erika Mustermann' }).check();
  await page.getByRole('radio', { name: 'hoch', exact: true }).check();
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Der Bescheid' }).waitFor();
}

describe('Schriftformersatz in the browser', () => {
  env = useBrowserApp({ env: () => ({ AMTSWEG_TEST_IDP: 'on' }) });

  for (const javaScript of [false, true]) {
    test(`log in at hoch, submit the Widerspruch, the caseworker sees level and provider (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const page = await env.newPage(javaScript);
      await logInAtHoch(page);
      assert.match(
        (await page.locator('#citizen-login-status').textContent()) ?? '',
        /Angemeldet als Erika Mustermann \(Vertrauensniveau „hoch“\)/,
      );
      await checkA11y(page, 'first step, logged in');
      const marker = `RA-${javaScript ? 'JS' : 'HTML'}-4711`;
      await page.getByLabel('Aktenzeichen des Bescheids').fill(marker);
      const date = page.getByRole('group', { name: /^Datum des Bescheids/ });
      await date.getByLabel('Tag').fill('2');
      await date.getByLabel('Monat').fill('11');
      await date.getByLabel('Jahr').fill('2026');
      await page.getByRole('button', { name: 'Weiter' }).click();
      await page.getByRole('heading', { level: 1, name: 'Kontakt' }).waitFor();
      await page.getByLabel(/^E-Mail-Adresse/).fill('erika@example.org');
      await page.getByRole('button', { name: 'Weiter' }).click();
      await page.getByRole('heading', { level: 1, name: 'Prüfen Sie Ihre Angaben' }).waitFor();
      const warning = page.locator('#schriftformersatz');
      assert.match((await warning.textContent()) ?? '', /Dieser Antrag ersetzt die Schriftform/);
      assert.match((await warning.textContent()) ?? '', /nicht übereilt/);
      await checkA11y(page, 'check page with the Schriftformersatz warning');

      // Without the declaration ticked: refused, the warning still there.
      await page.getByRole('button', { name: 'Antrag verbindlich absenden' }).click();
      await page.getByRole('alert').first().waitFor();
      assert.ok(await page.locator('#schriftformersatz').isVisible());
      await checkA11y(page, 'check page, declaration missing');
      await page.getByLabel('Ich bestätige diese Erklärung.').check();
      await page.getByRole('button', { name: 'Antrag verbindlich absenden' }).click();
      await page.locator('#vorgangsnummer').waitFor();
      assert.match(
        (await page.locator('#schriftformersatz').textContent()) ?? '',
        /als Schriftformersatz .* eingereicht/,
      );
      await checkA11y(page, 'confirmation of a Schriftformersatz submission');
      const reference = (await page.locator('#vorgangsnummer').textContent())!.trim();

      const credential = env.testApp.credentials.find(
        (c) => c.tenant === 'musterstadt' && (c.role ?? 'caseworker') === 'caseworker',
      );
      assert.ok(credential);
      const staff = await env.newPage(javaScript);
      await browserStaffLogin(staff, env.testApp, credential);
      await staff.getByRole('heading', { level: 1, name: 'Posteingang' }).waitFor();
      const row = staff.getByRole('row').filter({ hasText: reference });
      assert.match((await row.textContent()) ?? '', /hoch · Test-Identitätsanbieter/);
      assert.match((await row.textContent()) ?? '', /Schriftformersatz/);
      await checkA11y(staff, 'inbox with the identity column');
      await row.getByRole('link', { name: reference }).click();
      await staff.getByRole('heading', { level: 2, name: 'Identität der antragstellenden Person' }).waitFor();
      assert.equal(await staff.locator('#identity-level').textContent(), 'hoch');
      assert.match(
        (await staff.locator('#identity-provider').textContent()) ?? '',
        /Test-Identitätsanbieter/,
      );
      await checkA11y(staff, 'submission page with the recorded identity');
    });

    test(`logout from the header of a step page (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const page = await env.newPage(javaScript);
      await logInAtHoch(page);
      await page.locator('#citizen-logout').getByRole('button', { name: 'Abmelden' }).click();
      // The test IdP asks whether to end its session too (RP-initiated logout), then sends the
      // browser back to the municipality's list of services.
      await page.getByRole('heading', { level: 1, name: 'Beim Test-Identitätsanbieter abmelden?' }).waitFor();
      await page.getByRole('button', { name: 'Ja, abmelden' }).click();
      await page.waitForURL((url) => url.pathname === '/musterstadt');
      await checkA11y(page, 'after the logout');
      assert.equal(await page.locator('#citizen-logout').count(), 0, 'no login in the header any more');
      // The identity's draft left this browser with the login (ADR 0049): the step leads to the
      // start page; the draft waits under "Meine Anträge" for the next login.
      await page.goto(`${SERVICE}/schritt/bescheid`);
      await page.waitForURL((url) => url.pathname === SERVICE);
      await checkA11y(page, 'the start page after the logout');
    });
  }
});
