/**
 * The real app listening on a real port whose address is also its public base URL, for protocol
 * peers that speak HTTP to it (an OpenID client discovering the built-in test IdP, an independent
 * OpenID provider calling back): the issuer and the redirect URIs must be the address they reach.
 */
import { createServer } from 'node:net';
import { startTestApp, type TestApp, type TestAppOptions } from './app.ts';
import type { DialectUnderTest } from './databases.ts';

/** A port nobody listens on right now (the OS picks it; the caller listens on it at once). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export interface ListeningApp extends TestApp {
  baseUrl: string;
}

/** With `port`, the app listens there (a peer configured before the app started knows it). */
export async function startListeningApp(
  dialect: DialectUnderTest,
  options: Omit<TestAppOptions, 'baseUrl'> = {},
  port?: number,
): Promise<ListeningApp> {
  port ??= await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const started = await startTestApp(dialect, { ...options, baseUrl });
  await started.app.server.listen({ port, host: '127.0.0.1' });
  return Object.assign(started, { baseUrl });
}

/**
 * A browser's cookies for one site, simplified: every cookie is sent on every request (paths and
 * expiry are not needed by the flows under test); a cookie set empty or expired is dropped.
 */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** Fetches without following redirects, sending and keeping cookies. */
  async fetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) {
      headers.set('cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    }
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** Posts a form (urlencoded). */
  post(url: string | URL, fields: Record<string, string>): Promise<Response> {
    return this.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  }
}

/** The `Location` of a redirect, resolved against the request's URL. */
export function locationOf(response: Response): URL {
  const location = response.headers.get('location');
  if (!location) throw new Error(`expected a redirect, got ${response.status}`);
  return new URL(location, response.url);
}
