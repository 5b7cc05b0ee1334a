/**
 * Citizen login (ADR 0036): sending a browser session to one of the providers its municipality
 * offers, taking the provider's answer, and the login that results. A login belongs to one browser
 * session at one municipality; it is kept in the store (so every app instance knows it) with the
 * subject and attributes encrypted under the municipality's data key.
 *
 * The `state` sent to the provider is a fresh random token; only its hash is stored, with the
 * browser session that began the login. A callback whose state is unknown, expired, already used
 * or another browser session's changes nothing (login CSRF and replayed callbacks).
 */
import type { LocalizedText } from '../../definition/types.ts';
import type { Tenant } from '../domain.ts';
import type { OperationalSettings } from '../operational-settings.ts';
import type { Clock, Store, Tokens } from '../ports.ts';
import { type AssuranceLevel, meetsLevel, type RequiredLevel } from './levels.ts';
import type {
  IdentityProvider,
  IdentityProviders,
  LoginRequest,
  PostedAnswer,
  ProviderSessionKeys,
} from './provider.ts';
import type { CitizenLogin, ProviderSession } from './records.ts';

/** How long a provider has to send the citizen back. */
export const PENDING_LOGIN_MINUTES = 15;
/** How long a login lasts; the citizen logs in again after it (as at BundID, about an hour). */
export const LOGIN_MINUTES = 60;

export interface CitizenLoginsDeps {
  store: Store;
  clock: Clock;
  tokens: Tokens;
  settings: OperationalSettings;
  providers: IdentityProviders;
  /** `{base URL}/auth/{provider}/…`: the installation-wide callback addresses. */
  baseUrl: string;
  /**
   * The keyed hash (HMAC under a key derived from the master key) of a provider's session key
   * (SAML single logout, ADR 0050): how the provider's logout request finds our logins.
   */
  providerSessions: { hash(provider: string, key: string): string };
}

/** The provider's message at our single logout service (`/auth/saml/{provider}/slo`). */
export type ProviderLogoutOutcome =
  /** No such provider, or one without single logout. */
  | { kind: 'unknown' }
  | { kind: 'refused'; reason: string }
  /** The provider's answer to our logout: back to the municipality named in `relayState`. */
  | { kind: 'logged-out'; relayState: string | undefined }
  /** The provider ended the person's session: our logins from it ended; the browser goes to `answer`. */
  | { kind: 'ended'; logins: CitizenLogin[]; answer: string | undefined };

export type BeginOutcome = { kind: 'redirect'; url: string } | { kind: 'not-offered' };

export type CompleteOutcome =
  | { kind: 'logged-in'; returnPath: string; login: CitizenLogin }
  | { kind: 'cancelled'; returnPath: string }
  | { kind: 'refused'; returnPath: string; reason: string }
  /** No login of this browser session is waiting for this answer (unknown, used, expired). */
  | { kind: 'unknown' };

/** What a page needs to know about the login a service requires. */
export type LoginNeed =
  | { kind: 'none' }
  /** Not logged in at all, or at a lower level (`current`): a step-up. */
  | { kind: 'needed'; required: AssuranceLevel; current: AssuranceLevel | undefined };

/** The installation-wide callback URL of a provider. */
export function callbackUrl(baseUrl: string, providerId: string): string {
  return `${baseUrl}/auth/${encodeURIComponent(providerId)}/callback`;
}

/** Where a provider sends the browser after its logout. */
export function loggedOutUrl(baseUrl: string, providerId: string): string {
  return `${baseUrl}/auth/${encodeURIComponent(providerId)}/abgemeldet`;
}

/** The provider ids a municipality offers, from its setting `identity.providers` (comma-separated). */
export function offeredIds(setting: { offered: string }): string[] {
  return setting.offered
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
}

const addMinutes = (date: Date, minutes: number) => new Date(date.getTime() + minutes * 60_000).toISOString();

export class CitizenLogins {
  readonly #deps: CitizenLoginsDeps;

  constructor(deps: CitizenLoginsDeps) {
    this.#deps = deps;
  }

  /** The providers the municipality offers, in its order; ids the installation lacks are left out. */
  async offered(tenantId: string): Promise<IdentityProvider[]> {
    const setting = await this.#deps.settings.effective(tenantId, null, 'identity.providers');
    return offeredIds(setting).flatMap((id) => {
      const provider = this.#deps.providers.get(id);
      return provider ? [provider] : [];
    });
  }

  /** A configured provider's label, for pages that name a recorded provider (ADR 0048). */
  providerLabel(providerId: string): LocalizedText | undefined {
    return this.#deps.providers.get(providerId)?.label;
  }

