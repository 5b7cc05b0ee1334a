/**
 * Where a page may send the browser back to (`/sprache/de?zurueck=…`): only a page of this app.
 *
 * A redirect target taken from a request is never trusted as text. It is parsed as a URL against
 * the app's own origin, exactly as a browser will resolve the `Location` header, so every trick
 * that makes a browser leave the site (`//host`, `/\host`, `/<TAB>/host`, `%2F%2Fhost` once
 * decoded, `https://host`, `javascript:`) comes out with another origin or scheme and is refused.
 * What is left must be the path of a route this app has; the URL serializer percent-encodes
 * control characters, so the header can never be broken with a newline either.
 */

/** Longer values are refused outright: no page of ours has an address this long. */
export const MAX_RETURN_PATH_LENGTH = 2048;

/** The GET routes of the app, matched like the router matches them. */
export class KnownRoutes {
  readonly #patterns: RegExp[] = [];

  /** Adds a route's URL pattern (`/:tenant/:service/schritt/:step`, `/assets/*`). */
  add(pattern: string): void {
    this.#patterns.push(compile(pattern));
  }

  /** Whether a percent-encoded path (no query) is one of these routes. */
  matches(pathname: string): boolean {
    return this.#patterns.some((p) => p.test(pathname));
  }
}

/** `:name` matches one non-empty path segment, `*` the rest; a trailing slash is ignored. */
function compile(pattern: string): RegExp {
  let source = '';
  for (const part of pattern.split(/(:[A-Za-z0-9_]+|\*)/)) {
    if (part === '*') source += '.*';
    else if (part.startsWith(':')) source += '[^/]+';
    else source += part.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source.replace(/\/$/, '')}/?$`);
}

/**
 * The path (with query) to send the browser to, or undefined when `value` is not a page of this
 * app at `origin` (e.g. `https://amtsweg.example`).
 */
export function returnPath(value: unknown, origin: string, routes: KnownRoutes): string | undefined {
  if (typeof value !== 'string' || !value.startsWith('/') || value.length > MAX_RETURN_PATH_LENGTH) {
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return undefined;
  }
  if (url.origin !== new URL(origin).origin) return undefined;
  if (!routes.matches(url.pathname)) return undefined;
  const target = `${url.pathname}${url.search}`;
  // Belt and braces: what the serializer gives back is a plain local path.
  return /^\/(?![/\\])[\x21-\x7e]*$/.test(target) ? target : undefined;
}
