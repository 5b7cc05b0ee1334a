import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Casework } from '../../core/casework.ts';
import type { SubmissionStatus } from '../../core/domain.ts';
import { NotFoundError } from '../../core/errors.ts';
import type { Receipts } from '../../core/receipts.ts';
import type { EarlyErasure } from '../../core/retention/early-erasure.ts';
import {
  type LoginNotice,
  STAFF_IDLE_TIMEOUT_MS,
  STAFF_SESSION_LIFETIME_MS,
  type StaffAuth,
} from '../../core/staff-auth.ts';
import { isSubmissionStatus } from '../../core/status.ts';
import { browserSession, existingBrowserSession } from '../browser-session.ts';
import { formFields } from '../form-body.ts';
import { BadRequestError, CsrfError, offerOnError } from '../http-errors.ts';
import {
  csrfToken,
  csrfValid,
  localeOf,
  STAFF_COOKIE,
  single,
  type WebSecurity,
} from '../request-context.ts';
import { shownOnce } from '../shown-once.ts';
import {
  type CurrentStaff,
  secondFactorStep,
  staffCookieOptions,
  staffHome,
  staffSessions,
} from '../staff-session.ts';
import { inboxPage, loginPage, submissionPage } from '../views/staff.ts';
import { type AccountPageInput as StaffAccountInput, staffAccountPage } from '../views/staff-account.ts';
import type { ProviderLabel } from '../views/submission-identity.ts';
import { contentDisposition } from './content-disposition.ts';
import { sendReceipt } from './receipt-download.ts';
import { registerSecondFactorRoutes } from './staff-second-factor.ts';

