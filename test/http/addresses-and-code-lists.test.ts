/**
 * Address fields, code lists and long lists through the real app, on SQLite and PostgreSQL:
 * errors at the exact part of an address, the searchable input of the 11,227 municipalities
 * (one match, several matches, none, suggestions), and the snapshot a published version keeps.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { getByRole, queryAllByRole } from '@testing-library/dom';
import { codeListDirectory } from '../../src/adapters/codelists/directory.ts';
import { publishService } from '../../src/core/publishing.ts';
import type { SelectField } from '../../src/definition/types.ts';
import { compile } from '../../src/engine/compile.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { HttpClient } from '../support/http-client.ts';

const gc = (version: string, label: string) =>
  `<?xml version="1.0"?><gc:CodeList xmlns:gc="http://docs.oasis-open.org/codelist/ns/genericode/1.0/"><Identification><ShortName>A</ShortName><Version>${version}</Version><CanonicalUri>urn:test:abfallart</CanonicalUri></Identification><ColumnSet><Column Id="code"/><Column Id="name"/></ColumnSet><SimpleCodeList><Row><Value ColumnRef="code"><SimpleValue>H</SimpleValue></Value><Value ColumnRef="name"><SimpleValue>${label}</SimpleValue></Value></Row><Row><Value ColumnRef="code"><SimpleValue>G</SimpleValue></Value><Value ColumnRef="name"><SimpleValue>Gewerbe</SimpleValue></Value></Row></SimpleCodeList></gc:CodeList>`;

const withList = (uri: string) => ({
  formatVersion: 2,
  id: 'abfall-test',
  title: { de: 'Abfall' },
  summary: { de: 'Abfall' },
  declaration: { de: 'Ja' },
  steps: [
    {
      id: 'art',
      title: { de: 'Art' },
      fields: [
        { type: 'radio', key: 'herkunft', label: { de: 'Herkunft' }, required: true, codeList: { uri } },
      ],
    },
  ],
  local: { office: { name: { de: 'Amt' } } },
});

for (const dialect of DIALECTS) {
  describe(`addresses and code lists (${dialect.name})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(() => t.close());

    const start = async (client: HttpClient, base: string) => {
      const first = await client.submit(await client.get(base), 'Jetzt starten');
      return client.get(first.location as string);
    };

    test('an address error names the part and links to that input only', async () => {
      const client = new HttpClient(t.app.server);
      const step = await start(client, '/musterstadt/sperrmuell-anmelden');
      assert.ok(getByRole(step.document.body, 'group', { name: 'Abholadresse' }));
      const result = await client.submit(step, 'Weiter', {
        'abholadresse-street': 'Hauptstraße 5a',
        'abholadresse-city': 'Musterstadt',
        name: 'Müller',
      });
      assert.equal(result.status, 400);
      const summary = getByRole(result.document.body, 'alert');
      const link = getByRole(summary, 'link', { name: 'Abholadresse: Geben Sie die Postleitzahl ein' });
      assert.equal(link.getAttribute('href'), '#field-abholadresse-postcode');
      const postcode = getByRole(result.document.body, 'textbox', { name: 'Postleitzahl' });
      assert.equal(postcode.id, 'field-abholadresse-postcode');
      assert.equal(postcode.getAttribute('aria-invalid'), 'true');
      assert.equal(postcode.getAttribute('autocomplete'), 'postal-code');
      const street = getByRole(result.document.body, 'textbox', { name: 'Straße' }) as HTMLInputElement;
      assert.equal(street.getAttribute('aria-invalid'), null);
      assert.equal(street.value, 'Hauptstraße 5a', 'what was typed is kept');

      const done = await client.submit(result, 'Weiter', { 'abholadresse-postcode': '38302' });
      assert.equal(done.status, 303);
      // Back on the step: the street and number were split into their parts.
      const again = await client.get('/musterstadt/sperrmuell-anmelden/schritt/adresse');
      const number = getByRole(again.document.body, 'textbox', { name: 'Hausnummer' }) as HTMLInputElement;
      assert.equal(number.value, '5a');
    });

    test('an empty address: each missing part said, marked and linked at its own input', async () => {
      const client = new HttpClient(t.app.server);
      const step = await start(client, '/musterstadt/sperrmuell-anmelden');
      const result = await client.submit(step, 'Weiter', { name: 'Müller' });
      assert.equal(result.status, 400);
      const summary = getByRole(result.document.body, 'alert');
      const parts: Array<[string, string, string]> = [
        ['Straße', 'Geben Sie die Straße ein', 'field-abholadresse'],
        ['Hausnummer', 'Geben Sie die Hausnummer ein', 'field-abholadresse-houseNumber'],
        ['Postleitzahl', 'Geben Sie die Postleitzahl ein', 'field-abholadresse-postcode'],
        ['Ort', 'Geben Sie den Ort ein', 'field-abholadresse-city'],
      ];
      for (const [label, message, id] of parts) {
        // The summary names the question before the message (ADR 0029).
        const link = getByRole(summary, 'link', { name: new RegExp(`: ${message}$`) });
        assert.equal(link.getAttribute('href'), `#${id}`);
        const input = getByRole(result.document.body, 'textbox', { name: label });
        assert.equal(input.id, id);
        assert.equal(input.getAttribute('aria-invalid'), 'true', label);
        // The message stands right below its own input, and the input is described by it.
        const error = result.document.getElementById(input.getAttribute('aria-describedby') ?? '');
        assert.match(error?.textContent ?? '', new RegExp(message), label);
        assert.equal(error?.previousElementSibling, input, label);
      }
      const supplement = getByRole(result.document.body, 'textbox', { name: /Adresszusatz/ });
      assert.equal(supplement.getAttribute('aria-invalid'), null);
      const group = getByRole(result.document.body, 'group', { name: 'Abholadresse' });
      assert.equal(group.querySelectorAll('.kern-error').length, 4, 'one message per part, no fifth');
    });

    test('the municipality: a searchable input over 11,227 entries, without JavaScript', async () => {
      const client = new HttpClient(t.app.server);
      const base = '/musterstadt/bewohnerparkausweis';
      const first = await start(client, base);
      const wohnung = await client.submit(first, 'Weiter', {
        vorname: 'Erika',
        nachname: 'Muster',
        'geburtsdatum-day': '1',
        'geburtsdatum-month': '2',
        'geburtsdatum-year': '1980',
        email: 'erika@example.de',
      });
      assert.equal(wohnung.status, 303);
      const step = await client.get(wohnung.location as string);
      // Not a main residence: the question about the municipality is revealed on the same step.
      const revealed = await client.submit(step, 'Weiter', {
        strasse: 'Lindenweg',
        hausnummer: '3',
        plz: '38302',
        ort: 'Musterstadt',
        zone: 'a',
        hauptwohnsitz: 'no',
      });
      assert.equal(revealed.status, 200);
      const input = getByRole(revealed.document.body, 'textbox', {
        name: 'In welcher Gemeinde ist Ihr Hauptwohnsitz?',
      }) as HTMLInputElement;
      assert.equal(
        input.getAttribute('data-aw-options'),
        '/musterstadt/bewohnerparkausweis/auswahl/hauptwohnsitzGemeinde',
      );
      // Neither the page nor the definition the browser reads carries the list.
      const form = revealed.document.querySelector('form[data-aw-step]')!;
      assert.equal(form.getAttribute('data-aw-suggestions'), '/musterstadt/bewohnerparkausweis/auswahl/');
      const definition = await client.get(form.getAttribute('data-aw-definition')!);
      assert.equal(definition.status, 200);
      assert.ok(definition.body.length < 20_000, `definition of ${definition.body.length} bytes`);
      assert.doesNotMatch(definition.body, /"01001000"|Flensburg/);
      assert.equal(revealed.document.querySelectorAll('option').length, 5, 'only the zone select');
      assert.ok(revealed.body.length < 40_000, `page of ${revealed.body.length} bytes`);
      const found = /.{40}(?:"01001000"|Flensburg).{40}/.exec(revealed.body)?.[0];
      assert.equal(found, undefined, 'not even the first entry');

      const none = await client.submit(revealed, 'Weiter', { hauptwohnsitzGemeinde: 'Atlantis' });
      assert.equal(none.status, 400);
      assert.ok(
        getByRole(getByRole(none.document.body, 'alert'), 'link', {
          // The summary names the question, then what is wrong with the answer (ADR 0029).
          name: /^In welcher Gemeinde ist Ihr Hauptwohnsitz\? Zu „Atlantis“ haben wir keinen Eintrag gefunden/,
        }),
      );

      const several = await client.submit(none, 'Weiter', { hauptwohnsitzGemeinde: 'buchholz' });
      assert.equal(several.status, 400);
      const group = getByRole(several.document.body, 'group', { name: 'Passende Einträge' });
      const radios = queryAllByRole(group, 'radio');
      assert.equal(radios.length, 10, 'the first ten of the matches');
      // The four named exactly so come first, each with its Kreis and Land as they share the name.
      assert.deepEqual(
        radios.slice(0, 4).map((r) => r.getAttribute('value')),
        ['01051012', '01053018', '03257008', '13071020'],
      );
      assert.deepEqual(
        radios.slice(0, 4).map((r) => (r as HTMLInputElement).labels?.[0]?.textContent),
        [
          'Buchholz (Dithmarschen, Schleswig-Holstein)',
          'Buchholz (Herzogtum Lauenburg, Schleswig-Holstein)',
          'Buchholz (Schaumburg, Niedersachsen)',
          'Buchholz (Mecklenburgische Seenplatte, Mecklenburg-Vorpommern)',
        ],
      );
      assert.equal(
        (getByRole(several.document.body, 'textbox', { name: /Gemeinde/ }) as HTMLInputElement).value,
        'buchholz',
      );

      const picked = await client.submit(several, 'Weiter', { 'hauptwohnsitzGemeinde-choice': '03257008' });
      assert.equal(picked.status, 303, picked.body.slice(0, 300));
      assert.match(picked.location ?? '', /\/schritt\/fahrzeuge$/);
      const back = await client.get(`${base}/schritt/wohnung`);
      const shown = getByRole(back.document.body, 'textbox', { name: /Gemeinde/ }) as HTMLInputElement;
      assert.equal(shown.value, 'Buchholz (Schaumburg, Niedersachsen)', 'a repeated name with its Kreis');
      // Typed as shown, or by name and Kreis, it is that one.
      for (const typed of ['Buchholz (Schaumburg, Niedersachsen)', 'buchholz schaumburg']) {
        const same = await client.submit(back, 'Weiter', { hauptwohnsitzGemeinde: typed });
        assert.equal(same.status, 303, typed);
      }

      // One match is taken at once: the code is stored.
      const hannover = await client.submit(back, 'Weiter', { hauptwohnsitzGemeinde: 'Hannover' });
      assert.equal(hannover.status, 303);
      const again = await client.get(`${base}/schritt/wohnung`);
      assert.equal(
        (getByRole(again.document.body, 'textbox', { name: /Gemeinde/ }) as HTMLInputElement).value,
        'Hannover, Landeshauptstadt (Region Hannover, Niedersachsen)',
      );
      // A kreisfreie Stadt is its own Kreis: only the Land is added.
      const flensburg = await client.submit(again, 'Weiter', { hauptwohnsitzGemeinde: '01001000' });
      assert.equal(flensburg.status, 303);
      const last = await client.get(`${base}/schritt/wohnung`);
      assert.equal(
        (getByRole(last.document.body, 'textbox', { name: /Gemeinde/ }) as HTMLInputElement).value,
        'Flensburg, Stadt (Schleswig-Holstein)',
      );
    });

    test('suggestions: ten matches as JSON, only for a citizen with a draft and a long list', async () => {
      const client = new HttpClient(t.app.server);
      const base = '/musterstadt/bewohnerparkausweis';
      await start(client, base);
      const response = await client.get(`${base}/auswahl/hauptwohnsitzGemeinde?q=Neustadt`);
      assert.equal(response.status, 200);
      assert.match(String(response.response.headers['content-type']), /^application\/json/);
      const { matches } = JSON.parse(response.body) as { matches: Array<{ value: string; label: string }> };
      assert.equal(matches.length, 10);
      for (const m of matches) assert.match(m.label, /Neust[aä]dt.* \(\d{8}\)$/);
      const short = await client.get(`${base}/auswahl/hauptwohnsitzGemeinde?q=N`);
      assert.deepEqual(JSON.parse(short.body), { matches: [] });
      assert.equal((await client.get(`${base}/auswahl/zone?q=Zone`)).status, 404, 'not a long list');
      assert.equal((await client.get(`${base}/auswahl/gibtEsNicht?q=ab`)).status, 404);
      const stranger = new HttpClient(t.app.server);
      assert.equal((await stranger.get(`${base}/auswahl/hauptwohnsitzGemeinde?q=Neustadt`)).status, 404);
    });

    test('a published version keeps its snapshot of the list; an unknown list is refused', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'amtsweg-lists-'));
      try {
        const tenant = await t.app.store.tenants.bySlug('beispielhausen');
        assert.ok(tenant);
        const file = join(dir, 'abfallart.gc.xml');
        writeFileSync(file, gc('1', 'Haushalt'));
        const deps = { store: t.app.store, clock: t.app.clock, codeLists: codeListDirectory([dir]) };
        const v1 = await publishService(deps, tenant.id, withList('urn:test:abfallart'));
        assert.ok(v1.ok, JSON.stringify(!v1.ok && v1.problems));

        // The list changes later (same version, new wording): a new publication takes it...
        writeFileSync(file, gc('1', 'Privathaushalt'));
        utimesSync(file, new Date(), new Date(Date.now() + 10_000));
        const v2 = await publishService(deps, tenant.id, withList('urn:test:abfallart'));
        assert.ok(v2.ok);
        // ... and the first version, with the answers made with it, keeps its own labels.
        const stored = await t.app.store.services.versionByNumber(
          tenant.id,
          'abfall-test',
          v1.version.version,
        );
        assert.ok(stored);
        const field = stored.definition.steps[0]?.fields[0] as SelectField;
        assert.deepEqual(field.codeList, { uri: 'urn:test:abfallart', version: '1' });
        assert.equal(field.options[0]?.label.de, 'Haushalt');
        const summary = compile(stored.definition).summary({ herkunft: 'H' }, 'de');
        assert.equal(summary[0]?.rows[0]?.value, 'Haushalt');
        const latest = await t.app.store.services.latestBySlug(tenant.id, 'abfall-test');
        assert.ok(latest);
        const latestField = latest.definition.steps[0]?.fields[0] as SelectField;
        assert.equal(latestField.options[0]?.label.de, 'Privathaushalt');

        const refused = await publishService(deps, tenant.id, withList('urn:test:unbekannt'));
        assert.ok(!refused.ok);
        assert.equal(refused.problems[0]?.path, '/steps/0/fields/0/codeList');
        assert.match(
          refused.problems[0]?.message ?? '',
          /code list 'urn:test:unbekannt' is not in the code list directory/,
        );
        const after = await t.app.store.services.latestBySlug(tenant.id, 'abfall-test');
        assert.equal(after?.version, v2.version.version, 'nothing was published');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
