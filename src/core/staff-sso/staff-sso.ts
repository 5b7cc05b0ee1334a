/**
 * Staff single sign-on per municipality (ADR 0056): the municipality's own OpenID provider (its
 * Active Directory behind Keycloak or Entra ID) logs its staff in; their roles come from a claim
 * through the municipality's mapping, re-read at every login. Local accounts stay as they are.
 *
 * The `state` sent to the provider is a fresh random token; only its hash is stored, with the
 * municipality and the browser session that began the login, for `PENDING_MINUTES`. A callback
 * whose state is unknown, expired, used, another browser session's or another municipality's
 * changes nothing. An account is linked to the provider's issuer and subject (`sub`), never
 * matched by e-mail address or name: a new identity is a new account, whatever it is called.
 * Logins, refusals and created accounts are audited at the municipality.
 */

import type { AdminActor } from '../administration.ts';
import type { AuditEvent, StaffAccount, StaffSession, Tenant } from '../domain.ts';
import { NotFoundError, SettingError } from '../errors.ts';
import { claimAt } from '../identity/claim-path.ts';
import type { OperationalSettings, SaveSettingOutcome, SettingView } from '../operational-settings.ts';
import type { Clock, PasswordHasher, Pseudonyms, Store, Tokens } from '../ports.ts';
import { requireRole } from '../roles.ts';
import { optionsFromText } from '../settings/check.ts';
import { type StaffSsoSetting, staffSso } from '../settings/staff-sso.ts';
import type { StaffAuth } from '../staff-auth.ts';
import type { SsoConnection, SsoRequest, StaffSsoProtocol } from './protocol.ts';
import type { SsoAccountFacts, SsoLink } from './records.ts';
import { mapRoles, parseRoleMapping } from './role-mapping.ts';

/** How long the provider has to send the browser back. */
export const PENDING_MINUTES = 10;
const SETTING = 'staff.sso';
/** A username claim longer than this, or with white space, is not used. */
const USERNAME = /^\S{1,150}$/;
const MAX_DISPLAY_NAME = 200;

export interface StaffSsoDeps {
  store: Store;
  clock: Clock;
  tokens: Tokens;
  pseudonyms: Pseudonyms;
  passwords: PasswordHasher;
  settings: OperationalSettings;
  protocol: StaffSsoProtocol;
  auth: StaffAuth;
  newId: () => string;
  /** The installation's public base URL: callbacks are `{baseUrl}/staff/sso/{municipality}/callback`. */
  baseUrl: string;
  /**
   * Whether an issuer on this machine over plain http is accepted: only where the installation
   * itself runs on this machine over http (development, tests), never in production.
   */
  allowLoopbackHttp: boolean;
}

/** Why a login that came back from the provider did not lead to a session. */
export type SsoRefusal =
  /** The provider's answer did not hold (token exchange, ID token, nonce), or it is not reachable. */
  | 'provider'
  /** No value of the roles claim is mapped to a role. */
  | 'no-role'
  /** The username claim is missing or not a usable name. */
  | 'no-username'
  /** Another account of the installation has this username. */
  | 'username-taken'
  /** The linked account was disabled by an admin or operator. */
  | 'disabled';

export type SsoBeginOutcome =
  | { kind: 'redirect'; url: string }
  | { kind: 'not-offered' }
  /** The provider could not be reached (discovery failed). */
  | { kind: 'unavailable' };

export type SsoCompleteOutcome =
  | { kind: 'signed-in'; token: string; session: StaffSession; created: boolean }
  | { kind: 'cancelled' }
  | { kind: 'refused'; reason: SsoRefusal }
  /** No login of this browser session at this municipality waits for this answer. */
  | { kind: 'unknown' };

export function ssoCallbackUrl(baseUrl: string, tenantSlug: string): string {
  return `${baseUrl}/staff/sso/${encodeURIComponent(tenantSlug)}/callback`;
}

