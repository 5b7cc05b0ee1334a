/**
 * What the citizen pages' header shows of the browser session's login (ADR 0048), and the logout
 * that every citizen page's header posts to: `POST /{tenant}/abmelden`, the same logout as the
 * login page's (our login ends, then the provider's where it has an RP-initiated logout).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Applications } from '../../core/applications.ts';
import type { Tenant } from '../../core/domain.ts';
import type { CitizenLogins } from '../../core/identity/citizen-logins.ts';
import type { MyApplications } from '../../core/identity/my-applications.ts';
import type { IdentityAttributes } from '../../core/identity/records.ts';
import { type Locale, localize } from '../../definition/types.ts';
import { existingBrowserSession } from '../browser-session.ts';
import { tenantHome } from '../citizen-urls.ts';
import { formFields } from '../form-body.ts';
import { CsrfError } from '../http-errors.ts';
import { csrfToken, csrfValid, type WebSecurity } from '../request-context.ts';
import { sessionLogin } from '../session-login.ts';
import type { HeaderLogin } from '../views/citizen-login-header.ts';

const CSRF_PURPOSE = 'citizen';

/** The name the provider vouched for: the person's, else the business's. */
function nameOf(attributes: IdentityAttributes): string | undefined {
  const person = [attributes.givenName, attributes.familyName].filter(Boolean).join(' ');
  return person || attributes.organization || undefined;
}

/** Where the header's logout form posts. */
export const logoutPath = (tenantSlug: string) => `${tenantHome(tenantSlug)}/abmelden`;

/**
 * The header's login for this request, or undefined without one. A browser without a session
 * cookie costs nothing; with one, one lookup by primary key.
 */
export async function headerLogin(
  logins: CitizenLogins,
  security: WebSecurity,
  request: FastifyRequest,
  tenant: Tenant,
  locale: Locale,
): Promise<HeaderLogin | undefined> {
  const token = existingBrowserSession(security, request);
  if (!token) return undefined;
  const login = await sessionLogin(request, logins, tenant.id, security.tokens.hash(token));
  if (!login) return undefined;
  const label = logins.providerLabel(login.provider);
  return {
    name: nameOf(login.attributes),
    provider: label ? localize(label, locale) : login.provider,
    level: login.level,
    action: logoutPath(tenant.slug),
    csrf: csrfToken(security, CSRF_PURPOSE, token),
  };
}

/** The header's logout, for any citizen page of the municipality. */
export function registerHeaderLogout(
  app: FastifyInstance,
  apps: Applications,
  logins: CitizenLogins,
  security: WebSecurity,
  myApps: MyApplications,
): void {
  app.post<{ Params: { tenant: string } }>('/:tenant/abmelden', async (request, reply) => {
    const token = existingBrowserSession(security, request);
    if (!token || !csrfValid(security, CSRF_PURPOSE, token, formFields(request)._csrf)) throw new CsrfError();
    const tenant = await apps.tenant(request.params.tenant);
    // As the service pages' logout: the identity's open drafts leave this browser (ADR 0049).
    const login = await logins.current(tenant.id, security.tokens.hash(token));
    if (login) await myApps.releaseSessionDrafts(login);
    const { providerLogout } = await logins.logout(tenant, security.tokens.hash(token));
    request.log.info({ event: 'citizen.logout' }, 'citizen logged out');
    return reply.redirect(providerLogout ?? tenantHome(tenant.slug), 303);
  });
}
