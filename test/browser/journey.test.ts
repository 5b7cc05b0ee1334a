/**
 * The whole journey in a real browser (Debian's Chromium), as citizens and caseworkers would do it:
 * with JavaScript DISABLED, because every page must work without it, and with axe-core (WCAG 2.1
 * A/AA, BITV 2.0) on every page state visited. A short second test repeats one step with
 * JavaScript enabled.
 *
 * Citizen: municipalities → catalog → "Hund anmelden (Hundesteuer)" → every step empty (error
 * state), partly filled (values kept) and filled → check your answers → "Ändern" → declaration
 * missing → confirmation with a reference number → English. Caseworker: wrong password → sign in
 * → inbox → filters → the submission with every answer → status changes → history → sign out.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { REFERENCE_ALPHABET } from '../../src/core/reference.ts';
import { checkA11y } from '../support/browser.ts';
import { type BrowserApp, useBrowserApp } from '../support/browser-app.ts';
import { fillOwner } from '../support/hund-anmelden-owner.ts';
import { currentCode, forgetUsedCode } from '../support/staff-login.ts';

// The brief's pattern, and the stricter one derived from the alphabet actually used (no I, L, O).
const REFERENCE_SHAPE = /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/;
const REFERENCE_EXACT = new RegExp(
  `^[${REFERENCE_ALPHABET}]{4}-[${REFERENCE_ALPHABET}]{4}-[${REFERENCE_ALPHABET}]{4}$`,
);

const SERVICE = 'Hund anmelden (Hundesteuer)';

/** The app and browser of this file (set up by useBrowserApp in the describe block). */
let env: BrowserApp;
/** Sub-resources (CSS, fonts) that failed to load: a page without its styles is not what we test. */
const failedAssets: string[] = [];
/** What the citizen submitted, for the caseworker part. */
let reference = '';

async function newPage(javaScriptEnabled: boolean): Promise<Page> {
  const page = await env.newPage(javaScriptEnabled);
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'document' && response.status() >= 400) {
      failedAssets.push(`${response.status()} ${response.url()}`);
    }
  });
  // A request the browser abandoned because the page moved on (a font still loading when a button
  // was pressed) is not a missing asset; a missing one answers 404 above.
  page.on('requestfailed', (request) => {
    if (request.failure()?.errorText !== 'net::ERR_ABORTED') failedAssets.push(`failed ${request.url()}`);
  });
  return page;
}

/** The error summary, found the way a screen reader user meets it: an alert named by its heading. */
function errorSummary(page: Page, title = 'Es gibt ein Problem'): Locator {
  return page.getByRole('alert', { name: title });
}

/**
 * Asserts the error state GOV.UK/KERN style: "Fehler:" in the title, the summary with one link
 * per problem, each link pointing at an existing, invalid control, and each message repeated at
 * its field. Returns the summary's link texts.
 */
async function assertErrorState(page: Page, options: { titlePrefix?: string; summaryTitle?: string } = {}) {
  const title = await page.title();
  assert.ok(title.startsWith(options.titlePrefix ?? 'Fehler:'), `title "${title}" should announce the error`);
  const summary = errorSummary(page, options.summaryTitle);
  await summary.waitFor();
  const links = summary.getByRole('link');
  const count = await links.count();
  assert.ok(count > 0, 'the error summary lists at least one problem');
  const texts: string[] = [];
  for (let i = 0; i < count; i++) {
    const link = links.nth(i);
    const message = await text(link);
    const href = (await link.getAttribute('href')) ?? '';
    texts.push(message);
    if (href.startsWith('#')) {
      const target = page.locator(href);
      assert.equal(await target.count(), 1, `summary link "${message}" points at ${href}, which must exist`);
      assert.equal(await target.getAttribute('aria-invalid'), 'true', `${href} is marked invalid`);
    }
    // The same message is shown at the field (outside the summary); the summary names the
    // question before it (ADR 0029).
    const atFields = (await page.locator('.kern-error').allTextContents()).map((t) =>
      t.replace(/^\s*(Fehler|Error):\s*/, '').trim(),
    );
    assert.ok(
      atFields.some((atField) => atField !== '' && message.endsWith(atField)),
      `"${message}" is shown at its field too`,
    );
  }
  return texts;
}

type Expected = [label: string, value: string | RegExp];

