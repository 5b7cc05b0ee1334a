/**
 * Publishing safely and a service's life, through the real app on both databases: a confirmation
 * that shows the changes and binds to the live version it showed, an explicit choice for an upload
 * with a live service's id, taking a service offline and back (citizens see a notice naming the
 * office), publishing an earlier version again, and deleting only what has no application.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { getAllByRole, getByRole } from '@testing-library/dom';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { alerts, candidateIdOf, csrfOf, login, publishConfirmed, upload } from '../support/design-client.ts';
import { publishFixture, submitFixtureDirectly } from '../support/fixture.ts';
import { HttpClient } from '../support/http-client.ts';

const fixtures = join(import.meta.dirname, '..', 'fixtures');
const testantrag = (id: string, title: string) => ({
  ...JSON.parse(readFileSync(join(fixtures, 'testantrag.json'), 'utf8')),
  id,
  title: { de: title, en: title },
});

for (const dialect of DIALECTS) {
  describe(`publishing safely and a service's life (${dialect.name})`, () => {
    let t: TestApp;
    let tenantId: string;
    before(async () => {
      t = await startTestApp(dialect);
      await publishFixture(t);
      tenantId = (await t.app.store.tenants.bySlug('musterstadt'))!.id;
    });
    after(() => t.close());

    const live = (slug: string) => t.app.store.services.latestBySlug(tenantId, slug);

    test('a confirmation shown against one version cannot publish over another', async () => {
      const { client, page } = await login(t, 'musterstadt', 'designer');
      await publishConfirmed(
        client,
        await upload(client, page, { name: 'a.json', content: JSON.stringify(testantrag('eilig', 'Eilig')) }),
      );
      const changed = testantrag('eilig', 'Eilig, geändert');
      const candidate = await upload(client, page, { name: 'b.json', content: JSON.stringify(changed) });
      assert.ok(
        getAllByRole(candidate.document.getElementById('changes')!, 'listitem').some((li) =>
          /Name der Leistung geändert/.test(li.textContent!),
        ),
      );
      const confirm = await client.get(`/staff/design/uploads/${candidateIdOf(candidate)}/veroeffentlichen`);
      // Meanwhile another version goes live.
      await t.app.store.services.publish(
        tenantId,
        (await live('eilig'))!.definition,
        new Date().toISOString(),
      );
      const stale = await client.submit(confirm, 'Veröffentlichen', { ziel: 'naechste-version' });
      assert.equal(stale.status, 409);
      assert.match(stale.body, /Inzwischen wurde eine andere Version veröffentlicht/);
      assert.equal((await live('eilig'))?.version, 2, 'nothing published over it');
      const published = await client.submit(stale, 'Veröffentlichen', {
        ziel: 'naechste-version',
        aenderungsnachricht: 'Titel geändert',
      });
      assert.equal(published.status, 303);
      assert.equal((await live('eilig'))?.definition.title.de, 'Eilig, geändert');
      assert.equal((await live('eilig'))?.version, 3);
    });

    test('an upload with a live id becomes a new service under its own id when the designer says so', async () => {
      const { client, page } = await login(t, 'musterstadt', 'designer');
      const candidate = await upload(client, page, {
        name: 'testantrag.json',
        content: JSON.stringify(testantrag('testantrag', 'Zweiter Testantrag')),
      });
      const confirm = await client.get(`/staff/design/uploads/${candidateIdOf(candidate)}/veroeffentlichen`);
      for (const [kennung, message] of [
        [
          'Mit Leerzeichen',
          'Geben Sie eine Kennung aus Kleinbuchstaben, Ziffern und Bindestrichen ein (höchstens 80 Zeichen)',
        ],
        ['eilig', 'Diese Kennung ist schon vergeben. Wählen Sie eine andere'],
      ] as const) {
        const refused = await client.submit(confirm, 'Veröffentlichen', { ziel: 'neue-leistung', kennung });
        assert.equal(refused.status, 400, kennung);
        assert.deepEqual(alerts(refused), [message]);
        assert.equal(
          refused.document.querySelector<HTMLInputElement>('#kennung')?.getAttribute('aria-invalid'),
          'true',
        );
      }
      const copied = await client.submit(confirm, 'Veröffentlichen', {
        ziel: 'neue-leistung',
        kennung: 'testantrag-zwei',
      });
      assert.equal(copied.status, 303);
      const copy = await client.get(copied.location!);
      assert.match(copy.body, /Als neue Leistung „testantrag-zwei“ angelegt/);
      assert.equal((await live('testantrag'))?.version, 1, 'the live service is untouched');
      const { published } = await publishConfirmed(client, copy);
      assert.equal(published.status, 303);
      assert.equal((await live('testantrag-zwei'))?.definition.title.de, 'Zweiter Testantrag');
    });

    test('offline: not in the catalogue, a notice with the office instead of every page; then back', async () => {
      const { client } = await login(t, 'musterstadt', 'designer');
      const citizen = new HttpClient(t.app.server);
      const started = await citizen.get('/musterstadt/testantrag');
      assert.equal(started.status, 200);
      const manage = await client.get('/staff/design/leistungen/testantrag');
      assert.equal(manage.status, 200);
      assert.match(manage.document.getElementById('service-state')!.textContent!, /^Online/);
      const offline = await client.submit(manage, 'Offline nehmen');
      assert.equal(offline.status, 303);
      const after = await client.get(offline.location!);
      assert.match(after.document.getElementById('service-state')!.textContent!, /^Offline seit/);
      for (const url of [
        '/musterstadt/testantrag',
        '/musterstadt/testantrag/schritt/person',
        '/musterstadt/testantrag/pruefen',
      ]) {
        const notice = await citizen.get(url);
        assert.equal(notice.status, 410, url);
        assert.equal(notice.response.headers['cache-control'], 'no-store');
        assert.ok(getByRole(notice.document.body, 'heading', { level: 1, name: /zurzeit nicht online/ }));
      }
      const catalog = await citizen.get('/musterstadt');
      assert.doesNotMatch(catalog.body, /href="\/musterstadt\/testantrag"/);
      const designHome = await client.get('/staff/design');
      assert.match(designHome.body, /offline/, 'designers still see it, marked');
      const back = await client.submit(after, 'Wieder online stellen');
      assert.equal(back.status, 303);
      assert.equal((await citizen.get('/musterstadt/testantrag')).status, 200);
      const service = await live('testantrag');
      const actions = (await t.app.store.audit.list(tenantId, service!.serviceId)).map((e) => e.action);
      assert.deepEqual(actions, ['service.withdrawn', 'service.reinstated']);
    });

    test('an earlier version comes back as an upload, confirmed and published as the next version', async () => {
      const { client } = await login(t, 'musterstadt', 'designer');
      const manage = await client.get('/staff/design/leistungen/eilig');
      const republished = await client.submit(manage, 'Version 1 erneut veröffentlichen');
      assert.equal(republished.status, 303);
      const candidate = await client.get(republished.location!);
      assert.match(candidate.body, /Eine frühere veröffentlichte Version/);
      assert.ok(
        getAllByRole(candidate.document.getElementById('changes')!, 'listitem').some((li) =>
          /Name der Leistung geändert/.test(li.textContent!),
        ),
      );
      const { published } = await publishConfirmed(client, candidate, { ziel: 'naechste-version' });
      assert.equal(published.status, 303);
      const now = await live('eilig');
      assert.equal(now?.version, 4);
      assert.equal(now?.definition.title.de, 'Eilig', 'the content of version 1');
      assert.equal(
        (await t.app.store.services.history(tenantId, 'eilig')).length,
        4,
        'the history stays linear',
      );
    });

    test('deleting: only with the id typed, never with applications; a service without goes entirely', async () => {
      const { client } = await login(t, 'musterstadt', 'designer');
      await submitFixtureDirectly(t, 'Loeschen');
      const withSubmission = await client.get('/staff/design/leistungen/testantrag');
      assert.ok(withSubmission.document.getElementById('delete-impossible'));
      const refused = await client.post('/staff/design/leistungen/testantrag/loeschen', {
        _csrf: csrfOf(withSubmission),
        kennung: 'testantrag',
      });
      assert.equal(refused.status, 409);
      assert.ok(await live('testantrag'), 'nothing deleted');

      const manage = await client.get('/staff/design/leistungen/testantrag-zwei');
      const mismatch = await client.submit(manage, 'Endgültig löschen', { kennung: 'testantrag' });
      assert.equal(mismatch.status, 400);
      assert.deepEqual(alerts(mismatch), [
        'Geben Sie zur Bestätigung genau die Kennung „testantrag-zwei“ ein',
      ]);
      assert.ok(await live('testantrag-zwei'));
      const serviceId = (await live('testantrag-zwei'))!.serviceId;
      const deleted = await client.submit(manage, 'Endgültig löschen', { kennung: 'testantrag-zwei' });
      assert.equal(deleted.status, 303);
      assert.match(
        (await client.get(deleted.location!)).body,
        /Die Leistung „testantrag-zwei“ wurde gelöscht/,
      );
      assert.equal(await live('testantrag-zwei'), undefined);
      assert.equal((await new HttpClient(t.app.server).get('/musterstadt/testantrag-zwei')).status, 404);
      const actions = (await t.app.store.audit.list(tenantId, serviceId)).map((e) => e.action);
      assert.deepEqual(actions, ['service.deleted']);
    });

    test('only designers, with a valid form, of their own municipality', async () => {
      const { client: caseworker, page } = await login(t, 'musterstadt', 'caseworker');
      assert.equal((await caseworker.get('/staff/design/leistungen/eilig')).status, 403);
      assert.equal(
        (await caseworker.post('/staff/design/leistungen/eilig/offline', { _csrf: csrfOf(page) })).status,
        403,
      );
      const { client } = await login(t, 'musterstadt', 'designer');
      assert.equal(
        (await client.post('/staff/design/leistungen/eilig/offline', { _csrf: 'forged' })).status,
        403,
      );
      assert.equal((await client.get('/staff/design/leistungen/gibt-es-nicht')).status, 404);
      assert.equal((await client.get('/staff/design/leistungen/Ungültig!')).status, 404);
      const manage = await client.get('/staff/design/leistungen/eilig');
      assert.equal(
        (await client.post('/staff/design/leistungen/eilig/versionen/99/erneut', { _csrf: csrfOf(manage) }))
          .status,
        404,
      );
      assert.equal(
        (await client.post('/staff/design/leistungen/eilig/versionen/abc/erneut', { _csrf: csrfOf(manage) }))
          .status,
        404,
      );
      assert.equal((await live('eilig'))?.withdrawnAt, null, 'nothing changed');
    });
  });
}
