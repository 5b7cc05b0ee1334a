/**
 * The Service-Design area as a designer uses it over HTTP: sign in with a demo account, upload a
 * file through the real multipart form, publish through the confirmation page, and read what a page
 * says (its error summary, its CSRF token, the upload's id).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { getByRole, queryByRole } from '@testing-library/dom';
import { JSDOM } from 'jsdom';
import type { TestApp } from './app.ts';
import type { HttpClient, PageResult } from './http-client.ts';
import { demoCredential, staffLoginPage } from './staff-login.ts';

export async function login(t: TestApp, tenant: string, role: 'caseworker' | 'designer' | 'admin') {
  return staffLoginPage(t, demoCredential(t, tenant, role));
}

/**
 * "Veröffentlichen …" on the upload's page, then the confirmation page's button: as a designer does
 * it. `values` are the confirmation form's choices (e.g. `{ ziel: 'naechste-version' }`).
 */
export async function publishConfirmed(
  client: HttpClient,
  candidate: PageResult,
  values: Record<string, string> = {},
): Promise<{ confirm: PageResult; published: PageResult }> {
  const link = getByRole(candidate.document.body, 'link', { name: 'Veröffentlichen …' });
  const confirm = await client.get(link.getAttribute('href')!);
  assert.equal(confirm.status, 200);
  // Every version says why it is published (ADR 0043); a test that cares passes its own message.
  const published = await client.submit(confirm, /^Veröffentlichen$|^Freigeben und veröffentlichen$/, {
    aenderungsnachricht: 'Fassung aus dem Test',
    ...values,
  });
  return { confirm, published };
}

/** Posts the upload form of `page` as a browser would: multipart, CSRF first, then the file. */
export async function upload(
  client: HttpClient,
  page: PageResult,
  file: { name: string; content: string | Buffer },
  csrf?: string,
): Promise<PageResult> {
  const token =
    csrf ?? page.document.querySelector<HTMLInputElement>('form[enctype] input[name=_csrf]')!.value;
  const boundary = `----amtsweg${randomUUID()}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="datei"; filename="${file.name}"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    ),
    Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const response = await client.server.inject({
    method: 'POST',
    url: '/staff/design/upload',
    headers: {
      cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: body,
  });
  if (response.statusCode === 303) return client.visit(response.headers.location as string);
  return {
    status: response.statusCode,
    location: undefined,
    body: response.body,
    document: new JSDOM(response.body).window.document,
    response,
  };
}

/** The items of the page's error summary, as read. */
export function alerts(page: PageResult): string[] {
  const alert = queryByRole(page.document.body, 'alert');
  return alert
    ? Array.from(alert.querySelectorAll('li')).map((li) => li.textContent!.replace(/\s+/g, ' ').trim())
    : [];
}

/** The candidate's id, from the all-steps preview link of its page. */
export function candidateIdOf(page: PageResult): string {
  const href = page.document.querySelector('a[href$="/vorschau"]')!.getAttribute('href')!;
  return href.split('/')[4]!;
}

/** The page's CSRF token (every staff page carries one in its forms). */
export function csrfOf(page: PageResult): string {
  return page.document.querySelector<HTMLInputElement>('input[name=_csrf]')!.value;
}
