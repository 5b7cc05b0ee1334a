/**
 * Staff single sign-on in Chromium (ADR 0056), with JavaScript off and on, axe-core (WCAG 2.1 AA)
 * on every page state: the admin's SSO page (refused, then saved), the municipality's login page
 * with its SSO button, the way through an independent OpenID provider (`oidc-provider`, started
 * here) and back into the inbox, and the page of a refused login.
 */

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { checkA11y } from '../support/browser.ts';
import { type BrowserApp, useBrowserApp } from '../support/browser-app.ts';
import { browserStaffLogin } from '../support/browser-staff-login.ts';
import { freePort } from '../support/listening-app.ts';
import { type StaffIdp, startStaffIdp } from '../support/staff-sso-idp.ts';

const CLIENT = { clientId: 'amtsweg-musterstadt', secret: 'musterstadt-secret-0123456789' };
const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

describe('staff single sign-on in the browser', () => {
  const env: BrowserApp = useBrowserApp({ env: () => ({}) });
  let idp: StaffIdp;

  before(async () => {
    const { port } = env.testApp.app.server.addresses()[0] as { port: number };
    const callback = `http://127.0.0.1:${port}/staff/sso/musterstadt/callback`;
    idp = await startStaffIdp(await freePort(), [{ ...CLIENT, redirectUris: [callback] }]);
  });
  after(() => idp.close());

  for (const javaScript of [false, true]) {
    test(`the admin sets it up; a caseworker signs in through the provider (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const admin = env.testApp.credentials.find((c) => c.tenant === 'musterstadt' && c.role === 'admin')!;
      const page = await env.newPage(javaScript);
      await browserStaffLogin(page, env.testApp, admin);
      await page.getByRole('link', { name: 'Single Sign-on' }).first().click();
      await heading(page, 'Single Sign-on für Mitarbeitende').waitFor();
      await checkA11y(page, 'SSO settings');

      await page.getByRole('checkbox', { name: 'Single Sign-on anbieten' }).check();
      await page.locator('#setting-staff-sso-issuer').fill('http://login.example.de/realms/verwaltung');
      await page.locator('#setting-staff-sso-clientId').fill(CLIENT.clientId);
      await page.locator('#setting-staff-sso-clientSecret').fill(CLIENT.secret);
      await page.locator('#setting-staff-sso-scopes').fill('openid profile groups');
      await page.locator('#setting-staff-sso-roleMapping').fill('/amtsweg/sachbearbeitung = caseworker');
      await page.getByRole('button', { name: 'Einstellung speichern' }).click();
      await page.getByRole('alert', { name: 'Es gibt ein Problem' }).waitFor();
      assert.ok((await page.title()).startsWith('Fehler:'));
      await checkA11y(page, 'SSO settings refused');

      await page.locator('#setting-staff-sso-issuer').fill(idp.issuer);
      await page.locator('#setting-staff-sso-clientSecret').fill(CLIENT.secret);
      await page.getByRole('button', { name: 'Einstellung speichern' }).click();
      await page.getByText('Die Einstellungen zum Single Sign-on sind gespeichert.').waitFor();
      await checkA11y(page, 'SSO settings saved');

      const staff = await env.newPage(javaScript);
      await staff.goto('/staff/login/musterstadt');
      await heading(staff, 'Anmeldung für Mitarbeitende').waitFor();
      await checkA11y(staff, 'login page with SSO');
      idp.next = {
        sub: 'ad-77',
        username: 'b.browser',
        name: 'Berta Browser',
        groups: ['/amtsweg/sachbearbeitung'],
      };
      await staff.getByRole('link', { name: 'Mit Single Sign-on anmelden' }).click();
      // The session cookie is SameSite=Strict: the page after the callback goes on same-site.
      await heading(staff, 'Posteingang').waitFor();
      assert.equal(new URL(staff.url()).pathname, '/staff/inbox');
      assert.ok(await staff.getByText('Angemeldet als Berta Browser').isVisible());
      await checkA11y(staff, 'inbox after SSO');

      const refused = await env.newPage(javaScript);
      idp.next = { sub: 'ad-78', username: 'ohne.gruppe', groups: ['/anderes'] };
      await refused.goto('/staff/login/musterstadt');
      await refused.getByRole('link', { name: 'Mit Single Sign-on anmelden' }).click();
      await heading(refused, 'Anmeldung nicht möglich').waitFor();
      await checkA11y(refused, 'SSO refused');
    });
  }
});
