/**
 * The network catalog in a real browser (Debian's Chromium), with axe-core (WCAG 2.1 A/AA) on every
 * page state: without JavaScript, Musterstadt offers a service (refused, then offered), Beispielhausen
 * finds Musterstadt's demo service, copies it (refused slug, then copied), replaces the office,
 * publishes, and after Musterstadt's improvement sees "Neue Version von Musterstadt verfügbar";
 * the history compares two versions. With JavaScript: the same pages of finding, commenting and
 * the upstream version.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { publishService } from '../../src/core/publishing.ts';
import { repoRoot } from '../support/app.ts';
import { checkA11y } from '../support/browser.ts';
import { type BrowserApp, useBrowserApp } from '../support/browser-app.ts';
import { browserStaffLogin } from '../support/browser-staff-login.ts';

const heading = (page: Page, name: string | RegExp, level = 1) => page.getByRole('heading', { level, name });
const button = (page: Page, name: string | RegExp) =>
  page.getByRole('button', { name, exact: typeof name === 'string' });

describe('the network catalog in the browser', () => {
  const env: BrowserApp = useBrowserApp();

  async function signIn(javaScript: boolean, tenant: string): Promise<Page> {
    const credential = env.testApp.credentials.find((c) => c.tenant === tenant && c.role === 'designer');
    assert.ok(credential, `demo designer of ${tenant}`);
    const page = await env.newPage(javaScript);
    await browserStaffLogin(page, env.testApp, credential);
    await heading(page, 'Leistungen gestalten').waitFor();
    return page;
  }

  test('offering, finding, copying, adapting and publishing, and the upstream version, without JavaScript', async () => {
    // Musterstadt offers its Sperrmüll service: first with a mistake.
    const ms = await signIn(false, 'musterstadt');
    await ms.goto('/staff/design/leistungen/sperrmuell-anmelden');
    await ms.getByRole('link', { name: 'Im Katalog anbieten …' }).click();
    await heading(ms, /^Im Katalog anbieten: Sperrmüll/).waitFor();
    await checkA11y(ms, 'offer form');
    await ms.getByLabel('LeiKa-Schlüssel (optional)').fill('12345');
    await button(ms, 'Im Katalog anbieten').click();
    await ms.getByRole('alert', { name: 'Es gibt ein Problem' }).waitFor();
    await checkA11y(ms, 'offer form with problems');
    await ms.getByLabel('LeiKa-Schlüssel (optional)').fill('');
    await ms.getByLabel('Thema').fill('Abfall');
    await ms.getByLabel('Land Ihrer Kommune').selectOption('Niedersachsen');
    await ms.getByLabel('Beschreibung').fill('Sperrmüll zur Abholung anmelden.');
    await ms.getByLabel('Ansprechperson für Rückfragen').fill('Abfallberatung Musterstadt');
    await button(ms, 'Im Katalog anbieten').click();
    await ms.getByText('Die Leistung ist jetzt im Katalog der Kommunen.').waitFor();
    await checkA11y(ms, 'service page, offered');

    // Beispielhausen finds Musterstadt's dog registration.
    const bh = await signIn(false, 'beispielhausen');
    await bh.getByRole('link', { name: 'Katalog der Kommunen' }).click();
    await heading(bh, 'Katalog der Kommunen').waitFor();
    await checkA11y(bh, 'catalog');
    await bh.getByLabel('Suche').fill('xyzzy');
    await button(bh, 'Suchen').click();
    await bh.getByText(/Keine Leistung gefunden/).waitFor();
    await checkA11y(bh, 'catalog, nothing found');
    await bh.getByLabel('Suche').fill('Hund Musterstadt');
    await button(bh, 'Suchen').click();
    await bh.getByRole('cell', { name: 'in Betrieb in 1 Kommune' }).waitFor();
    await checkA11y(bh, 'catalog, found');
    await bh.getByRole('link', { name: 'Hund anmelden (Hundesteuer)' }).click();
    await heading(bh, 'Katalog: Hund anmelden (Hundesteuer)').waitFor();
    await checkA11y(bh, 'catalog entry');

    // A slug that is taken, then the copy.
    await bh.getByLabel('Kennung in Ihrer Kommune').fill('veranstaltung-anzeigen');
    await button(bh, 'Übernehmen').click();
    await bh.getByRole('alert', { name: 'Es gibt ein Problem' }).waitFor();
    await checkA11y(bh, 'copy refused');
    await bh.getByLabel('Kennung in Ihrer Kommune').fill('hund-anmelden');
    await button(bh, 'Übernehmen').click();
    await bh.getByText(/^Übernommen\. Ersetzen Sie/).waitFor();
    await bh.getByText('Übernommen aus dem Katalog (Musterstadt, Version 1, Lizenz EUPL-1.2)').waitFor();
    await checkA11y(bh, 'copied draft');

    // Adapting: the office of Beispielhausen.
    await bh.getByRole('link', { name: 'Startseite und Angaben' }).click();
    await bh.locator('#in-officeName-de').fill('Gemeinde Beispielhausen, Ordnungsamt');
    await bh.locator('#in-officeName-en').fill('Municipality of Beispielhausen, public order office');
    await bh
      .getByLabel('E-Mail-Adresse', { exact: false })
      .first()
      .fill('ordnungsamt@beispielhausen.example');
    await bh.locator('#in-office-phone').fill('01234 567-0');
    await bh.locator('#in-office-address').fill('Marktplatz 1, 12345 Beispielhausen');
    await button(bh, 'Speichern').click();
    await bh.getByText('Gespeichert.').waitFor();
    await checkA11y(bh, 'office replaced');

    // Publishing.
    const draftUrl = bh
      .url()
      .replace(/\/startseite.*$/, '')
      .replace(/\?.*$/, '');
    await bh.goto(draftUrl);
    await button(bh, 'Zur Vorschau und Veröffentlichung').click();
    await bh.getByRole('link', { name: 'Veröffentlichen …' }).click();
    await heading(bh, /^Veröffentlichen: Hund anmelden/).waitFor();
    await checkA11y(bh, 'publish the copy');
    await button(bh, 'Veröffentlichen').click();
    await bh.getByText('Veröffentlicht als Version 1.').waitFor();
    await bh.goto('/staff/design/leistungen/hund-anmelden');
    await bh
      .getByText(/Übernommen aus dem Katalog: „Hund anmelden \(Hundesteuer\)“ von Musterstadt, Version 1/)
      .waitFor();
    await checkA11y(bh, 'copied service with its origin');

    // Musterstadt publishes an improvement; Beispielhausen sees it with both sides' changes.
    const { store, clock } = env.testApp.app;
    const musterstadt = await store.tenants.bySlug('musterstadt');
    const improved = JSON.parse(
      readFileSync(join(repoRoot, 'definitions', 'musterstadt', 'hund-anmelden.json'), 'utf8'),
    );
    improved.steps[0].fields[0].label.de = 'Vorname und Nachname';
    const v2 = await publishService({ store, clock }, musterstadt!.id, improved, {
      publishedBy: null,
      changeMessage: 'Frage nach dem Namen klarer',
    });
    assert.ok(v2.ok);
    await bh.reload();
    await bh.getByText('Neue Version von Musterstadt verfügbar: Version 2.').waitFor();
    await checkA11y(bh, 'copied service with a new upstream version');
    await bh.getByRole('link', { name: 'Änderungen ansehen' }).click();
    await heading(bh, 'Neue Version von Musterstadt verfügbar').waitFor();
    await bh
      .locator('#upstream-changes')
      .getByText(/Vorname und Nachname/)
      .waitFor();
    await checkA11y(bh, 'upstream version');

    // Musterstadt's history compares the two versions.
    await ms.goto('/staff/design/leistungen/hund-anmelden');
    await ms.getByRole('cell', { name: 'Frage nach dem Namen klarer' }).waitFor();
    await button(ms, 'Vergleichen').click();
    await heading(ms, /^Version 1 und Version 2/).waitFor();
    await checkA11y(ms, 'version comparison');
  });

  test('finding, commenting and the upstream version with JavaScript', async () => {
    const bh = await signIn(true, 'beispielhausen');
    await bh.goto('/staff/design/katalog?q=hund');
    await bh.getByRole('link', { name: 'Hund anmelden (Hundesteuer)' }).click();
    await heading(bh, 'Katalog: Hund anmelden (Hundesteuer)').waitFor();
    await checkA11y(bh, 'catalog entry (JavaScript)');
    await button(bh, 'Kommentar speichern').click();
    await bh.getByRole('alert', { name: 'Es gibt ein Problem' }).waitFor();
    await checkA11y(bh, 'empty comment (JavaScript)');
    await bh.getByLabel('Ihr Kommentar').fill('Läuft bei uns seit einer Woche.');
    await button(bh, 'Kommentar speichern').click();
    await bh.getByText('Ihr Kommentar ist gespeichert.').waitFor();
    await bh.getByText('Läuft bei uns seit einer Woche.').waitFor();
    await checkA11y(bh, 'commented (JavaScript)');
    await bh.goto('/staff/design/leistungen/hund-anmelden/neue-version');
    await heading(bh, 'Neue Version von Musterstadt verfügbar').waitFor();
    await checkA11y(bh, 'upstream version (JavaScript)');
  });
});
