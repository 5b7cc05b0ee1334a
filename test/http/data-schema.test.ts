/**
 * The data contract over HTTP: the schema of a published version is served, and an application
 * submitted through the real citizen journey validates against it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { getByRole } from '@testing-library/dom';
import { loadConfig } from '../../src/config.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { FIXTURE_SERVICE, fillFixture, publishFixture } from '../support/fixture.ts';
import { HttpClient } from '../support/http-client.ts';
import { strictAjv } from '../support/json-schema.ts';

for (const dialect of DIALECTS) {
  describe(`data schema of submissions (${dialect.name})`, () => {
    let t: TestApp;
    let base: string;
    before(async () => {
      t = await startTestApp(dialect);
      base = await publishFixture(t);
    });
    after(() => t.close());

    test('a submitted application validates against the schema of its version', async () => {
      const client = new HttpClient(t.app.server);
      const check = await fillFixture(client, base, 'Schema');
      const done = await client.submit(check, 'Antrag verbindlich absenden', { erklaerung: 'ja' });
      assert.equal(done.location, `${base}/eingegangen`);

      const tenant = await t.app.store.tenants.bySlug('musterstadt');
      assert.ok(tenant);
      const inbox = await t.app.store.submissions.inbox(tenant.id, { page: 1, pageSize: 10 });
      const summary = inbox.items.find((s) => s.serviceSlug === FIXTURE_SERVICE);
      assert.ok(summary);
      const stored = await t.app.store.submissions.byId(tenant.id, summary.id);
      assert.ok(stored);

      const path = `/schemas/musterstadt/${FIXTURE_SERVICE}/${stored.serviceVersion}/data.json`;
      const response = await client.get(path);
      assert.equal(response.status, 200);
      assert.match(String(response.response.headers['content-type']), /^application\/schema\+json/);
      assert.equal(response.response.headers['cache-control'], 'public, max-age=86400, immutable');
      const schema = JSON.parse(response.body);
      const baseUrl = loadConfig({ AMTSWEG_DATA_DIR: t.dataDir }).baseUrl;
      assert.equal(schema.$id, `${baseUrl}${path}`);
      assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
      assert.equal(schema.title, 'Testantrag');

      const validate = strictAjv().compile(schema);
      assert.ok(validate(stored.answers), JSON.stringify(validate.errors));
      assert.equal(stored.answers.zusatztext, 'ZusatzSchema', 'the revealed answer was stored');
      // The contract is strict enough to be useful: a changed type or an extra key fails.
      assert.equal(validate({ ...stored.answers, anzahl: '3' }), false);
      assert.equal(validate({ ...stored.answers, fremd: 'x' }), false);
    });

    test('unknown tenants, services, versions and non-numeric versions answer 404 with a page', async () => {
      const client = new HttpClient(t.app.server);
      for (const url of [
        '/schemas/nirgendwo/testantrag/1/data.json',
        '/schemas/musterstadt/gibt-es-nicht/1/data.json',
        '/schemas/musterstadt/testantrag/99/data.json',
        '/schemas/musterstadt/testantrag/0/data.json',
        '/schemas/musterstadt/testantrag/01/data.json',
        '/schemas/musterstadt/testantrag/latest/data.json',
        '/schemas/musterstadt/testantrag/1.5/data.json',
        // Another tenant's service is not reachable under this tenant.
        '/schemas/beispielhausen/testantrag/1/data.json',
      ]) {
        const page = await client.get(url);
        assert.equal(page.status, 404, url);
        assert.ok(getByRole(page.document.body, 'heading', { name: 'Seite nicht gefunden' }), url);
      }
    });

    test('every demo service has a schema for its published version', async () => {
      const client = new HttpClient(t.app.server);
      const ajv = strictAjv();
      for (const tenantSlug of ['musterstadt', 'beispielhausen']) {
        const tenant = await t.app.store.tenants.bySlug(tenantSlug);
        assert.ok(tenant);
        for (const version of await t.app.store.services.listLatest(tenant.id)) {
          const page = await client.get(
            `/schemas/${tenantSlug}/${version.slug}/${version.version}/data.json`,
          );
          assert.equal(page.status, 200, version.slug);
          assert.equal(ajv.validateSchema(JSON.parse(page.body)), true, version.slug);
        }
      }
    });
  });
}
