/**
 * A value shown exactly once on the page a form redirects to (a generated password), without
 * server-side state, so it works whichever app instance answers the redirected request.
 *
 * The value travels in a short-lived cookie, sealed with AES-256-GCM under a key derived from the
 * CSRF secret (so from the master key, the same on every instance) and bound to the staff session
 * and the page it is for: another session, another page or a tampered cookie opens nothing. The
 * page that shows it clears the cookie, so a reload shows it no more. Cookies are never logged.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebSecurity } from './request-context.ts';

export const SHOWN_ONCE_COOKIE = 'aw_once';
/** Long enough for the redirect, short enough that a forgotten cookie is soon gone. */
const LIFETIME_SECONDS = 300;

const keys = new WeakMap<Buffer, Buffer>();

function keyOf(security: WebSecurity): Buffer {
  let key = keys.get(security.csrfSecret);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', security.csrfSecret, Buffer.alloc(0), 'amtsweg shown once v1', 32));
    keys.set(security.csrfSecret, key);
  }
  return key;
}

export function seal(security: WebSecurity, binding: string, value: string, nowMs: number): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(security), iv);
  cipher.setAAD(Buffer.from(binding, 'utf8'));
  const payload = JSON.stringify({ value, expires: nowMs + LIFETIME_SECONDS * 1000 });
  const body = Buffer.concat([cipher.update(payload, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${iv.toString('base64url')}.${body.toString('base64url')}`;
}

export function open(
  security: WebSecurity,
  binding: string,
  sealed: string,
  nowMs: number,
): string | undefined {
  const [ivText, bodyText] = sealed.split('.');
  if (!ivText || !bodyText) return undefined;
  const iv = Buffer.from(ivText, 'base64url');
  const body = Buffer.from(bodyText, 'base64url');
  if (iv.length !== 12 || body.length < 17) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(security), iv);
    decipher.setAAD(Buffer.from(binding, 'utf8'));
    decipher.setAuthTag(body.subarray(body.length - 16));
    const text = Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]);
    const { value, expires } = JSON.parse(text.toString('utf8')) as { value: unknown; expires: unknown };
    return typeof value === 'string' && typeof expires === 'number' && expires > nowMs ? value : undefined;
  } catch {
    return undefined;
  }
}

export interface ShownOnce {
  /** Keeps `value` for the next request of this session to the page at `path`. */
  keep(reply: FastifyReply, path: string, binding: string, value: string): void;
  /** The value kept for this session and page, if any; it is gone afterwards. */
  take(request: FastifyRequest, reply: FastifyReply, path: string, binding: string): string | undefined;
}

export function shownOnce(security: WebSecurity, now: () => number = Date.now): ShownOnce {
  const options = (path: string) => ({
    path,
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: security.secureCookies,
  });
  return {
    keep(reply, path, binding, value) {
      reply.setCookie(SHOWN_ONCE_COOKIE, seal(security, `${path}|${binding}`, value, now()), {
        ...options(path),
        maxAge: LIFETIME_SECONDS,
      });
    },
    take(request, reply, path, binding) {
      const sealed = request.cookies[SHOWN_ONCE_COOKIE];
      if (!sealed) return undefined;
      reply.clearCookie(SHOWN_ONCE_COOKIE, options(path));
      return open(security, `${path}|${binding}`, sealed, now());
    },
  };
}
