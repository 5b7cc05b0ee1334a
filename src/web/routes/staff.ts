import type { FastifyInstance } from 'fastify';
import type { Casework } from '../../core/casework.ts';
import type { SubmissionStatus } from '../../core/domain.ts';
import { NotFoundError } from '../../core/errors.ts';
import type { StaffAuth } from '../../core/staff-auth.ts';
import { isSubmissionStatus } from '../../core/status.ts';
import { BadRequestError, CsrfError } from '../http-errors.ts';
import {
  browserSession,
  csrfToken,
  csrfValid,
  existingBrowserSession,
  localeOf,
  STAFF_COOKIE,
  single,
  type WebSecurity,
} from '../request-context.ts';
import { staffHome, staffSessions } from '../staff-session.ts';
import { inboxPage, loginPage, submissionPage } from '../views/staff.ts';

const HTML = 'text/html; charset=utf-8';
const PAGE_SIZE = 20;
const LOGIN_PURPOSE = 'staff-login';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * `attachment` with a file name no header can be broken with: an ASCII fallback (`filename`) and
 * the real name UTF-8-encoded (`filename*`, RFC 6266 / 8187) for "Fahrzeugschein Rückseite.jpg".
 */
export function contentDisposition(name: string): string {
  const ascii =
    name
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\;%]/g, '_')
      .trim() || 'datei';
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Caseworker pages under /staff. The tenant always comes from the session, never from the URL. */
export function registerStaffRoutes(
  app: FastifyInstance,
  auth: StaffAuth,
  casework: Casework,
  security: WebSecurity,
): void {
  const cookieOptions = {
    path: '/staff',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: security.secureCookies,
  };

  const sessions = staffSessions(auth, security);
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
    const token = existingBrowserSession(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (!token || !csrfValid(security, LOGIN_PURPOSE, token, body._csrf)) throw new CsrfError();
    const username = single(body.username)?.trim() ?? '';
    const password = single(body.password) ?? '';
    const again = (error: 'failed' | 'missing') =>
      reply
        .code(error === 'failed' ? 401 : 400)
        .type(HTML)
        .send(
          loginPage(
            { locale: localeOf(request), currentPath: request.url },
            { csrf: csrfToken(security, LOGIN_PURPOSE, token), username, error },
          ),
        );
    if (!username || !password) return again('missing');
    const result = await auth.login(username, password);
    if (!result) {
      request.log.info({ event: 'staff.login_failed' }, 'staff login failed');
      return again('failed');
    }
    reply.setCookie(STAFF_COOKIE, result.token, cookieOptions);
    return reply.redirect(staffHome(result.session), 303);
  });

  app.post('/staff/logout', async (request, reply) => {
    const current = await requireStaffPost(request, reply);
    if (!current) return reply;
    await auth.logout(current.token);
    reply.clearCookie(STAFF_COOKIE, cookieOptions);
    return reply.redirect('/staff/login', 303);
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
      return reply.type(HTML).send(
        submissionPage(
          { locale, currentPath: request.url },
          {
            session: current.session,
            csrf: current.csrf,
            opened,
            history,
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

  app.post<{ Params: { id: string } }>('/staff/submissions/:id/status', async (request, reply) => {
    const current = await requireStaffPost(request, reply);
    if (!current) return reply;
    if (!UUID.test(request.params.id)) throw new NotFoundError('submission');
    const body = request.body as Record<string, unknown>;
    const from = single(body.from);
    const to = single(body.to);
    if (!isSubmissionStatus(from) || !isSubmissionStatus(to))
      throw new BadRequestError('unknown status code');
    await casework.changeStatus(current.session, request.params.id, from, to);
    return reply.redirect(`/staff/submissions/${request.params.id}?geaendert=1`, 303);
  });
}
