/**
 * Verwaltung pages of delivery (ADR 0034): the deliveries with problems and "erneut senden", and
 * the built-in mail sink's "Postausgang". The use cases (`Deliveries`) check the admin role and take
 * the tenant from the session; another municipality's ids answer 404. The resend form is
 * CSRF-checked (`requirePost`) and answers with a 303 redirect.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deliveries } from '../../core/delivery/deliveries.ts';
import { localeOf, single } from '../request-context.ts';
import type { CurrentStaff, StaffSessions } from '../staff-session.ts';
import { deliveryProblemsPage, sentMailPage, sentMailsPage } from '../views/admin-delivery.ts';
import type { StaffPage } from '../views/staff.ts';

const HTML = 'text/html; charset=utf-8';

export function registerAdminDeliveryRoutes(
  app: FastifyInstance,
  deliveries: Deliveries,
  sessions: StaffSessions,
  options: { usesMailSink: boolean },
): void {
  const staffPage = (request: FastifyRequest): StaffPage => ({
    locale: localeOf(request),
    currentPath: request.url,
  });
  const frame = (staff: CurrentStaff) => ({ session: staff.session, csrf: staff.csrf });

  app.get<{ Querystring: { erneut?: string } }>('/staff/admin/zustellung', async (request, reply) => {
    const staff = await sessions.require(request, reply);
    if (!staff) return reply;
    const problems = await deliveries.problems(staff.session);
    return reply.type(HTML).send(
      deliveryProblemsPage(staffPage(request), frame(staff), {
        problems,
        resent: single(request.query.erneut) === '1',
        usesSink: options.usesMailSink,
      }),
    );
  });

  app.post<{ Params: { id: string } }>(
    '/staff/admin/zustellung/:id/erneut-senden',
    async (request, reply) => {
      const staff = await sessions.requirePost(request, reply);
      if (!staff) return reply;
      // False when it was delivered meanwhile: the list no longer shows it, which says enough.
      const resent = await deliveries.resend(staff.session, request.params.id);
      request.log.info({ event: 'delivery.resent', id: request.params.id, resent }, 'delivery sent again');
      return reply.redirect('/staff/admin/zustellung?erneut=1', 303);
    },
  );

  app.get<{ Querystring: { seite?: string } }>('/staff/admin/postausgang', async (request, reply) => {
    const staff = await sessions.require(request, reply);
    if (!staff) return reply;
    const typed = Number(single(request.query.seite) ?? '1');
    const page = Number.isInteger(typed) && typed >= 1 && typed <= 100_000 ? typed : 1;
    const mails = await deliveries.sentMails(staff.session, page);
    return reply.type(HTML).send(sentMailsPage(staffPage(request), frame(staff), mails));
  });

  app.get<{ Params: { id: string } }>('/staff/admin/postausgang/:id', async (request, reply) => {
    const staff = await sessions.require(request, reply);
    if (!staff) return reply;
    const mail = await deliveries.sentMail(staff.session, request.params.id);
    return reply.type(HTML).send(sentMailPage(staffPage(request), frame(staff), mail));
  });
}
