import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Applications, DraftContext, ServiceContext } from '../../core/applications.ts';
import type { ServiceVersion } from '../../core/domain.ts';
import { NotFoundError } from '../../core/errors.ts';
import type { CitizenLogins } from '../../core/identity/citizen-logins.ts';
import type { MyApplications } from '../../core/identity/my-applications.ts';
import type { CitizenLogin } from '../../core/identity/records.ts';
import { isSchriftformersatz } from '../../core/identity/schriftformersatz.ts';
import type { Receipts } from '../../core/receipts.ts';
import { continueAt, type LoginState, loginTarget, type StepShown } from '../../core/step-post.ts';
import { fileFieldOf } from '../../core/uploads.ts';
import { isEditable, prefilledFields } from '../../definition/prefill.ts';
import { type Answers, type Locale, localize, type Step } from '../../definition/types.ts';
import { summarizeComputed } from '../../engine/computed-summary.ts';
import { isStepInputName } from '../../engine/input-names.ts';
import {
  browserSession,
  existingBrowserSession,
  keepBrowserSession,
  unsignedBrowserSession,
} from '../browser-session.ts';
import { type CitizenUrls, citizenUrls, targetUrl } from '../citizen-urls.ts';
import { formFields } from '../form-body.ts';
import { CsrfError, keepTypedOnError, offerOnError } from '../http-errors.ts';
import { csrfToken, csrfValid, easyLanguageOf, localeOf, type WebSecurity } from '../request-context.ts';
import { sessionLogin } from '../session-login.ts';
import { typedAnswers } from '../typed-on-refusal.ts';
import {
  type CitizenPage,
  catalogPage,
  checkPage,
  confirmationPage,
  sentSummaryGonePage,
  sentSummaryPage,
  startPage,
  stepPage,
} from '../views/citizen.ts';
import type { PrefillMarking } from '../views/prefill-field.ts';
import { summaryText } from '../views/summary-error.ts';
import { headerLogin } from './citizen-header-login.ts';
import { type MultipartStep, readMultipartStep } from './citizen-uploads.ts';
import { sendReceipt } from './receipt-download.ts';
import { sendSuggestions } from './suggestions.ts';

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

/** What a logged-in citizen's step page shows of the identity (ADR 0049). */
interface StepAccount {
  /** The values the identity vouched for that prefilled the draft. */
  vouched: Answers;
  login?: CitizenLogin;
  /** A post tried to change a read-only prefilled field. */
  kept?: boolean;
}

/** The step's prefilled fields (those with a vouched value) and whether each stays editable. */
function prefillMarkings(step: Step, vouched: Answers): Map<string, PrefillMarking> {
  return new Map(
    prefilledFields(step)
      .filter(({ field }) => field.key in vouched)
      .map(({ field, prefill }) => [field.key, { editable: isEditable(prefill) }]),
  );
}

interface LoadedDraft {
  service: ServiceContext;
  ctx: DraftContext;
  token: string;
  urls: CitizenUrls;
}

