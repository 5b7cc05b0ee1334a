// Types of fit-connect-stand-in.mjs, for tests and receivers written in TypeScript.
import type { KeyObject } from 'node:crypto';
import type { OpenedAttachment } from './fit-connect-decrypt.mjs';

export function destinationKeyPair(
  bits?: number,
  kid?: string,
): { kid: string; privateKey: KeyObject; jwk: Record<string, unknown> };

export interface ReceivedSubmission {
  submissionId: string;
  idempotencyKey: string | undefined;
  serviceType: { name: string; identifier: string };
  metadata: Record<string, unknown> & {
    contentStructure: { data: { submissionSchema: { schemaUri: string } } };
    additionalReferenceInfo: { senderReference: string; applicationDate: string };
  };
  data: Record<string, unknown>;
  attachments: Map<string, OpenedAttachment>;
}

export interface FitConnectStandInOptions {
  clientId: string;
  clientSecret: string;
  destinationId: string;
  port?: number;
  checkMetadata?(metadata: unknown): string | undefined;
  onSubmission?(received: ReceivedSubmission): void;
}

export class FitConnectStandIn {
  constructor(options: FitConnectStandInOptions);
  readonly options: FitConnectStandInOptions;
  keys: ReturnType<typeof destinationKeyPair>;
  published: Record<string, unknown>;
  readonly received: ReceivedSubmission[];
  readonly refused: string[];
  tokenRequests: number;
  announcements: number;
  loseNextSubmitAnswer: boolean;
  port: number;
  readonly url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  revokeTokens(): void;
}
