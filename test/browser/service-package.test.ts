/**
 * Service packages in a real browser (Debian's Chromium), with axe-core (WCAG 2.1 A/AA) on every
 * page state, with and without JavaScript (ADR 0051): Musterstadt downloads a version of its demo
 * service as a package from the service's page; Beispielhausen opens the import page, sends a
 * changed package (refused: the error summary and the problems table), then the real one, and lands
 * on the editor draft that names where it came from.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { readPackage } from '../../src/core/service-package.ts';
import { checkA11y } from '../support/browser.ts';
import { type BrowserApp, useBrowserApp } from '../support/browser-app.ts';
import { browserStaffLogin } from '../support/browser-staff-login.ts';

describe('service packages in the browser', () => {
  const env: BrowserApp = useBrowserApp();

  async function signIn(javaScript: boolean, tenant: string): Promise<Page> {
    const credential = env.testApp.credentials.find((c) => c.tenant === tenant && c.role === 'designer');
    assert.ok(credential, `demo designer of ${tenant}`);
    const page = await env.newPage(javaScript);
    await browserStaffLogin(page, env.testApp, credential);
    await page.getByRole('heading', { level: 1, name: 'Leistungen gestalten' }).waitFor();
    return page;
  }

  for (const javaScript of [false, true]) {
    const mode = javaScript ? 'with JavaScript' : 'without JavaScript';

    test(`export link and import form with an error state, ${mode}`, async () => {
      const ms = await signIn(javaScript, 'musterstadt');
      await ms.goto('/staff/design/leistungen/hund-anmelden');
      const link = ms.getByRole('link', { name: 'Version 1 als Paket herunterladen' });
      await link.waitFor();
      await checkA11y(ms, `service page with the package link, ${mode}`);
      const [download] = await Promise.all([ms.waitForEvent('download'), link.click()]);
      assert.equal(download.suggestedFilename(), 'musterstadt-hund-anmelden-v1.amtsweg.json');
      const text = readFileSync((await download.path())!, 'utf8');
      const read = readPackage(Buffer.from(text));
      assert.ok(read.ok, JSON.stringify(!read.ok && read.refusal));

      const bh = await signIn(javaScript, 'beispielhausen');
      await bh.getByRole('link', { name: 'Paket importieren' }).click();
      await bh.getByRole('heading', { level: 1, name: 'Paket importieren' }).waitFor();
      await checkA11y(bh, `import form, ${mode}`);

      const changed = JSON.parse(text);
      changed.definition.title.de = 'Katze anmelden';
      await bh.getByLabel('Paketdatei').setInputFiles({
        name: 'geaendert.amtsweg.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(changed)),
      });
      await bh.getByRole('button', { name: 'Paket prüfen und als Entwurf anlegen' }).click();
      const summary = bh.getByRole('alert', { name: 'Es gibt ein Problem' });
      await summary.getByText(/Prüfsumme stimmt nicht/).waitFor();
      assert.match(String(await bh.locator('#package-problems').textContent()), /\/contentHash/);
      await checkA11y(bh, `import refused (hash mismatch), ${mode}`);

      await bh.getByLabel('Paketdatei').setInputFiles({
        name: 'musterstadt-hund-anmelden-v1.amtsweg.json',
        mimeType: 'application/json',
        buffer: Buffer.from(text),
      });
      await bh.getByRole('button', { name: 'Paket prüfen und als Entwurf anlegen' }).click();
      await bh
        .locator('#gestartet-aus')
        .getByText(/Aus einem Paket importiert/)
        .waitFor();
      assert.match(String(await bh.locator('#gestartet-aus').textContent()), /Musterstadt/);
      await checkA11y(bh, `draft from a package, ${mode}`);
    });
  }
});
