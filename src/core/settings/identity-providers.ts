/**
 * `identity.providers`: which of the installation's identity providers (ADR 0036) the municipality
 * offers its citizens, by id, comma-separated, in the order the login page lists them (e.g.
 * `bundid, servicekonto-nrw`). The providers themselves are the operator's configuration
 * (`AMTSWEG_IDENTITY_PROVIDERS`); an id the installation does not have is not offered.
 */
import type { SettingKind } from './contract.ts';

export type IdentityProvidersSetting = { offered: string };

export const identityProviders: SettingKind<IdentityProvidersSetting> = {
  scope: 'tenant',
  schema: {
    type: 'object',
    properties: {
      offered: {
        type: 'string',
        maxLength: 500,
        pattern: '^\\s*([a-z0-9-]{1,40}(\\s*,\\s*[a-z0-9-]{1,40})*)?\\s*$',
      },
    },
    required: ['offered'],
    additionalProperties: false,
  },
  secrets: [],
  defaults: { offered: '' },
};
