/** Sends a sealed receipt (ADR 0032) as a download, for the citizen and the caseworker alike. */
import type { FastifyReply } from 'fastify';
import type { ReceiptDownload } from '../../core/receipts.ts';
import { contentDisposition } from './content-disposition.ts';

export function sendReceipt(reply: FastifyReply, receipt: ReceiptDownload): FastifyReply {
  const name = receipt.locale === 'de' ? 'Eingangsbestaetigung' : 'Receipt';
  return (
    reply
      .type('application/pdf')
      .header('content-disposition', contentDisposition(`${name}-${receipt.reference}.pdf`))
      .header('x-content-type-options', 'nosniff')
      // Personal data: never kept by the browser's cache or a proxy.
      .header('cache-control', 'no-store')
      .send(Buffer.from(receipt.pdf))
  );
}
