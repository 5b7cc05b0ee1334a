/**
 * The rule builder through the real app on both databases (ADR 0046): a condition read into
 * pickers, rows added and removed without saving, saved as JSON Logic and said in words; rows that
 * cannot be read refused at the row with nothing saved; a rule the pickers cannot show edited as
 * JSON and kept byte for byte by every other save; a save on an old version refused with the rule
 * kept; the designer role, the tenant and CSRF on every route.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { getAllByRole, getByRole } from '@testing-library/dom';
import type { ServiceDefinition } from '../../src/definition/types.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { alerts, csrfOf, login } from '../support/design-client.ts';
import { publishFixture } from '../support/fixture.ts';
import type { HttpClient, PageResult } from '../support/http-client.ts';

const DRAFTS = '/staff/design/entwuerfe';

async function stored(t: TestApp, id: string) {
  const tenantId = (await t.app.store.tenants.bySlug('musterstadt'))!.id;
  return (await t.app.store.editorDrafts.byId(tenantId, id))!;
}

const field = (d: ServiceDefinition, key: string) =>
  d.steps
    .flatMap((s) => s.fields)
    .find((f) => f.key === key)! as ServiceDefinition['steps'][0]['fields'][0] & {
    showIf?: unknown;
    requiredIf?: unknown;
  };

/** A draft of the published test service: its id and definition. */
async function draftOfTestService(client: HttpClient, t: TestApp) {
  const list = await client.get(DRAFTS);
  const created = await client.submit(list, 'Entwurf aus der Leistung anlegen', { leistung: 'testantrag' });
  assert.equal(created.status, 303);
  const id = created.location!.split('?')[0]!.split('/')[4]!;
  return { id, definition: (await stored(t, id)).definition };
}

const selected = (page: PageResult, id: string) =>
  page.document.querySelector<HTMLSelectElement>(`#${id}`)!.selectedOptions[0]?.value;

