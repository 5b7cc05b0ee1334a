/**
 * The citizen's browser session (ADR 0028): the cookie that ties drafts and anonymous forms to one
 * browser. Only ids this server issued count: the cookie carries the id, its expiry and an HMAC of
 * both under a key derived from the master key (the same on every app instance, no server state).
 * A cookie the server never issued (session fixation), one that was altered or one past its expiry
 * is ignored, and the browser gets a fresh id.
 *
 * Drafts are still found by the hash of the id alone (`tokens.hash(id)`), so signing changed
 * nothing in storage. The cookie lives as long as the session's longest draft (`keepBrowserSession`)
 * and, without a draft, only as long as the browser is open.
 *
 * With the `__Host-` prefix (https only) no other host of the domain, and no page over plain http,
 * can set or overwrite the cookie.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebSecurity } from './request-context.ts';

/** The cookie's name over http (the demo, tests); over https it is `__Host-aw_sid`. */
export const SESSION_COOKIE = 'aw_sid';
/**
 * How long a session without a draft is accepted, even if the browser keeps its cookie longer.
 * Shorter than a draft's lifetime (`MIN_DRAFT_DAYS`), so starting a draft makes the cookie last as
 * long as the draft; every page of a draft renews that when the draft lives longer.
 */
export const SESSION_WITHOUT_DRAFT_MS = 12 * 60 * 60 * 1000;

/** A session id: 256 random bits, base64url (`Tokens.newToken`). */
const ID = /^[A-Za-z0-9_-]{43}$/;
const SIGNED = /^([A-Za-z0-9_-]{43})\.(\d{1,15})\.([A-Za-z0-9_-]{43})$/;

export function sessionCookieName(security: Pick<WebSecurity, 'secureCookies'>): string {
  return security.secureCookies ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE;
}

function signature(security: WebSecurity, id: string, expiresSeconds: number): string {
  return signatureUnder(security.sessionKey, id, expiresSeconds);
}

function signatureUnder(key: Buffer, id: string, expiresSeconds: number): string {
  return createHmac('sha256', key).update(`${id}.${expiresSeconds}`).digest('base64url');
}

/** Signed with the current key, or during a master-key rotation with the previous one (ADR 0031). */
function signedByUs(security: WebSecurity, id: string, seconds: number, given: string): boolean {
  const givenBytes = Buffer.from(given);
  const keys = [security.sessionKey, ...(security.previous ? [security.previous.sessionKey] : [])];
  return keys.some((key) => {
    const expected = Buffer.from(signatureUnder(key, id, seconds));
    return expected.length === givenBytes.length && timingSafeEqual(expected, givenBytes);
  });
}

/** The cookie value for session `id` that is valid until `expiresAtMs`. */
export function sessionCookieValue(security: WebSecurity, id: string, expiresAtMs: number): string {
  const seconds = Math.ceil(expiresAtMs / 1000);
  return `${id}.${seconds}.${signature(security, id, seconds)}`;
}

interface SessionCookie {
  id: string;
  /** Until when the signature says the id is valid (ms). */
  expiresAtMs: number;
}

/** What a request's cookie was read as, so several reads in one request check the HMAC once. */
const readOf = new WeakMap<FastifyRequest, { value: string; session: SessionCookie | undefined }>();

/** The session id and expiry the cookie carries, when this server issued it and it is current. */
function readSigned(security: WebSecurity, request: FastifyRequest): SessionCookie | undefined {
  const value = request.cookies[sessionCookieName(security)];
  if (!value) return undefined;
  const known = readOf.get(request);
  if (known?.value === value) return known.session;
  const session = verify(security, value);
  readOf.set(request, { value, session });
  return session;
}

function verify(security: WebSecurity, value: string): SessionCookie | undefined {
  if (!security.protect) {
    // The bench's comparison run only (see `WebSecurity.protect`): any well-formed id, as before.
    const id = SIGNED.exec(value)?.[1] ?? (ID.test(value) ? value : undefined);
    return id ? { id, expiresAtMs: Number.MAX_SAFE_INTEGER } : undefined;
  }
  const match = SIGNED.exec(value);
  if (!match) return undefined;
  const [, id, secondsText, given] = match as unknown as [string, string, string, string];
  const seconds = Number(secondsText);
  if (!signedByUs(security, id, seconds, given)) return undefined;
  const expiresAtMs = seconds * 1000;
  return expiresAtMs > security.now() ? { id, expiresAtMs } : undefined;
}

function setSessionCookie(
  security: WebSecurity,
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  expiresAtMs: number,
  persistent: boolean,
): void {
  const name = sessionCookieName(security);
  const value = sessionCookieValue(security, id, expiresAtMs);
  reply.setCookie(name, value, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: security.secureCookies,
    ...(persistent && { maxAge: Math.max(1, Math.floor((expiresAtMs - security.now()) / 1000)) }),
  });
  // Visible to the rest of this request.
  request.cookies[name] = value;
}

/**
 * The browser session's id: the one the cookie carries if this server issued it, else a fresh one,
 * set on the reply. A fresh session lasts as long as the browser is open (at most half a day).
 */
export function browserSession(security: WebSecurity, request: FastifyRequest, reply: FastifyReply): string {
  const existing = readSigned(security, request);
  if (existing) return existing.id;
  const id = security.tokens.newToken();
  setSessionCookie(security, request, reply, id, security.now() + SESSION_WITHOUT_DRAFT_MS, false);
  return id;
}

/** An existing session this server issued, only (a POST without one is not from our form). */
export function existingBrowserSession(security: WebSecurity, request: FastifyRequest): string | undefined {
  return readSigned(security, request)?.id;
}

/**
 * Keeps the session's cookie until `untilMs` (a draft's expiry), unless it already lasts longer:
 * one cookie serves every draft of the browser, so it lives as long as the longest of them.
 */
export function keepBrowserSession(
  security: WebSecurity,
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  untilMs: number,
): void {
  const current = readSigned(security, request);
  if (current?.id === id && current.expiresAtMs >= untilMs) return;
  setSessionCookie(security, request, reply, id, untilMs, true);
}

/**
 * A bare session id from before ids were signed (ADR 0028), for taking over a draft begun before
 * the update: the caller accepts it only when a draft of the service belongs to it.
 */
export function unsignedBrowserSession(security: WebSecurity, request: FastifyRequest): string | undefined {
  const value = request.cookies[sessionCookieName(security)];
  return value && ID.test(value) ? value : undefined;
}

/** The session id inside a cookie value (tests and the bench read drafts by it). */
export function sessionIdOf(cookieValue: string): string {
  return SIGNED.exec(cookieValue)?.[1] ?? cookieValue;
}
