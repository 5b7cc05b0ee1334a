import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Tokens } from '../core/ports.ts';
import { MAX_DRAFT_DAYS } from '../core/settings/drafts-retention.ts';
import type { Locale } from '../definition/types.ts';

/** Cookie of the citizen's browser session (drafts are tied to it) and of anonymous forms. */
export const SESSION_COOKIE = 'aw_sid';
/** Cookie of the staff session; only sent to /staff. */
export const STAFF_COOKIE = 'aw_staff';
/** The reading preference: `de`, `en`, or `ls` (German in Leichte Sprache, ADR 0019). */
export const LANG_COOKIE = 'aw_lang';
/** The value of the language cookie for Leichte Sprache. */
export const EASY_LANGUAGE = 'ls';

export interface WebSecurity {
  /** Whether cookies get the Secure flag (the public base URL is https). */
  secureCookies: boolean;
  /** Secret for CSRF tokens, derived from the master key. */
  csrfSecret: Buffer;
  tokens: Tokens;
}

export function localeOf(request: FastifyRequest): Locale {
  return request.cookies[LANG_COOKIE] === 'en' ? 'en' : 'de';
}

/**
 * Whether the citizen chose Leichte Sprache. It is a variant of German, kept in the same cookie as
 * the language, so English and Leichte Sprache exclude each other by construction.
 */
export function easyLanguageOf(request: FastifyRequest): boolean {
  return request.cookies[LANG_COOKIE] === EASY_LANGUAGE;
}

/**
 * CSRF tokens are an HMAC of the session they belong to (synchronizer token without server state):
 * a form is only accepted from the browser session it was rendered for.
 */
export function csrfToken(security: WebSecurity, purpose: string, sessionId: string): string {
  return createHmac('sha256', security.csrfSecret).update(`${purpose}\n${sessionId}`).digest('base64url');
}

export function csrfValid(
  security: WebSecurity,
  purpose: string,
  sessionId: string,
  token: unknown,
): boolean {
  if (typeof token !== 'string' || token.length === 0) return false;
  const expected = Buffer.from(csrfToken(security, purpose, sessionId));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * The browser session token: read from the cookie, or created and set on the reply. Only its hash
 * is ever stored.
 */
export function browserSession(security: WebSecurity, request: FastifyRequest, reply: FastifyReply): string {
  const existing = request.cookies[SESSION_COOKIE];
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  const token = security.tokens.newToken();
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: security.secureCookies,
    // As long as the longest-lived draft (a service's `drafts.retention` is at most this), so the
    // citizen can come back to it in the same browser.
    maxAge: MAX_DRAFT_DAYS * 24 * 60 * 60,
  });
  // Make the new session visible to the rest of this request.
  request.cookies[SESSION_COOKIE] = token;
  return token;
}

/** Existing browser session only (for POST handlers: no cookie means the form is not ours). */
export function existingBrowserSession(request: FastifyRequest): string | undefined {
  const existing = request.cookies[SESSION_COOKIE];
  return existing && /^[A-Za-z0-9_-]{43}$/.test(existing) ? existing : undefined;
}

/** Only same-site relative paths are allowed as redirect targets (no open redirects). */
export function safeLocalPath(value: unknown, fallback: string): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) {
    return fallback;
  }
  return value;
}

/** First value of a form/query parameter that may be posted more than once. */
export function single(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}
