/**
 * The second factor's pages in Chromium (ADR 0055), with and without JavaScript: a designer's
 * forced enrolment (QR code, secret, a wrong code, the recovery codes) and the code at the next
 * login, each state checked with axe.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { totpCode } from '../../src/core/second-factor.ts';
import { checkA11y } from '../support/browser.ts';
import { type BrowserApp, useBrowserApp } from '../support/browser-app.ts';
import { addStaffAccount, currentCode, forgetUsedCode } from '../support/staff-login.ts';

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });

describe('second factor in the browser', () => {
  const env: BrowserApp = useBrowserApp();

  for (const javaScript of [false, true]) {
    test(`a designer sets up the second factor and signs in with a code (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const t = env.testApp;
      const username = `gestaltung-${javaScript ? 'js' : 'nojs'}@musterstadt`;
      const { password } = await addStaffAccount(t, username, ['designer'], 'Gina Gestaltung');
      const page = await env.newPage(javaScript);
      const signIn = async () => {
        await page.goto('/staff/login');
        await page.getByLabel('Benutzername').fill(username);
        await page.getByLabel('Passwort').fill(password);
        await page.getByRole('button', { name: 'Anmelden' }).click();
      };
      await signIn();
      await heading(page, 'Zweiten Faktor einrichten').waitFor();
      assert.equal(new URL(page.url()).pathname, '/staff/konto/zweiter-faktor');
      const qr = page.getByRole('img', { name: 'QR-Code zum Einrichten des zweiten Faktors' });
      assert.ok(
        await qr.evaluate((img) => (img as HTMLImageElement).naturalWidth > 0),
        'the QR code is drawn',
      );
      await checkA11y(page, 'enrolment');
      const secret = (await page.locator('#totp-secret').textContent())!.replace(/\s/g, '');
      const codeField = page.getByLabel('Code aus der Authenticator-App', { exact: true });

      const now = t.app.clock.now().getTime();
      const valid = new Set([-2, -1, 0, 1, 2].map((s) => totpCode(secret, new Date(now + s * 30_000))));
      const wrong = ['000000', '111111', '222222'].find((c) => !valid.has(c))!;
      await codeField.fill(wrong);
      await page.getByRole('button', { name: 'Einrichtung bestätigen' }).click();
      await page.getByRole('alert').getByText('Der Code passt nicht').waitFor();
      await checkA11y(page, 'enrolment, wrong code');

      await codeField.fill(currentCode(t, secret));
      await page.getByRole('button', { name: 'Einrichtung bestätigen' }).click();
      await heading(page, 'Ihre Wiederherstellungscodes').waitFor();
      assert.equal(await page.locator('#recovery-codes li').count(), 10);
      await checkA11y(page, 'recovery codes');
      await page.getByRole('link', { name: 'Ich habe die Codes gesichert – weiter' }).click();
      await heading(page, 'Leistungen gestalten').waitFor();

      await page.getByRole('button', { name: 'Abmelden' }).click();
      await signIn();
      await heading(page, 'Bestätigungscode eingeben').waitFor();
      await checkA11y(page, 'code');
      const field = page.getByLabel('Code aus der Authenticator-App oder Wiederherstellungscode');
      await field.fill(wrong);
      await page.getByRole('button', { name: 'Bestätigen' }).click();
      await page.getByRole('alert').getByText('Der Code ist falsch').waitFor();
      await checkA11y(page, 'code, wrong');
      await forgetUsedCode(t, username);
      await field.fill(currentCode(t, secret));
      await page.getByRole('button', { name: 'Bestätigen' }).click();
      await heading(page, 'Leistungen gestalten').waitFor();
    });
  }
});
