/**
 * A field's page through the real app on both databases (ADR 0046 amendment): the code-list
 * picker of a choice field (search by name, take a list over, its entries as options, remove it
 * and keep them; an unknown list refused with nothing changed) and the pattern tester of a text
 * field (which samples match; a catastrophic pattern refused and never run; bad input a 400 with
 * nothing saved); the designer role, the tenant and CSRF.
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
const FAMILIENSTAND = 'urn:de:dsmeld:schluesseltabelle:familienstand';

async function stored(t: TestApp, id: string) {
  const tenantId = (await t.app.store.tenants.bySlug('musterstadt'))!.id;
  return (await t.app.store.editorDrafts.byId(tenantId, id))!;
}

const fieldOf = (d: ServiceDefinition, key: string) =>
  d.steps.flatMap((s) => s.fields).find((f) => f.key === key)!;

async function draftOfTestService(client: HttpClient, t: TestApp) {
  const list = await client.get(DRAFTS);
  const created = await client.submit(list, 'Entwurf aus der Leistung anlegen', { leistung: 'testantrag' });
  assert.equal(created.status, 303);
  const id = created.location!.split('?')[0]!.split('/')[4]!;
  return { id, definition: (await stored(t, id)).definition };
}

for (const dialect of DIALECTS) {
  describe(`a field's code list and pattern tester (${dialect.name})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
      await publishFixture(t);
    });
    after(() => t.close());

    test('a code list found by its name, taken over with its entries, removed keeping them', async () => {
      const { client } = await login(t, 'musterstadt', 'designer');
      const { id, definition } = await draftOfTestService(client, t);
      const art = fieldOf(definition, 'art');
      const url = `${DRAFTS}/${id}/felder/${art.uid}`;
      let page = await client.get(url);
      assert.equal(page.status, 200);
      assert.ok(page.document.querySelector('#codeliste-keine'));
      // Every list without a query; by a word of its name, folded ("familien" finds "Familienstand").
      assert.ok(page.document.querySelectorAll('#codeliste-treffer tbody tr').length >= 5);
      page = await client.get(`${url}?codeliste=${encodeURIComponent('FAMILIEN')}`);
      const rows = page.document.querySelectorAll('#codeliste-treffer tbody tr');
      assert.equal(rows.length, 1);
      assert.match(rows[0]!.textContent!, new RegExp(FAMILIENSTAND));
      page = await client.get(`${url}?codeliste=gibtesnicht`);
      assert.match(page.document.querySelector('[role=status]')!.textContent!, /Keine Codeliste gefunden/);

      page = await client.get(`${url}?codeliste=familienstand`);
      const version = (await stored(t, id)).version;
      const button = getByRole(page.document.body, 'button', { name: /^übernehmen: .*Familienstand/i });
      assert.ok(button);
      const taken = await client.submit(page, button.getAttribute('aria-label')!);
      assert.equal(taken.status, 303, taken.body.slice(0, 500));
      let now = await stored(t, id);
      assert.equal(now.version, version + 1);
      const field = fieldOf(now.definition, 'art') as {
        codeList?: { uri: string };
        options: { value: string }[];
      };
      assert.deepEqual(field.codeList, { uri: FAMILIENSTAND });
      assert.ok(field.options.length > 5, 'the entries as options');
      assert.ok(
        field.options.some((o) => o.value === 'LD'),
        'ledig',
      );
      page = await client.visit(taken.location!);
      assert.match(page.document.querySelector('#codeliste-aktuell')!.textContent!, /Familienstand/);

      // A list the installation does not have (a forged post): 400, said at the picker, nothing saved.
      const csrf = csrfOf(page);
      const refused = await client.post(`${DRAFTS}/${id}/aendern`, {
        _csrf: csrf,
        version: String(now.version),
        seite: `/felder/${art.uid}`,
        aktion: `code-list:${art.uid}`,
        codeliste: 'urn:gibt:es:nicht',
      });
      assert.equal(refused.status, 400);
      assert.deepEqual(alerts(refused), [
        'Diese Codeliste gibt es auf der Installation nicht (mehr). Suchen Sie sie erneut.',
      ]);
      assert.equal((await stored(t, id)).version, now.version, 'nothing saved');
      // No list named at all is not this page's post.
      const bad = await client.post(`${DRAFTS}/${id}/aendern`, {
        _csrf: csrf,
        version: String(now.version),
        aktion: `code-list:${art.uid}`,
      });
      assert.equal(bad.status, 400);

      // Removed: the entries stay as the field's own options.
      const removed = await client.submit(page, 'Codeliste entfernen');
      assert.equal(removed.status, 303);
      now = await stored(t, id);
      const after = fieldOf(now.definition, 'art') as { codeList?: unknown; options: unknown[] };
      assert.equal(after.codeList, undefined);
      assert.deepEqual(after.options, field.options);

      // A text field has no code-list picker; a choice field no pattern tester.
      const text = await client.get(`${DRAFTS}/${id}/felder/${fieldOf(definition, 'vorname').uid}`);
      assert.equal(text.document.querySelector('#codeliste-suche'), null);
      assert.equal(page.document.querySelector('#mustertest-form'), null);
    });

    test('the pattern tester: which samples match, a catastrophic pattern refused, nothing saved', async () => {
      const { client } = await login(t, 'musterstadt', 'designer');
      const { id, definition } = await draftOfTestService(client, t);
      const vorname = fieldOf(definition, 'vorname');
      const url = `${DRAFTS}/${id}/felder/${vorname.uid}`;
      const version = (await stored(t, id)).version;
      let page = await client.get(url);
      assert.ok(page.document.querySelector('#mustertest-form'));

      page = await client.submit(page, 'Muster testen', {
        muster: '[0-9]{5}',
        beispiele: '12345\n 1234 \n\n123456\nab345',
      });
      assert.equal(page.status, 200);
      assert.equal(
        page.document.querySelector('#mustertest-ergebnis')!.textContent,
        '1 von 4 Beispielen passen zum Muster.',
      );
      const cells = [...page.document.querySelectorAll('#mustertest-tabelle tbody tr')].map((tr) =>
        [...tr.querySelectorAll('td')].map((td) => td.textContent),
      );
      assert.deepEqual(cells, [
        ['12345', 'passt'],
        ['1234', 'passt nicht'],
        ['123456', 'passt nicht'],
        ['ab345', 'passt nicht'],
      ]);
      // What was typed stays for the next try.
      assert.equal(page.document.querySelector<HTMLInputElement>('#in-mustertest-muster')!.value, '[0-9]{5}');

      // A pattern that backtracks catastrophically: refused with the reason, its samples never run.
      const started = Date.now();
      const unsafe = await client.submit(page, 'Muster testen', {
        muster: '(a+)+b',
        beispiele: `${'a'.repeat(40)}!`,
      });
      assert.equal(unsafe.status, 400);
      assert.ok(Date.now() - started < 5000, 'never run unbounded');
      assert.match(alerts(unsafe)[0]!, /sehr lange rechnen/);
      assert.match(unsafe.document.querySelector('#mustertest-grund')!.textContent!, /exponential/);
      assert.equal(unsafe.document.querySelector('#mustertest-tabelle'), null);
      assert.equal(
        unsafe.document.querySelector('#in-mustertest-muster')!.getAttribute('aria-invalid'),
        'true',
      );

      // Not a regular expression; no samples; too many: each a 400 at its place.
      let refused = await client.submit(page, 'Muster testen', { muster: '[a-', beispiele: 'a' });
      assert.equal(refused.status, 400);
      assert.deepEqual(alerts(refused), ['Das Muster ist kein gültiger regulärer Ausdruck.']);
      refused = await client.submit(page, 'Muster testen', { muster: 'a', beispiele: ' \n ' });
      assert.equal(refused.status, 400);
      assert.deepEqual(alerts(refused), ['Geben Sie mindestens ein Beispiel ein.']);
      refused = await client.submit(page, 'Muster testen', {
        muster: 'a',
        beispiele: Array.from({ length: 21 }, (_, i) => `a${i}`).join('\n'),
      });
      assert.equal(refused.status, 400);
      assert.equal(
        refused.document.querySelector('#in-mustertest-beispiele')!.getAttribute('aria-invalid'),
        'true',
      );
      assert.equal((await stored(t, id)).version, version, 'nothing saved by testing');

      // Not a text field: no tester there.
      const art = fieldOf(definition, 'art');
      const csrf = csrfOf(page);
      const other = await client.post(`${DRAFTS}/${id}/felder/${art.uid}/muster`, {
        _csrf: csrf,
        muster: 'a',
        beispiele: 'a',
      });
      assert.equal(other.status, 404);
    });

    test("only the draft tenant's designers, with the CSRF token", async () => {
      const { client: owner, page: home } = await login(t, 'musterstadt', 'designer');
      const { id, definition } = await draftOfTestService(owner, t);
      const vorname = fieldOf(definition, 'vorname');
      const url = `${DRAFTS}/${id}/felder/${vorname.uid}/muster`;
      const form = { muster: 'a', beispiele: 'a' };
      assert.equal((await owner.post(url, { ...form, _csrf: 'falsch' })).status, 403);
      assert.equal((await owner.post(url, { ...form, _csrf: csrfOf(home) })).status, 200);
      const { client: other, page: otherHome } = await login(t, 'beispielhausen', 'designer');
      assert.equal((await other.post(url, { ...form, _csrf: csrfOf(otherHome) })).status, 404);
      const { client: caseworker, page: caseHome } = await login(t, 'musterstadt', 'caseworker');
      assert.equal((await caseworker.post(url, { ...form, _csrf: csrfOf(caseHome) })).status, 403);
    });
  });
}
