/**
 * The built-in test identity provider under `/test-idp` (ADR 0035). The provider's own endpoints
 * (discovery, authorization, token, JWKS, userinfo, logout) are `oidc-provider`'s, handed the raw
 * request; the persona page is ours: parse the form, tell the provider who logged in, redirect.
 */
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { personaById } from '../../adapters/identity/test-idp/personas.ts';
import { TEST_IDP_PATH, type TestIdp, type TestIdpPages } from '../../adapters/identity/test-idp/provider.ts';
import { isAssuranceLevel } from '../../core/identity/levels.ts';
import type { Locale } from '../../definition/types.ts';
import { formFields } from '../form-body.ts';
import { CsrfError } from '../http-errors.ts';
import { csrfToken, csrfValid, localeOf, type WebSecurity } from '../request-context.ts';
import { HSTS_HEADER, SECURITY_HEADERS } from '../security-headers.ts';
import {
  interactionGonePage,
  loggedOutPage,
  logoutPage,
  personaPage,
  refusedPage,
} from '../views/test-idp.ts';

const HTML = 'text/html; charset=utf-8';
const CSRF_PURPOSE = 'test-idp';

/** The language of a request the provider is handling, for the pages it asks us to render. */
const localeOfRaw = new WeakMap<IncomingMessage, { locale: Locale; path: string }>();
const pageContext = (req: IncomingMessage) => localeOfRaw.get(req) ?? { locale: 'de' as Locale, path: '/' };

/** The pages `oidc-provider` renders itself, in the citizen's language and marked as a test system. */
export const testIdpPages: TestIdpPages = {
  logout: (req, form) => logoutPage(pageContext(req).locale, pageContext(req).path, form),
  loggedOut: (req) => loggedOutPage(pageContext(req).locale, pageContext(req).path),
  error: (req, error) => refusedPage(pageContext(req).locale, pageContext(req).path, error.error),
};

interface InteractionParams {
  uid: string;
}

export function registerTestIdpRoutes(app: FastifyInstance, idp: TestIdp, security: WebSecurity): void {
  const interactionUrl = (uid: string) => `${TEST_IDP_PATH}/interaction/${encodeURIComponent(uid)}`;

  const headers =
    security.secureCookies && security.protect ? { ...SECURITY_HEADERS, ...HSTS_HEADER } : SECURITY_HEADERS;

  /** The provider's endpoints get the raw request, its path below the mount point. */
  const handOver = (request: FastifyRequest, reply: FastifyReply) => {
    const raw = request.raw as IncomingMessage & { originalUrl?: string };
    localeOfRaw.set(raw, { locale: localeOf(request), path: request.url });
    raw.originalUrl = raw.url;
    raw.url = (raw.url ?? '').slice(TEST_IDP_PATH.length) || '/';
    reply.hijack();
    for (const [name, value] of Object.entries(headers)) reply.raw.setHeader(name, value);
    idp.handle(raw, reply.raw);
  };
  // In its own scope the body is left unread: the provider reads and bounds it itself (56 kB).
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
    scope.route({ method: ['GET', 'POST'], url: `${TEST_IDP_PATH}/*`, handler: handOver });
  });

  const gone = (request: FastifyRequest, reply: FastifyReply) =>
    reply
      .code(404)
      .type(HTML)
      .send(interactionGonePage(localeOf(request), request.url));

  app.get<{ Params: InteractionParams }>(`${TEST_IDP_PATH}/interaction/:uid`, async (request, reply) => {
    const open = await idp.interaction(request.raw, reply.raw, request.params.uid);
    if (!open) return gone(request, reply);
    reply.header('cache-control', 'no-store');
    return reply.type(HTML).send(
      personaPage(localeOf(request), request.url, {
        action: `${interactionUrl(open.uid)}/anmelden`,
        cancelAction: `${interactionUrl(open.uid)}/abbrechen`,
        csrf: csrfToken(security, CSRF_PURPOSE, open.uid),
        requestedLevel: open.requestedLevel,
        chosen: {},
        errors: {},
      }),
    );
  });

  app.post<{ Params: InteractionParams }>(
    `${TEST_IDP_PATH}/interaction/:uid/anmelden`,
    async (request, reply) => {
      const open = await idp.interaction(request.raw, reply.raw, request.params.uid);
      if (!open) return gone(request, reply);
      const body = formFields(request);
      if (!csrfValid(security, CSRF_PURPOSE, open.uid, body._csrf)) throw new CsrfError();
      const persona = typeof body.persona === 'string' ? body.persona : undefined;
      const level = typeof body.niveau === 'string' ? body.niveau : undefined;
      // An unknown persona (a forged form) is the same mistake as none chosen.
      const known = persona !== undefined && personaById(persona) !== undefined;
      if (known && isAssuranceLevel(level)) {
        const redirect = await idp.login(request.raw, reply.raw, persona, level);
        if (redirect !== undefined) return reply.redirect(redirect, 303);
      }
      reply.header('cache-control', 'no-store');
      return reply
        .code(400)
        .type(HTML)
        .send(
          personaPage(localeOf(request), interactionUrl(open.uid), {
            action: `${interactionUrl(open.uid)}/anmelden`,
            cancelAction: `${interactionUrl(open.uid)}/abbrechen`,
            csrf: csrfToken(security, CSRF_PURPOSE, open.uid),
            requestedLevel: open.requestedLevel,
            chosen: { ...(persona !== undefined && { persona }), ...(level !== undefined && { level }) },
            errors: { persona: !known, level: !isAssuranceLevel(level) },
          }),
        );
    },
  );

  app.post<{ Params: InteractionParams }>(
    `${TEST_IDP_PATH}/interaction/:uid/abbrechen`,
    async (request, reply) => {
      const open = await idp.interaction(request.raw, reply.raw, request.params.uid);
      if (!open) return gone(request, reply);
      if (!csrfValid(security, CSRF_PURPOSE, open.uid, formFields(request)._csrf)) throw new CsrfError();
      return reply.redirect(await idp.cancel(request.raw, reply.raw), 303);
    },
  );
}
