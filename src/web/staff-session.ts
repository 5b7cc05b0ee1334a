/**
 * The staff session of a request, shared by the caseworker and designer routes. The tenant always
 * comes from the session, never from the URL.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StaffSession } from '../core/domain.ts';
import { hasRole } from '../core/roles.ts';
import type { StaffAuth } from '../core/staff-auth.ts';
import { formFields } from './form-body.ts';
import { CsrfError } from './http-errors.ts';
import { csrfToken, csrfValid, STAFF_COOKIE, type WebSecurity } from './request-context.ts';

export const STAFF_PURPOSE = 'staff';

export interface CurrentStaff {
  token: string;
  session: StaffSession;
  csrf: string;
}

/**
 * Where a staff member starts: the inbox for caseworkers, else the designer area for designers,
 * else the Verwaltung (an account has at least one role).
 */
export function staffHome(session: Pick<StaffSession, 'roles'>): string {
  if (hasRole(session, 'caseworker')) return '/staff/inbox';
  return hasRole(session, 'designer') ? '/staff/design' : '/staff/admin';
}

/** The staff session cookie's options: only for /staff, never sent cross-site. */
export function staffCookieOptions(security: WebSecurity) {
  return { path: '/staff', httpOnly: true, sameSite: 'strict' as const, secure: security.secureCookies };
}

export function staffSessions(auth: StaffAuth, security: WebSecurity) {
  const current = async (request: FastifyRequest): Promise<CurrentStaff | undefined> => {
    const token = request.cookies[STAFF_COOKIE];
    if (!token) return undefined;
    const session = await auth.session(token);
    return session ? { token, session, csrf: csrfToken(security, STAFF_PURPOSE, session.id) } : undefined;
  };

  /** Resolves the session or redirects to the login page (and returns undefined). */
  const require = async (request: FastifyRequest, reply: FastifyReply) => {
    const staff = await current(request);
    if (!staff) reply.redirect('/staff/login', 303);
    return staff;
  };

  /** Throws unless `token` is this session's CSRF token (for forms that are not urlencoded). */
  const checkCsrf = (staff: CurrentStaff, token: unknown): void => {
    if (!csrfValid(security, STAFF_PURPOSE, staff.session.id, token)) throw new CsrfError();
  };

  /** A urlencoded staff form: the session, and a valid CSRF token in the body. */
  const requirePost = async (request: FastifyRequest, reply: FastifyReply) => {
    const staff = await require(request, reply);
    if (!staff) return undefined;
    checkCsrf(staff, formFields(request)._csrf);
    return staff;
  };

  return { current, require, requirePost, checkCsrf };
}

export type StaffSessions = ReturnType<typeof staffSessions>;
