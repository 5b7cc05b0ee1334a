/** Our identity model from a provider's claims, by the provider's mapping (ADR 0036). */
import { claimAt } from '../../../core/identity/claim-path.ts';
import type { IdentityAttributes } from '../../../core/identity/records.ts';
import type { OidcProviderConfig } from './config.ts';

/** The attributes the mapping names and the claims carry as non-empty text; nothing else. */
export function mapClaims(
  claims: Readonly<Record<string, unknown>>,
  mapping: OidcProviderConfig['claims'],
): IdentityAttributes {
  const attributes: IdentityAttributes = {};
  for (const [attribute, path] of Object.entries(mapping) as Array<[keyof IdentityAttributes, string]>) {
    const value = claimAt(claims, path);
    if (typeof value === 'string' && value.trim() !== '') attributes[attribute] = value.trim();
  }
  return attributes;
}
