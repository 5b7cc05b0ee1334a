/**
 * What a delivery carries (ADR 0034): the data contract every channel sends or attaches, built once
 * per attempt from the stored submission. The JSON form (`deliveryJson`) is the webhook's body and
 * the e-mail's attachment, so a specialist system reads the same document from either channel.
 */
import type { Answers, LocalizedText } from '../../definition/types.ts';
import type {
  AttachmentMeta,
  DeliveryDocument,
  OutboxChannel,
  ServiceVersion,
  Submission,
  Tenant,
} from '../domain.ts';
import type { SubmittedIdentity } from '../identity/records.ts';

export interface Delivery {
  /** The same for every attempt of this submission and channel: receivers deduplicate by it. */
  idempotencyKey: string;
  /** The outbox channel; `confirmation` is the applicant's confirmation e-mail. */
  channel: OutboxChannel;
  /** 1 for the first attempt. */
  attempt: number;
  tenant: { id: string; slug: string; name: LocalizedText; ags: string | null };
  submission: {
    id: string;
    reference: string;
    submittedAt: string;
    feeCents: number | null;
    /**
     * The applicant's login when they were logged in (ADR 0048): level, provider, login time, the
     * provider's pseudonymous subject and, for Schriftformersatz, the attributes it vouched for.
     */
    identity: SubmittedIdentity | null;
    /** Sent as Schriftformersatz (§ 3a Abs. 2 VwVfG, § 9a OZG). */
    schriftformersatz: boolean;
  };
  service: { id: string; slug: string; title: LocalizedText; version: number; leikaKey: string | null };
  /** The answers as the service's data schema describes them (`/schemas/...`). */
  answers: Answers;
  /** The uploaded files' metadata; their content stays in Amtsweg unless a channel reads it. */
  attachments: readonly AttachmentMeta[];
  /**
   * The content of one of `attachments`, read (and decrypted) only when a channel carries files
   * (FIT-Connect, ADR 0042), so the other channels never load them.
   */
  fileContent(attachmentId: string): Promise<Uint8Array>;
  /** The JSON Schema that `answers` follow: the service version's published data contract. */
  dataSchemaUrl: string;
  /** Where a caseworker opens the submission. */
  staffUrl: string;
  /** Documents that go with it (the receipt, once it exists); see `SubmissionDocuments`. */
  documents: readonly DeliveryDocument[];
}

/** Version of the JSON below; a receiver can refuse what it does not know. */
export const DELIVERY_FORMAT = 'amtsweg.submission/1';

/** The machine-readable document of a delivery (webhook body, e-mail attachment). */
export function deliveryJson(delivery: Delivery): string {
  return JSON.stringify(deliveryDocument(delivery));
}

/**
 * The parts of a delivery that describe the submission itself — municipality, submission, service
 * and answers — the same for every channel and for the pull API.
 */
export function submissionParts(
  tenant: Tenant,
  submission: Submission,
  version: ServiceVersion,
): Pick<Delivery, 'tenant' | 'submission' | 'service' | 'answers'> {
  return {
    tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name, ags: tenant.ags },
    submission: {
      id: submission.id,
      reference: submission.reference,
      submittedAt: submission.submittedAt,
      feeCents: submission.feeCents,
      identity: submission.submittedIdentity,
      schriftformersatz: submission.schriftformersatz,
    },
    service: {
      id: version.serviceId,
      slug: version.slug,
      title: version.definition.title,
      version: version.version,
      leikaKey: version.definition.leikaKey ?? null,
    },
    answers: submission.answers,
  };
}

/** What the document is made of: a delivery, or a submission the pull API serves. */
export type DeliveryDocumentSource = Pick<
  Delivery,
  'idempotencyKey' | 'submission' | 'tenant' | 'service' | 'answers' | 'attachments' | 'staffUrl'
>;

/** The same document as an object (the pull API adds its links before serializing it). */
export function deliveryDocument(delivery: DeliveryDocumentSource) {
  return {
    format: DELIVERY_FORMAT,
    idempotencyKey: delivery.idempotencyKey,
    submission: delivery.submission,
    municipality: { slug: delivery.tenant.slug, name: delivery.tenant.name, ags: delivery.tenant.ags },
    service: {
      slug: delivery.service.slug,
      version: delivery.service.version,
      title: delivery.service.title,
      leikaKey: delivery.service.leikaKey,
    },
    answers: delivery.answers,
    attachments: delivery.attachments.map((a) => ({
      id: a.id,
      field: a.fieldKey,
      filename: a.name,
      mediaType: a.mediaType,
      size: a.size,
      sha256: a.sha256,
    })),
    links: { staff: delivery.staffUrl },
  };
}
