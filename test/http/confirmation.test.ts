/**
 * What the confirmation owes the citizen: the reference, what happens next, the responsible office
 * with its contact details (also on the start page), and a printable summary of everything sent
 * (repeating groups by item, files by name), only for the browser session that sent it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { getByRole, queryByRole } from '@testing-library/dom';
import { SENT_SUMMARY_HOURS } from '../../src/core/applications.ts';
import type { Answers } from '../../src/definition/types.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { draftWith, HUND_ANSWERS } from '../support/demo-drafts.ts';
import { HttpClient, links, type PageResult } from '../support/http-client.ts';
import { pdf } from '../support/upload-files.ts';

const BASE = '/musterstadt/bewohnerparkausweis';

/** "Bewohnerparkausweis beantragen" with two vehicles, up to the file step. */
const PARKING: Answers = {
  vorname: 'Erika',
  nachname: 'Musterfrau',
  geburtsdatum: '1985-03-27',
  email: 'erika@example.de',
  strasse: 'Hauptstraße',
  hausnummer: '12a',
  plz: '38300',
  ort: 'Musterstadt',
  zone: 'a',
  hauptwohnsitz: true,
  fahrzeuge: [
    { kennzeichen: 'MU-AB 123', halter: 'selbst' },
    {
      kennzeichen: 'MU-XY 77',
      halter: 'firma',
      halterName: 'Muster GmbH',
      nutzungBegruendung: 'Firmenwagen',
    },
  ],
  laufzeit: '12',
};

const text = (page: PageResult) => (page.document.body.textContent ?? '').replace(/\s+/g, ' ');

/** Sends the application with a file, in a new browser; returns the browser and its confirmation. */
async function send(t: TestApp) {
  const client = new HttpClient(t.app.server);
  await draftWith(t, client, BASE, PARKING);
  const fileStep = await client.get(`${BASE}/schritt/nachweise`);
  const uploaded = await client.submit(fileStep, 'Weiter', {}, [
    { field: 'fahrzeugschein', name: 'Fahrzeugschein-Muster.pdf', content: pdf(), type: 'application/pdf' },
  ]);
  assert.equal(uploaded.location, `${BASE}/pruefen`);
  const check = await client.get(`${BASE}/pruefen`);
  assert.equal(queryByRole(check.document.body, 'alert'), null, text(check));
  const sent = await client.submit(check, 'Antrag verbindlich absenden', { erklaerung: 'ja' });
  assert.equal(sent.location, `${BASE}/eingegangen`);
  return { client, confirmation: await client.get(`${BASE}/eingegangen`) };
}

