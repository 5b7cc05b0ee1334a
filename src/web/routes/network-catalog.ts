/**
 * The network catalog in Service-Design (ADR 0043, 0044): search, an entry with its comments and
 * **Übernehmen**, offering a published service, and the page of a newer upstream version of a copy.
 * The use cases check the designer role; every change is a CSRF-checked POST answered with a
 * redirect (303), or the form again with its problems (400).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { NetworkCatalog } from '../../core/catalog.ts';
import type { CatalogCopies } from '../../core/catalog-copies.ts';
import { NotFoundError } from '../../core/errors.ts';
import type { LeikaCatalogue } from '../../core/leika/catalogue.ts';
import { SLUG_PATTERN } from '../../definition/schema.ts';
import { formFields } from '../form-body.ts';
import { localeOf, single } from '../request-context.ts';
import type { StaffSessions } from '../staff-session.ts';
import { upstreamPage } from '../views/catalog-upstream.ts';
import {
  CATALOG_PATH,
  catalogEntryPage,
  catalogSearchPage,
  entryPath,
  offerFormPage,
} from '../views/network-catalog.ts';

const HTML = 'text/html; charset=utf-8';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SLUG = new RegExp(SLUG_PATTERN);
/** A search longer than this is cut: the terms are words, and only so many count. */
const MAX_QUERY = 200;
const OFFER_FIELDS = ['leika', 'topic', 'land', 'description', 'licence', 'contact', 'experience'] as const;

interface IdParams {
  id: string;
}
interface SlugParams {
  slug: string;
}

export function registerCatalogRoutes(
  app: FastifyInstance,
  catalog: NetworkCatalog,
  copies: CatalogCopies,
  sessions: StaffSessions,
  leika: LeikaCatalogue,
): void {
  const staffPage = (request: FastifyRequest) => ({ locale: localeOf(request), currentPath: request.url });
  const entryId = (id: string): string => {
    if (!UUID.test(id)) throw new NotFoundError('catalog entry');
    return id;
  };
  const slugOf = (slug: string): string => {
    if (slug.length > 80 || !SLUG.test(slug)) throw new NotFoundError('service');
    return slug;
  };

  app.get<{ Querystring: { q?: string } }>(CATALOG_PATH, async (request, reply) => {
    const staff = await sessions.require(request, reply);
    if (!staff) return reply;
    const query = (single(request.query.q) ?? '').trim().slice(0, MAX_QUERY);
    const [entries, remote] = await Promise.all([
      catalog.search(staff.session, query),
      catalog.searchRemote(staff.session, query),
    ]);
    const leikaNames = await leika.names([...entries, ...remote].map((e) => e.leika));
    return reply
      .type(HTML)
      .send(catalogSearchPage(staffPage(request), { ...staff, query, entries, remote, leikaNames }));
  });

  app.get<{ Params: IdParams; Querystring: { kommentiert?: string } }>(
    `${CATALOG_PATH}/:id`,
    async (request, reply) => {
      const staff = await sessions.require(request, reply);
      if (!staff) return reply;
      const page = await catalog.entry(staff.session, entryId(request.params.id));
      return reply.type(HTML).send(
        catalogEntryPage(staffPage(request), {
          ...staff,
          page,
          leikaNames: await leika.names([page.entry.leika]),
          commented: request.query.kommentiert === '1',
        }),
      );
    },
  );

  app.post<{ Params: IdParams }>(`${CATALOG_PATH}/:id/kommentare`, async (request, reply) => {
    const staff = await sessions.requirePost(request, reply);
    if (!staff) return reply;
    const id = entryId(request.params.id);
    const text = single(formFields(request).kommentar) ?? '';
    const outcome = await catalog.comment(staff.session, id, text);
    if (outcome.ok) return reply.redirect(`${entryPath(id)}?kommentiert=1#kommentare`, 303);
    const page = await catalog.entry(staff.session, id);
    return reply
      .code(400)
      .type(HTML)
      .send(
        catalogEntryPage(staffPage(request), {
          ...staff,
          page,
          leikaNames: await leika.names([page.entry.leika]),
          comment: text.slice(0, 2100),
          commentError: outcome.code,
        }),
      );
  });

  app.post<{ Params: IdParams }>(`${CATALOG_PATH}/:id/uebernehmen`, async (request, reply) => {
    const staff = await sessions.requirePost(request, reply);
    if (!staff) return reply;
    const id = entryId(request.params.id);
    const slug = single(formFields(request).kennung) ?? '';
    const outcome = await copies.copy(staff.session, id, slug);
    if (outcome.ok) {
      request.log.info({ event: 'catalog.copied', entry: id, service: outcome.draft.slug }, 'catalog copy');
      return reply.redirect(`/staff/design/entwuerfe/${outcome.draft.id}?uebernommen=1`, 303);
    }
    const page = await catalog.entry(staff.session, id);
    return reply
      .code(outcome.reason === 'slug-taken' ? 409 : 400)
      .type(HTML)
      .send(
        catalogEntryPage(staffPage(request), {
          ...staff,
          page,
          leikaNames: await leika.names([page.entry.leika]),
          slug: slug.slice(0, 100),
          copyError: outcome.reason,
        }),
      );
  });

  app.get<{ Params: SlugParams }>('/staff/design/leistungen/:slug/katalog', async (request, reply) => {
    const staff = await sessions.require(request, reply);
    if (!staff) return reply;
    const page = await catalog.offerPage(staff.session, slugOf(request.params.slug));
    const leikaNames = await leika.names([page.entry?.leika ?? page.live.definition.leikaKey]);
    return reply.type(HTML).send(offerFormPage(staffPage(request), { ...staff, page, leikaNames }));
  });

  app.post<{ Params: SlugParams }>('/staff/design/leistungen/:slug/katalog', async (request, reply) => {
    const staff = await sessions.requirePost(request, reply);
    if (!staff) return reply;
    const slug = slugOf(request.params.slug);
    const body = formFields(request);
    const form = Object.fromEntries(OFFER_FIELDS.map((f) => [f, single(body[f]) ?? '']));
    const outcome = await catalog.offer(staff.session, slug, form);
    if (outcome.ok) {
      request.log.info({ event: 'catalog.offered', service: slug, entry: outcome.entryId }, 'catalog offer');
      return reply.redirect(`/staff/design/leistungen/${slug}?erledigt=katalog#katalog`, 303);
    }
    const page = await catalog.offerPage(staff.session, slug);
    const values = Object.fromEntries(OFFER_FIELDS.map((f) => [f, (form[f] ?? '').slice(0, 2100)]));
    return reply
      .code(400)
      .type(HTML)
      .send(offerFormPage(staffPage(request), { ...staff, page, values, errors: outcome.errors }));
  });

  app.get<{ Params: SlugParams }>('/staff/design/leistungen/:slug/neue-version', async (request, reply) => {
    const staff = await sessions.require(request, reply);
    if (!staff) return reply;
    const page = await copies.upstream(staff.session, slugOf(request.params.slug));
    return reply.type(HTML).send(upstreamPage(staffPage(request), { ...staff, page }));
  });
}
