/**
 * Deleting one application before its deadline (ADR 0039). Admins find it by reference number
 * (they do not see applications), caseworkers reach it from the application where the municipality
 * allows it; both confirm on one page with a chosen reason. `EarlyErasure` checks who may, and the
 * tenant comes from the session: another municipality's ids and references answer 404. The
 * deletion is CSRF-checked (`requirePost`) and answers with a 303 redirect.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../core/errors.ts';
import type { EarlyErasure } from '../../core/retention/early-erasure.ts';
import { isEarlyErasureReason } from '../../core/retention/erase-submission.ts';
import { hasRole } from '../../core/roles.ts';
import { formFields } from '../form-body.ts';
import { t } from '../i18n.ts';
import { localeOf, single } from '../request-context.ts';
import type { StaffSessions } from '../staff-session.ts';
import { ERASURE_SEARCH_PATH, erasureConfirmPage, erasureSearchPage } from '../views/early-erasure.ts';
import { messagePage } from '../views/layout.ts';
import type { StaffPage } from '../views/staff.ts';

const HTML = 'text/html; charset=utf-8';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DONE_PATH = '/staff/geloescht';

export function registerEarlyErasureRoutes(
  app: FastifyInstance,
  erasure: EarlyErasure,
  sessions: StaffSessions,
): void {
  const staffPage = (request: FastifyRequest): StaffPage => ({
    locale: localeOf(request),
    currentPath: request.url,
  });

  app.get<{ Querystring: { aktenzeichen?: string; geloescht?: string } }>(
    ERASURE_SEARCH_PATH,
    async (request, reply) => {
      const staff = await sessions.require(request, reply);
      if (!staff) return reply;
      const typed = single(request.query.aktenzeichen);
      const frame = {
        session: staff.session,
        csrf: staff.csrf,
        deleted: single(request.query.geloescht) === '1',
      };
      if (typed === undefined) {
        await erasure.require(staff.session);
        return reply.type(HTML).send(erasureSearchPage(staffPage(request), { ...frame, typed: '' }));
      }
      if (typed.trim() === '') {
        reply.code(400);
        return reply
          .type(HTML)
          .send(erasureSearchPage(staffPage(request), { ...frame, typed, error: 'erasure.search.empty' }));
      }
      const found = await erasure.findByReference(staff.session, typed);
      if (!found) {
        reply.code(404);
        return reply
          .type(HTML)
          .send(erasureSearchPage(staffPage(request), { ...frame, typed, error: 'erasure.search.notFound' }));
      }
      return reply.redirect(`/staff/submissions/${found.id}/loeschen`, 303);
    },
  );

  app.get<{ Params: { id: string } }>('/staff/submissions/:id/loeschen', async (request, reply) => {
    const staff = await sessions.require(request, reply);
    if (!staff) return reply;
    if (!UUID.test(request.params.id)) throw new NotFoundError('submission');
    const summary = await erasure.summary(staff.session, request.params.id);
    return reply
      .type(HTML)
      .send(erasureConfirmPage(staffPage(request), { session: staff.session, csrf: staff.csrf, summary }));
  });

  app.post<{ Params: { id: string } }>('/staff/submissions/:id/loeschen', async (request, reply) => {
    const staff = await sessions.requirePost(request, reply);
    if (!staff) return reply;
    if (!UUID.test(request.params.id)) throw new NotFoundError('submission');
    const reason = single(formFields(request).grund);
    if (!isEarlyErasureReason(reason)) {
      const summary = await erasure.summary(staff.session, request.params.id);
      reply.code(400);
      return reply.type(HTML).send(
        erasureConfirmPage(staffPage(request), {
          session: staff.session,
          csrf: staff.csrf,
          summary,
          reason,
          error: 'erasure.reason.missing',
        }),
      );
    }
    const outcome = await erasure.erase(staff.session, request.params.id, reason);
    if (outcome === 'archive-missing') {
      const summary = await erasure.summary(staff.session, request.params.id);
      reply.code(409);
      return reply.type(HTML).send(
        erasureConfirmPage(staffPage(request), {
          session: staff.session,
          csrf: staff.csrf,
          summary,
          reason,
          error: 'erasure.archiveMissing',
        }),
      );
    }
    // The log names neither the application nor its reference: only that one was deleted.
    request.log.info(
      { event: 'submission.deleted', cause: 'early', reason, outcome },
      'application deleted early',
    );
    return reply.redirect(
      hasRole(staff.session, 'admin') ? `${ERASURE_SEARCH_PATH}?geloescht=1` : DONE_PATH,
      303,
    );
  });

  app.get(DONE_PATH, async (request, reply) => {
    const staff = await sessions.require(request, reply);
    if (!staff) return reply;
    const l = localeOf(request);
    return reply.type(HTML).send(
      messagePage(l, request.url, t(l, 'erasure.done.title'), t(l, 'erasure.done'), {
        homeHref: '/staff/inbox',
        next: { href: '/staff/inbox', label: t(l, 'erasure.done.toInbox') },
      }),
    );
  });
}
