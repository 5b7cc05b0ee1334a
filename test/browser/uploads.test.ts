/**
 * File uploads in Chromium with JavaScript OFF (ADR 0018): choose, upload, refused by content,
 * remove, continue, check page, submit — and the caseworker's view with the download link. axe-core
 * (WCAG 2.1 A/AA) on every page state, the error state included.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { publishService } from '../../src/core/publishing.ts';
import { checkA11y } from '../support/browser.ts';
import { type BrowserApp, useBrowserApp } from '../support/browser-app.ts';
import { browserStaffLogin } from '../support/browser-staff-login.ts';
import { EXE, PNG, pdf, UPLOAD_SERVICE } from '../support/upload-files.ts';

const BASE = '/musterstadt/nachweis-einreichen';
let env: BrowserApp;

describe('file uploads in Chromium without JavaScript, axe on every state', { timeout: 120_000 }, () => {
  env = useBrowserApp();
  before(async () => {
    const { store, clock } = env.testApp.app;
    const tenant = await store.tenants.bySlug('musterstadt');
    const outcome = await publishService({ store, clock }, tenant!.id, UPLOAD_SERVICE);
    assert.ok(outcome.ok);
  });

  test('upload, refuse, remove, continue, submit; the caseworker downloads', async () => {
    const page = await env.newPage(false);
    await page.goto(BASE);
    await page.getByRole('button', { name: 'Jetzt starten' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nachweis' }).waitFor();
    await checkA11y(page, 'upload step, empty');

    const input = page.getByLabel('Nachweis', { exact: true });
    await page.getByLabel('Name', { exact: true }).fill('Erika Mustermann');
    await input.setInputFiles({ name: 'programm.exe', mimeType: 'application/octet-stream', buffer: EXE });
    await page.getByRole('button', { name: 'Datei hochladen' }).click();
    const summary = page.getByRole('alert', { name: 'Es gibt ein Problem' });
    await summary.waitFor();
    assert.ok(
      await summary
        .getByRole('link', {
          name: 'Die Datei „programm.exe“ hat ein Format, das hier nicht möglich ist. Möglich sind PDF und PNG',
        })
        .isVisible(),
    );
    assert.equal(
      await page.getByLabel('Name', { exact: true }).inputValue(),
      'Erika Mustermann',
      'typed text kept',
    );
    assert.equal(await input.getAttribute('aria-invalid'), 'true');
    await checkA11y(page, 'upload step, wrong format (error state)');

    await input.setInputFiles([
      { name: 'Meldebescheinigung.pdf', mimeType: 'application/pdf', buffer: pdf() },
      { name: 'foto.png', mimeType: 'image/png', buffer: PNG },
    ]);
    await page.getByRole('button', { name: 'Datei hochladen' }).click();
    await page.getByRole('status').filter({ hasText: '2 Dateien wurden hochgeladen' }).waitFor();
    const list = page.getByRole('list', { name: 'Hochgeladene Dateien' });
    assert.equal(await list.getByRole('listitem').count(), 2);
    await checkA11y(page, 'upload step, two files listed');

    await page.getByRole('button', { name: /Datei entfernen\s*„foto\.png“/ }).click();
    await page.getByRole('status').filter({ hasText: 'Die Datei „foto.png“ wurde entfernt.' }).waitFor();
    assert.equal(await list.getByRole('listitem').count(), 1);
    await checkA11y(page, 'upload step, after removing');

    // Enter in the name field means "Weiter", not "Datei entfernen".
    await page.getByLabel('Name', { exact: true }).press('Enter');
    await page.getByRole('heading', { level: 1, name: /Prüfen/ }).waitFor();
    assert.ok(await page.getByText(/Meldebescheinigung\.pdf \(\d+ Bytes\)/).isVisible());
    await checkA11y(page, 'check page with a file');
    await page.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Antrag verbindlich absenden' }).click();
    const reference = ((await page.locator('#vorgangsnummer').textContent()) ?? '').trim();
    assert.ok(reference.length > 0, 'a reference number is shown');
    // The sealed receipt's download (ADR 0032), for this browser only.
    const receipt = page.getByRole('link', { name: 'Eingangsbestätigung herunterladen (PDF)' });
    await receipt.waitFor();
    await checkA11y(page, 'confirmation with the receipt link');
    const [receiptDownload] = await Promise.all([page.waitForEvent('download'), receipt.click()]);
    assert.equal(receiptDownload.suggestedFilename(), `Eingangsbestaetigung-${reference}.pdf`);

    // The caseworker.
    const credential = env.testApp.credentials.find(
      (c) => c.tenant === 'musterstadt' && c.role === 'caseworker',
    )!;
    const staff = await env.newPage(false);
    await browserStaffLogin(staff, env.testApp, credential);
    await staff.getByRole('link', { name: reference }).click();
    const link = staff.getByRole('link', { name: 'Herunterladen: Meldebescheinigung.pdf' });
    await link.waitFor();
    await checkA11y(staff, 'submission with files');
    const [download] = await Promise.all([staff.waitForEvent('download'), link.click()]);
    assert.equal(download.suggestedFilename(), 'Meldebescheinigung.pdf');
  });
});
