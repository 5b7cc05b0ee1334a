/**
 * Verwaltung pages under /staff/admin (ADR 0024). The tenant comes from the staff session; the use
 * cases (`TenantAdministration`) refuse accounts without the admin role and answer 404 for another
 * municipality's ids. Staff pages are `no-store` (hook in staff.ts). Every form is CSRF-checked,
 * answers a refusal with 400 and the form with its errors (nothing changed), and a success with a
 * 303 redirect. A generated password reaches the page after the redirect through `shown-once.ts`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LegalLinks } from '../../core/domain.ts';
import { NotFoundError } from '../../core/errors.ts';
import type { TenantAdministration } from '../../core/tenant-administration.ts';
import { type FormFields, formFields } from '../form-body.ts';
import { localeOf, single, type WebSecurity } from '../request-context.ts';
import { shownOnce } from '../shown-once.ts';
import type { CurrentStaff, StaffSessions } from '../staff-session.ts';
import { type AccountNotice, accountPage, accountsPage, newAccountPage } from '../views/admin-accounts.ts';
import {
  isSettingKindName,
  municipalityPage,
  SETTING_TEXTS,
  servicePage,
  servicesPage,
} from '../views/admin-settings.ts';
import type { StaffPage } from '../views/staff.ts';

const HTML = 'text/html; charset=utf-8';

interface AccountParams {
  id: string;
}
interface KindParams {
  kind: string;
}
interface ServiceParams {
  serviceId: string;
}

type Body = FormFields;

/** Every value of a form field that may be posted more than once (checkboxes). */
function list(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The form's text fields, first value each (a setting's options are read from these). */
export function texts(body: Body): Record<string, string> {
  const result = Object.create(null) as Record<string, string>;
  for (const name of Object.keys(body)) {
    const text = single(body[name]);
    if (name !== '_csrf' && text !== undefined) result[name] = text;
  }
  return result;
}

/** `?geaendert=…` of the redirect after a change -> the notice the account page shows. */
const CHANGED = new Map<string, AccountNotice>([
  ['rollen', 'roles'],
  ['passwort', 'password'],
  ['gesperrt', 'disabled'],
  ['entsperrt', 'enabled'],
]);

