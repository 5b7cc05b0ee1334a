/**
 * `delivery.webhook`: whether each submission of the service is POSTed as signed JSON to the
 * municipality's specialist system (ADR 0034). The secret signs every delivery with HMAC-SHA512 as
 * FIT-Connect callbacks are signed; it is stored encrypted and never shown back. FIT-Connect asks
 * for callback secrets of 32 to 512 characters; so do we.
 */
import type { SettingKind } from './contract.ts';

export type DeliveryWebhook = { enabled: boolean; url: string; secret: string };

export const WEBHOOK_URL = '^https?://[^\\s/?#]+[^\\s]*$';
export const MIN_WEBHOOK_SECRET = 32;
export const MAX_WEBHOOK_SECRET = 512;

export const deliveryWebhook: SettingKind<DeliveryWebhook> = {
  scope: 'service',
  schema: {
    type: 'object',
    properties: {
      enabled: { type: 'boolean' },
      url: {
        type: 'string',
        maxLength: 2000,
        anyOf: [
          { type: 'string', const: '' },
          { type: 'string', pattern: WEBHOOK_URL },
        ],
      },
      secret: { type: 'string', maxLength: MAX_WEBHOOK_SECRET },
    },
    required: ['enabled', 'url', 'secret'],
    additionalProperties: false,
    if: { properties: { enabled: { type: 'boolean', const: true } } },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, a plain object never awaited
    then: {
      properties: {
        url: { type: 'string', minLength: 1 },
        secret: { type: 'string', minLength: MIN_WEBHOOK_SECRET },
      },
    },
  },
  secrets: ['secret'],
  defaults: { enabled: false, url: '', secret: '' },
};
