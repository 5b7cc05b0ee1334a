/**
 * The Verwaltung's API keys (ADR 0041) in a real browser, with and without JavaScript, and
 * axe-core (WCAG 2.1 A/AA) on every page state: no keys yet, a refused form, a new key shown once,
 * the list after it, and a revoked key. The key shown is the one the pull API accepts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { checkA11y } from '../support/browser.ts';
import { type BrowserApp, useBrowserApp } from '../support/browser-app.ts';
import { browserStaffLogin } from '../support/browser-staff-login.ts';
import { publishFixture } from '../support/fixture.ts';

const heading = (page: Page, name: string | RegExp, level = 1) => page.getByRole('heading', { level, name });

describe('API keys in the browser', () => {
  const env: BrowserApp = useBrowserApp();

  for (const javaScript of [false, true]) {
    test(`an admin creates, uses and revokes a key (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const t = env.testApp;
      const tenantSlug = javaScript ? 'beispielhausen' : 'musterstadt';
      await publishFixture(t, tenantSlug);
      const credential = t.credentials.find((c) => c.tenant === tenantSlug && c.role === 'admin')!;
      const page = await env.newPage(javaScript);
      await browserStaffLogin(page, env.testApp, credential);
      await heading(page, 'Mitarbeitendenkonten').waitFor();

      await page.getByRole('link', { name: 'API-Schlüssel' }).click();
      await heading(page, 'API-Schlüssel für Fachverfahren').waitFor();
      await page.getByText('Es gibt noch keine API-Schlüssel.').waitFor();
      await checkA11y(page, 'no keys yet');

      await page.getByRole('button', { name: 'Schlüssel erstellen' }).click();
      await page.getByRole('alert', { name: 'Es gibt ein Problem' }).waitFor();
      await checkA11y(page, 'refused: no name');

      await page.getByLabel('Bezeichnung').fill('Fachverfahren Test');
      await page.getByLabel('Gilt für').selectOption({ label: 'Testantrag' });
      await page.getByRole('button', { name: 'Schlüssel erstellen' }).click();
      await page.getByText('Neuer Schlüssel „Fachverfahren Test“').waitFor();
      const key = (await page.locator('#new-key').textContent())!;
      assert.match(key, /^amtsweg_[A-Za-z0-9_-]{43}$/);
      await checkA11y(page, 'new key shown once');
      const answer = await t.app.server.inject({
        method: 'GET',
        url: '/api/v1/submissions',
        headers: { authorization: `Bearer ${key}` },
      });
      assert.equal(answer.statusCode, 200);

      await page.reload();
      await heading(page, 'API-Schlüssel für Fachverfahren').waitFor();
      assert.equal(await page.locator('#new-key').count(), 0, 'not shown again');
      await page.getByRole('cell', { name: 'Fachverfahren Test', exact: true }).waitFor();
      await page.getByRole('cell', { name: 'Testantrag', exact: true }).waitFor();
      await checkA11y(page, 'list with a key');

      await page.getByRole('button', { name: 'Widerrufen: Fachverfahren Test' }).click();
      await page.getByText('Der Schlüssel ist widerrufen.').waitFor();
      await page.getByText(/Widerrufen am/).waitFor();
      await checkA11y(page, 'key revoked');
      const refused = await t.app.server.inject({
        method: 'GET',
        url: '/api/v1/submissions',
        headers: { authorization: `Bearer ${key}` },
      });
      assert.equal(refused.statusCode, 401);
    });
  }
});
