import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Applications, DraftContext, ServiceContext } from '../../core/applications.ts';
import { fileFieldOf, refsOf } from '../../core/uploads.ts';
import { localize, MAX_FILE_BYTES, MAX_FILES_PER_FIELD } from '../../definition/types.ts';
import { summarizeComputed } from '../../engine/computed-summary.ts';
import { REMOVE_FILE_NAME, refsToRaw, UPLOAD_FILE_NAME } from '../../engine/fields/file.ts';
import { suggestions } from '../../engine/fields/option-search.ts';
import { isSearchable } from '../../engine/fields/search-select.ts';
import { ACTION_NAME, parseItemAction } from '../../engine/group/actions.ts';
import { inputWasShown } from '../../engine/group/names.ts';
import type { RawInput } from '../../engine/model.ts';
import { CsrfError } from '../http-errors.ts';
import { t } from '../i18n.ts';
import {
  browserSession,
  csrfToken,
  csrfValid,
  easyLanguageOf,
  existingBrowserSession,
  localeOf,
  single,
  type WebSecurity,
} from '../request-context.ts';
import {
  type CitizenPage,
  catalogPage,
  checkPage,
  confirmationPage,
  startPage,
  stepPage,
} from '../views/citizen.ts';
import { type MultipartStep, mergeByField, readMultipartStep } from './citizen-uploads.ts';

interface TenantParams {
  tenant: string;
}
interface ServiceParams extends TenantParams {
  service: string;
}
interface StepParams extends ServiceParams {
  step: string;
}

const HTML = 'text/html; charset=utf-8';
const CSRF_PURPOSE = 'citizen';