/** Every answer given in the journey, with its label, as the check page and the inbox show it. */
const CHECK_ANSWERS: Expected[] = [
  ['Vorname', 'Erika'],
  ['Nachname', 'Musterfrau'],
  ['Geburtsdatum', /^27\.0?3\.1985$/],
  ['Straße', 'Hauptstraße'],
  ['Hausnummer', '12a'],
  ['Postleitzahl', '38300'],
  ['Ort', 'Musterstadt'],
  ['E-Mail-Adresse', 'erika@example.org'],
  ['Name des Hundes', 'Bello'],
  ['Rasse', 'Dackel'],
  ['Geschlecht des Hundes', 'Rüde'],
  ['Seit wann halten Sie den Hund in Musterstadt?', /^0?1\.0?4\.2024$/],
  ['Ist Ihr Hund ein gefährlicher Hund (Listenhund)?', 'Nein'],
  ['Möchten Sie eine Ermäßigung oder Befreiung beantragen?', 'Ja'],
  ['Aus welchem Grund?', 'Blindenführhund oder Assistenzhund'],
  ['Kontoinhaberin oder Kontoinhaber', 'Erika Musterfrau'],
  ['IBAN', /^DE02\s?1203\s?0000\s?0000\s?2020\s?51$/],
  ['SEPA-Lastschriftmandat', /Ich ermächtige die Stadt Musterstadt/],
];

/** The demo's labelled computed values for those answers (no further dogs, not a listed dog). */
const COMPUTED: Expected[] = [
  ['Ihre Hunde in Musterstadt, mit diesem Hund', '1'],
  ['Steuer für einen weiteren Hund (nicht den ersten)', 'Nein'],
];

/**
 * The question/answer rows of a description list as label → answer. On the check page each
 * answer ends with its "Ändern – <label>" link, which is cut off here.
 */
async function answersByLabel(page: Page): Promise<Map<string, string>> {
  const rows = page.getByRole('main').locator('.kern-description-list-item');
  const out = new Map<string, string>();
  for (const row of await rows.all()) {
    const label = await text(row.locator('dt'));
    let value = await text(row.locator('dd'));
    const change = row.locator('dd a');
    if ((await change.count()) > 0) value = value.slice(0, value.lastIndexOf(await text(change))).trim();
    assert.ok(!out.has(label), `the label "${label}" appears once`);
    out.set(label, value);
  }
  return out;
}

async function assertAnswers(page: Page, expected: Expected[]): Promise<void> {
  const shown = await answersByLabel(page);
  for (const [label, value] of expected) {
    const actual = shown.get(label);
    assert.ok(actual !== undefined, `"${label}" is shown (shown: ${[...shown.keys()].join(' | ')})`);
    if (typeof value === 'string') assert.equal(actual, value, `answer to "${label}"`);
    else assert.match(actual, value, `answer to "${label}"`);
  }
}

