/**
 * `publishing.fourEyes`: whether a new service version needs a second designer (Vier-Augen-Prinzip):
 * the designer who uploaded a candidate cannot publish it; another designer approves and publishes
 * it. Tenant-wide: it is how the municipality organises its work, not a property of one service.
 */
import type { SettingKind } from './contract.ts';

export type PublishingFourEyes = { required: boolean };

export const publishingFourEyes: SettingKind<PublishingFourEyes> = {
  scope: 'tenant',
  schema: {
    type: 'object',
    properties: { required: { type: 'boolean' } },
    required: ['required'],
    additionalProperties: false,
  },
  secrets: [],
  defaults: { required: false },
};
