/**
 * Delivery in the Verwaltung in a real browser with JavaScript DISABLED and axe-core (WCAG 2.1
 * A/AA) on every page state (ADR 0034): a service's delivery settings (refused, then saved), the
 * Postausgang with a mail of the built-in sink, and Zustellung with a failed delivery sent again.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { checkA11y } from '../support/browser.ts';
import { type BrowserApp, useBrowserApp } from '../support/browser-app.ts';
import { browserStaffLogin } from '../support/browser-staff-login.ts';
import { FIXTURE_SERVICE, publishFixture, submitFixtureDirectly } from '../support/fixture.ts';

const heading = (page: Page, name: string | RegExp, level = 1) => page.getByRole('heading', { level, name });

describe('delivery pages in the browser', () => {
  const env: BrowserApp = useBrowserApp();

  test('an admin sets up delivery, reads the Postausgang and sends a failed delivery again', async () => {
    const t = env.testApp;
    await publishFixture(t);
    let status = 400;
    const receiver = createServer((request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(status).end());
    }).listen(0, '127.0.0.1');
    await once(receiver, 'listening');
    try {
      const credential = t.credentials.find((c) => c.tenant === 'musterstadt' && c.role === 'admin')!;
      const page = await env.newPage(false);
      await browserStaffLogin(page, env.testApp, credential);
      await heading(page, 'Mitarbeitendenkonten').waitFor();

      const tenant = (await t.app.store.tenants.bySlug('musterstadt'))!;
      const service = (await t.app.store.services.latestBySlug(tenant.id, FIXTURE_SERVICE))!;
      await page.goto(`/staff/admin/leistungen/${service.serviceId}`);
      const webhook = page.getByRole('region', { name: 'Zustellung an ein Fachverfahren (Webhook)' });
      await webhook.getByRole('checkbox', { name: 'Anträge an das Fachverfahren senden' }).check();
      await webhook.getByRole('button', { name: 'Einstellung speichern' }).click();
      await page.getByRole('alert', { name: 'Es gibt ein Problem' }).waitFor();
      await checkA11y(page, 'webhook refused: no URL, no secret');

      const { port } = receiver.address() as AddressInfo;
      const form = page.getByRole('region', { name: 'Zustellung an ein Fachverfahren (Webhook)' });
      await form.getByLabel('Adresse (URL) des Fachverfahrens').fill(`http://127.0.0.1:${port}/eingang`);
      await form
        .getByLabel('Gemeinsames Geheimnis für die Signatur')
        .fill('ein-geheimnis-das-lang-genug-ist-0123456789');
      await form.getByRole('checkbox', { name: 'Anträge an das Fachverfahren senden' }).check();
      await form.getByRole('button', { name: 'Einstellung speichern' }).click();
      await page.getByText('Die Einstellung wurde gespeichert.').waitFor();
      const email = page.getByRole('region', { name: 'Zustellung per E-Mail' });
      await email.getByRole('checkbox', { name: 'Anträge per E-Mail melden' }).check();
      await email
        .getByLabel('E-Mail-Adresse der zuständigen Stelle')
        .fill('buergerbuero@musterstadt.example');
      await email.getByRole('button', { name: 'Einstellung speichern' }).click();
      await page.getByText('Die Einstellung wurde gespeichert.').waitFor();
      await checkA11y(page, 'delivery settings saved');

      const submission = await submitFixtureDirectly(t, 'Browser');
      await t.app.deliveries.runOnce('browser-test');

      await page.getByRole('link', { name: 'Postausgang' }).click();
      await heading(page, 'Postausgang: Gesendete E-Mails').waitFor();
      await checkA11y(page, 'Postausgang');
      await page.getByRole('link', { name: new RegExp(submission.reference) }).click();
      await page.getByText(`Aktenzeichen: ${submission.reference}`).first().waitFor();
      await checkA11y(page, 'one mail');

      await page.getByRole('link', { name: 'Zustellung' }).click();
      await heading(page, 'Zustellung: Probleme').waitFor();
      await page.getByRole('cell', { name: /HTTP 400/ }).waitFor();
      await checkA11y(page, 'a failed delivery');
      status = 204;
      await page.getByRole('button', { name: new RegExp(`Erneut senden: ${submission.reference}`) }).click();
      await page.getByText('Die Zustellung wird jetzt erneut versucht.').waitFor();
      await checkA11y(page, 'sent again');
      await t.app.deliveries.runOnce('browser-test');
      await page.reload();
      await page.getByText('Es gibt keine Zustellprobleme.').waitFor();
      await checkA11y(page, 'no problems');
      assert.equal(
        (await t.app.store.deliveries.ofSubmission(tenant.id, submission.id)).every(
          (d) => d.state === 'delivered',
        ),
        true,
      );
    } finally {
      receiver.close();
    }
  });
});
