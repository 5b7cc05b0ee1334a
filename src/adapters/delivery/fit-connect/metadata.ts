/**
 * The metadata of a FIT-Connect submission (ADR 0042), following the metadata schema 2.1.0
 * (`test/fixtures/fit-connect/`, checked there with Ajv): `contentStructure` with the hash and
 * schema URI of the data and, per attachment, its purpose, media type, file name and hash (SHA-512
 * of the unencrypted bytes, as the schema requires), `additionalReferenceInfo` with Amtsweg's
 * reference and the application date, and `author` naming the sending system.
 *
 * Schema 2.x moved two things of 1.x out of the metadata: the service (`publicServiceType`, the
 * LeiKa key) is announced with the submission (`serviceType`, see `service-type.ts`), and
 * identification reports (`authenticationInformation`) became `dataSets` with their own schemas.
 * The identity recorded with a submission (ADR 0048) is in the webhook's and pull API's document
 * (`submission.identity`); FIT-Connect sends the answers only, and no identification report yet.
 */
import { createHash } from 'node:crypto';

export const METADATA_SCHEMA = 'https://schema.fitko.de/fit-connect/metadata/2.1.0/metadata.schema.json';

/** The purposes schema 2.1.0 allows; Amtsweg sends uploads and the receipt. */
export type AttachmentPurpose = 'form' | 'attachment' | 'report' | 'data';

export interface OutgoingAttachment {
  attachmentId: string;
  purpose: AttachmentPurpose;
  filename: string;
  mimeType: string;
  content: Uint8Array;
}

export interface MetadataInput {
  data: Uint8Array;
  dataSchemaUrl: string;
  attachments: readonly OutgoingAttachment[];
  reference: string;
  /** The day of the application in Germany, `YYYY-MM-DD`. */
  applicationDate: string;
  sender: { name: string; url: string };
  product: { name: string; version: string; manufacturer: string };
}

export function sha512Hash(content: Uint8Array): { type: 'sha512'; content: string } {
  return { type: 'sha512', content: createHash('sha512').update(content).digest('hex') };
}

/** `type/subtype` as the schema's pattern allows it (parameters such as `charset` dropped). */
export function bareMediaType(mediaType: string): string {
  const bare = mediaType.split(';')[0]!.trim().toLowerCase();
  return /^[-\w.]+\/[-\w.+]+$/.test(bare) ? bare : 'application/octet-stream';
}

export function submissionMetadata(input: MetadataInput): Record<string, unknown> {
  return {
    $schema: METADATA_SCHEMA,
    contentStructure: {
      data: {
        hash: sha512Hash(input.data),
        submissionSchema: { schemaUri: input.dataSchemaUrl, mimeType: 'application/json' },
      },
      attachments: input.attachments.map((a) => ({
        attachmentId: a.attachmentId,
        purpose: a.purpose,
        filename: a.filename,
        mimeType: bareMediaType(a.mimeType),
        hash: sha512Hash(a.content),
      })),
    },
    additionalReferenceInfo: {
      senderReference: input.reference,
      applicationDate: input.applicationDate,
    },
    author: { name: input.sender.name, url: input.sender.url, product: input.product },
  };
}
