/**
 * Signing a staff member in in the browser, the one way every browser test does it: the login
 * form, filled and sent like a person does (with or without JavaScript).
 */
import type { Page } from 'playwright-core';
import type { TestApp } from './app.ts';
import type { StaffCredential } from './staff-login.ts';

/** Fills and sends the login form; resolves once the page after the login has loaded. */
export async function browserStaffLogin(page: Page, _t: TestApp, credential: StaffCredential): Promise<void> {
  await page.goto('/staff/login');
  await page.getByLabel('Benutzername').fill(credential.username);
  await page.getByLabel('Passwort').fill(credential.password);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== '/staff/login'),
    page.getByRole('button', { name: 'Anmelden' }).click(),
  ]);
}