for (const dialect of DIALECTS) {
  describe(`the rule builder (${dialect.name})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
      await publishFixture(t);
    });
    after(() => t.close());

    test('a condition read into pickers, rows added without saving, saved as JSON Logic and said in words', async () => {
      const { client } = await login(t, 'musterstadt', 'designer');
      const { id, definition } = await draftOfTestService(client, t);
      const zusatz = field(definition, 'zusatz');
      const anzahl = field(definition, 'anzahl');
      const zusatztext = field(definition, 'zusatztext');
      // The field's page links to the builder.
      const fieldPage = await client.get(`${DRAFTS}/${id}/felder/${zusatztext.uid}`);
      const link = fieldPage.document.querySelector<HTMLAnchorElement>('#rule-edit-showIf')!;
      const url = `${DRAFTS}/${id}/regeln/${zusatztext.uid}/anzeigen`;
      assert.equal(link.getAttribute('href'), url);

      let page = await client.get(url);
      assert.equal(page.status, 200);
      assert.ok(getByRole(page.document.body, 'heading', { level: 1, name: 'Anzeigebedingung: Zusatz' }));
      assert.equal(
        page.document.querySelector('#rule-words')!.textContent,
        'In Worten: Zeige Zusatz, wenn Gibt es einen Zusatz? = Ja',
      );
      assert.equal(selected(page, 'in-b-0-feld'), zusatz.uid);
      assert.equal(selected(page, 'in-b-0-operator'), 'equals');
      assert.equal(selected(page, 'in-b-0-wert'), 'ja');
      // Only answers before the field are offered: not the field itself, nor the info text, nor later ones.
      const offered = Array.from(
        page.document.querySelectorAll<HTMLOptionElement>('#in-b-0-feld option'),
      ).map((o) => o.textContent);
      assert.deepEqual(offered, [
        '– bitte wählen –',
        'Vorname',
        'Nachname',
        'Geburtsdatum',
        'E-Mail-Adresse',
        'Anzahl',
        'Art',
        'Gibt es einen Zusatz?',
      ]);

      // Enter in a text box presses the form's first button: one that saves and removes nothing.
      assert.equal(
        page.document.querySelector('#regel-form button[type="submit"]')!.getAttribute('value'),
        'aktualisieren',
      );
      // A second row, without saving: the first keeps what it had.
      page = await client.submit(page, 'Bedingung hinzufügen');
      assert.equal(page.status, 200);
      assert.equal(selected(page, 'in-b-0-feld'), zusatz.uid);
      assert.ok(page.document.querySelector('#in-b-1-feld'));
      assert.equal((await stored(t, id)).version, 1, 'nothing saved by adding a row');
      // A field chosen, the choices updated: the comparisons that fit a number.
      page = await client.submit(page, 'Auswahl aktualisieren', { 'b.1.feld': anzahl.uid! });
      const operators = Array.from(
        page.document.querySelectorAll<HTMLOptionElement>('#in-b-1-operator option'),
      ).map((o) => o.value);
      assert.deepEqual(operators, [
        '',
        'equals',
        'notEquals',
        'lessThan',
        'lessOrEqual',
        'greaterThan',
        'greaterOrEqual',
      ]);
      // A value of the wrong type: an error at the row, nothing saved, what was typed kept.
      const refused = await client.submit(page, 'Bedingung speichern', {
        'b.1.operator': 'greaterThan',
        'b.1.wert': 'drei',
      });
      assert.equal(refused.status, 400);
      assert.deepEqual(alerts(refused), ['Bedingung 2: Geben Sie eine Zahl an, z. B. 3 oder 2,5.']);
      assert.equal(refused.document.querySelector<HTMLInputElement>('#in-b-1-wert')!.value, 'drei');
      assert.equal(refused.document.querySelector('#in-b-1-wert')!.getAttribute('aria-invalid'), 'true');
      assert.equal((await stored(t, id)).version, 1);
      // Fixed: saved as JSON Logic, and said in words.
      const saved = await client.submit(refused, 'Bedingung speichern', {
        'b.verknuepfung': 'or',
        'b.1.wert': '2,5',
      });
      assert.equal(saved.status, 303, saved.body.slice(0, 3000));
      const after = await stored(t, id);
      assert.equal(after.version, 2);
      assert.deepEqual(field(after.definition, 'zusatztext').showIf, {
        or: [{ '==': [{ var: 'zusatz' }, true] }, { '>': [{ var: 'anzahl' }, 2.5] }],
      });
      page = await client.visit(saved.location!);
      assert.equal(
        page.document.querySelector('#rule-words')!.textContent,
        'In Worten: Zeige Zusatz, wenn Gibt es einen Zusatz? = Ja oder Anzahl > 2.5',
      );

      // A group in the group, and a row removed: "Art ist Klein oder Groß" in an "and" group.
      page = await client.submit(page, 'Gruppe hinzufügen');
      assert.equal(selected(page, 'in-b-2-verknuepfung'), 'and');
      page = await client.submit(page, 'Auswahl aktualisieren', {
        'b.2.0.feld': field(after.definition, 'art').uid!,
      });
      page = await client.submit(page, 'Auswahl aktualisieren', { 'b.2.0.operator': 'oneOf' });
      const boxes = getAllByRole(page.document.body, 'checkbox');
      assert.equal(boxes.length, 2, 'one box per option of the radio field');
      page = await client.submit(page, 'Bedingung 1 entfernen');
      assert.equal(selected(page, 'in-b-0-feld'), anzahl.uid, 'the rows after it move up');
      const second = await client.submit(page, 'Bedingung speichern', { 'b.1.0.wert': ['klein', 'gross'] });
      assert.equal(second.status, 303, second.body.slice(0, 3000));
      assert.deepEqual(field((await stored(t, id)).definition, 'zusatztext').showIf, {
        or: [{ '>': [{ var: 'anzahl' }, 2.5] }, { and: [{ in: [{ var: 'art' }, ['klein', 'gross']] }] }],
      });

      // Every row removed and saved: the rule is gone.
      page = await client.visit(second.location!);
      page = await client.submit(page, 'Gruppe 2 entfernen');
      page = await client.submit(page, 'Bedingung 1 entfernen');
      assert.ok(page.document.querySelector('#keine-bedingung'));
      assert.equal((await client.submit(page, 'Bedingung speichern')).status, 303);
      assert.equal('showIf' in field((await stored(t, id)).definition, 'zusatztext'), false);
    });

    test("a step's condition, and rows that cannot be read: at the row, nothing saved", async () => {
      const { client } = await login(t, 'musterstadt', 'designer');
      const { id, definition } = await draftOfTestService(client, t);
      const step = definition.steps[2]!;
      const url = `${DRAFTS}/${id}/regeln/${step.uid}/anzeigen`;
      const page = await client.get(url);
      assert.equal(
        page.document.querySelector('#rule-words')!.textContent,
        `In Worten: Zeige ${step.title.de}, wenn Anzahl > 2`,
      );
      const art = field(definition, 'art');
      const grund = field(definition, 'grund');
      const cases: Array<[Record<string, string>, string]> = [
        [{ 'b.0.feld': '' }, 'Bedingung 1: Wählen Sie ein Feld.'],
        [
          { 'b.0.feld': 'f-unbekannt' },
          'Bedingung 1: Dieses Feld gibt es nicht oder es kommt nicht vor diesem Element. Wählen Sie ein Feld aus der Liste.',
        ],
        // A later answer (the step's own field) is not one a condition of the step may read.
        [
          { 'b.0.feld': grund.uid! },
          'Bedingung 1: Dieses Feld gibt es nicht oder es kommt nicht vor diesem Element. Wählen Sie ein Feld aus der Liste.',
        ],
        [
          { 'b.0.operator': 'contains' },
          'Bedingung 1: Wählen Sie einen Vergleich, der zu diesem Feld passt.',
        ],
        [{ 'b.0.operator': 'isTrue' }, 'Bedingung 1: Wählen Sie einen Vergleich, der zu diesem Feld passt.'],
        [{ 'b.0.wert': '' }, 'Bedingung 1: Geben Sie einen Wert an.'],
        [
          { 'b.0.feld': art.uid!, 'b.0.operator': 'equals', 'b.0.wert': 'mittel' },
          'Bedingung 1: Wählen Sie eine der Antworten dieses Felds.',
        ],
        [
          {
            'b.0.feld': field(definition, 'zusatz').uid!,
            'b.0.operator': 'equals',
            'b.0.wert': 'vielleicht',
          },
          'Bedingung 1: Wählen Sie Ja oder Nein.',
        ],
        [
          { 'b.0.feld': field(definition, 'geburtsdatum').uid!, 'b.0.wert': '31.12.2026' },
          'Bedingung 1: Geben Sie ein Datum als JJJJ-MM-TT an, z. B. 2026-12-31.',
        ],
        [
          { 'b.1.art': 'gruppe', 'b.1.verknuepfung': 'or' },
          'Gruppe 2: Diese Gruppe hat keine Bedingung. Fügen Sie eine hinzu oder entfernen Sie die Gruppe.',
        ],
      ];
      for (const [values, message] of cases) {
        const refused = await client.submit(page, 'Bedingung speichern', values);
        assert.equal(refused.status, 400, JSON.stringify(values));
        assert.deepEqual(alerts(refused), [message], JSON.stringify(values));
      }
      // Posts no page of the builder sends: a bad request, nothing saved.
      const csrf = csrfOf(page);
      const base = { _csrf: csrf, version: '1', 'b.verknuepfung': 'and' };
      const bad: Array<Record<string, string>> = [
        { ...base, aktion: 'speichern', 'b.0.1.art': 'bedingung' },
        { ...base, aktion: 'speichern', 'b.0.art': 'etwas' },
        { ...base, aktion: 'speichern', 'b.verknuepfung': 'xor' },
        { ...base, aktion: 'loeschen' },
        { ...base, aktion: 'entfernen:b.4' },
        { ...base, aktion: 'speichern', 'b.0.0.0.0.art': 'bedingung' },
        { _csrf: csrf, aktion: 'speichern', 'b.verknuepfung': 'and' },
      ];
      for (const form of bad) assert.equal((await client.post(url, form)).status, 400, JSON.stringify(form));
      assert.equal((await stored(t, id)).version, 1, 'nothing saved');
      // A step has no "required" condition; an element that is not there is not found.
      assert.equal((await client.get(`${DRAFTS}/${id}/regeln/${step.uid}/pflicht`)).status, 404);
      assert.equal((await client.get(`${DRAFTS}/${id}/regeln/f-fehlt/anzeigen`)).status, 404);
      assert.equal((await client.get(`${DRAFTS}/${id}/regeln/${step.uid}/sonstwas`)).status, 404);
    });

    test('a rule the pickers cannot show stays JSON, byte for byte, and is checked when edited', async () => {
      const { client } = await login(t, 'musterstadt', 'designer');
      const { id } = await draftOfTestService(client, t);
      // Set by the code view: a rule outside the builder's forms.
      const code = await client.get(`${DRAFTS}/${id}/code`);
      const document = JSON.parse(code.document.querySelector<HTMLTextAreaElement>('#in-code')!.value);
      const target = document.steps[1].fields.find((f: { key: string }) => f.key === 'zusatztext');
      target.showIf = { or: [{ '===': [{ var: 'zusatz' }, true] }, { '>': [{ var: ['anzahl', 0] }, 2] }] };
      assert.equal(
        (await client.submit(code, 'JSON speichern', { json: JSON.stringify(document) })).status,
        303,
      );
      const before = await stored(t, id);
      const text = JSON.stringify(field(before.definition, 'zusatztext').showIf);
      const uid = field(before.definition, 'zusatztext').uid!;

      const url = `${DRAFTS}/${id}/regeln/${uid}/anzeigen`;
      let page = await client.get(url);
      assert.match(page.document.querySelector('#nur-json')!.textContent!, /nicht mit Auswahlfeldern/);
      assert.match(
        page.document.querySelector('#rule-words')!.textContent!,
        /bleibt als JSON Logic erhalten/,
      );
      assert.deepEqual(
        JSON.parse(page.document.querySelector<HTMLTextAreaElement>('#in-regel-json')!.value),
        JSON.parse(text),
      );
      // The other rule of the field, saved with pickers, and the field's settings: the rule is untouched.
      const required = await client.get(`${DRAFTS}/${id}/regeln/${uid}/pflicht`);
      // "Zusatz" is always required too: the page says the setting must go for the condition to apply.
      assert.ok(required.document.querySelector('#immer-pflicht'));
      const email = field(before.definition, 'email');
      const optional = await client.get(`${DRAFTS}/${id}/regeln/${email.uid}/pflicht`);
      assert.equal(optional.document.querySelector('#immer-pflicht'), null, 'only when always required');
      const savedRequired = await client.submit(required, 'Bedingung speichern', {
        'b.0.feld': field(before.definition, 'zusatz').uid!,
        'b.0.operator': 'isTrue',
      });
      assert.equal(savedRequired.status, 303, savedRequired.body.slice(0, 2000));
      let now = await stored(t, id);
      assert.deepEqual(field(now.definition, 'zusatztext').requiredIf, { var: 'zusatz' });
      assert.equal(JSON.stringify(field(now.definition, 'zusatztext').showIf), text);
      // Saved as it is shown: the very same rule.
      page = await client.get(url);
      assert.equal((await client.submit(page, 'Regel speichern')).status, 303);
      now = await stored(t, id);
      assert.equal(JSON.stringify(field(now.definition, 'zusatztext').showIf), text);

      // Not JSON: the parser's message at the text area, what was typed kept, nothing saved.
      page = await client.get(url);
      let refused = await client.submit(page, 'Regel speichern', { json: '{"==": [' });
      assert.equal(refused.status, 400);
      assert.match(alerts(refused)[0]!, /^Die Regel ist kein gültiges JSON: /);
      assert.equal(refused.document.querySelector<HTMLTextAreaElement>('#in-regel-json')!.value, '{"==": [');
      // JSON that reads a later field: the check's problem with its pointer, nothing saved.
      refused = await client.submit(page, 'Regel speichern', {
        json: '{"some": [{"var": "grund"}, {"var": ""}]}',
      });
      assert.equal(refused.status, 400);
      assert.match(
        alerts(refused).join('\n'),
        /\/steps\/1\/fields\/4\/showIf\/some\/0\/var: refers to field 'grund', which comes later/,
      );
      assert.equal((await stored(t, id)).version, now.version, 'nothing saved');
      assert.equal(JSON.stringify(field((await stored(t, id)).definition, 'zusatztext').showIf), text);

      // Built anew with pickers instead, on purpose.
      page = await client.submit(page, 'Stattdessen mit Auswahlfeldern neu aufbauen');
      assert.equal(page.status, 200);
      assert.ok(page.document.querySelector('#in-b-0-feld'));
      assert.equal(JSON.stringify(field((await stored(t, id)).definition, 'zusatztext').showIf), text);
    });

    test('a save on an old version is refused, with the rule that was built', async () => {
      const { client } = await login(t, 'musterstadt', 'designer');
      const { id, definition } = await draftOfTestService(client, t);
      const uid = field(definition, 'zusatztext').uid!;
      const page = await client.get(`${DRAFTS}/${id}/regeln/${uid}/anzeigen`);
      // Someone else saves meanwhile.
      const other = await client.get(`${DRAFTS}/${id}/regeln/${uid}/pflicht`);
      await client.submit(other, 'Bedingung speichern', {
        'b.0.feld': field(definition, 'zusatz').uid!,
        'b.0.operator': 'isTrue',
      });
      // A field that is always required says that a required condition needs that setting cleared.
      const vorname = field(definition, 'vorname') as { uid?: string; required?: boolean };
      assert.equal(vorname.required, true);
      const always = await client.get(`${DRAFTS}/${id}/regeln/${vorname.uid}/pflicht`);
      assert.match(always.document.querySelector('#immer-pflicht')!.textContent!, /immer Pflicht/);
      const conflict = await client.submit(page, 'Bedingung speichern', { 'b.0.wert': 'nein' });
      assert.equal(conflict.status, 409);
      assert.ok(conflict.document.querySelector('#conflict-title'));
      assert.deepEqual(JSON.parse(conflict.document.querySelector<HTMLTextAreaElement>('#in-yours')!.value), {
        '==': [{ var: 'zusatz' }, false],
      });
      const now = await stored(t, id);
      assert.equal(now.version, 2);
      assert.deepEqual(field(now.definition, 'zusatztext').showIf, { '==': [{ var: 'zusatz' }, true] });
    });

    test('only designers, only of the same municipality, only with the form token', async () => {
      const { client: owner, page: home } = await login(t, 'musterstadt', 'designer');
      const { id, definition } = await draftOfTestService(owner, t);
      const uid = field(definition, 'zusatztext').uid!;
      const url = `${DRAFTS}/${id}/regeln/${uid}/anzeigen`;
      const form = { version: '1', aktion: 'speichern', 'b.verknuepfung': 'and' };

      assert.equal((await owner.post(url, { ...form, _csrf: 'falsch' })).status, 403);
      assert.equal((await owner.post(url, form)).status, 403);

      const { client: other, page: otherHome } = await login(t, 'beispielhausen', 'designer');
      assert.equal((await other.get(url)).status, 404);
      assert.equal((await other.post(url, { ...form, _csrf: csrfOf(otherHome) })).status, 404);

      const { client: caseworker, page: caseHome } = await login(t, 'musterstadt', 'caseworker');
      assert.equal((await caseworker.get(url)).status, 403);
      assert.equal((await caseworker.post(url, { ...form, _csrf: csrfOf(caseHome) })).status, 403);
      assert.ok(csrfOf(home));
      const now = await stored(t, id);
      assert.equal(now.version, 1, 'nothing changed');
      assert.deepEqual(field(now.definition, 'zusatztext').showIf, { '==': [{ var: 'zusatz' }, true] });
    });
  });
}
