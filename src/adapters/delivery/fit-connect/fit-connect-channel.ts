/**
 * The FIT-Connect-style transport (ADR 0042, docs/delivery/fit-connect.md). One delivery:
 *
 * 1. an access token (client credentials, cached until shortly before it expires),
 * 2. the destination's public encryption key from the destination lookup,
 * 3. the data (the answers as the service's data schema describes them), every uploaded file and
 *    the sealed receipt (purpose `form`), each as JWE compact (RSA-OAEP-256 + A256GCM, jose) to that
 *    key, and the metadata (schema 2.1.0) with their SHA-512 hashes, encrypted the same way,
 * 4. the three steps of the Submission API: announce (`POST /v1/submissions`), upload every
 *    attachment (`PUT …/attachments/{id}`), submit (`PUT /v1/submissions/{id}`).
 *
 * The Submission API knows no idempotency key. Amtsweg sends its own in `Idempotency-Key` when it
 * announces (a gateway that honours it answers with the submission it already has; FIT-Connect
 * ignores it), derives every attachment id from stable ids, and names its reference in the
 * metadata (`senderReference`), so a receiver can recognise a submission sent twice when an
 * answer was lost. Encryption happens before the announcement: a key that cannot be used fails
 * the delivery before anything is created at the receiver.
 */
import { createHash } from 'node:crypto';
import { CompactEncrypt } from 'jose';
import { berlinDate } from '../../../core/berlin-date.ts';
import type { ChannelOptions } from '../../../core/delivery/channels.ts';
import type { Delivery } from '../../../core/delivery/payload.ts';
import { DeliveryFailed } from '../../../core/errors.ts';
import type { Clock, DeliveryChannel } from '../../../core/ports.ts';
import { localize } from '../../../definition/types.ts';
import { createAccessTokens } from './access-token.ts';
import { type DestinationKey, destinationKey } from './destination-key.ts';
import { createHttpStep, TokenRefused } from './http-step.ts';
import { type OutgoingAttachment, submissionMetadata } from './metadata.ts';
import { serviceType } from './service-type.ts';

export const FIT_CONNECT_TIMEOUT_MS = 30_000;

/** A UUID (version 4 layout) derived from stable input, so every attempt uses the same id. */
export function stableUuid(...parts: string[]): string {
  const bytes = createHash('sha256').update(parts.join('\u0000')).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** JWE compact serialisation to the destination's key, as FIT-Connect prescribes it. */
export async function encryptFor(
  destination: DestinationKey,
  content: Uint8Array,
  contentType: string,
): Promise<string> {
  try {
    return await new CompactEncrypt(content)
      .setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: destination.kid, cty: contentType })
      .encrypt(destination.key);
  } catch (error) {
    throw new DeliveryFailed(
      `FIT-Connect: encrypting to the destination key ${destination.kid} failed (${(error as Error).message})`,
      false,
      { cause: error },
    );
  }
}

interface Announced {
  submissionId: string;
}

export function createFitConnectChannel(options: {
  clock: Clock;
  /** Where the sending system is (the metadata's `author.url`). */
  baseUrl: string;
  productVersion: string;
  timeoutMs?: number;
}): DeliveryChannel<ChannelOptions<'fit-connect'>> {
  const timeoutMs = options.timeoutMs ?? FIT_CONNECT_TIMEOUT_MS;
  const tokens = createAccessTokens({ clock: options.clock, timeoutMs });
  const http = createHttpStep({ timeoutMs, userAgent: `Amtsweg-Delivery/1 (FIT-Connect)` });

  async function attachmentsOf(delivery: Delivery): Promise<OutgoingAttachment[]> {
    const files = await Promise.all(
      delivery.attachments.map(async (a) => ({
        attachmentId: a.id,
        purpose: 'attachment' as const,
        filename: a.name,
        mimeType: a.mediaType,
        content: await delivery.fileContent(a.id),
      })),
    );
    const documents = delivery.documents.map((d) => ({
      attachmentId: stableUuid(delivery.idempotencyKey, d.filename),
      // The receipt is the PDF of the whole application as submitted: FIT-Connect's `form`.
      purpose: 'form' as const,
      filename: d.filename,
      mimeType: d.contentType,
      content: d.content,
    }));
    return [...files, ...documents];
  }

  async function send(delivery: Delivery, o: ChannelOptions<'fit-connect'>, token: string): Promise<void> {
    const destination = await destinationKey(http, o.destinationLookupUrl, o.destinationId, token);
    const data = new TextEncoder().encode(JSON.stringify(delivery.answers));
    const attachments = await attachmentsOf(delivery);
    const metadata = submissionMetadata({
      data,
      dataSchemaUrl: delivery.dataSchemaUrl,
      attachments,
      reference: delivery.submission.reference,
      applicationDate: berlinDate(new Date(delivery.submission.submittedAt)),
      sender: { name: localize(delivery.tenant.name, 'de'), url: options.baseUrl },
      product: { name: 'Amtsweg', version: options.productVersion, manufacturer: 'Amtsweg' },
    });
    const encryptedData = await encryptFor(destination, data, 'application/json');
    const encryptedMetadata = await encryptFor(
      destination,
      new TextEncoder().encode(JSON.stringify(metadata)),
      'application/json',
    );
    const encryptedAttachments = await Promise.all(
      attachments.map(async (a) => ({
        id: a.attachmentId,
        jwe: await encryptFor(destination, a.content, a.mimeType),
      })),
    );

    const api = o.submissionApiUrl.replace(/\/+$/, '');
    const announced = (await http.json('announce', 'POST', `${api}/v1/submissions`, {
      token,
      contentType: 'application/json',
      headers: { 'idempotency-key': delivery.idempotencyKey },
      body: JSON.stringify({
        destinationId: o.destinationId,
        announcedAttachments: attachments.map((a) => a.attachmentId),
        serviceType: serviceType(delivery),
      }),
    })) as Partial<Announced>;
    if (typeof announced.submissionId !== 'string' || !/^[0-9a-fA-F-]{32,36}$/.test(announced.submissionId)) {
      throw new DeliveryFailed('FIT-Connect announce: the answer names no submission id', false);
    }
    const submission = `${api}/v1/submissions/${announced.submissionId}`;
    for (const attachment of encryptedAttachments) {
      await http.send('upload attachment', 'PUT', `${submission}/attachments/${attachment.id}`, {
        token,
        contentType: 'application/jose',
        body: attachment.jwe,
      });
    }
    await http.send('submit', 'PUT', submission, {
      token,
      contentType: 'application/json',
      body: JSON.stringify({ encryptedMetadata, encryptedData }),
    });
  }

  return {
    async deliver(delivery, o) {
      const credentials = { tokenUrl: o.tokenUrl, clientId: o.clientId, clientSecret: o.clientSecret };
      try {
        await send(delivery, o, await tokens.get(credentials));
      } catch (error) {
        if (!(error instanceof TokenRefused)) throw error;
        // A cached token the API no longer accepts (revoked, clock skew): once with a new one.
        tokens.forget(credentials);
        await send(delivery, o, await tokens.get(credentials));
      }
    },
  };
}
