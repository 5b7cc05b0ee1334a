/**
 * Federation (ADR 0054) in a real browser, with and without JavaScript, and axe-core (WCAG 2.1
 * A/AA) on every page state: the Verbund page without subscriptions, a refused subscription, the
 * subscribed feed with its report, and the catalog's section and entry page of a service from
 * another installation. The installation subscribes to its own feed over loopback: the pages are
 * the same as for another installation's.
 */

import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { checkA11y } from '../support/browser.ts';
import { type BrowserApp, useBrowserApp } from '../support/browser-app.ts';
import { browserStaffLogin } from '../support/browser-staff-login.ts';

const heading = (page: Page, name: string | RegExp, level = 1) => page.getByRole('heading', { level, name });

describe('federation in the browser', () => {
  const env: BrowserApp = useBrowserApp({
    env: () => ({
      AMTSWEG_INSTANCE_NAME: 'Amtsweg Test',
      AMTSWEG_FEDERATION_ADMINS: 'musterstadt',
      AMTSWEG_FEDERATION_ALLOW_PRIVATE: 'on',
    }),
  });

  async function login(page: Page, tenant: string, role: 'admin' | 'designer') {
    const credential = env.testApp.credentials.find((c) => c.tenant === tenant && c.role === role)!;
    await browserStaffLogin(page, env.testApp, credential);
  }

  for (const javaScript of [false, true]) {
    test(`an admin subscribes, a designer finds the remote service (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const page = await env.newPage(javaScript);
      await login(page, 'musterstadt', 'admin');
      await heading(page, 'Mitarbeitendenkonten').waitFor();
      await page.getByRole('link', { name: 'Verbund' }).click();
      await heading(page, 'Verbund mit anderen Installationen').waitFor();
      await checkA11y(page, 'Verbund page');
      const feed = (await page.locator('#eigener-feed').textContent())!.trim();
      const kid = (await page.locator('#eigener-schluessel').textContent())!.trim();

      await page.getByLabel('Feed-Adresse').fill(feed);
      await page.getByLabel('Schlüssel-Fingerabdruck').fill('A'.repeat(43));
      await page.getByRole('button', { name: 'Abonnieren und synchronisieren' }).click();
      await page.getByRole('alert', { name: 'Es gibt ein Problem' }).waitFor();
      await checkA11y(page, 'refused: a key the feed does not publish');

      if (!javaScript) {
        await page.getByLabel('Schlüssel-Fingerabdruck').fill(kid);
        await page.getByRole('button', { name: 'Abonnieren und synchronisieren' }).click();
        await page.getByText('Der Feed wurde abonniert und synchronisiert.').waitFor();
      } else {
        await page.goto('/staff/admin/verbund');
        await page.getByRole('button', { name: 'Jetzt synchronisieren für Amtsweg Test' }).click();
        await page.getByText('Die Synchronisierung lief.').waitFor();
      }
      await page.getByText(/In Ordnung: \d+ Versionen übernommen/).waitFor();
      await checkA11y(page, 'subscribed feed with its report');

      const designer = await env.newPage(javaScript);
      await login(designer, 'beispielhausen', 'designer');
      await designer.goto('/staff/design/katalog?q=hund');
      await heading(designer, 'Aus anderen Installationen', 2).waitFor();
      await checkA11y(designer, 'catalog with services of other installations');
      await designer
        .locator('#katalog-andere')
        .getByRole('link', { name: /Hund anmelden/ })
        .click();
      await designer.locator('#installation').getByText('Amtsweg Test').waitFor();
      await checkA11y(designer, 'entry of another installation');
    });
  }
});