/** Citizen pages under `/{tenant}/…` (URLs in `citizen-urls.ts`): parse HTTP, call one use case, render. */
export function registerCitizenRoutes(
  app: FastifyInstance,
  apps: Applications,
  receipts: Receipts,
  security: WebSecurity,
  logins: CitizenLogins,
  myApps: MyApplications,
): void {
  const sessionHash = (token: string) => security.tokens.hash(token);

  /** The browser session's login at the municipality (ADR 0036), if it has a session and a login. */
  const currentLogin = async (request: FastifyRequest, tenantId: string, token: string | undefined) =>
    token ? sessionLogin(request, logins, tenantId, sessionHash(token)) : undefined;

  /**
   * The login the version requires and the session has (ADR 0036). A service without a required
   * level reads nothing: identity costs the pages that do not use it nothing.
   */
  const loginState = async (
    request: FastifyRequest,
    version: ServiceVersion,
    token: string,
  ): Promise<LoginState | undefined> => {
    const required = version.definition.local.identity?.level;
    if (!required) return undefined;
    const login = await sessionLogin(request, logins, version.tenantId, sessionHash(token));
    return { required, level: login?.level };
  };
  /** The login page when the draft's service needs a login (or a step-up) first. */
  const loginRedirect = async (reply: FastifyReply, loaded: LoadedDraft): Promise<boolean> => {
    const target = loginTarget(await loginState(reply.request, loaded.ctx.version, loaded.token));
    if (!target) return false;
    reply.redirect(targetUrl(loaded.urls, target), 303);
    return true;
  };
  /** The page's context; with the session's login for the header (ADR 0048). */
  const pageContext = async (
    request: FastifyRequest,
    tenant: ServiceContext['tenant'],
  ): Promise<CitizenPage> => {
    const locale = localeOf(request);
    const login = await headerLogin(logins, security, request, tenant, locale);
    return {
      locale,
      easy: easyLanguageOf(request),
      tenant,
      currentPath: request.url,
      login,
      ...(login && { loggedIn: true }),
    };
  };
  /** A provider's label in the page's language, else its id. */
  const providerText = (id: string, locale: Locale) => {
    const label = logins.providerLabel(id);
    return label ? localize(label, locale) : id;
  };
  const urlsOf = (service: ServiceContext) => citizenUrls(service.tenant.slug, service.version.slug);

  /**
   * Pages that show answers (steps, check page, confirmation) are never stored by the browser or a
   * proxy: the next person at a shared computer must not get them back from the cache.
   */
  const noStore = (reply: FastifyReply) => {
    if (security.protect) reply.header('cache-control', 'no-store');
  };

  /**
   * A session id from before ids were signed (ADR 0028) is taken over, signed, when a draft of this
   * service belongs to it, so a draft begun before the update can be continued. Any other unsigned
   * id is ignored like every id this server did not issue.
   */
  const takeOverUnsigned = async (
    request: FastifyRequest,
    reply: FastifyReply,
    service: ServiceContext,
  ): Promise<{ token: string; ctx: DraftContext } | undefined> => {
    const unsigned = unsignedBrowserSession(security, request);
    const ctx = unsigned ? await apps.findDraft(service, sessionHash(unsigned)) : undefined;
    if (!unsigned || !ctx) return undefined;
    keepBrowserSession(security, request, reply, unsigned, Date.parse(ctx.draft.expiresAt));
    return { token: unsigned, ctx };
  };

  /**
   * Where a refused form of the service's pages leads back to (its own page: a session that has
   * expired or a form that is not this session's is a dead end otherwise). The paths are the
   * request's own, so the link stays on the page's service.
   */
  const backToForm = (request: FastifyRequest<{ Params: ServiceParams }>, page: keyof CitizenUrls) => {
    const urls = citizenUrls(request.params.tenant, request.params.service);
    const href = page === 'step' ? request.url : (urls[page] as string);
    offerOnError(request, { href, label: page === 'start' ? 'error.next.start' : 'error.next.form' });
  };

  /** The session of a form rendered for this browser session; undefined for any other post. */
  const validSession = (request: FastifyRequest): string | undefined => {
    const token = existingBrowserSession(security, request);
    return token && csrfValid(security, CSRF_PURPOSE, token, formFields(request)._csrf) ? token : undefined;
  };

  /** Every POST must come from a form rendered for this browser session. */
  const requireSession = (request: FastifyRequest): string => {
    const token = validSession(request);
    if (!token) throw new CsrfError();
    return token;
  };

  /**
   * A step form refused for its session: its typed answers go on the error page, labelled by the
   * service's current version, so a long text is not lost (`typed-on-refusal.ts`).
   */
  const keepTyped = async (request: FastifyRequest<{ Params: StepParams }>): Promise<void> => {
    try {
      const { model } = await apps.service(request.params.tenant, request.params.service);
      keepTypedOnError(request, typedAnswers(request, model, request.params.step, localeOf(request)));
    } catch {
      // No such service (any more): the page says what to do without them.
    }
  };

  /** The draft of this session, or a redirect to the start page. */
  const loadDraft = async (
    request: FastifyRequest<{ Params: ServiceParams }>,
    reply: FastifyReply,
  ): Promise<LoadedDraft | undefined> => {
    const service = await apps.service(request.params.tenant, request.params.service);
    const urls = urlsOf(service);
    const signed = existingBrowserSession(security, request);
    const found = signed
      ? { token: signed, ctx: await apps.findDraft(service, sessionHash(signed)) }
      : await takeOverUnsigned(request, reply, service);
    if (!found?.ctx) {
      reply.redirect(urls.start, 303);
      return undefined;
    }
    // Should the draft live longer now than when the cookie was set, the cookie follows it.
    keepBrowserSession(security, request, reply, found.token, Date.parse(found.ctx.draft.expiresAt));
    return { service, ctx: found.ctx, token: found.token, urls };
  };

  /** The draft of this session while it is open; once submitted, a redirect to its confirmation. */
  const loadOpenDraft = async (
    request: FastifyRequest<{ Params: ServiceParams }>,
    reply: FastifyReply,
  ): Promise<LoadedDraft | undefined> => {
    const loaded = await loadDraft(request, reply);
    if (loaded && loaded.ctx.draft.submissionId !== null) {
      reply.redirect(loaded.urls.confirmation, 303);
      return undefined;
    }
    return loaded;
  };

  /** A step page: as first shown, or shown again after a post (`Applications.postStep`). */
  const sendStep = async (
    request: FastifyRequest,
    reply: FastifyReply,
    { service, ctx, token, urls }: LoadedDraft,
    step: Step,
    returnToCheck: boolean,
    shown?: StepShown,
    account: StepAccount = { vouched: {} },
  ) => {
    noStore(reply);
    return reply
      .code(shown?.status ?? 200)
      .type(HTML)
      .send(
        stepPage(await pageContext(request, service.tenant), {
          urls,
          model: ctx.model,
          version: ctx.version.version,
          step,
          stored: ctx.draft.answers,
          ...(shown && { shown }),
          csrf: csrfToken(security, CSRF_PURPOSE, token),
          returnToCheck,
          today: apps.engineContext().today,
          prefilled: prefillMarkings(step, account.vouched),
          prefillKept: account.kept === true,
        }),
      );
  };

  app.get<{ Params: TenantParams }>('/:tenant', async (request, reply) => {
    const { tenant, services } = await apps.catalog(request.params.tenant);
    return reply.type(HTML).send(catalogPage(await pageContext(request, tenant), services));
  });

  app.get<{ Params: ServiceParams; Querystring: { verworfen?: string } }>(
    '/:tenant/:service',
    async (request, reply) => {
      const service = await apps.service(request.params.tenant, request.params.service);
      const takenOver = existingBrowserSession(security, request)
        ? undefined
        : await takeOverUnsigned(request, reply, service);
      const token = takenOver?.token ?? browserSession(security, request, reply);
      const draft = takenOver?.ctx ?? (await apps.findDraft(service, sessionHash(token)));
      const hasOpenDraft = draft !== undefined && draft.draft.submissionId === null;
      return reply.type(HTML).send(
        startPage(
          await pageContext(request, service.tenant),
          service.version,
          csrfToken(security, CSRF_PURPOSE, token),
          hasOpenDraft,
          await apps.draftLifetimeDays(service),
          // Only said when it is true: a link with the parameter cannot claim an open draft is gone.
          request.query.verworfen === '1' && !hasOpenDraft,
        ),
      );
    },
  );

  app.post<{ Params: ServiceParams }>('/:tenant/:service/start', async (request, reply) => {
    backToForm(request, 'start');
    const service = await apps.service(request.params.tenant, request.params.service);
    const token = requireSession(request);
    // The client as Fastify sees it (behind trusted proxies, the forwarded address).
    const ctx = await apps.startDraft(service, sessionHash(token), request.ip);
    // The cookie lasts as long as the draft, so the citizen can come back to it in this browser.
    keepBrowserSession(security, request, reply, token, Date.parse(ctx.draft.expiresAt));
    // A logged-in citizen's draft belongs to the identity too ("Meine Anträge", ADR 0049).
    const account = await currentLogin(request, service.tenant.id, token);
    if (account) await myApps.claimSessionDrafts(account);
    const first = ctx.model.applicableSteps(ctx.draft.answers)[0];
    const urls = urlsOf(service);
    // The draft is the session's already; a login it needs comes first, and the draft waits.
    const login = loginTarget(await loginState(request, ctx.version, token));
    if (login) return reply.redirect(targetUrl(urls, login), 303);
    return reply.redirect(first ? urls.step(first.id) : urls.check, 303);
  });

  app.get<{ Params: StepParams; Querystring: { aendern?: string; beibehalten?: string } }>(
    '/:tenant/:service/schritt/:step',
    async (request, reply) => {
      const loaded = await loadOpenDraft(request, reply);
      if (!loaded) return reply;
      if (await loginRedirect(reply, loaded)) return reply;
      const { ctx, urls } = loaded;
      const step = ctx.model.step(request.params.step);
      const applicable = ctx.model.applicableSteps(ctx.draft.answers);
      // A step the service does not have is a wrong address, not a place in the journey.
      if (!step) throw new NotFoundError('step');
      if (!applicable.some((s) => s.id === step.id)) {
        // Not applicable (any more) after a changed answer: continue where the journey is.
        return reply.redirect(applicable[0] ? urls.step(applicable[0].id) : urls.check, 303);
      }
      // Empty prefilled fields are filled from the identity of a logged-in citizen (ADR 0049).
      const login = await currentLogin(request, ctx.tenant.id, loaded.token);
      const vouched = login ? await apps.prefill(ctx, step, login.attributes) : await apps.vouched(ctx);
      const kept = request.query.beibehalten === '1';
      return sendStep(request, reply, loaded, step, request.query.aendern === '1', undefined, {
        vouched,
        ...(login && { login }),
        kept,
      });
    },
  );

  // A step with a file field posts multipart/form-data: parsed only in this scope, with limits
  // that bound memory before anything is read (citizen-uploads.ts, ADR 0027).
  app.register(async (scope) => {
    await scope.register(fastifyMultipart, { throwFileSizeLimit: false });
    registerStepPost(scope);
  });

  function registerStepPost(scope: FastifyInstance): void {
    scope.post<{ Params: StepParams; Querystring: { aendern?: string } }>(
      '/:tenant/:service/schritt/:step',
      async (request, reply) => {
        backToForm(request, 'step');
        const multipart = request.isMultipart();
        const token = multipart ? existingBrowserSession(security, request) : validSession(request);
        if (!token) {
          if (!multipart) await keepTyped(request);
          throw new CsrfError();
        }
        const loaded = await loadOpenDraft(request, reply);
        if (!loaded) return reply;
        const { service, ctx, urls } = loaded;
        const stepId = request.params.step;
        // Files are stored as they arrive, one at a time (memory holds at most one file).
        const posted: MultipartStep = multipart
          ? await readMultipartStep(request, {
              checkCsrf: (given) => {
                if (!csrfValid(security, CSRF_PURPOSE, token, given)) throw new CsrfError();
              },
              hasInput: (name) => {
                const step = ctx.model.step(stepId);
                return step !== undefined && isStepInputName(step, name);
              },
              fileField: (name) => fileFieldOf(ctx.version.definition, stepId, name),
              keep: {
                screen: async (key, content) => {
                  const screened = await apps.screenFile(ctx, key, content);
                  // The operator's signal that clamd is down or found something (no file name).
                  if (!screened.ok) {
                    request.log.warn(
                      { event: 'attachment.refused', tenant: service.tenant.slug, reason: screened.reason },
                      'upload refused by the malware check',
                    );
                  }
                  return screened;
                },
                store: (key, file) => apps.attachFile(ctx, stepId, key, file, request.ip),
              },
            })
          : { raw: formFields(request), refused: [], added: [] };
        if (posted.added.length > 0) {
          request.log.info(
            {
              event: 'attachment.uploaded',
              tenant: service.tenant.slug,
              service: ctx.version.slug,
              count: posted.added.length,
            },
            'files uploaded',
          );
        }
        const returnToCheck = request.query.aendern === '1';
        const login = await loginState(request, ctx.version, token);
        // Read-only prefilled fields keep their vouched values, whatever was posted (ADR 0049).
        const locked = await apps.lockPrefilled(ctx, stepId, posted.raw);
        const outcome = await apps.postStep(ctx, stepId, {
          ...posted,
          raw: locked.raw,
          returnToCheck,
          ...(login && { login }),
        });
        if (outcome.kind === 'go') {
          // The same step again, saying the value was kept, before the citizen goes on.
          if (locked.changed && outcome.to.kind !== 'confirmation' && outcome.to.kind !== 'start') {
            const again = urls.step(stepId, returnToCheck);
            return reply.redirect(`${again}${again.includes('?') ? '&' : '?'}beibehalten=1`, 303);
          }
          return reply.redirect(targetUrl(urls, outcome.to), 303);
        }
        const account = {
          vouched: await apps.vouched(ctx),
          ...(outcome.kind === 'show' && { kept: locked.changed }),
        };
        return sendStep(request, reply, loaded, outcome.step, returnToCheck, outcome, account);
      },
    );
  }

  /**
   * Suggestions for a long list's searchable input, from the version of the citizen's draft. Only
   * for a browser with a draft; private, as the draft decides the version.
   */
  app.get<{ Params: ServiceParams & { key: string }; Querystring: { q?: string | string[] } }>(
    '/:tenant/:service/auswahl/:key',
    async (request, reply) => {
      const service = await apps.service(request.params.tenant, request.params.service);
      const token = existingBrowserSession(security, request);
      const ctx = token ? await apps.findDraft(service, sessionHash(token)) : undefined;
      return sendSuggestions(
        reply,
        ctx?.model,
        request.params.key,
        request.query.q,
        localeOf(request),
        'private, max-age=300',
      );
    },
  );

  const renderCheck = async (
    request: FastifyRequest,
    reply: FastifyReply,
    { service, ctx, token, urls }: LoadedDraft,
    declarationError: boolean,
    status: number,
  ) => {
    const locale = localeOf(request);
    const final = ctx.model.finalize(ctx.draft.answers, apps.engineContext());
    // The engine's own messages (also of cross-field rules), each linking into its step.
    const problems = final.errors.map((e) => ({
      stepId: e.stepId,
      inputId: e.inputId,
      message: summaryText(e, locale),
    }));
    const applicable = ctx.model.applicableSteps(ctx.draft.answers);
    const last = applicable[applicable.length - 1];
    const sfe = isSchriftformersatz(ctx.version.definition)
      ? await logins.current(service.tenant.id, sessionHash(token))
      : undefined;
    noStore(reply);
    return reply
      .code(status)
      .type(HTML)
      .send(
        checkPage(await pageContext(request, service.tenant), {
          service: ctx.version,
          sections: ctx.model.summary(ctx.draft.answers, locale),
          problems,
          declarationError,
          csrf: csrfToken(security, CSRF_PURPOSE, token),
          backHref: last ? urls.step(last.id) : urls.start,
          computed: summarizeComputed(ctx.model.definition, final.answers, locale),
          ...(final.fee !== undefined && { fee: final.fee }),
          schriftformersatz: sfe && { provider: providerText(sfe.provider, locale), level: sfe.level },
        }),
      );
  };

  app.get<{ Params: ServiceParams }>('/:tenant/:service/pruefen', async (request, reply) => {
    const loaded = await loadOpenDraft(request, reply);
    if (!loaded) return reply;
    if (await loginRedirect(reply, loaded)) return reply;
    return renderCheck(request, reply, loaded, false, 200);
  });

  app.post<{ Params: ServiceParams }>('/:tenant/:service/absenden', async (request, reply) => {
    backToForm(request, 'check');
    requireSession(request);
    const loaded = await loadDraft(request, reply);
    if (!loaded) return reply;
    if (loaded.ctx.draft.submissionId === null && (await loginRedirect(reply, loaded))) return reply;
    const { service, ctx, urls } = loaded;
    const body = formFields(request);
    // The login is read for every service (one lookup per submit): it is recorded with the
    // submission whether or not the service requires one (ADR 0048).
    const login = await logins.current(service.tenant.id, sessionHash(loaded.token));
    const outcome = await apps.submit(ctx, body.erklaerung === 'ja', login);
    if (outcome.kind === 'login-needed') return reply.redirect(urls.login, 303);
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
      return reply.redirect(urls.confirmation, 303);
    }
    return renderCheck(request, reply, loaded, outcome.kind === 'declaration-missing', 400);
  });

  // "Antrag verwerfen" (start page with an open draft, check page): the draft and its files go now.
  app.post<{ Params: ServiceParams }>('/:tenant/:service/verwerfen', async (request, reply) => {
    backToForm(request, 'start');
    requireSession(request);
    const loaded = await loadDraft(request, reply);
    if (!loaded) return reply;
    const { service, ctx, urls } = loaded;
    if (!(await apps.discardDraft(ctx))) return reply.redirect(urls.confirmation, 303);
    request.log.info(
      { event: 'draft.discarded', tenant: service.tenant.slug, service: ctx.version.slug },
      'draft discarded',
    );
    return reply.redirect(`${urls.start}?verworfen=1`, 303);
  });

  app.get<{ Params: ServiceParams }>('/:tenant/:service/eingegangen', async (request, reply) => {
    const loaded = await loadDraft(request, reply);
    if (!loaded) return reply;
    const { service, ctx, urls } = loaded;
    const submission = await apps.confirmation(ctx);
    // Not submitted yet (a bookmark, the back button): on to what still needs answers.
    if (!submission)
      return reply.redirect(
        targetUrl(urls, continueAt(ctx.model, ctx.draft.answers, apps.engineContext())),
        303,
      );
    noStore(reply);
    const offered = await receipts.offered(service.tenant.id);
    const locale = localeOf(request);
    const sfe = submission.schriftformersatz ? submission.identity : null;
    return reply
      .type(HTML)
      .send(
        confirmationPage(
          await pageContext(request, service.tenant),
          ctx.version,
          submission,
          offered && { href: urls.receipt, demo: offered.demo },
          sfe
            ? { provider: providerText(sfe.provider, locale), level: sfe.level, loggedInAt: sfe.loggedInAt }
            : undefined,
        ),
      );
  });

  // The sealed receipt (ADR 0032), only for the browser session whose draft became the submission:
  // any other browser, even one that knows the reference, finds nothing here (404).
  app.get<{ Params: ServiceParams }>('/:tenant/:service/eingangsbestaetigung.pdf', async (request, reply) => {
    const service = await apps.service(request.params.tenant, request.params.service);
    const token = existingBrowserSession(security, request);
    const ctx = token ? await apps.findDraft(service, sessionHash(token)) : undefined;
    if (!ctx || ctx.draft.submissionId === null) throw new NotFoundError('receipt');
    const receipt = await receipts.forCitizen(service.tenant, ctx.draft.submissionId, localeOf(request));
    if (!receipt) throw new NotFoundError('receipt');
    return sendReceipt(reply, receipt);
  });

  // Everything that was sent, to print or keep: only for the browser session that sent it.
  app.get<{ Params: ServiceParams }>(
    '/:tenant/:service/eingegangen/zusammenfassung',
    async (request, reply) => {
      const loaded = await loadDraft(request, reply);
      if (!loaded) return reply;
      const { service, ctx, urls } = loaded;
      const sent = await apps.sentApplication(ctx);
      if (sent.kind === 'not-sent') return reply.redirect(urls.confirmation, 303);
      noStore(reply);
      if (sent.kind === 'expired') {
        return reply
          .code(410)
          .type(HTML)
          .send(sentSummaryGonePage(await pageContext(request, service.tenant), ctx.version));
      }
      const locale = localeOf(request);
      const { submission } = sent;
      return reply.type(HTML).send(
        sentSummaryPage(await pageContext(request, service.tenant), {
          service: ctx.version,
          submission,
          sections: ctx.model.summary(submission.answers, locale),
          computed: summarizeComputed(ctx.model.definition, submission.answers, locale),
        }),
      );
    },
  );
}
