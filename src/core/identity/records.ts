/**
 * The records of citizen identity (ADR 0036) that the store keeps: a login begun at a provider and
 * not yet come back, and a browser session's login at a municipality.
 */
import type { AssuranceLevel } from './levels.ts';

/**
 * What a provider vouches for about the citizen, mapped from its claims by the provider's
 * configuration. Every attribute is optional: a business has no birth date, a person without a
 * fixed abode no address.
 */
export interface IdentityAttributes {
  givenName?: string;
  familyName?: string;
  /** ISO date `YYYY-MM-DD`. */
  birthDate?: string;
  email?: string;
  /** The business's name (Mein Unternehmenskonto and the like). */
  organization?: string;
  street?: string;
  postcode?: string;
  city?: string;
  country?: string;
}

/** A login sent to a provider, waiting for its callback (found by the hash of its `state`). */
export interface PendingLogin {
  stateHash: string;
  tenantId: string;
  /** The browser session that began it: only that session may complete it. */
  sessionHash: string;
  provider: string;
  /** The level asked for. */
  level: AssuranceLevel;
  /** Where the citizen goes back to (a path on this site). */
  returnPath: string;
  nonce: string;
  codeVerifier: string;
  createdAt: string;
  expiresAt: string;
}

/** A browser session logged in at a municipality. */
export interface CitizenLogin {
  tenantId: string;
  sessionHash: string;
  provider: string;
  level: AssuranceLevel;
  /** The provider's pseudonymous subject (`sub`): personal data, stored encrypted. */
  subject: string;
  attributes: IdentityAttributes;
  /** For RP-initiated logout (`id_token_hint`), when the provider gave one. */
  idToken: string | undefined;
  /** The provider's session behind the login, where it offers single logout (SAML; ADR 0050). */
  providerSession?: ProviderSession | undefined;
  loggedInAt: string;
  expiresAt: string;
}

/**
 * The identity provider's session a login came from (SAML single logout, ADR 0050): what our
 * logout request must name (`logout`: NameID, its format, SessionIndex; personal data, stored
 * encrypted), and the keyed hashes by which the provider's own logout request finds the login
 * (`subjectHash`: the person at the provider; `sessionHash`: that session of theirs).
 */
export interface ProviderSession {
  logout: Readonly<Record<string, string>>;
  subjectHash: string;
  sessionHash: string | undefined;
}

/**
 * The applicant's identity as recorded with a submission sent while logged in (ADR 0048): enough
 * to say who proved what, at which level, through whom and when. `attributes` only for a
 * Schriftformersatz service, where the vouched identity stands in for the signature; elsewhere the
 * pseudonymous subject is enough (data minimisation).
 */
export interface SubmittedIdentity {
  level: AssuranceLevel;
  provider: string;
  /** The provider's pseudonymous subject: personal data, stored encrypted. */
  subject: string;
  loggedInAt: string;
  attributes?: IdentityAttributes;
}

/** What lists and documents show of it without decrypting anything: level and provider. */
export type SubmittedIdentityMark = Pick<SubmittedIdentity, 'level' | 'provider' | 'loggedInAt'>;
