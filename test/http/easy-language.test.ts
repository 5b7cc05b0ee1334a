/**
 * Leichte Sprache (ADR 0019) as a citizen meets it: the switch in the header, the texts of the
 * demo "Hund anmelden" in Leichte Sprache, the standard text where a service has none (and the
 * start page saying so), the choice remembered, the way back, English, and no open redirect.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { getByRole } from '@testing-library/dom';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { publishFixture } from '../support/fixture.ts';
import { HttpClient, links, type PageResult } from '../support/http-client.ts';

const DOG = '/musterstadt/hund-anmelden';
const EASY_SUMMARY = 'Hier melden Sie Ihren Hund an. Für den Hund zahlen Sie dann Hunde-Steuer.';
const STANDARD_SUMMARY = 'Melden Sie Ihren Hund in Musterstadt zur Hundesteuer an.';

/** Follows the header link named `name` (a 303 back to the page) and loads the page again. */
async function follow(client: HttpClient, page: PageResult, name: string, back: string): Promise<PageResult> {
  const link = links(page, name)[0];
  assert.ok(link, `the header has a "${name}" link`);
  const switched = await client.get(link.getAttribute('href')!);
  assert.equal(switched.status, 303);
  assert.equal(switched.location, back, 'back to the same page');
  return client.get(back);
}

