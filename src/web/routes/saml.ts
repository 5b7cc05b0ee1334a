/**
 * SAML service provider routes (ADR 0050), installation-wide like the OpenID callbacks: our
 * metadata at `GET /auth/saml/{provider}/metadata`, the assertion consumer service at
 * `POST /auth/saml/{provider}/acs` (HTTP-POST binding) and the single logout service at
 * `GET /auth/saml/{provider}/slo` (HTTP-Redirect binding: the provider's LogoutResponse to ours,
 * and its own LogoutRequest, which ends our logins from its session; both signed by it).
 *
 * The ACS is the one state-changing POST without our CSRF token: the identity provider's page
 * posts it cross-site by design, and our SameSite cookie does not come with it. It is protected by
 * what it carries instead: the one-time `RelayState` names the pending login of the browser
 * session that began it, and the signed assertion's `InResponseTo` must be that login's request.
 * An attacker can only complete a login they began themselves, for their own browser session.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../core/errors.ts';
import type { CitizenLogins } from '../../core/identity/citizen-logins.ts';
import type { MyApplications } from '../../core/identity/my-applications.ts';
import { tenantHome } from '../citizen-urls.ts';
import { formFields } from '../form-body.ts';
import { t } from '../i18n.ts';
import { localeOf } from '../request-context.ts';
import { messagePage } from '../views/layout.ts';
import { continueAfterLogin } from './login-completed.ts';

const HTML = 'text/html; charset=utf-8';

export function registerSamlRoutes(
  app: FastifyInstance,
  logins: CitizenLogins,
  myApps: MyApplications,
): void {
  /** A message page (title and text from the catalogue), e.g. a refusal as a 400. */
  const sendMessage = (
    request: FastifyRequest,
    reply: FastifyReply,
    status: 200 | 400,
    texts: 'login.refused' | 'login.unknown' | 'logout.refused' | 'logout.ended',
    next?: { href: string; label: string },
  ) => {
    const locale = localeOf(request);
    return reply
      .code(status)
      .type(HTML)
      .send(
        messagePage(
          locale,
          request.url,
          t(locale, `${texts}.title`),
          t(locale, `${texts}.body`),
          next && { next },
        ),
      );
  };

  app.get<{ Params: { provider: string } }>('/auth/saml/:provider/metadata', async (request, reply) => {
    const metadata = logins.serviceProviderMetadata(request.params.provider);
    if (metadata === undefined) throw new NotFoundError('identity provider');
    return reply.type('application/samlmetadata+xml; charset=utf-8').send(metadata);
  });

  app.post<{ Params: { provider: string } }>('/auth/saml/:provider/acs', async (request, reply) => {
    const fields: Record<string, string> = {};
    for (const [name, value] of Object.entries(formFields(request))) {
      // A field posted twice is ambiguous: neither copy is used.
      if (typeof value === 'string') fields[name] = value;
    }
    const outcome = await logins.completePosted({ providerId: request.params.provider, fields });
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
        return sendMessage(request, reply, 400, 'login.refused', {
          href: outcome.returnPath,
          label: t(localeOf(request), 'login.refused.back'),
        });
      case 'unknown':
        request.log.warn(
          { event: 'citizen.login.unknown', provider: request.params.provider },
          'SAML answer to no pending login',
        );
        return sendMessage(request, reply, 400, 'login.unknown');
    }
  });

  app.get<{ Params: { provider: string } }>('/auth/saml/:provider/slo', async (request, reply) => {
    // The signature covers the query exactly as sent: pass it on unparsed.
    const at = request.url.indexOf('?');
    const rawQuery = at < 0 ? '' : request.url.slice(at + 1);
    const outcome = await logins.providerLogout(request.params.provider, rawQuery);
    reply.header('cache-control', 'no-store');
    switch (outcome.kind) {
      case 'unknown':
        throw new NotFoundError('identity provider');
      case 'refused':
        request.log.warn(
          { event: 'citizen.logout.refused', provider: request.params.provider, reason: outcome.reason },
          'SAML logout message refused',
        );
        return sendMessage(request, reply, 400, 'logout.refused');
      case 'logged-out': {
        // Our LogoutRequest's RelayState is the municipality's slug (only ever used as a path).
        const slug = outcome.relayState;
        return reply.redirect(slug && /^[a-z0-9-]{1,63}$/.test(slug) ? tenantHome(slug) : '/', 303);
      }
      case 'ended':
        // As at our own logout: the identity's open drafts leave the browser sessions (ADR 0049).
        for (const login of outcome.logins) await myApps.releaseSessionDrafts(login);
        request.log.info(
          {
            event: 'citizen.logout.provider',
            provider: request.params.provider,
            ended: outcome.logins.length,
          },
          'logins ended by the provider',
        );
        if (outcome.answer) return reply.redirect(outcome.answer, 303);
        return sendMessage(request, reply, 200, 'logout.ended');
    }
  });
}
