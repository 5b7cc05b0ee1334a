/**
 * Merging an upstream improvement in a real browser (Debian's Chromium), with axe-core (WCAG 2.1
 * A/AA) on every page state, without and with JavaScript — the "Done when" journey of the network
 * catalog: Beispielhausen copies Musterstadt's "Hund anmelden", replaces the office and the fee
 * (its own dog tax, built on the fee page's pickers: local settings) and a question's label
 * (shared content) and publishes; Musterstadt publishes an improvement that conflicts in that one
 * place and changes its own fee too; Beispielhausen takes the changes, decides the conflict (first
 * with a mistake) and publishes again, its fee still its own, and the history shows which version
 * of Musterstadt's each version is based on.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { publishService } from '../../src/core/publishing.ts';
import type { ServiceDefinition } from '../../src/definition/types.ts';
import { checkA11y } from '../support/browser.ts';
import { type BrowserApp, useBrowserApp } from '../support/browser-app.ts';
import { browserStaffLogin } from '../support/browser-staff-login.ts';

/** The question the copy's fee row asks about, as the fee page offers it. */
const LISTENHUND = 'Ist Ihr Hund ein gefährlicher Hund (Listenhund)?';
const OUR_FEE_WORDS = `In Worten: Gebühr: 90,00 €; 410,00 € zusätzlich, wenn ${LISTENHUND} = Ja`;
const heading = (page: Page, name: string | RegExp, level = 1) => page.getByRole('heading', { level, name });
const button = (page: Page, name: string | RegExp) =>
  page.getByRole('button', { name, exact: typeof name === 'string' });

