/**
 * The rule builder in a real browser (Debian's Chromium), without and with JavaScript, axe-core
 * (WCAG 2.1 A/AA) on every page state: a designer builds "Zeige Sachkundenachweis, wenn
 * Listenhund = Ja" with pickers — choosing, refusing, adding and removing rows — previews the
 * draft and sees the question only when the condition holds.
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

describe('the rule builder in the browser', { timeout: 180_000 }, () => {
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

  /** A draft with "Listenhund" on step one and "Name des Hundes", "Sachkundenachweis" on step two. */
  async function buildDraft(page: Page, slug: string): Promise<{ draftUrl: string; fieldUrl: string }> {
    await page.goto('/staff/design/entwuerfe');
    await page.getByLabel('Titel der Leistung').fill('Hund halten');
    await page.getByLabel('Kennung').fill(slug);
    await button(page, 'Leeren Entwurf anlegen').click();
    await heading(page, 'Entwurf: Hund halten').waitFor();
    const draftUrl = page.url().split('?')[0]!;
    await page.goto(`${draftUrl}/startseite`);
    await page.locator('#in-officeName-de').fill('Ordnungsamt');
    await button(page, 'Speichern').click();
    await saved(page);
    for (const [title, fields] of [
      ['Hund', [['yesno', 'Listenhund']]],
      [
        'Nachweis',
        [
          ['text', 'Name des Hundes'],
          ['text', 'Sachkundenachweis'],
        ],
      ],
    ] as const) {
      await page.goto(draftUrl);
      await page.getByLabel('Titel des neuen Schritts').fill(title);
      await button(page, 'Schritt hinzufügen').click();
      await heading(page, `Schritt: ${title}`).waitFor();
      for (const [type, label] of fields) {
        const stepUrl = page.url().split('?')[0]!;
        await page.getByLabel('Art des Felds').selectOption(type);
        await page.getByLabel('Bezeichnung').fill(label);
        await button(page, 'Feld hinzufügen').click();
        await heading(page, new RegExp(`^Feld: ${label}`)).waitFor();
        if (label !== fields[fields.length - 1]![1]) await page.goto(stepUrl);
      }
    }
    return { draftUrl, fieldUrl: page.url().split('?')[0]! };
  }

  /** Hands the draft over and walks the preview: is "Sachkundenachweis" asked after this answer? */
  async function previewAsks(page: Page, draftUrl: string, listenhund: 'Ja' | 'Nein'): Promise<boolean> {
    await page.goto(draftUrl);
    await page.locator('#keine-probleme').waitFor();
    await button(page, 'Zur Vorschau und Veröffentlichung').click();
    await heading(page, 'Hochgeladen: Hund halten').waitFor();
    await page.getByRole('link', { name: 'Vorschau Schritt für Schritt' }).click();
    await heading(page, 'Hund').waitFor();
    await page.getByText('Vorschau – nicht veröffentlicht').waitFor();
    await page
      .getByRole('group', { name: /Listenhund/ })
      .getByLabel(listenhund)
      .check();
    await checkA11y(page, `preview: step one, Listenhund ${listenhund}`);
    await button(page, 'Weiter').click();
    await heading(page, 'Nachweis').waitFor();
    await page.getByLabel('Name des Hundes').waitFor();
    await checkA11y(page, `preview: step two after Listenhund ${listenhund}`);
    return (await page.getByLabel('Sachkundenachweis').count()) > 0;
  }

  test('without JavaScript: build the condition with pickers, see it in words, preview it', async () => {
    const page = await signIn(false);
    const { draftUrl, fieldUrl } = await buildDraft(page, 'hund-halten-ohne-js');
    assert.equal(await previewAsks(page, draftUrl, 'Nein'), true, 'without a condition it is always asked');

    await page.goto(fieldUrl);
    await page.getByRole('link', { name: 'Anzeigebedingung mit Auswahlfeldern bearbeiten' }).click();
    await heading(page, 'Anzeigebedingung: Sachkundenachweis').waitFor();
    await checkA11y(page, 'rule page, no condition yet');
    // Only answers before the field: Listenhund and the name on the same step, not the field itself.
    assert.deepEqual(await page.getByLabel('Feld', { exact: true }).locator('option').allTextContents(), [
      '– bitte wählen –',
      'Listenhund',
      'Name des Hundes',
    ]);

    // Saved without a value: the row says what is missing, nothing is saved.
    await page.getByLabel('Feld', { exact: true }).selectOption({ label: 'Listenhund' });
    await button(page, 'Auswahl aktualisieren').click();
    await page
      .getByLabel('Vergleich')
      .locator('option', { hasText: 'ist Ja' })
      .waitFor({ state: 'attached' });
    await checkA11y(page, 'rule page, field chosen');
    await page.getByLabel('Vergleich').selectOption({ label: 'ist gleich (=)' });
    await button(page, 'Bedingung speichern').click();
    await page.getByRole('alert', { name: 'Es gibt ein Problem' }).waitFor();
    assert.ok((await page.title()).startsWith('Fehler:'));
    await checkA11y(page, 'rule page, value missing');
    await page.getByLabel('Wert').selectOption({ label: 'Ja' });

    // Rows and groups come and go without saving and without losing the first row.
    await button(page, 'Gruppe hinzufügen').click();
    await page.getByRole('group', { name: 'Gruppe 2', exact: true }).waitFor();
    await checkA11y(page, 'rule page, with a group');
    await button(page, 'Gruppe 2 entfernen').click();
    await page.getByRole('group', { name: 'Gruppe 2', exact: true }).waitFor({ state: 'detached' });
    assert.equal(await page.getByLabel('Wert').inputValue(), 'ja', 'the first row kept');

    await button(page, 'Bedingung speichern').click();
    await saved(page);
    assert.equal(
      await page.locator('#rule-words').textContent(),
      'In Worten: Zeige Sachkundenachweis, wenn Listenhund = Ja',
    );
    await checkA11y(page, 'rule page, saved');
    await page.getByRole('link', { name: 'Zurück zu „Sachkundenachweis“' }).click();
    assert.equal(
      await page.locator('#rule-words-showIf').textContent(),
      'In Worten: Zeige Sachkundenachweis, wenn Listenhund = Ja',
    );

    assert.equal(await previewAsks(page, draftUrl, 'Nein'), false, 'not asked when the condition fails');
    assert.equal(await previewAsks(page, draftUrl, 'Ja'), true, 'asked when it holds');
  });

  test('with JavaScript: choosing a field updates the row in place, then the same condition', async () => {
    const page = await signIn(true);
    const { draftUrl, fieldUrl } = await buildDraft(page, 'hund-halten-mit-js');
    await page.goto(fieldUrl);
    await page.getByRole('link', { name: 'Anzeigebedingung mit Auswahlfeldern bearbeiten' }).click();
    await heading(page, 'Anzeigebedingung: Sachkundenachweis').waitFor();
    await checkA11y(page, 'JS on: rule page');
    const url = page.url();
    const field = page.getByLabel('Feld', { exact: true });
    await field.evaluate((el) => el.setAttribute('data-probe', 'kept'));
    await field.focus();
    await field.selectOption({ label: 'Listenhund' });
    await page
      .getByLabel('Vergleich')
      .locator('option', { hasText: 'ist Ja' })
      .waitFor({ state: 'attached' });
    assert.equal(page.url(), url, 'the page was not left');
    assert.equal(await page.evaluate('document.activeElement && document.activeElement.id'), 'in-b-0-feld');
    assert.equal(await field.getAttribute('data-probe'), 'kept', 'the control in use is not replaced');
    await checkA11y(page, 'JS on: row updated in place');
    await page.getByLabel('Vergleich').selectOption({ label: 'ist gleich (=)' });
    await page.getByLabel('Wert').waitFor();
    await page.getByLabel('Wert').selectOption({ label: 'Ja' });
    await checkA11y(page, 'JS on: value chosen');
    await button(page, 'Bedingung speichern').click();
    await saved(page);
    assert.equal(
      await page.locator('#rule-words').textContent(),
      'In Worten: Zeige Sachkundenachweis, wenn Listenhund = Ja',
    );
    await checkA11y(page, 'JS on: saved');
    assert.equal(await previewAsks(page, draftUrl, 'Nein'), false);
    assert.equal(await previewAsks(page, draftUrl, 'Ja'), true);
  });
});
