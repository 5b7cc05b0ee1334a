/**
 * What a receipt (Eingangsbestätigung) says, as data: assembled here from the submission as
 * stored, rendered and sealed by a `ReceiptSealer` (ADR 0032). The answers are the engine's
 * check-your-answers summary of the exact version submitted, so every label and value reads as the
 * citizen saw them before sending.
 */
import { createHash } from 'node:crypto';
import type { Answers, Locale, LocalizedText } from '../definition/types.ts';
import { localize } from '../definition/types.ts';
import { summarizeComputed } from '../engine/computed-summary.ts';
import type { FormModel, SummaryRow, SummarySection } from '../engine/model.ts';
import { canonicalJson } from './canonical-json.ts';
import type { AttachmentMeta, ServiceVersion, Submission, Tenant } from './domain.ts';

export interface ReceiptContent {
  locale: Locale;
  municipality: string;
  /** Amtlicher Gemeindeschlüssel, when the tenant has one. */
  ags: string | null;
  office: string;
  service: string;
  serviceVersion: number;
  /** LeiKa-Schlüssel of the service, when its definition names one. */
  leikaKey: string | null;
  reference: string;
  /** When the submission was stored (ISO 8601, UTC); shown in Europe/Berlin time. */
  submittedAt: string;
  sections: SummarySection[];
  /** The labelled computed values, as the check page showed them. */
  computed: SummaryRow[];
  /** The fee computed at submission (euro-cents) with the definition's label; null without one. */
  fee: { cents: number; label: string } | null;
  attachments: Array<Pick<AttachmentMeta, 'name' | 'mediaType' | 'size' | 'sha256'>>;
  /**
   * The Vertrauensniveau of the identity the citizen proved, when they logged in (ADR 0048);
   * absent without a login, and the receipt then has no such line.
   */
  identityLevel?: string;
  /** The identity provider's name (its configured label, else its id), with `identityLevel`. */
  identityProvider?: string;
  /** When the citizen logged in (ISO 8601, UTC), with `identityLevel`. */
  identityLoggedInAt?: string;
  /** Sent as Schriftformersatz (§ 3a Abs. 2 VwVfG, § 9a OZG): the receipt says so. */
  schriftformersatz?: boolean;
  /** `submissionDataHash` of the answers as stored. */
  dataHash: string;
  /** Sealed with a generated self-signed demo certificate: the receipt says so. */
  demoSeal: boolean;
}

/**
 * The SHA-256 (lower-case hex) of the submitted data: of the UTF-8 bytes of the canonical JSON
 * (RFC 8785, `canonical-json.ts`) of the answers object as stored with the submission (entered
 * answers, stored computed values and the file references of uploads). The JSON Schema of that
 * object is the version's data contract (`…/daten/v{n}.schema.json`); docs/caseworker explains how
 * to recompute it.
 */
export function submissionDataHash(answers: Answers): string {
  return createHash('sha256').update(canonicalJson(answers), 'utf8').digest('hex');
}

export function receiptContent(input: {
  tenant: Tenant;
  version: ServiceVersion;
  model: FormModel;
  submission: Submission;
  attachments: readonly AttachmentMeta[];
  locale: Locale;
  demoSeal: boolean;
  /** A configured identity provider's label by id (absent or unknown: the id is shown). */
  providerLabel?: ((providerId: string) => LocalizedText | undefined) | undefined;
}): ReceiptContent {
  const { tenant, version, submission, locale } = input;
  const definition = version.definition;
  const identity = submission.identity;
  const providerLabel = identity && input.providerLabel?.(identity.provider);
  return {
    locale,
    municipality: localize(tenant.name, locale),
    ags: tenant.ags,
    office: localize(definition.local.office.name, locale),
    service: localize(definition.title, locale),
    serviceVersion: version.version,
    leikaKey: definition.leikaKey ?? null,
    reference: submission.reference,
    submittedAt: submission.submittedAt,
    sections: input.model.summary(submission.answers, locale),
    computed: summarizeComputed(definition, submission.answers, locale),
    fee:
      submission.feeCents !== null && definition.local.fee
        ? { cents: submission.feeCents, label: localize(definition.local.fee.label, locale) }
        : null,
    attachments: input.attachments.map(({ name, mediaType, size, sha256 }) => ({
      name,
      mediaType,
      size,
      sha256,
    })),
    ...(identity && {
      identityLevel: identity.level,
      identityProvider: providerLabel ? localize(providerLabel, locale) : identity.provider,
      identityLoggedInAt: identity.loggedInAt,
    }),
    ...(submission.schriftformersatz && { schriftformersatz: true }),
    dataHash: submissionDataHash(submission.answers),
    demoSeal: input.demoSeal,
  };
}