/** Citizen pages under `/{tenant}/…`. These URLs are a stable contract (IdP redirect URIs). */
export function registerCitizenRoutes(app: FastifyInstance, apps: Applications, security: WebSecurity): void {
  const sessionHash = (token: string) => security.tokens.hash(token);
  const pageContext = (request: FastifyRequest, tenant: ServiceContext['tenant']): CitizenPage => ({
    locale: localeOf(request),
    easy: easyLanguageOf(request),
    tenant,
    currentPath: request.url,
  });
  const base = (s: ServiceContext) => `/${s.tenant.slug}/${s.version.slug}`;

  /** Every POST must come from a form rendered for this browser session. */
  const requireSession = (request: FastifyRequest): string => {
    const token = existingBrowserSession(request);
    const body = request.body as Record<string, unknown> | undefined;
    if (!token || !csrfValid(security, CSRF_PURPOSE, token, body?._csrf)) throw new CsrfError();
    return token;
  };

  /** The open draft of this session, or a redirect to the start page. */
  const loadDraft = async (
    request: FastifyRequest<{ Params: ServiceParams }>,
    reply: FastifyReply,
  ): Promise<{ service: ServiceContext; ctx: DraftContext; token: string } | undefined> => {
    const service = await apps.service(request.params.tenant, request.params.service);
    const token = existingBrowserSession(request);
    const ctx = token ? await apps.findDraft(service, sessionHash(token)) : undefined;
    if (!token || !ctx) {
      reply.redirect(base(service), 303);
      return undefined;
    }
    return { service, ctx, token };
  };

  app.get<{ Params: TenantParams }>('/:tenant', async (request, reply) => {
    const { tenant, services } = await apps.catalog(request.params.tenant);
    return reply.type(HTML).send(catalogPage(pageContext(request, tenant), services));
  });

  app.get<{ Params: ServiceParams }>('/:tenant/:service', async (request, reply) => {
    const service = await apps.service(request.params.tenant, request.params.service);
    const token = browserSession(security, request, reply);
    const draft = await apps.findDraft(service, sessionHash(token));
    const hasOpenDraft = draft !== undefined && draft.draft.submissionId === null;
    return reply
      .type(HTML)
      .send(
        startPage(
          pageContext(request, service.tenant),
          service.version,
          csrfToken(security, CSRF_PURPOSE, token),
          hasOpenDraft,
          await apps.draftLifetimeDays(service),
        ),
      );
  });

  app.post<{ Params: ServiceParams }>('/:tenant/:service/start', async (request, reply) => {
    const service = await apps.service(request.params.tenant, request.params.service);
    const token = requireSession(request);
    const ctx = await apps.startDraft(service, sessionHash(token));
    const first = ctx.model.applicableSteps(ctx.draft.answers)[0];
    return reply.redirect(first ? `${base(service)}/schritt/${first.id}` : `${base(service)}/pruefen`, 303);
  });

  app.get<{ Params: StepParams; Querystring: { aendern?: string } }>(
    '/:tenant/:service/schritt/:step',
    async (request, reply) => {
      const loaded = await loadDraft(request, reply);
      if (!loaded) return reply;
      const { service, ctx, token } = loaded;
      if (ctx.draft.submissionId !== null) return reply.redirect(`${base(service)}/eingegangen`, 303);
      const step = ctx.model.step(request.params.step);
      const applicable = ctx.model.applicableSteps(ctx.draft.answers);
      if (!step || !applicable.some((s) => s.id === step.id)) {
        // Unknown or not applicable (any more): continue where the journey is.
        return reply.redirect(
          `${base(service)}/${applicable[0] ? `schritt/${applicable[0].id}` : 'pruefen'}`,
          303,
        );
      }
      const returnToCheck = request.query.aendern === '1';
      const previous = ctx.model.previousStep(step.id, ctx.draft.answers);
      return reply.type(HTML).send(
        stepPage(pageContext(request, service.tenant), {
          service: ctx.version,
          model: ctx.model,
          step,
          answers: ctx.draft.answers,
          errors: [],
          moreQuestions: false,
          csrf: csrfToken(security, CSRF_PURPOSE, token),
          backHref: returnToCheck
            ? `${base(service)}/pruefen`
            : previous
              ? `${base(service)}/schritt/${previous.id}`
              : base(service),
          returnToCheck,
          today: apps.engineContext().today,
        }),
      );
    },
  );

  // A step with a file field posts multipart/form-data: parsed only in this scope, with limits
  // that bound memory before anything is read (see citizen-uploads.ts for the per-file limits).
  app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      throwFileSizeLimit: false,
      limits: {
        fileSize: MAX_FILE_BYTES + 1,
        files: MAX_FILES_PER_FIELD,
        fields: 2000,
        fieldSize: 64 * 1024,
        parts: 2000 + MAX_FILES_PER_FIELD,
        headerPairs: 50,
      },
    });
    registerStepPost(scope);
  });

  function registerStepPost(scope: FastifyInstance): void {
    scope.post<{ Params: StepParams; Querystring: { aendern?: string } }>(
      '/:tenant/:service/schritt/:step',
      async (request, reply) => {
        const multipart = request.isMultipart();
        const token = multipart ? existingBrowserSession(request) : requireSession(request);
        if (!token) throw new CsrfError();
        const loaded = await loadDraft(request, reply);
        if (!loaded) return reply;
        const { service, ctx } = loaded;
        if (ctx.draft.submissionId !== null) return reply.redirect(`${base(service)}/eingegangen`, 303);
        const step = ctx.model.step(request.params.step);
        if (!step) return reply.redirect(base(service), 303);
        const l = localeOf(request);
        let raw: RawInput;
        let upload: MultipartStep = { raw: {}, refused: [], added: [] };
        if (multipart) {
          upload = await readMultipartStep(request, {
            checkCsrf: (given) => {
              if (!csrfValid(security, CSRF_PURPOSE, token, given)) throw new CsrfError();
            },
            fileField: (name) => fileFieldOf(ctx.version.definition, step.id, name),
            store: (key, file) => apps.attachFile(ctx, step.id, key, file),
          });
          raw = upload.raw;
        } else raw = (request.body ?? {}) as RawInput;
        if (upload.added.length > 0) {
          request.log.info(
            {
              event: 'attachment.uploaded',
              tenant: service.tenant.slug,
              service: ctx.version.slug,
              count: upload.added.length,
            },
            'files uploaded',
          );
        }
        const removeId = single(raw[REMOVE_FILE_NAME]);
        const uploadOnly = raw[UPLOAD_FILE_NAME] !== undefined;
        const { [REMOVE_FILE_NAME]: _remove, [UPLOAD_FILE_NAME]: _upload, ...posted } = raw;
        raw = posted;
        let fileNotice: string | undefined;
        if (removeId !== undefined) {
          const removed = await apps.removeFile(ctx, removeId);
          fileNotice = removed
            ? t(l, 'step.fileRemoved', { name: removed.name })
            : t(l, 'step.fileNotRemoved');
        } else if (uploadOnly) {
          const [first] = upload.added;
          if (upload.added.length > 1)
            fileNotice = t(l, 'step.filesUploaded', { count: upload.added.length });
          else if (first) fileNotice = t(l, 'step.fileUploaded', { name: first.name });
          else if (upload.refused.length === 0) fileNotice = t(l, 'step.fileNone');
        }
        // The files are the server's records, never what the browser posted under the field's name.
        for (const field of step.fields) {
          if (field.type !== 'file') continue;
          const refs = refsOf(ctx.draft.answers, field.key);
          if (refs.length > 0) raw[field.key] = refsToRaw(refs);
          else delete raw[field.key];
        }
        const returnToCheck = request.query.aendern === '1';
        const backHref = (answers: typeof ctx.draft.answers) => {
          const previous = ctx.model.previousStep(step.id, answers);
          if (returnToCheck) return `${base(service)}/pruefen`;
          return previous ? `${base(service)}/schritt/${previous.id}` : base(service);
        };
        if (fileNotice !== undefined || (uploadOnly && upload.refused.length > 0)) {
          // "Datei hochladen" / "Datei entfernen": the same step again with the files as they are
          // now, keeping everything typed; nothing else is checked or saved (as for group items).
          const parsed = ctx.model.submitStep(step.id, raw, ctx.draft.answers, apps.engineContext());
          const errors = mergeByField(upload.refused);
          return reply
            .code(errors.length > 0 ? 400 : 200)
            .type(HTML)
            .send(
              stepPage(pageContext(request, service.tenant), {
                service: ctx.version,
                model: ctx.model,
                step,
                answers: parsed.answers,
                raw,
                errors,
                moreQuestions: false,
                csrf: csrfToken(security, CSRF_PURPOSE, token),
                backHref: backHref(ctx.draft.answers),
                returnToCheck,
                today: apps.engineContext().today,
                ...(fileNotice !== undefined && { itemNotice: fileNotice }),
              }),
            );
        }
        if (raw[ACTION_NAME] !== undefined) {
          // "Kind hinzufügen" / "Kind 2 entfernen": the same step again with one item more or less,
          // keeping everything typed. Nothing is saved; "Weiter" validates and saves as usual. A
          // forged or outdated action (beyond the limits, an item that is not there) changes nothing.
          const action = parseItemAction(raw[ACTION_NAME]);
          const outcome = action
            ? ctx.model.itemAction(step.id, raw, action)
            : ({ ok: false, reason: 'no-such-item', raw } as const);
          const { [ACTION_NAME]: _pressed, ...posted } = outcome.raw;
          const parsed = ctx.model.submitStep(step.id, posted, ctx.draft.answers, apps.engineContext());
          let itemNotice: string;
          if (outcome.ok && action?.kind === 'add') {
            const group = ctx.model
              .visibleFields(step.id, parsed.answers)
              .find((f) => f.key === action.group);
            const itemLabel = group?.type === 'group' ? localize(group.itemLabel, l) : '';
            itemNotice = t(l, 'step.itemAdded', { item: `${itemLabel} ${outcome.focus}` });
          } else if (outcome.ok) itemNotice = t(l, 'step.itemRemoved');
          else itemNotice = t(l, outcome.reason === 'at-max' ? 'step.itemAtMax' : 'step.itemNotRemoved');
          return reply
            .code(outcome.ok ? 200 : 400)
            .type(HTML)
            .send(
              stepPage(pageContext(request, service.tenant), {
                service: ctx.version,
                model: ctx.model,
                step,
                answers: parsed.answers,
                raw: posted,
                errors: [],
                moreQuestions: false,
                csrf: csrfToken(security, CSRF_PURPOSE, token),
                backHref: backHref(ctx.draft.answers),
                returnToCheck,
                today: apps.engineContext().today,
                itemNotice,
                ...(outcome.ok && action && { focus: { group: action.group, item: outcome.focus } }),
              }),
            );
        }
        const shownBefore = new Set(ctx.model.visibleFields(step.id, ctx.draft.answers).map((f) => f.key));
        // With JavaScript, questions appear as the citizen answers; the page says which were shown.
        for (const key of single(raw._aw_shown)?.split(',') ?? []) shownBefore.add(key);
        const result = await apps.saveStep(ctx, step.id, raw);
        if (result.errors.length > 0 || upload.refused.length > 0) {
          // Without JavaScript, an answer can reveal further questions on the same step (e.g. "Ja"
          // reveals a follow-up). Those were never shown, so they are not the citizen's mistake:
          // show them as new questions, not as errors.
          // The same for a question inside a repeating group item: the page lists the item inputs it showed.
          // A refused file is always said, in place of the field's own message (it is the reason).
          const refusedKeys = new Set(upload.refused.map((e) => e.key));
          const errors = [
            ...mergeByField(upload.refused),
            ...result.errors.filter(
              (e) => !refusedKeys.has(e.key) && shownBefore.has(e.key) && inputWasShown(e.inputId, raw),
            ),
          ];
          const revealed = errors.length === 0;
          return reply
            .code(revealed ? 200 : 400)
            .type(HTML)
            .send(
              stepPage(pageContext(request, service.tenant), {
                service: ctx.version,
                model: ctx.model,
                step,
                answers: result.answers,
                raw,
                errors,
                moreQuestions: revealed,
                csrf: csrfToken(security, CSRF_PURPOSE, token),
                backHref: backHref(ctx.draft.answers),
                returnToCheck,
                today: apps.engineContext().today,
              }),
            );
        }
        const next = ctx.model.nextStep(step.id, result.answers);
        const target =
          returnToCheck || !next ? `${base(service)}/pruefen` : `${base(service)}/schritt/${next.id}`;
        return reply.redirect(target, 303);
      },
    );
  }

  /**
   * Suggestions for a long list's searchable input (JavaScript enhancement; the page works without
   * it): at most ten entries matching `q`, from the version of the citizen's draft. JSON, small, so
   * the list itself never goes to the browser.
   */
  app.get<{ Params: ServiceParams & { key: string }; Querystring: { q?: string | string[] } }>(
    '/:tenant/:service/auswahl/:key',
    async (request, reply) => {
      const service = await apps.service(request.params.tenant, request.params.service);
      const token = existingBrowserSession(request);
      const ctx = token ? await apps.findDraft(service, sessionHash(token)) : undefined;
      const field = ctx?.model.steps
        .flatMap((step) => step.fields)
        .find((f) => f.key === request.params.key && f.type === 'select' && isSearchable(f));
      if (!ctx || !field || field.type !== 'select')
        return reply.code(404).type('application/json').send({ matches: [] });
      const query = (single(request.query.q) ?? '').slice(0, 100);
      const matches = query.trim().length < 2 ? [] : suggestions(field.options, query, localeOf(request));
      return reply
        .header('cache-control', 'private, max-age=300')
        .type('application/json; charset=utf-8')
        .send({ matches });
    },
  );

  const renderCheck = (
    request: FastifyRequest,
    reply: FastifyReply,
    service: ServiceContext,
    ctx: DraftContext,
    token: string,
    declarationError: boolean,
    status: number,
  ) => {
    const locale = localeOf(request);
    const final = ctx.model.finalize(ctx.draft.answers, apps.engineContext());
    // The engine's own messages (also of cross-field rules), each linking into its step.
    const problems = final.errors.map((e) => ({
      stepId: e.stepId,
      inputId: e.inputId,
      message: localize(e.message, locale),
    }));
    const applicable = ctx.model.applicableSteps(ctx.draft.answers);
    const last = applicable[applicable.length - 1];
    return reply
      .code(status)
      .type(HTML)
      .send(
        checkPage(pageContext(request, service.tenant), {
          service: ctx.version,
          sections: ctx.model.summary(ctx.draft.answers, locale),
          problems,
          declarationError,
          csrf: csrfToken(security, CSRF_PURPOSE, token),
          backHref: last ? `${base(service)}/schritt/${last.id}` : base(service),
          computed: summarizeComputed(ctx.model.definition, final.answers, locale),
          ...(final.fee !== undefined && { fee: final.fee }),
        }),
      );
  };

  app.get<{ Params: ServiceParams }>('/:tenant/:service/pruefen', async (request, reply) => {
    const loaded = await loadDraft(request, reply);
    if (!loaded) return reply;
    const { service, ctx, token } = loaded;
    if (ctx.draft.submissionId !== null) return reply.redirect(`${base(service)}/eingegangen`, 303);
    return renderCheck(request, reply, service, ctx, token, false, 200);
  });

  app.post<{ Params: ServiceParams }>('/:tenant/:service/absenden', async (request, reply) => {
    const token = requireSession(request);
    const loaded = await loadDraft(request, reply);
    if (!loaded) return reply;
    const { service, ctx } = loaded;
    const body = request.body as Record<string, unknown>;
    const outcome = await apps.submit(ctx, body.erklaerung === 'ja');
    if (outcome.kind === 'submitted') {
      if (outcome.created) {
        request.log.info(
          {
            event: 'submission.received',
            tenant: service.tenant.slug,
            service: ctx.version.slug,
            submission: outcome.submission.id,
          },
          'submission received',
        );
      }
      return reply.redirect(`${base(service)}/eingegangen`, 303);
    }
    return renderCheck(request, reply, service, ctx, token, outcome.kind === 'declaration-missing', 400);
  });

  app.get<{ Params: ServiceParams }>('/:tenant/:service/eingegangen', async (request, reply) => {
    const loaded = await loadDraft(request, reply);
    if (!loaded) return reply;
    const { service, ctx } = loaded;
    const submission = await apps.confirmation(ctx);
    if (!submission) return reply.redirect(`${base(service)}/pruefen`, 303);
    return reply
      .type(HTML)
      .send(confirmationPage(pageContext(request, service.tenant), ctx.version, submission));
  });
}