  /** The browser session's current login at the municipality, if it has one that has not expired. */
  async current(tenantId: string, sessionHash: string): Promise<CitizenLogin | undefined> {
    const login = await this.#deps.store.citizenLogins.current(tenantId, sessionHash);
    if (!login || login.expiresAt <= this.#deps.clock.now().toISOString()) return undefined;
    return login;
  }

  /** Whether a service requiring `required` may be used by this login. */
  need(required: RequiredLevel, login: CitizenLogin | undefined): LoginNeed {
    if (required === 'none' || meetsLevel(login?.level, required)) return { kind: 'none' };
    return { kind: 'needed', required, current: login?.level };
  }

  /** Sends the browser session to `providerId` to log in at `level`; it comes back to `returnPath`. */
  async begin(input: {
    tenant: Tenant;
    providerId: string;
    level: AssuranceLevel;
    sessionHash: string;
    returnPath: string;
  }): Promise<BeginOutcome> {
    const offered = await this.offered(input.tenant.id);
    const provider = offered.find((p) => p.id === input.providerId);
    if (!provider) return { kind: 'not-offered' };
    const { tokens, clock } = this.#deps;
    const state = tokens.newToken();
    const request: LoginRequest = {
      redirectUri: callbackUrl(this.#deps.baseUrl, provider.id),
      level: input.level,
      state,
      nonce: tokens.newToken(),
      codeVerifier: tokens.newToken(),
    };
    const url = await provider.authorizationUrl(request);
    const now = clock.now();
    await this.#deps.store.citizenLogins.savePending({
      stateHash: tokens.hash(state),
      tenantId: input.tenant.id,
      sessionHash: input.sessionHash,
      provider: provider.id,
      level: input.level,
      returnPath: input.returnPath,
      nonce: request.nonce,
      codeVerifier: request.codeVerifier,
      createdAt: now.toISOString(),
      expiresAt: addMinutes(now, PENDING_LOGIN_MINUTES),
    });
    return { kind: 'redirect', url };
  }

