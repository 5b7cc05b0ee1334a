/**
 * The FIT-Connect channel in the Verwaltung in a real browser, with and without JavaScript, with
 * axe-core (WCAG 2.1 A/AA) on every page state (ADR 0042): the setting refused with a clear error,
 * then saved; a delivery to the test's receiving side; a wrong client secret shown on Zustellung.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { publishService } from '../../src/core/publishing.ts';
import { checkA11y } from '../support/browser.ts';
import { type BrowserApp, useBrowserApp } from '../support/browser-app.ts';
import { browserStaffLogin } from '../support/browser-staff-login.ts';
import { FitConnectReceiver } from '../support/fit-connect-receiver.ts';
import { HttpClient } from '../support/http-client.ts';
import { pdf, UPLOAD_SERVICE } from '../support/upload-files.ts';

const heading = (page: Page, name: string | RegExp, level = 1) => page.getByRole('heading', { level, name });
const SECTION = 'Zustellung über FIT-Connect (Zustellpunkt)';
const DESTINATION_ID = '879ee109-a690-4db8-ab32-424284184d7d';

describe('FIT-Connect delivery in the browser', () => {
  const env: BrowserApp = useBrowserApp();
  const receiver = new FitConnectReceiver({
    clientId: 'musterstadt-onlinedienst',
    clientSecret: 'das-client-secret-der-gemeinde',
    destinationId: DESTINATION_ID,
  });
  before(() => receiver.start());
  after(() => receiver.stop());

  for (const javaScript of [false, true]) {
    test(`an admin sets up FIT-Connect and sees a wrong secret on Zustellung (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const t = env.testApp;
      const tenant = (await t.app.store.tenants.bySlug('musterstadt'))!;
      const id = `fit-connect-${javaScript ? 'js' : 'nojs'}`;
      const outcome = await publishService({ store: t.app.store, clock: t.app.clock }, tenant.id, {
        ...UPLOAD_SERVICE,
        id,
        leikaKey: '99102013002000',
      });
      assert.ok(outcome.ok, JSON.stringify(outcome));
      const service = (await t.app.store.services.latestBySlug(tenant.id, id))!;

      const credential = t.credentials.find((c) => c.tenant === 'musterstadt' && c.role === 'admin')!;
      const page = await env.newPage(javaScript);
      await browserStaffLogin(page, env.testApp, credential);
      await heading(page, 'Mitarbeitendenkonten').waitFor();

      await page.goto(`/staff/admin/leistungen/${service.serviceId}`);
      const fill = async (secret: string, destination: string) => {
        const form = page.getByRole('region', { name: SECTION });
        await form.getByRole('checkbox', { name: 'Anträge über FIT-Connect zustellen' }).check();
        await form.getByLabel('Adresse (URL) des Token-Dienstes').fill(`${receiver.url}/token`);
        await form.getByLabel('Client-ID').fill('musterstadt-onlinedienst');
        await form.getByLabel('Client-Secret').fill(secret);
        await form.getByLabel('Zustellpunkt-ID (Destination-ID)').fill(destination);
        await form.getByLabel('Adresse (URL) für das Abfragen des Zustellpunkts').fill(receiver.url);
        await form.getByLabel('Adresse (URL) der Submission-API').fill(receiver.url);
        await form.getByRole('button', { name: 'Einstellung speichern' }).click();
      };
      await fill('das-client-secret-der-gemeinde', 'keine-uuid');
      await page.getByRole('alert', { name: 'Es gibt ein Problem' }).waitFor();
      await checkA11y(page, 'FIT-Connect refused: the destination id is no UUID');

      await fill('ein-falsches-secret', DESTINATION_ID);
      await page.getByText('Die Einstellung wurde gespeichert.').waitFor();
      await checkA11y(page, 'FIT-Connect saved');
      const summary = await page.getByRole('region', { name: SECTION }).textContent();
      assert.doesNotMatch(summary ?? '', /ein-falsches-secret/, 'the secret is not shown back');

      // The citizen's side is not this test's subject: the application goes in over HTTP.
      const citizen = new HttpClient(t.app.server);
      const base = `/musterstadt/${id}`;
      await citizen.submit(await citizen.get(base), /Jetzt starten/);
      const next = await citizen.submit(
        await citizen.get(`${base}/schritt/nachweis`),
        'Weiter',
        { name: 'Browser' },
        [{ field: 'nachweis', name: 'Nachweis.pdf', content: pdf() }],
      );
      const done = await citizen.submit(await citizen.visit(next.location!), 'Antrag verbindlich absenden', {
        erklaerung: 'ja',
      });
      assert.equal(done.status, 303);
      const arrivedBefore = receiver.received.length;
      await t.app.deliveries.runOnce('browser-test');
      assert.equal(receiver.received.length, arrivedBefore, 'nothing arrived with the wrong secret');

      await page.getByRole('link', { name: 'Zustellung' }).click();
      await heading(page, 'Zustellung: Probleme').waitFor();
      await page
        .getByRole('cell', { name: /invalid_client – check client id and secret/ })
        .first()
        .waitFor();
      await checkA11y(page, 'a FIT-Connect delivery refused by the token service');

      await page.goto(`/staff/admin/leistungen/${service.serviceId}`);
      await fill('das-client-secret-der-gemeinde', DESTINATION_ID);
      await page.getByText('Die Einstellung wurde gespeichert.').waitFor();
      await page.getByRole('link', { name: 'Zustellung' }).click();
      await page
        .getByRole('button', { name: /Erneut senden: .* \(FIT-Connect\)/ })
        .first()
        .click();
      await page.getByText('Die Zustellung wird jetzt erneut versucht.').waitFor();
      await checkA11y(page, 'FIT-Connect delivery sent again');
      await t.app.deliveries.runOnce('browser-test');
      assert.equal(receiver.received.length, arrivedBefore + 1, 'delivered once the secret is right');
      await page.reload();
      await page.getByText('Es gibt keine Zustellprobleme.').waitFor();
    });
  }
});
