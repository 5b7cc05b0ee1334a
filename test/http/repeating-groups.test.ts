/**
 * Repeating groups through the real app, without JavaScript: add and remove items with submit
 * buttons, keep what was typed, validate each item, summarize per item, store a list of records.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { getByRole, queryByRole } from '@testing-library/dom';
import { publishService } from '../../src/core/publishing.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { HttpClient, links, type PageResult } from '../support/http-client.ts';
import { demoCredential, staffLogin } from '../support/staff-login.ts';

const BASE = '/musterstadt/kinder-angeben';

async function publishKinder(t: TestApp): Promise<void> {
  const definition: unknown = JSON.parse(
    readFileSync(join(import.meta.dirname, '..', 'fixtures', 'kinder.json'), 'utf8'),
  );
  const tenant = await t.app.store.tenants.bySlug('musterstadt');
  const outcome = await publishService({ store: t.app.store, clock: t.app.clock }, tenant!.id, definition);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
}

/** Starts a draft, answers the first step and returns the group step. */
async function toGroupStep(client: HttpClient): Promise<PageResult> {
  await client.submit(await client.get(BASE), /Jetzt starten|Antrag fortsetzen/);
  const first = await client.get(`${BASE}/schritt/haushalt`);
  const next = await client.submit(first, 'Weiter', { alleinerziehend: 'yes' });
  assert.equal(next.location, `${BASE}/schritt/kinder`);
  return client.get(next.location!);
}

const itemHeadings = (page: PageResult) =>
  Array.from(page.document.querySelectorAll('h3')).map((h) => h.textContent?.trim());
const input = (page: PageResult, id: string) => page.document.getElementById(id) as HTMLInputElement | null;

const child = (n: number, vorname: string, inHousehold: 'yes' | 'no') => ({
  [`kinder-${n}-vorname`]: vorname,
  [`kinder-${n}-geburtsdatum-day`]: '3',
  [`kinder-${n}-geburtsdatum-month`]: '4',
  [`kinder-${n}-geburtsdatum-year`]: '2015',
  [`kinder-${n}-imHaushalt`]: inHousehold,
});

