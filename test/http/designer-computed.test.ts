/**
 * Computed values through the real app on both databases (ADR 0046 amendment): "gesamt = Anzahl
 * (ohne Antwort: 0) + 1" built with pickers and saved as `{"+": [{"var": ["anzahl", 0]}, 1]}`,
 * said in words and shown as pickers again; mistakes and a taken key refused at their place with
 * nothing saved; a value the pickers cannot show edited as JSON and checked; removal; the role.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ServiceDefinition } from '../../src/definition/types.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { alerts, csrfOf, login } from '../support/design-client.ts';
import { publishFixture } from '../support/fixture.ts';

const DRAFTS = '/staff/design/entwuerfe';

async function stored(t: TestApp, id: string) {
  const tenantId = (await t.app.store.tenants.bySlug('musterstadt'))!.id;
  return (await t.app.store.editorDrafts.byId(tenantId, id))!;
}
const fieldOf = (d: ServiceDefinition, key: string) =>
  d.steps.flatMap((s) => s.fields).find((f) => f.key === key)!;

for (const dialect of DIALECTS) {
  describe(`computed values (${dialect.name})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
      await publishFixture(t);
    });
    after(() => t.close());

    test('a sum built with pickers, mistakes at their place, JSON in place, removal', async () => {
      const { client } = await login(t, 'musterstadt', 'designer');
      const created = await client.submit(await client.get(DRAFTS), 'Entwurf aus der Leistung anlegen', {
        leistung: 'testantrag',
      });
      const id = created.location!.split('?')[0]!.split('/')[4]!;
      const definition = (await stored(t, id)).definition;
      const anzahl = fieldOf(definition, 'anzahl').uid!;
      const overview = await client.get(`${DRAFTS}/${id}`);
      assert.equal(
        overview.document.querySelector('#berechnet-link')!.getAttribute('href'),
        `${DRAFTS}/${id}/berechnet`,
      );
      let page = await client.get(`${DRAFTS}/${id}/berechnet/neu`);
      assert.equal(page.status, 200);
      const version = (await stored(t, id)).version;

      // No key, a row with a field and a number, one term only: each at its place, nothing saved.
      let refused = await client.submit(page, 'Wert speichern', { 't0.feld': anzahl, 't0.zahl': '1' });
      assert.equal(refused.status, 400);
      assert.deepEqual(alerts(refused), [
        'Geben Sie einen Schlüssel aus Buchstaben und Ziffern ein, beginnend mit einem Buchstaben.',
        'Glied 1: Wählen Sie ein Feld oder geben Sie eine Zahl ein, nicht beides.',
        'Geben Sie mindestens zwei Glieder an.',
      ]);
      // A key a field has: refused, what was typed kept.
      refused = await client.submit(page, 'Wert speichern', {
        schluessel: 'anzahl',
        't0.feld': anzahl,
        't0.null': 'ja',
        't1.zahl': '1',
      });
      assert.equal(refused.status, 400);
      assert.deepEqual(alerts(refused), ['Diesen Schlüssel hat schon ein Feld oder ein berechneter Wert.']);
      assert.equal(refused.document.querySelector<HTMLInputElement>('#in-t1-zahl')!.value, '1');
      assert.equal((await stored(t, id)).version, version, 'nothing saved');

      const saved = await client.submit(page, 'Wert speichern', {
        schluessel: 'gesamt',
        's.label.de': 'Stück insgesamt',
        't0.feld': anzahl,
        't0.null': 'ja',
        't1.zahl': '1',
      });
      assert.equal(saved.status, 303, saved.body.slice(0, 2000));
      let now = await stored(t, id);
      assert.deepEqual(now.definition.computed, [
        { key: 'gesamt', label: { de: 'Stück insgesamt' }, rule: { '+': [{ var: ['anzahl', 0] }, 1] } },
      ]);
      page = await client.visit(saved.location!);
      assert.equal(
        page.document.querySelector('#computed-words')!.textContent,
        'In Worten: Stück insgesamt = Anzahl (ohne Antwort: 0) + 1',
      );
      assert.equal(page.document.querySelector<HTMLSelectElement>('#in-t0-feld')!.value, anzahl);
      const again = await client.submit(page, 'Wert speichern');
      assert.equal(again.status, 303);
      assert.deepEqual((await stored(t, id)).definition.computed, now.definition.computed, 'saved unchanged');

      // A value the pickers cannot show: JSON in place, checked, kept byte for byte.
      const code = await client.get(`${DRAFTS}/${id}/code`);
      const doc = (await stored(t, id)).definition;
      doc.computed = [{ key: 'gesamt', rule: { if: [{ var: 'zusatz' }, 2, 1] } }];
      assert.equal((await client.submit(code, 'JSON speichern', { json: JSON.stringify(doc) })).status, 303);
      page = await client.get(`${DRAFTS}/${id}/berechnet/gesamt`);
      assert.ok(page.document.querySelector('#nur-json'));
      assert.equal((await client.submit(page, 'Wert speichern')).status, 303);
      now = await stored(t, id);
      assert.equal(JSON.stringify(now.definition.computed), JSON.stringify(doc.computed));
      page = await client.get(`${DRAFTS}/${id}/berechnet/gesamt`);
      refused = await client.submit(page, 'Wert speichern', { json: '{"+": [{"var": "gibtesnicht"}, 1]}' });
      assert.equal(refused.status, 400);
      assert.match(alerts(refused).join('\n'), /\/computed\/0\/rule/);
      assert.equal((await stored(t, id)).version, now.version, 'nothing saved');

      const removed = await client.submit(page, 'Wert entfernen');
      assert.equal(removed.status, 303);
      assert.equal((await stored(t, id)).definition.computed, undefined);

      // Another tenant's designer and a caseworker get nothing.
      const { client: other } = await login(t, 'beispielhausen', 'designer');
      assert.equal((await other.get(`${DRAFTS}/${id}/berechnet`)).status, 404);
      const { client: caseworker, page: caseHome } = await login(t, 'musterstadt', 'caseworker');
      assert.equal((await caseworker.get(`${DRAFTS}/${id}/berechnet`)).status, 403);
      assert.equal(
        (await caseworker.post(`${DRAFTS}/${id}/berechnet/neu`, { _csrf: csrfOf(caseHome), version: '1' }))
          .status,
        403,
      );
    });
  });
}