const HTML = 'text/html; charset=utf-8';
const PAGE_SIZE = 20;
const LOGIN_PURPOSE = 'staff-login';
const ACCOUNT_PATH = '/staff/konto';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Caseworker pages under /staff. The tenant always comes from the session, never from the URL. */
export function registerStaffRoutes(
  app: FastifyInstance,
  auth: StaffAuth,
  casework: Casework,
  receipts: Receipts,
  security: WebSecurity,
  earlyErasure: EarlyErasure,
  providerLabel: ProviderLabel,
): void {
  const cookieOptions = staffCookieOptions(security);

  const sessions = staffSessions(auth, security);
  const once = shownOnce(security, security.now);
  const currentSession = sessions.current;
  const requireStaff = sessions.require;
  const requireStaffPost = sessions.requirePost;

  // Staff pages must never be cached by shared caches or kept in the browser history cache.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/staff')) reply.header('cache-control', 'no-store');
  });

  app.get('/staff', async (request, reply) => {
    const current = await currentSession(request);
    return reply.redirect(current ? staffHome(current.session) : '/staff/login', 303);
  });

  app.get('/staff/login', async (request, reply) => {
    const signedIn = await currentSession(request);
    if (signedIn) return reply.redirect(staffHome(signedIn.session), 303);
    const waiting = await sessions.pending(request);
    if (waiting) return reply.redirect(secondFactorStep(waiting.session), 303);
    const token = browserSession(security, request, reply);
    return reply
      .type(HTML)
      .send(
        loginPage(
          { locale: localeOf(request), currentPath: request.url },
          { csrf: csrfToken(security, LOGIN_PURPOSE, token), username: '' },
        ),
      );
  });

  app.post('/staff/login', async (request, reply) => {
    const token = existingBrowserSession(security, request);
    const body = formFields(request);
    if (!token || !csrfValid(security, LOGIN_PURPOSE, token, body._csrf)) throw new CsrfError();
    const username = single(body.username)?.trim() ?? '';
    const password = single(body.password) ?? '';
    const again = (
      status: number,
      error: 'failed' | 'missing' | 'throttled' | 'locked',
      retryAfterSeconds?: number,
    ) =>
      reply
        .code(status)
        .type(HTML)
        .send(
          loginPage(
            { locale: localeOf(request), currentPath: request.url },
            {
              csrf: csrfToken(security, LOGIN_PURPOSE, token),
              username,
              error,
              ...(retryAfterSeconds !== undefined && { retryAfterSeconds }),
            },
          ),
        );
    if (!username || !password) return again(400, 'missing');
    // The client as the configured proxies report it (`AMTSWEG_TRUSTED_PROXIES`), never as any
    // client's own header claims; it is used for counting failures and never logged (ADR 0011).
    const outcome = await auth.login({ username, password, client: request.ip });
    if (outcome.kind === 'throttled') {
      request.log.info({ event: 'staff.login_throttled', locked: outcome.locked }, 'staff login throttled');
      reply.header('retry-after', String(outcome.retryAfterSeconds));
      return again(429, outcome.locked ? 'locked' : 'throttled', outcome.retryAfterSeconds);
    }
    if (outcome.kind === 'refused') {
      // The account when the name is one; never the typed name (it may be a password).
      const account = outcome.accountId ? { account: outcome.accountId } : {};
      request.log.info({ event: 'staff.login_failed', ...account }, 'staff login failed');
      if (outcome.lockBegan) {
        request.log.warn(
          { event: 'staff.login_locked', by: outcome.lockBegan, ...account },
          'staff login locked',
        );
      }
      return again(401, 'failed');
    }
    if (outcome.kind === 'second-factor') {
      // The password was right; the session opens only the second factor's page (ADR 0055).
      reply.setCookie(STAFF_COOKIE, outcome.token, cookieOptions);
      return reply.redirect(secondFactorStep(outcome.session), 303);
    }
    const { session } = outcome;
    request.log.info({ event: 'staff.login', account: session.accountId }, 'staff login');
    reply.setCookie(STAFF_COOKIE, outcome.token, cookieOptions);
    if (outcome.notice) {
      // Failed attempts with this name since the last login: told once, on the account page.
      once.keep(reply, ACCOUNT_PATH, session.id, JSON.stringify(outcome.notice));
      return reply.redirect(ACCOUNT_PATH, 303);
    }
    return reply.redirect(staffHome(session), 303);
  });

  app.post('/staff/logout', async (request, reply) => {
    const current = await requireStaffPost(request, reply);
    if (!current) return reply;
    await auth.logout(current.session);
    request.log.info({ event: 'staff.logout', account: current.session.accountId }, 'staff logout');
    reply.clearCookie(STAFF_COOKIE, cookieOptions);
    return reply.redirect('/staff/login', 303);
  });

  registerSecondFactorRoutes(app, { auth, sessions, once, cookieOptions });

  const accountPage = async (
    request: FastifyRequest,
    current: CurrentStaff,
    extra: Partial<Pick<StaffAccountInput, 'loginNotice' | 'changed' | 'problem' | 'retryAfterSeconds'>>,
  ) =>
    staffAccountPage(
      { locale: localeOf(request), currentPath: request.url },
      {
        session: current.session,
        csrf: current.csrf,
        home: staffHome(current.session),
        idleMinutes: STAFF_IDLE_TIMEOUT_MS / 60_000,
        lifetimeHours: STAFF_SESSION_LIFETIME_MS / 3_600_000,
        secondFactor: await auth.secondFactorState(current.session),
        ...extra,
      },
    );

  // "Mein Konto", for every role: the notice after failed attempts, and the own password.
  app.get<{ Querystring: { geaendert?: string } }>(ACCOUNT_PATH, async (request, reply) => {
    const current = await requireStaff(request, reply);
    if (!current) return reply;
    const kept = once.take(request, reply, ACCOUNT_PATH, current.session.id);
    return reply.type(HTML).send(
      await accountPage(request, current, {
        loginNotice: kept ? (JSON.parse(kept) as LoginNotice) : undefined,
        changed: request.query.geaendert === '1',
      }),
    );
  });

  app.post(`${ACCOUNT_PATH}/passwort`, async (request, reply) => {
    const current = await requireStaffPost(request, reply);
    if (!current) return reply;
    const body = formFields(request);
    const outcome = await auth.changeOwnPassword(current.session, {
      current: single(body.current) ?? '',
      next: single(body.next) ?? '',
      repeat: single(body.repeat) ?? '',
      client: request.ip,
    });
    if (outcome.ok) {
      request.log.info(
        { event: 'staff.password_changed', account: current.session.accountId },
        'password changed',
      );
      return reply.redirect(`${ACCOUNT_PATH}?geaendert=1`, 303);
    }
    if (outcome.problem === 'throttled') reply.header('retry-after', String(outcome.retryAfterSeconds));
    return reply
      .code(outcome.problem === 'throttled' ? 429 : 400)
      .type(HTML)
      .send(
        await accountPage(request, current, {
          problem: outcome.problem,
          ...(outcome.problem === 'throttled' && { retryAfterSeconds: outcome.retryAfterSeconds }),
        }),
      );
  });

  app.get<{ Querystring: Record<string, string | undefined> }>('/staff/inbox', async (request, reply) => {
    const current = await requireStaff(request, reply);
    if (!current) return reply;
    const services = await casework.services(current.session);
    const serviceParam = single(request.query.leistung);
    const serviceId = services.some((s) => s.serviceId === serviceParam) ? serviceParam : undefined;
    const statusParam = single(request.query.status);
    const status: SubmissionStatus | undefined = isSubmissionStatus(statusParam) ? statusParam : undefined;
    const pageParam = Number.parseInt(single(request.query.seite) ?? '1', 10);
    const page = Number.isFinite(pageParam) && pageParam > 0 && pageParam < 100_000 ? pageParam : 1;
    const result = await casework.inbox(current.session, {
      ...(serviceId ? { serviceId } : {}),
      ...(status ? { status } : {}),
      page,
      pageSize: PAGE_SIZE,
    });
    return reply.type(HTML).send(
      inboxPage(
        { locale: localeOf(request), currentPath: request.url },
        {
          session: current.session,
          csrf: current.csrf,
          services,
          result,
          filter: { ...(serviceId ? { serviceId } : {}), ...(status ? { status } : {}) },
          providerLabel,
        },
      ),
    );
  });

  app.get<{ Params: { id: string }; Querystring: { geaendert?: string } }>(
    '/staff/submissions/:id',
    async (request, reply) => {
      const current = await requireStaff(request, reply);
      if (!current) return reply;
      if (!UUID.test(request.params.id)) throw new NotFoundError('submission');
      const locale = localeOf(request);
      const opened = await casework.open(current.session, request.params.id, locale);
      const history = await casework.history(current.session, request.params.id);
      const receipt = await receipts.offered(current.session.tenantId);
      const erasable = await earlyErasure.allowed(current.session);
      return reply.type(HTML).send(
        submissionPage(
          { locale, currentPath: request.url },
          {
            session: current.session,
            csrf: current.csrf,
            opened,
            history,
            receiptOffered: receipt !== undefined,
            erasable,
            providerLabel,
            statusChanged: request.query.geaendert === '1',
          },
        ),
      );
    },
  );

  // An uploaded file (ADR 0018): only as a download, never rendered by the browser, never cached.
  app.get<{ Params: { id: string; file: string } }>(
    '/staff/submissions/:id/dateien/:file',
    async (request, reply) => {
      const current = await requireStaff(request, reply);
      if (!current) return reply;
      if (!UUID.test(request.params.id) || !UUID.test(request.params.file))
        throw new NotFoundError('attachment');
      const { meta, content } = await casework.attachment(
        current.session,
        request.params.id,
        request.params.file,
      );
      request.log.info({ event: 'attachment.downloaded', attachment: meta.id }, 'attachment downloaded');
      return reply
        .type(meta.mediaType)
        .header('content-disposition', contentDisposition(meta.name))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(Buffer.from(content));
    },
  );

  // The same sealed receipt the citizen downloads (ADR 0032); every download is audited.
  app.get<{ Params: { id: string } }>(
    '/staff/submissions/:id/eingangsbestaetigung.pdf',
    async (request, reply) => {
      const current = await requireStaff(request, reply);
      if (!current) return reply;
      if (!UUID.test(request.params.id)) throw new NotFoundError('submission');
      const receipt = await receipts.forCaseworker(current.session, request.params.id);
      request.log.info({ event: 'receipt.downloaded', submission: request.params.id }, 'receipt downloaded');
      return sendReceipt(reply, receipt);
    },
  );

  app.post<{ Params: { id: string } }>('/staff/submissions/:id/status', async (request, reply) => {
    const current = await requireStaffPost(request, reply);
    if (!current) return reply;
    if (!UUID.test(request.params.id)) throw new NotFoundError('submission');
    // Changed meanwhile by someone else: the error page leads back to the application as it is now.
    offerOnError(request, {
      href: `/staff/submissions/${request.params.id}`,
      label: 'error.next.application',
    });
    const body = formFields(request);
    const from = single(body.from);
    const to = single(body.to);
    if (!isSubmissionStatus(from) || !isSubmissionStatus(to))
      throw new BadRequestError('unknown status code');
    await casework.changeStatus(current.session, request.params.id, from, to);
    return reply.redirect(`/staff/submissions/${request.params.id}?geaendert=1`, 303);
  });
}
