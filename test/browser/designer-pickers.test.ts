/**
 * The designer's further pickers in a real browser (Debian's Chromium), without and with
 * JavaScript, axe-core (WCAG 2.1 A/AA) on every page state: a cross-field check built with pickers
 * ("Fehler, wenn Geburtsdatum des Hundes > Seit wann …"), refused first without its message; the
 * demo's own check shown as pickers; the pattern tester with a safe and a catastrophic pattern;
 * the code-list picker of a choice field searched and taken over; a computed value built with
 * pickers, refused first without its key.
 */

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { checkA11y } from '../support/browser.ts';
import { type BrowserApp, useBrowserApp } from '../support/browser-app.ts';
import { browserStaffLogin } from '../support/browser-staff-login.ts';

const heading = (page: Page, name: string | RegExp, level = 1) => page.getByRole('heading', { level, name });
const button = (page: Page, name: string | RegExp) =>
  page.getByRole('button', { name, exact: typeof name === 'string' });
const saved = (page: Page) => page.getByText('Gespeichert.', { exact: true }).waitFor();
const problem = (page: Page) => page.getByRole('alert', { name: 'Es gibt ein Problem' }).waitFor();

describe("the designer's checks, computed values, pattern tester and code-list picker in the browser", {
  timeout: 240_000,
}, () => {
  const env: BrowserApp = useBrowserApp();

  async function signIn(javaScript: boolean): Promise<Page> {
    const credential = env.testApp.credentials.find(
      (c) => c.tenant === 'musterstadt' && c.role === 'designer',
    );
    assert.ok(credential, 'demo designer of Musterstadt');
    const page = await env.newPage(javaScript);
    await browserStaffLogin(page, env.testApp, credential);
    await heading(page, 'Leistungen gestalten').waitFor();
    return page;
  }

  for (const javaScript of [false, true]) {
    const mode = javaScript ? 'with JavaScript' : 'without JavaScript';
    test(`${mode}: a check, the pattern tester, a code list and a computed value`, async () => {
      const page = await signIn(javaScript);
      await page.goto('/staff/design/entwuerfe');
      await page.locator('#in-start-service').selectOption('hund-anmelden');
      await button(page, 'Entwurf aus der Leistung anlegen').click();
      await page.locator('#pruefungen-link').waitFor();
      const draftUrl = page.url().split('?')[0]!;

      // The checks: the demo's own is said in words and shown as pickers.
      await page.locator('#pruefungen-link').click();
      await heading(page, 'Prüfungen über mehrere Felder').waitFor();
      await checkA11y(page, `${mode}: checks list`);
      await page.getByRole('link', { name: 'Prüfung bearbeiten: haltungNachGeburt' }).click();
      await heading(page, 'Prüfung haltungNachGeburt').waitFor();
      assert.match(
        (await page.locator('#check-words').textContent())!,
        /Gültig nur, wenn Seit wann halten Sie den Hund in Musterstadt\? ≥ Geburtsdatum des Hundes; sonst Fehler/,
      );
      await checkA11y(page, `${mode}: the demo's check as pickers`);

      // A new check of the step "Angaben zum Hund": field, comparison, another field.
      await page.getByRole('link', { name: 'Zurück zu den Prüfungen' }).click();
      await page.getByRole('link', { name: 'Prüfung hinzufügen: Schritt „Angaben zum Hund“' }).click();
      await heading(page, 'Neue Prüfung: Schritt „Angaben zum Hund“').waitFor();
      await checkA11y(page, `${mode}: new check`);
      await page.locator('#in-b-0-feld').selectOption({ label: 'Geburtsdatum des Hundes' });
      await button(page, 'Auswahl aktualisieren').click();
      await page.locator('#in-b-0-operator option[value=greaterThan]').waitFor({ state: 'attached' });
      await page.locator('#in-b-0-operator').selectOption('greaterThan');
      await button(page, 'Auswahl aktualisieren').click();
      await page.locator('#in-b-0-vergleich').selectOption('feld');
      await button(page, 'Auswahl aktualisieren').click();
      await page
        .locator('#in-b-0-anderes')
        .selectOption({ label: 'Seit wann halten Sie den Hund in Musterstadt?' });
      await checkA11y(page, `${mode}: new check, compared with another field`);
      await button(page, 'Prüfung speichern').click();
      await problem(page);
      assert.ok((await page.title()).startsWith('Fehler:'));
      await checkA11y(page, `${mode}: new check refused`);
      await page.locator('#in-meldung-feld').selectOption({ label: 'Geburtsdatum des Hundes' });
      await page
        .locator('#in-message-de')
        .fill('Der Hund kann nicht nach dem Beginn der Haltung geboren sein.');
      await button(page, 'Prüfung speichern').click();
      await saved(page);
      assert.equal(
        await page.locator('#check-words').textContent(),
        'In Worten: Fehler, wenn Geburtsdatum des Hundes > Seit wann halten Sie den Hund in Musterstadt?',
      );
      await checkA11y(page, `${mode}: check saved`);

      // The pattern tester of a text field: the safe pattern tested, a catastrophic one refused.
      await page.goto(draftUrl);
      await page.getByRole('link', { name: 'Angaben zum Hund' }).click();
      await page.getByRole('link', { name: 'Transpondernummer (Chip)' }).click();
      await page.locator('#mustertest-form').waitFor();
      await page.locator('#in-mustertest-muster').fill('[0-9]{15}');
      await page.locator('#in-mustertest-beispiele').fill('276098106543210\n27609810654321');
      await button(page, 'Muster testen').click();
      await page.locator('#mustertest-ergebnis').waitFor();
      assert.equal(
        await page.locator('#mustertest-ergebnis').textContent(),
        '1 von 2 Beispielen passen zum Muster.',
      );
      await checkA11y(page, `${mode}: pattern tested`);
      await page.locator('#in-mustertest-muster').fill('(a+)+b');
      await page.locator('#in-mustertest-beispiele').fill('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!');
      await button(page, 'Muster testen').click();
      await problem(page);
      await checkA11y(page, `${mode}: catastrophic pattern refused`);

      // The code-list picker of a choice field: searched, taken over, its name shown.
      await page.goto(draftUrl);
      await page.getByRole('link', { name: 'Angaben zum Hund' }).click();
      await page.getByRole('link', { name: 'Geschlecht des Hundes' }).click();
      await page.locator('#in-codeliste-suche').fill('geschlecht');
      await button(page, 'Codeliste suchen').click();
      await page.locator('#codeliste-treffer').waitFor();
      await checkA11y(page, `${mode}: code lists found`);
      await page.locator('#codeliste-treffer button').first().click();
      await saved(page);
      await page.locator('#codeliste-aktuell').waitFor();
      await checkA11y(page, `${mode}: code list taken over`);

      // A computed value: refused without a key, then "Hunde zusammen = Weitere Hunde (0) + 1".
      await page.goto(draftUrl);
      await page.locator('#berechnet-link').click();
      await heading(page, 'Berechnete Werte').waitFor();
      await checkA11y(page, `${mode}: computed values`);
      await page.getByRole('link', { name: 'Berechneten Wert hinzufügen' }).click();
      await heading(page, 'Neuer berechneter Wert').waitFor();
      await checkA11y(page, `${mode}: new computed value`);
      await page
        .locator('#in-t0-feld')
        .selectOption({ label: 'Wie viele Hunde halten Sie außerdem schon in Musterstadt?' });
      await page.locator('#in-t0-null').check();
      await page.locator('#in-t1-zahl').fill('1');
      await button(page, 'Wert speichern').click();
      await problem(page);
      await checkA11y(page, `${mode}: computed value refused`);
      await page.locator('#in-schluessel').fill('hundeZusammen');
      await page.locator('#in-label-de').fill('Hunde zusammen');
      await button(page, 'Wert speichern').click();
      await saved(page);
      assert.equal(
        await page.locator('#computed-words').textContent(),
        'In Worten: Hunde zusammen = Wie viele Hunde halten Sie außerdem schon in Musterstadt? (ohne Antwort: 0) + 1',
      );
      await checkA11y(page, `${mode}: computed value saved`);
    });
  }
});
