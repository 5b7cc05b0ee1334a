/**
 * Input shapes (hardening, third milestone): a body in a form the route does not take, a
 * multipart body that does not follow its own header, names of the object prototype, control
 * characters in answers and in the language switch's return path. Each is a client's mistake:
 * a 4xx or a safe fallback, never a 500 and never an error-level log line, and nothing stored.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { publishService } from '../../src/core/publishing.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { HttpClient } from '../support/http-client.ts';
import { UPLOAD_SERVICE } from '../support/upload-files.ts';

const UPLOAD_STEP = '/musterstadt/nachweis-einreichen/schritt/nachweis';

/** A citizen with a draft of `service`: the client, the first step's path, its CSRF token and cookies. */
async function citizen(t: TestApp, service: string) {
  const client = new HttpClient(t.app.server);
  const started = await client.submit(await client.get(`/musterstadt/${service}`), 'Jetzt starten');
  const step = started.location ?? '';
  const page = await client.get(step);
  const csrf = page.document.querySelector<HTMLInputElement>('input[name="_csrf"]')?.value ?? '';
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return { client, step, csrf, cookie };
}

/** Log lines at error level (50) or above, logged since `from` (a length of the log text). */
function errorLines(t: TestApp, from: number): string[] {
  return t
    .logs()
    .slice(from)
    .split('\n')
    .filter((line) => /"level":(5|6)0/.test(line));
}

const dialect = DIALECTS[0];
if (dialect) {
  describe('input shapes', () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
      const tenant = await t.app.store.tenants.bySlug('musterstadt');
      const outcome = await publishService(
        { store: t.app.store, clock: t.app.clock },
        tenant?.id ?? '',
        UPLOAD_SERVICE,
      );
      assert.ok(outcome.ok);
    });
    after(() => t.close());

    test('a JSON or text body to a form route is refused with 415 and reaches no handler', async () => {
      const mark = t.logs().length;
      const { step, csrf, cookie } = await citizen(t, 'hund-anmelden');
      for (const [type, payload] of [
        ['application/json', JSON.stringify({ _csrf: csrf, vorname: 5, nachname: { a: 1 } })],
        ['text/plain', `_csrf=${csrf}&vorname=x`],
        ['application/xml', '<a/>'],
      ] as const) {
        for (const url of [step, '/musterstadt/hund-anmelden/start', '/staff/login', '/staff/logout']) {
          const response = await t.app.server.inject({
            method: 'POST',
            url,
            headers: { cookie, 'content-type': type },
            payload,
          });
          assert.equal(response.statusCode, 415, `${type} ${url}`);
          assert.match(response.body, /Format nicht unterstützt/);
        }
      }
      // A multipart body to a route without file fields: refused the same way.
      const multipart = await t.app.server.inject({
        method: 'POST',
        url: '/staff/login',
        headers: { 'content-type': 'multipart/form-data; boundary=x' },
        payload: '--x\r\nContent-Disposition: form-data; name="username"\r\n\r\nu\r\n--x--\r\n',
      });
      assert.equal(multipart.statusCode, 415);
      const drafts = await t.app.server.inject({ method: 'GET', url: step, headers: { cookie } });
      assert.equal(drafts.statusCode, 200);
      assert.doesNotMatch(drafts.body, /value="5"/);
      assert.deepEqual(errorLines(t, mark), []);
    });

    test('a multipart body whose boundary does not match its header is a 400, not a 500', async () => {
      const mark = t.logs().length;
      const { csrf, cookie } = await citizen(t, 'nachweis-einreichen');
      const body = `--other\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n--other--\r\n`;
      for (const contentType of [
        'multipart/form-data; boundary=expected',
        'multipart/form-data',
        'multipart/form-data; boundary=',
      ]) {
        const response = await t.app.server.inject({
          method: 'POST',
          url: UPLOAD_STEP,
          headers: { cookie, 'content-type': contentType },
          payload: body,
        });
        assert.ok(
          response.statusCode >= 400 && response.statusCode < 500,
          `${contentType}: ${response.statusCode}`,
        );
      }
      // The designer's upload too.
      assert.deepEqual(errorLines(t, mark), []);
    });

    test('names of the object prototype posted as inputs read nothing but what was posted', async () => {
      const mark = t.logs().length;
      const { client, step, csrf } = await citizen(t, 'hund-anmelden');
      const page = await client.post(step, {
        _csrf: csrf,
        constructor: 'x',
        toString: 'y',
        __proto__: 'z',
        hasOwnProperty: 'w',
      } as Record<string, string>);
      assert.ok(page.status < 500, String(page.status));
      assert.deepEqual(errorLines(t, mark), []);
    });

    test('control characters in a text answer are refused at the field, in German and English; nothing is stored', async () => {
      const mark = t.logs().length;
      const { client, csrf } = await citizen(t, 'nachweis-einreichen');
      const page = await client.post(UPLOAD_STEP, { _csrf: csrf, name: 'Max\u0000Muster' });
      assert.equal(page.status, 400);
      assert.match(page.body, /Die Antwort enthält Steuerzeichen/);
      const draft = await client.get(UPLOAD_STEP);
      assert.doesNotMatch(draft.body, /Max/);
      client.cookies.set('aw_lang', 'en');
      const english = await client.post(UPLOAD_STEP, { _csrf: csrf, name: 'Max\u001b[31mMuster' });
      assert.match(english.body, /The answer contains control characters/);
      assert.deepEqual(errorLines(t, mark), []);
    });

    test('control or non-Latin-1 characters in the return path fall back safely, without error lines', async () => {
      const mark = t.logs().length;
      for (const payload of [
        '%0A',
        '/%0A',
        '/x%0D',
        '/%00',
        '/%E2%80%8B',
        '/musterstadt%00',
        '/%FF',
        '/%C0%AF',
      ]) {
        const response = await t.app.server.inject(`/sprache/de?zurueck=${payload}`);
        assert.equal(response.statusCode, 303, payload);
        assert.match(String(response.headers.location), /^\/[\x21-\x7e]*$/, payload);
      }
      // Raw bytes that are no valid URL at all, as a client can send them.
      for (const raw of ['/sprache/de?zurueck=/\u200b', '/sprache/de?zurueck=/\u00ff']) {
        const response = await t.app.server.inject({ method: 'GET', url: raw });
        assert.ok(response.statusCode < 500, `${raw}: ${response.statusCode}`);
      }
      assert.deepEqual(errorLines(t, mark), []);
    });
  });
}
