/**
 * SAML service provider routes (ADR 0050), installation-wide like the OpenID callbacks: our
 * metadata at `GET /auth/saml/{provider}/metadata` and the assertion consumer service at
 * `POST /auth/saml/{provider}/acs` (HTTP-POST binding).
 *
 * The ACS is the one state-changing POST without our CSRF token: the identity provider's page
 * posts it cross-site by design, and our SameSite cookie does not come with it. It is protected by
 * what it carries instead: the one-time `RelayState` names the pending login of the browser
 * session that began it, and the signed assertion's `InResponseTo` must be that login's request.
 * An attacker can only complete a login they began themselves, for their own browser session.
 */
import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../core/errors.ts';
import type { CitizenLogins } from '../../core/identity/citizen-logins.ts';
import type { MyApplications } from '../../core/identity/my-applications.ts';
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
    const locale = localeOf(request);
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
        return reply
          .code(400)
          .type(HTML)
          .send(
            messagePage(
              locale,
              request.url,
              t(locale, 'login.refused.title'),
              t(locale, 'login.refused.body'),
              { next: { href: outcome.returnPath, label: t(locale, 'login.refused.back') } },
            ),
          );
      case 'unknown':
        request.log.warn(
          { event: 'citizen.login.unknown', provider: request.params.provider },
          'SAML answer to no pending login',
        );
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
  });
}
