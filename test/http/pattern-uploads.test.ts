/**
 * Uploads with a regular expression that backtracks catastrophically are refused, naming the
 * field, whether the definition comes as JSON or as a FIM schema (ADR 0027); nothing is stored.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import type { HttpClient } from '../support/http-client.ts';
import { demoCredential, staffLogin } from '../support/staff-login.ts';

const fixtures = join(import.meta.dirname, '..', 'fixtures');

async function designer(t: TestApp): Promise<HttpClient> {
  return (await staffLogin(t, demoCredential(t, 'musterstadt', 'designer'))).client;
}

async function upload(client: HttpClient, name: string, content: string) {
  const page = await client.get('/staff/design');
  const token = page.document.querySelector<HTMLInputElement>('form[enctype] input[name=_csrf]')?.value ?? '';
  const boundary = `----amtsweg${randomUUID()}`;
  const body =
    `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="datei"; filename="${name}"\r\n` +
    `Content-Type: application/octet-stream\r\n\r\n${content}\r\n--${boundary}--\r\n`;
  return client.server.inject({
    method: 'POST',
    url: '/staff/design/upload',
    headers: {
      cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: body,
  });
}

const dialect = DIALECTS[0];
if (dialect) {
  describe('uploads with catastrophic patterns', () => {
    let t: TestApp;
    let client: HttpClient;
    const openCandidates = async () => {
      const tenant = await t.app.store.tenants.bySlug('musterstadt');
      return (await t.app.store.candidates.listOpen(tenant?.id ?? '')).length;
    };
    before(async () => {
      t = await startTestApp(dialect);
      client = await designer(t);
    });
    after(() => t.close());

    test('a JSON definition with (a+)+! is refused, naming the field', async () => {
      const definition = JSON.parse(readFileSync(join(fixtures, 'testantrag.json'), 'utf8'));
      const field = definition.steps[0].fields.find((f: { type: string }) => f.type === 'text');
      field.pattern = { regex: '(a+)+!', message: { de: 'Falsch' } };
      const response = await upload(client, 'testantrag.json', JSON.stringify(definition));
      assert.equal(response.statusCode, 400);
      // The page escapes the quotes.
      assert.match(
        response.body,
        new RegExp(`the pattern of field (&#39;|')${field.key}(&#39;|') can take exponential time`),
      );
      assert.equal(await openCandidates(), 0);
    });

    test('a FIM schema with (a|a)*! is refused, naming the field; the same schema with its own pattern is stored', async () => {
      const xml = readFileSync(join(fixtures, 'fim', 'v3-rich.xml'), 'utf8');
      const refused = await upload(
        client,
        'schema.xml',
        xml.replace('pattern="[A-Z]{2}-[0-9]{4}"', 'pattern="(a|a)*!"'),
      );
      assert.equal(refused.statusCode, 400);
      assert.match(
        refused.body,
        /the pattern of field (&#39;|')[a-zA-Z0-9_]+(&#39;|') can take exponential time/,
      );
      assert.equal(await openCandidates(), 0);
      const stored = await upload(client, 'schema.xml', xml);
      assert.equal(stored.statusCode, 303);
      assert.equal(await openCandidates(), 1);
    });
  });
}
