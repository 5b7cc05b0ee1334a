/**
 * What staff single sign-on (ADR 0056) keeps in the store: a login sent to the municipality's
 * OpenID provider and not yet come back, and the link of a staff account to its identity there.
 */
import type { StaffRole } from '../domain.ts';

/** A staff login waiting for the provider's answer, found by the hash of its `state`. */
export interface StaffSsoPending {
  stateHash: string;
  tenantId: string;
  /** The browser session that began it: only that session may complete it (login CSRF). */
  sessionHash: string;
  nonce: string;
  codeVerifier: string;
  createdAt: string;
  expiresAt: string;
}

/** The identity at the provider an account is linked to: never an e-mail address or a name. */
export interface SsoLink {
  issuer: string;
  /** A keyed pseudonym of issuer and `sub` (the subject is only ever looked up). */
  subject: string;
}

/** What each SSO login brings up to date on a linked account. */
export interface SsoAccountFacts {
  username: string;
  displayName: string;
  roles: StaffRole[];
}
