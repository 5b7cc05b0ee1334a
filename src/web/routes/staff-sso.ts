/**
 * Staff single sign-on (ADR 0056): a municipality's staff login page with its SSO button
 * (`/staff/login/{municipality}`), the way to its provider (`/staff/sso/{municipality}`), the
 * provider's callback, and the admin's SSO page. Each handler parses HTTP, calls one use case of
 * `StaffSso` and redirects or renders.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../core/errors.ts';
import { type StaffSso, ssoCallbackUrl } from '../../core/staff-sso/staff-sso.ts';
import { localize } from '../../definition/types.ts';
import { browserSession, existingBrowserSession } from '../browser-session.ts';
import { formFields } from '../form-body.ts';
import { csrfToken, localeOf, STAFF_COOKIE, single, type WebSecurity } from '../request-context.ts';
import { type StaffSessions, staffCookieOptions, staffHome } from '../staff-session.ts';
import { loginPage } from '../views/staff.ts';
import { ssoAdminPage, ssoProblemPage, ssoSignedInPage } from '../views/staff-sso.ts';
import { texts } from './admin.ts';

const HTML = 'text/html; charset=utf-8';
/** The password form's CSRF purpose (routes/staff.ts), which this page carries too. */
const LOGIN_PURPOSE = 'staff-login';
const SLUG = /^[a-z0-9-]{1,63}$/;

interface TenantParams {
  tenant: string;
}

export function registerStaffSsoRoutes(
  app: FastifyInstance,
  sso: StaffSso,
  sessions: StaffSessions,
  security: WebSecurity,
  baseUrl: string,
): void {
  const sessionHash = (token: string) => security.tokens.hash(token);
  const slugOf = (request: FastifyRequest<{ Params: TenantParams }>) => {
    if (!SLUG.test(request.params.tenant)) throw new NotFoundError('tenant');
    return request.params.tenant;
  };
  const loginPath = (slug: string) => `/staff/login/${slug}`;

  app.get<{ Params: TenantParams; Querystring: { abgebrochen?: string } }>(
    '/staff/login/:tenant',
    async (request, reply) => {
      const slug = slugOf(request);
      const signedIn = await sessions.current(request);
      if (signedIn) return reply.redirect(staffHome(signedIn.session), 303);
      const locale = localeOf(request);
      const { tenant, offered } = await sso.loginOffer(slug);
      const token = browserSession(security, request, reply);
      return reply.type(HTML).send(
        loginPage(
          { locale, currentPath: request.url },
          {
            csrf: csrfToken(security, LOGIN_PURPOSE, token),
            username: '',
            sso: offered
              ? {
                  href: `/staff/sso/${tenant.slug}`,
                  tenantName: localize(tenant.name, locale),
                  cancelled: single(request.query.abgebrochen) === '1',
                }
              : undefined,
          },
        ),
      );
    },
  );

  app.get<{ Params: TenantParams }>('/staff/sso/:tenant', async (request, reply) => {
    const slug = slugOf(request);
    const token = browserSession(security, request, reply);
    const outcome = await sso.begin(slug, sessionHash(token));
    if (outcome.kind === 'not-offered') throw new NotFoundError('single sign-on');
    if (outcome.kind === 'unavailable') {
      request.log.warn({ event: 'staff.sso_unavailable', tenant: slug }, 'sso provider unavailable');
      return reply
        .code(503)
        .type(HTML)
        .send(ssoProblemPage(localeOf(request), request.url, 'unavailable', loginPath(slug)));
    }
    return reply.redirect(outcome.url, 303);
  });

  app.get<{ Params: TenantParams }>('/staff/sso/:tenant/callback', async (request, reply) => {
    const slug = slugOf(request);
    const locale = localeOf(request);
    const token = existingBrowserSession(security, request);
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    const outcome = token
      ? await sso.complete({
          tenantSlug: slug,
          callbackUrl: new URL(`${ssoCallbackUrl(baseUrl, slug)}${query}`),
          sessionHash: sessionHash(token),
        })
      : ({ kind: 'unknown' } as const);
    switch (outcome.kind) {
      case 'signed-in': {
        const { session } = outcome;
        request.log.info(
          { event: 'staff.sso_login', account: session.accountId, created: outcome.created },
          'staff sso login',
        );
        reply.setCookie(STAFF_COOKIE, outcome.token, staffCookieOptions(security));
        return reply.type(HTML).send(ssoSignedInPage(locale, request.url, staffHome(session)));
      }
      case 'cancelled':
        return reply.redirect(`${loginPath(slug)}?abgebrochen=1`, 303);
      case 'refused':
        request.log.warn({ event: 'staff.sso_refused', tenant: slug, reason: outcome.reason }, 'sso refused');
        return reply
          .code(403)
          .type(HTML)
          .send(ssoProblemPage(locale, request.url, outcome.reason, loginPath(slug)));
      case 'unknown':
        return reply
          .code(400)
          .type(HTML)
          .send(ssoProblemPage(locale, request.url, 'unknown', loginPath(slug)));
    }
  });

  app.get<{ Querystring: { gespeichert?: string } }>('/staff/admin/sso', async (request, reply) => {
    const staff = await sessions.require(request, reply);
    if (!staff) return reply;
    const data = await sso.settingsPage(staff.session);
    return reply
      .type(HTML)
      .send(
        ssoAdminPage(
          { locale: localeOf(request), currentPath: request.url },
          { session: staff.session, csrf: staff.csrf },
          { ...data, saved: single(request.query.gespeichert) === '1' },
        ),
      );
  });

  app.post('/staff/admin/sso', async (request, reply) => {
    const staff = await sessions.requirePost(request, reply);
    if (!staff) return reply;
    const outcome = await sso.saveSettings(staff.session, texts(formFields(request)));
    if (!outcome.ok) {
      const data = await sso.settingsPage(staff.session);
      return reply
        .code(400)
        .type(HTML)
        .send(
          ssoAdminPage(
            { locale: localeOf(request), currentPath: request.url },
            { session: staff.session, csrf: staff.csrf },
            { ...data, saved: false, refused: { typed: outcome.typed, problems: outcome.problems } },
          ),
        );
    }
    request.log.info(
      { event: 'setting.changed', kind: 'staff.sso', changed: outcome.changed },
      'setting changed',
    );
    return reply.redirect('/staff/admin/sso?gespeichert=1', 303);
  });
}
