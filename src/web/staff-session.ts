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
/** The CSRF purpose of the pages of a login that waits for its second factor (ADR 0055). */
const SECOND_FACTOR_PURPOSE = 'staff-second-factor';

export const SECOND_FACTOR_CODE_PATH = '/staff/login/code';
export const SECOND_FACTOR_ENROL_PATH = '/staff/konto/zweiter-faktor';
export const RECOVERY_CODES_PATH = '/staff/konto/zweiter-faktor/codes';
export const SECOND_FACTOR_CANCEL_PATH = '/staff/login/abbrechen';

/** The page a login that waits for its second factor continues on. */
export function secondFactorStep(session: Pick<StaffSession, 'secondFactor'>): string {
  return session.secondFactor === 'code' ? SECOND_FACTOR_CODE_PATH : SECOND_FACTOR_ENROL_PATH;
}

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

  /** A session that passed the password but not yet its second factor (ADR 0055). */
  const pending = async (request: FastifyRequest): Promise<CurrentStaff | undefined> => {
    const token = request.cookies[STAFF_COOKIE];
    if (!token) return undefined;
    const session = await auth.pendingSession(token);
    return session
      ? { token, session, csrf: csrfToken(security, SECOND_FACTOR_PURPOSE, session.id) }
      : undefined;
  };

  /**
   * Resolves the session or redirects (and returns undefined): to the second factor's page when
   * the login waits for it, else to the login page.
   */
  const require = async (request: FastifyRequest, reply: FastifyReply) => {
    const staff = await current(request);
    if (!staff) {
      const waiting = await pending(request);
      reply.redirect(waiting ? secondFactorStep(waiting.session) : '/staff/login', 303);
    }
    return staff;
  };

  /** A waiting login's form: the session, and a valid CSRF token of its pages in the body. */
  const requirePendingPost = async (request: FastifyRequest, reply: FastifyReply) => {
    const waiting = await pending(request);
    if (!waiting) {
      reply.redirect('/staff/login', 303);
      return undefined;
    }
    checkCsrf(waiting, formFields(request)._csrf);
    return waiting;
  };

  /** Throws unless `token` is this session's CSRF token (for forms that are not urlencoded). */
  const checkCsrf = (staff: CurrentStaff, token: unknown): void => {
    const purpose = staff.session.secondFactor ? SECOND_FACTOR_PURPOSE : STAFF_PURPOSE;
    if (!csrfValid(security, purpose, staff.session.id, token)) throw new CsrfError();
  };

  /** A urlencoded staff form: the session, and a valid CSRF token in the body. */
  const requirePost = async (request: FastifyRequest, reply: FastifyReply) => {
    const staff = await require(request, reply);
    if (!staff) return undefined;
    checkCsrf(staff, formFields(request)._csrf);
    return staff;
  };

  return { current, require, requirePost, checkCsrf, pending, requirePendingPost };
}

export type StaffSessions = ReturnType<typeof staffSessions>;