for (const dialect of DIALECTS) {
  describe(`the confirmation (${dialect.name})`, () => {
    let t: TestApp;
    /** How far the app's clock is ahead of the real one. */
    let offsetMs = 0;
    before(async () => {
      t = await startTestApp(dialect, { clock: { now: () => new Date(Date.now() + offsetMs) } });
    });
    after(() => t.close());

    test('the start page names the responsible office with its contact details', async () => {
      const start = await new HttpClient(t.app.server).get(BASE);
      const office = start.document.getElementById('zustaendige-stelle');
      assert.match(office?.textContent ?? '', /Straßenverkehrsbehörde/);
      assert.match(office?.textContent ?? '', /Rathausplatz 1, 38300 Musterstadt/);
      assert.ok(links(start, 'bewohnerparken@musterstadt.example')[0]?.href.startsWith('mailto:'));
      assert.equal(links(start, '05331 86-3300')[0]?.getAttribute('href'), 'tel:05331863300');
    });

    test('shows the reference, what happens next, the office and the way to the summary', async () => {
      const { confirmation } = await send(t);
      assert.equal(confirmation.status, 200);
      const body = confirmation.document.body;
      assert.match(
        confirmation.document.getElementById('vorgangsnummer')?.textContent ?? '',
        /\w{4}-\w{4}-\w{4}/,
      );
      assert.ok(getByRole(body, 'heading', { level: 2, name: 'Wie es weitergeht' }));
      // The service's own text (local.nextSteps) replaces the general one.
      assert.match(text(confirmation), /Wir prüfen Ihren Antrag/);
      assert.ok(getByRole(body, 'heading', { level: 2, name: 'Zuständige Stelle' }));
      const office = confirmation.document.getElementById('zustaendige-stelle');
      assert.match(
        office?.textContent ?? '',
        /Straßenverkehrsbehörde.*Rathausplatz 1.*05331 86-3300.*bewohnerparken@/s,
      );
      assert.doesNotMatch(
        text(confirmation),
        /per E-Mail|(senden|schicken) Ihnen[^.]*Bestätigung/,
        'no promise of mail',
      );
      assert.ok(links(confirmation, 'Zusammenfassung Ihres Antrags ansehen und drucken')[0]);
    });

    test('without its own text, the confirmation says what happens next in general', async () => {
      const client = new HttpClient(t.app.server);
      const base = '/musterstadt/hund-anmelden';
      await draftWith(t, client, base, HUND_ANSWERS);
      const check = await client.get(`${base}/pruefen`);
      await client.submit(check, 'Antrag verbindlich absenden', { erklaerung: 'ja' });
      const confirmation = await client.get(`${base}/eingegangen`);
      assert.match(text(confirmation), /Die zuständige Stelle bearbeitet Ihren Antrag/);
      assert.match(text(confirmation), /Steueramt/);
    });

    test('the summary lists everything sent, items and file names included, and prints without links', async () => {
      const { client, confirmation } = await send(t);
      const reference = confirmation.document.getElementById('vorgangsnummer')?.textContent?.trim() ?? '';
      const href = links(confirmation, 'Zusammenfassung Ihres Antrags ansehen und drucken')[0]!.getAttribute(
        'href',
      )!;
      assert.equal(href, `${BASE}/eingegangen/zusammenfassung`);
      const summary = await client.get(href);
      assert.equal(summary.status, 200);
      assert.equal(summary.response.headers['cache-control'], 'no-store');
      const all = text(summary);
      assert.ok(
        getByRole(summary.document.body, 'heading', { level: 1, name: 'Zusammenfassung Ihres Antrags' }),
      );
      assert.match(all, new RegExp(reference));
      assert.match(all, /Bewohnerparkausweis/);
      assert.match(all, /Erika/);
      assert.ok(
        getByRole(summary.document.body, 'heading', { name: 'Fahrzeug 2' }),
        'each item of the group',
      );
      assert.match(all, /MU-XY 77/);
      assert.match(all, /Muster GmbH/);
      assert.match(all, /Fahrzeugschein-Muster\.pdf/, 'files by name');
      assert.match(all, /Sie haben diese Erklärung beim Absenden bestätigt/);
      assert.equal(queryByRole(summary.document.body, 'link', { name: /Ändern/ }), null, 'nothing to change');
      // Print CSS hides what is not the application.
      assert.ok(summary.document.querySelector('.aw-no-print'));

      // Another browser does not see it: it has no draft, so it is sent to the start page.
      const other = await new HttpClient(t.app.server).get(href);
      assert.equal(other.status, 303);
      assert.equal(other.location, BASE);
    });

    test(`after ${SENT_SUMMARY_HOURS} hours the summary is gone; the confirmation stays`, async () => {
      const { client } = await send(t);
      offsetMs = SENT_SUMMARY_HOURS * 60 * 60 * 1000 + 1000;
      try {
        const gone = await client.get(`${BASE}/eingegangen/zusammenfassung`);
        assert.equal(gone.status, 410);
        assert.ok(
          getByRole(gone.document.body, 'heading', {
            level: 1,
            name: 'Die Zusammenfassung ist nicht mehr abrufbar',
          }),
        );
        assert.doesNotMatch(text(gone), /MU-XY 77|Erika/, 'no answers any more');
        assert.match(text(gone), /Straßenverkehrsbehörde/, 'who to ask instead');
        assert.equal((await client.get(`${BASE}/eingegangen`)).status, 200);
      } finally {
        offsetMs = 0;
      }
    });

    test('before anything was sent, the summary leads back to the confirmation (and so onwards)', async () => {
      const client = new HttpClient(t.app.server);
      await draftWith(t, client, BASE, PARKING);
      const early = await client.get(`${BASE}/eingegangen/zusammenfassung`);
      assert.equal(early.status, 303);
      assert.equal(early.location, `${BASE}/eingegangen`);
    });
  });
}
