/**
 * Leichte Sprache in Chromium (ADR 0019), with JavaScript off and on, and axe-core on every page
 * state visited with Leichte Sprache on: the switch in the header, the start page of "Hund
 * anmelden" in Leichte Sprache, help texts on the steps (also of a question the browser reveals),
 * errors, a service without Leichte Sprache, English, and the way back.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { checkA11y } from '../support/browser.ts';
import { type BrowserApp, useBrowserApp } from '../support/browser-app.ts';
import { fillOwner } from '../support/hund-anmelden-owner.ts';

const DOG = '/musterstadt/hund-anmelden';
const SERVICE = 'Hund anmelden (Hundesteuer)';
const EASY_SUMMARY = 'Hier melden Sie Ihren Hund an. Für den Hund zahlen Sie dann Hunde-Steuer.';
const EASY_WARNING_TITLE = 'Sie brauchen eine Erlaubnis';

let env: BrowserApp;

const text = async (l: Locator) => ((await l.textContent()) ?? '').replace(/\s+/g, ' ').trim();
const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });
const header = (page: Page) => page.getByRole('banner');

/** Fails the test on a script error or a failed sub-resource (the enhancement must load). */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('response', (r) => {
    if (r.status() >= 400 && r.request().resourceType() !== 'document')
      problems.push(`${r.status()} ${r.url()}`);
  });
  return problems;
}

async function fillDog(page: Page): Promise<void> {
  await page.getByLabel('Name des Hundes').fill('Bello');
  await page.getByLabel('Rasse').selectOption({ label: 'Dackel' });
  await page.getByRole('group', { name: 'Geschlecht des Hundes' }).getByLabel('Rüde').check();
  const since = page.getByRole('group', { name: /^Seit wann halten Sie den Hund/ });
  await since.getByLabel('Tag').fill('1');
  await since.getByLabel('Monat').fill('4');
  await since.getByLabel('Jahr').fill('2024');
  await page
    .getByRole('group', { name: /Ermäßigung oder Befreiung/ })
    .getByLabel('Nein')
    .check();
}

/** The catalog, switched to Leichte Sprache in the header, then the dog's start page. */
async function switchOnAndStart(page: Page, mode: string): Promise<void> {
  await page.goto('/musterstadt');
  await header(page).getByRole('link', { name: 'Leichte Sprache' }).click();
  assert.equal(new URL(page.url()).pathname, '/musterstadt', 'back to the same page');
  await page.getByText(EASY_SUMMARY).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  await checkA11y(page, `${mode}: catalog in Leichte Sprache`);

  await page.getByRole('link', { name: SERVICE }).click();
  await heading(page, SERVICE).waitFor();
  assert.equal(await text(page.locator('main .kern-body--large')), EASY_SUMMARY);
  await page.getByText('Die Erklärungen sind in Leichter Sprache.').waitFor();
  await page.getByText('Für den ersten Hund zahlen Sie 108 Euro im Jahr.', { exact: false }).waitFor();
  assert.equal(await header(page).getByRole('link', { name: 'Leichte Sprache' }).count(), 0);
  await header(page).getByRole('link', { name: 'Alltags-Sprache' }).waitFor();
  await checkA11y(page, `${mode}: start page in Leichte Sprache`);
  await page.getByRole('button', { name: 'Jetzt starten' }).click();
  await heading(page, 'Angaben zur Halterin oder zum Halter').waitFor();
}

