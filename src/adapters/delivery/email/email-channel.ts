/**
 * The e-mail channel (ADR 0034): the message from `core/delivery/email-message.ts` to the office's
 * address, through whichever `Mailer` the installation has (SMTP or the built-in sink). The mailer
 * says whether a failure is worth another attempt.
 */
import type { ChannelOptions } from '../../../core/delivery/channels.ts';
import { emailMessage } from '../../../core/delivery/email-message.ts';
import type { DeliveryChannel, Mailer } from '../../../core/ports.ts';

export function createEmailChannel(mailer: Mailer): DeliveryChannel<ChannelOptions<'email'>> {
  return {
    async deliver(delivery, { to, withData }) {
      const message = emailMessage(delivery, withData);
      await mailer.send({
        tenantId: delivery.tenant.id,
        to,
        ...message,
        headers: { 'X-Amtsweg-Idempotency-Key': delivery.idempotencyKey },
      });
    },
  };
}
