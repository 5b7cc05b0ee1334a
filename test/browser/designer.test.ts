/**
 * Service-Design in a real browser (Debian's Chromium), with JavaScript DISABLED and axe-core
 * (WCAG 2.1 A/AA) on every page state: sign in as designer → refused upload (paths listed) →
 * FIM upload with notes → JSON upload → preview step by step (with its error state) and on one
 * page → publish → the new service is live for citizens. Also: no access to the inbox, English.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { checkA11y, waitForEnhancement } from '../support/browser.ts';
import { type BrowserApp, useBrowserApp } from '../support/browser-app.ts';
import { browserStaffLogin } from '../support/browser-staff-login.ts';

const fixtures = join(import.meta.dirname, '..', 'fixtures');
const dir = mkdtempSync(join(tmpdir(), 'amtsweg-designer-'));

function fileWith(name: string, definition: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof definition === 'string' ? definition : JSON.stringify(definition, null, 2));
  return path;
}

function testantrag(id: string, title: string) {
  const definition = JSON.parse(readFileSync(join(fixtures, 'testantrag.json'), 'utf8'));
  return { ...definition, id, title: { de: title, en: title } };
}

const heading = (page: Page, name: string | RegExp, level = 1) => page.getByRole('heading', { level, name });

async function uploadFile(page: Page, path: string): Promise<void> {
  await page.getByLabel('Datei', { exact: true }).setInputFiles(path);
  await page.getByRole('button', { name: 'Hochladen und prüfen' }).click();
}

describe('service design in the browser', () => {
  const env: BrowserApp = useBrowserApp();
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a designer uploads, previews and publishes a service without JavaScript', async () => {
    const credential = env.testApp.credentials.find(
      (c) => c.tenant === 'musterstadt' && c.role === 'designer',
    );
    assert.ok(credential, 'demo designer of Musterstadt');
    const page = await env.newPage(false);

    await browserStaffLogin(page, env.testApp, credential);
    await heading(page, 'Leistungen gestalten').waitFor();
    assert.equal(new URL(page.url()).pathname, '/staff/design');
    await page
      .getByRole('table', { name: 'Veröffentlichte Leistungen mit ihrer neuesten Version' })
      .waitFor();
    await checkA11y(page, 'designer home');

    // The inbox is not for this role.
    await page.goto('/staff/inbox');
    await heading(page, 'Kein Zugriff').waitFor();
    await checkA11y(page, 'no access');
    await page.goto('/staff/design');

    // A refused upload: every problem with its path, the file input marked invalid.
    const broken = testantrag('Kaputt!', 'Kaputt');
    await uploadFile(page, fileWith('kaputt.json', broken));
    const summary = page.getByRole('alert', { name: 'Es gibt ein Problem' });
    await summary.waitFor();
    assert.ok((await page.title()).startsWith('Fehler:'));
    const items = await summary.getByRole('link').allTextContents();
    assert.ok(
      items.some((i) => i.replace(/\s+/g, ' ').startsWith('/id:')),
      items.join('\n'),
    );
    assert.equal(await page.locator('#field-datei').getAttribute('aria-invalid'), 'true');
    await checkA11y(page, 'upload refused (definition problems)');
    await uploadFile(page, fileWith('kaputt2.json', '{"id": '));
    await summary.waitFor();
    assert.match(await summary.textContent().then(String), /kein gültiges JSON/);
    await checkA11y(page, 'upload refused (malformed JSON)');

    // Too large, through a real socket: refused politely, the connection still usable.
    await page.getByLabel('Datei', { exact: true }).setInputFiles({
      name: 'gross.json',
      mimeType: 'application/json',
      buffer: Buffer.alloc(3 * 1024 * 1024, 0x20),
    });
    await page.getByRole('button', { name: 'Hochladen und prüfen' }).click();
    await summary.getByText('Die Datei ist größer als 2 MB').waitFor();
    await checkA11y(page, 'upload refused (too large)');

    // FIM with notes per element.
    await uploadFile(page, join(fixtures, 'fim', 'v3-rich.xml'));
    await page.getByRole('table', { name: 'Hinweise je FIM-Element' }).waitFor();
    await checkA11y(page, 'FIM upload with notes');
    await page.getByRole('link', { name: 'Zurück zum Service-Design' }).click();

    // A new service, as JSON.
    await uploadFile(page, fileWith('neu.json', testantrag('browser-antrag', 'Antrag aus dem Browser')));
    await heading(page, 'Hochgeladen: Antrag aus dem Browser').waitFor();
    await page.getByText('Die Datei wurde geprüft und gespeichert.').waitFor();
    await checkA11y(page, 'candidate');
    const candidateUrl = page.url();

    // Preview step by step: the citizens' page, marked as preview; its error state.
    await page.getByRole('link', { name: 'Vorschau Schritt für Schritt' }).click();
    await heading(page, 'Angaben zur Person').waitFor();
    await page.getByText('Vorschau – nicht veröffentlicht').waitFor();
    await checkA11y(page, 'preview step');
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByRole('alert', { name: 'Es gibt ein Problem' }).waitFor();
    await page.getByText('Vorschau – nicht veröffentlicht').waitFor();
    await checkA11y(page, 'preview step with errors');
    await page.getByLabel('Vorname').fill('Erika');
    await page.getByLabel('Nachname').fill('Muster');
    await page.getByLabel('Tag').fill('1');
    await page.getByLabel('Monat').fill('2');
    await page.getByLabel('Jahr').fill('1980');
    await page.getByRole('button', { name: 'Weiter' }).click();
    await heading(page, 'Einzelheiten').waitFor();
    await page.goto(page.url().replace(/schritt\/details$/, 'ende'));
    await heading(page, 'Ende der Vorschau').waitFor();
    await checkA11y(page, 'preview end');

    // All steps on one page.
    await page.goto(candidateUrl);
    await page.getByRole('link', { name: 'Vorschau: alle Schritte auf einer Seite' }).click();
    await heading(page, 'Vorschau: Antrag aus dem Browser').waitFor();
    assert.equal(await page.getByRole('heading', { level: 2, name: /^Schritt \d: / }).count(), 3);
    await checkA11y(page, 'preview all steps');

    // Publish after confirming what it does: live for citizens.
    await page.goto(candidateUrl);
    await page.getByRole('link', { name: 'Veröffentlichen …' }).click();
    await heading(page, 'Veröffentlichen: Antrag aus dem Browser').waitFor();
    await checkA11y(page, 'publish confirmation (new service)');
    await page.getByRole('button', { name: 'Veröffentlichen' }).click();
    await page.getByText('Veröffentlicht als Version 1.').waitFor();
    await checkA11y(page, 'published');
    await page
      .getByRole('link', { name: 'Leistung so ansehen, wie Bürgerinnen und Bürger sie sehen' })
      .first()
      .click();
    await heading(page, 'Antrag aus dem Browser').waitFor();
    assert.equal(new URL(page.url()).pathname, '/musterstadt/browser-antrag');
    const citizen = await env.newPage(false);
    await citizen.goto('/musterstadt');
    await citizen.getByRole('link', { name: 'Antrag aus dem Browser' }).click();
    await citizen.getByRole('button', { name: 'Jetzt starten' }).click();
    await heading(citizen, 'Angaben zur Person').waitFor();
    assert.equal(await citizen.getByText('Vorschau').count(), 0, 'the live form is no preview');

    // Publishing re-runs the checks: a stored upload that no longer passes is refused with paths.
    const tenantId = (await env.testApp.app.store.tenants.bySlug('musterstadt'))!.id;
    const account = (await env.testApp.app.store.staff.byUsername(credential.username))!;
    const staleId = randomUUID();
    await env.testApp.app.store.candidates.create(
      {
        id: staleId,
        tenantId,
        slug: 'veraltet',
        definition: { ...testantrag('veraltet', 'Veraltet'), steps: [] },
        source: 'json',
        fileName: 'veraltet.json',
        warnings: [],
        uploadedBy: account.id,
        uploadedAt: new Date().toISOString(),
        publishedVersionId: null,
        publishedAt: null,
      },
      {
        tenantId,
        actorType: 'staff',
        actorId: account.id,
        action: 'definition.uploaded',
        subjectType: 'service_candidate',
        subjectId: staleId,
      },
    );
    await page.goto(`/staff/design/uploads/${staleId}`);
    await page.getByRole('link', { name: 'Veröffentlichen …' }).click();
    await page.getByRole('button', { name: 'Veröffentlichen' }).click();
    await page.getByRole('alert', { name: 'Es gibt ein Problem' }).waitFor();
    assert.ok((await page.title()).startsWith('Fehler:'));
    await page.getByText('Die Veröffentlichung wurde abgelehnt.').waitFor();
    await checkA11y(page, 'publish refused');

    // The overview lists it; the same page in English.
    await page.goto('/staff/design');
    await page.getByRole('link', { name: 'Antrag aus dem Browser', exact: true }).waitFor();
    await page.getByRole('link', { name: 'English' }).click();
    await heading(page, 'Design services').waitFor();
    await checkA11y(page, 'designer home (English)');
  });

  test('publishing safely and a service’s life: changes confirmed, offline and back, deletion refused', async () => {
    const credential = env.testApp.credentials.find(
      (c) => c.tenant === 'musterstadt' && c.role === 'designer',
    );
    assert.ok(credential);
    const page = await env.newPage(false);
    await browserStaffLogin(page, env.testApp, credential);
    await heading(page, 'Leistungen gestalten').waitFor();

    // An upload with the id of a live service: its changes, then an explicit choice.
    const hund = JSON.parse(
      readFileSync(new URL('../../definitions/musterstadt/hund-anmelden.json', import.meta.url), 'utf8'),
    );
    hund.steps[0].fields[0].label = { de: 'Vorname(n)', en: 'First name(s)' };
    await uploadFile(page, fileWith('hund-anmelden.json', hund));
    await heading(page, /^Hochgeladen: Hund anmelden/).waitFor();
    await page
      .getByRole('heading', { level: 2, name: /Änderungen gegenüber der veröffentlichten Version/ })
      .waitFor();
    await page.getByText('Beschriftung von Feld Vorname(n) geändert').waitFor();
    await checkA11y(page, 'upload with changes');
    await page.getByRole('link', { name: 'Veröffentlichen …' }).click();
    await heading(page, /^Veröffentlichen: Hund anmelden/).waitFor();
    await checkA11y(page, 'publish confirmation (next version or new service)');
    await page.getByRole('button', { name: 'Veröffentlichen' }).click();
    await page.getByRole('alert', { name: 'Es gibt ein Problem' }).waitFor();
    assert.ok((await page.title()).startsWith('Fehler:'));
    await checkA11y(page, 'publish confirmation without a choice');
    await page.getByLabel(/^Version \d+ von „Hund anmelden/).check();
    // A later version says why it exists (the first one is prefilled "Erste Version").
    await page.getByLabel('Änderungsnachricht').fill('Vorname(n) statt Vorname');
    await page.getByRole('button', { name: 'Veröffentlichen' }).click();
    await page.getByText(/^Veröffentlicht als Version \d+\.$/).waitFor();

    // Offline: the catalogue no longer lists it, old links show the office; then back online.
    await page.goto('/staff/design');
    await page.getByRole('link', { name: 'Verwalten: Hund anmelden (Hundesteuer)' }).click();
    await heading(page, 'Leistung: Hund anmelden (Hundesteuer)').waitFor();
    await checkA11y(page, 'service page');
    await page.getByRole('button', { name: 'Offline nehmen' }).click();
    await page.getByText('Die Leistung ist jetzt offline.').waitFor();
    await checkA11y(page, 'service page (offline)');
    const citizen = await env.newPage(false);
    const gone = await citizen.goto('/musterstadt/hund-anmelden');
    assert.equal(gone?.status(), 410);
    await heading(citizen, 'Hund anmelden (Hundesteuer): zurzeit nicht online').waitFor();
    await checkA11y(citizen, 'service offline (citizen notice)');
    await citizen.goto('/musterstadt');
    assert.equal(await citizen.getByRole('link', { name: 'Hund anmelden (Hundesteuer)' }).count(), 0);
    await page.getByRole('button', { name: 'Wieder online stellen' }).click();
    await page.getByText('Die Leistung ist wieder online.').waitFor();
    assert.equal((await citizen.goto('/musterstadt/hund-anmelden'))?.status(), 200);

    // Deleting needs the id typed; a service with applications cannot be deleted at all.
    await page.goto('/staff/design/leistungen/sperrmuell-anmelden');
    await page.getByLabel(/Zur Bestätigung die Kennung/).fill('falsch');
    await page.getByRole('button', { name: 'Endgültig löschen' }).click();
    await page.getByRole('alert', { name: 'Es gibt ein Problem' }).waitFor();
    await checkA11y(page, 'service page, deletion not confirmed');
  });

  test('with JavaScript, the preview validates as citizens will see it', async () => {
    const credential = env.testApp.credentials.find(
      (c) => c.tenant === 'musterstadt' && c.role === 'designer',
    );
    assert.ok(credential, 'demo designer of Musterstadt');
    const page = await env.newPage(true);
    const failed: string[] = [];
    page.on('pageerror', (e) => failed.push(String(e)));
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    await browserStaffLogin(page, env.testApp, credential);
    await heading(page, 'Leistungen gestalten').waitFor();
    await uploadFile(
      page,
      fileWith('live.json', testantrag('live-antrag', 'Antrag mit Prüfung beim Ausfüllen')),
    );
    await heading(page, 'Hochgeladen: Antrag mit Prüfung beim Ausfüllen').waitFor();
    await page.getByRole('link', { name: 'Vorschau Schritt für Schritt' }).click();
    await heading(page, 'Angaben zur Person').waitFor();
    // The unpublished definition comes from the designer-only preview, not a public URL.
    const href = await page.locator('form[data-aw-step]').getAttribute('data-aw-definition');
    assert.match(
      href ?? '',
      /^\/staff\/design\/uploads\/[0-9a-f-]{36}\/vorschau\/live-antrag\/definition\/[0-9a-f]{64}\.json$/,
    );
    await waitForEnhancement(page);
    await page.getByLabel('Vorname').focus();
    await page.keyboard.press('Tab');
    await page.locator('#field-vorname-error').waitFor();
    await page.getByText('Vorschau – nicht veröffentlicht').waitFor();
    await checkA11y(page, 'preview step with a live error');
    assert.deepEqual(failed, []);
  });
});
