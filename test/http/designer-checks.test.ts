/**
 * Cross-field checks through the real app on both databases (ADR 0046 amendment): "Fehler, wenn
 * Ende < Beginn" built with pickers (a field compared with another field), saved as
 * `{"!": [{"<": [{"var": "ende"}, {"var": "beginn"}]}]}` with its fields and message, said in
 * words and shown as pickers again; mistakes refused at their place with nothing saved; a check
 * the pickers cannot show edited as JSON and kept byte for byte; removal; the designer role, the
 * tenant and CSRF.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
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

const fieldOf = (d: ServiceDefinition, key: string) =>
  d.steps.flatMap((s) => s.fields).find((f) => f.key === key)!;

/** A draft of the test service whose step "details" got two date fields, Beginn and Ende. */
async function draftWithDates(client: HttpClient, t: TestApp) {
  const list = await client.get(DRAFTS);
  const created = await client.submit(list, 'Entwurf aus der Leistung anlegen', { leistung: 'testantrag' });
  assert.equal(created.status, 303);
  const id = created.location!.split('?')[0]!.split('/')[4]!;
  const details = (await stored(t, id)).definition.steps[1]!;
  for (const label of ['Beginn', 'Ende']) {
    const step = await client.get(`${DRAFTS}/${id}/schritte/${details.uid}`);
    const added = await client.submit(step, 'Feld hinzufügen', { typ: 'date', bezeichnung: label });
    assert.equal(added.status, 303, added.body.slice(0, 500));
  }
  const definition = (await stored(t, id)).definition;
  return { id, definition, step: details.uid! };
}

