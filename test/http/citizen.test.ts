import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { getByRole, queryByRole } from '@testing-library/dom';
import { sql } from 'kysely';
import { updateTenant } from '../../src/core/administration.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { fillFixture, publishFixture } from '../support/fixture.ts';
import { HttpClient, links } from '../support/http-client.ts';

const REFERENCE = /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/;

for (const dialect of DIALECTS) {
  describe(`citizen journey (${dialect.name})`, () => {
    let t: TestApp;
    let base: string;
    before(async () => {
      t = await startTestApp(dialect);
      base = await publishFixture(t);
    });
    after(() => t.close());

    const countSubmissions = async () => {
      const row = await sql<{ n: number | string }>`select count(*) as n from submissions`.execute(
        t.database.db,
      );
      return Number(row.rows[0]?.n);
    };

    test("every citizen page links to the municipality's Impressum, Datenschutz and Barrierefreiheit", async () => {
      const client = new HttpClient(t.app.server);
      for (const url of ['/musterstadt', '/musterstadt/hund-anmelden']) {
        const page = await client.get(url);
        const legal = getByRole(page.document.body, 'navigation', { name: 'Rechtliches' });
        assert.deepEqual(
          [...legal.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')]),
          [
            ['Impressum', 'https://www.musterstadt.example/impressum'],
            ['Datenschutz', 'https://www.musterstadt.example/datenschutz'],
            ['Barrierefreiheit', 'https://www.musterstadt.example/barrierefreiheit'],
          ],
          url,
        );
      }
      // A link removed by the operator disappears; the others stay.
      const tenant = await updateTenant({ store: t.app.store }, 'beispielhausen', {
        legalLinks: { privacy: '' },
      });
      assert.equal(tenant.legalLinks?.privacy, undefined);
      const other = await new HttpClient(t.app.server).get('/beispielhausen');
      const links = getByRole(other.document.body, 'navigation', { name: 'Rechtliches' });
      assert.deepEqual(
        [...links.querySelectorAll('a')].map((a) => a.textContent),
        ['Impressum', 'Barrierefreiheit'],
      );
    });

    test('the catalog lists the services of the municipality', async () => {
      const client = new HttpClient(t.app.server);
      const page = await client.get('/musterstadt');
      assert.equal(page.status, 200);
      assert.ok(
        getByRole(page.document.body, 'heading', { level: 1, name: 'Online-Leistungen – Musterstadt' }),
      );
      assert.ok(links(page, 'Testantrag').length === 1);
      const slash = await client.get('/musterstadt/');
      assert.equal(slash.status, 200, 'a trailing slash reaches the same page');
    });

    test('unknown municipalities, services and steps answer 404 with a page', async () => {
      const client = new HttpClient(t.app.server);
      for (const url of ['/nirgendwo', '/musterstadt/gibt-es-nicht', '/beispielhausen/testantrag']) {
        const page = await client.get(url);
        assert.equal(page.status, 404, url);
        assert.ok(getByRole(page.document.body, 'heading', { name: 'Seite nicht gefunden' }));
      }
    });

    test('steps need a started draft', async () => {
      const client = new HttpClient(t.app.server);
      const page = await client.get(`${base}/schritt/person`);
      assert.equal(page.status, 303);
      assert.equal(page.location, base);
    });

    test('an empty step shows an error summary linking to each field and keeps typed values', async () => {
      const client = new HttpClient(t.app.server);
      const start = await client.get(base);
      const first = await client.submit(start, 'Jetzt starten');
      const form = await client.get(first.location!);
      const result = await client.submit(form, 'Weiter', { vorname: 'Ada', nachname: '' });
      assert.equal(result.status, 400);
      assert.match(result.document.title, /^Fehler: /);
      const summary = getByRole(result.document.body, 'alert');
      const summaryLinks = Array.from(summary.querySelectorAll('a')).map((a) => a.getAttribute('href'));
      assert.ok(summaryLinks.includes('#field-nachname'), `links: ${summaryLinks.join(', ')}`);
      assert.ok(!summaryLinks.includes('#field-vorname'));
      const vorname = result.document.getElementById('field-vorname') as HTMLInputElement;
      assert.equal(vorname.value, 'Ada', 'the value is kept');
      const nachname = result.document.getElementById('field-nachname') as HTMLInputElement;
      assert.equal(nachname.getAttribute('aria-invalid'), 'true');
    });

    test('a complete journey: check answers, change an answer, declaration, reference number', async () => {
      const client = new HttpClient(t.app.server);
      let check = await fillFixture(client, base, 'Journey');
      assert.equal(check.status, 200);
      assert.ok(getByRole(check.document.body, 'heading', { level: 1, name: 'Prüfen Sie Ihre Angaben' }));
      assert.match(check.body, /VornameJourney/);
      assert.match(check.body, /27\.03\.1987/);
      assert.match(check.body, /Groß/, 'option labels, not codes');
      const fee = getByRole(check.document.body, 'region', { name: 'Bearbeitungsgebühr je Stück' });
      assert.match(fee.textContent ?? '', /37,50\s€/, 'the fee for three items, headed by its label');

      // "Ändern" goes back to the step and returns to the check page.
      const change = links(check, /Ändern.*Vorname/)[0];
      assert.ok(change, 'a change link for the first name');
      const step = await client.get(change.getAttribute('href')!.split('#')[0]!);
      assert.equal(step.status, 200);
      const changed = await client.submit(step, 'Weiter', { vorname: 'Geändert' });
      assert.equal(changed.location, `${base}/pruefen`);
      check = await client.get(`${base}/pruefen`);
      assert.match(check.body, /Geändert/);

      // Without the declaration nothing is submitted.
      const before = await countSubmissions();
      const missing = await client.submit(check, 'Antrag verbindlich absenden');
      assert.equal(missing.status, 400);
      assert.ok(getByRole(missing.document.body, 'alert'));
      assert.equal(await countSubmissions(), before);

      const submitted = await client.submit(check, 'Antrag verbindlich absenden', { erklaerung: 'ja' });
      assert.equal(submitted.status, 303);
      assert.equal(submitted.location, `${base}/eingegangen`);
      const confirmation = await client.get(submitted.location!);
      const reference = confirmation.document.getElementById('vorgangsnummer')?.textContent?.trim() ?? '';
      assert.match(reference, REFERENCE);
      assert.equal(await countSubmissions(), before + 1);

      // A reload or a second click returns the same submission and creates nothing.
      const again = await client.submit(check, 'Antrag verbindlich absenden', { erklaerung: 'ja' });
      assert.equal(again.location, `${base}/eingegangen`);
      const confirmationAgain = await client.get(`${base}/eingegangen`);
      assert.equal(
        confirmationAgain.document.getElementById('vorgangsnummer')?.textContent?.trim(),
        reference,
      );
      assert.equal(await countSubmissions(), before + 1);

      // The steps of a submitted draft lead to the confirmation; a new start begins a new draft.
      const stepAfter = await client.get(`${base}/schritt/person`);
      assert.equal(stepAfter.location, `${base}/eingegangen`);
      const start = await client.get(base);
      assert.ok(getByRole(start.document.body, 'button', { name: 'Jetzt starten' }));
    });

    test('answers of hidden fields and steps that do not apply are not stored', async () => {
      const client = new HttpClient(t.app.server);
      await client.submit(await client.get(base), /Jetzt starten|Antrag fortsetzen/);
      const person = await client.get(`${base}/schritt/person`);
      await client.submit(person, 'Weiter', {
        vorname: 'Kurz',
        nachname: 'Weg',
        'geburtsdatum-day': '1',
        'geburtsdatum-month': '1',
        'geburtsdatum-year': '1990',
      });
      // First say "yes" with more than two, so hidden answers exist in the draft…
      let details = await client.get(`${base}/schritt/details`);
      let next = await client.submit(details, 'Weiter', {
        anzahl: '3',
        art: 'klein',
        zusatz: 'yes',
        zusatztext: 'WIRD-VERWORFEN',
      });
      assert.equal(next.location, `${base}/schritt/begruendung`);
      const reason = await client.get(next.location!);
      await client.submit(reason, 'Weiter', { grund: 'AUCH-VERWORFEN' });
      // …then change to "no" and one: the text field is hidden and the reason step no longer applies.
      details = await client.get(`${base}/schritt/details`);
      next = await client.submit(details, 'Weiter', {
        anzahl: '1',
        art: 'klein',
        zusatz: 'no',
        zusatztext: 'WIRD-VERWORFEN',
      });
      assert.equal(next.location, `${base}/pruefen`);
      const check = await client.get(next.location!);
      assert.doesNotMatch(check.body, /WIRD-VERWORFEN|AUCH-VERWORFEN/);
      const done = await client.submit(check, 'Antrag verbindlich absenden', { erklaerung: 'ja' });
      assert.equal(done.location, `${base}/eingegangen`);
      const tenant = await t.app.store.tenants.bySlug('musterstadt');
      const inbox = await t.app.store.submissions.inbox(tenant!.id, { page: 1, pageSize: 100 });
      const latest = inbox.items[0]!;
      const stored = await t.app.store.submissions.byId(tenant!.id, latest.id);
      assert.deepEqual(Object.keys(stored!.answers).sort(), [
        'anzahl',
        'art',
        'geburtsdatum',
        'nachname',
        'vorname',
        'zusatz',
      ]);
    });

    test('an answer that reveals a further question on the same step asks it without an error', async () => {
      const client = new HttpClient(t.app.server);
      await client.submit(await client.get(base), /Jetzt starten|Antrag fortsetzen/);
      await client.submit(await client.get(`${base}/schritt/person`), 'Weiter', {
        vorname: 'Rosa',
        nachname: 'Reveal',
        'geburtsdatum-day': '2',
        'geburtsdatum-month': '2',
        'geburtsdatum-year': '1992',
      });
      const details = await client.get(`${base}/schritt/details`);
      assert.equal(details.document.getElementById('field-zusatztext'), null, 'hidden at first');
      const revealed = await client.submit(details, 'Weiter', { anzahl: '1', art: 'klein', zusatz: 'yes' });
      assert.equal(revealed.status, 200);
      assert.doesNotMatch(revealed.document.title, /^Fehler/);
      assert.equal(queryByRole(revealed.document.body, 'alert'), null, 'no error summary');
      assert.ok(getByRole(revealed.document.body, 'status'), 'a notice says more questions were added');
      assert.ok(revealed.document.getElementById('field-zusatztext'), 'the follow-up question is shown');
      const done = await client.submit(revealed, 'Weiter', { zusatztext: 'Folgeangabe' });
      assert.equal(done.location, `${base}/pruefen`);
    });

    test('an incomplete application lists each missing answer on the check page, linked to its field', async () => {
      const client = new HttpClient(t.app.server);
      await client.submit(await client.get(base), /Jetzt starten|Antrag fortsetzen/);
      await client.submit(await client.get(`${base}/schritt/person`), 'Weiter', {
        vorname: 'Ida',
        nachname: 'Incomplete',
        'geburtsdatum-day': '3',
        'geburtsdatum-month': '3',
        'geburtsdatum-year': '1993',
      });
      const check = await client.get(`${base}/pruefen`);
      const summary = getByRole(check.document.body, 'alert');
      const problems = Array.from(summary.querySelectorAll('a')).map((a) => [
        a.textContent,
        a.getAttribute('href'),
      ]);
      assert.ok(
        problems.some(
          ([text, href]) =>
            /Anzahl/.test(text ?? '') && href === `${base}/schritt/details?aendern=1#field-anzahl`,
        ),
        JSON.stringify(problems),
      );
      const refused = await client.submit(check, 'Antrag verbindlich absenden', { erklaerung: 'ja' });
      assert.equal(refused.status, 400, 'nothing is submitted');
    });

    test('a form without a valid CSRF token is refused and changes nothing', async () => {
      const client = new HttpClient(t.app.server);
      const start = await client.get(base);
      const noToken = await client.post(`${base}/start`, {});
      assert.equal(noToken.status, 403);
      const wrong = await client.post(`${base}/start`, { _csrf: 'x'.repeat(43) });
      assert.equal(wrong.status, 403);
      assert.ok(getByRole(start.document.body, 'button', { name: 'Jetzt starten' }));
      const step = await client.get(`${base}/schritt/person`);
      assert.equal(step.status, 303, 'still no draft');
    });

    test('the language switch shows the pages in English', async () => {
      const client = new HttpClient(t.app.server);
      const de = await client.get(base);
      const switchLink = links(de, 'English')[0];
      assert.ok(switchLink);
      const switched = await client.get(switchLink.getAttribute('href')!);
      assert.equal(switched.status, 303);
      assert.equal(switched.location, base);
      const en = await client.get(base);
      assert.equal(en.document.documentElement.lang, 'en');
      assert.ok(getByRole(en.document.body, 'heading', { level: 1, name: 'Test application' }));
      assert.ok(getByRole(en.document.body, 'button', { name: 'Start now' }));
      assert.equal(queryByRole(en.document.body, 'button', { name: 'Jetzt starten' }), null);
    });

    test('the language switch refuses to redirect to another site', async () => {
      const client = new HttpClient(t.app.server);
      for (const target of ['//evil.example', 'https://evil.example', '/\\evil.example']) {
        const page = await client.get(`/sprache/en?zurueck=${encodeURIComponent(target)}`);
        assert.equal(page.location, '/');
      }
    });
  });
}
