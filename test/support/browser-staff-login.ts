/**
 * Signing a staff member in in the browser, the one way every browser test does it: the login
 * form, filled and sent like a person does (with or without JavaScript), then the second factor
 * (ADR 0055) with the code the account's app would show, or its enrolment as `staff-login.ts`
 * does it over HTTP.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { TestApp } from './app.ts';
import {
  CODE_PATH,
  currentCode,
  ENROL_PATH,
  forgetUsedCode,
  rememberSecret,
  type StaffCredential,
  secretOf,
} from './staff-login.ts';

const pathOf = (page: Page) => new URL(page.url()).pathname;

/** Sends the form of `button` and waits until the page is another one. */
async function send(page: Page, button: string): Promise<void> {
  const before = pathOf(page);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== before),
    page.getByRole('button', { name: button }).click(),
  ]);
}

/** Fills and sends the login form; resolves once the page after the login has loaded. */
export async function browserStaffLogin(page: Page, t: TestApp, credential: StaffCredential): Promise<void> {
  await page.goto('/staff/login');
  await page.getByLabel('Benutzername').fill(credential.username);
  await page.getByLabel('Passwort').fill(credential.password);
  await send(page, 'Anmelden');
  if (pathOf(page) === CODE_PATH) {
    const secret = secretOf(t, credential);
    assert.ok(secret, `the TOTP secret of ${credential.username}`);
    await forgetUsedCode(t, credential.username);
    await page.getByLabel(/^Code aus der Authenticator-App/).fill(currentCode(t, secret));
    await send(page, 'Bestätigen');
  } else if (pathOf(page) === ENROL_PATH) {
    const secret = (await page.locator('#totp-secret').textContent())?.replace(/\s/g, '') ?? '';
    await page.getByLabel('Code aus der Authenticator-App').fill(currentCode(t, secret));
    await send(page, 'Einrichtung bestätigen');
    rememberSecret(t, credential.username, secret);
    await page.getByRole('link', { name: 'Ich habe die Codes gesichert – weiter' }).click();
  }
}
