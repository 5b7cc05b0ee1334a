/**
 * Prefill in the visual editor, in a real browser (Debian's Chromium) with and without JavaScript
 * and axe-core (WCAG 2.1 A/AA) on every page state: a designer chooses the identity attribute of a
 * field from those its type can take and whether the citizen may change it; an attribute the field
 * cannot take is refused with a form error linked from the error summary.
 */

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { checkA11y } from '../support/browser.ts';
import { type BrowserApp, useBrowserApp } from '../support/browser-app.ts';
import { browserStaffLogin } from '../support/browser-staff-login.ts';

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

describe('prefill in the editor, in the browser', () => {
  const env: BrowserApp = useBrowserApp();

  for (const javaScript of [false, true]) {
    const mode = javaScript ? 'with JavaScript' : 'without JavaScript';
    test(`a designer sets a field's prefill (${mode})`, async () => {
      const credential = env.testApp.credentials.find(
        (c) => c.tenant === 'musterstadt' && c.role === 'designer',
      );
      assert.ok(credential, 'demo designer of Musterstadt');
      const page = await env.newPage(javaScript);
      await browserStaffLogin(page, env.testApp, credential);
      await heading(page, 'Leistungen gestalten').waitFor();
      await page.goto('/staff/design/entwuerfe');
      await page.getByLabel('Leistung', { exact: true }).selectOption('hund-anmelden');
      await button(page, 'Entwurf aus der Leistung anlegen').click();
      await heading(page, /^Entwurf: /).waitFor();

      // The date of birth: only the birth date is offered.
      await page.getByRole('link', { name: 'Angaben zur Halterin oder zum Halter' }).first().click();
      await page.getByRole('link', { name: 'Geburtsdatum', exact: true }).click();
      await heading(page, /^Feld: Geburtsdatum/).waitFor();
      await page.getByRole('group', { name: 'Aus dem Nutzerkonto übernehmen' }).waitFor();
      await checkA11y(page, `date field with the prefill control (${mode})`);
      const select = page.getByLabel('Vorbefüllen mit');
      assert.deepEqual(await select.locator('option').allTextContents(), [
        'Nicht vorbefüllen',
        'Geburtsdatum',
      ]);
      await select.selectOption({ label: 'Geburtsdatum' });
      await page.getByLabel('Die antragstellende Person darf den Wert ändern').uncheck();
      await button(page, 'Speichern').click();
      await page.getByText('Gespeichert.').waitFor();
      assert.equal(await page.getByLabel('Vorbefüllen mit').inputValue(), 'birthDate');
      assert.equal(
        await page.getByLabel('Die antragstellende Person darf den Wert ändern').isChecked(),
        false,
      );
      await checkA11y(page, `date field prefilled (${mode})`);

      // A post naming an attribute the field cannot take (as a hand-made form would): refused.
      await page.goto(page.url().replace(/\?.*$/, ''));
      await page.getByLabel('Vorbefüllen mit').evaluate((el) => {
        const option = document.createElement('option');
        option.value = 'email';
        option.textContent = 'E-Mail';
        el.append(option);
        (el as HTMLSelectElement).value = 'email';
      });
      await button(page, 'Speichern').click();
      const summary = page.getByRole('alert', { name: 'Es gibt ein Problem' });
      await summary.waitFor();
      assert.ok((await page.title()).startsWith('Fehler:'));
      await checkA11y(page, `prefill refused (${mode})`);
      await summary.getByRole('link', { name: /Wählen Sie ein Merkmal aus der Liste/ }).click();
      if (javaScript) {
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'in-prefill');
      }
      assert.equal(await page.getByLabel('Vorbefüllen mit').getAttribute('aria-invalid'), 'true');
    });
  }
});
