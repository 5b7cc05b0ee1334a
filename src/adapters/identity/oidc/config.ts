/**
 * An OpenID provider as the operator configures it (ADR 0036): where it is, the client Amtsweg is
 * there, and how its claims map to our identity model. One entry of `AMTSWEG_IDENTITY_PROVIDERS`.
 */
import type { AssuranceLevel } from '../../../core/identity/levels.ts';
import type { IdentityAttributes } from '../../../core/identity/records.ts';
import type { LocalizedText } from '../../../definition/types.ts';

export interface OidcProviderConfig {
  /** `oidc` or left out (the entries of the first release). */
  kind?: 'oidc';
  /** Lower-case letters, digits and hyphens: `/auth/{id}/callback`. */
  id: string;
  label: LocalizedText;
  /** The issuer; discovery reads `{issuer}/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  /** Sent with HTTP Basic authentication (`client_secret_basic`). */
  clientSecret: string;
  /** Scopes to ask for; `openid` is always among them. */
  scopes: string[];
  /** `acr` value -> Vertrauensniveau. An ID token whose `acr` is not here is refused. */
  levels: Readonly<Record<string, AssuranceLevel>>;
  /**
   * Attribute -> claim. A claim of an object is named with a dot (`address.street_address`).
   * `subject` is always `sub`.
   */
  claims: Readonly<Partial<Record<keyof IdentityAttributes, string>>>;
  /** Plain http is accepted (the built-in test IdP and tests on this machine only). */
  allowHttp: boolean;
}

/** The mapping of the standard OpenID Connect claims (`profile`, `email`, `address`). */
export const STANDARD_CLAIMS: OidcProviderConfig['claims'] = {
  givenName: 'given_name',
  familyName: 'family_name',
  birthDate: 'birthdate',
  email: 'email',
  street: 'address.street_address',
  postcode: 'address.postal_code',
  city: 'address.locality',
  country: 'address.country',
};
