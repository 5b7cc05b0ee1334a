/**
 * Merging a copy's upstream improvement through the real app on both databases: Beispielhausen
 * copies Musterstadt's "Hund anmelden", replaces the office and renames a question, publishes;
 * Musterstadt renames the same question and another one; Beispielhausen merges (the clean change
 * applied, one conflict), decides it and publishes, and the notice is gone. Bad decisions, a
 * stale draft version, other roles and another municipality are refused with nothing changed.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { getByRole } from '@testing-library/dom';
import { repoRoot, startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { alerts, candidateIdOf, login, upload } from '../support/design-client.ts';
import type { HttpClient, PageResult } from '../support/http-client.ts';

const SERVICE = '/staff/design/leistungen/hund-anmelden';
const MERGE = `${SERVICE}/zusammenfuehren`;

const hundAnmelden = () =>
  JSON.parse(readFileSync(join(repoRoot, 'definitions', 'musterstadt', 'hund-anmelden.json'), 'utf8'));

function csrfOfPage(page: PageResult): string {
  return page.document.querySelector<HTMLInputElement>('input[name=_csrf]')!.value;
}

/** Submits as a browser does and follows the redirect (POST-redirect-GET). */
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

for (const dialect of DIALECTS) {
  describe(`merging an upstream improvement over HTTP (${dialect.name})`, () => {
    let t: TestApp;
    let bh: HttpClient;
    let ms: HttpClient;
    let beispielhausenId: string;
    let draftId: string;

    before(async () => {
      t = await startTestApp(dialect);
      bh = (await login(t, 'beispielhausen', 'designer')).client;
      ms = (await login(t, 'musterstadt', 'designer')).client;
      beispielhausenId = (await t.app.store.tenants.bySlug('beispielhausen'))!.id;
    });
    after(() => t.close());

    /** Musterstadt publishes its next version of "Hund anmelden". */
    async function upstream(change: (d: ReturnType<typeof hundAnmelden>) => void, message: string) {
      const improved = hundAnmelden();
      change(improved);
      const candidate = await upload(ms, await ms.get('/staff/design'), {
        name: 'hund-anmelden.json',
        content: JSON.stringify(improved),
      });
      const confirm = await ms.get(`/staff/design/uploads/${candidateIdOf(candidate)}/veroeffentlichen`);
      const published = await send(ms, confirm, 'Veröffentlichen', {
        ziel: 'naechste-version',
        aenderungsnachricht: message,
      });
      assert.equal(published.status, 200);
    }

    /** Beispielhausen hands its draft over and publishes it. */
    async function publishDraft(message: string) {
      const draft = await bh.get(`/staff/design/entwuerfe/${draftId}`);
      const candidate = await send(bh, draft, 'Zur Vorschau und Veröffentlichung');
      const confirm = await bh.get(`/staff/design/uploads/${candidateIdOf(candidate)}/veroeffentlichen`);
      const published = await send(bh, confirm, 'Veröffentlichen', {
        ziel: 'naechste-version',
        aenderungsnachricht: message,
      });
      assert.equal(published.status, 200);
    }

    test('setup: Beispielhausen copies, adapts office and a question, and publishes', async () => {
      const catalog = await bh.get('/staff/design/katalog?q=hund');
      const entry = await bh.get(
        getByRole(catalog.document.body, 'link', { name: 'Hund anmelden (Hundesteuer)' }).getAttribute(
          'href',
        )!,
      );
      const draft = await send(bh, entry, 'Übernehmen', { kennung: 'hund-anmelden' });
      draftId = draft.path.split('/').pop()!;
      await send(bh, await bh.get(`${draft.path}/startseite`), 'Speichern', {
        's.officeName.de': 'Gemeinde Beispielhausen, Ordnungsamt',
        's.office.email': 'ordnungsamt@beispielhausen.example',
        's.office.phone': '01234 567-0',
        's.office.address': 'Marktplatz 1, 12345 Beispielhausen',
      });
      const uid = (await t.app.store.editorDrafts.byId(beispielhausenId, draftId))!.definition.steps[0]!
        .fields[0]!.uid;
      const field = await bh.get(`${draft.path}/felder/${uid}`);
      const saved = await send(bh, field, 'Speichern', { 's.label.de': 'Ihr voller Name' });
      assert.equal(saved.status, 200);
      await publishDraft('Erste Version');
      // No newer version upstream: nothing to merge.
      const service = await bh.get(SERVICE);
      assert.equal(service.document.querySelector(`form[action="${MERGE}"]`), null);
      assert.equal((await bh.post(MERGE, { _csrf: csrfOfPage(service) })).status, 404);
    });

    test('"Änderungen übernehmen" merges into the draft: one change applied, one conflict open', async () => {
      await upstream((d) => {
        d.steps[0].fields[0].label.de = 'Vorname und Nachname';
        d.steps[0].fields[1].label.de = 'Geburtsdatum der Halterin oder des Halters';
      }, 'Fragen klarer');
      const service = await bh.get(SERVICE);
      assert.match(service.body, /Neue Version von Musterstadt verfügbar: Version 2\./);
      const merged = await send(bh, service, 'Änderungen übernehmen');
      assert.equal(merged.status, 200);
      assert.equal(merged.path, MERGE);
      assert.match(merged.body, /Zusammengeführt\./);
      assert.match(
        merged.document.getElementById('applied-changes')!.textContent!,
        /Geburtsdatum der Halterin/,
      );
      const legend = merged.document.querySelector('#konflikt-1 legend')!.textContent!;
      assert.match(legend, /Beschriftung von Feld/);
      assert.match(
        merged.document.getElementById('konflikt-1')!.textContent!,
        /Ihr voller Name[\s\S]*Vorname und Nachname/,
      );
      assert.equal(merged.document.getElementById('konflikt-2'), null);
      const draft = await t.app.store.editorDrafts.byId(beispielhausenId, draftId);
      const first = draft!.definition.steps[0]!.fields[0]!;
      assert.equal('label' in first && first.label.de, 'Ihr voller Name', 'the conflict keeps ours');
      assert.equal(draft!.definition.local.office.name.de, 'Gemeinde Beispielhausen, Ordnungsamt');
      assert.equal((await t.app.store.services.latestBySlug(beispielhausenId, 'hund-anmelden'))?.version, 1);
      // The service page and the draft now lead to the merge under way.
      assert.ok(
        getByRole((await bh.get(SERVICE)).document.body, 'link', { name: 'Zusammenführung ansehen' }),
      );
      const draftPage = await bh.get(`/staff/design/entwuerfe/${draftId}`);
      assert.equal(
        getByRole(draftPage.document.body, 'link', { name: 'Zusammenführung ansehen' }).getAttribute('href'),
        MERGE,
      );
    });

    test('bad decisions, a stale version and a missing CSRF token change nothing', async () => {
      const page = await bh.get(MERGE);
      const before = await t.app.store.editorDrafts.byId(beispielhausenId, draftId);
      const bad = await bh.submit(page, 'Entscheidungen speichern', { w0: 'beide' });
      assert.equal(bad.status, 400);
      assert.deepEqual(alerts(bad), ['Wählen Sie „unsere behalten“, „deren übernehmen“ oder „bearbeiten“']);
      const empty = await bh.submit(page, 'Entscheidungen speichern', { w0: 'edit', 'e0-de': '  ' });
      assert.equal(empty.status, 400);
      assert.deepEqual(alerts(empty), [
        'Schreiben Sie die bearbeitete Fassung oder wählen Sie eine der beiden Fassungen',
      ]);
      const stale = await bh.submit(page, 'Entscheidungen speichern', { w0: 'theirs', version: '1' });
      assert.equal(stale.status, 409);
      assert.match(stale.body, /Der Entwurf wurde inzwischen geändert/);
      const unknown = await bh.submit(page, 'Entscheidungen speichern', {
        w0: 'theirs',
        k0: 'field:x/label',
      });
      assert.equal(unknown.status, 409);
      const notANumber = await bh.submit(page, 'Entscheidungen speichern', { w0: 'theirs', version: 'zwei' });
      assert.equal(notANumber.status, 409);
      const noCsrf = await bh.post(`${MERGE}/entscheiden`, { k0: 'x', w0: 'theirs', version: '3' });
      assert.equal(noCsrf.status, 403);
      const afterwards = await t.app.store.editorDrafts.byId(beispielhausenId, draftId);
      assert.equal(afterwards?.version, before?.version);
      assert.deepEqual(afterwards?.definition, before?.definition);
    });

    test('only designers of the copying municipality: other roles 403, another municipality 404', async () => {
      const { client: caseworker } = await login(t, 'beispielhausen', 'caseworker');
      assert.equal((await caseworker.get(MERGE)).status, 403);
      const csrf = csrfOfPage(await caseworker.get('/staff/inbox'));
      assert.equal((await caseworker.post(MERGE, { _csrf: csrf })).status, 403);
      assert.equal(
        (await caseworker.post(`${MERGE}/entscheiden`, { _csrf: csrf, k0: 'x', w0: 'theirs', version: '1' }))
          .status,
        403,
      );
      // Musterstadt has a service of the same id, but no merge: the same 404 as none.
      assert.equal((await ms.get(MERGE)).status, 404);
      const msCsrf = csrfOfPage(await ms.get('/staff/design'));
      assert.equal((await ms.post(MERGE, { _csrf: msCsrf })).status, 404);
      assert.equal(
        (await ms.post(`${MERGE}/entscheiden`, { _csrf: msCsrf, k0: 'x', w0: 'theirs', version: '1' }))
          .status,
        404,
      );
      assert.equal((await bh.get('/staff/design/leistungen/Nicht!/zusammenfuehren')).status, 404);
    });

    test('deciding the conflict and publishing moves the base; the history shows where each version came from', async () => {
      const page = await bh.get(MERGE);
      const decided = await send(bh, page, 'Entscheidungen speichern', { w0: 'theirs' });
      assert.equal(decided.status, 200);
      assert.match(decided.body, /Entscheidungen gespeichert\./);
      assert.match(decided.body, /Keine offenen Konflikte/);
      await publishDraft('Verbesserungen von Musterstadt übernommen');
      const live = await t.app.store.services.latestBySlug(beispielhausenId, 'hund-anmelden');
      const first = live!.definition.steps[0]!.fields[0]!;
      assert.equal('label' in first && first.label.de, 'Vorname und Nachname');
      assert.equal(live!.definition.local.office.name.de, 'Gemeinde Beispielhausen, Ordnungsamt');
      const service = await bh.get(SERVICE);
      assert.doesNotMatch(service.body, /Neue Version von Musterstadt verfügbar/);
      const rows = [...service.document.querySelectorAll('#versions tbody tr')].map((r) =>
        r.textContent!.replace(/\s+/g, ' '),
      );
      assert.match(rows[0]!, /Verbesserungen von Musterstadt übernommen Musterstadt, Version 2/);
      assert.match(rows[1]!, /Erste Version Musterstadt, Version 1/);
      assert.equal((await bh.get(MERGE)).status, 404, 'the merge is done');
    });
  });
}
