/**
 * "Meine Anträge" (ADR 0049) under `/{tenant}/meine-antraege` (the slug is reserved for services):
 * a logged-in citizen's unfinished and sent applications at the municipality, and continuing an
 * unfinished one in this browser.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Applications } from '../../core/applications.ts';
import type { CitizenLogins } from '../../core/identity/citizen-logins.ts';
import type { MyApplications } from '../../core/identity/my-applications.ts';
import { continueAt } from '../../core/step-post.ts';
import { localize } from '../../definition/types.ts';
import { browserSession, existingBrowserSession } from '../browser-session.ts';
import { citizenUrls, myApplicationsUrls, targetUrl } from '../citizen-urls.ts';
import { formFields } from '../form-body.ts';
import { CsrfError, offerOnError } from '../http-errors.ts';
import { csrfToken, csrfValid, easyLanguageOf, localeOf, type WebSecurity } from '../request-context.ts';
import { myApplicationsPage } from '../views/my-applications.ts';

const HTML = 'text/html; charset=utf-8';
/** The citizen pages' CSRF purpose (the list's forms sit among them). */
const CSRF_PURPOSE = 'citizen';

interface TenantParams {
  tenant: string;
}

export function registerMyApplicationsRoutes(
  app: FastifyInstance,
  apps: Applications,
  logins: CitizenLogins,
  myApps: MyApplications,
  security: WebSecurity,
): void {
  const sessionHash = (token: string) => security.tokens.hash(token);
  const pageOf = (
    request: FastifyRequest,
    tenant: Awaited<ReturnType<Applications['tenant']>>,
    loggedIn: boolean,
  ) => ({
    locale: localeOf(request),
    easy: easyLanguageOf(request),
    tenant,
    currentPath: request.url,
    loggedIn,
  });

  app.get<{ Params: TenantParams }>('/:tenant/meine-antraege', async (request, reply) => {
    const tenant = await apps.tenant(request.params.tenant);
    const token = browserSession(security, request, reply);
    const login = await logins.current(tenant.id, sessionHash(token));
    // A list of a person's applications: never kept by a browser or proxy.
    reply.header('cache-control', 'no-store');
    return reply.type(HTML).send(
      myApplicationsPage(pageOf(request, tenant, login !== undefined), {
        applications: login && (await myApps.list(login)),
        csrf: csrfToken(security, CSRF_PURPOSE, token),
      }),
    );
  });

  app.post<{ Params: TenantParams }>('/:tenant/meine-antraege/fortsetzen', async (request, reply) => {
    const urls = myApplicationsUrls(request.params.tenant);
    offerOnError(request, { href: urls.list, label: 'error.next.form' });
    const token = existingBrowserSession(security, request);
    const body = formFields(request);
    if (!token || !csrfValid(security, CSRF_PURPOSE, token, body._csrf)) throw new CsrfError();
    const tenant = await apps.tenant(request.params.tenant);
    const login = await logins.current(tenant.id, sessionHash(token));
    // Logged out meanwhile: the list says to log in.
    if (!login) return reply.redirect(urls.list, 303);
    const draftId = typeof body.antrag === 'string' ? body.antrag : '';
    const outcome = await myApps.continueDraft(login, draftId);
    if (outcome.kind === 'moved') {
      request.log.info(
        { event: 'draft.continued', tenant: tenant.slug },
        'draft continued in another browser',
      );
      // On where the draft is (the pages themselves ask for a login the service needs).
      const service = await apps.service(tenant.slug, outcome.serviceSlug);
      const urls = citizenUrls(tenant.slug, outcome.serviceSlug);
      const moved = await apps.findDraft(service, sessionHash(token));
      const to = moved
        ? targetUrl(urls, continueAt(moved.model, moved.draft.answers, apps.engineContext()))
        : urls.start;
      return reply.redirect(to, 303);
    }
    const applications = await myApps.list(login);
    const service = applications.drafts.find((d) => d.id === draftId);
    reply.header('cache-control', 'no-store');
    return reply
      .code(outcome.kind === 'occupied' ? 409 : 404)
      .type(HTML)
      .send(
        myApplicationsPage(pageOf(request, tenant, true), {
          applications,
          csrf: csrfToken(security, CSRF_PURPOSE, token),
          problem:
            outcome.kind === 'occupied'
              ? {
                  kind: 'occupied',
                  service: service ? localize(service.serviceTitle, localeOf(request)) : '',
                }
              : { kind: 'gone' },
        }),
      );
  });
}
