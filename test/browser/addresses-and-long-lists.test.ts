/**
 * Address fields and the searchable input of a long list in Chromium, with JavaScript off and on,
 * axe-core (WCAG 2.1 AA) on every state: the address with an error at one part, an address
 * abroad, the 11,227 municipalities with no match, several matches and one, and the suggestions
 * that JavaScript adds.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { checkA11y } from '../support/browser.ts';
import { type BrowserApp, useBrowserApp } from '../support/browser-app.ts';

let env: BrowserApp;

async function start(page: Page, path: string, firstHeading: string): Promise<void> {
  await page.goto(path);
  await page.getByRole('button', { name: 'Jetzt starten' }).click();
  await page.getByRole('heading', { level: 1, name: firstHeading }).waitFor();
}

const next = (page: Page) => page.getByRole('button', { name: 'Weiter' }).click();

/** Bewohnerparkausweis up to the question about the municipality of the main residence. */
async function toMunicipality(page: Page, javaScript: boolean): Promise<void> {
  await start(page, '/musterstadt/bewohnerparkausweis', 'Ihre Angaben');
  await page.getByLabel('Vorname', { exact: true }).fill('Erika');
  await page.getByLabel('Nachname', { exact: true }).fill('Muster');
  const birth = page.getByRole('group', { name: /^Geburtsdatum/ });
  await birth.getByLabel('Tag').fill('1');
  await birth.getByLabel('Monat').fill('2');
  await birth.getByLabel('Jahr').fill('1980');
  await page.getByLabel('E-Mail-Adresse').fill('erika@example.de');
  await next(page);
  await page.getByRole('heading', { level: 1, name: 'Ihre Wohnung' }).waitFor();
  await page.getByLabel('Straße').fill('Lindenweg');
  await page.getByLabel('Hausnummer').fill('3');
  await page.getByLabel('Postleitzahl').fill('38302');
  await page.getByLabel('Ort', { exact: true }).fill('Musterstadt');
  await page.getByLabel('Bewohnerparkzone').selectOption('a');
  await page
    .getByRole('group', { name: /Hauptwohnsitz/ })
    .getByLabel('Nein')
    .check();
  // Without JavaScript the server reveals the question after a post; with it, the page does.
  if (!javaScript) await next(page);
}

// By label: with suggestions (a `list` attribute) the input's role is combobox, not textbox.
const municipality = (page: Page) => page.getByLabel('In welcher Gemeinde ist Ihr Hauptwohnsitz?');