export function registerAdminRoutes(
  app: FastifyInstance,
  admin: TenantAdministration,
  sessions: StaffSessions,
  security: WebSecurity,
): void {
  const once = shownOnce(security);
  const staffPage = (request: FastifyRequest): StaffPage => ({
    locale: localeOf(request),
    currentPath: request.url,
  });
  const frame = (staff: CurrentStaff) => ({ session: staff.session, csrf: staff.csrf });
  const accountPath = (id: string) => `/staff/admin/konten/${id}`;
  const body = (request: FastifyRequest): Body => formFields(request);

  const renderAccount = async (
    request: FastifyRequest,
    reply: FastifyReply,
    staff: CurrentStaff,
    id: string,
    extra: Omit<Parameters<typeof accountPage>[2], 'account' | 'history' | 'self'> = {},
  ) => {
    const { account, history } = await admin.account(staff.session, id);
    return reply.type(HTML).send(
      accountPage(staffPage(request), frame(staff), {
        account,
        history,
        self: account.id === staff.session.accountId,
        ...extra,
      }),
    );
  };

  // ---- Staff accounts ----

  app.get('/staff/admin', async (request, reply) => {
    const staff = await sessions.require(request, reply);
    if (!staff) return reply;
    const { accounts } = await admin.accounts(staff.session);
    return reply.type(HTML).send(accountsPage(staffPage(request), frame(staff), accounts));
  });

  app.get('/staff/admin/konten/neu', async (request, reply) => {
    const staff = await sessions.require(request, reply);
    if (!staff) return reply;
    // Checks the role before showing a form that only an admin may send.
    await admin.accounts(staff.session);
    return reply.type(HTML).send(
      newAccountPage(staffPage(request), frame(staff), {
        values: { username: '', displayName: '', roles: [] },
        problems: [],
      }),
    );
  });

  app.post('/staff/admin/konten/neu', async (request, reply) => {
    const staff = await sessions.requirePost(request, reply);
    if (!staff) return reply;
    const form = body(request);
    const values = {
      username: single(form.username) ?? '',
      displayName: single(form.name) ?? '',
      roles: list(form.rollen),
    };
    const outcome = await admin.createAccount(staff.session, {
      ...values,
      password: single(form.passwort) ?? '',
    });
    if (!outcome.ok) {
      return reply
        .code(400)
        .type(HTML)
        .send(newAccountPage(staffPage(request), frame(staff), { values, problems: outcome.problems }));
    }
    request.log.info({ event: 'staff.created', account: outcome.account.id }, 'staff account created');
    const path = accountPath(outcome.account.id);
    if (outcome.generated) once.keep(reply, path, staff.session.id, outcome.password);
    return reply.redirect(`${path}?neu=${outcome.generated ? 'erzeugt' : 'festgelegt'}`, 303);
  });

  app.get<{ Params: AccountParams; Querystring: { neu?: string; geaendert?: string } }>(
    '/staff/admin/konten/:id',
    async (request, reply) => {
      const staff = await sessions.require(request, reply);
      if (!staff) return reply;
      const { id } = request.params;
      const neu = single(request.query.neu);
      const created = neu === 'erzeugt' ? 'generated' : neu === 'festgelegt' ? 'typed' : undefined;
      const changed = CHANGED.get(single(request.query.geaendert) ?? '');
      // Read (and cleared) only where a password was just set; it opens only for this session.
      const password =
        created === 'generated' || changed === 'password'
          ? once.take(request, reply, accountPath(id), staff.session.id)
          : undefined;
      return renderAccount(request, reply, staff, id, {
        notice: created ? 'created' : changed,
        password,
        typedPassword: created === 'typed',
      });
    },
  );

  app.post<{ Params: AccountParams }>('/staff/admin/konten/:id/rollen', async (request, reply) => {
    const staff = await sessions.requirePost(request, reply);
    if (!staff) return reply;
    const { id } = request.params;
    const roles = list(body(request).rollen);
    const outcome = await admin.setRoles(staff.session, id, roles);
    if (!outcome.ok) {
      reply.code(400);
      return renderAccount(request, reply, staff, id, { problems: outcome.problems, roles });
    }
    return reply.redirect(`${accountPath(id)}?geaendert=rollen`, 303);
  });

  app.post<{ Params: AccountParams }>('/staff/admin/konten/:id/passwort', async (request, reply) => {
    const staff = await sessions.requirePost(request, reply);
    if (!staff) return reply;
    const { id } = request.params;
    const outcome = await admin.resetPassword(staff.session, id);
    if (!outcome.ok) {
      reply.code(400);
      return renderAccount(request, reply, staff, id, { problems: outcome.problems });
    }
    once.keep(reply, accountPath(outcome.account.id), staff.session.id, outcome.password);
    return reply.redirect(`${accountPath(id)}?geaendert=passwort`, 303);
  });

  for (const [segment, disabled] of [
    ['sperren', true],
    ['entsperren', false],
  ] as const) {
    app.post<{ Params: AccountParams }>(`/staff/admin/konten/:id/${segment}`, async (request, reply) => {
      const staff = await sessions.requirePost(request, reply);
      if (!staff) return reply;
      const { id } = request.params;
      const outcome = await admin.setDisabled(staff.session, id, disabled);
      if (!outcome.ok) {
        reply.code(400);
        return renderAccount(request, reply, staff, id, { problems: outcome.problems });
      }
      return reply.redirect(`${accountPath(id)}?geaendert=${disabled ? 'gesperrt' : 'entsperrt'}`, 303);
    });
  }

  // ---- The municipality: legal links and tenant-wide settings ----

  app.get<{ Querystring: { gespeichert?: string } }>('/staff/admin/gemeinde', async (request, reply) => {
    const staff = await sessions.require(request, reply);
    if (!staff) return reply;
    const saved = single(request.query.gespeichert);
    const data = await admin.municipality(staff.session);
    return reply.type(HTML).send(
      municipalityPage(staffPage(request), frame(staff), {
        ...data,
        saved: saved === 'links' ? 'links' : saved === 'einstellung' ? 'setting' : undefined,
      }),
    );
  });

  app.post('/staff/admin/gemeinde/links', async (request, reply) => {
    const staff = await sessions.requirePost(request, reply);
    if (!staff) return reply;
    const form = body(request);
    const typed: Record<keyof LegalLinks, string> = {
      imprint: single(form.imprint) ?? '',
      privacy: single(form.privacy) ?? '',
      accessibility: single(form.accessibility) ?? '',
    };
    const outcome = await admin.saveLegalLinks(staff.session, typed);
    if (!outcome.ok) {
      const data = await admin.municipality(staff.session);
      return reply
        .code(400)
        .type(HTML)
        .send(
          municipalityPage(staffPage(request), frame(staff), {
            ...data,
            links: { typed, problems: outcome.problems },
          }),
        );
    }
    return reply.redirect('/staff/admin/gemeinde?gespeichert=links', 303);
  });

  app.post<{ Params: KindParams }>('/staff/admin/gemeinde/einstellungen/:kind', async (request, reply) => {
    const staff = await sessions.requirePost(request, reply);
    if (!staff) return reply;
    const { kind } = request.params;
    // A kind with a page of its own is saved there, with its own checks (e.g. `staff.sso`).
    if (isSettingKindName(kind) && SETTING_TEXTS[kind].ownPage) throw new NotFoundError('setting kind');
    const outcome = await admin.saveSetting(staff.session, null, kind, texts(body(request)));
    if (!outcome.ok) {
      const data = await admin.municipality(staff.session);
      return reply
        .code(400)
        .type(HTML)
        .send(
          municipalityPage(staffPage(request), frame(staff), {
            ...data,
            refused: { kind, typed: outcome.typed, problems: outcome.problems },
          }),
        );
    }
    return reply.redirect('/staff/admin/gemeinde?gespeichert=einstellung', 303);
  });

  // ---- Operational settings per service ----

  app.get('/staff/admin/leistungen', async (request, reply) => {
    const staff = await sessions.require(request, reply);
    if (!staff) return reply;
    const { services } = await admin.services(staff.session);
    return reply.type(HTML).send(servicesPage(staffPage(request), frame(staff), services));
  });

  app.get<{ Params: ServiceParams; Querystring: { gespeichert?: string } }>(
    '/staff/admin/leistungen/:serviceId',
    async (request, reply) => {
      const staff = await sessions.require(request, reply);
      if (!staff) return reply;
      const data = await admin.service(staff.session, request.params.serviceId);
      return reply.type(HTML).send(
        servicePage(staffPage(request), frame(staff), {
          ...data,
          saved: single(request.query.gespeichert) === '1',
        }),
      );
    },
  );

  app.post<{ Params: ServiceParams & KindParams }>(
    '/staff/admin/leistungen/:serviceId/einstellungen/:kind',
    async (request, reply) => {
      const staff = await sessions.requirePost(request, reply);
      if (!staff) return reply;
      const { serviceId, kind } = request.params;
      const outcome = await admin.saveSetting(staff.session, serviceId, kind, texts(body(request)));
      if (!outcome.ok) {
        const data = await admin.service(staff.session, serviceId);
        return reply
          .code(400)
          .type(HTML)
          .send(
            servicePage(staffPage(request), frame(staff), {
              ...data,
              saved: false,
              refused: { kind, typed: outcome.typed, problems: outcome.problems },
            }),
          );
      }
      request.log.info({ event: 'setting.changed', kind, changed: outcome.changed }, 'setting changed');
      return reply.redirect(`/staff/admin/leistungen/${serviceId}?gespeichert=1`, 303);
    },
  );
}
