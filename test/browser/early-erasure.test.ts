/**
 * Deletion deadlines and early deletion in a real browser, with and without JavaScript, with
 * axe-core (WCAG 2.1 A/AA) on every page state (ADR 0039): a service's Löschfristen saved, the
 * admin's search by reference number (empty, then found), the confirmation refused without a
 * reason, and the application deleted.
 */
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { checkA11y } from '../support/browser.ts';
import { type BrowserApp, useBrowserApp } from '../support/browser-app.ts';
import { browserStaffLogin } from '../support/browser-staff-login.ts';
import { FIXTURE_SERVICE, publishFixture, submitFixtureDirectly } from '../support/fixture.ts';

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

describe('deleting applications in the browser', () => {
  const env: BrowserApp = useBrowserApp();

  for (const javaScript of [false, true]) {
    test(`an admin sets deadlines and deletes one application early (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const t = env.testApp;
      if (!javaScript) await publishFixture(t);
      const submission = await submitFixtureDirectly(t, `Browser-${javaScript}`);
      const credential = t.credentials.find((c) => c.tenant === 'musterstadt' && c.role === 'admin')!;
      const page = await env.newPage(javaScript);
      await browserStaffLogin(page, env.testApp, credential);
      await heading(page, 'Mitarbeitendenkonten').waitFor();

      const tenant = (await t.app.store.tenants.bySlug('musterstadt'))!;
      const service = (await t.app.store.services.latestBySlug(tenant.id, FIXTURE_SERVICE))!;
      await page.goto(`/staff/admin/leistungen/${service.serviceId}`);
      const deadlines = page.getByRole('region', { name: 'Löschfristen der Anträge' });
      await deadlines.getByLabel('Aufbewahrung abgeschlossener Anträge, in Tagen').fill('180');
      await deadlines.getByRole('button', { name: 'Einstellung speichern' }).click();
      await page.getByText('Die Einstellung wurde gespeichert.').waitFor();
      await checkA11y(page, 'deadlines saved');

      await page.getByRole('link', { name: 'Anträge löschen' }).click();
      await heading(page, 'Einen Antrag vorzeitig löschen').waitFor();
      await checkA11y(page, 'search');
      await page.getByRole('button', { name: 'Antrag suchen' }).click();
      await page.getByRole('alert').waitFor();
      await checkA11y(page, 'search without a reference');
      await page.getByRole('textbox', { name: 'Aktenzeichen' }).fill(submission.reference);
      await page.getByRole('button', { name: 'Antrag suchen' }).click();
      await heading(page, `Antrag ${submission.reference} löschen`).waitFor();
      await checkA11y(page, 'confirmation');
      await page.getByRole('button', { name: 'Antrag endgültig löschen' }).click();
      await page.getByRole('alert').waitFor();
      await checkA11y(page, 'confirmation without a reason');
      await page.getByRole('radio', { name: /Die Person hat die Löschung verlangt/ }).check();
      await page.getByRole('button', { name: 'Antrag endgültig löschen' }).click();
      await page.getByText('Der Antrag ist endgültig gelöscht.').waitFor();
      await checkA11y(page, 'deleted');
      await page.close();
    });
  }
});
