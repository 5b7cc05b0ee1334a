/**
 * Prefill and "Meine Anträge" in Chromium (ADR 0049), with JavaScript off and on, axe-core (WCAG
 * 2.1 AA) on every state: Erika's name, birth date and address are prefilled and marked in text,
 * the confirmed name is read-only; in a second browser, after logging in, "Meine Anträge" lists
 * the draft and continues it.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { checkA11y } from '../support/browser.ts';
import { type BrowserApp, useBrowserApp } from '../support/browser-app.ts';

const SERVICE = '/musterstadt/meldebescheinigung';
let env: BrowserApp;

async function logIn(page: Page): Promise<void> {
  await page.getByRole('link', { name: /Anmelden mit Test-Identitätsanbieter/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Als Testperson anmelden' }).waitFor();
  await page.getByRole('radio', { name: 'Erika Mustermann' }).check();
  await page.getByRole('radio', { name: 'hoch', exact: true }).check();
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
}

describe('prefill and "Meine Anträge" in the browser', () => {
  env = useBrowserApp({ env: () => ({ AMTSWEG_TEST_IDP: 'on' }) });

  for (const javaScript of [false, true]) {
    test(`prefilled fields are marked and a draft is continued in another browser (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const page = await env.newPage(javaScript);
      await page.goto(SERVICE);
      await page.getByRole('button', { name: 'Jetzt starten' }).click();
      await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
      await logIn(page);
      await page.getByRole('heading', { level: 1, name: 'Ihre Bescheinigung' }).waitFor();
      await page.getByRole('radio', { name: 'Einfache Meldebescheinigung' }).check();
      await page
        .getByRole('textbox', { name: 'Wofür brauchen Sie die Bescheinigung?' })
        .fill('Wohnungsgeber');
      await page.getByRole('button', { name: 'Weiter' }).click();

      await page.getByRole('heading', { level: 1, name: 'Kontakt' }).waitFor();
      const email = page.getByRole('textbox', { name: 'E-Mail-Adresse' });
      assert.equal(await email.inputValue(), 'erika.mustermann@example.org');
      // The mark is the input's description: read out with it, not colour only.
      assert.match((await email.getAttribute('aria-describedby')) ?? '', /field-email-hint/);
      assert.ok(
        await page.getByText('Aus Ihrem Konto übernommen. Sie können die Angabe ändern.').isVisible(),
      );
      await checkA11y(page, 'prefilled, editable e-mail');
      await page.getByRole('button', { name: 'Weiter' }).click();

      await page.getByRole('heading', { level: 1, name: 'Angaben zu Ihrer Person' }).waitFor();
      const family = page.getByRole('textbox', { name: 'Familienname' });
      assert.equal(await family.inputValue(), 'Mustermann');
      assert.equal(await family.getAttribute('readonly'), '');
      assert.equal(
        await page.locator('#field-familienname-hint').textContent(),
        'Aus Ihrem Konto übernommen. Diese Angabe kann hier nicht geändert werden.',
      );
      assert.equal(await page.getByRole('textbox', { name: 'Straße' }).inputValue(), 'Heidestraße');
      await checkA11y(page, 'prefilled person step');

      // Another browser: not logged in, the list says how to get there; logged in, it lists the draft.
      const other = await env.newPage(javaScript);
      await other.goto('/musterstadt/meine-antraege');
      await other.getByRole('heading', { level: 1, name: 'Meine Anträge' }).waitFor();
      assert.ok(
        await other.getByText(/Melden Sie sich bei einem Antrag mit Ihrem Nutzerkonto an/).isVisible(),
      );
      await checkA11y(other, 'Meine Anträge, not logged in');
      await other.goto(`${SERVICE}/anmelden`);
      await logIn(other);
      await other.getByRole('link', { name: 'Meine Anträge' }).click();
      await other.getByRole('heading', { level: 2, name: 'Nicht abgeschlossene Anträge' }).waitFor();
      await checkA11y(other, 'Meine Anträge with a draft');
      // The newest first: this run's draft (the other run's is Erika's too).
      await other
        .getByRole('button', { name: 'Antrag „Meldebescheinigung beantragen“ fortsetzen' })
        .first()
        .click();
      // The person step was shown (and prefilled) in the first browser: the draft goes on at the check.
      await other.getByRole('heading', { level: 1, name: 'Prüfen Sie Ihre Angaben' }).waitFor();
      await checkA11y(other, 'the check page of the continued draft');
      await other.goto(`${SERVICE}/schritt/person`);
      await other.getByRole('heading', { level: 1, name: 'Angaben zu Ihrer Person' }).waitFor();
      assert.equal(await other.getByRole('textbox', { name: 'Vorname' }).inputValue(), 'Erika');
      await checkA11y(other, 'the draft continued in the other browser');
    });
  }
});
