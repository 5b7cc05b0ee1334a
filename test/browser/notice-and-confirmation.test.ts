/**
 * What a person sees, in Chromium with JavaScript off, axe-core (WCAG 2.1 AA) on every state: a
 * notice revealed by an answer is shown before the citizen moves on; the confirmation says what
 * happens next and who is responsible; the summary of everything sent prints without navigation.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { tokens } from '../../src/adapters/security/tokens.ts';
import type { Answers } from '../../src/definition/types.ts';
import { SESSION_COOKIE, sessionIdOf } from '../../src/web/browser-session.ts';
import { checkA11y } from '../support/browser.ts';
import { type BrowserApp, useBrowserApp } from '../support/browser-app.ts';

const BASE = '/beispielhausen/veranstaltung-anzeigen';

/** Everything before the last step ("Besondere Maßnahmen"), as the earlier steps keep it. */
const EARLIER_STEPS: Answers = {
  veranstalterArt: 'privat',
  sitzImAusland: false,
  anschrift: { street: 'Dorfstraße', houseNumber: '3', postcode: '23701', city: 'Beispielhausen' },
  ansprechperson: 'Erika Musterfrau',
  email: 'erika@example.de',
  telefon: '04521 12345',
  titel: 'Sommerfest Lindenweg',
  art: 'strassenfest',
  beschreibung: 'Ein Nachbarschaftsfest mit Kuchen.',
  datum: '2099-07-04',
  beginn: '14:00',
  ende: '20:00',
  ort: 'Lindenweg',
  besucher: 120,
  oeffentlicherRaum: true,
};

let env: BrowserApp;

/** Starts the application in this browser and keeps the earlier steps' answers in its draft. */
async function toLastStep(page: Page): Promise<void> {
  await page.goto(BASE);
  await page.getByRole('button', { name: 'Jetzt starten' }).click();
  await page.getByRole('heading', { level: 1, name: 'Veranstalterin oder Veranstalter' }).waitFor();
  const cookie = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE);
  assert.ok(cookie, 'the session cookie');
  const apps = env.testApp.app.applications;
  const service = await apps.service('beispielhausen', 'veranstaltung-anzeigen');
  const draft = await apps.findDraft(service, tokens.hash(sessionIdOf(cookie.value)));
  assert.ok(draft, 'the draft');
  await env.testApp.app.store.drafts.saveAnswers(
    draft.tenant.id,
    draft.draft.id,
    EARLIER_STEPS,
    new Date().toISOString(),
  );
  await page.goto(`${BASE}/schritt/massnahmen`);
  await page.getByRole('heading', { level: 1, name: 'Besondere Maßnahmen' }).waitFor();
}

describe('a revealed notice and the confirmation in the browser (axe on every state)', {
  timeout: 120_000,
}, () => {
  env = useBrowserApp();

  test('without JavaScript: the notice first, then the check page, the confirmation and its summary', async () => {
    const page = await env.newPage(false);
    await toLastStep(page);
    const notice = page.getByText('brauchen Sie eine eigene Erlaubnis');
    assert.equal(await notice.count(), 0, 'no notice before the answer');

    await page.getByLabel('Ausschank alkoholischer Getränke').check();
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Besondere Maßnahmen' }).waitFor();
    assert.ok(await notice.isVisible(), 'the notice is shown on the same step');
    assert.ok(await page.getByRole('status').filter({ hasText: 'neuen Hinweis' }).isVisible());
    assert.ok(await page.getByLabel('Ausschank alkoholischer Getränke').isChecked(), 'the answer is kept');
    await checkA11y(page, 'notice revealed without JavaScript');

    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Prüfen Sie Ihre Angaben' }).waitFor();
    await page.getByLabel('Ich bestätige diese Erklärung.').check();
    await page.getByRole('button', { name: 'Antrag verbindlich absenden' }).click();

    await page.getByRole('heading', { level: 1, name: 'Antrag eingegangen' }).waitFor();
    const reference = (await page.locator('#vorgangsnummer').textContent())?.trim() ?? '';
    assert.match(reference, /^\w{4}-\w{4}-\w{4}$/);
    assert.ok(await page.getByRole('heading', { level: 2, name: 'Wie es weitergeht' }).isVisible());
    assert.ok(await page.getByText('Das Ordnungsamt prüft Ihre Anzeige.').isVisible());
    const office = page.locator('#zustaendige-stelle');
    assert.match((await office.textContent()) ?? '', /Ordnungsamt.*Dorfstraße 12.*04521 77-120/s);
    assert.ok(await office.getByRole('link', { name: 'ordnungsamt@beispielhausen.example' }).isVisible());
    await checkA11y(page, 'confirmation');

    await page.getByRole('link', { name: 'Zusammenfassung Ihres Antrags ansehen und drucken' }).click();
    await page.getByRole('heading', { level: 1, name: 'Zusammenfassung Ihres Antrags' }).waitFor();
    assert.ok(await page.getByText(reference).isVisible());
    assert.ok(await page.getByText('Sommerfest Lindenweg').isVisible());
    assert.ok(await page.getByText('Ausschank alkoholischer Getränke').isVisible());
    await checkA11y(page, 'summary of what was sent');

    // Printed: the application, without the header's tools, the footer or the links.
    await page.emulateMedia({ media: 'print' });
    assert.ok(await page.getByText('Sommerfest Lindenweg').isVisible());
    assert.equal(await page.getByRole('link', { name: 'Zurück zur Bestätigung' }).isVisible(), false);
    assert.equal(await page.getByRole('link', { name: 'English' }).isVisible(), false);
    assert.equal(await page.locator('footer').isVisible(), false);
  });

  test('an expired session: what was typed is shown to copy, and the way back to the form', async () => {
    const page = await env.newPage(false);
    await toLastStep(page);
    await page.getByLabel('Möchten Sie uns noch etwas mitteilen?').fill('Wir bauen ab 10 Uhr auf.');
    // The session ends while the page is open (the cookie expired or was deleted).
    await page.context().clearCookies();
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ihre Sitzung ist abgelaufen' }).waitFor();
    assert.ok(await page.getByText('Wir bauen ab 10 Uhr auf.').isVisible(), 'the typed text, to copy');
    await checkA11y(page, 'session expired with the typed answers');
    await page.getByRole('link', { name: 'Zurück zum Formular' }).click();
    // Without a session there is no application any more: the start page, to begin again.
    await page.getByRole('button', { name: 'Jetzt starten' }).waitFor();
  });
});