/** The text of an element with its whitespace collapsed, as it reads. */
async function text(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

async function clickContinue(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Weiter' }).click();
}

function heading(page: Page, name: string | RegExp): Locator {
  return page.getByRole('heading', { level: 1, name });
}

describe('browser journey (Chromium, axe on every page state)', { timeout: 120_000 }, () => {
  env = useBrowserApp();

  test('a citizen registers a dog without JavaScript', async () => {
    const page = await newPage(false);

    // Municipalities → catalog.
    await page.goto('/');
    await heading(page, 'Verwaltungsleistungen online').waitFor();
    await checkA11y(page, 'municipalities');
    await page.getByRole('link', { name: 'Musterstadt' }).click();
    assert.equal(new URL(page.url()).pathname, '/musterstadt');
    await heading(page, 'Online-Leistungen – Musterstadt').waitFor();
    await checkA11y(page, 'catalog');

    // Start page.
    await page.getByRole('link', { name: SERVICE }).click();
    await heading(page, SERVICE).waitFor();
    await page.getByRole('heading', { name: 'Was Sie brauchen' }).waitFor();
    await checkA11y(page, 'start page');
    await page.getByRole('button', { name: 'Jetzt starten' }).click();

    // Step 1: the owner. Empty, then partly filled with one bad value, then complete.
    await heading(page, 'Angaben zur Halterin oder zum Halter').waitFor();
    assert.match(await text(page.locator('.kern-preline')), /Schritt 1 von 3/);
    await checkA11y(page, 'step 1 (halter) empty');
    await clickContinue(page);
    const ownerErrors = await assertErrorState(page);
    assert.ok(ownerErrors.length >= 7, `every required field is reported (${ownerErrors.join(' | ')})`);
    await checkA11y(page, 'step 1 (halter) error: all empty');

    await page.getByLabel('Vorname', { exact: true }).fill('Erika');
    await page.getByLabel('Nachname', { exact: true }).fill('Musterfrau');
    await page.getByLabel('Postleitzahl').fill('123');
    await clickContinue(page);
    await assertErrorState(page);
    // What was typed is kept, the valid and the invalid alike.
    assert.equal(await page.getByLabel('Vorname', { exact: true }).inputValue(), 'Erika');
    assert.equal(await page.getByLabel('Nachname', { exact: true }).inputValue(), 'Musterfrau');
    assert.equal(await page.getByLabel('Postleitzahl').inputValue(), '123');
    await errorSummary(page)
      .getByRole('link', { name: /Postleitzahl mit 5 Ziffern/ })
      .waitFor();
    assert.equal(await page.getByLabel('Vorname', { exact: true }).getAttribute('aria-invalid'), null);
    await checkA11y(page, 'step 1 (halter) error: partly filled');

    const birth = page.getByRole('group', { name: /^Geburtsdatum/ });
    await birth.getByLabel('Tag').fill('27');
    await birth.getByLabel('Monat').fill('3');
    await birth.getByLabel('Jahr').fill('1985');
    await page.getByLabel('Straße').fill('Hauptstraße');
    await page.getByLabel('Hausnummer').fill('12a');
    await page.getByLabel('Postleitzahl').fill('38300');
    await page.getByLabel('Ort', { exact: true }).fill('Musterstadt');
    await page.getByLabel(/^E-Mail-Adresse/).fill('erika@example.org');
    await checkA11y(page, 'step 1 (halter) filled');
    await clickContinue(page);

    // Step 2: the dog.
    await heading(page, 'Angaben zum Hund').waitFor();
    await checkA11y(page, 'step 2 (hund) empty');
    await clickContinue(page);
    await assertErrorState(page);
    await checkA11y(page, 'step 2 (hund) error');
    await page.getByLabel('Name des Hundes').fill('Bello');
    await page.getByLabel('Rasse').selectOption({ label: 'Dackel' });
    await page.getByRole('group', { name: 'Geschlecht des Hundes' }).getByLabel('Rüde').check();
    const since = page.getByRole('group', { name: /^Seit wann halten Sie den Hund/ });
    await since.getByLabel('Tag').fill('1');
    await since.getByLabel('Monat').fill('4');
    await since.getByLabel('Jahr').fill('2024');
    await page
      .getByRole('group', { name: /Listenhund/ })
      .getByLabel('Nein')
      .check();
    await page
      .getByRole('group', { name: /Ermäßigung oder Befreiung/ })
      .getByLabel('Ja')
      .check();
    await checkA11y(page, 'step 2 (hund) filled');
    await clickContinue(page);

    // Step 3 appears only because a reduction was asked for.
    await heading(page, 'Ermäßigung oder Befreiung').waitFor();
    assert.match(await text(page.locator('.kern-preline')), /Schritt 3 von 4/);
    await checkA11y(page, 'step 3 (ermaessigung) empty');
    await clickContinue(page);
    await assertErrorState(page);
    await checkA11y(page, 'step 3 (ermaessigung) error');
    await page.getByLabel('Blindenführhund oder Assistenzhund').check();
    await checkA11y(page, 'step 3 (ermaessigung) filled');
    await clickContinue(page);

    // Step 4: payment.
    await heading(page, 'Bezahlung').waitFor();
    await checkA11y(page, 'step 4 (zahlung) empty');
    await clickContinue(page);
    await assertErrorState(page);
    await checkA11y(page, 'step 4 (zahlung) error');
    await page.getByLabel('Kontoinhaberin oder Kontoinhaber').fill('Erika Musterfrau');
    await page.getByLabel('IBAN').fill('DE02 1203 0000 0000 2020 51');
    await page.getByLabel(/Ich ermächtige die Stadt Musterstadt/).check();
    await checkA11y(page, 'step 4 (zahlung) filled');
    await clickContinue(page);

    // Check your answers.
    await heading(page, 'Prüfen Sie Ihre Angaben').waitFor();
    assert.equal(new URL(page.url()).pathname, '/musterstadt/hund-anmelden/pruefen');
    await assertAnswers(page, CHECK_ANSWERS);
    // The demo's labelled computed values, apart from the answers and with nothing to change.
    const computed = page.getByRole('region', { name: 'Berechnete Angaben' });
    await assertAnswers(page, COMPUTED);
    assert.equal(await computed.locator('.kern-description-list-item').count(), COMPUTED.length);
    assert.equal(await computed.getByRole('link').count(), 0, 'computed values have no change link');
    await checkA11y(page, 'check answers');

    // Change one answer and come straight back.
    await page.getByRole('link', { name: /^Ändern\s*–\s*Name des Hundes$/ }).click();
    await heading(page, 'Angaben zum Hund').waitFor();
    const changeUrl = new URL(page.url());
    assert.equal(changeUrl.searchParams.get('aendern'), '1');
    assert.equal(changeUrl.hash, '#field-hundName', 'the link jumps to the question');
    assert.equal(await page.getByLabel('Name des Hundes').inputValue(), 'Bello');
    await checkA11y(page, 'step 2 (hund) changing from the check page');
    await page.getByLabel('Name des Hundes').fill('Bello vom Rathaus');
    await clickContinue(page);
    await heading(page, 'Prüfen Sie Ihre Angaben').waitFor();
    assert.equal((await answersByLabel(page)).get('Name des Hundes'), 'Bello vom Rathaus');

    // Submit without confirming the declaration.
    await page.getByRole('button', { name: 'Antrag verbindlich absenden' }).click();
    await heading(page, 'Prüfen Sie Ihre Angaben').waitFor();
    const checkErrors = await assertErrorState(page);
    assert.deepEqual(checkErrors, ['Bestätigen Sie die Erklärung, um den Antrag abzusenden']);
    await checkA11y(page, 'check answers error: declaration missing');

    // Confirm and submit.
    await page.getByLabel('Ich bestätige diese Erklärung.').check();
    await page.getByRole('button', { name: 'Antrag verbindlich absenden' }).click();
    await page.getByRole('heading', { name: 'Antrag eingegangen' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/musterstadt/hund-anmelden/eingegangen');
    reference = await text(page.locator('#vorgangsnummer'));
    assert.match(reference, REFERENCE_SHAPE);
    assert.match(reference, REFERENCE_EXACT);
    await checkA11y(page, 'confirmation');

    // Once in English.
    await page.getByRole('link', { name: /English/ }).click();
    await page.getByRole('heading', { name: 'Application received' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.equal(await text(page.locator('#vorgangsnummer')), reference);
    await checkA11y(page, 'confirmation (English)');

    assert.deepEqual(failedAssets, [], 'every stylesheet and font loaded');
  });

  test('a caseworker works on the submission without JavaScript', async () => {
    assert.ok(reference, 'the citizen test ran first and produced a reference');
    const credential = env.testApp.credentials.find((c) => c.tenant === 'musterstadt');
    assert.ok(credential, 'demo credentials for Musterstadt');
    const page = await newPage(false);

    await page.goto('/staff/login');
    await heading(page, 'Anmeldung für Mitarbeitende').waitFor();
    await checkA11y(page, 'staff login');

    await page.getByLabel('Benutzername').fill(credential.username);
    await page.getByLabel('Passwort').fill('definitely-not-the-password');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    const loginErrors = await assertErrorState(page);
    assert.deepEqual(loginErrors, ['Benutzername oder Passwort ist falsch']);
    assert.equal(await page.getByLabel('Benutzername').inputValue(), credential.username, 'username kept');
    assert.equal(await page.getByLabel('Passwort').inputValue(), '', 'password never echoed');
    await checkA11y(page, 'staff login error');

    await page.getByLabel('Passwort').fill(credential.password);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    // The demo's accounts have a second factor (ADR 0055): the code the app shows.
    await heading(page, 'Bestätigungscode eingeben').waitFor();
    await checkA11y(page, 'second factor code');
    await forgetUsedCode(env.testApp, credential.username);
    await page
      .getByLabel(/^Code aus der Authenticator-App/)
      .fill(currentCode(env.testApp, credential.totpSecret!));
    await page.getByRole('button', { name: 'Bestätigen' }).click();

    // Inbox with the new submission.
    await heading(page, 'Posteingang').waitFor();
    const table = page.getByRole('table');
    await table.getByRole('link', { name: reference }).waitFor();
    await checkA11y(page, 'inbox');

    // Filter by a status that has nothing, then by the one the submission has.
    await page.getByLabel('Status').selectOption({ label: 'In Bearbeitung' });
    await page.getByRole('button', { name: 'Filter anwenden' }).click();
    await page.getByText('Keine Anträge gefunden.').waitFor();
    assert.equal(new URL(page.url()).searchParams.get('status'), 'in_progress');
    await checkA11y(page, 'inbox filtered: empty');
    await page.getByLabel('Status').selectOption({ label: 'Eingegangen' });
    await page.getByRole('button', { name: 'Filter anwenden' }).click();
    assert.equal(new URL(page.url()).searchParams.get('status'), 'received');
    assert.equal(await page.getByLabel('Status').inputValue(), 'received', 'the filter stays selected');
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: reference }) });
    await row.getByRole('cell', { name: 'Eingegangen' }).waitFor();
    await checkA11y(page, 'inbox filtered: received');

    // The submission: every answer with its label.
    await page.getByRole('link', { name: reference }).click();
    await heading(page, `Antrag ${reference}`).waitFor();
    await assertAnswers(page, [
      ...CHECK_ANSWERS.map(
        ([label, value]): Expected => [label, label === 'Name des Hundes' ? 'Bello vom Rathaus' : value],
      ),
      ...COMPUTED,
    ]);
    await page.getByRole('heading', { level: 2, name: 'Berechnete Angaben' }).waitFor();
    assert.equal(await text(page.locator('#current-status')), 'Eingegangen');
    await checkA11y(page, 'submission');

    // Status changes.
    await page.getByRole('button', { name: 'Bearbeitung beginnen' }).click();
    await page.getByRole('status').filter({ hasText: 'Der Status wurde geändert.' }).waitFor();
    assert.equal(await text(page.locator('#current-status')), 'In Bearbeitung');
    await checkA11y(page, 'submission after status change: in progress');
    await page.getByRole('button', { name: 'Abschließen' }).click();
    await page.getByRole('status').filter({ hasText: 'Der Status wurde geändert.' }).waitFor();
    assert.equal(await text(page.locator('#current-status')), 'Abgeschlossen');
    await checkA11y(page, 'submission after status change: completed');

    // The history shows that the answers were viewed and both changes, by whom.
    const history = page.getByRole('table', { name: 'Verlauf' });
    const events = (await history.locator('tbody tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' '));
    const has = (what: string | RegExp) =>
      assert.ok(
        events.some((e) => (typeof what === 'string' ? e.includes(what) : what.test(e))),
        `history has "${what}":\n${events.join('\n')}`,
      );
    has('Antrag angesehen');
    has(/Status geändert: Eingegangen → In Bearbeitung .*Erika Mustermann/);
    has(/Status geändert: In Bearbeitung → Abgeschlossen .*Erika Mustermann/);

    // Back in the inbox the status is "Abgeschlossen"; then sign out.
    await page.getByRole('link', { name: 'Zurück zum Posteingang' }).click();
    await page
      .getByRole('row')
      .filter({ hasText: reference })
      .getByRole('cell', { name: 'Abgeschlossen' })
      .waitFor();
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await heading(page, 'Anmeldung für Mitarbeitende').waitFor();
    await page.goto('/staff/inbox');
    await heading(page, 'Anmeldung für Mitarbeitende').waitFor();

    assert.deepEqual(failedAssets, [], 'every stylesheet and font loaded');
  });

  test('the axe check fails on a violation, also with JavaScript disabled', async () => {
    // Guards the guard: a check that silently passes everything would make the tests above worthless.
    const page = await newPage(false);
    await page.goto('/staff/login');
    await page.evaluate(`document.querySelector('label[for="field-password"]').remove()`);
    await assert.rejects(checkA11y(page, 'canary: password without label'), (error: Error) => {
      assert.match(error.message, /\[critical\] label: Form elements must have labels/);
      assert.match(error.message, /#field-password/);
      return true;
    });
  });

  test('the same pages work with JavaScript enabled', async () => {
    const page = await newPage(true);
    await page.goto('/musterstadt/hund-anmelden');
    await page.getByRole('button', { name: 'Jetzt starten' }).click();
    await heading(page, 'Angaben zur Halterin oder zum Halter').waitFor();
    await checkA11y(page, 'JS on: step 1 empty');
    await clickContinue(page);
    await assertErrorState(page);
    await checkA11y(page, 'JS on: step 1 error');
    await fillOwner(page, {
      firstName: 'Max',
      lastName: 'Mustermann',
      birth: { day: '1', month: '12', year: '1970' },
      street: 'Am Markt',
      houseNumber: '3',
    });
    await clickContinue(page);
    await heading(page, 'Angaben zum Hund').waitFor();
    await checkA11y(page, 'JS on: step 2 empty');
    assert.deepEqual(failedAssets, [], 'every stylesheet and font loaded');
  });
});
