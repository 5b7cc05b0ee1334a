import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Tokens } from '../core/ports.ts';
import type { Locale } from '../definition/types.ts';

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
  /** Key of the browser session cookie's signature (`browser-session.ts`), from the master key. */
  sessionKey: Buffer;
  /**
   * The same secrets from the previous master key during a rotation (ADR 0031): tokens and
   * session cookies they signed are still accepted; nothing new is signed with them.
   */
  previous?: { csrfSecret: Buffer; sessionKey: Buffer } | undefined;
  tokens: Tokens;
  /** The app's clock, in milliseconds. */
  now(): number;
  /**
   * The request protections: signed browser sessions, `no-store` on pages with answers, HSTS.
   * Always on; only `npm run bench` builds an app without them (`AppOptions.benchmarkOnly`), to
   * show what they cost. No configuration can switch them off.
   */
  protect: boolean;
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
  return tokenUnder(security.csrfSecret, purpose, sessionId);
}

function tokenUnder(secret: Buffer, purpose: string, sessionId: string): string {
  return createHmac('sha256', secret).update(`${purpose}\n${sessionId}`).digest('base64url');
}

function sameToken(expectedText: string, given: Buffer): boolean {
  const expected = Buffer.from(expectedText);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function csrfValid(
  security: WebSecurity,
  purpose: string,
  sessionId: string,
  token: unknown,
): boolean {
  if (typeof token !== 'string' || token.length === 0) return false;
  const given = Buffer.from(token);
  if (sameToken(csrfToken(security, purpose, sessionId), given)) return true;
  // A form rendered before the master key was rotated is still accepted during the rotation.
  const previous = security.previous?.csrfSecret;
  return previous !== undefined && sameToken(tokenUnder(previous, purpose, sessionId), given);
}

/** First value of a form/query parameter that may be posted more than once. */
export function single(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}