for (const dialect of DIALECTS) {
  describe(`cross-field checks (${dialect.name})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
      await publishFixture(t);
    });
    after(() => t.close());

    test('"Fehler, wenn Ende < Beginn" built with pickers, errors at their place, said in words', async () => {
      const { client } = await login(t, 'musterstadt', 'designer');
      const { id, definition, step } = await draftWithDates(client, t);
      const beginn = fieldOf(definition, 'beginn').uid!;
      const ende = fieldOf(definition, 'ende').uid!;
      const overview = await client.get(`${DRAFTS}/${id}`);
      assert.equal(
        overview.document.querySelector('#pruefungen-link')!.getAttribute('href'),
        `${DRAFTS}/${id}/pruefungen`,
      );
      const list = await client.get(`${DRAFTS}/${id}/pruefungen`);
      assert.equal(list.status, 200);
      const add =
        [...list.document.querySelectorAll('a')].find(
          (a) => a.textContent === 'Prüfung hinzufügen: Schritt „Angaben“',
        ) ??
        [...list.document.querySelectorAll('a')].find((a) =>
          a.getAttribute('href')?.endsWith(`/neu/${step}`),
        );
      assert.ok(add);
      const url = add.getAttribute('href')!;
      let page = await client.get(url);
      assert.equal(page.status, 200);
      const version = (await stored(t, id)).version;

      // The field, then the comparison, then "another field" and which: each offered after the choice before.
      page = await client.submit(page, 'Auswahl aktualisieren', {
        'b.0.feld': ende,
        'b.0.operator': 'lessThan',
      });
      assert.ok(page.document.querySelector('#in-b-0-vergleich'), 'a comparison may name another field');
      page = await client.submit(page, 'Auswahl aktualisieren', { 'b.0.vergleich': 'feld' });
      const others = [...page.document.querySelectorAll('#in-b-0-anderes option')].map((o) => o.textContent);
      assert.ok(others.includes('Beginn') && !others.includes('Ende') && !others.includes('Anzahl'));
      assert.equal((await stored(t, id)).version, version, 'nothing saved by the buttons');

      // No other field, no message field, no message: at their places, nothing saved.
      const refused = await client.submit(page, 'Prüfung speichern', { 'b.0.anderes': '' });
      assert.equal(refused.status, 400);
      assert.deepEqual(alerts(refused), [
        'Geben Sie eine Fehlermeldung ein.',
        'Wählen Sie das Feld, an dem die Meldung erscheint.',
        'Bedingung 1: Wählen Sie das Feld, mit dem verglichen wird.',
      ]);
      assert.equal(refused.document.querySelector('#in-b-0-anderes')!.getAttribute('aria-invalid'), 'true');
      assert.equal((await stored(t, id)).version, version, 'nothing saved');
      // A field of another kind is not one to compare with (a forged post): at its place.
      const wrongKind = await client.submit(page, 'Prüfung speichern', {
        'b.0.anderes': fieldOf(definition, 'anzahl').uid!,
        'meldung-feld': ende,
        's.message.de': 'Das Ende liegt vor dem Beginn.',
      });
      assert.equal(wrongKind.status, 400);
      assert.deepEqual(alerts(wrongKind), [
        'Bedingung 1: Wählen Sie ein anderes Feld derselben Art (Zahl mit Zahl, Datum mit Datum).',
      ]);

      const saved = await client.submit(page, 'Prüfung speichern', {
        'b.0.anderes': beginn,
        'meldung-feld': ende,
        's.message.de': 'Das Ende liegt vor dem Beginn.',
        's.message.en': 'The end is before the start.',
      });
      assert.equal(saved.status, 303, saved.body.slice(0, 3000));
      const now = await stored(t, id);
      assert.equal(now.version, version + 1);
      assert.deepEqual(now.definition.steps[1]!.validations, [
        {
          id: 'pruefung1',
          rule: { '!': [{ '<': [{ var: 'ende' }, { var: 'beginn' }] }] },
          message: { de: 'Das Ende liegt vor dem Beginn.', en: 'The end is before the start.' },
          fields: ['ende', 'beginn'],
        },
      ]);
      assert.equal(saved.location, `${DRAFTS}/${id}/pruefungen/pruefung1?gespeichert=1`);
      page = await client.visit(saved.location!);
      assert.equal(
        page.document.querySelector('#check-words')!.textContent,
        'In Worten: Fehler, wenn Ende < Beginn',
      );
      assert.equal(
        page.document.querySelector<HTMLSelectElement>('#in-b-0-anderes')!.value,
        beginn,
        'shown as pickers again',
      );
      // Saved again unchanged: the very same check.
      const again = await client.submit(page, 'Prüfung speichern');
      assert.equal(again.status, 303);
      assert.deepEqual(
        (await stored(t, id)).definition.steps[1]!.validations,
        now.definition.steps[1]!.validations,
      );
      const words = (await client.get(`${DRAFTS}/${id}/pruefungen`)).document.body.textContent!;
      assert.match(words, /Fehler, wenn Ende < Beginn\. Meldung: „Das Ende liegt vor dem Beginn\.“/);
      assert.equal(
        (await client.get(`${DRAFTS}/${id}`)).document.querySelector('#keine-probleme') !== null,
        true,
      );

      // Removed: the step has no check any more.
      // On the version shown before the last save: the conflict page, nothing removed.
      const stale = await client.submit(page, 'Prüfung entfernen');
      assert.equal(stale.status, 409);
      assert.equal((await stored(t, id)).definition.steps[1]!.validations?.length, 1);
      page = await client.get(`${DRAFTS}/${id}/pruefungen/pruefung1`);
      const removed = await client.submit(page, 'Prüfung entfernen');
      assert.equal(removed.status, 303);
      assert.equal((await stored(t, id)).definition.steps[1]!.validations, undefined);
      assert.equal((await client.get(`${DRAFTS}/${id}/pruefungen/pruefung1`)).status, 404);
    });

    test('a check the pickers cannot show stays JSON byte for byte, and is checked when edited', async () => {
      const { client } = await login(t, 'musterstadt', 'designer');
      const { id } = await draftWithDates(client, t);
      // A count read with a default: beyond the pickers.
      const odd = {
        id: 'spaet',
        rule: { '<=': [{ var: ['anzahl', 0] }, 10] },
        message: { de: 'Höchstens zehn.' },
        fields: ['anzahl'],
      };
      const code = await client.get(`${DRAFTS}/${id}/code`);
      const definition = (await stored(t, id)).definition;
      definition.steps[1]!.validations = [odd];
      const put = await client.submit(code, 'JSON speichern', { json: JSON.stringify(definition) });
      assert.equal(put.status, 303, put.body.slice(0, 2000));
      const url = `${DRAFTS}/${id}/pruefungen/spaet`;
      let page = await client.get(url);
      assert.equal(page.status, 200);
      assert.ok(page.document.querySelector('#nur-json'));
      assert.match(
        page.document.querySelector('#check-words')!.textContent!,
        /bleibt als JSON Logic erhalten/,
      );
      const text = page.document.querySelector<HTMLTextAreaElement>('#in-regel-json')!.value;
      const saved = await client.submit(page, 'Prüfung speichern');
      assert.equal(saved.status, 303);
      assert.equal(
        JSON.stringify((await stored(t, id)).definition.steps[1]!.validations),
        JSON.stringify([odd]),
      );

      // Not JSON; JSON naming an unknown field: refused, what was typed kept, nothing saved.
      const version = (await stored(t, id)).version;
      page = await client.get(url);
      let refused = await client.submit(page, 'Prüfung speichern', { json: '{"rule": [' });
      assert.equal(refused.status, 400);
      assert.equal(
        refused.document.querySelector<HTMLTextAreaElement>('#in-regel-json')!.value,
        '{"rule": [',
      );
      refused = await client.submit(page, 'Prüfung speichern', {
        json: JSON.stringify({ ...JSON.parse(text), fields: ['gibtesnicht'] }),
      });
      assert.equal(refused.status, 400);
      assert.match(
        alerts(refused).join('\n'),
        /\/steps\/1\/validations\/0\/fields\/0: names unknown field 'gibtesnicht'/,
      );
      assert.equal((await stored(t, id)).version, version, 'nothing saved');

      // Built anew with pickers instead, on purpose: nothing saved until saved.
      page = await client.submit(page, 'Stattdessen mit Auswahlfeldern neu aufbauen');
      assert.equal(page.status, 200);
      assert.ok(page.document.querySelector('#in-b-0-feld'));
      assert.equal(page.document.querySelector<HTMLInputElement>('#in-message-de')!.value, 'Höchstens zehn.');
      assert.equal((await stored(t, id)).version, version);
    });

    test("only the draft tenant's designers, with the CSRF token; posts no page sends are 400", async () => {
      const { client: owner, page: home } = await login(t, 'musterstadt', 'designer');
      const { id, step } = await draftWithDates(owner, t);
      const url = `${DRAFTS}/${id}/pruefungen/neu/${step}`;
      const form = {
        version: String((await stored(t, id)).version),
        aktion: 'aktualisieren',
        art: 'fehler',
        'b.verknuepfung': 'and',
      };
      assert.equal((await owner.post(url, { ...form, _csrf: 'falsch' })).status, 403);
      assert.equal((await owner.post(url, { ...form, _csrf: csrfOf(home) })).status, 200);
      assert.equal((await owner.post(url, { ...form, art: 'vielleicht', _csrf: csrfOf(home) })).status, 400);
      assert.equal((await owner.post(url, { ...form, aktion: 'zaubern', _csrf: csrfOf(home) })).status, 400);
      assert.equal((await owner.get(`${DRAFTS}/${id}/pruefungen/neu/s-gibt-es-nicht`)).status, 404);
      const { client: other, page: otherHome } = await login(t, 'beispielhausen', 'designer');
      assert.equal((await other.get(url)).status, 404);
      assert.equal((await other.post(url, { ...form, _csrf: csrfOf(otherHome) })).status, 404);
      const { client: caseworker, page: caseHome } = await login(t, 'musterstadt', 'caseworker');
      assert.equal((await caseworker.get(url)).status, 403);
      assert.equal((await caseworker.post(url, { ...form, _csrf: csrfOf(caseHome) })).status, 403);
    });
  });
}
