/**
 * Versions with their history and the network catalog, through the real app on both databases:
 * Musterstadt's demo offer is found by Beispielhausen (by name, LeiKa key, Land, provider), copied
 * into a draft linked to its origin, adapted (the office) and published; Musterstadt publishes an
 * improvement with a change message, and Beispielhausen sees "Neue Version von Musterstadt
 * verfügbar" with both sides' changes. Bad input gets a clear error and changes nothing.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { getAllByRole, getByRole } from '@testing-library/dom';
import { repoRoot, startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { alerts, candidateIdOf, login, upload } from '../support/design-client.ts';
import type { HttpClient, PageResult } from '../support/http-client.ts';

const hundAnmelden = () =>
  JSON.parse(readFileSync(join(repoRoot, 'definitions', 'musterstadt', 'hund-anmelden.json'), 'utf8'));

const rowsOf = (page: PageResult) =>
  getAllByRole(page.document.getElementById('katalog')!, 'row')
    .slice(1)
    .map((row) => row.textContent!.replace(/\s+/g, ' ').trim());

for (const dialect of DIALECTS) {
  describe(`versions and the network catalog (${dialect.name})`, () => {
    let t: TestApp;
    let bh: HttpClient;
    let ms: HttpClient;
    let entryPath: string;
    let musterstadtId: string;
    let beispielhausenId: string;

    before(async () => {
      t = await startTestApp(dialect);
      bh = (await login(t, 'beispielhausen', 'designer')).client;
      ms = (await login(t, 'musterstadt', 'designer')).client;
      musterstadtId = (await t.app.store.tenants.bySlug('musterstadt'))!.id;
      beispielhausenId = (await t.app.store.tenants.bySlug('beispielhausen'))!.id;
    });
    after(() => t.close());

    test('Beispielhausen finds Musterstadt’s service by name, LeiKa key, Land and provider', async () => {
      const home = await bh.get('/staff/design');
      const link = getByRole(home.document.body, 'link', { name: 'Katalog der Kommunen' });
      const all = await bh.get(link.getAttribute('href')!);
      assert.equal(all.status, 200);
      assert.deepEqual(rowsOf(all), [
        'Hund anmelden (Hundesteuer) Tiere und Steuern Musterstadt Niedersachsen 99102013002000 in Betrieb in 1 Kommune',
      ]);
      for (const query of ['hund', 'HUNDE', '991020130', 'nieders', 'muster anmelden']) {
        const found = await bh.get(`/staff/design/katalog?q=${encodeURIComponent(query)}`);
        assert.equal(rowsOf(found).length, 1, query);
      }
      const none = await bh.get('/staff/design/katalog?q=sperrm%C3%BCll');
      assert.match(none.body, /Keine Leistung gefunden/);
      entryPath = getByRole(all.document.body, 'link', { name: 'Hund anmelden (Hundesteuer)' }).getAttribute(
        'href',
      )!;
      const entry = await bh.get(entryPath);
      assert.equal(entry.status, 200);
      assert.equal(
        entry.document.getElementById('lizenz')?.textContent,
        'EUPL-1.2 (European Union Public Licence)',
      );
      assert.match(entry.body, /Sachkundenachweis/, 'the experience report');
    });

    test('a comment and a copy with bad input change nothing; the origin cannot copy its own', async () => {
      const entry = await bh.get(entryPath);
      const empty = await bh.submit(entry, 'Kommentar speichern', { kommentar: '   ' });
      assert.equal(empty.status, 400);
      assert.deepEqual(alerts(empty), ['Schreiben Sie einen Kommentar']);
      const invalid = await bh.submit(entry, 'Übernehmen', { kennung: 'Hund Anmelden!' });
      assert.equal(invalid.status, 400);
      assert.match(alerts(invalid)[0]!, /Kleinbuchstaben, Ziffern und Bindestrichen/);
      const taken = await bh.submit(entry, 'Übernehmen', { kennung: 'veranstaltung-anzeigen' });
      assert.equal(taken.status, 409);
      assert.match(alerts(taken)[0]!, /schon eine Leistung/);
      assert.deepEqual(await t.app.store.editorDrafts.list(beispielhausenId), []);
      assert.equal((await t.app.store.catalog.comments(entryPath.split('/').pop()!)).length, 0);

      const own = await ms.get(entryPath);
      assert.match(own.body, /Diese Leistung bietet Ihre Kommune selbst an/);
      const forged = await ms.post(`${entryPath}/uebernehmen`, {
        _csrf: csrfOfPage(own),
        kennung: 'hund-zwei',
      });
      assert.equal(forged.status, 400);
      // Without the CSRF token nothing is copied either.
      const noCsrf = await bh.post(`${entryPath}/uebernehmen`, { kennung: 'hund-anmelden' });
      assert.equal(noCsrf.status, 403);
      assert.deepEqual(await t.app.store.editorDrafts.list(beispielhausenId), []);
    });

    test('Beispielhausen comments, copies the service, replaces the office and publishes it', async () => {
      const entry = await bh.get(entryPath);
      const commented = await send(bh, entry, 'Kommentar speichern', { kommentar: 'Sehr hilfreich, danke!' });
      assert.equal(commented.status, 200);
      assert.match(commented.body, /Beispielhausen am/);

      const draft = await send(bh, await bh.get(entryPath), 'Übernehmen', { kennung: 'hund-anmelden' });
      assert.equal(draft.status, 200);
      assert.equal(
        draft.document.getElementById('gestartet-aus')?.textContent,
        'Übernommen aus dem Katalog (Musterstadt, Version 1, Lizenz EUPL-1.2)',
      );
      assert.match(draft.body, /Platzhalter offen: 4/);
      const draftPath = draft.path;

      const general = await bh.get(`${draftPath}/startseite`);
      const saved = await send(bh, general, 'Speichern', {
        's.officeName.de': 'Gemeinde Beispielhausen, Ordnungsamt',
        's.officeName.en': 'Municipality of Beispielhausen, public order office',
        's.office.email': 'ordnungsamt@beispielhausen.example',
        's.office.phone': '01234 567-0',
        's.office.address': 'Marktplatz 1, 12345 Beispielhausen',
      });
      assert.equal(saved.status, 200);
      const adapted = await bh.get(draftPath);
      assert.doesNotMatch(adapted.body, /Platzhalter offen/);
      const candidate = await send(bh, adapted, 'Zur Vorschau und Veröffentlichung');
      const confirm = await bh.get(`/staff/design/uploads/${candidateIdOf(candidate)}/veroeffentlichen`);
      const published = await send(bh, confirm, 'Veröffentlichen');
      assert.equal(published.status, 200);
      const live = await t.app.store.services.latestBySlug(beispielhausenId, 'hund-anmelden');
      assert.equal(live?.definition.local.office.name.de, 'Gemeinde Beispielhausen, Ordnungsamt');
      assert.equal(live?.changeMessage, 'Erste Version');

      const service = await bh.get('/staff/design/leistungen/hund-anmelden');
      const provenance = service.document.getElementById('provenance')!.textContent!;
      assert.match(
        provenance,
        /Übernommen aus dem Katalog: „Hund anmelden \(Hundesteuer\)“ von Musterstadt, Version 1/,
      );
      assert.match(provenance, /Lizenz: EUPL-1\.2/);
      assert.match(service.body, /Erste Version/);
      assert.match((await bh.get(entryPath)).body, /in Betrieb in 2 Kommunen/);
    });

    test('a version needs a change message; the history keeps it and compares two versions', async () => {
      const page = await ms.get('/staff/design');
      const improved = hundAnmelden();
      improved.steps[0].fields[0].label.de = 'Vorname und Nachname';
      const candidate = await upload(ms, page, {
        name: 'hund-anmelden.json',
        content: JSON.stringify(improved),
      });
      const confirm = await ms.get(`/staff/design/uploads/${candidateIdOf(candidate)}/veroeffentlichen`);
      const noMessage = await ms.submit(confirm, 'Veröffentlichen', { ziel: 'naechste-version' });
      assert.equal(noMessage.status, 400);
      assert.deepEqual(alerts(noMessage), [
        'Schreiben Sie in die Änderungsnachricht, was sich ändert und warum',
      ]);
      assert.equal((await t.app.store.services.latestBySlug(musterstadtId, 'hund-anmelden'))?.version, 1);
      const published = await send(ms, noMessage, 'Veröffentlichen', {
        ziel: 'naechste-version',
        aenderungsnachricht: 'Frage nach dem Namen klarer',
      });
      assert.equal(published.status, 200);

      const service = await ms.get('/staff/design/leistungen/hund-anmelden');
      const rows = getAllByRole(service.document.getElementById('versions')!, 'row').map((r) =>
        r.textContent!.replace(/\s+/g, ' '),
      );
      assert.match(rows[1]!, /^ ?2 Hund anmelden .* Lena Gestalt Frage nach dem Namen klarer aktuell/);
      assert.match(rows[2]!, /Demo-Daten: hund-anmelden\.json/);
      assert.ok(getByRole(service.document.body, 'button', { name: 'Vergleichen' }));
      const compared = await ms.get('/staff/design/leistungen/hund-anmelden/vergleich?von=1&bis=2');
      assert.equal(compared.status, 200);
      assert.match(compared.document.getElementById('changes')!.textContent!, /Vorname und Nachname/);
      assert.equal(
        (await ms.get('/staff/design/leistungen/hund-anmelden/vergleich?von=eins&bis=2')).status,
        400,
      );
      assert.equal(
        (await ms.get('/staff/design/leistungen/hund-anmelden/vergleich?von=1&bis=9')).status,
        404,
      );
    });

    test('Beispielhausen sees the new version with the upstream and its own changes', async () => {
      const service = await bh.get('/staff/design/leistungen/hund-anmelden');
      assert.match(service.body, /Neue Version von Musterstadt verfügbar: Version 2\./);
      const upstream = await bh.get(
        getByRole(service.document.body, 'link', { name: 'Änderungen ansehen' }).getAttribute('href')!,
      );
      assert.equal(upstream.status, 200);
      assert.equal(
        getByRole(upstream.document.body, 'heading', { level: 1 }).textContent,
        'Neue Version von Musterstadt verfügbar',
      );
      assert.match(
        upstream.document.getElementById('upstream-changes')!.textContent!,
        /Vorname und Nachname/,
      );
      assert.match(
        upstream.document.getElementById('upstream-message')!.textContent!,
        /Frage nach dem Namen klarer/,
      );
      assert.doesNotMatch(
        upstream.document.getElementById('upstream-changes')!.textContent!,
        /Zuständige Stelle|Ordnungsamt/,
      );
      assert.match(upstream.document.getElementById('local-changes')!.textContent!, /Ordnungsamt|Stelle/);
      assert.ok(getByRole(upstream.document.body, 'button', { name: 'Änderungen übernehmen' }));
      // Musterstadt's own service is no copy: it has no upstream.
      assert.equal((await ms.get('/staff/design/leistungen/hund-anmelden/neue-version')).status, 404);
    });

    test('the catalog is for designers: a caseworker is refused every page and change', async () => {
      const { client } = await login(t, 'beispielhausen', 'caseworker');
      for (const url of [
        '/staff/design/katalog',
        entryPath,
        '/staff/design/leistungen/veranstaltung-anzeigen/katalog',
        '/staff/design/leistungen/hund-anmelden/neue-version',
        '/staff/design/leistungen/hund-anmelden/vergleich?von=1&bis=1',
      ]) {
        assert.equal((await client.get(url)).status, 403, url);
      }
      const csrf = csrfOfPage(await client.get('/staff/inbox'));
      for (const url of [`${entryPath}/uebernehmen`, `${entryPath}/kommentare`]) {
        assert.equal(
          (await client.post(url, { _csrf: csrf, kennung: 'x-y', kommentar: 'x' })).status,
          403,
          url,
        );
      }
    });

    test('a designer offers a service; a form with problems stores nothing', async () => {
      const form = await ms.get('/staff/design/leistungen/sperrmuell-anmelden/katalog');
      const refused = await ms.submit(form, 'Im Katalog anbieten', {
        leika: '123',
        topic: '',
        land: '',
        contact: '',
      });
      assert.equal(refused.status, 400);
      assert.deepEqual(alerts(refused), [
        'Geben Sie den LeiKa-Schlüssel mit genau 14 Ziffern ein, oder lassen Sie das Feld leer',
        'Geben Sie ein Thema ein',
        'Wählen Sie das Land Ihrer Kommune',
        'Beschreiben Sie die Leistung',
        'Geben Sie eine Ansprechperson an',
      ]);
      assert.equal((await bh.get('/staff/design/katalog?q=sperrm')).body.includes('Sperrmüll'), false);
      const offered = await send(ms, refused, 'Im Katalog anbieten', {
        leika: '',
        topic: 'Abfall',
        land: 'Niedersachsen',
        description: 'Sperrmüll zur Abholung anmelden.',
        licence: 'CC-BY-4.0',
        contact: 'Abfallberatung',
      });
      assert.equal(offered.status, 200);
      assert.match(offered.body, /Die Leistung ist jetzt im Katalog der Kommunen/);
      assert.deepEqual(rowsOf(await bh.get('/staff/design/katalog?q=abfall')).length, 1);
      // Another municipality's service cannot be offered by its slug.
      assert.equal((await bh.get('/staff/design/leistungen/sperrmuell-anmelden/katalog')).status, 404);
    });
  });
}

function csrfOfPage(page: PageResult): string {
  return page.document.querySelector<HTMLInputElement>('input[name=_csrf]')!.value;
}

/** Submits as a browser does and follows the redirect (POST-redirect-GET); `path` is where it ended. */
async function send(
  client: HttpClient,
  page: PageResult,
  button: string,
  values: Record<string, string> = {},
): Promise<PageResult & { path: string }> {
  const result = await client.submit(page, button, values);
  if (!result.location) return { ...result, path: '' };
  return { ...(await client.visit(result.location)), path: new URL(result.location, 'http://x').pathname };
}
