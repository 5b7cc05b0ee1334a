/**
 * `delivery.digest`: the daily e-mail about delivery problems (ADR 0041) — once a day, to the
 * address the municipality names (its admins' shared mailbox, say), a list of the deliveries that
 * failed and were not delivered since, with their errors. Staff accounts have no e-mail address,
 * so the address is configured here; off until an admin sets one.
 */
import type { SettingKind } from './contract.ts';
import { EMAIL_ADDRESS } from './delivery-email.ts';

export type DeliveryDigest = { enabled: boolean; to: string };

export const deliveryDigest: SettingKind<DeliveryDigest> = {
  scope: 'tenant',
  schema: {
    type: 'object',
    properties: {
      enabled: { type: 'boolean' },
      to: {
        type: 'string',
        maxLength: 254,
        anyOf: [
          { type: 'string', const: '' },
          { type: 'string', pattern: EMAIL_ADDRESS },
        ],
      },
    },
    required: ['enabled', 'to'],
    additionalProperties: false,
    if: { properties: { enabled: { type: 'boolean', const: true } } },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, a plain object never awaited
    then: { properties: { to: { type: 'string', minLength: 1 } } },
  },
  secrets: [],
  defaults: { enabled: false, to: '' },
};
