/**
 * Property: whatever body a client posts to any route of the app — urlencoded with hostile names
 * and control characters, multipart with matching, wrong or missing boundaries, truncated parts,
 * JSON, binary — the answer is never a 5xx, nothing is logged at error level and no row is added
 * or removed. Routes come from the app itself (`registeredRoutes`), so a new route is covered the
 * day it is added. Posted as nobody, as a citizen with a draft (to its steps also with the draft's
 * real CSRF token, so the bodies reach the engine) and as each staff role.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { publishService } from '../../src/core/publishing.ts';
import { registeredRoutes } from '../../src/web/server.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { HttpClient } from '../support/http-client.ts';
import { staffLogin } from '../support/staff-login.ts';
import { UPLOAD_SERVICE } from '../support/upload-files.ts';

interface Visitor {
  name: string;
  cookie: string;
  /** A CSRF token of this visitor's own pages (the citizen's step form). */
  csrf: string;
  /** The citizen's step paths, where a valid token reaches the engine. */
  steps: string[];
}

const cookieOf = (client: HttpClient) => [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

/** Names a form of ours never posts, and some it does. */
const NAME = fc.oneof(
  fc.constantFrom(
    '_csrf',
    'constructor',
    '__proto__',
    'toString',
    'hasOwnProperty',
    'name',
    'vorname',
    'nachweis',
    '_aw_action',
    'erklaerung',
    'username',
    'password',
    'kennung',
    'datei',
  ),
  fc.string({ maxLength: 12 }),
);
const VALUE = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u0000', '\r\n', '%', '%E2%80%8B', 'ja', '1', '-1', '1e309', 'NaN', '[]', '{}'),
);

type Body = { contentType: string | undefined; payload: Buffer };

function urlencoded(fields: Array<[string, string]>, csrf: string | undefined): Body {
  const params = new URLSearchParams();
  if (csrf !== undefined) params.append('_csrf', csrf);
  for (const [k, v] of fields) params.append(k, v);
  return { contentType: 'application/x-www-form-urlencoded', payload: Buffer.from(params.toString()) };
}

