/**
 * The LeiKa search on the editor's start page (ADR 0053) in a real browser (Debian's Chromium),
 * with axe-core (WCAG 2.1 A/AA) on every page state, without and with JavaScript: no catalogue
 * yet, then search, no match, too many matches, and a key taken over.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { importLeikaCatalogue } from '../../src/core/leika/catalogue.ts';
import { repoRoot } from '../support/app.ts';
import { checkA11y } from '../support/browser.ts';
import { type BrowserApp, useBrowserApp } from '../support/browser-app.ts';
import { browserStaffLogin } from '../support/browser-staff-login.ts';

const heading = (page: Page, name: string | RegExp, level = 1) => page.getByRole('heading', { level, name });
const button = (page: Page, name: string | RegExp) =>
  page.getByRole('button', { name, exact: typeof name === 'string' });

describe('the LeiKa search in the browser', () => {
  const env: BrowserApp = useBrowserApp();
  let imported = false;

  async function startPage(javaScript: boolean, slug: string): Promise<{ page: Page; url: string }> {
    const credential = env.testApp.credentials.find(
      (c) => c.tenant === 'musterstadt' && c.role === 'designer',
    );
    assert.ok(credential, 'demo designer of Musterstadt');
    const page = await env.newPage(javaScript);
    await browserStaffLogin(page, env.testApp, credential);
    await heading(page, 'Leistungen gestalten').waitFor();
    await page.goto('/staff/design/entwuerfe');
    await page.getByLabel('Titel der Leistung').fill('Hundesteuer festsetzen');
    await page.getByLabel('Kennung').fill(slug);
    await button(page, 'Leeren Entwurf anlegen').click();
    await heading(page, 'Entwurf: Hundesteuer festsetzen').waitFor();
    const url = `${page.url().split('?')[0]}/startseite`;
    await page.goto(url);
    await heading(page, 'Leistung im LeiKa suchen', 2).waitFor();
    return { page, url };
  }

  for (const javaScript of [false, true]) {
    test(`search and take over a key, ${javaScript ? 'with' : 'without'} JavaScript`, async () => {
      const { page, url } = await startPage(javaScript, `hundesteuer-${javaScript ? 'js' : 'nojs'}`);
      const label = javaScript ? 'with JS' : 'without JS';
      if (!imported) {
        await page.locator('#leika-kein-katalog').waitFor();
        await checkA11y(page, `start page, no LeiKa catalogue (${label})`);
        const outcome = await importLeikaCatalogue(
          { store: env.testApp.app.store, clock: env.testApp.app.clock },
          readFileSync(join(repoRoot, 'test', 'fixtures', 'leika', 'leika-sample.csv')),
          { replace: false },
        );
        assert.equal(outcome.kind, 'imported');
        imported = true;
        await page.goto(url);
      }
      const search = page.getByRole('searchbox', { name: 'Name, Synonym oder Anfang des Schlüssels' });
      await checkA11y(page, `start page with the LeiKa search (${label})`);
      await search.fill('xyzzy');
      await button(page, 'Suchen').click();
      await page.getByText('Keine Leistung im LeiKa gefunden für „xyzzy“.').waitFor();
      await checkA11y(page, `LeiKa search, no match (${label})`);
      await search.fill('99');
      await button(page, 'Suchen').click();
      await page.getByText(/Mehr als 20 Treffer/).waitFor();
      await checkA11y(page, `LeiKa search, more than 20 (${label})`);
      await search.fill('Hundesteuer');
      await button(page, 'Suchen').click();
      await page.getByText('3 Treffer für „Hundesteuer“.').waitFor();
      await checkA11y(page, `LeiKa search, found (${label})`);
      await button(page, 'übernehmen: 99102013002000 Hundesteuer Festsetzung').click();
      await page.getByText('Leistung im LeiKa: Hundesteuer Festsetzung').waitFor();
      assert.equal(await page.getByLabel('LeiKa-Schlüssel', { exact: true }).inputValue(), '99102013002000');
      await checkA11y(page, `start page, key taken over (${label})`);
    });
  }
});
