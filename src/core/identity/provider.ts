/**
 * The identity-provider port (ADR 0036, 0050): what a citizen login needs from a provider, whatever
 * the protocol (OpenID Connect; SAML 2.0 with its answer posted to us). An adapter gets only its configuration and the
 * capabilities it is given: no HTTP request, no database.
 */
import type { LocalizedText } from '../../definition/types.ts';
import type { AssuranceLevel } from './levels.ts';
import type { IdentityAttributes } from './records.ts';

/** What must be the same between sending the citizen to the provider and the callback. */
export interface LoginRequest {
  redirectUri: string;
  level: AssuranceLevel;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export type LoginResult =
  | {
      kind: 'verified';
      subject: string;
      level: AssuranceLevel;
      attributes: IdentityAttributes;
      idToken: string | undefined;
      /** An answer that carries an id of its own (a SAML assertion): see `AnswerOnce`. */
      once?: AnswerOnce;
      /** The provider's session, where it offers single logout: see `ProviderSessionKeys`. */
      session?: ProviderSessionKeys;
    }
  /** The citizen cancelled at the provider (`access_denied`). */
  | { kind: 'cancelled' }
  /**
   * The provider's answer did not hold: a wrong state, nonce or signature, an error from the
   * provider, a level it does not map. `reason` is for the log (no personal data in it).
   */
  | { kind: 'refused'; reason: string };

/**
 * What makes a posted answer usable once (ADR 0050): the use case remembers `id` in the store until
 * `rememberUntil` (so a replay is refused by every app instance), and only then matches `nonce` to
 * the login request the answer came back for (SAML `InResponseTo`).
 */
export interface AnswerOnce {
  id: string;
  rememberUntil: string;
  /** The nonce of the login request this answer says it answers. */
  nonce: string;
}

/**
 * The provider's session behind a verified login (SAML single logout, ADR 0050): what a logout
 * request to the provider must name, and the keys its own logout request will name the session by
 * (`subject`: the person, `session`: that session of theirs). The use case stores the keys only as
 * keyed hashes.
 */
export interface ProviderSessionKeys {
  logout: Readonly<Record<string, string>>;
  subject: string;
  session: string | undefined;
}

/** A message the provider sent to our single logout service. */
export type LogoutMessage =
  /**
   * The provider ends the person's session (provider-initiated logout): our logins from it end;
   * `answer` gives where to send the browser with our answer (undefined: no logout address known).
   */
  | {
      kind: 'request';
      subject: string;
      session: string | undefined;
      answer(): Promise<string | undefined>;
    }
  /** The provider's answer to our logout request; `relayState` is what we sent with it. */
  | { kind: 'response'; relayState: string | undefined }
  /** Not signed by the provider, not for us, expired, or not a logout message: nothing changes. */
  | { kind: 'refused'; reason: string };

/** A provider with single logout (SAML): messages to our single logout service. */
export interface SingleLogout {
  /** A message by the HTTP-Redirect binding: the query string exactly as sent (its signature covers it). */
  receive(rawQuery: string): Promise<LogoutMessage>;
}

/** The form fields of an answer the provider has the browser post to us (SAML HTTP-POST binding). */
export type PostedAnswer = Readonly<Record<string, string>>;

/**
 * A provider whose answer comes as a cross-site POST (SAML's assertion consumer service) instead
 * of a redirect to our callback. The POST carries no cookie of ours (SameSite) and no CSRF token;
 * it is bound to its login by the state field (one-time) and the answer's `InResponseTo`.
 */
export interface PostedAnswers {
  /** The form field that carries our `state` back (`RelayState`). */
  readonly stateField: string;
  /**
   * Checks the answer on its own (signature, decryption, times, audience, destination) and maps
   * the identity. A verified answer always has `once`.
   */
  verify(fields: PostedAnswer): Promise<LoginResult>;
  /** The service-provider metadata to register at the provider (XML). */
  metadata(): string;
}

export interface IdentityProvider {
  /** The provider's id in URLs (`/auth/{id}/callback`) and in the configuration. */
  readonly id: string;
  /** Its name on the login page (e.g. "BundID", "Test-Identitätsanbieter"). */
  readonly label: LocalizedText;
  /** Where to send the browser to log in. */
  authorizationUrl(request: LoginRequest): Promise<string>;
  /** Checks the callback (`callbackUrl` with its query) against the request and maps the identity. */
  complete(callbackUrl: URL, request: LoginRequest): Promise<LoginResult>;
  /** The provider's logout for this login (RP-initiated logout), or undefined if it has none. */
  logoutUrl(request: {
    idToken: string | undefined;
    /** The provider's session behind the login (`ProviderSessionKeys.logout`), where it has one. */
    session: Readonly<Record<string, string>> | undefined;
    postLogoutRedirectUri: string;
    state: string;
  }): Promise<string | undefined>;
  /** Present when the provider answers by a cross-site POST (SAML). */
  readonly posted?: PostedAnswers;
  /** Present when the provider has single logout (SAML): its messages to us. */
  readonly singleLogout?: SingleLogout;
}

/** The installation's providers by id (operational configuration, ADR 0024). */
export type IdentityProviders = ReadonlyMap<string, IdentityProvider>;