for (const dialect of DIALECTS) {
  describe(`repeating groups without JavaScript (${dialect.name})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
      await publishKinder(t);
    });
    after(() => t.close());

    test('add and remove items with buttons, keeping what was typed, within min and max', async () => {
      const client = new HttpClient(t.app.server);
      let page = await toGroupStep(client);
      assert.deepEqual(itemHeadings(page), ['Kind 1'], 'minItems items are shown from the start');
      assert.equal(
        queryByRole(page.document.body, 'button', { name: 'Kind 1 entfernen' }),
        null,
        'not below minItems',
      );

      page = await client.submit(page, 'Weiteres Kind hinzufügen', { 'kinder-1-vorname': 'Lena' });
      assert.equal(page.status, 200);
      assert.deepEqual(itemHeadings(page), ['Kind 1', 'Kind 2']);
      assert.equal(input(page, 'field-kinder-1-vorname')?.value, 'Lena', 'typed values are kept');
      assert.equal(queryByRole(page.document.body, 'alert'), null, 'an empty new item is no error');
      assert.ok(
        page.document.getElementById('kinder-2-heading')?.hasAttribute('autofocus'),
        'focus on the new item',
      );
      assert.match(getByRole(page.document.body, 'status').textContent ?? '', /Kind 2 wurde hinzugefügt/);

      page = await client.submit(page, 'Weiteres Kind hinzufügen', { 'kinder-2-vorname': 'Tom' });
      assert.deepEqual(itemHeadings(page), ['Kind 1', 'Kind 2', 'Kind 3']);
      assert.equal(
        queryByRole(page.document.body, 'button', { name: 'Weiteres Kind hinzufügen' }),
        null,
        'no add at max',
      );
      assert.match(page.body, /höchstens 3 Einträge/);

      page = await client.submit(page, 'Kind 1 entfernen', { 'kinder-3-vorname': 'Mia' });
      assert.deepEqual(itemHeadings(page), ['Kind 1', 'Kind 2']);
      assert.equal(input(page, 'field-kinder-1-vorname')?.value, 'Tom', 'later items move up');
      assert.equal(input(page, 'field-kinder-2-vorname')?.value, 'Mia');
      assert.ok(page.document.getElementById('kinder-1-heading')?.hasAttribute('autofocus'));

      // "Weiter" validates each item and names it.
      const invalid = await client.submit(page, 'Weiter', {
        ...child(1, 'Tom', 'yes'),
        'kinder-2-imHaushalt': 'no',
      });
      assert.equal(invalid.status, 400);
      const summary = getByRole(invalid.document.body, 'alert');
      const hrefs = Array.from(summary.querySelectorAll('a')).map((a) => [
        a.getAttribute('href'),
        a.textContent,
      ]);
      // The address was revealed by this very post ("Nein"): asked now, not reported as a mistake.
      assert.deepEqual(hrefs, [
        ['#field-kinder-2-geburtsdatum', 'Kind 2, Geburtsdatum: Geben Sie ein Datum ein'],
      ]);
      assert.equal(input(invalid, 'field-kinder-2-vorname')?.value, 'Mia');
      assert.ok(input(invalid, 'field-kinder-2-anschrift'));
      assert.equal(input(invalid, 'field-kinder-2-anschrift')?.getAttribute('aria-invalid'), null);
      assert.equal(input(invalid, 'field-kinder-2-geburtsdatum')?.getAttribute('aria-invalid'), 'true');
      assert.equal(input(invalid, 'field-kinder-1-vorname')?.getAttribute('aria-invalid'), null);

      const saved = await client.submit(invalid, 'Weiter', {
        ...child(2, 'Mia', 'no'),
        'kinder-2-anschrift': 'Am Hang 2',
      });
      assert.equal(saved.location, `${BASE}/pruefen`);

      // The check page lists each item with a change link to its input.
      const check = await client.get(saved.location!);
      assert.ok(getByRole(check.document.body, 'heading', { name: 'Kind 1' }));
      assert.ok(getByRole(check.document.body, 'heading', { name: 'Kind 2' }));
      const change = links(check, /Ändern.*Kind 2: Anschrift des Kindes/)[0];
      assert.equal(change?.getAttribute('href'), `${BASE}/schritt/kinder?aendern=1#field-kinder-2-anschrift`);
      const again = await client.get(`${BASE}/schritt/kinder?aendern=1`);
      assert.equal(
        input(again, 'field-kinder-2-anschrift')?.value,
        'Am Hang 2',
        'stored items are shown again',
      );

      const done = await client.submit(check, 'Antrag verbindlich absenden', { erklaerung: 'ja' });
      assert.equal(done.location, `${BASE}/eingegangen`);
      const tenant = await t.app.store.tenants.bySlug('musterstadt');
      const inbox = await t.app.store.submissions.inbox(tenant!.id, { page: 1, pageSize: 100 });
      const stored = await t.app.store.submissions.byId(tenant!.id, inbox.items[0]!.id);
      assert.deepEqual(stored!.answers.kinder, [
        { vorname: 'Tom', geburtsdatum: '2015-04-03', imHaushalt: true },
        { vorname: 'Mia', geburtsdatum: '2015-04-03', imHaushalt: false, anschrift: 'Am Hang 2' },
      ]);

      // The caseworker sees each item under its own heading.
      const { client: staff } = await staffLogin(t, demoCredential(t));
      const detail = await staff.get(`/staff/submissions/${inbox.items[0]!.id}`);
      assert.equal(detail.status, 200);
      assert.ok(getByRole(detail.document.body, 'heading', { level: 4, name: 'Kinder' }));
      assert.ok(getByRole(detail.document.body, 'heading', { level: 5, name: 'Kind 2' }));
      assert.match(detail.document.body.textContent ?? '', /Anschrift des Kindes\s*Am Hang 2/);
    });

    test('the demo Bewohnerparkausweis asks for vehicles in a repeating group', async () => {
      const client = new HttpClient(t.app.server);
      await client.submit(
        await client.get('/musterstadt/bewohnerparkausweis'),
        /Jetzt starten|Antrag fortsetzen/,
      );
      // The step applies unconditionally, so it can be opened directly.
      let page = await client.get('/musterstadt/bewohnerparkausweis/schritt/fahrzeuge');
      assert.equal(page.status, 200);
      assert.ok(getByRole(page.document.body, 'heading', { level: 3, name: 'Fahrzeug 1' }));
      page = await client.submit(page, 'Weiteres Fahrzeug hinzufügen', {
        'fahrzeuge-1-kennzeichen': 'MU-AB 123',
        'fahrzeuge-1-halter': 'firma',
      });
      assert.ok(getByRole(page.document.body, 'heading', { level: 3, name: 'Fahrzeug 2' }));
      // The keeper questions are shown per vehicle: for vehicle 1 (a company car), not for vehicle 2.
      assert.ok(page.document.getElementById('field-fahrzeuge-1-halterName'));
      assert.equal(page.document.getElementById('field-fahrzeuge-2-halterName'), null);
      const result = await client.submit(page, /^Weiter$/, {
        'fahrzeuge-1-halterName': 'Muster GmbH',
        'fahrzeuge-1-nutzungBegruendung': 'Firmenwagen, auch privat',
        // Typed in lower case and without the hyphen, as people do: kept as on the plate.
        'fahrzeuge-2-kennzeichen': 'mu cd 45',
        'fahrzeuge-2-halter': 'selbst',
      });
      assert.equal(result.status, 303);
      assert.equal(result.location, '/musterstadt/bewohnerparkausweis/schritt/ausweis');
      const again = await client.get('/musterstadt/bewohnerparkausweis/schritt/fahrzeuge');
      assert.equal(input(again, 'field-fahrzeuge-2-kennzeichen')?.value, 'MU-CD 45');
      // What cannot be read as a plate is asked again, with what was typed kept.
      const wrong = await client.submit(again, /^Weiter$/, { 'fahrzeuge-2-kennzeichen': 'mucd45' });
      assert.equal(wrong.status, 400);
      assert.ok(
        getByRole(wrong.document.body, 'link', {
          name: 'Fahrzeug 2, Kennzeichen: Geben Sie das Kennzeichen wie auf dem Schild an, zum Beispiel MU-AB 123',
        }),
      );
      assert.equal(input(wrong, 'field-fahrzeuge-2-kennzeichen')?.value, 'mucd45');
    });

    test('a question revealed inside an item by the post itself is a notice, not an error', async () => {
      const client = new HttpClient(t.app.server);
      const page = await toGroupStep(client);
      assert.equal(input(page, 'field-kinder-1-anschrift'), null, 'hidden until "Nein" is chosen');
      const revealed = await client.submit(page, 'Weiter', child(1, 'Ben', 'no'));
      assert.equal(revealed.status, 200);
      assert.equal(queryByRole(revealed.document.body, 'alert'), null, 'no error summary');
      assert.match(revealed.body, /Aufgrund Ihrer Antwort sind weitere Angaben nötig/);
      assert.ok(input(revealed, 'field-kinder-1-anschrift'));
      // Now it was shown: left empty, it is an error.
      const error = await client.submit(revealed, 'Weiter');
      assert.equal(error.status, 400);
      assert.ok(
        getByRole(error.document.body, 'link', {
          name: 'Kind 1, Anschrift des Kindes: Geben Sie eine Antwort ein',
        }),
      );
    });

    test('an answer hidden inside an item is dropped and never stored', async () => {
      const client = new HttpClient(t.app.server);
      const page = await toGroupStep(client);
      // First "not in household" with an address, then "in household": the address must go.
      const first = await client.submit(page, 'Weiter', {
        ...child(1, 'Ben', 'no'),
        'kinder-1-anschrift': 'Weg 9',
      });
      assert.equal(first.location, `${BASE}/pruefen`);
      const step = await client.get(`${BASE}/schritt/kinder`);
      const second = await client.submit(step, 'Weiter', { 'kinder-1-imHaushalt': 'yes' });
      assert.equal(second.location, `${BASE}/pruefen`);
      const check = await client.get(second.location!);
      assert.doesNotMatch(check.body, /Weg 9/);
      await client.submit(check, 'Antrag verbindlich absenden', { erklaerung: 'ja' });
      const tenant = await t.app.store.tenants.bySlug('musterstadt');
      const inbox = await t.app.store.submissions.inbox(tenant!.id, { page: 1, pageSize: 100 });
      const stored = await t.app.store.submissions.byId(tenant!.id, inbox.items[0]!.id);
      assert.deepEqual(stored!.answers.kinder, [
        { vorname: 'Ben', geburtsdatum: '2015-04-03', imHaushalt: true },
      ]);
    });

    test('forged actions and tampered counts change nothing and lose nothing', async () => {
      const client = new HttpClient(t.app.server);
      const page = await toGroupStep(client);
      const csrf = (page.document.querySelector('input[name="_csrf"]') as HTMLInputElement).value;
      const post = (body: Record<string, string>) =>
        client.post(`${BASE}/schritt/kinder`, {
          _csrf: csrf,
          'kinder-items': '1',
          'kinder-1-vorname': 'Lena',
          ...body,
        });

      for (const forged of [
        'remove:kinder:1',
        'remove:kinder:7',
        'remove:andere:1',
        'explode',
        'add:alleinerziehend',
      ]) {
        const result = await post({ _aw_action: forged });
        assert.equal(result.status, 400, forged);
        assert.deepEqual(itemHeadings(result), ['Kind 1'], forged);
        assert.equal(input(result, 'field-kinder-1-vorname')?.value, 'Lena', forged);
        assert.match(
          getByRole(result.document.body, 'status').textContent ?? '',
          /Ihre Angaben sind erhalten/,
        );
      }
      // Beyond max: refused, the three items stay.
      const full = await post({ 'kinder-items': '3', _aw_action: 'add:kinder' });
      assert.equal(full.status, 400);
      assert.deepEqual(itemHeadings(full), ['Kind 1', 'Kind 2', 'Kind 3']);
      // A count beyond max is cut to max, an unreadable one ignored; a count below the posted items keeps them.
      const huge = await post({ 'kinder-items': '999', _aw_action: 'remove:kinder:2' });
      assert.deepEqual(itemHeadings(huge), ['Kind 1', 'Kind 2']);
      const garbage = await post({ 'kinder-items': '5000', _aw_action: 'remove:kinder:2' });
      assert.equal(garbage.status, 400);
      assert.deepEqual(itemHeadings(garbage), ['Kind 1']);
      const low = await post({ 'kinder-items': '0', 'kinder-2-vorname': 'Tom', _aw_action: 'add:kinder' });
      assert.deepEqual(itemHeadings(low), ['Kind 1', 'Kind 2', 'Kind 3']);
      assert.equal(input(low, 'field-kinder-2-vorname')?.value, 'Tom');
      // Nothing of this was saved: the draft has no children yet.
      const check = await client.get(`${BASE}/pruefen`);
      assert.doesNotMatch(check.body, /Lena|Tom/);
    });

    test('in English: item headings, buttons, messages and the status message', async () => {
      const client = new HttpClient(t.app.server);
      const de = await client.get(BASE);
      await client.get(links(de, 'English')[0]!.getAttribute('href')!);
      await client.submit(await client.get(BASE), /Start now|Continue your application/);
      const first = await client.get(`${BASE}/schritt/haushalt`);
      await client.submit(first, 'Continue', { alleinerziehend: 'yes' });
      let page = await client.get(`${BASE}/schritt/kinder`);
      assert.deepEqual(itemHeadings(page), ['Child 1']);
      page = await client.submit(page, 'Add another child');
      assert.deepEqual(itemHeadings(page), ['Child 1', 'Child 2']);
      assert.match(getByRole(page.document.body, 'status').textContent ?? '', /Child 2 has been added/);
      assert.ok(getByRole(page.document.body, 'button', { name: 'Remove child 2' }));
      const invalid = await client.submit(page, 'Continue', child(1, 'Lena', 'yes'));
      assert.ok(getByRole(invalid.document.body, 'link', { name: 'Child 2, First name: Enter an answer' }));
    });

    test('the data contract describes the group as a bounded list of objects', async () => {
      const client = new HttpClient(t.app.server);
      const schema = await client.get('/schemas/musterstadt/kinder-angeben/1/data.json');
      assert.equal(schema.status, 200);
      const json = JSON.parse(schema.body) as {
        properties: { kinder: Record<string, unknown> };
        required: string[];
      };
      assert.equal(json.properties.kinder.type, 'array');
      assert.equal(json.properties.kinder.minItems, 1);
      assert.equal(json.properties.kinder.maxItems, 3);
      assert.ok(json.required.includes('kinder'));
    });
  });
}
