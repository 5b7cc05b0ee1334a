/**
 * The stand-in browser of `http-client.ts` over a real socket, for tests against a listening
 * server while other processes work on its database: cookies kept, forms posted as a browser
 * would (their CSRF token included), pages parsed with jsdom, and every answer's status recorded
 * so that a test can prove no request got a server error.
 */
import { JSDOM } from 'jsdom';
import { formSubmission } from './http-client.ts';
import { CookieJar } from './listening-app.ts';

export interface SocketPage {
  status: number;
  location: string | undefined;
  body: string;
  document: Document;
}

export class SocketClient {
  readonly #jar = new CookieJar();

  /** `statuses` collects each answer's method, path and status, shared by several clients. */
  constructor(
    readonly baseUrl: string,
    readonly statuses: Array<{ request: string; status: number }> = [],
  ) {}

  async #page(method: string, path: string, init: RequestInit): Promise<SocketPage> {
    const response = await this.#jar.fetch(new URL(path, this.baseUrl), { ...init, method });
    this.statuses.push({ request: `${method} ${path}`, status: response.status });
    const body = await response.text();
    const html = (response.headers.get('content-type') ?? '').includes('text/html');
    return {
      status: response.status,
      location: response.headers.get('location') ?? undefined,
      body,
      document: new JSDOM(html ? body : '<!doctype html><html><body></body></html>').window.document,
    };
  }

  get(path: string): Promise<SocketPage> {
    return this.#page('GET', path, {});
  }

  /** Posts the form that holds the button with this accessible name, as a browser would. */
  submit(page: SocketPage, buttonName: string | RegExp, values: Record<string, string> = {}) {
    const { action, multipart, data } = formSubmission(page.document, buttonName, values);
    if (multipart) throw new Error('multipart forms are not needed over the socket yet');
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(data)) {
      for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
    }
    return this.#page('POST', action, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    });
  }
}
