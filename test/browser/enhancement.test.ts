/**
 * The browser enhancement (src/web/client) in Chromium: live validation on blur and conditional
 * reveal run in the page with the same engine as the server, without a round trip, with the
 * server's error markup, without moving focus, and with axe clean in every state. The same step
 * pages still work with JavaScript off.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { checkA11y, waitForEnhancement } from '../support/browser.ts';
import { type BrowserApp, useBrowserApp } from '../support/browser-app.ts';
import { ERIKA, fillOwner as fillOwnerAs } from '../support/hund-anmelden-owner.ts';

const fillOwner = (page: Page) => fillOwnerAs(page, { ...ERIKA, lastName: 'Quastenflosser' });

const SERVICE_PATH = '/musterstadt/hund-anmelden';

/** The app and browser of this file (set up by useBrowserApp in the describe block). */
let env: BrowserApp;

interface Watched {
  page: Page;
  /** Requests to the server after the page loaded (documents, posts, fetches): none while enhancing. */
  requests: string[];
  errors: string[];
}

async function open(javaScriptEnabled: boolean): Promise<Watched> {
  const page = await env.newPage(javaScriptEnabled);
  const watched: Watched = { page, requests: [], errors: [] };
  page.on('request', (r) => {
    if (r.resourceType() !== 'stylesheet' && r.resourceType() !== 'font')
      watched.requests.push(`${r.method()} ${r.url()}`);
  });
  page.on('pageerror', (e) => watched.errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') watched.errors.push(m.text());
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && r.request().resourceType() !== 'document')
      watched.errors.push(`${r.status()} ${r.url()}`);
  });
  return watched;
}

async function startApplication(page: Page, javaScript: boolean): Promise<void> {
  await page.goto(SERVICE_PATH);
  await page.getByRole('button', { name: 'Jetzt starten' }).click();
  await page.getByRole('heading', { level: 1, name: 'Angaben zur Halterin oder zum Halter' }).waitFor();
  // The heading is there once the HTML is parsed; the enhancement (a module script) has run only
  // after "load", and listens once it has read the definition. Blurring a field before that
  // would find no listener.
  await page.waitForLoadState('load');
  if (javaScript) await waitForEnhancement(page);
}

/** The definition the step page's form names for the browser enhancement. */
const definitionHref = (page: Page) =>
  page.locator('form[data-aw-step]').getAttribute('data-aw-definition') as Promise<string>;

const text = async (l: Locator) => ((await l.textContent()) ?? '').replace(/\s+/g, ' ').trim();
const activeId = (page: Page) => page.evaluate('document.activeElement && document.activeElement.id');
/** A field's markup as the citizen's browser has it, without value attributes (live state). */
const fieldMarkup = (page: Page, key: string) =>
  page.evaluate(
    `document.querySelector('[data-aw-field="${key}"]').innerHTML.replace(/ value="[^"]*"/g, '')`,
  ) as Promise<string>;

const listenhund = (page: Page) => page.getByRole('group', { name: /Listenhund/ });
const sachkunde = (page: Page) => page.getByLabel(/Sachkunde/);

