// Types of fit-connect-decrypt.mjs, for receivers written in TypeScript.
import type { KeyObject } from 'node:crypto';

export function decryptJwe(
  compact: string,
  privateKey: KeyObject | string,
): { header: Record<string, unknown>; plaintext: Buffer };

export function sha512Hex(bytes: Uint8Array): string;

export interface OpenedAttachment {
  attachmentId: string;
  purpose: string;
  filename?: string;
  mimeType: string;
  hash: { type: 'sha512'; content: string };
  content: Buffer;
}

export function openSubmission(input: {
  encryptedMetadata: string;
  encryptedData: string;
  attachments: Map<string, string>;
  privateKey: KeyObject | string;
}): {
  // biome-ignore lint/suspicious/noExplicitAny: the metadata as FIT-Connect's schema describes it
  metadata: any;
  // biome-ignore lint/suspicious/noExplicitAny: the data as the service's data schema describes it
  data: any;
  attachments: Map<string, OpenedAttachment>;
};
