/**
 * Service-Design pages under /staff/design (ADR 0016). The tenant comes from the staff session;
 * the use cases refuse accounts without the designer role. Staff pages are `no-store` (hook in
 * staff.ts). Uploads are multipart, parsed only in this plugin's scope with tight limits.
 */
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  MAX_CHANGE_MESSAGE,
  MAX_UPLOAD_BYTES,
  type PreviewStep,
  type ServiceDesign,
  type UploadRefusal,
} from '../../core/design.ts';
import { NotFoundError } from '../../core/errors.ts';
import type { StepShown } from '../../core/step-post.ts';
import { fileFieldOf } from '../../core/uploads.ts';
import { localize } from '../../definition/types.ts';
import { isStepInputName } from '../../engine/input-names.ts';
import { candidateUrl, previewUrls, targetUrl } from '../citizen-urls.ts';
import { formFields } from '../form-body.ts';
import { BadRequestError, UnsupportedMediaTypeError } from '../http-errors.ts';
import { t } from '../i18n.ts';
import { isBrokenMultipart } from '../multipart-errors.ts';
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
import { PUBLISH_FIELDS, publishConfirmationPage, TARGETS } from '../views/publish-confirmation.ts';
import type { StaffPage } from '../views/staff.ts';
import { sendBrowserDefinition } from './browser-definition.ts';
import { readMultipartStep } from './citizen-uploads.ts';
import { sendSuggestions } from './suggestions.ts';

const HTML = 'text/html; charset=utf-8';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The name of the file input in the upload form. */
const FILE_FIELD = 'datei';

interface CandidateParams {
  id: string;
}
interface PreviewParams extends CandidateParams {
  slug: string;
}
interface PreviewStepParams extends PreviewParams {
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

  app.get<{ Querystring: { geloescht?: string } }>('/staff/design', async (request, reply) => {
    const staff = await sessions.require(request, reply);
    if (!staff) return reply;
    const overview = await design.overview(staff.session);
    // After deleting a service: its id, shown in the notice (only an id's characters pass).
    const deleted = single(request.query.geloescht);
    return reply.type(HTML).send(
      designHomePage(staffPage(request), {
        ...staff,
        ...overview,
        maxBytes: MAX_UPLOAD_BYTES,
        ...(deleted && /^[a-z0-9][a-z0-9-]{0,79}$/.test(deleted) && { deletedSlug: deleted }),
      }),
    );
  });

