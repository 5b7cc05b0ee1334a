/**
 * Security headers everywhere (hardening, third milestone): every route the app registers —
 * citizen, staff, design, admin, assets, schemas — and the answers that come from no route (404,
 * 413, 415, 500) carry the full set of security headers, HSTS over https; every cookie the app
 * sets is HttpOnly, has a SameSite mode and is Secure over https (the citizen's with `__Host-`).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { HSTS_HEADER, registeredRoutes, SECURITY_HEADERS } from '../../src/web/server.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { HttpClient } from '../support/http-client.ts';
import { staffLogin } from '../support/staff-login.ts';

const EXPECTED: Record<string, string> = { ...SECURITY_HEADERS, ...HSTS_HEADER };

function assertHeaders(response: LightMyRequestResponse, what: string): void {
  for (const [name, value] of Object.entries(EXPECTED)) {
    assert.equal(response.headers[name], value, `${what} (${response.statusCode}): ${name}`);
  }
  // The values themselves, so that a change to the table above is a decision, not a slip.
  assert.match(
    String(response.headers['permissions-policy']),
    /camera=\(\).*geolocation=\(\).*microphone=\(\)/,
  );
  assert.equal(response.headers['cross-origin-opener-policy'], 'same-origin');
  assert.equal(response.headers['cross-origin-resource-policy'], 'same-origin');
  assert.equal(response.headers['strict-transport-security'], 'max-age=31536000');
}

function setCookies(response: LightMyRequestResponse): string[] {
  const header = response.headers['set-cookie'];
  if (header === undefined) return [];
  return Array.isArray(header) ? header : [header];
}

/** A concrete URL for a route pattern: each parameter a plausible value, the wildcard a file. */
function urlOf(pattern: string, step: string): string {
  const values: Record<string, string> = {
    tenant: 'musterstadt',
    service: 'hund-anmelden',
    slug: 'hund-anmelden',
    step,
    lang: 'en',
    version: '1',
    hash: 'abc',
    key: 'rasse',
    kind: 'limits.citizens',
    file: 'definition',
  };
  return pattern
    .replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => values[name] ?? randomUUID())
    .replace(/\*$/, pattern.startsWith('/assets/kern/') ? 'kern.min.css' : 'amtsweg.css');
}

const dialect = DIALECTS[0];
if (dialect) {
  describe('security headers on every response (https)', () => {
    let t: TestApp;
    const cookies: string[] = [];
    const clients: Array<{ name: string; cookie: string }> = [{ name: 'anonymous', cookie: '' }];
    let step = '';
    before(async () => {
      t = await startTestApp(dialect, { baseUrl: 'https://amtsweg.example' });
      for (const role of ['caseworker', 'designer', 'admin'] as const) {
        const credential = t.credentials.find((c) => c.tenant === 'musterstadt' && c.role === role);
        assert.ok(credential, role);
        const client = new HttpClient(t.app.server);
        const login = await staffLogin(t, credential, client);
        cookies.push(...login.responses.flatMap(setCookies));
        clients.push({ name: role, cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') });
      }
      const citizen = new HttpClient(t.app.server);
      const started = await citizen.submit(await citizen.get('/musterstadt/hund-anmelden'), 'Jetzt starten');
      cookies.push(...setCookies(started.response));
      step = (started.location ?? '').split('/').pop() ?? '';
      const language = await citizen.get('/sprache/en?zurueck=/');
      cookies.push(...setCookies(language.response));
      clients.push({ name: 'citizen', cookie: [...citizen.cookies].map(([k, v]) => `${k}=${v}`).join('; ') });
    });
    after(() => t.close());

    test('every registered route, for every kind of visitor, answers with the full header set', async () => {
      const routes = registeredRoutes(t.app.server);
      const areas = new Set(routes.map((r) => r.url.split('/')[1]));
      for (const area of ['staff', 'assets', 'schemas', 'sprache', 'health', ':tenant']) {
        assert.ok(areas.has(area), `routes of ${area} are listed`);
      }
      assert.ok(routes.some((r) => r.url.startsWith('/staff/design')));
      assert.ok(routes.some((r) => r.url.startsWith('/staff/admin')));
      let requests = 0;
      for (const route of routes) {
        const url = urlOf(route.url, step);
        for (const client of clients) {
          const response = await t.app.server.inject({
            method: route.method as 'GET',
            url,
            headers: {
              cookie: client.cookie,
              ...(route.method === 'POST' && { 'content-type': 'application/x-www-form-urlencoded' }),
            },
            ...(route.method === 'POST' && { payload: '_csrf=forged' }),
          });
          assertHeaders(response, `${route.method} ${url} as ${client.name}`);
          cookies.push(...setCookies(response));
          requests++;
        }
      }
      assert.ok(requests > 300, `${requests} requests`);
    });

    test('answers from no route carry them too: 404, 413, 415, 500', async () => {
      assertHeaders(await t.app.server.inject('/gibt/es/nicht/wirklich'), '404');
      assertHeaders(await t.app.server.inject('/assets/nicht-da.css'), '404 asset');
      const tooLarge = await t.app.server.inject({
        method: 'POST',
        url: '/musterstadt/hund-anmelden/start',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `x=${'a'.repeat(300 * 1024)}`,
      });
      assert.equal(tooLarge.statusCode, 413);
      assertHeaders(tooLarge, '413');
      const json = await t.app.server.inject({
        method: 'POST',
        url: '/staff/login',
        headers: { 'content-type': 'application/json' },
        payload: '{}',
      });
      assert.equal(json.statusCode, 415);
      assertHeaders(json, '415');
      const tenants = t.app.store.tenants;
      const list = tenants.list;
      tenants.list = async () => {
        throw new Error('the database is gone (test)');
      };
      try {
        const failed = await t.app.server.inject('/');
        assert.equal(failed.statusCode, 500);
        assertHeaders(failed, '500');
      } finally {
        tenants.list = list;
      }
    });

    test('every cookie set is HttpOnly, SameSite and Secure; the citizen session has the __Host- prefix', () => {
      const names = new Set(cookies.map((c) => c.split('=')[0]));
      for (const name of ['aw_staff', '__Host-aw_sid', 'aw_lang']) assert.ok(names.has(name), name);
      assert.ok(!names.has('aw_sid'), 'no session cookie without the prefix over https');
      for (const cookie of cookies) {
        const flags = cookie.split(';').map((f) => f.trim().toLowerCase());
        assert.ok(flags.includes('httponly'), cookie);
        assert.ok(flags.includes('secure'), cookie);
        assert.ok(
          flags.some((f) => f === 'samesite=strict' || f === 'samesite=lax'),
          cookie,
        );
        if (cookie.startsWith('__Host-')) {
          assert.ok(flags.includes('path=/') && !flags.some((f) => f.startsWith('domain=')), cookie);
        }
      }
    });
  });
}
