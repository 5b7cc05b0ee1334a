/**
 * The `ReceiptSealer` of the app: renders the receipt (`render.ts`) and seals it (`seal.ts`).
 */
import type { Clock, ReceiptSealer } from '../../core/ports.ts';
import { renderReceipt } from './render.ts';
import { describeCertificate, generateDemoCertificate, sealPdf } from './seal.ts';
import { receiptText } from './texts.ts';

export function createReceiptSealer(clock: Clock): ReceiptSealer {
  return {
    async seal(content, certificate) {
      const now = clock.now();
      const pdf = await renderReceipt(content, now);
      return sealPdf(pdf, certificate, {
        name: content.municipality,
        location: content.municipality,
        reason: receiptText(content.locale, 'sealReason', { reference: content.reference }),
        signingTime: now,
      });
    },
    async demoCertificate(subject) {
      return generateDemoCertificate(subject, clock.now());
    },
    describe: describeCertificate,
  };
}
