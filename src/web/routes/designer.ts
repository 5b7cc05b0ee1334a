/**
 * Service-Design pages under /staff/design (ADR 0016). The tenant comes from the staff session;
 * the use cases refuse accounts without the designer role. Staff pages are `no-store` (hook in
 * staff.ts). Uploads are multipart, parsed only in this plugin's scope with tight limits.
 */
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MAX_UPLOAD_BYTES, type ServiceDesign, type UploadRefusal } from '../../core/design.ts';
import type { ServiceVersion, Tenant } from '../../core/domain.ts';
import { NotFoundError } from '../../core/errors.ts';
import { MAX_FILE_BYTES } from '../../definition/types.ts';
import type { RawInput } from '../../engine/model.ts';
import { BadRequestError } from '../http-errors.ts';
import { t } from '../i18n.ts';
import { localeOf, single } from '../request-context.ts';
import type { CurrentStaff, StaffSessions } from '../staff-session.ts';
import { stepPage } from '../views/citizen.ts';
import {
  candidatePage,
  designHomePage,
  previewAllStepsPage,
  previewBanner,
  previewEndPage,
  withPreviewBanner,
} from '../views/designer.ts';
import type { StaffPage } from '../views/staff.ts';

const HTML = 'text/html; charset=utf-8';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The text inputs of a multipart preview step; files are drained unread. */
async function previewFields(
  request: FastifyRequest,
  checkCsrf: (token: unknown) => void,
): Promise<RawInput> {
  const raw: RawInput = {};
  try {
    for await (const part of request.parts({
      limits: { fileSize: MAX_FILE_BYTES, files: 10, fields: 2000, parts: 2010, fieldSize: 64 * 1024 },
    })) {
      if (part.type === 'file') {
        checkCsrf(raw._csrf);
        part.file.resume();
        continue;
      }
      const value = String(part.value);
      const previous = raw[part.fieldname];
      raw[part.fieldname] =
        previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
    }
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (/^FST_(PARTS|FILES|FIELDS)_LIMIT$|^FST_INVALID_MULTIPART|^FST_REQ_FILE_TOO_LARGE/.test(code))
      throw new BadRequestError(`multipart refused (${code})`);
    throw error;
  }
  checkCsrf(raw._csrf);
  return raw;
}

/** The name of the file input in the upload form. */
const FILE_FIELD = 'datei';

interface CandidateParams {
  id: string;
}
interface PreviewParams extends CandidateParams {
  slug: string;
  step: string;
}

