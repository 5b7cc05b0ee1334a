/**
 * Verwaltung page of the pull API's keys (ADR 0041). The use case (`ApiKeys`) checks the admin
 * role and takes the municipality from the session; another municipality's key answers 404. The
 * forms are CSRF-checked (`requirePost`); a refused form answers 400 with its errors and changes
 * nothing; a success redirects (303). A new key reaches the page after the redirect through
 * `shown-once.ts` (sealed, bound to the session and the page, gone after it is shown).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ApiKeys } from '../../core/pull-api/api-keys.ts';
import { formFields } from '../form-body.ts';
import { localeOf, single, type WebSecurity } from '../request-context.ts';
import { shownOnce } from '../shown-once.ts';
import type { CurrentStaff, StaffSessions } from '../staff-session.ts';
import { API_KEYS_PATH, apiKeysPage } from '../views/admin-api-keys.ts';
import type { StaffPage } from '../views/staff.ts';

const HTML = 'text/html; charset=utf-8';

export function registerAdminApiKeyRoutes(
  app: FastifyInstance,
  apiKeys: ApiKeys,
  sessions: StaffSessions,
  security: WebSecurity,
): void {
  const once = shownOnce(security, security.now);
  const staffPage = (request: FastifyRequest): StaffPage => ({
    locale: localeOf(request),
    currentPath: request.url,
  });
  const frame = (staff: CurrentStaff) => ({ session: staff.session, csrf: staff.csrf });

  app.get<{ Querystring: { neu?: string; widerrufen?: string } }>(API_KEYS_PATH, async (request, reply) => {
    const staff = await sessions.require(request, reply);
    if (!staff) return reply;
    const { keys, services } = await apiKeys.list(staff.session);
    const newId = single(request.query.neu);
    const secret =
      newId === undefined
        ? undefined
        : once.take(request, reply, API_KEYS_PATH, `${staff.session.id}|${newId}`);
    const createdKey = secret === undefined ? undefined : keys.find((k) => k.id === newId);
    return reply.type(HTML).send(
      apiKeysPage(staffPage(request), frame(staff), {
        keys,
        services,
        created: createdKey && secret ? { label: createdKey.label, secret } : undefined,
        revoked: single(request.query.widerrufen) === '1',
      }),
    );
  });

  app.post(API_KEYS_PATH, async (request, reply) => {
    const staff = await sessions.requirePost(request, reply);
    if (!staff) return reply;
    const form = formFields(request);
    const values = { label: single(form.bezeichnung) ?? '', serviceId: single(form.leistung) ?? '' };
    const outcome = await apiKeys.create(staff.session, {
      label: values.label,
      serviceId: values.serviceId === '' ? null : values.serviceId,
    });
    if (!outcome.ok) {
      const { keys, services } = await apiKeys.list(staff.session);
      return reply
        .code(400)
        .type(HTML)
        .send(
          apiKeysPage(staffPage(request), frame(staff), {
            keys,
            services,
            values,
            problems: outcome.problems,
          }),
        );
    }
    request.log.info({ event: 'api_key.created', key: outcome.key.id }, 'API key created');
    once.keep(reply, API_KEYS_PATH, `${staff.session.id}|${outcome.key.id}`, outcome.secret);
    return reply.redirect(`${API_KEYS_PATH}?neu=${encodeURIComponent(outcome.key.id)}`, 303);
  });

  app.post<{ Params: { id: string } }>(`${API_KEYS_PATH}/:id/widerrufen`, async (request, reply) => {
    const staff = await sessions.requirePost(request, reply);
    if (!staff) return reply;
    const revoked = await apiKeys.revoke(staff.session, request.params.id);
    request.log.info({ event: 'api_key.revoked', key: request.params.id, revoked }, 'API key revoked');
    return reply.redirect(`${API_KEYS_PATH}?widerrufen=1`, 303);
  });
}
