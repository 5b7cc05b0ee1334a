/**
 * The webhook's signature, as FIT-Connect signs its callbacks: `callback-authentication` is the
 * hex-encoded HMAC-SHA512 of `${callback-timestamp}.${body}` under the shared secret, and
 * `callback-timestamp` the time of sending in whole seconds since the epoch. A receiver recomputes
 * the HMAC over the exact bytes it received, compares in constant time and refuses old timestamps
 * (docs/delivery/webhook.md), so a recorded request cannot be replayed later.
 */
import { createHmac } from 'node:crypto';

export const SIGNATURE_HEADER = 'callback-authentication';
export const TIMESTAMP_HEADER = 'callback-timestamp';

export function webhookSignature(secret: string, timestampSeconds: number, body: string): string {
  return createHmac('sha512', secret).update(`${timestampSeconds}.${body}`).digest('hex');
}