/** The start page's note on how much of the service is in Leichte Sprache. */
function easyNotice(page: PageResult): string {
  const notes = page.document.querySelectorAll('main .aw-easy-notice');
  assert.ok(notes.length <= 1, 'said once');
  return (notes[0]?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function lead(page: PageResult): string {
  return page.document.querySelector('main .kern-body--large')?.textContent ?? '';
}

for (const dialect of DIALECTS) {
  describe(`Leichte Sprache (${dialect.name})`, () => {
    let t: TestApp;
    let fixture: string;
    before(async () => {
      t = await startTestApp(dialect);
      fixture = await publishFixture(t);
    });
    after(() => t.close());

    test('the header switches the start page to Leichte Sprache, in German, saying how much is', async () => {
      const client = new HttpClient(t.app.server);
      const standard = await client.get(DOG);
      assert.equal(lead(standard), STANDARD_SUMMARY);
      assert.equal(links(standard, 'Alltags-Sprache').length, 0);

      const easy = await follow(client, standard, 'Leichte Sprache', DOG);
      assert.equal(client.cookies.get('aw_lang'), 'ls');
      assert.equal(easy.document.documentElement.lang, 'de', 'Leichte Sprache is German');
      assert.equal(lead(easy), EASY_SUMMARY);
      assert.match(easy.body, /Für den ersten Hund zahlen Sie 108 Euro im Jahr\./);
      assert.match(easy.body, /Die Konto-Nummer heißt auch: IBAN\./);
      assert.ok(getByRole(easy.document.body, 'heading', { level: 1, name: 'Hund anmelden (Hundesteuer)' }));
      assert.equal(
        easyNotice(easy),
        'Die Erklärungen sind in Leichter Sprache. Die Fragen sind in Alltags-Sprache. Unter vielen Fragen steht eine Erklärung in Leichter Sprache.',
      );
      assert.equal(links(easy, 'Leichte Sprache').length, 0, 'the switch now leads back');
      assert.equal(links(easy, 'Alltags-Sprache').length, 1);
      assert.equal(links(easy, 'English').length, 1, 'the language switch stays');
    });

    test('the choice is remembered: catalog, help texts on the steps, and the browser copy', async () => {
      const client = new HttpClient(t.app.server);
      await client.get(`/sprache/leicht?zurueck=${encodeURIComponent('/musterstadt')}`);
      const catalog = await client.get('/musterstadt');
      assert.match(catalog.body, new RegExp(EASY_SUMMARY));

      const start = await client.get(DOG);
      const first = await client.submit(start, 'Jetzt starten');
      const step = await client.get(first.location!);
      assert.equal(step.status, 200);
      assert.equal(step.document.documentElement.lang, 'de');
      const hint = step.document.getElementById('field-email-hint');
      assert.match(hint?.textContent ?? '', /^Haben Sie eine E-Mail-Adresse\? Dann schreiben Sie/);
      // The question itself stays: caseworkers read the same words.
      assert.ok(getByRole(step.document.body, 'textbox', { name: /^E-Mail-Adresse/ }));
      const href = step.document.querySelector('form[data-aw-step]')?.getAttribute('data-aw-definition');
      const data = JSON.parse((await client.get(href!)).body);
      const email = data.steps[0].fields.find((f: { key: string }) => f.key === 'email');
      assert.match(email.hint.de, /^Haben Sie eine E-Mail-Adresse\?/, 'revealed questions too');
      // The standard variant is another resource: each variant is named by its content.
      const standard = new HttpClient(t.app.server);
      await standard.get('/sprache/de?zurueck=/');
      const plain = await standard.get(DOG);
      const plainStep = await standard.get((await standard.submit(plain, 'Jetzt starten')).location!);
      const plainHref = plainStep.document
        .querySelector('form[data-aw-step]')
        ?.getAttribute('data-aw-definition');
      assert.notEqual(plainHref, href);
      const plainData = JSON.parse((await standard.get(plainHref!)).body);
      const plainEmail = plainData.steps[0].fields.find((f: { key: string }) => f.key === 'email');
      assert.doesNotMatch(plainEmail.hint.de, /^Haben Sie eine E-Mail-Adresse\?/);

      // An error does not lose it either.
      const errors = await client.submit(step, 'Weiter', {});
      assert.equal(errors.status, 400);
      assert.match(
        errors.document.getElementById('field-telefon-hint')?.textContent ?? '',
        /Dann rufen wir Sie an\./,
      );
    });

    test('a service without Leichte Sprache shows its standard texts and says so once', async () => {
      const client = new HttpClient(t.app.server);
      const standard = await client.get(fixture);
      const easy = await follow(client, standard, 'Leichte Sprache', fixture);
      assert.equal(lead(easy), lead(standard), 'the standard text');
      assert.equal(
        easyNotice(easy),
        'Diesen Antrag gibt es nicht in Leichter Sprache. Alle Texte sind in Alltags-Sprache.',
      );
      const first = await client.submit(easy, 'Jetzt starten');
      const step = await client.get(first.location!);
      assert.equal(easyNotice(step), '', 'only on the start page');
    });

    test('"Alltags-Sprache" leads back to standard German', async () => {
      const client = new HttpClient(t.app.server);
      const easy = await follow(client, await client.get(DOG), 'Leichte Sprache', DOG);
      const standard = await follow(client, easy, 'Alltags-Sprache', DOG);
      assert.equal(lead(standard), STANDARD_SUMMARY);
      assert.equal(client.cookies.get('aw_lang'), 'de');
      assert.equal(easyNotice(standard), '', 'no notice');
      assert.equal(links(standard, 'Leichte Sprache').length, 1);
    });

    test('English replaces Leichte Sprache; from English the switch leads to German in Leichte Sprache', async () => {
      const client = new HttpClient(t.app.server);
      const easy = await follow(client, await client.get(DOG), 'Leichte Sprache', DOG);
      const en = await follow(client, easy, 'English', DOG);
      assert.equal(en.document.documentElement.lang, 'en');
      assert.equal(lead(en), 'Register your dog in Musterstadt for dog tax.');
      assert.equal(easyNotice(en), '');
      const switchLink = links(en, 'Leichte Sprache')[0];
      assert.equal(switchLink?.getAttribute('lang'), 'de', 'a German link on an English page');
      const again = await follow(client, en, 'Leichte Sprache', DOG);
      assert.equal(again.document.documentElement.lang, 'de');
      assert.equal(lead(again), EASY_SUMMARY);
      const deutsch = await follow(client, again, 'Alltags-Sprache', DOG);
      assert.equal(lead(deutsch), STANDARD_SUMMARY);
    });

    test('staff pages have no Leichte-Sprache switch', async () => {
      const client = new HttpClient(t.app.server);
      const login = await client.get('/staff/login');
      assert.equal(links(login, 'Leichte Sprache').length, 0);
    });

    test('the switch refuses to redirect to another site', async () => {
      const client = new HttpClient(t.app.server);
      for (const target of ['//evil.example', 'https://evil.example', '/\\evil.example', 'evil.example']) {
        const page = await client.get(`/sprache/leicht?zurueck=${encodeURIComponent(target)}`);
        assert.equal(page.status, 303);
        assert.equal(page.location, '/', target);
      }
      assert.equal(client.cookies.get('aw_lang'), 'ls', 'the choice itself is kept');
    });
  });
}
