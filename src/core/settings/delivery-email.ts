/**
 * `delivery.email`: whether each submission of the service is sent by e-mail to the responsible
 * office, and what the e-mail carries (ADR 0034). By default only a notification with the
 * reference and a link into the inbox: whether personal data travels by unencrypted e-mail is the
 * municipality's decision, so attaching the data (a machine-readable JSON, and the receipt once it
 * exists) is an option that is off until an admin turns it on. The SMTP server is the operator's
 * configuration (environment), not the municipality's.
 */
import type { SettingKind } from './contract.ts';

export type DeliveryEmail = { enabled: boolean; to: string; withData: boolean };

/** One address, as people type it: something@domain.tld, no spaces, no list. */
export const EMAIL_ADDRESS = '^[^\\s@,;<>"]+@[^\\s@,;<>"]+\\.[^\\s@,;<>"]+$';

export const deliveryEmail: SettingKind<DeliveryEmail> = {
  scope: 'service',
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
      withData: { type: 'boolean' },
    },
    required: ['enabled', 'to', 'withData'],
    additionalProperties: false,
    // A channel that is on needs an address; an empty one may be kept while it is off.
    if: { properties: { enabled: { type: 'boolean', const: true } } },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, a plain object never awaited
    then: { properties: { to: { type: 'string', minLength: 1 } } },
  },
  secrets: [],
  defaults: { enabled: false, to: '', withData: false },
};
