/**
 * Repeating groups in Chromium: adding and removing items with JavaScript off (server round trips,
 * focus on the affected item, Enter still meaning "Weiter") and on (the same, plus blur validation
 * of item fields), with axe-core on every page state: empty, error, after add, after remove.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { publishService } from '../../src/core/publishing.ts';
import { checkA11y } from '../support/browser.ts';
import { type BrowserApp, useBrowserApp } from '../support/browser-app.ts';

const BASE = '/musterstadt/kinder-angeben';
let env: BrowserApp;

async function toGroupStep(page: Page): Promise<void> {
  await page.goto(BASE);
  await page.getByRole('button', { name: 'Jetzt starten' }).click();
  await page.getByRole('radio', { name: 'Ja' }).check();
  await page.getByRole('button', { name: 'Weiter', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Ihre Kinder' }).waitFor();
}

const item = (page: Page, n: number) => page.getByRole('group', { name: `Kind ${n}` });
const itemHeadings = (page: Page) => page.locator('.aw-group-item h3').allTextContents();

async function fillChild(page: Page, n: number, vorname: string): Promise<void> {
  const child = item(page, n);
  await child.getByLabel('Vorname').fill(vorname);
  const birth = child.getByRole('group', { name: /^Geburtsdatum/ });
  await birth.getByLabel('Tag').fill('3');
  await birth.getByLabel('Monat').fill('4');
  await birth.getByLabel('Jahr').fill('2015');
  await child.getByRole('radio', { name: 'Ja' }).check();
}

describe('repeating groups in Chromium, axe on every state', { timeout: 120_000 }, () => {
  env = useBrowserApp();
  before(async () => {
    const definition: unknown = JSON.parse(
      readFileSync(join(import.meta.dirname, '..', 'fixtures', 'kinder.json'), 'utf8'),
    );
    const { store, clock } = env.testApp.app;
    const tenant = await store.tenants.bySlug('musterstadt');
    const outcome = await publishService({ store, clock }, tenant!.id, definition);
    assert.ok(outcome.ok);
  });

  test('without JavaScript: add, remove, errors per item, Enter continues, check page per item', async () => {
    const page = await env.newPage(false);
    await toGroupStep(page);
    assert.deepEqual(await itemHeadings(page), ['Kind 1']);
    await checkA11y(page, 'group step, one item');

    await page.getByRole('button', { name: 'Weiter', exact: true }).click();
    const summary = page.getByRole('alert', { name: 'Es gibt ein Problem' });
    await summary.waitFor();
    assert.ok(
      await summary.getByRole('link', { name: 'Kind 1, Vorname: Geben Sie eine Antwort ein' }).isVisible(),
    );
    assert.equal(await page.locator('#field-kinder-1-vorname').getAttribute('aria-invalid'), 'true');
    await checkA11y(page, 'group step, error state');

    await item(page, 1).getByLabel('Vorname').fill('Lena');
    await page.getByRole('button', { name: 'Weiteres Kind hinzufügen' }).click();
    await item(page, 2).waitFor();
    assert.deepEqual(await itemHeadings(page), ['Kind 1', 'Kind 2']);
    assert.equal(await item(page, 1).getByLabel('Vorname').inputValue(), 'Lena', 'typed values are kept');
    assert.equal(
      await page.evaluate(() => document.activeElement?.id),
      'kinder-2-heading',
      'focus on the new item',
    );
    await checkA11y(page, 'group step, after adding');

    // Enter in a text input means "Weiter", not "Kind 1 entfernen" (the first visible button).
    await item(page, 2).getByLabel('Vorname').fill('Tom');
    await item(page, 2).getByLabel('Vorname').press('Enter');
    await summary.waitFor();
    assert.deepEqual(await itemHeadings(page), ['Kind 1', 'Kind 2'], 'nothing was removed');
    assert.equal(await item(page, 2).getByLabel('Vorname').inputValue(), 'Tom');

    await page.getByRole('button', { name: 'Kind 1 entfernen' }).click();
    await page.getByRole('status').filter({ hasText: 'Ein Eintrag wurde entfernt' }).waitFor();
    assert.deepEqual(await itemHeadings(page), ['Kind 1']);
    assert.equal(await item(page, 1).getByLabel('Vorname').inputValue(), 'Tom', 'the later item moved up');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'kinder-1-heading');
    await checkA11y(page, 'group step, after removing');

    await fillChild(page, 1, 'Tom');
    await page.getByRole('button', { name: 'Weiter', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Prüfen Sie Ihre Angaben' }).waitFor();
    assert.ok(await page.getByRole('heading', { name: 'Kind 1' }).isVisible());
    assert.ok(await page.getByRole('link', { name: 'Ändern – Kind 1: Vorname' }).isVisible());
    await checkA11y(page, 'check page with a group');
  });

  test('with JavaScript: item fields are checked on blur with the server’s message; add still works', async () => {
    const page = await env.newPage(true);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await toGroupStep(page);
    await page.getByRole('button', { name: 'Weiteres Kind hinzufügen' }).click();
    await item(page, 2).waitFor();
    // The enhancement (a module script) listens only after "load" of the re-rendered page.
    await page.waitForLoadState('load');
    const vorname = item(page, 2).getByLabel('Vorname');
    await vorname.focus();
    await page.keyboard.press('Tab');
    const message = item(page, 2)
      .locator('.kern-error')
      .filter({ hasText: 'Kind 2, Vorname: Geben Sie eine Antwort ein' });
    await message.waitFor();
    assert.equal(await vorname.getAttribute('aria-invalid'), 'true');
    await checkA11y(page, 'group step, blur error in an item (JavaScript)');
    await vorname.fill('Mia');
    await message.waitFor({ state: 'detached' });
    assert.equal(await vorname.getAttribute('aria-invalid'), null);
    await page.getByRole('button', { name: 'Kind 2 entfernen' }).click();
    await page.getByRole('status').filter({ hasText: 'Ein Eintrag wurde entfernt' }).waitFor();
    assert.deepEqual(await itemHeadings(page), ['Kind 1']);
    await checkA11y(page, 'group step, after removing (JavaScript)');
    assert.deepEqual(errors, []);
  });
});
