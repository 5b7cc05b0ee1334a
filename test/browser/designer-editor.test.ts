/**
 * The visual editor in a real browser (Debian's Chromium) with JavaScript DISABLED and axe-core
 * (WCAG 2.1 A/AA) on every page state: a designer builds a small service from nothing — two steps,
 * three fields (one a repeating group with an item field) — without touching JSON, meets the
 * problems list, an input error, a rule said in words, the code view and its refusal, a conflict
 * with a second tab, then previews and publishes it through the confirmation page; a citizen can
 * open it.
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

describe('the visual editor in the browser', () => {
  const env: BrowserApp = useBrowserApp();

  test('a designer builds, previews and publishes a service in forms, without JavaScript', async () => {
    const credential = env.testApp.credentials.find(
      (c) => c.tenant === 'musterstadt' && c.role === 'designer',
    );
    assert.ok(credential, 'demo designer of Musterstadt');
    const page = await env.newPage(false);
    await browserStaffLogin(page, env.testApp, credential);
    await heading(page, 'Leistungen gestalten').waitFor();
    await page.getByRole('link', { name: 'Zu den Entwürfen' }).click();
    await heading(page, 'Entwürfe im Editor').waitFor();
    await checkA11y(page, 'drafts (none yet)');

    // Start: a missing title is refused, with the form as typed.
    await page.getByLabel('Kennung').fill('sperrmuell');
    await button(page, 'Leeren Entwurf anlegen').click();
    await page.getByRole('alert', { name: 'Es gibt ein Problem' }).waitFor();
    await checkA11y(page, 'start refused');
    await page.getByLabel('Titel der Leistung').fill('Sperrmüll anmelden');
    await button(page, 'Leeren Entwurf anlegen').click();
    await heading(page, 'Entwurf: Sperrmüll anmelden').waitFor();
    await page.locator('#probleme-liste').waitFor();
    await checkA11y(page, 'draft with problems');
    const draftUrl = page.url().split('?')[0]!;

    // Step one, with a text field whose settings are edited.
    await page.getByLabel('Titel des neuen Schritts').fill('Gegenstände');
    await button(page, 'Schritt hinzufügen').click();
    await heading(page, 'Schritt: Gegenstände').waitFor();
    await checkA11y(page, 'step (no fields)');
    await page.getByLabel('Art des Felds').selectOption('text');
    await page.getByLabel('Bezeichnung').fill('Was möchten Sie abholen lassen?');
    await button(page, 'Feld hinzufügen').click();
    await heading(page, /^Feld: Was möchten Sie abholen lassen\?/).waitFor();
    await checkA11y(page, 'text field');
    await page.locator('#in-label-en').fill('What should be collected?');
    await page.getByLabel('Pflichtfeld', { exact: true }).check();
    await page.getByLabel('Höchstlänge').fill('viele');
    await button(page, 'Speichern').click();
    await page.getByRole('alert', { name: 'Es gibt ein Problem' }).waitFor();
    assert.ok((await page.title()).startsWith('Fehler:'));
    await checkA11y(page, 'field settings refused');
    await page.getByLabel('Höchstlänge').fill('200');
    await button(page, 'Speichern').click();
    await page.getByText('Gespeichert.').waitFor();
    await checkA11y(page, 'field saved');

    // A repeating group with an item field, on the same step.
    await page.getByRole('link', { name: 'Zurück zum Schritt „Gegenstände“' }).click();
    await checkA11y(page, 'step with a field');
    await page.getByLabel('Art des Felds').selectOption('group');
    await page.getByLabel('Bezeichnung').fill('Großgeräte');
    await button(page, 'Feld hinzufügen').click();
    await heading(page, /^Feld: Großgeräte/).waitFor();
    await page.getByRole('heading', { name: 'Felder eines Eintrags' }).waitFor();
    await checkA11y(page, 'group field with its items');
    await page.locator('#in-itemLabel-de').fill('Gerät');
    await button(page, 'Speichern').click();
    await page.getByText('Gespeichert.').waitFor();

    // Step two, with a yes/no question; then the step order is changed by buttons and back.
    await page.goto(draftUrl);
    await page.getByLabel('Titel des neuen Schritts').fill('Termin');
    await button(page, 'Schritt hinzufügen').click();
    await heading(page, 'Schritt: Termin').waitFor();
    await page.getByLabel('Art des Felds').selectOption('yesno');
    await page.getByLabel('Bezeichnung').fill('Ist der Zugang ebenerdig?');
    await button(page, 'Feld hinzufügen').click();
    await heading(page, /^Feld: Ist der Zugang ebenerdig\?/).waitFor();
    await page.goto(draftUrl);
    await button(page, 'Nach oben: Termin').click();
    await page.getByText('Gespeichert.').waitFor();
    assert.deepEqual(await page.locator('#schritt-liste > li a').allTextContents(), [
      'Termin',
      'Gegenstände',
    ]);
    await checkA11y(page, 'draft after moving a step');
    await button(page, 'Nach unten: Termin').click();
    await page.getByText('Gespeichert.').waitFor();

    // The start page: the office is still missing (the problem links there).
    await page.locator('#probleme-liste a[href$="#in-officeName-de"]').click();
    await heading(page, 'Startseite und Angaben').waitFor();
    await checkA11y(page, 'start page and details');
    await page.locator('#in-officeName-de').fill('Abfallwirtschaft');
    await page.locator('#in-title-en').fill('Book a bulky waste collection');
    await button(page, 'Speichern').click();
    await page.getByText('Gespeichert.').waitFor();

    // The code view: a refusal with its JSON pointer; the text typed stays.
    await page.goto(`${draftUrl}/code`);
    await heading(page, 'Code-Ansicht').waitFor();
    await checkA11y(page, 'code view');
    const json = await page.locator('#in-code').inputValue();
    await page.locator('#in-code').fill(json.replace('"steps": [', '"steps": 7, "x": ['));
    await button(page, 'JSON speichern').click();
    await page.getByRole('alert', { name: 'Es gibt ein Problem' }).waitFor();
    await checkA11y(page, 'code view refused');

    // A second tab saves first: this one's change is refused and says by whom.
    const stale = await env.newPage(false);
    await stale.context().addCookies(await page.context().cookies());
    await stale.goto(draftUrl);
    await page.goto(draftUrl);
    await page.getByLabel('Titel des neuen Schritts').fill('Zusatz');
    await button(page, 'Schritt hinzufügen').click();
    await heading(page, 'Schritt: Zusatz').waitFor();
    await stale.getByLabel('Titel des neuen Schritts').fill('Veraltet');
    await button(stale, 'Schritt hinzufügen').click();
    await heading(stale, 'Jemand anderes hat den Entwurf geändert').waitFor();
    await checkA11y(stale, 'conflict');
    await page.getByLabel('Bezeichnung').fill('Notiz');
    await button(page, 'Feld hinzufügen').click();
    await heading(page, /^Feld: Notiz/).waitFor();
    // A rule typed as JSON is said in words above it, with the question's label (ADR 0046).
    await page.locator('#in-showIf').fill('{"==": [{"var": "istDerZugangEbenerdig"}, false]}');
    await button(page, 'Speichern').click();
    await page.getByText('Gespeichert.').waitFor();
    assert.equal(
      await page.locator('#rule-words-showIf').textContent(),
      'In Worten: Zeige Notiz, wenn Ist der Zugang ebenerdig? = Nein',
    );
    await checkA11y(page, 'field with its rule in words');
    await page.goto(draftUrl);
    await button(page, 'Entfernen: Zusatz').click();
    await heading(page, 'Schritt „Zusatz“ entfernen?').waitFor();
    await checkA11y(page, 'removal to confirm');
    await button(page, 'Endgültig entfernen').click();
    await page.getByText('Gespeichert.').waitFor();

    // No problems left: hand over, preview, publish.
    await page.locator('#keine-probleme').waitFor();
    await checkA11y(page, 'draft without problems');
    await button(page, 'Zur Vorschau und Veröffentlichung').click();
    await heading(page, 'Hochgeladen: Sperrmüll anmelden').waitFor();
    await page.getByText('Entwurf aus dem Editor').waitFor();
    await checkA11y(page, 'handed over');
    await page.getByRole('link', { name: 'Vorschau Schritt für Schritt' }).click();
    await heading(page, 'Gegenstände').waitFor();
    await page.getByText('Vorschau – nicht veröffentlicht').waitFor();
    await checkA11y(page, 'preview of the built service');
    await page.goBack();
    await page.getByRole('link', { name: 'Veröffentlichen …' }).click();
    await heading(page, 'Veröffentlichen: Sperrmüll anmelden').waitFor();
    await checkA11y(page, 'publish confirmation');
    await button(page, 'Veröffentlichen').click();
    await page.getByText('Veröffentlicht als Version 1.').waitFor();

    const citizen = await env.newPage(false);
    await citizen.goto('/musterstadt/sperrmuell');
    await heading(citizen, 'Sperrmüll anmelden').waitFor();

    // English: the editor's texts are translated.
    await page.goto(`/sprache/en?zurueck=${encodeURIComponent(draftUrl.replace(/^https?:\/\/[^/]+/, ''))}`);
    await heading(page, 'Draft: Book a bulky waste collection').waitFor();
    await checkA11y(page, 'draft in English');
  });
});
