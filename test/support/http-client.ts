/**
 * A small browser stand-in for HTTP tests on Fastify's inject: keeps cookies, follows what a form
 * would post (including its CSRF token), and parses pages with jsdom so tests can query them by
 * role and accessible name like a person would (Testing Library).
 */
import { getByRole, queryAllByRole } from '@testing-library/dom';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { JSDOM } from 'jsdom';

export interface PageResult {
  status: number;
  location: string | undefined;
  body: string;
  document: Document;
  response: LightMyRequestResponse;
}

/** A file a test "chooses" in a file input. */
export interface TestFile {
  /** The file input's name. */
  field: string;
  name: string;
  content: Buffer;
  /** What the browser would claim (from the name); the server does not believe it. */
  type?: string;
}

/** Where the stand-in browser connects from, and what it adds to every request. */
export interface ClientOrigin {
  /** The connecting address (default 127.0.0.1). */
  remoteAddress?: string;
  headers?: Record<string, string>;
}

export class HttpClient {
  readonly cookies = new Map<string, string>();
  constructor(
    readonly server: FastifyInstance,
    readonly origin: ClientOrigin = {},
  ) {}

  #request(): { remoteAddress?: string; headers: Record<string, string> } {
    return {
      ...(this.origin.remoteAddress ? { remoteAddress: this.origin.remoteAddress } : {}),
      headers: { ...this.origin.headers, cookie: this.#cookieHeader() },
    };
  }

  #cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  #remember(response: LightMyRequestResponse): void {
    for (const c of response.cookies as Array<{
      name: string;
      value: string;
      maxAge?: number;
      expires?: Date;
    }>) {
      const expired = c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now());
      if (expired || c.value === '') this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  #page(response: LightMyRequestResponse): PageResult {
    this.#remember(response);
    const body = response.body;
    const isHtml = String(response.headers['content-type'] ?? '').includes('text/html');
    const document = new JSDOM(isHtml ? body : '<!doctype html><html><body></body></html>').window.document;
    const location = response.headers.location as string | undefined;
    return { status: response.statusCode, location, body, document, response };
  }

  async get(url: string): Promise<PageResult> {
    const response = await this.server.inject({ method: 'GET', url, ...this.#request() });
    return this.#page(response);
  }

  /** GET, following redirects like a browser. */
  async visit(url: string, maxRedirects = 5): Promise<PageResult> {
    let page = await this.get(url);
    for (let i = 0; i < maxRedirects && page.location; i++) page = await this.get(page.location);
    return page;
  }

  async post(url: string, form: Record<string, string | string[]>): Promise<PageResult> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) {
      for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    }
    const base = this.#request();
    const response = await this.server.inject({
      method: 'POST',
      url,
      ...base,
      headers: { ...base.headers, 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
    return this.#page(response);
  }

  /** A multipart/form-data POST: text fields first (CSRF), then the files, as our forms order them. */
  async postMultipart(
    url: string,
    form: Record<string, string | string[]>,
    files: readonly TestFile[],
  ): Promise<PageResult> {
    const boundary = `----amtswegtest${Math.random().toString(16).slice(2)}`;
    const chunks: Buffer[] = [];
    const quoted = (v: string) => v.replace(/"/g, '%22').replace(/\r|\n/g, ' ');
    for (const [k, v] of Object.entries(form)) {
      for (const item of Array.isArray(v) ? v : [v]) {
        chunks.push(
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(k)}"\r\n\r\n${item}\r\n`,
          ),
        );
      }
    }
    for (const f of files) {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(f.field)}"; filename="${quoted(f.name)}"\r\nContent-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`,
        ),
        f.content,
        Buffer.from('\r\n'),
      );
    }
    chunks.push(Buffer.from(`--${boundary}--\r\n`));
    const base = this.#request();
    const response = await this.server.inject({
      method: 'POST',
      url,
      ...base,
      headers: { ...base.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat(chunks),
    });
    return this.#page(response);
  }

  /**
   * What a browser would post when this button is pressed: the form's action, whether it is
   * multipart, and its current values (hidden ones such as CSRF included, the button's own name and
   * value) overridden by `values`.
   */
  formOf(page: PageResult, buttonName: string | RegExp, values: Record<string, string | string[]> = {}) {
    return formSubmission(page.document, buttonName, values);
  }

  /** The Cookie header this client sends (for a caller that times raw requests with its session). */
  get cookieHeader(): string {
    return this.#cookieHeader();
  }

  /**
   * Submits the form that contains the button with this accessible name, with the form's current
   * hidden values (CSRF) plus `values`, as a browser would.
   */
  async submit(
    page: PageResult,
    buttonName: string | RegExp,
    values: Record<string, string | string[]> = {},
    files: readonly TestFile[] = [],
  ) {
    const { action, multipart, fileInputs, data } = this.formOf(page, buttonName, values);
    if (multipart) {
      // A file input with nothing chosen still posts an empty part, as browsers do.
      const chosen = new Set(files.map((f) => f.field));
      const empty = fileInputs
        .filter((name) => name !== '' && !chosen.has(name))
        .map((field): TestFile => ({ field, name: '', content: Buffer.alloc(0) }));
      return this.postMultipart(action, data, [...files, ...empty]);
    }
    if (files.length > 0) throw new Error('files given for a form that is not multipart');
    return this.post(action, data);
  }
}

export function links(page: PageResult, name: string | RegExp): HTMLAnchorElement[] {
  return queryAllByRole(page.document.body, 'link', { name }) as HTMLAnchorElement[];
}

/**
 * What a browser would post when this button is pressed: the form's action, whether it is
 * multipart, and its current values (hidden ones such as CSRF included, the button's own name and
 * value) overridden by `values`.
 */
export function formSubmission(
  document: Document,
  buttonName: string | RegExp,
  values: Record<string, string | string[]> = {},
) {
  const button = getByRole(document.body, 'button', { name: buttonName });
  const form = button.closest('form');
  if (!form) throw new Error(`button ${String(buttonName)} is not in a form`);
  const data: Record<string, string | string[]> = {};
  const add = (name: string, value: string) => {
    const existing = data[name];
    data[name] =
      existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  };
  for (const el of Array.from(form.querySelectorAll('input, textarea, select'))) {
    const name = el.getAttribute('name');
    if (!name || name in values) continue;
    if (el.tagName === 'SELECT') {
      const selected = (el as HTMLSelectElement).selectedOptions[0];
      if (selected) add(name, selected.value);
    } else if (el.tagName === 'TEXTAREA') {
      add(name, (el as HTMLTextAreaElement).value);
    } else {
      const input = el as HTMLInputElement;
      if ((input.type === 'radio' || input.type === 'checkbox') && !input.checked) continue;
      if (input.type === 'submit' || input.type === 'button' || input.type === 'file') continue;
      add(name, input.value);
    }
  }
  // Like a browser, the pressed button's own name and value (e.g. "Kind hinzufügen").
  const pressed = button.getAttribute('name');
  if (pressed && !(pressed in values)) add(pressed, button.getAttribute('value') ?? '');
  Object.assign(data, values);
  const fileInputs = Array.from(form.querySelectorAll('input[type="file"]')).map(
    (el) => el.getAttribute('name') ?? '',
  );
  return {
    action: form.getAttribute('action') ?? '',
    multipart: form.getAttribute('enctype') === 'multipart/form-data',
    fileInputs,
    data,
  };
}
