/**
 * The identity-provider port (ADR 0036): what a citizen login needs from a provider, whatever the
 * protocol (OpenID Connect now; SAML later). An adapter gets only its configuration and the
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
    }
  /** The citizen cancelled at the provider (`access_denied`). */
  | { kind: 'cancelled' }
  /**
   * The provider's answer did not hold: a wrong state, nonce or signature, an error from the
   * provider, a level it does not map. `reason` is for the log (no personal data in it).
   */
  | { kind: 'refused'; reason: string };

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
    postLogoutRedirectUri: string;
    state: string;
  }): Promise<string | undefined>;
}

/** The installation's providers by id (operational configuration, ADR 0024). */
export type IdentityProviders = ReadonlyMap<string, IdentityProvider>;
