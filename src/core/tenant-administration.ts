/**
 * The admin role's use cases (Verwaltung, ADR 0024): the municipality's staff accounts, its legal
 * links and its operational configuration, from the web. Every call needs the `admin` role and is
 * scoped to the session's tenant: another municipality's accounts and services do not exist here.
 *
 * The checks and audit events are those of the operator's commands (`administration.ts`), with the
 * admin as actor. Two more rules keep a municipality from locking itself out: an admin can neither
 * take the admin role from their own account nor disable or reset it.
 */
import {
  type AdminActor,
  addStaffAccount,
  changeDisabled,
  changePassword,
  changeRoles,
  checkDisplayName,
  checkPassword,
  checkUsername,
  LEGAL_LINKS,
  legalLinkProblems,
  parseRoles,
  updateTenant,
} from './administration.ts';
import type { AuditEvent, LegalLinks, ServiceVersion, StaffAccount, StaffSession, Tenant } from './domain.ts';
import { InvalidInputError, NotFoundError } from './errors.ts';
import type { OperationalSettings, SaveSettingOutcome, SettingView } from './operational-settings.ts';
import type { Clock, PasswordHasher, Store } from './ports.ts';
import { hasRole, requireRole } from './roles.ts';

export interface TenantAdministrationDeps {
  store: Store;
  clock: Clock;
  passwords: PasswordHasher;
  settings: OperationalSettings;
  newId(): string;
  /** A strong random password for "generate one" (shown to the admin once). */
  newPassword(): string;
}

/** An account as the admin's pages see it: never its password hash. */
export type AccountSummary = Omit<StaffAccount, 'passwordHash'>;

/** Why a change of an account was refused; each names the field of the form it belongs to. */
export type AccountProblem =
  | { field: 'username'; code: 'ERR_STAFF_USERNAME' | 'ERR_STAFF_EXISTS' }
  | { field: 'displayName'; code: 'ERR_STAFF_NAME' }
  | { field: 'password'; code: 'ERR_STAFF_PASSWORD' }
  | { field: 'roles'; code: 'ERR_STAFF_ROLE' | 'ERR_STAFF_SELF_ADMIN' }
  | { field: 'account'; code: 'ERR_STAFF_SELF_DISABLE' | 'ERR_STAFF_SELF_PASSWORD' };

export type AccountOutcome<T> = ({ ok: true } & T) | { ok: false; problems: AccountProblem[] };

export interface NewAccountInput {
  username: string;
  displayName: string;
  roles: readonly string[];
  /** Empty: a password is generated and returned once. */
  password: string;
}

export interface AccountHistoryEntry extends AuditEvent {
  id: string;
  at: string;
  actorName: string | undefined;
}

export interface ServiceSettings {
  service: ServiceVersion;
  settings: SettingView[];
  /** Display names of the admins who saved them. */
  names: Map<string, string>;
}

function problemOf(error: unknown): AccountProblem | undefined {
  if (!(error instanceof InvalidInputError)) return undefined;
  switch (error.code) {
    case 'ERR_STAFF_USERNAME':
    case 'ERR_STAFF_EXISTS':
      return { field: 'username', code: error.code };
    case 'ERR_STAFF_NAME':
      return { field: 'displayName', code: error.code };
    case 'ERR_STAFF_PASSWORD':
      return { field: 'password', code: error.code };
    case 'ERR_STAFF_ROLE':
      return { field: 'roles', code: error.code };
    default:
      return undefined;
  }
}

/** Runs a check that throws `InvalidInputError`; the problem it names, or nothing. */
function attempt(check: () => unknown): AccountProblem[] {
  try {
    check();
    return [];
  } catch (error) {
    const problem = problemOf(error);
    if (!problem) throw error;
    return [problem];
  }
}

function summary({ passwordHash: _hidden, ...account }: StaffAccount): AccountSummary {
  return account;
}

export class TenantAdministration {
  readonly #deps: TenantAdministrationDeps;

  constructor(deps: TenantAdministrationDeps) {
    this.#deps = deps;
  }

