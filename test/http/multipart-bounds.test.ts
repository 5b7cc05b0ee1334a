/**
 * Multipart step posts are bounded before anything is buffered (ADR 0027): the text of a post as
 * tightly as an urlencoded body, the CSRF token first, no input or file part the step does not
 * have. The slow, large bodies go over a real socket, to see that the answer comes before the body
 * is read to its end.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { publishService } from '../../src/core/publishing.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { HttpClient } from '../support/http-client.ts';
import { rawRequest, requestHead } from '../support/raw-http.ts';
import { UPLOAD_SERVICE } from '../support/upload-files.ts';

const UPLOAD_STEP = '/musterstadt/nachweis-einreichen/schritt/nachweis';
const BOUNDARY = '----amtswegbounds';

const part = (name: string, value: string) =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
const filePart = (name: string, filename: string) =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`;
const end = `--${BOUNDARY}--\r\n`;

/** A citizen with a draft of `service`: its cookies, the CSRF token and the first step's path. */
async function citizen(t: TestApp, service: string) {
  const client = new HttpClient(t.app.server);
  const started = await client.submit(await client.get(`/musterstadt/${service}`), 'Jetzt starten');
  const step = started.location ?? '';
  const page = await client.get(step);
  const csrf = page.document.querySelector<HTMLInputElement>('input[name="_csrf"]')?.value ?? '';
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return { client, step, csrf, cookie };
}

// Nothing here depends on the database; one dialect is enough.
const dialect = DIALECTS[0];
if (dialect) {
  describe('bounds of multipart step posts', () => {
    let t: TestApp;
    let port: number;
    before(async () => {
      t = await startTestApp(dialect);
      const tenant = await t.app.store.tenants.bySlug('musterstadt');
      const outcome = await publishService(
        { store: t.app.store, clock: t.app.clock },
        tenant?.id ?? '',
        UPLOAD_SERVICE,
      );
      assert.ok(outcome.ok);
      await t.app.server.listen({ port: 0, host: '127.0.0.1' });
      port = (t.app.server.server.address() as AddressInfo).port;
    });
    after(() => t.close());

    const inject = (cookie: string, path: string, body: string) =>
      t.app.server.inject({
        method: 'POST',
        url: path,
        headers: { cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
        payload: body,
      });

    test('the text of a multipart post is bounded like an urlencoded body: 413', async () => {
      const { csrf, cookie } = await citizen(t, 'nachweis-einreichen');
      // 40 inputs of 60 KiB: each within the limit of one input, 2.4 MB together.
      const body = part('_csrf', csrf) + part('name', 'x'.repeat(60 * 1024)).repeat(40) + end;
      const response = await inject(cookie, UPLOAD_STEP, body);
      assert.equal(response.statusCode, 413);
      assert.match(response.body, /Die Anfrage ist zu groß/);
      // The same text urlencoded is refused too: one bound for both.
      const form = new URLSearchParams({ _csrf: csrf, name: 'x'.repeat(300 * 1024) });
      const urlencoded = await t.app.server.inject({
        method: 'POST',
        url: UPLOAD_STEP,
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: form.toString(),
      });
      assert.equal(urlencoded.statusCode, 413);
    });

    test('a multipart post must begin with the CSRF token: 403 after the first part', async () => {
      const { csrf, cookie } = await citizen(t, 'nachweis-einreichen');
      const late = await inject(cookie, UPLOAD_STEP, part('name', 'Erika') + part('_csrf', csrf) + end);
      assert.equal(late.statusCode, 403);
      // Over a socket: a forged form of 20 MB is answered after its first part, not read to its end.
      const start = Buffer.from(part('name', 'Erika') + filePart('nachweis', 'a.pdf'));
      const answer = await rawRequest({
        port,
        head: requestHead(
          'POST',
          UPLOAD_STEP,
          { Cookie: cookie, 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}` },
          20 * 1024 * 1024,
        ),
        start,
        filler: 20 * 1024 * 1024 - start.length,
        timeoutMs: 5_000,
      });
      assert.equal(answer.status, 403);
      assert.ok(answer.sent < 5 * 1024 * 1024, `sent ${answer.sent} bytes before the answer`);
    });

    test('an input the step does not have is refused: 400', async () => {
      const { csrf, cookie } = await citizen(t, 'nachweis-einreichen');
      const response = await inject(
        cookie,
        UPLOAD_STEP,
        part('_csrf', csrf) + part('padding', 'x'.repeat(1000)) + end,
      );
      assert.equal(response.statusCode, 400);
      // The inputs the page has are fine.
      const fine = await inject(
        cookie,
        UPLOAD_STEP,
        part('_csrf', csrf) + part('name', 'Erika') + part('_aw_shown', 'name,nachweis') + end,
      );
      assert.equal(fine.statusCode, 400); // the required file is missing: the step is shown again
      assert.match(fine.body, /Wählen Sie eine Datei aus/);
    });

    test('a file part for a step without that file field is refused at once, not read to its end', async () => {
      const { step, csrf, cookie } = await citizen(t, 'hund-anmelden');
      const start = Buffer.from(part('_csrf', csrf) + filePart('nachweis', 'gross.pdf'));
      const length = 90 * 1024 * 1024;
      const answer = await rawRequest({
        port,
        head: requestHead(
          'POST',
          step,
          { Cookie: cookie, 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}` },
          length,
        ),
        start,
        filler: length - start.length,
        timeoutMs: 10_000,
      });
      assert.equal(answer.status, 400);
      assert.ok(answer.sent < 20 * 1024 * 1024, `sent ${answer.sent} bytes before the answer`);
      assert.equal(answer.closed, true);
    });

    test('a body announced larger than any step post is refused unread: 413', async () => {
      const { csrf, cookie } = await citizen(t, 'nachweis-einreichen');
      const start = Buffer.from(part('_csrf', csrf));
      const answer = await rawRequest({
        port,
        head: requestHead(
          'POST',
          UPLOAD_STEP,
          { Cookie: cookie, 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}` },
          1024 * 1024 * 1024,
        ),
        start,
        filler: 1024 * 1024,
        timeoutMs: 5_000,
      });
      assert.equal(answer.status, 413);
      assert.ok(answer.sent < 1024 * 1024);
    });
  });
}
