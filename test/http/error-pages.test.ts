/**
 * Every error page offers the next step: a refused form (an expired session, a form of an earlier
 * session) says what happened and what to do, and links back to the page the form came from.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { getByRole } from '@testing-library/dom';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { draftWith, HUND_ANSWERS } from '../support/demo-drafts.ts';
import { HttpClient, links } from '../support/http-client.ts';

const BASE = '/musterstadt/hund-anmelden';

for (const dialect of DIALECTS) {
  describe(`error pages offer the next step (${dialect.name})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(() => t.close());

    test('an expired session on a step says what to do and links back to that step', async () => {
      const client = new HttpClient(t.app.server);
      await draftWith(t, client, BASE, HUND_ANSWERS);
      const step = await client.get(`${BASE}/schritt/hund?aendern=1`);
      assert.equal(step.status, 200);
      // The session ends (the cookie expired or was deleted) while the page is open.
      client.cookies.clear();
      const refused = await client.submit(step, 'Weiter', { hundName: 'Rex' });
      assert.equal(refused.status, 403);
      assert.ok(
        getByRole(refused.document.body, 'heading', { level: 1, name: 'Ihre Sitzung ist abgelaufen' }),
      );
      assert.match(refused.document.body.textContent ?? '', /nicht gespeichert/);
      const back = links(refused, 'Zurück zum Formular')[0];
      assert.equal(back?.getAttribute('href'), `${BASE}/schritt/hund?aendern=1`);
    });

    test('what a refused step carried is shown to copy, only for a post from our own page', async () => {
      const base = '/beispielhausen/veranstaltung-anzeigen';
      // The browser marks a post from a page of the same site (Sec-Fetch-Site).
      const client = new HttpClient(t.app.server, { headers: { 'sec-fetch-site': 'same-origin' } });
      await draftWith(t, client, base, {});
      const step = await client.get(`${base}/schritt/veranstaltung`);
      client.cookies.clear();
      const description = 'Ein langes Fest.\nMit Kuchen und Musik.';
      const refused = await client.submit(step, 'Weiter', { titel: 'Sommerfest', beschreibung: description });
      assert.equal(refused.status, 403);
      assert.ok(getByRole(refused.document.body, 'heading', { level: 2, name: 'Ihre letzten Eingaben' }));
      const values = [...refused.document.querySelectorAll('dd')].map((dd) => dd.textContent?.trim());
      assert.deepEqual(values, ['Sommerfest', description]);
      assert.deepEqual(
        [...refused.document.querySelectorAll('dt')].map((dt) => dt.textContent?.trim()),
        ['Name der Veranstaltung', 'Beschreiben Sie kurz den Ablauf'],
      );

      // Posted from another site, the same form shows nothing of what it carried.
      const foreign = new HttpClient(t.app.server, { headers: { 'sec-fetch-site': 'cross-site' } });
      const forged = await foreign.post(`${base}/schritt/veranstaltung`, {
        titel: 'Gewinnspiel: rufen Sie an',
      });
      assert.equal(forged.status, 403);
      assert.doesNotMatch(forged.body, /Gewinnspiel/);
      assert.ok(links(forged, 'Zurück zum Formular')[0], 'the way back is still offered');
    });

    test('a refused submit links back to the check page, a refused start to the start page', async () => {
      const client = new HttpClient(t.app.server);
      await draftWith(t, client, BASE, HUND_ANSWERS);
      const wrong = 'x'.repeat(43);
      const submit = await client.post(`${BASE}/absenden`, { _csrf: wrong, erklaerung: 'ja' });
      assert.equal(submit.status, 403);
      assert.equal(links(submit, 'Zurück zum Formular')[0]?.getAttribute('href'), `${BASE}/pruefen`);
      const start = await new HttpClient(t.app.server).post(`${BASE}/start`, { _csrf: wrong });
      assert.equal(start.status, 403);
      assert.equal(links(start, 'Zur Startseite der Leistung')[0]?.getAttribute('href'), BASE);
    });
  });
}
