/**
 * The Verwaltung's page of the network with other installations (ADR 0054). `Federation` checks
 * the roles: every admin sees the subscriptions; only the admins of the federation municipality
 * (`AMTSWEG_FEDERATION_ADMINS`) subscribe, synchronise and end a subscription. Every change is a
 * CSRF-checked POST answered with a redirect (303), or the page again with its problem (400).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../core/errors.ts';
import type { FederationFeed } from '../../core/federation/feed.ts';
import type { Federation } from '../../core/federation/subscriptions.ts';
import { formFields } from '../form-body.ts';
import { localeOf, single } from '../request-context.ts';
import type { CurrentStaff, StaffSessions } from '../staff-session.ts';
import { FEDERATION_PATH, type FederationPageInput, federationPage } from '../views/federation.ts';
import type { StaffPage } from '../views/staff.ts';

const HTML = 'text/html; charset=utf-8';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DONE = ['subscribed', 'synced', 'unsubscribed'] as const;

export function registerFederationRoutes(
  app: FastifyInstance,
  federation: Federation,
  feed: FederationFeed,
  sessions: StaffSessions,
): void {
  const staffPage = (request: FastifyRequest): StaffPage => ({
    locale: localeOf(request),
    currentPath: request.url,
  });
  const subscriptionId = (id: string): string => {
    if (!UUID.test(id)) throw new NotFoundError('subscription');
    return id;
  };
  const render = async (
    request: FastifyRequest,
    staff: CurrentStaff,
    more: Partial<FederationPageInput> = {},
  ): Promise<string> => {
    const [subscriptions, mayManage, own] = await Promise.all([
      federation.list(staff.session),
      federation.mayManage(staff.session),
      feed.description(),
    ]);
    const current = own.keys.keys.find((k) => !own.retired.some((r) => r.kid === k.kid));
    return federationPage(
      staffPage(request),
      { session: staff.session, csrf: staff.csrf },
      {
        own: { name: own.name, operator: own.operator, feed: own.feed, kid: current?.kid ?? '' },
        subscriptions,
        mayManage,
        ...more,
      },
    );
  };

  app.get<{ Querystring: { erledigt?: string } }>(FEDERATION_PATH, async (request, reply) => {
    const staff = await sessions.require(request, reply);
    if (!staff) return reply;
    const done = DONE.find((d) => d === single(request.query.erledigt));
    return reply.type(HTML).send(await render(request, staff, { done }));
  });

  app.post(FEDERATION_PATH, async (request, reply) => {
    const staff = await sessions.requirePost(request, reply);
    if (!staff) return reply;
    const form = formFields(request);
    const values = { feed: single(form.feed) ?? '', kid: single(form.schluessel) ?? '' };
    const outcome = await federation.subscribe(staff.session, values.feed, values.kid);
    if (!outcome.ok) {
      const shown = { feed: values.feed.slice(0, 2100), kid: values.kid.slice(0, 100) };
      return reply
        .code(outcome.problem === 'taken' ? 409 : 400)
        .type(HTML)
        .send(await render(request, staff, { values: shown, problem: outcome }));
    }
    request.log.info(
      { event: 'federation.subscribed', subscription: outcome.subscription.id, outcome: outcome.report.kind },
      'feed subscribed',
    );
    return reply.redirect(`${FEDERATION_PATH}?erledigt=subscribed#abonnements`, 303);
  });

  app.post<{ Params: { id: string } }>(`${FEDERATION_PATH}/:id/synchronisieren`, async (request, reply) => {
    const staff = await sessions.requirePost(request, reply);
    if (!staff) return reply;
    const report = await federation.syncNow(staff.session, subscriptionId(request.params.id));
    request.log.info(
      { event: 'federation.synced', subscription: request.params.id, outcome: report.kind },
      'feed synchronised',
    );
    return reply.redirect(`${FEDERATION_PATH}?erledigt=synced#abonnements`, 303);
  });

  app.post<{ Params: { id: string } }>(`${FEDERATION_PATH}/:id/beenden`, async (request, reply) => {
    const staff = await sessions.requirePost(request, reply);
    if (!staff) return reply;
    const ended = await federation.unsubscribe(staff.session, subscriptionId(request.params.id));
    if (!ended) throw new NotFoundError('subscription');
    return reply.redirect(`${FEDERATION_PATH}?erledigt=unsubscribed`, 303);
  });
}
