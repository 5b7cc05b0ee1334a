/**
 * `delivery.fitConnect`: whether each submission of the service is sent through a FIT-Connect-style
 * transport (ADR 0042): end-to-end encrypted to the destination's (Zustellpunkt's) public key and
 * handed over in the three steps of the FIT-Connect Submission API. The municipality gets the
 * client id and secret when it is onboarded as a sender; the secret is stored encrypted and never
 * shown back. The three addresses are separate because FIT-Connect runs its token service, and
 * may run the destination directory, apart from the Submission API.
 */
import type { SettingKind } from './contract.ts';
import { WEBHOOK_URL } from './delivery-webhook.ts';

export type DeliveryFitConnect = {
  enabled: boolean;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  destinationId: string;
  destinationLookupUrl: string;
  submissionApiUrl: string;
};

/** A destination id is a UUID (Submission API 1.1.3, `destinationId`). */
export const DESTINATION_ID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
export const MAX_CLIENT_SECRET = 1000;

const url = {
  type: 'string',
  maxLength: 2000,
  anyOf: [
    { type: 'string', const: '' },
    { type: 'string', pattern: WEBHOOK_URL },
  ],
} as const;

export const deliveryFitConnect: SettingKind<DeliveryFitConnect> = {
  scope: 'service',
  schema: {
    type: 'object',
    properties: {
      enabled: { type: 'boolean' },
      tokenUrl: url,
      clientId: { type: 'string', maxLength: 200 },
      clientSecret: { type: 'string', maxLength: MAX_CLIENT_SECRET },
      destinationId: {
        type: 'string',
        maxLength: 36,
        anyOf: [
          { type: 'string', const: '' },
          { type: 'string', pattern: DESTINATION_ID },
        ],
      },
      destinationLookupUrl: url,
      submissionApiUrl: url,
    },
    required: [
      'enabled',
      'tokenUrl',
      'clientId',
      'clientSecret',
      'destinationId',
      'destinationLookupUrl',
      'submissionApiUrl',
    ],
    additionalProperties: false,
    // A channel that is on needs every address, the client and the destination; one that is off
    // may keep none of them.
    if: { properties: { enabled: { type: 'boolean', const: true } } },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, a plain object never awaited
    then: {
      properties: {
        tokenUrl: { type: 'string', minLength: 1 },
        clientId: { type: 'string', minLength: 1 },
        clientSecret: { type: 'string', minLength: 1 },
        destinationId: { type: 'string', minLength: 1 },
        destinationLookupUrl: { type: 'string', minLength: 1 },
        submissionApiUrl: { type: 'string', minLength: 1 },
      },
    },
  },
  secrets: ['clientSecret'],
  defaults: {
    enabled: false,
    tokenUrl: '',
    clientId: '',
    clientSecret: '',
    destinationId: '',
    destinationLookupUrl: '',
    submissionApiUrl: '',
  },
};