describe('browser enhancement (Chromium, JavaScript on and off, axe on every state)', {
  timeout: 120_000,
}, () => {
  env = useBrowserApp();

  test('the bundle and the definition are served from our origin and carry no personal data', async () => {
    const { page } = await open(false);
    await startApplication(page, false);
    const src = await page.locator('script[type="module"]').getAttribute('src');
    assert.equal(src, '/assets/build/enhance.js');
    const response = await page.request.get(src);
    assert.equal(response.status(), 200, 'run `npm run build:client` first (npm test does)');
    assert.match(response.headers()['content-type'] ?? '', /javascript/);
    // The definition is not in the page: the form names it, a resource cached for a year.
    assert.equal(await page.locator('script[type="application/json"]').count(), 0);
    const href = await definitionHref(page);
    assert.match(href, /^\/musterstadt\/hund-anmelden\/definition\/1\/[0-9a-f]{64}\.json$/);
    const definition = await page.request.get(href);
    assert.equal(definition.status(), 200);
    assert.equal(definition.headers()['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(((await definition.json()) as { id: string }).id, 'hund-anmelden');
    // Only the definition: after answering, the next step names the same resource, without answers.
    await fillOwner(page);
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Angaben zum Hund' }).waitFor();
    assert.equal(await definitionHref(page), href);
    const again = await (await page.request.get(href)).text();
    assert.ok(!again.includes('Quastenflosser'), 'no answers in the definition');
  });

  test('with JavaScript: errors on blur and reveal without a round trip, axe clean', async () => {
    const { page, requests, errors } = await open(true);
    await startApplication(page, true);
    // Live validation works with the definition read as its own resource.
    const href = await definitionHref(page);
    assert.ok(
      requests.some((r) => r.endsWith(href)),
      'the enhancement read the definition',
    );
    await checkA11y(page, 'JS on: step 1 empty');
    const loaded = requests.length;
    const vorname = page.getByLabel('Vorname', { exact: true });

    // Blur an empty required field: the error appears at the field, focus moves on as the
    // citizen chose.
    await vorname.focus();
    await page.keyboard.press('Tab');
    const error = page.locator('#field-vorname-error');
    await error.waitFor();
    assert.match(await text(error), /^Fehler: Geben Sie eine Antwort ein$/);
    assert.equal(await vorname.getAttribute('aria-invalid'), 'true');
    assert.equal(await vorname.getAttribute('aria-describedby'), 'field-vorname-error');
    assert.equal(await activeId(page), 'field-nachname', 'focus is where the citizen tabbed to');
    await checkA11y(page, 'JS on: step 1 blur error');

    // Moving between the parts of one date is not leaving the question: no error yet.
    const birth = page.getByRole('group', { name: /^Geburtsdatum/ });
    await birth.getByLabel('Tag').fill('31');
    await birth.getByLabel('Tag').press('Tab');
    await birth.getByLabel('Monat').fill('2');
    await birth.getByLabel('Monat').press('Tab');
    assert.equal(await page.locator('#field-geburtsdatum-error').count(), 0);
    await birth.getByLabel('Jahr').fill('1985');
    await birth.getByLabel('Jahr').press('Tab');
    await page.locator('#field-geburtsdatum-error').waitFor();
    assert.match((await birth.getAttribute('aria-describedby')) ?? '', /\bfield-geburtsdatum-error$/);
    assert.equal(await birth.getByLabel('Tag').getAttribute('aria-invalid'), 'true');
    await birth.getByLabel('Tag').fill('28');
    await page.locator('#field-geburtsdatum-error').waitFor({ state: 'detached' });

    // A wrong postcode gets the server's own message.
    await page.getByLabel('Postleitzahl').fill('123');
    await page.getByLabel('Postleitzahl').press('Tab');
    await page
      .locator('#field-plz-error')
      .getByText(/Postleitzahl mit 5 Ziffern/)
      .waitFor();
    await checkA11y(page, 'JS on: step 1 two blur errors');

    // Typing a valid value clears the error while typing.
    await vorname.fill('Erika');
    await error.waitFor({ state: 'detached' });
    assert.equal(await vorname.getAttribute('aria-invalid'), null);
    assert.equal(await vorname.getAttribute('aria-describedby'), null);
    await page.getByLabel('Postleitzahl').fill('38300');
    await page.locator('#field-plz-error').waitFor({ state: 'detached' });
    await checkA11y(page, 'JS on: step 1 errors corrected');
    assert.deepEqual(requests.slice(loaded), [], 'no request while validating');

    // The rest of the step, then the dog.
    await fillOwner(page);
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Angaben zum Hund' }).waitFor();
    await waitForEnhancement(page);
    const onStep2 = requests.length;
    const url = page.url();
    assert.equal(await sachkunde(page).count(), 0, 'the follow-up question starts hidden');

    // The fee reads only this step's answers, so it is shown as you answer.
    const fee = page.locator('.aw-live-fee');
    assert.equal(await fee.isVisible(), false, 'no fee before the answers it needs');
    await listenhund(page).getByLabel('Nein').check();
    await fee.getByText(/108,00\s€/).waitFor();
    await page.getByLabel(/Wie viele Hunde halten Sie außerdem/).fill('1');
    await fee.getByText(/144,00\s€/).waitFor();
    await checkA11y(page, 'JS on: step 2 fee shown');

    await listenhund(page).getByLabel('Ja').check();
    await sachkunde(page).waitFor();
    await fee.getByText(/600,00\s€/).waitFor();
    await page.locator('#field-listenhundHinweis').waitFor();
    assert.equal(page.url(), url, 'revealed without submitting');
    assert.equal(await activeId(page), 'field-listenhund', 'focus stays on the answer');
    assert.match(await text(page.getByRole('status')), /weitere Frage/);
    await checkA11y(page, 'JS on: step 2 follow-up revealed');

    await sachkunde(page).fill('Sachkundenachweis vom 1.2.2024');
    await listenhund(page).getByLabel('Nein').check();
    await sachkunde(page).waitFor({ state: 'detached' });
    await checkA11y(page, 'JS on: step 2 follow-up hidden again');
    await listenhund(page).getByLabel('Ja').check();
    assert.equal(
      await sachkunde(page).inputValue(),
      'Sachkundenachweis vom 1.2.2024',
      'what was typed is kept',
    );

    // The revealed field validates like any other.
    await sachkunde(page).fill('');
    await sachkunde(page).press('Tab');
    await page.locator('#field-sachkundenachweis-error').waitFor();
    await checkA11y(page, 'JS on: step 2 revealed field with error');
    assert.deepEqual(requests.slice(onStep2), [], 'no request while revealing');
    assert.deepEqual(errors, [], 'no script errors, every asset loaded');

    // Submitted empty, the question the citizen saw is an error on the server too (the page then
    // answers 400, which the console reports as a failed resource).
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.waitForLoadState();
    const summary = page.getByRole('alert');
    assert.match(await text(summary), /Sachkunde/i, 'the revealed question is listed as a problem');
  });

  test('the live error is the markup the server renders for the same input', async () => {
    const off = await open(false);
    await startApplication(off.page, false);
    await off.page.getByRole('button', { name: 'Weiter' }).click();
    await off.page.locator('#field-vorname-error').waitFor();
    const server = await fieldMarkup(off.page, 'vorname');

    const on = await open(true);
    await startApplication(on.page, true);
    await on.page.getByLabel('Vorname', { exact: true }).focus();
    await on.page.keyboard.press('Tab');
    await on.page.locator('#field-vorname-error').waitFor();
    assert.equal(await fieldMarkup(on.page, 'vorname'), server);
  });

  test('without JavaScript the same pages submit and show the server errors', async () => {
    const { page } = await open(false);
    await startApplication(page, false);
    const vorname = page.getByLabel('Vorname', { exact: true });
    await vorname.focus();
    await page.keyboard.press('Tab');
    assert.equal(await page.locator('.kern-error').count(), 0, 'nothing happens on blur');
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByRole('alert', { name: 'Es gibt ein Problem' }).waitFor();
    assert.ok((await page.title()).startsWith('Fehler:'));
    assert.equal(await vorname.getAttribute('aria-invalid'), 'true');
    await checkA11y(page, 'JS off: step 1 server errors');

    await fillOwner(page);
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Angaben zum Hund' }).waitFor();
    await listenhund(page).getByLabel('Ja').check();
    assert.equal(await sachkunde(page).count(), 0, 'no reveal without JavaScript');
    await page.getByRole('button', { name: 'Weiter' }).click();
    // The server shows the follow-up question (as new, with the other problems of the step).
    await sachkunde(page).waitFor();
    await page.getByRole('alert', { name: 'Es gibt ein Problem' }).waitFor();
    await checkA11y(page, 'JS off: step 2 server errors, follow-up shown');
  });
});