function multipart(
  fields: Array<[string, string]>,
  csrf: string | undefined,
  boundary: string,
  declared: string | undefined,
  file: Uint8Array | undefined,
  cut: number,
): Body {
  const parts: Buffer[] = [];
  const add = (text: string) => parts.push(Buffer.from(text));
  if (csrf !== undefined)
    add(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`);
  for (const [k, v] of fields)
    add(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  if (file) {
    add(`--${boundary}\r\nContent-Disposition: form-data; name="nachweis"; filename="a.pdf"\r\n`);
    add('Content-Type: application/pdf\r\n\r\n');
    parts.push(Buffer.from(file));
    add('\r\n');
  }
  add(`--${boundary}--\r\n`);
  const whole = Buffer.concat(parts);
  const payload = cut > 0 ? whole.subarray(0, Math.max(0, whole.length - cut)) : whole;
  return {
    contentType: declared === undefined ? 'multipart/form-data' : `multipart/form-data; boundary=${declared}`,
    payload,
  };
}

function bodies(csrf: fc.Arbitrary<string | undefined>): fc.Arbitrary<Body> {
  const fields = fc.array(fc.tuple(NAME, VALUE), { maxLength: 6 });
  const boundary = fc.stringMatching(/^[A-Za-z0-9'()+_,.-]{1,40}$/);
  return fc.oneof(
    fc.tuple(fields, csrf).map(([f, c]) => urlencoded(f, c)),
    fc
      .record({
        f: fields,
        c: csrf,
        b: boundary,
        declared: fc.oneof(fc.constant('same'), boundary, fc.constant(undefined), fc.constant('')),
        file: fc.option(fc.uint8Array({ maxLength: 64 }), { nil: undefined }),
        cut: fc.oneof(fc.constant(0), fc.nat({ max: 30 })),
      })
      .map(({ f, c, b, declared, file, cut }) =>
        multipart(f, c, b, declared === 'same' ? b : declared, file, cut),
      ),
    fc.jsonValue({ maxDepth: 3 }).map((v) => ({
      contentType: 'application/json',
      payload: Buffer.from(JSON.stringify(v) ?? 'null'),
    })),
    fc
      .tuple(
        fc.uint8Array({ maxLength: 200 }),
        fc.constantFrom(
          undefined,
          'application/octet-stream',
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/json; charset=utf-16',
          'application/x-www-form-urlencoded; charset=latin1',
          'text/html',
          '',
        ),
      )
      .map(([bytes, contentType]) => ({ contentType, payload: Buffer.from(bytes) })),
  );
}

const dialect = DIALECTS[0];
if (dialect) {
  describe('random and malformed bodies to every route', () => {
    let t: TestApp;
    const visitors: Visitor[] = [{ name: 'anonymous', cookie: '', csrf: 'forged', steps: [] }];

    before(async () => {
      t = await startTestApp(dialect);
      const tenant = await t.app.store.tenants.bySlug('musterstadt');
      assert.ok(
        (await publishService({ store: t.app.store, clock: t.app.clock }, tenant?.id ?? '', UPLOAD_SERVICE))
          .ok,
      );
      const citizen = new HttpClient(t.app.server);
      const steps: string[] = [];
      let csrf = '';
      for (const service of ['hund-anmelden', 'nachweis-einreichen']) {
        const started = await citizen.submit(await citizen.get(`/musterstadt/${service}`), 'Jetzt starten');
        const page = await citizen.get(started.location ?? '');
        csrf = page.document.querySelector<HTMLInputElement>('input[name="_csrf"]')?.value ?? '';
        steps.push(started.location ?? '');
      }
      visitors.push({ name: 'citizen', cookie: cookieOf(citizen), csrf, steps });
      for (const role of ['caseworker', 'designer', 'admin'] as const) {
        const credential = t.credentials.find((c) => c.tenant === 'musterstadt' && c.role === role);
        assert.ok(credential);
        const { client: staff } = await staffLogin(t, credential);
        visitors.push({ name: role, cookie: cookieOf(staff), csrf: 'forged', steps: [] });
      }
    });
    after(() => t.close());

    async function rowCounts(): Promise<Record<string, number>> {
      const counts: Record<string, number> = {};
      for (const table of await t.database.db.introspection.getTables()) {
        if (table.name.startsWith('kysely_')) continue;
        const row = await t.database.db
          .selectFrom(table.name as 'tenants')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        counts[table.name] = Number(row.n);
      }
      return counts;
    }

    test('no 5xx, no error-level log line, no row added or removed', async () => {
      const posts = registeredRoutes(t.app.server).filter((r) => r.method === 'POST');
      assert.ok(posts.length >= 20, `${posts.length} POST routes`);
      const values: Record<string, string> = {
        tenant: 'musterstadt',
        service: 'hund-anmelden',
        slug: 'hund-anmelden',
        version: '1',
        kind: 'limits.citizens',
        serviceId: '00000000-0000-7000-8000-000000000000',
      };
      const urlOf = (pattern: string, visitor: Visitor, pick: number): string => {
        const step = visitor.steps[pick % Math.max(1, visitor.steps.length)];
        if (pattern.endsWith('/schritt/:step') && pattern.startsWith('/:tenant') && step) return step;
        return pattern.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => values[name] ?? 'x1');
      };
      const before = await rowCounts();
      const logStart = t.logs().length;
      const started = Date.now();
      let requests = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...posts),
          fc.constantFrom(...visitors),
          fc.nat(),
          fc.boolean(),
          fc.boolean(),
          async (route, visitor, pick, withToken, realToken) => {
            // The real token only on step routes: elsewhere it is a legitimate form (e.g. "Antrag
            // verwerfen", which deletes the draft on purpose).
            const step = route.url.endsWith('/schritt/:step');
            const csrf = withToken ? (realToken && step ? visitor.csrf : 'AAAA') : undefined;
            const body = fc.sample(bodies(fc.constant(csrf)), { numRuns: 1, seed: pick })[0] as Body;
            const url = urlOf(route.url, visitor, pick);
            const response = await t.app.server.inject({
              method: 'POST',
              url,
              headers: {
                cookie: visitor.cookie,
                ...(body.contentType !== undefined && { 'content-type': body.contentType }),
              },
              payload: body.payload,
            });
            requests++;
            assert.ok(
              response.statusCode < 500,
              `${url} as ${visitor.name} (${body.contentType}): ${response.statusCode}\n${body.payload.toString('latin1').slice(0, 300)}`,
            );
          },
        ),
        { numRuns: 1000, interruptAfterTimeLimit: 30_000 },
      );
      const errors = t
        .logs()
        .slice(logStart)
        .split('\n')
        .filter((line) => /"level":(5|6)0/.test(line));
      assert.deepEqual(errors, [], 'no error-level log lines');
      assert.deepEqual(await rowCounts(), before, 'no row added or removed');
      assert.ok(requests >= 300, `${requests} requests in ${Date.now() - started} ms`);
    });
  });
}
