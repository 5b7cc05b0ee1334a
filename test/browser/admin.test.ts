/**
 * The Verwaltung area in a real browser (Debian's Chromium), with JavaScript DISABLED and axe-core
 * (WCAG 2.1 A/AA) on every page state: sign in as admin → accounts → new account (refused, then
 * created with its password shown once) → roles refused for oneself → disabled account → the
 * municipality (links refused and saved, four eyes on) → services and a service's draft lifetime
 * (refused and saved) → four eyes on the candidate page for uploader and second designer → English.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { checkA11y } from '../support/browser.ts';
import { type BrowserApp, useBrowserApp } from '../support/browser-app.ts';
import { browserStaffLogin } from '../support/browser-staff-login.ts';

const heading = (page: Page, name: string | RegExp, level = 1) => page.getByRole('heading', { level, name });

describe('Verwaltung in the browser', () => {
  const env: BrowserApp = useBrowserApp();
  const signIn = (page: Page, username: string, password: string) =>
    browserStaffLogin(page, env.testApp, { username, password });

  test('an admin manages accounts, the municipality and a service without JavaScript', async () => {
    const credential = env.testApp.credentials.find((c) => c.tenant === 'musterstadt' && c.role === 'admin');
    assert.ok(credential, 'demo admin of Musterstadt');
    const page = await env.newPage(false);
    await browserStaffLogin(page, env.testApp, credential);
    await heading(page, 'Mitarbeitendenkonten').waitFor();
    assert.equal(new URL(page.url()).pathname, '/staff/admin');
    await checkA11y(page, 'accounts');

    await page.goto('/staff/inbox');
    await heading(page, 'Kein Zugriff').waitFor();
    await checkA11y(page, 'no access to the inbox');
    await page.goto('/staff/admin');

    // A new account: refused first, every problem in the summary and at its field.
    await page.getByRole('link', { name: 'Neues Konto anlegen' }).click();
    await heading(page, 'Neues Konto anlegen').waitFor();
    await checkA11y(page, 'new account');
    await page.getByLabel('Benutzername').fill('zu kurz und mit leerzeichen');
    await page.getByRole('textbox', { name: /^Passwort/ }).fill('kurz');
    await page.getByRole('button', { name: 'Konto anlegen' }).click();
    const summary = page.getByRole('alert', { name: 'Es gibt ein Problem' });
    await summary.waitFor();
    assert.ok((await page.title()).startsWith('Fehler:'));
    assert.equal(await summary.getByRole('link').count(), 4);
    await checkA11y(page, 'new account refused');

    await page.getByLabel('Benutzername').fill('browser@musterstadt');
    await page.getByLabel('Name', { exact: true }).fill('Bruno Browser');
    await page.getByRole('checkbox', { name: 'Service-Design' }).check();
    await page.getByRole('button', { name: 'Konto anlegen' }).click();
    await heading(page, 'Konto browser@musterstadt').waitFor();
    const password = (await page.locator('#new-password').textContent())?.trim() ?? '';
    assert.match(password, /^\S{20}$/);
    await checkA11y(page, 'account created, password shown once');
    await page.reload();
    assert.equal(await page.locator('#new-password').count(), 0, 'not shown again');
    const newAccountUrl = page.url().split('?')[0]!;

    await page.getByRole('button', { name: 'Konto sperren' }).click();
    await page.getByText('Das Konto ist gesperrt.').waitFor();
    await checkA11y(page, 'account disabled');
    assert.equal(newAccountUrl, page.url().split('?')[0]);

    // One's own account: the admin role stays.
    const own = (await env.testApp.app.store.staff.byUsername(credential.username))!;
    await page.goto(`/staff/admin/konten/${own.id}`);
    await page.getByRole('checkbox', { name: 'Verwaltung' }).uncheck();
    await page.getByRole('checkbox', { name: 'Sachbearbeitung' }).check();
    await page.getByRole('button', { name: 'Rollen speichern' }).click();
    await summary.getByText('Sie können sich die Rolle Verwaltung nicht selbst entziehen').waitFor();
    await checkA11y(page, 'own roles refused');

    // The municipality: links refused, then saved; four eyes on.
    await page.getByRole('link', { name: 'Gemeinde' }).click();
    await heading(page, 'Gemeinde Musterstadt').waitFor();
    await checkA11y(page, 'municipality');
    await page.getByLabel('Adresse des Impressums').fill('javascript:alert(1)');
    await page.getByRole('button', { name: 'Links speichern' }).click();
    await summary.waitFor();
    assert.equal(await page.getByLabel('Adresse des Impressums').getAttribute('aria-invalid'), 'true');
    await checkA11y(page, 'links refused');
    await page.getByLabel('Adresse des Impressums').fill('https://www.musterstadt.example/impressum');
    await page.getByRole('button', { name: 'Links speichern' }).click();
    await page.getByText('Die Links wurden gespeichert.').waitFor();
    await checkA11y(page, 'links saved');
    await page.getByRole('checkbox', { name: 'Neue Versionen muss eine zweite Person freigeben' }).check();
    await page
      .locator('section[aria-labelledby="setting-publishing-fourEyes"]')
      .getByRole('button', { name: 'Einstellung speichern' })
      .click();
    await page.getByText('Die Einstellung wurde gespeichert.').waitFor();
    await checkA11y(page, 'four eyes on');

    // The services and one service's draft lifetime.
    await page.getByRole('link', { name: 'Leistungen', exact: true }).click();
    await heading(page, 'Einstellungen der Leistungen').waitFor();
    await checkA11y(page, 'services');
    await page.getByRole('link', { name: 'Hund anmelden (Hundesteuer)' }).click();
    await heading(page, 'Einstellungen: Hund anmelden (Hundesteuer)').waitFor();
    await checkA11y(page, 'service settings');
    const retention = page.locator('section[aria-labelledby="setting-drafts-retention"]');
    await page.getByLabel('Aufbewahrung in Tagen').fill('365');
    await retention.getByRole('button', { name: 'Einstellung speichern' }).click();
    await summary.getByText('Geben Sie eine Zahl von 1 bis 90 ein').waitFor();
    await checkA11y(page, 'service setting refused');
    await page.getByLabel('Aufbewahrung in Tagen').fill('14');
    await retention.getByRole('button', { name: 'Einstellung speichern' }).click();
    await page.getByText('Die Einstellung wurde gespeichert.').waitFor();
    await checkA11y(page, 'service setting saved');

    await page.getByRole('link', { name: 'English' }).click();
    await heading(page, /^Settings: /).waitFor();
    await checkA11y(page, 'service settings (English)');
    await page.goto('/staff/admin');
    await heading(page, 'Staff accounts').waitFor();
    await checkA11y(page, 'accounts (English)');
  });

  test('four eyes on the candidate page: the uploader is told why, another designer approves', async () => {
    const { app, credentials } = env.testApp;
    const tenantId = (await app.store.tenants.bySlug('musterstadt'))!.id;
    const designer = credentials.find((c) => c.tenant === 'musterstadt' && c.role === 'designer')!;
    const uploader = (await app.store.staff.byUsername(designer.username))!;
    // Four eyes on (the first test switches it on in the browser; this test must not depend on it).
    await app.store.operationalSettings.put(
      {
        tenantId,
        serviceId: null,
        kind: 'publishing.fourEyes',
        options: { required: true },
        secrets: {},
        updatedAt: new Date().toISOString(),
        updatedBy: null,
      },
      {
        tenantId,
        actorType: 'operator',
        actorId: null,
        action: 'setting.changed',
        subjectType: 'operational_setting',
        subjectId: tenantId,
      },
    );
    // The candidate, stored as an upload would store it.
    const definition = JSON.parse(
      readFileSync(join(import.meta.dirname, '..', 'fixtures', 'testantrag.json'), 'utf8'),
    );
    const id = randomUUID();
    await app.store.candidates.create(
      {
        id,
        tenantId,
        slug: 'vier-augen',
        definition: { ...definition, id: 'vier-augen', title: { de: 'Vier Augen', en: 'Four eyes' } },
        source: 'json',
        fileName: 'vier-augen.json',
        warnings: [],
        uploadedBy: uploader.id,
        uploadedAt: new Date().toISOString(),
        publishedVersionId: null,
        publishedAt: null,
      },
      {
        tenantId,
        actorType: 'staff',
        actorId: uploader.id,
        action: 'definition.uploaded',
        subjectType: 'service_candidate',
        subjectId: id,
      },
    );
    const page = await env.newPage(false);
    await browserStaffLogin(page, env.testApp, designer);
    await page.goto(`/staff/design/uploads/${id}`);
    await page.getByText('können sie deshalb nicht selbst veröffentlichen').waitFor();
    await checkA11y(page, 'candidate, uploader under four eyes');

    const other = await env.newPage(false);
    const admin = credentials.find((c) => c.tenant === 'musterstadt' && c.role === 'admin')!;
    // The second designer's account, created by the admin in the browser.
    await browserStaffLogin(other, env.testApp, admin);
    await other.goto('/staff/admin/konten/neu');
    await other.getByLabel('Benutzername').fill('zweiter-blick@musterstadt');
    await other.getByLabel('Name', { exact: true }).fill('Zoe Zweitblick');
    await other.getByRole('checkbox', { name: 'Service-Design' }).check();
    await other.getByRole('textbox', { name: /^Passwort/ }).fill('ein-zweites-Augenpaar');
    await other.getByRole('button', { name: 'Konto anlegen' }).click();
    await other.getByText('Das Konto hat das Passwort, das Sie festgelegt haben.').waitFor();
    await checkA11y(other, 'account created with a typed password');
    await other.getByRole('button', { name: 'Abmelden' }).click();
    await signIn(other, 'zweiter-blick@musterstadt', 'ein-zweites-Augenpaar');
    await other.goto(`/staff/design/uploads/${id}`);
    await other.getByText('Lena Gestalt hat diese Fassung hochgeladen').waitFor();
    await checkA11y(other, 'candidate, second designer under four eyes');
    await other.getByRole('link', { name: 'Veröffentlichen …' }).click();
    await other.getByText('Lena Gestalt hat diese Fassung hochgeladen').waitFor();
    await checkA11y(other, 'publish confirmation, second designer under four eyes');
    await other.getByRole('button', { name: 'Freigeben und veröffentlichen' }).click();
    await other.getByText('Veröffentlicht als Version 1.').waitFor();
    await other.getByRole('cell', { name: 'Freigegeben und als Version 1 veröffentlicht' }).waitFor();
    await checkA11y(other, 'approved and published');
  });
});