  /** The provider's answer at `/auth/{provider}/callback`, for the browser session that sent it. */
  async complete(input: {
    providerId: string;
    callbackUrl: URL;
    sessionHash: string;
  }): Promise<CompleteOutcome> {
    const state = input.callbackUrl.searchParams.get('state');
    const provider = this.#deps.providers.get(input.providerId);
    if (!state || !provider) return { kind: 'unknown' };
    const { store, clock, tokens } = this.#deps;
    // Taken (deleted) whatever follows: a state is good for one answer only.
    const pending = await store.citizenLogins.takePending(tokens.hash(state));
    const now = clock.now();
    if (
      !pending ||
      pending.provider !== provider.id ||
      pending.sessionHash !== input.sessionHash ||
      pending.expiresAt <= now.toISOString()
    ) {
      return { kind: 'unknown' };
    }
    const result = await provider.complete(input.callbackUrl, {
      redirectUri: callbackUrl(this.#deps.baseUrl, provider.id),
      level: pending.level,
      state,
      nonce: pending.nonce,
      codeVerifier: pending.codeVerifier,
    });
    if (result.kind === 'cancelled') return { kind: 'cancelled', returnPath: pending.returnPath };
    if (result.kind === 'refused')
      return { kind: 'refused', returnPath: pending.returnPath, reason: result.reason };
    return this.#saveLogin(pending, provider.id, result, now);
  }

  /** The verified answer saved as the browser session's login at the municipality, audited. */
  async #saveLogin(
    pending: { tenantId: string; sessionHash: string; returnPath: string },
    providerId: string,
    result: Pick<CitizenLogin, 'level' | 'subject' | 'attributes' | 'idToken'> & {
      session?: ProviderSessionKeys;
    },
    now: Date,
  ): Promise<CompleteOutcome> {
    const { hash } = this.#deps.providerSessions;
    const providerSession: ProviderSession | undefined = result.session && {
      logout: result.session.logout,
      subjectHash: hash(providerId, result.session.subject),
      sessionHash:
        result.session.session === undefined ? undefined : hash(providerId, result.session.session),
    };
    const login: CitizenLogin = {
      tenantId: pending.tenantId,
      sessionHash: pending.sessionHash,
      provider: providerId,
      level: result.level,
      subject: result.subject,
      attributes: result.attributes,
      idToken: result.idToken,
      ...(providerSession && { providerSession }),
      loggedInAt: now.toISOString(),
      expiresAt: addMinutes(now, LOGIN_MINUTES),
    };
    await this.#deps.store.citizenLogins.save(login, {
      tenantId: pending.tenantId,
      actorType: 'citizen',
      actorId: null,
      action: 'citizen.login',
      subjectType: 'identity-provider',
      subjectId: providerId,
      details: { level: result.level },
    });
    return { kind: 'logged-in', returnPath: pending.returnPath, login };
  }

  /** A posting (SAML) provider's service-provider metadata (ADR 0050); undefined for any other id. */
  serviceProviderMetadata(providerId: string): string | undefined {
    return this.#deps.providers.get(providerId)?.posted?.metadata();
  }

  /**
   * A provider's answer posted to its assertion consumer service (SAML, ADR 0050). The POST is
   * cross-site by design and carries no cookie of ours: the one-time state field names the pending
   * login (and so the browser session that began it, which the login is saved for), the answer's
   * own id is remembered installation-wide (a replay is refused by every instance), and its
   * `InResponseTo` must be that pending login's request. Every refusal is audited at the
   * municipality whose login it was; an answer to no pending login is `unknown` (no municipality
   * to record it at).
   */
  async completePosted(input: { providerId: string; fields: PostedAnswer }): Promise<CompleteOutcome> {
    const provider = this.#deps.providers.get(input.providerId);
    const posted = provider?.posted;
    const state = posted ? input.fields[posted.stateField] : undefined;
    if (!provider || !posted || !state) return { kind: 'unknown' };
    const { store, clock, tokens } = this.#deps;
    const pending = await store.citizenLogins.takePending(tokens.hash(state));
    const now = clock.now();
    if (!pending || pending.provider !== provider.id || pending.expiresAt <= now.toISOString()) {
      return { kind: 'unknown' };
    }
    const refuse = async (reason: string): Promise<CompleteOutcome> => {
      await store.audit.record(
        {
          tenantId: pending.tenantId,
          actorType: 'citizen',
          actorId: null,
          action: 'citizen.login.refused',
          subjectType: 'identity-provider',
          subjectId: provider.id,
          details: { reason },
        },
        now.toISOString(),
      );
      return { kind: 'refused', returnPath: pending.returnPath, reason };
    };
    const result = await posted.verify(input.fields);
    if (result.kind === 'cancelled') return { kind: 'cancelled', returnPath: pending.returnPath };
    if (result.kind === 'refused') return refuse(result.reason);
    if (!result.once) return refuse('the answer has no id of its own');
    if (!(await store.identityAnswers.firstUse(provider.id, result.once.id, result.once.rememberUntil))) {
      return refuse('replayed: this assertion was used before');
    }
    if (result.once.nonce !== pending.nonce) {
      return refuse('the answer is to another login request (InResponseTo)');
    }
    return this.#saveLogin(pending, provider.id, result, now);
  }

  /**
   * Ends the browser session's login at the municipality; the provider's logout address when it
   * has one (RP-initiated logout), which brings the browser back to `/auth/{provider}/abgemeldet`.
   */
  async logout(tenant: Tenant, sessionHash: string): Promise<{ providerLogout: string | undefined }> {
    const login = await this.#deps.store.citizenLogins.current(tenant.id, sessionHash);
    if (!login) return { providerLogout: undefined };
    await this.#deps.store.citizenLogins.remove(tenant.id, sessionHash, {
      tenantId: tenant.id,
      actorType: 'citizen',
      actorId: null,
      action: 'citizen.logout',
      subjectType: 'identity-provider',
      subjectId: login.provider,
    });
    const provider = this.#deps.providers.get(login.provider);
    const providerLogout = await provider?.logoutUrl({
      idToken: login.idToken,
      session: login.providerSession?.logout,
      postLogoutRedirectUri: loggedOutUrl(this.#deps.baseUrl, login.provider),
      state: tenant.slug,
    });
    return { providerLogout };
  }

  /**
   * A message of the provider at our single logout service (SAML, ADR 0050): its answer to our
   * logout request, or its own logout request, which ends every login of ours from that session
   * (at every municipality: the provider's session is the person's, not a municipality's), each
   * audited as `citizen.logout` by the provider. A message that does not hold changes nothing.
   */
  async providerLogout(providerId: string, rawQuery: string): Promise<ProviderLogoutOutcome> {
    const provider = this.#deps.providers.get(providerId);
    if (!provider?.singleLogout) return { kind: 'unknown' };
    const message = await provider.singleLogout.receive(rawQuery);
    if (message.kind === 'refused') return message;
    if (message.kind === 'response') return { kind: 'logged-out', relayState: message.relayState };
    const { hash } = this.#deps.providerSessions;
    const logins = await this.#deps.store.citizenLogins.endProviderSession(
      provider.id,
      message.session === undefined
        ? { subjectHash: hash(provider.id, message.subject) }
        : { sessionHash: hash(provider.id, message.session) },
      (tenantId) => ({
        tenantId,
        actorType: 'citizen',
        actorId: null,
        action: 'citizen.logout',
        subjectType: 'identity-provider',
        subjectId: provider.id,
        details: { by: 'provider' },
      }),
    );
    return { kind: 'ended', logins, answer: await message.answer() };
  }
}
