/**
 * The webhook channel (ADR 0034): the delivery's JSON (`deliveryJson`) POSTed to the configured URL,
 * signed like a FIT-Connect callback, with the idempotency key in `Idempotency-Key`. Any 2xx is
 * accepted. The network failing, a timeout, 5xx, 408 and 429 are worth another attempt; any other
 * answer (4xx, and redirects, which are not followed: a signed body must not be sent elsewhere) is
 * permanent until someone fixes the receiver or the setting.
 */
import type { ChannelOptions } from '../../../core/delivery/channels.ts';
import { deliveryJson } from '../../../core/delivery/payload.ts';
import { DeliveryFailed } from '../../../core/errors.ts';
import type { Clock, DeliveryChannel } from '../../../core/ports.ts';
import { networkFailureReason, retryableStatus } from '../http-status.ts';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, webhookSignature } from './signature.ts';

export const WEBHOOK_TIMEOUT_MS = 30_000;

export function createWebhookChannel(options: {
  clock: Clock;
  timeoutMs?: number;
  userAgent?: string;
}): DeliveryChannel<ChannelOptions<'webhook'>> {
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  return {
    async deliver(delivery, { url, secret }) {
      const body = deliveryJson(delivery);
      const timestamp = Math.floor(options.clock.now().getTime() / 1000);
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'user-agent': options.userAgent ?? 'Amtsweg-Delivery/1',
            'idempotency-key': delivery.idempotencyKey,
            [TIMESTAMP_HEADER]: String(timestamp),
            [SIGNATURE_HEADER]: webhookSignature(secret, timestamp, body),
          },
          body,
        });
      } catch (error) {
        throw new DeliveryFailed(`POST ${new URL(url).host}: ${networkFailureReason(error)}`, true, {
          cause: error,
        });
      }
      // The body is not needed; reading it frees the connection for the next delivery.
      await response.arrayBuffer().catch(() => undefined);
      if (response.status >= 200 && response.status < 300) return;
      throw new DeliveryFailed(
        `POST ${new URL(url).host}: HTTP ${response.status}`,
        retryableStatus(response.status),
      );
    },
  };
}
