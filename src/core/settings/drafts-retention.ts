/**
 * `drafts.retention`: how many days a citizen's draft (Entwurf) of this service is kept before it is
 * deleted. Per service, because a service whose documents take weeks to gather needs longer than a
 * one-page notification; bounded, because drafts hold personal data (data minimisation).
 */
import type { SettingKind } from './contract.ts';

export const MIN_DRAFT_DAYS = 1;
export const MAX_DRAFT_DAYS = 90;

export type DraftsRetention = { days: number };

export const draftsRetention: SettingKind<DraftsRetention> = {
  scope: 'service',
  schema: {
    type: 'object',
    properties: { days: { type: 'integer', minimum: MIN_DRAFT_DAYS, maximum: MAX_DRAFT_DAYS } },
    required: ['days'],
    additionalProperties: false,
  },
  secrets: [],
  // What every draft got before the setting existed ("deleted after 30 days").
  defaults: { days: 30 },
};
