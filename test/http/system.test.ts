import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Fastify from 'fastify';
import { createTenant, RESERVED_SLUGS } from '../../src/core/administration.ts';
import { refuseUnreservedTopLevelPath } from '../../src/web/server.ts';
import { repoRoot, startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';

describe('system routes', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp(DIALECTS[0]!);
  });
  after(() => t.close());

  test('GET /health/ready answers 200 once the app can serve', async () => {
    const response = await t.app.server.inject('/health/ready');
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { status: 'ready' });
  });

  test('the definition format JSON Schema is served and equals schemas/', async () => {
    const response = await t.app.server.inject('/schemas/service-definition.json');
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /application\/schema\+json/);
    const committed = JSON.parse(readFileSync(join(repoRoot, 'schemas', 'service-definition.json'), 'utf8'));
    assert.deepEqual(response.json(), committed);
  });

  test('pages carry security headers and the KERN stylesheet is served', async () => {
    const page = await t.app.server.inject('/');
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-security-policy']), /default-src 'self'/);
    assert.equal(page.headers['x-content-type-options'], 'nosniff');
    assert.match(page.body, /Musterstadt/);
    assert.match(page.body, /Beispielhausen/);
    const css = await t.app.server.inject('/assets/kern/kern.min.css');
    assert.equal(css.statusCode, 200);
    const js = await t.app.server.inject('/assets/kern/js/kern-kopfzeile.js');
    assert.equal(js.statusCode, 404, 'no JavaScript is served');
  });

  test('the language switch leads back to pages of this app only (no open redirect)', async () => {
    const back = async (query: string) => {
      const response = await t.app.server.inject(`/sprache/de?zurueck=${query}`);
      assert.equal(response.statusCode, 303, query);
      return response.headers.location;
    };
    assert.equal(await back('%2Fmusterstadt%2Fhund-anmelden'), '/musterstadt/hund-anmelden');
    assert.equal(await back('/staff/inbox%3Fstatus%3Dreceived'), '/staff/inbox?status=received');
    // Each as a browser or attacker would write it into the query string.
    for (const payload of [
      '/%09/evil.example',
      '/%0A/evil.example',
      '/%0D%0A/evil.example',
      '//evil.example',
      '/%5Cevil.example',
      '/%5C/evil.example',
      '%2F%2Fevil.example',
      '/%2F/evil.example',
      '%5C%5Cevil.example',
      '/..//evil.example',
      '/%2e%2e//evil.example',
      'https://evil.example/',
      'https:evil.example',
      'javascript:alert(1)',
      '/a/b/c/d/e',
      `/${'a'.repeat(5000)}`,
    ]) {
      assert.equal(await back(payload), '/', payload);
    }
  });

  test('a body the form does not take is answered with a clear 4xx page', async () => {
    const response = await t.app.server.inject({
      method: 'POST',
      url: '/musterstadt/hund-anmelden/start',
      headers: { 'content-type': 'application/json' },
      payload: '{"broken":',
    });
    assert.equal(response.statusCode, 415);
    assert.match(response.body, /Format nicht unterstützt/);
  });

  test('the demo municipalities use fictional keys that are not in the official AGS list', async () => {
    const official = readFileSync(join(repoRoot, 'codelists', 'xoev-ags-2026-04-30.gc.xml'), 'utf8');
    assert.ok(official.includes('>01001000<'), 'the list holds real keys (Flensburg)');
    for (const tenant of await t.app.store.tenants.list()) {
      assert.ok(tenant.ags && /^\d{8}$/.test(tenant.ags));
      assert.ok(
        !official.includes(`<Value>${tenant.ags}</Value>`) && !official.includes(`>${tenant.ags}<`),
        tenant.ags,
      );
    }
  });
});

describe('reserved top-level paths', () => {
  test('a route outside the reserved paths stops the server from being built', async () => {
    const app = Fastify();
    app.addHook('onRoute', refuseUnreservedTopLevelPath);
    app.get('/katalog/feed', async () => ({}));
    app.get('/:tenant/:service', async () => ({}));
    assert.throws(() => app.get('/verzeichnis', async () => ({})), /\/verzeichnis is not in RESERVED_SLUGS/);
    await app.close();
  });

  test('no municipality can take a path the app uses or will use', async () => {
    for (const slug of ['staff', 'assets', 'auth', 'test-idp', 'katalog', 'api', 'postfach', 'admin']) {
      assert.ok(RESERVED_SLUGS.includes(slug), slug);
    }
    const t = await startTestApp(DIALECTS[0]!);
    try {
      await assert.rejects(
        createTenant(
          { store: t.app.store, newId: () => '00000000-0000-7000-8000-000000000001' },
          {
            slug: 'katalog',
            nameDe: 'Katalog',
          },
        ),
        (error: Error & { code?: string }) => error.code === 'ERR_TENANT_SLUG_RESERVED',
      );
      assert.equal(await t.app.store.tenants.bySlug('katalog'), undefined);
    } finally {
      await t.close();
    }
  });
});
