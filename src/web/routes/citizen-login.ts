/**
 * Citizen login (ADR 0036): the login page of a service, the way to a provider, the installation-
 * wide callback `/auth/{provider}/callback`, logout and the way back from the provider's logout
 * (`/auth/{provider}/abgemeldet`). Each handler parses HTTP, calls one use case, redirects or renders.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Applications, ServiceContext } from '../../core/applications.ts';
import { NotFoundError } from '../../core/errors.ts';
import { type CitizenLogins, callbackUrl } from '../../core/identity/citizen-logins.ts';
import type { MyApplications } from '../../core/identity/my-applications.ts';
import { continueAt } from '../../core/step-post.ts';
import { browserSession, existingBrowserSession } from '../browser-session.ts';
import { citizenUrls, targetUrl, tenantHome } from '../citizen-urls.ts';
import { formFields } from '../form-body.ts';
import { CsrfError } from '../http-errors.ts';
import { t } from '../i18n.ts';
import { csrfToken, csrfValid, easyLanguageOf, localeOf, type WebSecurity } from '../request-context.ts';
import type { CitizenPage } from '../views/citizen.ts';
import { loginPage } from '../views/citizen-login.ts';
import { messagePage } from '../views/layout.ts';
import { headerLogin } from './citizen-header-login.ts';
import { continueAfterLogin } from './login-completed.ts';

const HTML = 'text/html; charset=utf-8';
/** The citizen pages' CSRF purpose: the logout form sits among them. */
const CSRF_PURPOSE = 'citizen';

interface ServiceParams {
  tenant: string;
  service: string;
}

export function registerCitizenLoginRoutes(
  app: FastifyInstance,
  apps: Applications,
  logins: CitizenLogins,
  security: WebSecurity,
  baseUrl: string,
  myApps: MyApplications,
): void {
  const sessionHash = (token: string) => security.tokens.hash(token);
  const pageContext = async (request: FastifyRequest, service: ServiceContext): Promise<CitizenPage> => {
    const locale = localeOf(request);
    return {
      locale,
      easy: easyLanguageOf(request),
      tenant: service.tenant,
      currentPath: request.url,
      login: await headerLogin(logins, security, request, service.tenant, locale),
    };
  };

  /** The version whose required level counts: the open draft's, else the service's current one. */
  const requirement = async (service: ServiceContext, token: string) => {
    const found = await apps.findDraft(service, sessionHash(token));
    const draft = found && found.draft.submissionId === null ? found : undefined;
    const version = draft?.version ?? service.version;
    return { draft, required: version.definition.local.identity?.level };
  };

  app.get<{ Params: ServiceParams; Querystring: { abgebrochen?: string; fehlgeschlagen?: string } }>(
    '/:tenant/:service/anmelden',
    async (request, reply) => {
      const service = await apps.service(request.params.tenant, request.params.service);
      const urls = citizenUrls(service.tenant.slug, service.version.slug);
      const token = browserSession(security, request, reply);
      const { draft, required } = await requirement(service, token);
      const login = await logins.current(service.tenant.id, sessionHash(token));
      const need = logins.need(required ?? 'none', login);
      if (need.kind === 'none') {
        // Logged in as needed (or nothing needed): on with the application.
        const to = draft
          ? targetUrl(urls, continueAt(draft.model, draft.draft.answers, apps.engineContext()))
          : urls.start;
        return reply.redirect(to, 303);
      }
      const offered = await logins.offered(service.tenant.id);
      const provider = login && offered.find((p) => p.id === login.provider);
      reply.header('cache-control', 'no-store');
      return reply.type(HTML).send(
        loginPage(await pageContext(request, service), {
          required: need.required,
          current: need.current,
          providers: offered.map((p) => ({ label: p.label, href: urls.loginWith(p.id) })),
          notice:
            request.query.abgebrochen === '1'
              ? 'cancelled'
              : request.query.fehlgeschlagen === '1'
                ? 'failed'
                : undefined,
          logout:
            login && provider
              ? {
                  action: urls.logout,
                  csrf: csrfToken(security, CSRF_PURPOSE, token),
                  provider: provider.label,
                }
              : undefined,
        }),
      );
    },
  );

  app.get<{ Params: ServiceParams & { provider: string } }>(
    '/:tenant/:service/anmelden/:provider',
    async (request, reply) => {
      const service = await apps.service(request.params.tenant, request.params.service);
      const urls = citizenUrls(service.tenant.slug, service.version.slug);
      const token = browserSession(security, request, reply);
      const { required } = await requirement(service, token);
      if (!required) return reply.redirect(urls.login, 303);
      const outcome = await logins.begin({
        tenant: service.tenant,
        providerId: request.params.provider,
        level: required,
        sessionHash: sessionHash(token),
        returnPath: urls.login,
      });
      if (outcome.kind === 'not-offered') throw new NotFoundError('identity provider');
      reply.header('cache-control', 'no-store');
      return reply.redirect(outcome.url, 303);
    },
  );

  app.get<{ Params: { provider: string } }>('/auth/:provider/callback', async (request, reply) => {
    const token = existingBrowserSession(security, request);
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    const outcome = token
      ? await logins.complete({
          providerId: request.params.provider,
          callbackUrl: new URL(`${callbackUrl(baseUrl, request.params.provider)}${query}`),
          sessionHash: sessionHash(token),
        })
      : ({ kind: 'unknown' } as const);
    reply.header('cache-control', 'no-store');
    switch (outcome.kind) {
      case 'logged-in':
        return continueAfterLogin(request, reply, outcome, myApps);
      case 'cancelled':
        return reply.redirect(`${outcome.returnPath}?abgebrochen=1`, 303);
      case 'refused':
        request.log.warn(
          { event: 'citizen.login.refused', provider: request.params.provider, reason: outcome.reason },
          'login refused',
        );
        return reply.redirect(`${outcome.returnPath}?fehlgeschlagen=1`, 303);
      case 'unknown': {
        const locale = localeOf(request);
        return reply
          .code(400)
          .type(HTML)
          .send(
            messagePage(
              locale,
              request.url,
              t(locale, 'login.unknown.title'),
              t(locale, 'login.unknown.body'),
            ),
          );
      }
    }
  });

  app.post<{ Params: ServiceParams }>('/:tenant/:service/abmelden', async (request, reply) => {
    const token = existingBrowserSession(security, request);
    if (!token || !csrfValid(security, CSRF_PURPOSE, token, formFields(request)._csrf)) throw new CsrfError();
    const service = await apps.service(request.params.tenant, request.params.service);
    // The identity's open drafts leave this browser with the login: the next person at a shared
    // computer does not get them; the citizen finds them under "Meine Anträge" (ADR 0049).
    const login = await logins.current(service.tenant.id, sessionHash(token));
    if (login) await myApps.releaseSessionDrafts(login);
    const { providerLogout } = await logins.logout(service.tenant, sessionHash(token));
    request.log.info({ event: 'citizen.logout' }, 'citizen logged out');
    return reply.redirect(
      providerLogout ?? citizenUrls(service.tenant.slug, service.version.slug).start,
      303,
    );
  });

  // Back from the provider's logout: `state` names the municipality (it is only used as a path).
  app.get<{ Params: { provider: string }; Querystring: { state?: string } }>(
    '/auth/:provider/abgemeldet',
    async (request, reply) => {
      const slug = request.query.state;
      return reply.redirect(slug && /^[a-z0-9-]{1,63}$/.test(slug) ? tenantHome(slug) : '/', 303);
    },
  );
}
