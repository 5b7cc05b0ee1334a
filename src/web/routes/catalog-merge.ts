/**
 * Merging a copy's upstream improvement in Service-Design (ADR 0044, 0045): start the merge
 * ("Änderungen übernehmen"), see it, and decide its conflicts. The use case checks the designer
 * role; another municipality's service is the same 404 as none. Every change is a CSRF-checked
 * POST answered with a redirect (303); a draft changed meanwhile or a stale page is a 409 and a
 * decision that cannot be read a 400, both with nothing changed.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CatalogMerges, Decision } from '../../core/catalog-merge.ts';
import { NotFoundError } from '../../core/errors.ts';
import { SLUG_PATTERN } from '../../definition/schema.ts';
import { type FormFields, formFields } from '../form-body.ts';
import { t } from '../i18n.ts';
import { localeOf, single } from '../request-context.ts';
import type { StaffSessions } from '../staff-session.ts';
import { type MergePageInput, mergePage, mergePath } from '../views/catalog-merge.ts';
import { messagePage } from '../views/layout.ts';

const HTML = 'text/html; charset=utf-8';
const SLUG = new RegExp(SLUG_PATTERN);
/** More conflicts than a page could show are not read. */
const MAX_DECISIONS = 1000;
const TAKES = new Set(['ours', 'theirs', 'edit']);

interface SlugParams {
  slug: string;
}

type Posted = NonNullable<MergePageInput['posted']>;
type ReadDecisions =
  | { ok: true; decisions: Decision[]; posted: Posted }
  | { ok: false; errors: NonNullable<MergePageInput['errors']>; posted: Posted };

/** The decisions of the posted form: `k<i>` names a conflict, `w<i>` the choice, `e<i>-de|en` an edit. */
export function readDecisions(body: FormFields): ReadDecisions {
  const decisions: Decision[] = [];
  const errors: NonNullable<MergePageInput['errors']>[number][] = [];
  const posted = new Map<string, { take?: string; de?: string; en?: string }>();
  for (let i = 0; i < MAX_DECISIONS; i++) {
    const id = single(body[`k${i}`]);
    if (id === undefined) break;
    const take = single(body[`w${i}`]);
    const de = single(body[`e${i}-de`]);
    const en = single(body[`e${i}-en`]);
    posted.set(id, {
      ...(take !== undefined && { take }),
      ...(de !== undefined && { de: de.slice(0, 2000) }),
      ...(en !== undefined && { en: en.slice(0, 2000) }),
    });
    // Not chosen: the conflict stays open, our value kept.
    if (take === undefined || take === '') continue;
    if (!TAKES.has(take)) {
      errors.push({ id, code: 'badChoice' });
      continue;
    }
    if (take === 'edit') {
      if (!de?.trim()) {
        errors.push({ id, code: 'editMissing' });
        continue;
      }
      decisions.push({ id, take, text: { de, ...(en !== undefined && { en }) } });
    } else decisions.push({ id, take: take as 'ours' | 'theirs' });
  }
  return errors.length > 0 ? { ok: false, errors, posted } : { ok: true, decisions, posted };
}

export function registerCatalogMergeRoutes(
  app: FastifyInstance,
  merges: CatalogMerges,
  sessions: StaffSessions,
): void {
  const staffPage = (request: FastifyRequest) => ({ locale: localeOf(request), currentPath: request.url });
  const slugOf = (slug: string): string => {
    if (slug.length > 80 || !SLUG.test(slug)) throw new NotFoundError('service');
    return slug;
  };

  app.post<{ Params: SlugParams }>(
    '/staff/design/leistungen/:slug/zusammenfuehren',
    async (request, reply) => {
      const staff = await sessions.requirePost(request, reply);
      if (!staff) return reply;
      const slug = slugOf(request.params.slug);
      const outcome = await merges.start(staff.session, slug);
      if (outcome.kind === 'started') {
        request.log.info({ event: 'catalog.mergeStarted', service: slug }, 'catalog merge');
        return reply.redirect(`${mergePath(slug)}?begonnen=1`, 303);
      }
      // The draft was saved while the merge ran: nothing changed. With an earlier merge of the
      // service, its page says so; without one, a page with the way back.
      const page = await merges.page(staff.session, slug).catch((error: unknown) => {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      });
      const l = localeOf(request);
      const refused = page
        ? mergePage(staffPage(request), { ...staff, page, refused: 'draft-changed' })
        : messagePage(l, request.url, t(l, 'catalogMerge.changed.title'), t(l, 'catalogMerge.changed.body'), {
            next: { href: `/staff/design/leistungen/${slug}`, label: t(l, 'catalogMerge.back') },
          });
      return reply.code(409).type(HTML).send(refused);
    },
  );

  app.get<{ Params: SlugParams; Querystring: { begonnen?: string; gespeichert?: string } }>(
    '/staff/design/leistungen/:slug/zusammenfuehren',
    async (request, reply) => {
      const staff = await sessions.require(request, reply);
      if (!staff) return reply;
      const page = await merges.page(staff.session, slugOf(request.params.slug));
      return reply.type(HTML).send(
        mergePage(staffPage(request), {
          ...staff,
          page,
          started: request.query.begonnen === '1',
          saved: request.query.gespeichert === '1',
        }),
      );
    },
  );

  app.post<{ Params: SlugParams }>(
    '/staff/design/leistungen/:slug/zusammenfuehren/entscheiden',
    async (request, reply) => {
      const staff = await sessions.requirePost(request, reply);
      if (!staff) return reply;
      const slug = slugOf(request.params.slug);
      const body = formFields(request);
      const version = Number(single(body.version));
      const read = readDecisions(body);
      const again = async (code: number, extra: Partial<MergePageInput>) => {
        const page = await merges.page(staff.session, slug);
        return reply
          .code(code)
          .type(HTML)
          .send(mergePage(staffPage(request), { ...staff, page, posted: read.posted, ...extra }));
      };
      if (!read.ok) return again(400, { errors: read.errors });
      if (!Number.isSafeInteger(version) || version < 1) return again(409, { refused: 'draft-changed' });
      const outcome = await merges.decide(staff.session, slug, version, read.decisions);
      switch (outcome.kind) {
        case 'saved':
          request.log.info(
            { event: 'catalog.mergeDecided', service: slug, open: outcome.open },
            'catalog merge',
          );
          return reply.redirect(`${mergePath(slug)}?gespeichert=1#konflikte`, 303);
        case 'draft-changed':
          return again(409, { refused: 'draft-changed' });
        case 'unknown-conflict':
          return again(409, { refused: 'stale' });
        case 'invalid':
          return again(400, { errors: outcome.ids.map((id) => ({ id, code: 'editMissing' as const })) });
      }
    },
  );
}
