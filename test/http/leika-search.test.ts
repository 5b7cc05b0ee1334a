/**
 * The LeiKa search on the editor's start page (ADR 0053) through the real app on both databases:
 * without a catalogue the page says so and keeps the plain input; with one, a GET search shows up
 * to 20 matches, and "übernehmen" saves the key through the normal save on the draft's version.
 * CSRF, an old version, a key that is not 14 digits, the designer role and tenant isolation.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { getAllByRole, getByRole, queryByRole } from '@testing-library/dom';
import { importLeikaCatalogue } from '../../src/core/leika/catalogue.ts';
import { repoRoot, startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { csrfOf, login } from '../support/design-client.ts';
import type { HttpClient, PageResult } from '../support/http-client.ts';

const DRAFTS = '/staff/design/entwuerfe';

async function newDraft(client: HttpClient, title: string, slug: string): Promise<string> {
  const list = await client.get(DRAFTS);
  const created = await client.submit(list, 'Leeren Entwurf anlegen', { titel: title, kennung: slug });
  assert.equal(created.status, 303);
  return created.location!.split('?')[0]!.split('/')[4]!;
}

async function storedKey(t: TestApp, id: string) {
  const tenantId = (await t.app.store.tenants.bySlug('musterstadt'))!.id;
  const draft = await t.app.store.editorDrafts.byId(tenantId, id);
  return { key: draft!.definition.leikaKey, version: draft!.version };
}

const rows = (page: PageResult) =>
  Array.from(page.document.querySelectorAll('#leika-treffer tbody tr')).map(
    (row) => row.querySelector('td')!.textContent!,
  );

for (const dialect of DIALECTS) {
  describe(`the LeiKa search in the editor (${dialect.name})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(() => t.close());

    test('without a catalogue: the page says so and keeps the plain key input', async () => {
      const { client } = await login(t, 'musterstadt', 'designer');
      const id = await newDraft(client, 'Ohne Katalog', `ohne-katalog-${dialect.name}`);
      const page = await client.get(`${DRAFTS}/${id}/startseite?leika=hund`);
      assert.equal(page.status, 200);
      assert.match(page.document.querySelector('#leika-kein-katalog')!.textContent!, /amtsweg leika-import/);
      assert.ok(page.document.querySelector('#in-leikaKey'));
      assert.equal(queryByRole(page.document.body, 'searchbox'), null);
      assert.equal(page.document.querySelector('#leika-treffer'), null);
    });

    test('search by name, synonym and key prefix, then take a key over with the draft version', async () => {
      const outcome = await importLeikaCatalogue(
        { store: t.app.store, clock: t.app.clock },
        readFileSync(join(repoRoot, 'test', 'fixtures', 'leika', 'leika-sample.csv')),
        { replace: true },
      );
      assert.equal(outcome.kind, 'imported');
      const { client } = await login(t, 'musterstadt', 'designer');
      const id = await newDraft(client, 'Hundesteuer', `hundesteuer-${dialect.name}`);
      const start = await client.get(`${DRAFTS}/${id}/startseite`);
      const box = getByRole(start.document.body, 'searchbox', {
        name: 'Name, Synonym oder Anfang des Schlüssels',
      });
      assert.equal(box.getAttribute('name'), 'leika');
      assert.equal(start.document.querySelector('#leika-treffer'), null);

      const byName = await client.get(
        `${DRAFTS}/${id}/startseite?leika=${encodeURIComponent('Hundesteuer')}`,
      );
      assert.deepEqual(rows(byName), ['99102013000000', '99102013010000', '99102013002000']);
      assert.match(byName.document.body.textContent!, /3 Treffer für „Hundesteuer“/);
      const bySynonym = await client.get(`${DRAFTS}/${id}/startseite?leika=hundeabgabe`);
      assert.deepEqual(rows(bySynonym), ['99102013000000']);
      const byPrefix = await client.get(`${DRAFTS}/${id}/startseite?leika=991070`);
      assert.equal(rows(byPrefix).length, 9);
      const many = await client.get(`${DRAFTS}/${id}/startseite?leika=99`);
      assert.equal(rows(many).length, 20, 'at most 20');
      assert.match(many.document.body.textContent!, /Mehr als 20 Treffer/);
      const none = await client.get(`${DRAFTS}/${id}/startseite?leika=${encodeURIComponent('<b>x</b>')}`);
      assert.match(none.document.body.textContent!, /Keine Leistung im LeiKa gefunden für „<b>x<\/b>“/);
      assert.equal(none.document.querySelector('b'), null, 'escaped');

      const before = await storedKey(t, id);
      const buttons = getAllByRole(byName.document.body, 'button', { name: /^übernehmen: / });
      assert.equal(buttons.length, 3);
      const taken = await client.submit(byName, 'übernehmen: 99102013002000 Hundesteuer Festsetzung');
      assert.equal(taken.status, 303);
      assert.equal(taken.location, `${DRAFTS}/${id}/startseite?gespeichert=1`);
      const after = await storedKey(t, id);
      assert.deepEqual(after, { key: '99102013002000', version: before.version + 1 });
      const shown = await client.visit(taken.location!);
      assert.equal(shown.document.querySelector<HTMLInputElement>('#in-leikaKey')!.value, '99102013002000');
      assert.equal(
        shown.document.querySelector('#leika-name')!.textContent,
        'Leistung im LeiKa: Hundesteuer Festsetzung',
      );

      // The same button on the old page: another save came first, nothing is overwritten.
      const stale = await client.submit(byName, 'übernehmen: 99102013000000 Hundesteuer');
      assert.equal(stale.status, 409);
      assert.deepEqual(await storedKey(t, id), after);
      // A key no page sends, and a forged CSRF token: refused, nothing changed.
      const fresh = await client.get(`${DRAFTS}/${id}/startseite`);
      const version = String(after.version);
      const bad = await client.post(`${DRAFTS}/${id}/aendern`, {
        _csrf: csrfOf(fresh),
        version,
        aktion: 'leika-key',
        'leika-key': '123',
      });
      assert.equal(bad.status, 400);
      const forged = await client.post(`${DRAFTS}/${id}/aendern`, {
        _csrf: 'falsch',
        version,
        aktion: 'leika-key',
        'leika-key': '99102013000000',
      });
      assert.equal(forged.status, 403);
      assert.deepEqual(await storedKey(t, id), after);

      // A key the catalogue does not have is said so beside the input.
      const general = await client.get(`${DRAFTS}/${id}/startseite`);
      const unknown = await client.submit(general, 'Speichern', { 's.leikaKey': '99999999999999' });
      assert.equal(unknown.status, 303);
      const unknownPage = await client.visit(unknown.location!);
      assert.match(unknownPage.document.querySelector('#leika-name')!.textContent!, /nicht im eingespielten/);

      // Roles and tenants: a caseworker gets 403, another municipality's designer 404.
      const url = `${DRAFTS}/${id}/startseite?leika=hund`;
      const form = { version: String(after.version + 1), aktion: 'leika-key', 'leika-key': '99102013000000' };
      const { client: caseworker, page: caseHome } = await login(t, 'musterstadt', 'caseworker');
      assert.equal((await caseworker.get(url)).status, 403);
      assert.equal(
        (await caseworker.post(`${DRAFTS}/${id}/aendern`, { ...form, _csrf: csrfOf(caseHome) })).status,
        403,
      );
      const { client: other, page: otherHome } = await login(t, 'beispielhausen', 'designer');
      assert.equal((await other.get(url)).status, 404);
      assert.equal(
        (await other.post(`${DRAFTS}/${id}/aendern`, { ...form, _csrf: csrfOf(otherHome) })).status,
        404,
      );
      assert.equal((await storedKey(t, id)).key, '99999999999999', 'nothing changed');
    });

    test('the network catalog shows the LeiKa name beside a key the catalogue knows', async () => {
      const { client } = await login(t, 'beispielhausen', 'designer');
      const list = await client.get('/staff/design/katalog');
      const row = list.document.querySelector('#katalog tbody tr')!.textContent!.replace(/\s+/g, ' ');
      assert.match(row, /99102013002000 Hundesteuer Festsetzung/);
      const link = list.document.querySelector<HTMLAnchorElement>('#katalog tbody a')!;
      const entry = await client.get(link.getAttribute('href')!);
      assert.equal(
        entry.document.querySelector('#leika')!.textContent,
        '99102013002000 Hundesteuer Festsetzung',
      );
      // The offer form of the service, with its key prefilled, names it in the key's hint.
      const { client: ms } = await login(t, 'musterstadt', 'designer');
      const offer = await ms.get('/staff/design/leistungen/hund-anmelden/katalog');
      assert.equal(offer.status, 200);
      assert.match(
        offer.document.querySelector('#angebot-leika-hint')!.textContent!,
        /Leistung im LeiKa: Hundesteuer Festsetzung$/,
      );
    });
  });
}
