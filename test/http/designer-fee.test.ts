/**
 * The fee page through the real app on both databases (ADR 0046): a fee built from a base amount
 * and a conditional row of pickers, saved as JSON Logic in cents and said in words; bad amounts
 * and unfinished conditions refused at their place with nothing saved; a fee the pickers cannot
 * show edited as JSON and kept byte for byte; "Keine Gebühr"; a save on an old version refused
 * with the fee kept; the designer role, the tenant and CSRF.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { getByRole } from '@testing-library/dom';
import type { ServiceDefinition } from '../../src/definition/types.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { alerts, csrfOf, login } from '../support/design-client.ts';
import { publishFixture } from '../support/fixture.ts';
import type { HttpClient } from '../support/http-client.ts';

const DRAFTS = '/staff/design/entwuerfe';

async function stored(t: TestApp, id: string) {
  const tenantId = (await t.app.store.tenants.bySlug('musterstadt'))!.id;
  return (await t.app.store.editorDrafts.byId(tenantId, id))!;
}

const uidOf = (d: ServiceDefinition, key: string) =>
  d.steps.flatMap((s) => s.fields).find((f) => f.key === key)!.uid!;

/** A draft of the published test service, whose fee (`anzahl * 1250`) the pickers cannot show. */
async function draftOfTestService(client: HttpClient, t: TestApp) {
  const list = await client.get(DRAFTS);
  const created = await client.submit(list, 'Entwurf aus der Leistung anlegen', { leistung: 'testantrag' });
  assert.equal(created.status, 303);
  const id = created.location!.split('?')[0]!.split('/')[4]!;
  return { id, definition: (await stored(t, id)).definition };
}

