/**
 * The words of the citizen's pages as a person reads them: browser titles that name the page, the
 * service and the municipality, and names of offices that stand beside a text, not in a sentence.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { fillFixture, publishFixture } from '../support/fixture.ts';
import { HttpClient } from '../support/http-client.ts';

const [sqlite] = DIALECTS;

describe('citizen page titles and names', () => {
  let t: TestApp;
  let base: string;
  before(async () => {
    t = await startTestApp(sqlite!);
    base = await publishFixture(t);
  });
  after(() => t.close());

  test('every page of a service is titled "page – service – municipality", in both languages', async () => {
    const client = new HttpClient(t.app.server);
    const start = await client.get(base);
    assert.equal(start.document.title, 'Testantrag – Musterstadt', 'the start page is titled by its service');
    const first = await client.submit(start, 'Jetzt starten');
    const step = await client.get(first.location!);
    assert.equal(step.document.title, 'Angaben zur Person – Testantrag – Musterstadt');
    const refused = await client.submit(step, 'Weiter', { vorname: '' });
    assert.equal(refused.document.title, 'Fehler: Angaben zur Person – Testantrag – Musterstadt');

    const check = await fillFixture(client, base, 'Titel');
    assert.equal(check.document.title, 'Prüfen Sie Ihre Angaben – Testantrag – Musterstadt');
    const submitted = await client.submit(check, 'Antrag verbindlich absenden', { erklaerung: 'ja' });
    const confirmation = await client.get(submitted.location!);
    assert.equal(confirmation.document.title, 'Antrag eingegangen – Testantrag – Musterstadt');

    await client.get(`/sprache/en?zurueck=${encodeURIComponent(base)}`);
    const startEn = await client.get(base);
    assert.equal(startEn.document.title, 'Test application – Musterstadt');
    const begun = await client.submit(startEn, /Start now|Continue/);
    const stepEn = await client.get(begun.location!);
    assert.equal(stepEn.document.title, 'About you – Test application – Musterstadt');
  });

  test("the start page heads the note on costs with the fee's own label, not a fixed word", async () => {
    const start = await new HttpClient(t.app.server).get(base);
    const headings = [...start.document.querySelectorAll('h2')].map((h) => h.textContent);
    assert.ok(headings.includes('Bearbeitungsgebühr je Stück'), headings.join(' | '));
    assert.ok(!headings.includes('Kosten'));
    const fee = [...start.document.querySelectorAll('h2')].find(
      (h) => h.textContent === 'Bearbeitungsgebühr je Stück',
    );
    assert.equal(fee?.nextElementSibling?.textContent, '12,50 € je Stück');
  });

  test('the list of services names the municipality beside its heading, not in a sentence', async () => {
    const client = new HttpClient(t.app.server);
    const catalog = await client.get('/musterstadt');
    assert.equal(catalog.document.title, 'Online-Leistungen – Musterstadt');
    assert.equal(catalog.document.querySelector('h1')?.textContent, 'Online-Leistungen – Musterstadt');
  });

  test('the confirmation names the office beside a label, without an article', async () => {
    const client = new HttpClient(t.app.server);
    const check = await fillFixture(client, base, 'Stelle');
    const submitted = await client.submit(check, 'Antrag verbindlich absenden', { erklaerung: 'ja' });
    const confirmation = await client.get(submitted.location!);
    const text = (confirmation.document.querySelector('main')?.textContent ?? '').replace(/\s+/g, ' ');
    assert.match(text, /Zuständige Stelle: Bürgeramt Musterstadt\./);
    assert.doesNotMatch(text, /bei Bürgeramt/);
  });
});
