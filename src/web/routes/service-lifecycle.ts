/**
 * A published service's page in the Service-Design area, `/staff/design/leistungen/{slug}`: take it
 * offline and back, publish an earlier version's content again, delete it while it has no
 * application. The tenant comes from the staff session; `ServiceLifecycle` checks the designer role.
 * Every change is a CSRF-checked POST answered with a redirect (303) to the page with a notice.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CatalogCopies } from '../../core/catalog-copies.ts';
import { NotFoundError } from '../../core/errors.ts';
import type { ServiceLifecycle } from '../../core/service-lifecycle.ts';
import { SLUG_PATTERN } from '../../definition/schema.ts';
import { formFields } from '../form-body.ts';
import { BadRequestError } from '../http-errors.ts';
import type { MessageKey } from '../i18n.ts';
import { localeOf, single } from '../request-context.ts';
import type { StaffSessions } from '../staff-session.ts';
import { servicePage } from '../views/service-lifecycle.ts';
import { versionComparePage } from '../views/version-compare.ts';

const HTML = 'text/html; charset=utf-8';
const SLUG = new RegExp(SLUG_PATTERN);

/** The notices a redirect may ask for, by their query value. */
const DONE: Record<string, MessageKey> = {
  offline: 'lifecycle.withdraw.done',
  online: 'lifecycle.reinstate.done',
  katalog: 'network.offer.done',
};
/** A version number as a form or URL gives it. */
const VERSION = /^[1-9]\d{0,8}$/;

interface SlugParams {
  slug: string;
}

export function registerServiceLifecycleRoutes(
  app: FastifyInstance,
  lifecycle: ServiceLifecycle,
  copies: CatalogCopies,
  sessions: StaffSessions,
): void {
  const staffPage = (request: FastifyRequest) => ({ locale: localeOf(request), currentPath: request.url });
  const slugOf = (slug: string): string => {
    if (slug.length > 80 || !SLUG.test(slug)) throw new NotFoundError('service');
    return slug;
  };
  const base = (slug: string) => `/staff/design/leistungen/${slug}`;

  app.get<{ Params: SlugParams; Querystring: { erledigt?: string } }>(
    '/staff/design/leistungen/:slug',
    async (request, reply) => {
      const staff = await sessions.require(request, reply);
      if (!staff) return reply;
      const slug = slugOf(request.params.slug);
      const [overview, provenance] = await Promise.all([
        lifecycle.overview(staff.session, slug),
        copies.provenance(staff.session, slug),
      ]);
      const done = DONE[single(request.query.erledigt) ?? ''];
      return reply.type(HTML).send(servicePage(staffPage(request), { ...staff, overview, done, provenance }));
    },
  );

  // Any two published versions as the readable diff (from the form on the service's page).
  app.get<{ Params: SlugParams; Querystring: { von?: string; bis?: string } }>(
    '/staff/design/leistungen/:slug/vergleich',
    async (request, reply) => {
      const staff = await sessions.require(request, reply);
      if (!staff) return reply;
      const from = single(request.query.von) ?? '';
      const to = single(request.query.bis) ?? '';
      if (!VERSION.test(from) || !VERSION.test(to)) {
        throw new BadRequestError('choose two version numbers to compare (von, bis)');
      }
      const comparison = await lifecycle.compare(
        staff.session,
        slugOf(request.params.slug),
        Number(from),
        Number(to),
      );
      return reply.type(HTML).send(versionComparePage(staffPage(request), { ...staff, comparison }));
    },
  );

  for (const [path, offline] of [
    ['offline', true],
    ['online', false],
  ] as const) {
    app.post<{ Params: SlugParams }>(`/staff/design/leistungen/:slug/${path}`, async (request, reply) => {
      const staff = await sessions.requirePost(request, reply);
      if (!staff) return reply;
      const slug = slugOf(request.params.slug);
      if (await lifecycle.setOffline(staff.session, slug, offline)) {
        request.log.info(
          { event: offline ? 'service.withdrawn' : 'service.reinstated', service: slug },
          'service state',
        );
      }
      return reply.redirect(`${base(slug)}?erledigt=${path}`, 303);
    });
  }

  app.post<{ Params: SlugParams & { version: string } }>(
    '/staff/design/leistungen/:slug/versionen/:version/erneut',
    async (request, reply) => {
      const staff = await sessions.requirePost(request, reply);
      if (!staff) return reply;
      const version = Number(request.params.version);
      if (!VERSION.test(request.params.version)) throw new NotFoundError('service version');
      const candidate = await lifecycle.republish(staff.session, slugOf(request.params.slug), version);
      return reply.redirect(`/staff/design/uploads/${candidate.id}?neu=1`, 303);
    },
  );

  app.post<{ Params: SlugParams }>('/staff/design/leistungen/:slug/loeschen', async (request, reply) => {
    const staff = await sessions.requirePost(request, reply);
    if (!staff) return reply;
    const slug = slugOf(request.params.slug);
    const typed = single(formFields(request).kennung) ?? '';
    const outcome = await lifecycle.delete(staff.session, slug, typed);
    if (outcome.kind === 'deleted') {
      request.log.info({ event: 'service.deleted', service: slug }, 'service deleted');
      return reply.redirect(`/staff/design?geloescht=${slug}`, 303);
    }
    const [overview, provenance] = await Promise.all([
      lifecycle.overview(staff.session, slug),
      copies.provenance(staff.session, slug),
    ]);
    return reply
      .code(outcome.kind === 'has-submissions' ? 409 : 400)
      .type(HTML)
      .send(
        servicePage(staffPage(request), {
          ...staff,
          overview,
          provenance,
          deleteError: outcome.kind === 'has-submissions' ? 'has-submissions' : 'mismatch',
          deleteTyped: typed.slice(0, 100),
        }),
      );
  });
}