describe('merging an upstream improvement in the browser', () => {
  const env: BrowserApp = useBrowserApp();

  async function signIn(javaScript: boolean, tenant: string): Promise<Page> {
    const credential = env.testApp.credentials.find((c) => c.tenant === tenant && c.role === 'designer');
    assert.ok(credential, `demo designer of ${tenant}`);
    const page = await env.newPage(javaScript);
    await browserStaffLogin(page, env.testApp, credential);
    await heading(page, 'Leistungen gestalten').waitFor();
    return page;
  }

  /** Hands the draft shown over and publishes it; a next version asks for its change message. */
  async function publish(page: Page, state: string, message?: string) {
    await button(page, 'Zur Vorschau und Veröffentlichung').click();
    await page.getByRole('link', { name: 'Veröffentlichen …' }).click();
    await heading(page, /^Veröffentlichen: Hund anmelden/).waitFor();
    await checkA11y(page, `publish ${state}`);
    if (message) {
      await page.getByLabel(/^Version \d+ von „Hund anmelden/).check();
      await page.getByLabel('Änderungsnachricht').fill(message);
    }
    await button(page, 'Veröffentlichen').click();
    await page.getByText(/^Veröffentlicht als Version \d+\.$/).waitFor();
  }

  async function journey(javaScript: boolean, slug: string, theirs: string) {
    const mode = javaScript ? ' (JavaScript)' : '';
    const { store, clock } = env.testApp.app;
    const bhTenant = (await store.tenants.bySlug('beispielhausen'))!;
    const msTenant = (await store.tenants.bySlug('musterstadt'))!;

    // Beispielhausen finds and copies Musterstadt's service.
    const bh = await signIn(javaScript, 'beispielhausen');
    await bh.goto('/staff/design/katalog?q=hund');
    await bh.getByRole('link', { name: 'Hund anmelden (Hundesteuer)' }).click();
    await heading(bh, 'Katalog: Hund anmelden (Hundesteuer)').waitFor();
    await bh.getByLabel('Kennung in Ihrer Kommune').fill(slug);
    await button(bh, 'Übernehmen').click();
    await bh.getByText(/^Übernommen\. Ersetzen Sie/).waitFor();
    const draftUrl = bh.url().replace(/\?.*$/, '');
    const draftId = draftUrl.split('/').pop()!;

    // Its own office, and its own words for the first question.
    await bh.goto(`${draftUrl}/startseite`);
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
    const uid = (await store.editorDrafts.byId(bhTenant.id, draftId))!.definition.steps[0]!.fields[0]!.uid;
    await bh.goto(`${draftUrl}/felder/${uid}`);
    await bh.locator('#in-label-de').fill('Ihr voller Name');
    await button(bh, 'Speichern').click();
    await bh.getByText('Gespeichert.').waitFor();
    await checkA11y(bh, `question relabelled${mode}`);

    // Its own dog tax, built with the pickers in place of Musterstadt's rule (which reads a
    // computed value, so the page first shows it as JSON).
    await bh.goto(draftUrl);
    await bh.locator('#gebuehr-link').click();
    await heading(bh, 'Gebühr').waitFor();
    await button(bh, 'Stattdessen mit Auswahlfeldern neu bauen').click();
    await bh.getByRole('group', { name: 'Zeile 1', exact: true }).waitFor();
    await bh.locator('#in-label-de').fill('Hundesteuer in Beispielhausen');
    await bh.getByLabel('Grundgebühr in Euro').fill('90,00');
    await bh.getByLabel('Feld', { exact: true }).selectOption({ label: LISTENHUND });
    await button(bh, 'Auswahl aktualisieren').click();
    await bh
      .getByLabel('Vergleich')
      .locator('option', { hasText: 'ist gleich (=)' })
      .waitFor({ state: 'attached' });
    await bh.getByLabel('Vergleich').selectOption({ label: 'ist gleich (=)' });
    await button(bh, 'Auswahl aktualisieren').click();
    await bh.getByLabel('Wert').waitFor();
    await bh.getByLabel('Wert').selectOption({ label: 'Ja' });
    await bh.getByLabel('Betrag in Euro (Zeile 1)').fill('410');
    await button(bh, 'Gebühr speichern').click();
    await bh.getByText('Gespeichert.', { exact: true }).waitFor();
    assert.equal(await bh.locator('#fee-words').textContent(), OUR_FEE_WORDS);
    await checkA11y(bh, `the copy's own fee${mode}`);
    const ourFee = (await store.editorDrafts.byId(bhTenant.id, draftId))!.definition.local.fee;
    assert.deepEqual(ourFee?.label.de, 'Hundesteuer in Beispielhausen');
    await bh.goto(draftUrl);
    await publish(bh, `the copy${mode}`);

    // Musterstadt improves the same question, and another one.
    const live = await store.services.latestBySlug(msTenant.id, 'hund-anmelden');
    const improved = structuredClone(live!.definition) as ServiceDefinition;
    const [first, second] = improved.steps[0]!.fields as Array<{ label: { de: string } }>;
    first!.label = { de: theirs };
    second!.label = { de: `${second!.label.de} (Halterin oder Halter)` };
    // And its own dog tax goes up: a local setting of Musterstadt's, not Beispielhausen's.
    improved.local.fee = {
      ...improved.local.fee!,
      rule: { if: [{ var: 'listenhund' }, 66000, { var: 'weitererHund' }, 15600, 12000] },
    };
    const published = await publishService({ store, clock }, msTenant.id, improved, {
      publishedBy: null,
      changeMessage: 'Fragen klarer gestellt',
    });
    assert.ok(published.ok);

    // Beispielhausen takes the changes.
    await bh.goto(`/staff/design/leistungen/${slug}`);
    await bh.getByText(/^Neue Version von Musterstadt verfügbar: Version \d+\.$/).waitFor();
    await checkA11y(bh, `service with a new upstream version${mode}`);
    await button(bh, 'Änderungen übernehmen').click();
    await heading(bh, 'Änderungen von Musterstadt übernehmen').waitFor();
    await bh
      .getByText('Zusammengeführt. Das Ergebnis ist ein Entwurf; veröffentlicht ist noch nichts.')
      .waitFor();
    await bh
      .locator('#applied-changes')
      .getByText(/Halterin oder Halter/)
      .waitFor();
    await checkA11y(bh, `merge with one conflict${mode}`);

    // "bearbeiten" without a text: refused, nothing changed.
    await bh.getByLabel('bearbeiten').check();
    await bh.getByLabel('Bearbeitete Fassung (Deutsch)').fill('');
    await button(bh, 'Entscheidungen speichern').click();
    await bh.getByRole('alert', { name: 'Es gibt ein Problem' }).waitFor();
    await checkA11y(bh, `merge decision refused${mode}`);

    // Theirs it is.
    await bh.getByLabel('deren übernehmen').check();
    await button(bh, 'Entscheidungen speichern').click();
    await bh.getByText('Entscheidungen gespeichert.').waitFor();
    await bh.getByText('Keine offenen Konflikte.').waitFor();
    await checkA11y(bh, `merge decided${mode}`);
    await bh.getByRole('link', { name: 'Zum Entwurf: ansehen, übergeben und veröffentlichen' }).click();
    await bh.getByRole('link', { name: 'Zusammenführung ansehen' }).waitFor();
    await checkA11y(bh, `merged draft${mode}`);
    // The merged draft kept Beispielhausen's fee.
    const mergedDraftUrl = bh.url();
    await bh.locator('#gebuehr-link').click();
    await heading(bh, 'Gebühr').waitFor();
    assert.equal(await bh.locator('#fee-words').textContent(), OUR_FEE_WORDS);
    await checkA11y(bh, `the merged draft's fee${mode}`);
    await bh.goto(mergedDraftUrl);
    await publish(bh, `the merged draft${mode}`, 'Verbesserungen von Musterstadt übernommen');

    const merged = await store.services.latestBySlug(bhTenant.id, slug);
    const [label] = merged!.definition.steps[0]!.fields as Array<{ label: { de: string } }>;
    assert.equal(label!.label.de, theirs);
    assert.equal(merged!.definition.local.office.name.de, 'Gemeinde Beispielhausen, Ordnungsamt');
    assert.deepEqual(merged!.definition.local.fee, ourFee, 'the published merge kept the local fee');
    await bh.goto(`/staff/design/leistungen/${slug}`);
    await bh.getByRole('cell', { name: 'Verbesserungen von Musterstadt übernommen' }).waitFor();
    assert.equal(await bh.getByText(/^Neue Version von Musterstadt verfügbar/).count(), 0);
    await checkA11y(bh, `service merged and published, with its history${mode}`);

    // The live service's start page heads its costs with Beispielhausen's fee.
    await bh.goto(`/beispielhausen/${slug}`);
    await bh.getByRole('heading', { name: 'Hundesteuer in Beispielhausen' }).waitFor();
    assert.equal(await bh.getByRole('heading', { name: /Hundesteuer pro Jahr/ }).count(), 0);
    await checkA11y(bh, `the published merge's start page${mode}`);
  }

  test('the journey without JavaScript', async () => {
    await journey(false, 'hund-anmelden', 'Vorname und Nachname');
  });

  test('the journey with JavaScript', async () => {
    await journey(true, 'hund-anmelden-zwei', 'Vor- und Familienname');
  });
});
