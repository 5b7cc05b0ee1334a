/**
 * The second factor of staff logins (ADR 0055): the code after the password, the enrolment (forced
 * for admins and designers at the login, by choice from "Mein Konto" for caseworkers), the recovery
 * codes shown once, and cancelling a login that waits for its code.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LoginNotice, StaffAuth } from '../../core/staff-auth.ts';
import { formFields } from '../form-body.ts';
import { localeOf, STAFF_COOKIE, single } from '../request-context.ts';
import type { ShownOnce } from '../shown-once.ts';
import {
  type CurrentStaff,
  RECOVERY_CODES_PATH,
  SECOND_FACTOR_CANCEL_PATH,
  SECOND_FACTOR_CODE_PATH,
  SECOND_FACTOR_ENROL_PATH,
  type StaffSessions,
  secondFactorStep,
  staffHome,
} from '../staff-session.ts';
import { homeArea } from '../views/staff-account.ts';
import {
  type CodeError,
  recoveryCodesPage,
  secondFactorCodePage,
  secondFactorEnrolPage,
} from '../views/staff-second-factor.ts';

const HTML = 'text/html; charset=utf-8';
const ACCOUNT_PATH = '/staff/konto';

export interface SecondFactorRouteDeps {
  auth: StaffAuth;
  sessions: StaffSessions;
  once: ShownOnce;
  cookieOptions: { path: string; httpOnly: boolean; sameSite: 'strict'; secure: boolean };
}

export function registerSecondFactorRoutes(app: FastifyInstance, deps: SecondFactorRouteDeps): void {
  const { auth, sessions, once, cookieOptions } = deps;
  const pageOf = (request: FastifyRequest) => ({ locale: localeOf(request), currentPath: request.url });

  /** A complete login: the new session's cookie, then the account page's notice or the start page. */
  const signedIn = (
    reply: FastifyReply,
    done: { token: string; session: CurrentStaff['session']; notice?: LoginNotice },
    next?: string,
  ) => {
    reply.setCookie(STAFF_COOKIE, done.token, cookieOptions);
    if (done.notice) once.keep(reply, ACCOUNT_PATH, done.session.id, JSON.stringify(done.notice));
    return next ?? (done.notice ? ACCOUNT_PATH : staffHome(done.session));
  };

  app.get(SECOND_FACTOR_CODE_PATH, async (request, reply) => {
    const waiting = await sessions.pending(request);
    if (!waiting) return reply.redirect('/staff/login', 303);
    if (waiting.session.secondFactor !== 'code')
      return reply.redirect(secondFactorStep(waiting.session), 303);
    return reply
      .type(HTML)
      .send(secondFactorCodePage(pageOf(request), { csrf: waiting.csrf, area: homeArea(waiting.session) }));
  });

  app.post(SECOND_FACTOR_CODE_PATH, async (request, reply) => {
    const waiting = await sessions.requirePendingPost(request, reply);
    if (!waiting) return reply;
    if (waiting.session.secondFactor !== 'code')
      return reply.redirect(secondFactorStep(waiting.session), 303);
    const code = single(formFields(request).code)?.trim() ?? '';
    /** The code page again, with what went wrong (and, throttled, when to try again). */
    const again = (status: number, error: CodeError, retryAfterSeconds = 0) =>
      reply
        .code(status)
        .type(HTML)
        .send(
          secondFactorCodePage(pageOf(request), {
            csrf: waiting.csrf,
            area: homeArea(waiting.session),
            error,
            retryAfterSeconds,
          }),
        );
    if (!code) return again(400, 'missing');
    const outcome = await auth.completeWithCode(waiting.session, { code, client: request.ip });
    const account = { account: waiting.session.accountId };
    if (outcome.kind === 'throttled') {
      request.log.info(
        { event: 'staff.login_throttled', locked: outcome.locked, ...account },
        'staff login throttled',
      );
      reply.header('retry-after', String(outcome.retryAfterSeconds));
      return again(429, outcome.locked ? 'locked' : 'throttled', outcome.retryAfterSeconds);
    }
    if (outcome.kind === 'refused') {
      request.log.info({ event: 'staff.second_factor_failed', ...account }, 'second factor failed');
      if (outcome.lockBegan) {
        request.log.warn(
          { event: 'staff.login_locked', by: outcome.lockBegan, ...account },
          'staff login locked',
        );
      }
      return again(401, 'failed');
    }
    if (outcome.kind === 'ended') return reply.redirect('/staff/login', 303);
    request.log.info({ event: 'staff.login', ...account }, 'staff login');
    return reply.redirect(signedIn(reply, outcome), 303);
  });

  app.post(SECOND_FACTOR_CANCEL_PATH, async (request, reply) => {
    const waiting = await sessions.requirePendingPost(request, reply);
    if (!waiting) return reply;
    await auth.logout(waiting.session);
    reply.clearCookie(STAFF_COOKIE, cookieOptions);
    return reply.redirect('/staff/login', 303);
  });

  /** Who may enrol: a login waiting for its enrolment, or a complete session (by choice). */
  const enrolling = async (request: FastifyRequest, reply: FastifyReply) => {
    const who = (await sessions.current(request)) ?? (await sessions.pending(request));
    if (!who) {
      reply.redirect('/staff/login', 303);
      return undefined;
    }
    if (who.session.secondFactor === 'code') {
      reply.redirect(SECOND_FACTOR_CODE_PATH, 303);
      return undefined;
    }
    return who;
  };

  const enrolPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    who: CurrentStaff,
    wrongCode = false,
  ) => {
    const enrolment = await auth.enrolment(who.session);
    if (enrolment.kind === 'enrolled') return reply.redirect(ACCOUNT_PATH, 303);
    const required = who.session.secondFactor === 'enrol';
    return reply
      .code(wrongCode ? 400 : 200)
      .type(HTML)
      .send(
        secondFactorEnrolPage(pageOf(request), {
          csrf: who.csrf,
          area: homeArea(who.session),
          secret: enrolment.secret,
          uri: enrolment.uri,
          required,
          wrongCode,
          ...(!required && { back: ACCOUNT_PATH }),
        }),
      );
  };

  app.get(SECOND_FACTOR_ENROL_PATH, async (request, reply) => {
    const who = await enrolling(request, reply);
    if (!who) return reply;
    return enrolPage(request, reply, who);
  });

  app.post(SECOND_FACTOR_ENROL_PATH, async (request, reply) => {
    const who = await enrolling(request, reply);
    if (!who) return reply;
    const body = formFields(request);
    sessions.checkCsrf(who, body._csrf);
    const outcome = await auth.confirmEnrolment(who.session, single(body.code)?.trim() ?? '');
    if (!outcome.ok) {
      if (outcome.problem === 'not-in-progress') return reply.redirect(SECOND_FACTOR_ENROL_PATH, 303);
      return enrolPage(request, reply, who, true);
    }
    request.log.info(
      { event: 'staff.second_factor_enrolled', account: who.session.accountId },
      'second factor enrolled',
    );
    let session = who.session;
    let next = ACCOUNT_PATH;
    if (outcome.completed) {
      request.log.info({ event: 'staff.login', account: who.session.accountId }, 'staff login');
      next = signedIn(reply, outcome.completed);
      session = outcome.completed.session;
    }
    once.keep(reply, RECOVERY_CODES_PATH, session.id, JSON.stringify({ codes: outcome.recoveryCodes, next }));
    return reply.redirect(RECOVERY_CODES_PATH, 303);
  });

  app.get(RECOVERY_CODES_PATH, async (request, reply) => {
    const current = await sessions.require(request, reply);
    if (!current) return reply;
    const kept = once.take(request, reply, RECOVERY_CODES_PATH, current.session.id);
    if (!kept) return reply.redirect(ACCOUNT_PATH, 303);
    const { codes, next } = JSON.parse(kept) as { codes: string[]; next: string };
    return reply
      .type(HTML)
      .send(recoveryCodesPage(pageOf(request), { codes, next, area: homeArea(current.session) }));
  });
}