  #actor(session: StaffSession): AdminActor {
    return { type: 'staff', accountId: session.accountId };
  }

  async #tenant(session: StaffSession): Promise<Tenant> {
    const tenant = await this.#deps.store.tenants.byId(session.tenantId);
    if (!tenant) throw new NotFoundError('tenant');
    return tenant;
  }

  /** The tenant's account with this id; NotFoundError for any other (another tenant's, too). */
  async #account(session: StaffSession, id: string): Promise<StaffAccount> {
    const account = await this.#deps.store.staff.byId(session.tenantId, id);
    if (!account) throw new NotFoundError('staff account');
    return account;
  }

  async accounts(session: StaffSession): Promise<{ tenant: Tenant; accounts: AccountSummary[] }> {
    requireRole(session, 'admin');
    const [tenant, accounts] = await Promise.all([
      this.#tenant(session),
      this.#deps.store.staff.listByTenant(session.tenantId),
    ]);
    return { tenant, accounts: accounts.map(summary) };
  }

  /** One account with its audit trail (who created, changed, disabled it; its logins). */
  async account(
    session: StaffSession,
    id: string,
  ): Promise<{ account: AccountSummary; history: AccountHistoryEntry[] }> {
    requireRole(session, 'admin');
    const { store } = this.#deps;
    const account = await this.#account(session, id);
    const events = await store.audit.list(session.tenantId, account.id);
    const names = await store.staff.displayNames(session.tenantId, [
      ...new Set(events.flatMap((e) => (e.actorId ? [e.actorId] : []))),
    ]);
    return {
      account: summary(account),
      history: events.map((e) => ({ ...e, actorName: e.actorId ? names.get(e.actorId) : undefined })),
    };
  }

  /**
   * Creates an account of the own municipality. Every field is checked and every problem reported
   * at once; nothing is stored unless all pass. Without a typed password one is generated; either
   * way it is returned here once and never stored in plain text.
   */
  async createAccount(
    session: StaffSession,
    input: NewAccountInput,
  ): Promise<AccountOutcome<{ account: AccountSummary; password: string; generated: boolean }>> {
    requireRole(session, 'admin');
    const generated = input.password === '';
    const password = generated ? this.#deps.newPassword() : input.password;
    const problems = [
      ...attempt(() => checkUsername(input.username)),
      ...attempt(() => checkDisplayName(input.displayName)),
      ...attempt(() => parseRoles(input.roles)),
      ...attempt(() => checkPassword(password)),
    ];
    if (problems.length > 0) return { ok: false, problems };
    const tenant = await this.#tenant(session);
    try {
      const account = await addStaffAccount(
        this.#deps,
        tenant,
        { ...input, password, roles: input.roles },
        this.#actor(session),
      );
      return { ok: true, account: summary(account), password, generated };
    } catch (error) {
      // The username is taken (perhaps by another municipality: usernames are installation-wide).
      const problem = problemOf(error);
      if (!problem) throw error;
      return { ok: false, problems: [problem] };
    }
  }

  /** Replaces the roles; the account's sessions end. An admin keeps their own admin role. */
  async setRoles(
    session: StaffSession,
    id: string,
    roles: readonly string[],
  ): Promise<AccountOutcome<{ account: AccountSummary }>> {
    requireRole(session, 'admin');
    const account = await this.#account(session, id);
    let parsed: ReturnType<typeof parseRoles>;
    try {
      parsed = parseRoles(roles);
    } catch (error) {
      const problem = problemOf(error);
      if (!problem) throw error;
      return { ok: false, problems: [problem] };
    }
    if (account.id === session.accountId && !hasRole({ roles: parsed }, 'admin')) {
      return { ok: false, problems: [{ field: 'roles', code: 'ERR_STAFF_SELF_ADMIN' }] };
    }
    const changed = await changeRoles(this.#deps, account, parsed, this.#actor(session));
    return { ok: true, account: summary(changed) };
  }

  /** Sets a generated password (returned once); the account's sessions end. Not the own account. */
  async resetPassword(
    session: StaffSession,
    id: string,
  ): Promise<AccountOutcome<{ account: AccountSummary; password: string }>> {
    requireRole(session, 'admin');
    const account = await this.#account(session, id);
    // The new password would end this very session and be shown to nobody: a lock-out.
    if (account.id === session.accountId) {
      return { ok: false, problems: [{ field: 'account', code: 'ERR_STAFF_SELF_PASSWORD' }] };
    }
    const password = this.#deps.newPassword();
    const changed = await changePassword(this.#deps, account, password, this.#actor(session));
    return { ok: true, account: summary(changed), password };
  }

  /** Disables the account (no login, its sessions end) or enables it again. Not the own account. */
  async setDisabled(
    session: StaffSession,
    id: string,
    disabled: boolean,
  ): Promise<AccountOutcome<{ account: AccountSummary }>> {
    requireRole(session, 'admin');
    const account = await this.#account(session, id);
    if (account.id === session.accountId && disabled) {
      return { ok: false, problems: [{ field: 'account', code: 'ERR_STAFF_SELF_DISABLE' }] };
    }
    if (Boolean(account.disabledAt) === disabled) return { ok: true, account: summary(account) };
    const changed = await changeDisabled(this.#deps, account, disabled, this.#actor(session));
    return { ok: true, account: summary(changed) };
  }

  /** The municipality's own settings: its legal links and its tenant-wide operational settings. */
  async municipality(
    session: StaffSession,
  ): Promise<{ tenant: Tenant; settings: SettingView[]; names: Map<string, string> }> {
    requireRole(session, 'admin');
    const [tenant, settings] = await Promise.all([
      this.#tenant(session),
      this.#deps.settings.views(session.tenantId, null),
    ]);
    return { tenant, settings, names: await this.#names(session, settings) };
  }

  /**
   * Replaces the legal links (an empty field removes one), with the checks of `amtsweg tenant-set`.
   * Returns the links that are not valid; then nothing changed.
   */
  async saveLegalLinks(
    session: StaffSession,
    links: Record<keyof LegalLinks, string>,
  ): Promise<{ ok: true } | { ok: false; problems: Array<keyof LegalLinks> }> {
    requireRole(session, 'admin');
    const problems = legalLinkProblems(links);
    if (problems.length > 0) return { ok: false, problems };
    const tenant = await this.#tenant(session);
    const given = Object.fromEntries(LEGAL_LINKS.map((key) => [key, links[key].trim()]));
    await updateTenant(this.#deps, tenant.slug, { legalLinks: given }, this.#actor(session));
    return { ok: true };
  }

  /** The tenant's published services, each with its per-service settings. */
  async services(session: StaffSession): Promise<{ services: ServiceSettings[] }> {
    requireRole(session, 'admin');
    const services = await this.#deps.store.services.listLatest(session.tenantId);
    const views = await this.#deps.settings.serviceViews(
      session.tenantId,
      services.map((s) => s.serviceId),
    );
    const names = await this.#names(session, [...views.values()].flat());
    return {
      services: services.map((service) => ({ service, settings: views.get(service.serviceId) ?? [], names })),
    };
  }

  /** One service of the tenant with its settings; NotFoundError for any other id. */
  async service(session: StaffSession, serviceId: string): Promise<ServiceSettings> {
    requireRole(session, 'admin');
    const service = await this.#service(session, serviceId);
    const settings = await this.#deps.settings.views(session.tenantId, service.serviceId);
    return { service, settings, names: await this.#names(session, settings) };
  }

  /**
   * Saves an operational setting of the municipality (`serviceId` null) or of one of its services,
   * from the options as typed. Invalid options change nothing and come back with their problems.
   */
  async saveSetting(
    session: StaffSession,
    serviceId: string | null,
    kind: string,
    texts: Readonly<Record<string, string | undefined>>,
  ): Promise<SaveSettingOutcome> {
    requireRole(session, 'admin');
    if (serviceId !== null) await this.#service(session, serviceId);
    return this.#deps.settings.save(session.tenantId, serviceId, kind, texts, this.#actor(session));
  }

  async #service(session: StaffSession, serviceId: string): Promise<ServiceVersion> {
    const services = await this.#deps.store.services.listLatest(session.tenantId);
    const service = services.find((s) => s.serviceId === serviceId);
    if (!service) throw new NotFoundError('service');
    return service;
  }

  async #names(session: StaffSession, settings: readonly SettingView[]): Promise<Map<string, string>> {
    const ids = [...new Set(settings.flatMap((s) => (s.updatedBy ? [s.updatedBy] : [])))];
    return this.#deps.store.staff.displayNames(session.tenantId, ids);
  }
}