/** The municipality's staff login page, with its SSO button. */
export function ssoLoginUrl(baseUrl: string, tenantSlug: string): string {
  return `${baseUrl}/staff/login/${encodeURIComponent(tenantSlug)}`;
}

/**
 * Whether the municipality lets its staff log in with a local password (`StaffAuth`'s question).
 * A stored setting the current rules refuse counts as the default (allowed): it must not lock
 * everyone out.
 */
export async function localPasswordsAllowed(
  settings: OperationalSettings,
  tenantId: string,
): Promise<boolean> {
  try {
    return (await settings.effective(tenantId, null, SETTING)).localPasswords;
  } catch (error) {
    if (error instanceof SettingError) return true;
    throw error;
  }
}

/** Whether a base URL is plain http on this machine (development and tests, never production). */
export function isLoopbackHttpBase(baseUrl: string): boolean {
  try {
    const url = new URL(baseUrl);
    return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

/** An issuer over plain http (the setting's schema admits it only on this machine). */
function isLoopbackHttp(issuer: string): boolean {
  try {
    return new URL(issuer).protocol === 'http:';
  } catch {
    return false;
  }
}

const addMinutes = (date: Date, minutes: number) => new Date(date.getTime() + minutes * 60_000).toISOString();

export class StaffSso {
  readonly #deps: StaffSsoDeps;

  constructor(deps: StaffSsoDeps) {
    this.#deps = deps;
  }

  /** The municipality of a login page's URL, and whether it offers single sign-on. */
  async loginOffer(tenantSlug: string): Promise<{ tenant: Tenant; offered: boolean }> {
    const tenant = await this.#deps.store.tenants.bySlug(tenantSlug);
    if (!tenant) throw new NotFoundError('tenant');
    return { tenant, offered: (await this.#usable(tenant.id)) !== undefined };
  }

  /** Sends the browser session to the municipality's provider. */
  async begin(tenantSlug: string, sessionHash: string): Promise<SsoBeginOutcome> {
    const tenant = await this.#deps.store.tenants.bySlug(tenantSlug);
    const setting = tenant && (await this.#usable(tenant.id));
    if (!tenant || !setting) return { kind: 'not-offered' };
    const { tokens, clock, store, protocol } = this.#deps;
    const state = tokens.newToken();
    const request: SsoRequest = {
      redirectUri: ssoCallbackUrl(this.#deps.baseUrl, tenant.slug),
      state,
      nonce: tokens.newToken(),
      codeVerifier: tokens.newToken(),
    };
    let url: string;
    try {
      url = await protocol.authorizationUrl(connectionOf(setting), request);
    } catch {
      return { kind: 'unavailable' };
    }
    const now = clock.now();
    await store.staffSso.savePending({
      stateHash: tokens.hash(state),
      tenantId: tenant.id,
      sessionHash,
      nonce: request.nonce,
      codeVerifier: request.codeVerifier,
      createdAt: now.toISOString(),
      expiresAt: addMinutes(now, PENDING_MINUTES),
    });
    return { kind: 'redirect', url };
  }

  /** The provider's answer at `/staff/sso/{municipality}/callback`, for the browser session that began it. */
  async complete(input: {
    tenantSlug: string;
    callbackUrl: URL;
    sessionHash: string;
  }): Promise<SsoCompleteOutcome> {
    const { store, clock, tokens, protocol } = this.#deps;
    const state = input.callbackUrl.searchParams.get('state');
    const tenant = await store.tenants.bySlug(input.tenantSlug);
    if (!state || !tenant) return { kind: 'unknown' };
    // Taken (deleted) whatever follows: a state is good for one answer only.
    const pending = await store.staffSso.takePending(tokens.hash(state));
    const now = clock.now();
    if (
      !pending ||
      pending.tenantId !== tenant.id ||
      pending.sessionHash !== input.sessionHash ||
      pending.expiresAt <= now.toISOString()
    ) {
      return { kind: 'unknown' };
    }
    const setting = await this.#usable(tenant.id);
    if (!setting) return { kind: 'unknown' };
    const request: SsoRequest = {
      redirectUri: ssoCallbackUrl(this.#deps.baseUrl, tenant.slug),
      state,
      nonce: pending.nonce,
      codeVerifier: pending.codeVerifier,
    };
    const answer = await protocol
      .complete(connectionOf(setting), input.callbackUrl, request)
      .catch(() => ({ kind: 'refused', reason: 'the provider could not be reached' }) as const);
    if (answer.kind === 'cancelled') return { kind: 'cancelled' };
    if (answer.kind === 'refused') return this.#refuse(tenant.id, undefined, 'provider', answer.reason);

    const link: SsoLink = {
      issuer: setting.issuer,
      subject: this.#deps.pseudonyms.of('staff sso subject', `${setting.issuer}\n${answer.subject}`),
    };
    const linked = await store.staffSso.linkedAccount(tenant.id, link);
    const name = claimAt(answer.claims, setting.usernameClaim);
    if (typeof name !== 'string' || !USERNAME.test(name.trim())) {
      return this.#refuse(tenant.id, linked, 'no-username');
    }
    const shown = claimAt(answer.claims, setting.displayNameClaim);
    const facts: SsoAccountFacts = {
      // Qualified by the municipality: usernames are unique across the installation.
      username: `${tenant.slug}/${name.trim()}`,
      displayName:
        typeof shown === 'string' && shown.trim() !== ''
          ? shown.trim().slice(0, MAX_DISPLAY_NAME)
          : name.trim(),
      roles: mapRoles(claimAt(answer.claims, setting.rolesClaim), parseRoleMapping(setting.roleMapping)),
    };
    if (linked?.disabledAt) return this.#refuse(tenant.id, linked, 'disabled');
    if (facts.roles.length === 0) {
      // A removed group removes the role: the linked account keeps none and its sessions end.
      if (linked && linked.roles.length > 0) {
        await store.staffSso.refreshLinked(tenant.id, linked.id, facts, this.#rolesChanged(linked, facts));
      }
      return this.#refuse(tenant.id, linked, 'no-role');
    }
    const account = linked ? await this.#refresh(linked, facts) : await this.#create(tenant.id, link, facts);
    if (account === 'username-taken') return this.#refuse(tenant.id, linked, 'username-taken');
    const { token, session } = await this.#deps.auth.signInVerified(account);
    return { kind: 'signed-in', token, session, created: linked === undefined };
  }

  /** The setting as the admin's SSO page shows it, with the callback address to register. */
  async settingsPage(session: StaffSession): Promise<{
    view: SettingView;
    callbackUrl: string;
    loginUrl: string;
    names: Map<string, string>;
  }> {
    requireRole(session, 'admin');
    const tenant = await this.#deps.store.tenants.byId(session.tenantId);
    if (!tenant) throw new NotFoundError('tenant');
    const view = (await this.#deps.settings.views(tenant.id, null)).find((v) => v.kind === SETTING);
    if (!view) throw new NotFoundError('setting kind');
    const names = await this.#deps.store.staff.displayNames(
      tenant.id,
      view.updatedBy ? [view.updatedBy] : [],
    );
    return {
      view,
      callbackUrl: ssoCallbackUrl(this.#deps.baseUrl, tenant.slug),
      loginUrl: ssoLoginUrl(this.#deps.baseUrl, tenant.slug),
      names,
    };
  }

  /**
   * Saves the setting as the admin typed it. Beyond the kind's schema: an issuer over plain http is
   * refused unless the installation runs on this machine (then nothing is stored).
   */
  async saveSettings(
    session: StaffSession,
    texts: Readonly<Record<string, string | undefined>>,
  ): Promise<SaveSettingOutcome> {
    requireRole(session, 'admin');
    const issuer = texts.issuer?.trim() ?? '';
    if (isLoopbackHttp(issuer) && !this.#deps.allowLoopbackHttp) {
      return {
        ok: false,
        problems: [{ option: 'issuer', code: 'invalid' }],
        typed: optionsFromText(staffSso, texts),
      };
    }
    const actor: AdminActor = { type: 'staff', accountId: session.accountId };
    return this.#deps.settings.save(session.tenantId, null, SETTING, texts, actor);
  }

  /** The municipality's setting when single sign-on is on and may be used here. */
  async #usable(tenantId: string): Promise<StaffSsoSetting | undefined> {
    let setting: StaffSsoSetting;
    try {
      setting = await this.#deps.settings.effective(tenantId, null, SETTING);
    } catch (error) {
      // A stored setting the current rules refuse is not used (the admin's page shows why).
      if (error instanceof SettingError) return undefined;
      throw error;
    }
    if (!setting.enabled) return undefined;
    if (isLoopbackHttp(setting.issuer) && !this.#deps.allowLoopbackHttp) return undefined;
    return setting;
  }

  async #refresh(linked: StaffAccount, facts: SsoAccountFacts): Promise<StaffAccount | 'username-taken'> {
    const same =
      linked.username === facts.username &&
      linked.displayName === facts.displayName &&
      linked.roles.join(' ') === facts.roles.join(' ');
    if (!same) {
      const rolesChanged =
        linked.roles.join(' ') === facts.roles.join(' ') ? undefined : this.#rolesChanged(linked, facts);
      const result = await this.#deps.store.staffSso.refreshLinked(
        linked.tenantId,
        linked.id,
        facts,
        rolesChanged,
      );
      if (result === 'username-taken') return result;
    }
    return { ...linked, ...facts };
  }

  async #create(
    tenantId: string,
    link: SsoLink,
    facts: SsoAccountFacts,
  ): Promise<StaffAccount | 'username-taken'> {
    const { store, passwords, tokens, newId } = this.#deps;
    const account: StaffAccount = {
      id: newId(),
      tenantId,
      ...facts,
      // A hash of a random token nobody knows: the account has no local password (an admin may
      // give it one later), and a password login with its name costs and answers like any other.
      passwordHash: await passwords.hash(tokens.newToken()),
    };
    const created = await store.staffSso.createLinked(account, link, {
      ...event(tenantId, account.id, 'staff.sso_account_created'),
      details: { roles: facts.roles },
    });
    if (created === 'created') return account;
    if (created === 'username-taken') return created;
    // Another login of the same identity linked an account meanwhile: that one is used.
    const winner = await store.staffSso.linkedAccount(tenantId, link);
    if (!winner) throw new Error('the account linked meanwhile is gone');
    return this.#refresh(winner, facts);
  }

  #rolesChanged(linked: StaffAccount, facts: SsoAccountFacts): AuditEvent {
    return {
      ...event(linked.tenantId, linked.id, 'staff.sso_roles_changed'),
      details: { from: linked.roles, to: facts.roles },
    };
  }

  async #refuse(
    tenantId: string,
    account: StaffAccount | undefined,
    reason: SsoRefusal,
    detail?: string,
  ): Promise<SsoCompleteOutcome> {
    await this.#deps.store.audit.record(
      {
        ...(account
          ? event(tenantId, account.id, 'staff.sso_refused')
          : {
              tenantId,
              actorType: 'system' as const,
              actorId: null,
              action: 'staff.sso_refused',
              subjectType: 'tenant',
              subjectId: tenantId,
            }),
        // The provider's reason is technical (an error code), never a claim's value.
        details: { reason, ...(detail !== undefined && { detail }) },
      },
      this.#deps.clock.now().toISOString(),
    );
    return { kind: 'refused', reason };
  }
}

function connectionOf(setting: StaffSsoSetting): SsoConnection {
  return {
    issuer: setting.issuer,
    clientId: setting.clientId,
    clientSecret: setting.clientSecret,
    scopes: setting.scopes.split(' ').filter((s) => s !== ''),
  };
}

function event(tenantId: string, accountId: string, action: string): AuditEvent {
  return {
    tenantId,
    actorType: 'system',
    actorId: null,
    action,
    subjectType: 'staff_account',
    subjectId: accountId,
  };
}
