/**
 * Labelled computed values on the check page and in the caseworker's submission view: in their own
 * section, formatted for humans, without "Ändern" links; unlabelled helpers and null values absent.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { getByRole, queryByRole, within } from '@testing-library/dom';
import { publishService } from '../../src/core/publishing.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { HttpClient, type PageResult } from '../support/http-client.ts';
import { demoCredential, staffLogin } from '../support/staff-login.ts';

/** The rows of the section headed `heading` as label → value. */
function rowsOf(page: PageResult, heading: string): Map<string, string> {
  const h = getByRole(page.document.body, 'heading', { level: 2, name: heading });
  const section = h.closest('section');
  assert.ok(section, `"${heading}" heads a section`);
  const out = new Map<string, string>();
  for (const item of section.querySelectorAll('.kern-description-list-item')) {
    const text = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
    out.set(text(item.querySelector('dt')), text(item.querySelector('dd')));
  }
  return out;
}

for (const dialect of DIALECTS) {
  describe(`computed values on the summaries (${dialect.name})`, () => {
    let t: TestApp;
    const base = '/musterstadt/berechnet';
    before(async () => {
      t = await startTestApp(dialect);
      const definition: unknown = JSON.parse(
        readFileSync(join(import.meta.dirname, '..', 'fixtures', 'berechnet.json'), 'utf8'),
      );
      const tenant = await t.app.store.tenants.bySlug('musterstadt');
      const outcome = await publishService(
        { store: t.app.store, clock: t.app.clock },
        tenant!.id,
        definition,
      );
      assert.ok(outcome.ok, JSON.stringify(!outcome.ok && outcome.problems));
    });
    after(() => t.close());

    const toCheck = async (client: HttpClient, flaeche: string) => {
      const start = await client.get(base);
      const first = await client.submit(start, /Jetzt starten|Antrag fortsetzen/);
      const step = await client.get(first.location!);
      const done = await client.submit(step, 'Weiter', { flaeche, name: 'Ada' });
      assert.equal(done.location, `${base}/pruefen`);
      return client.get(done.location);
    };

    test('the check page shows labelled computed values apart, formatted, without change links', async () => {
      const client = new HttpClient(t.app.server);
      const check = await toCheck(client, '1250');
      assert.equal(check.status, 200);
      const rows = rowsOf(check, 'Berechnete Angaben');
      assert.deepEqual(
        [...rows],
        [
          ['Fläche in Ar', '12,5'],
          ['Großfläche (über 1.000 m²)', 'Ja'],
        ],
        'helpers without a label and values without a result are left out',
      );
      const section = getByRole(check.document.body, 'heading', { name: 'Berechnete Angaben' }).closest(
        'section',
      ) as HTMLElement;
      assert.equal(queryByRole(section, 'link'), null, 'nothing to change there');
      // The answers keep their change links, and the computed values are not among them.
      const answers = rowsOf(check, 'Angaben');
      assert.equal(answers.has('Fläche in Ar'), false);
      assert.ok(
        within(
          getByRole(check.document.body, 'heading', { name: 'Angaben' }).closest('section') as HTMLElement,
        ).getAllByRole('link', { name: /Ändern/ }).length === 2,
      );
    });

    test('they follow a changed answer, in English too', async () => {
      const client = new HttpClient(t.app.server);
      await toCheck(client, '1250');
      const step = await client.get(`${base}/schritt/angaben?aendern=1`);
      const changed = await client.submit(step, 'Weiter', { flaeche: '800', name: 'Ada' });
      const check = await client.get(changed.location!);
      assert.deepEqual(
        [...rowsOf(check, 'Berechnete Angaben')],
        [
          ['Fläche in Ar', '8'],
          ['Großfläche (über 1.000 m²)', 'Nein'],
        ],
      );
      await client.get('/sprache/en?zurueck=/');
      const en = await client.get(`${base}/pruefen`);
      assert.deepEqual(
        [...rowsOf(en, 'Calculated information')],
        [
          ['Area in ares', '8'],
          ['Large area (over 1,000 m²)', 'No'],
        ],
      );
    });

    test('the caseworker sees them in the submission, apart from the answers', async () => {
      const citizen = new HttpClient(t.app.server);
      const check = await toCheck(citizen, '12345');
      const sent = await citizen.submit(check, 'Antrag verbindlich absenden', { erklaerung: 'ja' });
      assert.equal(sent.status, 303);

      const { client: staff } = await staffLogin(t, demoCredential(t));
      const tenant = await t.app.store.tenants.bySlug('musterstadt');
      const inbox = await t.app.store.submissions.inbox(tenant!.id, { page: 1, pageSize: 1 });
      const view = await staff.visit(`/staff/submissions/${inbox.items[0]!.id}`);
      assert.equal(view.status, 200);
      assert.deepEqual(
        [...rowsOf(view, 'Berechnete Angaben')],
        [
          ['Fläche in Ar', '123,45'],
          ['Großfläche (über 1.000 m²)', 'Ja'],
        ],
      );
      assert.doesNotMatch(view.body, /Ohne Wert|gebuehrenstufe/);
    });
  });
}
