import type { AssuranceLevel } from '../../../core/identity/levels.ts';

/**
 * The `acr` values the test IdP offers: the eIDAS levels of assurance as URIs (Implementing
 * Regulation (EU) 2015/1502), which is how OpenID providers in the EU usually name them. Our
 * relying party maps them to the Vertrauensniveau through the provider's claims mapping, as it
 * would for any other provider.
 */
export const TEST_IDP_ACR: Readonly<Record<AssuranceLevel, string>> = {
  niedrig: 'http://eidas.europa.eu/LoA/low',
  substanziell: 'http://eidas.europa.eu/LoA/substantial',
  hoch: 'http://eidas.europa.eu/LoA/high',
};

/** The level an `acr_values` request parameter asks for first, if it names one of ours. */
export function requestedLevel(acrValues: unknown): AssuranceLevel | undefined {
  if (typeof acrValues !== 'string') return undefined;
  for (const value of acrValues.split(' ')) {
    const level = (Object.keys(TEST_IDP_ACR) as AssuranceLevel[]).find((l) => TEST_IDP_ACR[l] === value);
    if (level) return level;
  }
  return undefined;
}