export async function registerDesignerRoutes(
  app: FastifyInstance,
  design: ServiceDesign,
  sessions: StaffSessions,
): Promise<void> {
  const staffPage = (request: FastifyRequest): StaffPage => ({
    locale: localeOf(request),
    currentPath: request.url,
  });
  const candidateId = (id: string): string => {
    if (!UUID.test(id)) throw new NotFoundError('service candidate');
    return id;
  };

  app.get('/staff/design', async (request, reply) => {
    const staff = await sessions.require(request, reply);
    if (!staff) return reply;
    const overview = await design.overview(staff.session);
    return reply
      .type(HTML)
      .send(designHomePage(staffPage(request), { ...staff, ...overview, maxBytes: MAX_UPLOAD_BYTES }));
  });

  app.get<{ Params: CandidateParams; Querystring: { neu?: string; veroeffentlicht?: string } }>(
    '/staff/design/uploads/:id',
    async (request, reply) => {
      const staff = await sessions.require(request, reply);
      if (!staff) return reply;
      const details = await design.candidate(staff.session, candidateId(request.params.id));
      return reply.type(HTML).send(
        candidatePage(staffPage(request), {
          ...staff,
          details,
          firstStepId: details.candidate.definition.steps[0]?.id,
          justUploaded: request.query.neu === '1',
          justPublished: request.query.veroeffentlicht === '1',
        }),
      );
    },
  );

  // The checked definition as JSON: after a FIM import, designers edit it and upload it again.
  app.get<{ Params: CandidateParams & { file: string } }>(
    '/staff/design/uploads/:id/:file.json',
    async (request, reply) => {
      const staff = await sessions.require(request, reply);
      if (!staff) return reply;
      const { candidate } = await design.candidate(staff.session, candidateId(request.params.id));
      if (request.params.file !== candidate.slug) throw new NotFoundError('service candidate');
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${candidate.slug}.json"`)
        .send(`${JSON.stringify(candidate.definition, null, 2)}\n`);
    },
  );

  app.post<{ Params: CandidateParams }>('/staff/design/uploads/:id/publish', async (request, reply) => {
    const staff = await sessions.requirePost(request, reply);
    if (!staff) return reply;
    const id = candidateId(request.params.id);
    const outcome = await design.publish(staff.session, id);
    if (outcome.kind === 'refused' || outcome.kind === 'needs-second-designer') {
      const details = await design.candidate(staff.session, id);
      // The uploader may not publish under four eyes (403); a definition that fails is bad input.
      return reply
        .code(outcome.kind === 'refused' ? 400 : 403)
        .type(HTML)
        .send(
          candidatePage(staffPage(request), {
            ...staff,
            details,
            firstStepId: details.candidate.definition.steps[0]?.id,
            justUploaded: false,
            justPublished: false,
            ...(outcome.kind === 'refused'
              ? { publishRefused: outcome.problems }
              : { publishRefusedFourEyes: true }),
          }),
        );
    }
    if (outcome.kind === 'published') {
      request.log.info(
        { event: 'service.published', service: outcome.version.slug, version: outcome.version.version },
        'service published',
      );
    }
    // Already published (a double click): the page shows the version it became.
    return reply.redirect(
      `/staff/design/uploads/${id}${outcome.kind === 'published' ? '?veroeffentlicht=1' : ''}`,
      303,
    );
  });

  // ---- Preview: the citizens' pages, with a banner, validating but storing nothing. ----

  app.get<{ Params: CandidateParams }>('/staff/design/uploads/:id/vorschau', async (request, reply) => {
    const staff = await sessions.require(request, reply);
    if (!staff) return reply;
    const { candidate, model } = await design.preview(staff.session, candidateId(request.params.id));
    return reply.type(HTML).send(previewAllStepsPage(staffPage(request), { ...staff, candidate, model }));
  });

  app.get<{ Params: Omit<PreviewParams, 'step'> }>(
    '/staff/design/uploads/:id/vorschau/:slug',
    async (request, reply) => {
      const staff = await sessions.require(request, reply);
      if (!staff) return reply;
      const id = candidateId(request.params.id);
      const { candidate, model } = await design.preview(staff.session, id);
      if (request.params.slug !== candidate.slug) throw new NotFoundError('service candidate');
      // Starting the preview starts afresh.
      design.keepPreviewAnswers(staff.session, id, {});
      const first = model.applicableSteps({})[0];
      return reply.redirect(
        first
          ? `/staff/design/uploads/${id}/vorschau/${candidate.slug}/schritt/${first.id}`
          : `/staff/design/uploads/${id}`,
        303,
      );
    },
  );

  app.get<{ Params: Omit<PreviewParams, 'step'> }>(
    '/staff/design/uploads/:id/vorschau/:slug/ende',
    async (request, reply) => {
      const staff = await sessions.require(request, reply);
      if (!staff) return reply;
      const id = candidateId(request.params.id);
      const { candidate, model } = await design.preview(staff.session, id);
      if (request.params.slug !== candidate.slug) throw new NotFoundError('service candidate');
      const p = staffPage(request);
      const answers = design.previewAnswers(staff.session, id);
      const sections = model.summary(answers, p.locale);
      const problems = model.finalize(answers, design.engineContext()).errors.length;
      return reply
        .type(HTML)
        .send(previewEndPage(p, staff.session, staff.csrf, id, { sections, complete: problems === 0 }));
    },
  );

  /** The candidate dressed as the published version and tenant the citizen views expect. */
  const previewStep = async (request: FastifyRequest<{ Params: PreviewParams }>, staff: CurrentStaff) => {
    const locale = localeOf(request);
    const id = candidateId(request.params.id);
    const { candidate, model, tenant } = await design.preview(staff.session, id);
    const step = model.step(request.params.step);
    if (request.params.slug !== candidate.slug || !step) throw new NotFoundError('step');
    const previewBase = `/staff/design/uploads/${id}/vorschau`;
    // The citizen views build their URLs from the tenant's and the service's slug; these make
    // them point into the preview, so the form posts here and nothing reaches the live service.
    const previewTenant: Tenant = {
      ...tenant,
      slug: previewBase.slice(1),
      name: {
        de: t('de', 'design.preview.tenantName', { tenant: tenant.name.de }),
        en: t('en', 'design.preview.tenantName', { tenant: tenant.name.en ?? tenant.name.de }),
      },
    };
    const version: ServiceVersion = {
      id: candidate.id,
      tenantId: candidate.tenantId,
      serviceId: candidate.id,
      slug: candidate.slug,
      version: 0,
      definition: candidate.definition,
      publishedAt: candidate.uploadedAt,
    };
    // The answers typed so far in this preview, so conditions on earlier steps apply as they will
    // for citizens (kept in memory only, see ServiceDesign.previewAnswers).
    const answers = design.previewAnswers(staff.session, id);
    const previous = model.previousStep(step.id, answers);
    const backHref = previous
      ? `/${previewTenant.slug}/${candidate.slug}/schritt/${previous.id}`
      : `/staff/design/uploads/${candidate.id}`;
    return { candidate, model, step, previewTenant, version, locale, previewBase, backHref, answers };
  };

  app.get<{ Params: PreviewParams }>(
    '/staff/design/uploads/:id/vorschau/:slug/schritt/:step',
    async (request, reply) => {
      const staff = await sessions.require(request, reply);
      if (!staff) return reply;
      const ctx = await previewStep(request, staff);
      const { model, step, candidate } = ctx;
      const page = stepPage(
        { locale: ctx.locale, tenant: ctx.previewTenant, currentPath: request.url },
        {
          service: ctx.version,
          model,
          step,
          answers: ctx.answers,
          errors: [],
          moreQuestions: false,
          csrf: staff.csrf,
          backHref: ctx.backHref,
          returnToCheck: false,
          today: design.engineContext().today,
        },
      );
      return reply.type(HTML).send(withPreviewBanner(page, previewBanner(ctx.locale, candidate.id)));
    },
  );

  // ---- Upload: multipart only here, with limits that bound memory before anything is parsed. ----
  await app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 4, fieldSize: 1024, parts: 6, headerPairs: 50 },
    });

    scope.post<{ Params: PreviewParams }>(
      '/staff/design/uploads/:id/vorschau/:slug/schritt/:step',
      async (request, reply) => {
        // A step with a file field posts multipart: its text inputs are read, files are drained
        // unread (a preview stores nothing, ADR 0018), after the CSRF check of the form.
        const multipart = request.isMultipart();
        const staff = multipart
          ? await sessions.require(request, reply)
          : await sessions.requirePost(request, reply);
        if (!staff) return reply;
        const raw = multipart
          ? await previewFields(request, (token) => sessions.checkCsrf(staff, token))
          : ((request.body ?? {}) as RawInput);
        const ctx = await previewStep(request, staff);
        const { model, step, previewBase, candidate } = ctx;
        // Validated exactly as the citizen's step would be, with the preview's earlier answers.
        const result = model.submitStep(step.id, raw, ctx.answers, design.engineContext());
        if (result.errors.length === 0) {
          design.keepPreviewAnswers(staff.session, candidate.id, result.answers);
          const next = model.nextStep(step.id, result.answers);
          return reply.redirect(
            next
              ? `${previewBase}/${candidate.slug}/schritt/${next.id}`
              : `${previewBase}/${candidate.slug}/ende`,
            303,
          );
        }
        const shownBefore = new Set(model.visibleFields(step.id, ctx.answers).map((f) => f.key));
        for (const key of single(raw._aw_shown)?.split(',') ?? []) shownBefore.add(key);
        const errors = result.errors.filter((e) => shownBefore.has(e.key));
        const page = stepPage(
          { locale: ctx.locale, tenant: ctx.previewTenant, currentPath: request.url },
          {
            service: ctx.version,
            model,
            step,
            answers: result.answers,
            raw,
            errors,
            moreQuestions: errors.length === 0,
            csrf: staff.csrf,
            backHref: ctx.backHref,
            returnToCheck: false,
            today: design.engineContext().today,
          },
        );
        return reply
          .code(errors.length === 0 ? 200 : 400)
          .type(HTML)
          .send(withPreviewBanner(page, previewBanner(ctx.locale, candidate.id)));
      },
    );

    scope.post('/staff/design/upload', async (request, reply) => {
      const staff = await sessions.require(request, reply);
      if (!staff) return reply;
      if (!request.isMultipart()) throw new BadRequestError('the upload form is sent as multipart/form-data');
      let csrf: unknown;
      let file: { name: string; bytes: Uint8Array } | undefined;
      let tooLarge = false;
      try {
        for await (const part of request.parts()) {
          if (part.type === 'field') {
            if (part.fieldname === '_csrf') csrf = part.value;
            continue;
          }
          // Our form sends the CSRF token before the file: no file is read for a forged form.
          sessions.checkCsrf(staff, csrf);
          if (part.fieldname !== FILE_FIELD || file || tooLarge) {
            part.file.resume();
            continue;
          }
          try {
            file = { name: part.filename, bytes: await part.toBuffer() };
          } catch (error) {
            if ((error as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw error;
            tooLarge = true;
          }
        }
      } catch (error) {
        const code = (error as { code?: string }).code ?? '';
        // The size limit also ends the iteration over the parts (the file's CSRF check passed).
        if (code === 'FST_REQ_FILE_TOO_LARGE') tooLarge = true;
        // Too many parts or fields, or a broken multipart body: not something our form sends.
        else if (/^FST_(PARTS|FILES|FIELDS)_LIMIT$|^FST_INVALID_MULTIPART/.test(code)) {
          throw new BadRequestError(`multipart refused (${code})`);
        } else throw error;
      }
      sessions.checkCsrf(staff, csrf);

      const refuse = async (refusal: UploadRefusal, status: number) => {
        request.log.info({ event: 'design.upload_refused', reason: refusal.reason }, 'upload refused');
        const overview = await design.overview(staff.session);
        return reply
          .code(status)
          .type(HTML)
          .send(
            designHomePage(staffPage(request), {
              ...staff,
              ...overview,
              maxBytes: MAX_UPLOAD_BYTES,
              refusal,
            }),
          );
      };
      if (tooLarge) return refuse({ reason: 'too-large' }, 413);
      const outcome = await design.upload(staff.session, file ?? { name: '', bytes: new Uint8Array() });
      if (!outcome.ok) return refuse(outcome.refusal, outcome.refusal.reason === 'too-large' ? 413 : 400);
      request.log.info(
        { event: 'definition.uploaded', service: outcome.candidate.slug, source: outcome.candidate.source },
        'definition uploaded',
      );
      return reply.redirect(`/staff/design/uploads/${outcome.candidate.id}?neu=1`, 303);
    });
  });
}