  app.get<{
    Params: CandidateParams;
    Querystring: { neu?: string; veroeffentlicht?: string; kopiert?: string };
  }>('/staff/design/uploads/:id', async (request, reply) => {
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
        justCopied: request.query.kopiert === '1',
      }),
    );
  });

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

  // What publishing does, before it is done: the target, the changes, one confirming form.
  app.get<{ Params: CandidateParams }>(
    '/staff/design/uploads/:id/veroeffentlichen',
    async (request, reply) => {
      const staff = await sessions.require(request, reply);
      if (!staff) return reply;
      const id = candidateId(request.params.id);
      const details = await design.candidate(staff.session, id);
      // Published already, placeholders left, or the uploader under four eyes: the upload's page says why.
      if (details.published || details.placeholders.length > 0 || details.approval === 'uploader') {
        return reply.redirect(`/staff/design/uploads/${id}#veroeffentlichen`, 303);
      }
      return reply.type(HTML).send(publishConfirmationPage(staffPage(request), { ...staff, details }));
    },
  );

  app.post<{ Params: CandidateParams }>('/staff/design/uploads/:id/publish', async (request, reply) => {
    const staff = await sessions.requirePost(request, reply);
    if (!staff) return reply;
    const id = candidateId(request.params.id);
    const body = formFields(request);
    const against = single(body[PUBLISH_FIELDS.against]);
    const target = single(body[PUBLISH_FIELDS.target]);
    const newSlug = single(body[PUBLISH_FIELDS.slug]) ?? '';
    const message = single(body[PUBLISH_FIELDS.message]) ?? '';
    // "A new service under another id" is a new upload to check and publish on its own.
    if (target === TARGETS.newService) {
      const copied = await design.asNewService(staff.session, id, newSlug);
      if (copied.ok) return reply.redirect(`/staff/design/uploads/${copied.candidate.id}?kopiert=1`, 303);
      if (copied.reason !== 'already-published') {
        const details = await design.candidate(staff.session, id);
        return reply
          .code(400)
          .type(HTML)
          .send(
            publishConfirmationPage(staffPage(request), {
              ...staff,
              details,
              target,
              slug: newSlug.slice(0, 100),
              message: message.slice(0, MAX_CHANGE_MESSAGE + 100),
              error: copied.reason,
            }),
          );
      }
    }
    const outcome = await design.publish(
      staff.session,
      id,
      against === undefined
        ? undefined
        : { against, nextVersionOfLive: target === TARGETS.nextVersion, changeMessage: message },
    );
    if (outcome.kind === 'change-message') {
      const details = await design.candidate(staff.session, id);
      return reply
        .code(400)
        .type(HTML)
        .send(
          publishConfirmationPage(staffPage(request), {
            ...staff,
            details,
            target,
            message: message.slice(0, MAX_CHANGE_MESSAGE + 100),
            error: outcome.problem === 'missing' ? 'message-missing' : 'message-too-long',
          }),
        );
    }
    if (outcome.kind === 'needs-confirmation') {
      const details = await design.candidate(staff.session, id);
      // Not confirmed yet: the confirmation page. Confirmed without choosing what it becomes, or
      // against a version that is no longer live: the page again, saying why.
      const missingTarget = against !== undefined && !outcome.stale && details.current !== undefined;
      return reply
        .code(outcome.stale ? 409 : missingTarget ? 400 : 200)
        .type(HTML)
        .send(
          publishConfirmationPage(staffPage(request), {
            ...staff,
            details,
            stale: outcome.stale,
            message: message.slice(0, MAX_CHANGE_MESSAGE + 100),
            ...(missingTarget && { error: 'target-missing' as const }),
          }),
        );
    }
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

  app.get<{ Params: PreviewParams }>('/staff/design/uploads/:id/vorschau/:slug', async (request, reply) => {
    const staff = await sessions.require(request, reply);
    if (!staff) return reply;
    const id = candidateId(request.params.id);
    const { candidate, model } = await design.preview(staff.session, id);
    if (request.params.slug !== candidate.slug) throw new NotFoundError('service candidate');
    // Starting the preview starts afresh.
    design.keepPreviewAnswers(staff.session, id, {});
    const first = model.applicableSteps({})[0];
    return reply.redirect(first ? previewUrls(id, candidate.slug).step(first.id) : candidateUrl(id), 303);
  });

  app.get<{ Params: PreviewParams }>(
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
      const finalized = model.finalize(answers, design.engineContext());
      const feeLabel = candidate.definition.local.fee?.label;
      // The fee as the citizen's check page would show it: the fee rule is tried with the answers.
      const fee =
        feeLabel && finalized.fee !== undefined ? { label: feeLabel, cents: finalized.fee } : undefined;
      return reply.type(HTML).send(
        previewEndPage(p, staff.session, staff.csrf, id, {
          sections,
          complete: finalized.errors.length === 0,
          fee,
        }),
      );
    },
  );

  /**
   * A preview step: the citizens' own step page under the preview's URLs (so the form posts here
   * and nothing reaches the live service), with a banner, named as a preview of the municipality.
   */
  const sendPreviewStep = (
    request: FastifyRequest,
    reply: FastifyReply,
    staff: CurrentStaff,
    { candidate, tenant, model, step, answers }: PreviewStep,
    shown?: StepShown,
  ) => {
    const locale = localeOf(request);
    const page = stepPage(
      {
        locale,
        tenant,
        currentPath: request.url,
        siteName: t(locale, 'design.preview.tenantName', { tenant: localize(tenant.name, locale) }),
      },
      {
        urls: previewUrls(candidate.id, candidate.slug),
        model,
        // A candidate has no version number; its definition's URL names the candidate instead.
        version: 0,
        step,
        // The answers typed so far in this preview, so conditions on earlier steps apply as they
        // will for citizens (kept in memory only, see ServiceDesign.previewAnswers).
        stored: answers,
        ...(shown && { shown }),
        csrf: staff.csrf,
        returnToCheck: false,
        today: design.engineContext().today,
      },
    );
    return reply
      .code(shown?.status ?? 200)
      .type(HTML)
      .send(withPreviewBanner(page, previewBanner(locale, candidate.id)));
  };

  const loadPreviewStep = (request: FastifyRequest<{ Params: PreviewStepParams }>, staff: CurrentStaff) =>
    design.previewStep(
      staff.session,
      candidateId(request.params.id),
      request.params.slug,
      request.params.step,
    );

  app.get<{ Params: PreviewStepParams }>(
    '/staff/design/uploads/:id/vorschau/:slug/schritt/:step',
    async (request, reply) => {
      const staff = await sessions.require(request, reply);
      if (!staff) return reply;
      return sendPreviewStep(request, reply, staff, await loadPreviewStep(request, staff));
    },
  );

  /**
   * The candidate's definition for the browser enhancement of its preview. Unpublished, so for
   * designers of its municipality only, and never stored by caches (staff pages are `no-store`).
   */
  app.get<{ Params: PreviewParams & { hash: string } }>(
    '/staff/design/uploads/:id/vorschau/:slug/definition/:hash.json',
    async (request, reply) => {
      const staff = await sessions.require(request, reply);
      if (!staff) return reply;
      const { candidate, model } = await design.preview(staff.session, candidateId(request.params.id));
      if (request.params.slug !== candidate.slug) throw new NotFoundError('service candidate');
      return sendBrowserDefinition(reply, model.definition, request.params.hash, 'no-store');
    },
  );

  /** Suggestions for a long list of the candidate, as citizens will get them (designers only). */
  app.get<{ Params: PreviewParams & { key: string }; Querystring: { q?: string | string[] } }>(
    '/staff/design/uploads/:id/vorschau/:slug/auswahl/:key',
    async (request, reply) => {
      const staff = await sessions.require(request, reply);
      if (!staff) return reply;
      const { candidate, model } = await design.preview(staff.session, candidateId(request.params.id));
      if (request.params.slug !== candidate.slug) throw new NotFoundError('service candidate');
      return sendSuggestions(
        reply,
        model,
        request.params.key,
        request.query.q,
        localeOf(request),
        'no-store',
      );
    },
  );

  // ---- Upload: multipart only here, with limits that bound memory before anything is parsed. ----
  await app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 4, fieldSize: 1024, parts: 6, headerPairs: 50 },
    });

    scope.post<{ Params: PreviewStepParams }>(
      '/staff/design/uploads/:id/vorschau/:slug/schritt/:step',
      async (request, reply) => {
        // A step with a file field posts multipart: its text inputs are read, files are drained
        // unread (a preview stores nothing, ADR 0018), after the CSRF check of the form.
        const multipart = request.isMultipart();
        const staff = multipart
          ? await sessions.require(request, reply)
          : await sessions.requirePost(request, reply);
        if (!staff) return reply;
        const preview = await loadPreviewStep(request, staff);
        // Read like a citizen's post (same bounds and refusals); no file is kept.
        const raw = multipart
          ? (
              await readMultipartStep(request, {
                checkCsrf: (token) => sessions.checkCsrf(staff, token),
                hasInput: (name) => isStepInputName(preview.step, name),
                fileField: (name) => fileFieldOf(preview.candidate.definition, preview.step.id, name),
              })
            ).raw
          : formFields(request);
        // Exactly as the citizen's step would be, with the preview's earlier answers.
        const outcome = await design.postPreviewStep(staff.session, preview, {
          raw,
          added: [],
          refused: [],
          returnToCheck: false,
        });
        if (outcome.kind === 'go') {
          return reply.redirect(
            targetUrl(previewUrls(preview.candidate.id, preview.candidate.slug), outcome.to),
            303,
          );
        }
        return sendPreviewStep(request, reply, staff, preview, outcome);
      },
    );

    scope.post('/staff/design/upload', async (request, reply) => {
      const staff = await sessions.require(request, reply);
      if (!staff) return reply;
      if (!request.isMultipart())
        throw new UnsupportedMediaTypeError('the upload form is sent as multipart/form-data');
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
        else if (isBrokenMultipart(error)) {
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