describe('Leichte Sprache in the browser (Chromium, axe on every state)', { timeout: 120_000 }, () => {
  env = useBrowserApp();

  test('without JavaScript', async () => {
    const page = await env.newPage(false);
    await switchOnAndStart(page, 'JS off');

    // Step 1: help texts in Leichte Sprache; the questions as they are.
    await page
      .locator('#field-email-hint')
      .getByText(/^Haben Sie eine E-Mail-Adresse\?/)
      .waitFor();
    await page.getByLabel(/^E-Mail-Adresse/).waitFor();
    await checkA11y(page, 'JS off: step 1 in Leichte Sprache');
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByRole('alert', { name: 'Es gibt ein Problem' }).waitFor();
    await page
      .locator('#field-telefon-hint')
      .getByText(/Dann rufen wir Sie an\./)
      .waitFor();
    await checkA11y(page, 'JS off: step 1 error in Leichte Sprache');
    await fillOwner(page);
    await page.getByRole('button', { name: 'Weiter' }).click();

    // Step 2: without JavaScript the answer "Ja" reveals the warning after "Weiter".
    await heading(page, 'Angaben zum Hund').waitFor();
    await page
      .locator('#field-chipnummer-hint')
      .getByText(/Der Chip hat eine Nummer\./)
      .waitFor();
    await checkA11y(page, 'JS off: step 2 in Leichte Sprache');
    await fillDog(page);
    await page
      .getByRole('group', { name: /Listenhund/ })
      .getByLabel('Ja')
      .check();
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByText(EASY_WARNING_TITLE).waitFor();
    await page.getByText('Die Erlaubnis bekommen Sie vom Ordnungs-Amt.', { exact: false }).waitFor();
    await checkA11y(page, 'JS off: step 2 follow-up in Leichte Sprache');

    // A service without Leichte Sprache: its standard texts, and the start page says so.
    await page.goto('/musterstadt/sperrmuell-anmelden');
    await page.getByText('Diesen Antrag gibt es nicht in Leichter Sprache.').waitFor();
    await checkA11y(page, 'JS off: start page without Leichte Sprache');

    // English replaces it; the switch there is a German link to German in Leichte Sprache.
    await page.goto(DOG);
    await header(page).getByRole('link', { name: 'English' }).click();
    await heading(page, 'Register a dog (dog tax)').waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    const easyLink = header(page).getByRole('link', { name: 'Leichte Sprache' });
    assert.equal(await easyLink.getAttribute('lang'), 'de');
    await checkA11y(page, 'JS off: English start page with the Leichte-Sprache switch');
    await easyLink.click();
    await heading(page, SERVICE).waitFor();
    assert.equal(await text(page.locator('main .kern-body--large')), EASY_SUMMARY);

    // And back to standard German.
    await header(page).getByRole('link', { name: 'Alltags-Sprache' }).click();
    await heading(page, SERVICE).waitFor();
    assert.equal(
      await text(page.locator('main .kern-body--large')),
      'Melden Sie Ihren Hund in Musterstadt zur Hundesteuer an.',
    );
    assert.equal(await page.locator('.aw-easy-notice').count(), 0);
  });

  test('with JavaScript: revealed questions have their help texts in Leichte Sprache too', async () => {
    const page = await env.newPage(true);
    const problems = watch(page);
    await switchOnAndStart(page, 'JS on');
    await checkA11y(page, 'JS on: step 1 in Leichte Sprache');
    await fillOwner(page);
    await page.getByRole('button', { name: 'Weiter' }).click();
    await heading(page, 'Angaben zum Hund').waitFor();
    await checkA11y(page, 'JS on: step 2 in Leichte Sprache');

    const url = page.url();
    await page
      .getByRole('group', { name: /Listenhund/ })
      .getByLabel('Ja')
      .check();
    // Rendered in the browser from the page's copy of the definition, without a round trip.
    await page.locator('#field-listenhundHinweis').getByText(EASY_WARNING_TITLE).waitFor();
    await page
      .locator('#field-sachkundenachweis-hint')
      .getByText('Die Nummer steht auf dem Papier vom Ordnungs-Amt.')
      .waitFor();
    assert.equal(page.url(), url, 'revealed without submitting');
    await checkA11y(page, 'JS on: step 2 follow-up revealed in Leichte Sprache');
    assert.deepEqual(problems, []);
  });
});