for (const dialect of DIALECTS) {
  describe(`the fee page (${dialect.name})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
      await publishFixture(t);
    });
    after(() => t.close());

    test('a fee the pickers cannot show stays JSON byte for byte, and is checked when edited', async () => {
      const { client } = await login(t, 'musterstadt', 'designer');
      const { id, definition } = await draftOfTestService(client, t);
      const text = JSON.stringify(definition.local.fee!.rule);
      // The draft overview links to the fee page.
      const overview = await client.get(`${DRAFTS}/${id}`);
      const url = `${DRAFTS}/${id}/gebuehr`;
      assert.equal(overview.document.querySelector('#gebuehr-link')!.getAttribute('href'), url);

      let page = await client.get(url);
      assert.equal(page.status, 200);
      assert.match(page.document.querySelector('#nur-json')!.textContent!, /nicht mit Auswahlfeldern/);
      assert.match(page.document.querySelector('#fee-words')!.textContent!, /bleibt als JSON Logic erhalten/);
      assert.deepEqual(
        JSON.parse(page.document.querySelector<HTMLTextAreaElement>('#in-regel-json')!.value),
        JSON.parse(text),
      );
      // Saved as shown with a new English label: the very same rule.
      const saved = await client.submit(page, 'Gebühr speichern', { 's.label.en': 'Fee per item' });
      assert.equal(saved.status, 303, saved.body.slice(0, 2000));
      let now = await stored(t, id);
      assert.equal(JSON.stringify(now.definition.local.fee!.rule), text);
      assert.deepEqual(now.definition.local.fee!.label, {
        de: 'Bearbeitungsgebühr je Stück',
        en: 'Fee per item',
      });

      // Not JSON, and JSON that can give fractions of a cent: refused, what was typed kept, nothing saved.
      page = await client.get(url);
      let refused = await client.submit(page, 'Gebühr speichern', { json: '{"*": [' });
      assert.equal(refused.status, 400);
      assert.match(alerts(refused)[0]!, /^Die Regel ist kein gültiges JSON: /);
      assert.equal(refused.document.querySelector<HTMLTextAreaElement>('#in-regel-json')!.value, '{"*": [');
      refused = await client.submit(page, 'Gebühr speichern', { json: '{"/": [{"var": "anzahl"}, 3]}' });
      assert.equal(refused.status, 400);
      assert.match(
        alerts(refused).join('\n'),
        /\/local\/fee\/rule: the fee must be a whole number of euro-cents/,
      );
      assert.equal((await stored(t, id)).version, now.version, 'nothing saved');

      // Built anew with pickers instead, on purpose: one empty row, nothing saved yet.
      page = await client.submit(page, 'Stattdessen mit Auswahlfeldern neu bauen');
      assert.equal(page.status, 200);
      assert.ok(page.document.querySelector('#in-z0-b-0-feld'));
      now = await stored(t, id);
      assert.equal(JSON.stringify(now.definition.local.fee!.rule), text);
    });

    test('a base and a conditional row built with pickers, errors at their place, said in words', async () => {
      const { client } = await login(t, 'musterstadt', 'designer');
      const { id, definition } = await draftOfTestService(client, t);
      const zusatz = uidOf(definition, 'zusatz');
      const url = `${DRAFTS}/${id}/gebuehr`;
      // Starting from no fee: the page says so, and has no row yet.
      const removed = await client.submit(await client.get(url), 'Keine Gebühr');
      assert.equal(removed.status, 303);
      assert.equal((await stored(t, id)).definition.local.fee, undefined);
      let page = await client.visit(removed.location!);
      assert.match(page.document.querySelector('#fee-words')!.textContent!, /keine Gebühr festgelegt/);
      assert.ok(page.document.querySelector('#keine-zeile'));
      assert.equal(page.document.querySelector('#keine-gebuehr-form'), null, 'nothing to remove');
      const version = (await stored(t, id)).version;

      page = await client.submit(page, 'Zeile hinzufügen', {
        's.label.de': 'Gebühr',
        'gebuehr.grund': '12,50',
      });
      assert.equal(page.status, 200);
      assert.equal(page.document.querySelector<HTMLInputElement>('#in-gebuehr-grund')!.value, '12,50');
      // A row's buttons say which row they belong to: a page may have several.
      assert.ok(getByRole(page.document.body, 'button', { name: 'Bedingung hinzufügen: Zeile 1' }));
      assert.ok(getByRole(page.document.body, 'button', { name: 'Zeile 1 Zeile entfernen' }));
      page = await client.submit(page, 'Auswahl aktualisieren', {
        'z0.b.0.feld': zusatz,
        'z0.b.0.operator': 'equals',
      });
      assert.ok(page.document.querySelector('#in-z0-b-0-wert'), 'the yes/no value offered');
      assert.equal((await stored(t, id)).version, version, 'nothing saved by the buttons');

      // No label, a bad amount and no value: at their places, what was typed kept, nothing saved.
      const refused = await client.submit(page, 'Gebühr speichern', {
        's.label.de': '',
        'gebuehr.grund': '12.50',
        'z0.betrag': '600',
      });
      assert.equal(refused.status, 400);
      assert.equal(refused.document.querySelector('#in-label-de')!.getAttribute('aria-invalid'), 'true');
      assert.deepEqual(alerts(refused), [
        'Geben Sie eine Bezeichnung der Gebühr ein.',
        'Grundgebühr in Euro: Geben Sie einen Betrag in Euro ein, zum Beispiel 12,50.',
        'Zeile 1, Bedingung 1: Geben Sie einen Wert an.',
      ]);
      assert.equal(refused.document.querySelector<HTMLInputElement>('#in-gebuehr-grund')!.value, '12.50');
      assert.equal(refused.document.querySelector('#in-gebuehr-grund')!.getAttribute('aria-invalid'), 'true');
      assert.equal(refused.document.querySelector<HTMLInputElement>('#in-z0-betrag')!.value, '600');
      assert.equal((await stored(t, id)).version, version);

      const saved = await client.submit(refused, 'Gebühr speichern', {
        's.label.de': 'Gebühr',
        'gebuehr.grund': '12,50',
        'z0.b.0.wert': 'ja',
      });
      assert.equal(saved.status, 303, saved.body.slice(0, 3000));
      const now = await stored(t, id);
      assert.deepEqual(now.definition.local.fee, {
        label: { de: 'Gebühr' },
        rule: { '+': [1250, { if: [{ '==': [{ var: 'zusatz' }, true] }, 60000, 0] }] },
      });
      page = await client.visit(saved.location!);
      assert.equal(
        page.document.querySelector('#fee-words')!.textContent,
        'In Worten: Gebühr: 12,50 €; 600,00 € zusätzlich, wenn Gibt es einen Zusatz? = Ja',
      );
      // Shown again as pickers, and the other way of combining rows: an if/else chain.
      assert.equal(page.document.querySelector<HTMLInputElement>('#in-z0-betrag')!.value, '600,00');
      const chain = await client.submit(page, 'Gebühr speichern', { 'gebuehr.kombination': 'replace' });
      assert.equal(chain.status, 303);
      assert.deepEqual((await stored(t, id)).definition.local.fee!.rule, {
        if: [{ '==': [{ var: 'zusatz' }, true] }, 60000, 1250],
      });
      page = await client.visit(chain.location!);
      assert.equal(
        page.document.querySelector('#fee-words')!.textContent,
        'In Worten: Gebühr: 600,00 €, wenn Gibt es einen Zusatz? = Ja; sonst 12,50 €',
      );
      // Posts the page never sends are bad requests.
      const csrf = csrfOf(page);
      const form = { _csrf: csrf, version: String(now.version + 1), 'gebuehr.kombination': 'add' };
      assert.equal((await client.post(url, { ...form, aktion: 'loeschen' })).status, 400);
      assert.equal(
        (await client.post(url, { ...form, aktion: 'speichern', 'z100.betrag': '1' })).status,
        400,
      );
      assert.equal((await client.post(url, { ...form, aktion: 'zeile-entfernen:z3' })).status, 400);
    });

    test('a save on an old version is refused, with the fee that was built', async () => {
      const { client } = await login(t, 'musterstadt', 'designer');
      const { id } = await draftOfTestService(client, t);
      const url = `${DRAFTS}/${id}/gebuehr`;
      const page = await client.get(url);
      // Someone else saves meanwhile.
      const other = await client.get(url);
      assert.equal((await client.submit(other, 'Gebühr speichern', { 's.label.en': 'Other' })).status, 303);
      const conflict = await client.submit(page, 'Gebühr speichern', { json: '500' });
      assert.equal(conflict.status, 409);
      assert.ok(conflict.document.querySelector('#conflict-title'));
      assert.deepEqual(JSON.parse(conflict.document.querySelector<HTMLTextAreaElement>('#in-yours')!.value), {
        label: { de: 'Bearbeitungsgebühr je Stück', en: 'Processing fee per item' },
        rule: 500,
      });
      const now = await stored(t, id);
      assert.equal(now.version, 2);
      assert.deepEqual(now.definition.local.fee!.rule, { '*': [{ var: 'anzahl' }, 1250] });
    });

    test('only designers, only of the same municipality, only with the form token', async () => {
      const { client: owner, page: home } = await login(t, 'musterstadt', 'designer');
      const { id, definition } = await draftOfTestService(owner, t);
      const url = `${DRAFTS}/${id}/gebuehr`;
      const form = { version: '1', aktion: 'keine' };

      assert.equal((await owner.post(url, { ...form, _csrf: 'falsch' })).status, 403);
      assert.equal((await owner.post(url, form)).status, 403);

      const { client: other, page: otherHome } = await login(t, 'beispielhausen', 'designer');
      assert.equal((await other.get(url)).status, 404);
      assert.equal((await other.post(url, { ...form, _csrf: csrfOf(otherHome) })).status, 404);
      assert.equal((await owner.get(`${DRAFTS}/kein-entwurf/gebuehr`)).status, 404);

      const { client: caseworker, page: caseHome } = await login(t, 'musterstadt', 'caseworker');
      assert.equal((await caseworker.get(url)).status, 403);
      assert.equal((await caseworker.post(url, { ...form, _csrf: csrfOf(caseHome) })).status, 403);
      assert.ok(csrfOf(home));
      const now = await stored(t, id);
      assert.equal(now.version, 1, 'nothing changed');
      assert.deepEqual(now.definition.local.fee, definition.local.fee);
    });
  });
}