describe('addresses and long lists in the browser (axe on every state)', { timeout: 180_000 }, () => {
  env = useBrowserApp();

  for (const javaScript of [false, true]) {
    const mode = javaScript ? 'JavaScript on' : 'JavaScript off';

    test(`a German address: the error is at the postcode (${mode})`, async () => {
      const page = await env.newPage(javaScript);
      await start(page, '/musterstadt/sperrmuell-anmelden', 'Abholadresse');
      await checkA11y(page, `address, empty, ${mode}`);
      const address = page.getByRole('group', { name: 'Abholadresse' });
      await address.getByLabel('Straße').fill('Hauptstraße 5a');
      await address.getByLabel('Ort').fill('Musterstadt');
      await page.getByLabel('Name an der Klingel').fill('Müller');
      await next(page);
      const summary = page.getByRole('alert');
      await summary.getByRole('link', { name: 'Geben Sie die Postleitzahl ein' }).click();
      const postcode = address.getByLabel('Postleitzahl');
      assert.equal(await postcode.getAttribute('aria-invalid'), 'true');
      assert.equal(await address.getByLabel('Straße').getAttribute('aria-invalid'), null);
      assert.equal(await page.evaluate('document.activeElement.id'), 'field-abholadresse-postcode');
      await checkA11y(page, `address, postcode missing, ${mode}`);
      await postcode.fill('38302');
      await next(page);
      await page.getByRole('heading', { level: 1, name: 'Was soll abgeholt werden?' }).waitFor();
    });

    test(`an empty address: each part marked and told right below it (${mode})`, async () => {
      const page = await env.newPage(javaScript);
      await start(page, '/musterstadt/sperrmuell-anmelden', 'Abholadresse');
      await page.getByLabel('Name an der Klingel').fill('Müller');
      await next(page);
      const summary = page.getByRole('alert');
      await summary.getByRole('link', { name: 'Geben Sie die Straße ein' }).waitFor();
      const address = page.getByRole('group', { name: 'Abholadresse' });
      const parts: Array<[string, string]> = [
        ['Straße', 'Geben Sie die Straße ein'],
        ['Hausnummer', 'Geben Sie die Hausnummer ein'],
        ['Postleitzahl', 'Geben Sie die Postleitzahl ein'],
        ['Ort', 'Geben Sie den Ort ein'],
      ];
      for (const [label, message] of parts) {
        const input = address.getByLabel(label, { exact: true });
        assert.equal(await input.getAttribute('aria-invalid'), 'true', label);
        const error = address.locator(`[id="${await input.getAttribute('aria-describedby')}"]`);
        assert.match((await error.textContent()) ?? '', new RegExp(message));
        // Seen where it belongs: directly below its own input, not below the whole address.
        const [box, errorBox] = [await input.boundingBox(), await error.boundingBox()];
        assert.ok(
          box && errorBox && errorBox.y >= box.y + box.height - 1 && errorBox.y - (box.y + box.height) < 24,
          `${label}: ${JSON.stringify([box, errorBox])}`,
        );
      }
      // The summary links to each part (after measuring: following a link scrolls the page).
      for (const [label, message] of parts) {
        await summary.getByRole('link', { name: message }).click();
        const id = await address.getByLabel(label, { exact: true }).getAttribute('id');
        assert.equal(await page.evaluate('document.activeElement.id'), id, label);
      }
      assert.equal(await address.getByLabel(/Adresszusatz/).getAttribute('aria-invalid'), null);
      await checkA11y(page, `address, every part missing, ${mode}`);
      if (javaScript) {
        // Fixing one part takes away its message only; the others stay where they are.
        await address.getByLabel('Straße').fill('Hauptstraße');
        await address.getByLabel('Hausnummer').focus();
        await page.waitForFunction(() => document.getElementById('field-abholadresse-error') === null);
        assert.equal(await address.getByLabel('Straße').getAttribute('aria-invalid'), null);
        assert.equal(await address.locator('.kern-error').count(), 3);
        await checkA11y(page, 'address, street fixed live');
      }
    });

    test(`an address abroad with its country (${mode})`, async () => {
      const page = await env.newPage(javaScript);
      await start(page, '/beispielhausen/veranstaltung-anzeigen', 'Veranstalterin oder Veranstalter');
      await page.getByLabel('Ich als Privatperson').check();
      await page
        .getByRole('group', { name: /im Ausland\?/ })
        .getByLabel('Ja')
        .check();
      if (!javaScript) await next(page);
      const abroad = page.getByRole('group', { name: 'Anschrift des Veranstalters im Ausland' });
      await abroad.getByLabel('Adresszeile 1').fill('12 Rue de la Paix');
      await abroad.getByLabel('Adresszeile 2').fill('75002 Paris');
      await page.getByLabel('Verantwortliche Person').fill('Jeanne Martin');
      await page.getByLabel('E-Mail-Adresse').fill('jeanne@example.fr');
      await page.getByLabel('Telefonnummer').fill('+33 1 23 45 67 89');
      await next(page);
      await page.getByRole('alert').getByRole('link', { name: 'Wählen Sie den Staat aus' }).waitFor();
      assert.equal(await abroad.getByLabel('Staat').getAttribute('aria-invalid'), 'true');
      await checkA11y(page, `address abroad, country missing, ${mode}`);
      await abroad.getByLabel('Staat').selectOption('FR');
      await next(page);
      await page.getByRole('heading', { level: 1, name: 'Die Veranstaltung' }).waitFor();
    });
  }

  test('the municipality without JavaScript: no match, several matches as radios, then one', async () => {
    const page = await env.newPage(false);
    await toMunicipality(page, false);
    await page.getByRole('textbox', { name: 'In welcher Gemeinde ist Ihr Hauptwohnsitz?' }).waitFor();
    await checkA11y(page, 'long list, revealed');
    assert.equal(await page.locator('option').count(), 5, 'no option of the long list on the page');

    await municipality(page).fill('Atlantis');
    await next(page);
    await page
      .getByRole('alert')
      .getByRole('link', { name: /\? Zu „Atlantis“ haben wir keinen Eintrag/ })
      .waitFor();
    await checkA11y(page, 'long list, no match');

    await municipality(page).fill('Buchholz');
    await next(page);
    const matches = page.getByRole('group', { name: 'Passende Einträge' });
    assert.equal(await matches.getByRole('radio').count(), 10);
    await checkA11y(page, 'long list, several matches');
    // Several share the name: the Kreis and the Land tell them apart.
    await matches.getByLabel('Buchholz (Schaumburg, Niedersachsen)').check();
    await next(page);
    await page.getByRole('heading', { level: 1, name: 'Ihre Fahrzeuge' }).waitFor();
    await page.goto('/musterstadt/bewohnerparkausweis/schritt/wohnung');
    assert.equal(await municipality(page).inputValue(), 'Buchholz (Schaumburg, Niedersachsen)');
  });

  test('the municipality with JavaScript: suggestions from the server, never the list', async () => {
    const page = await env.newPage(true);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/auswahl/')) asked.push(r.url());
    });
    await toMunicipality(page, true);
    await municipality(page).waitFor();
    // The enhancement (a module script) listens only after "load".
    await page.waitForLoadState('load');
    const href = await page.locator('form[data-aw-step]').getAttribute('data-aw-definition');
    const definition = await (await page.request.get(href ?? '')).text();
    assert.ok(definition.length < 20_000, `definition of ${definition.length} characters`);
    await municipality(page).pressSequentially('Hannov', { delay: 20 });
    const suggestion = page.locator('#field-hauptwohnsitzGemeinde-suggestions option');
    // Answers to the shorter prefixes typed before may render first: wait for the one to "Hannov".
    await page.waitForFunction(
      () =>
        document
          .querySelector('#field-hauptwohnsitzGemeinde-suggestions option')
          ?.getAttribute('value')
          ?.startsWith('Hannov') === true,
    );
    assert.equal(
      await suggestion.first().getAttribute('value'),
      'Hannover, Landeshauptstadt (Region Hannover, Niedersachsen) (03241001)',
    );
    assert.equal(await municipality(page).getAttribute('list'), 'field-hauptwohnsitzGemeinde-suggestions');
    assert.ok(asked.length >= 1 && asked.length <= 5, `${asked.length} requests`);
    await checkA11y(page, 'long list with suggestions');
    // What picking the suggestion puts into the input:
    await municipality(page).fill('Hannover, Landeshauptstadt (Region Hannover, Niedersachsen) (03241001)');
    await next(page);
    await page.getByRole('heading', { level: 1, name: 'Ihre Fahrzeuge' }).waitFor();
    assert.deepEqual(errors, []);
  });
});
