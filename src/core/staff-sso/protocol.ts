/**
 * The port to a municipality's OpenID provider for staff single sign-on (ADR 0056). Unlike the
 * citizens' providers (`identity/provider.ts`, the operator's, fixed at start) the connection is
 * the municipality's setting and is passed with every call; the adapter keeps what it discovered
 * per connection. It sees no HTTP request and no database.
 */

/** Where the provider is and Amtsweg's client there. */
export interface SsoConnection {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** `openid` is always among them. */
  scopes: readonly string[];
}

/** What must be the same between sending the browser to the provider and the callback. */
export interface SsoRequest {
  redirectUri: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export type SsoAnswer =
  /** ID token checked (signature, issuer, audience, expiry, nonce); its claims with userinfo's. */
  | { kind: 'verified'; subject: string; claims: Readonly<Record<string, unknown>> }
  /** The person cancelled at the provider (`access_denied`). */
  | { kind: 'cancelled' }
  /** The answer did not hold; `reason` is for the log and the audit trail (no personal data). */
  | { kind: 'refused'; reason: string };

export interface StaffSsoProtocol {
  authorizationUrl(connection: SsoConnection, request: SsoRequest): Promise<string>;
  /** Checks the callback (`callbackUrl` with its query) against the request. */
  complete(connection: SsoConnection, callbackUrl: URL, request: SsoRequest): Promise<SsoAnswer>;
}
