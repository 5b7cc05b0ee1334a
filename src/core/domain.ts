/**
 * The domain's records as the use cases see them: municipalities (tenants), published service
 * versions, drafts, submissions, staff accounts and sessions, Service-Design candidates, audit
 * events and attachments. Plain data, no behaviour; the ports in `ports.ts` store and load them.
 */
import type { Resolutions } from '../definition/merge-conflict.ts';
import type { Answers, Locale, LocalizedText, ServiceDefinition } from '../definition/types.ts';
import type { SubmittedIdentity, SubmittedIdentityMark } from './identity/records.ts';

export interface Tenant {
  id: string;
  /** URL segment, e.g. `musterstadt`. */
  slug: string;
  name: LocalizedText;
  /** Amtlicher Gemeindeschlüssel (8 digits); demo tenants use fictional keys. */
  ags: string | null;
  /** Pages every citizen page links to in its footer; present when at least one is set. */
  legalLinks?: LegalLinks;
}

/** Absolute http(s) URLs of the municipality's legal pages (on its own website). */
export interface LegalLinks {
  /** Impressum (§ 5 DDG). */
  imprint?: string;
  /** Datenschutzerklärung (Art. 13 DSGVO). */
  privacy?: string;
  /** Erklärung zur Barrierefreiheit (BITV 2.0), with its feedback contact. */
  accessibility?: string;
}

export interface ServiceVersion {
  id: string;
  tenantId: string;
  serviceId: string;
  /** The definition's `id` (slug within the tenant). */
  slug: string;
  version: number;
  definition: ServiceDefinition;
  publishedAt: string;
  /**
   * When the service (not this version) was taken offline: it is then missing from the citizen
   * catalogue and its pages show a notice. Null or absent while it is online.
   */
  withdrawnAt?: string | null;
  /** The staff account that published it (absent from the command line and before history was kept). */
  publishedBy?: string | null;
  /** Why it was published, as the designer wrote it (ADR 0043). */
  changeMessage?: string | null;
}

/** Who published a version and why: given to every publish that has them. */
export interface PublishMeta {
  publishedBy: string | null;
  changeMessage: string | null;
}

/** One published version as the service's history lists it. */
export interface VersionEntry {
  id: string;
  version: number;
  publishedAt: string;
  title: LocalizedText;
  publishedBy: string | null;
  changeMessage: string | null;
}

export interface Draft {
  id: string;
  tenantId: string;
  serviceId: string;
  serviceVersionId: string;
  answers: Answers;
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
  /** Set once the draft was submitted; the confirmation page reads it. */
  submissionId: string | null;
  /** The identity it belongs to, a keyed hash (ADR 0049); null or absent: the browser's only. */
  ownerHash?: string | null;
}

/** An open draft as "Meine Anträge" lists it (ADR 0049). */
export interface OwnedDraft {
  id: string;
  serviceSlug: string;
  serviceTitle: LocalizedText;
  updatedAt: string;
  expiresAt: string;
}

/** A sent application as "Meine Anträge" lists it. */
export interface OwnedSubmission {
  reference: string;
  serviceSlug: string;
  serviceTitle: LocalizedText;
  submittedAt: string;
  status: SubmissionStatus;
}

export interface OwnedApplications {
  drafts: OwnedDraft[];
  submissions: OwnedSubmission[];
}

export const SUBMISSION_STATUSES = ['received', 'in_progress', 'completed'] as const;

export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

export interface SubmissionSummary {
  id: string;
  tenantId: string;
  reference: string;
  serviceId: string;
  serviceSlug: string;
  serviceTitle: LocalizedText;
  serviceVersion: number;
  status: SubmissionStatus;
  submittedAt: string;
  updatedAt: string;
  /** Level, provider and login time when the applicant was logged in (ADR 0048); null otherwise. */
  identity: SubmittedIdentityMark | null;
  /** Sent as Schriftformersatz (§ 3a VwVfG, § 9a OZG): the service declared it when it was sent. */
  schriftformersatz: boolean;
}

export interface Submission extends SubmissionSummary {
  serviceVersionId: string;
  answers: Answers;
  /** The fee in integer euro-cents computed when it was submitted; null without a fee rule. */
  feeCents: number | null;
  /** The identity recorded with it, subject (and attributes) decrypted; null without a login. */
  submittedIdentity: SubmittedIdentity | null;
}

/**
 * What a staff account may do. `caseworker` (Sachbearbeitung): the inbox and submissions.
 * `designer` (Service-Design): upload, preview and publish service definitions. `admin`
 * (Verwaltung): the municipality's staff accounts, its settings and the operational configuration
 * of its services (ADR 0024), but neither applications nor definitions. An account may have any
 * of them; it has at least one.
 */
export const STAFF_ROLES = ['caseworker', 'designer', 'admin'] as const;

export type StaffRole = (typeof STAFF_ROLES)[number];

export interface StaffAccount {
  id: string;
  tenantId: string;
  username: string;
  displayName: string;
  passwordHash: string;
  roles: StaffRole[];
  /** When an operator disabled the account (it cannot log in then); null or absent while active. */
  disabledAt?: string | null;
}

/** What an operator changes on an existing account; every change ends the account's sessions. */
export interface StaffAccountChange {
  passwordHash?: string;
  roles?: StaffRole[];
  /** A timestamp disables the account, null enables it again. */
  disabledAt?: string | null;
}

export interface StaffSession {
  id: string;
  tenantId: string;
  accountId: string;
  username: string;
  displayName: string;
  /** Read from the account at every request, so a role removed takes effect at once. */
  roles: StaffRole[];
  /** The absolute end, whatever the activity. */
  expiresAt: string;
  /** When the session was last used; it ends after a time without use (idle timeout). */
  lastSeenAt: string;
  /**
   * What the login still needs (ADR 0055): the code of the second factor, or its enrolment. Such a
   * session opens no staff page but that step's; absent once the login is complete.
   */
  secondFactor?: SecondFactorDue;
}

export type SecondFactorDue = 'code' | 'enrol';

/** A staff account's TOTP factor (ADR 0055): the secret, decrypted; enrolled once confirmed. */
export interface SecondFactor {
  secret: string;
  enrolledAt: string | null;
  /** The last accepted time step; a code counts only for a later one. */
  lastStep: number | null;
}

/** Whose failed staff logins are counted: a typed username's or a client address's (ADR 0028). */
export type LoginThrottleKind = 'account' | 'client';

/** Failed staff logins of one typed username or one client address, as stored. */
export interface LoginFailures {
  kind: LoginThrottleKind;
  /** A keyed pseudonym of the username or address (`Pseudonyms`), never the text itself. */
  key: string;
  /** The current run of failures; it decides delays and locks and is forgotten after a quiet time. */
  failures: number;
  /** The failures since the last successful login, to tell the account holder. */
  sinceSuccess: number;
  lastFailureAt: string;
  /** When the last lock began, when one did since the last successful login. */
  lockedAt: string | null;
}

/**
 * Where an upload came from: a JSON or FIM file, an earlier published version (republished), or a
 * draft of the visual editor handed over to preview and publishing (ADR 0033).
 */
export type CandidateSource = 'json' | 'fim' | 'version' | 'editor';

/** A problem the FIM import reported for one element (kept with the candidate, shown to designers). */
export interface CandidateWarning {
  element: string;
  /**
   * German first, with English. Candidates imported before the notes were translated carry the
   * English text alone, as a string.
   */
  message: { de: string; en: string } | string;
}

/**
 * An uploaded definition that passed every check but is not published yet (Service-Design). It is
 * tenant data like everything else; publishing it creates a new immutable service version.
 */
export interface ServiceCandidate {
  id: string;
  tenantId: string;
  /** The definition's `id`: the service it becomes a version of (created when new). */
  slug: string;
  definition: ServiceDefinition;
  source: CandidateSource;
  fileName: string;
  warnings: CandidateWarning[];
  uploadedBy: string;
  uploadedAt: string;
  /** Set once published; a candidate is published at most once. */
  publishedVersionId: string | null;
  publishedAt: string | null;
  /** The version of the same service that was live when this was uploaded; null for a new one. */
  basedOnVersionId?: string | null;
}

/** A candidate as lists show it: without its definition, which can be large (ADR 0027). */
export type CandidateSummary = Omit<ServiceCandidate, 'definition'> & { title: LocalizedText };

/** What an editor draft was started from (ADR 0033). */
export type EditorDraftSource = 'new' | 'service' | 'candidate' | 'catalog' | 'package';

/**
 * A service definition being built in the visual editor (ADR 0033): changed in place, unlike a
 * candidate, and possibly with problems (it is a draft). `version` counts the saves; a save names
 * the version it was made on and is refused when another came first (optimistic concurrency).
 */
export interface EditorDraft {
  id: string;
  tenantId: string;
  /** The definition's `id` at the last save (what publishing would make it a version of). */
  slug: string;
  /** Format 2; every step and field carries its `uid`. May have problems. */
  definition: ServiceDefinition;
  version: number;
  source: EditorDraftSource;
  /** The published version or the upload it was started from; null when started empty. */
  sourceId: string | null;
  /** The published version of the same service it was started from (null for a new service). */
  basedOnVersionId: string | null;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
}

/** A draft as lists show it: without its definition. */
export type EditorDraftSummary = Omit<EditorDraft, 'definition'> & { title: LocalizedText };

/**
 * A stored operational setting (ADR 0024): the options of one registered kind for the municipality
 * or one of its services. Outside the definition: changed without publishing a version, audited,
 * never exported or shared.
 */
export interface OperationalSetting {
  tenantId: string;
  /** null for a tenant-wide setting. */
  serviceId: string | null;
  /** A name from `core/settings/registry.ts`, e.g. `drafts.retention`. */
  kind: string;
  /** The options that are not secret, as stored (checked again whenever they are read for use). */
  options: Record<string, unknown>;
  /** The secret options, decrypted; only use cases see them, pages show only whether one is set. */
  secrets: Record<string, string>;
  updatedAt: string;
  /** The admin who saved it; null when an operator did. */
  updatedBy: string | null;
}

/** An audit event as stored, with what the hash chain needs (ADR 0040). */
export interface StoredAuditEvent {
  id: string;
  tenantId: string;
  at: string;
  actorType: string;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  /** The details exactly as stored (JSON text), so the leaf hash is over the stored bytes. */
  detailsJson: string | null;
  /** The checkpoint that sealed it; null until then. */
  sealedIn: number | null;
}

/** One link of a tenant's audit hash chain (ADR 0040). Hashes are hex SHA-256. */
export interface AuditCheckpoint {
  tenantId: string;
  seq: number;
  createdAt: string;
  eventCount: number;
  eventsRoot: string;
  erasureCount: number;
  erasuresRoot: string;
  prevHash: string;
  hash: string;
}

/** A sealed audit event deleted under a retention rule: only its id and leaf hash remain. */
export interface AuditErasure {
  eventId: string;
  tenantId: string;
  sealedIn: number;
  leafHash: string;
  erasedAt: string;
  /** The checkpoint that recorded the erasure; null until the next one is sealed. */
  recordedIn: number | null;
}

export interface AuditEvent {
  tenantId: string;
  /** `operator`: a command run by whoever operates the installation (e.g. `amtsweg staff-disable`). */
  actorType: 'staff' | 'citizen' | 'system' | 'operator';
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  details?: Record<string, unknown>;
}

/** An uploaded file as the answer names it (see `engine/fields/file-refs.ts`). */
export interface AttachmentMeta {
  id: string;
  /** The file field's key. */
  fieldKey: string;
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
  /** Whether a malware scanner checked the file before it was accepted (ADR 0038). */
  scan: FileScan;
}

/** A file's malware check: `clean` at `at`, or `not-scanned` where no scanner was configured. */
export type FileScan = { status: 'not-scanned' } | { status: 'clean'; at: string };

/**
 * The channels a submission is delivered through (ADR 0034). Each has a setting kind
 * (`delivery.<channel>`) and an adapter; `core/delivery/channels.ts` maps the one to the other.
 */
export const DELIVERY_CHANNELS = ['email', 'webhook', 'fit-connect'] as const;

export type DeliveryChannelName = (typeof DELIVERY_CHANNELS)[number];

/**
 * What an outbox row delivers: a channel to the authority, or `confirmation`, the e-mail to the
 * applicant's contact address with the sealed receipt (ADR 0041), which no setting switches: the
 * definition marks the field, the applicant gives the address.
 */
export type OutboxChannel = DeliveryChannelName | 'confirmation';

/** `pending` (due now or later), `delivered`, or `dead`: given up, until an admin sends it again. */
export type DeliveryState = 'pending' | 'delivered' | 'dead';

/** One row of the transactional outbox: a submission to deliver through one channel. */
export interface DeliveryItem {
  id: string;
  tenantId: string;
  submissionId: string;
  channel: OutboxChannel;
  /** What the receiver deduplicates by: the same for every attempt of this item. */
  idempotencyKey: string;
  state: DeliveryState;
  /** Attempts begun so far (a claim counts as one). */
  attempts: number;
  nextAttemptAt: string;
  /** Start of the retry window (creation, or the last "erneut senden"). */
  retrySince: string;
  lastError: string | null;
  lastErrorAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
  deadAt: string | null;
}

/** A delivery with a problem, as the admin's page lists it. */
export interface DeliveryProblem extends DeliveryItem {
  reference: string;
  serviceId: string;
}

/** A mail as the built-in sink stored it (ADR 0034), shown on the admin's "Postausgang". */
export interface SentMail {
  id: string;
  tenantId: string;
  sentAt: string;
  to: string;
  subject: string;
  from: string;
  text: string;
  attachments: Array<{ filename: string; contentType: string; size: number; sha256: string }>;
}

/** A file that goes with a delivery: the receipt once it exists, the data as JSON. */
export interface DeliveryDocument {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

/**
 * A municipality's certificate for sealing receipts (ADR 0032): a PKCS#12 with the private key and
 * its certificate chain, stored encrypted with the tenant's data key. Installed by the operator
 * (`amtsweg seal-import`), or generated self-signed on first use in demo mode.
 */
export interface SealCertificate {
  tenantId: string;
  /** The PKCS#12 file's bytes (DER). */
  pkcs12: Uint8Array;
  passphrase: string;
  /** Self-signed, generated for the demo: every receipt sealed with it says so. */
  demo: boolean;
  createdAt: string;
}

/**
 * The sealed receipt (Eingangsbestätigung) of a submission, as issued once: every later download,
 * by the citizen or a caseworker, gets these exact bytes (ADR 0032).
 */
export interface StoredReceipt {
  tenantId: string;
  submissionId: string;
  pdf: Uint8Array;
  /** The language it was issued in: the citizen's, or German when a caseworker issued it first. */
  locale: Locale;
  createdAt: string;
}

/** What a municipality says when it offers a published service to the catalog (ADR 0043). */
export interface CatalogOffer {
  /** LeiKa-Schlüssel (14 digits), when the service has one. */
  leika: string | null;
  topic: string;
  /** The Land of the offering municipality (one of `LAENDER`). */
  land: string;
  description: string;
  /** An SPDX identifier (one of `CATALOG_LICENCES`). */
  licence: string;
  contact: string;
  /** A short experience report: what went well, what to watch for. */
  experience: string;
}

/** A published service in the installation's catalog. */
export interface CatalogEntry extends CatalogOffer {
  id: string;
  /** The offering municipality. */
  tenantId: string;
  provider: LocalizedText;
  serviceId: string;
  slug: string;
  title: LocalizedText;
  offeredBy: string;
  offeredAt: string;
  updatedAt: string;
  /** "In Betrieb in N Kommunen": the origin and every copy whose service is online. */
  inUse: number;
  /**
   * For an entry of another installation (ADR 0054): the installation it comes from. Its
   * `tenantId` is then `remote:<subscription id>` and `inUse` counts this installation's copies only.
   */
  installation?: { subscriptionId: string; name: string; operator: string };
}

export interface CatalogComment {
  id: string;
  entryId: string;
  /** The commenting municipality. */
  tenantId: string;
  municipality: LocalizedText;
  authorId: string;
  text: string;
  createdAt: string;
}

/**
 * Where a copied service came from (ADR 0044): the catalog entry, the origin municipality and its
 * service, and the origin's version that was copied or last merged (the base of the next merge).
 * Licence and attribution are kept as they were when copied.
 */
export interface ServiceOrigin {
  tenantId: string;
  slug: string;
  entryId: string;
  originTenantId: string;
  originServiceId: string;
  baseVersionId: string;
  licence: string;
  /** The origin municipality's name when copied, for the attribution the licence asks for. */
  attribution: string;
  copiedBy: string;
  copiedAt: string;
}

/**
 * A copy's merge of its origin's new version, under way (ADR 0045, migration 0034): the origin's
 * base and new version, the copy's own definition before merging, the designer's decisions so
 * far, and the editor draft holding the result at `draftVersion` (as the merge last wrote it).
 */
export interface CatalogMerge {
  tenantId: string;
  slug: string;
  draftId: string;
  entryId: string;
  baseVersionId: string;
  theirsVersionId: string;
  ours: ServiceDefinition;
  resolutions: Resolutions;
  draftVersion: number;
  /** The upload the draft was last handed over as; publishing it moves the copy's base. */
  candidateId: string | null;
  mergedBy: string;
  mergedAt: string;
}

/**
 * A municipality's key for the pull API (ADR 0041), as the admin sees it: never the key itself,
 * which is shown once at creation and stored only as a keyed hash.
 */
export interface ApiKey {
  id: string;
  tenantId: string;
  /** The one service the key may read; null: every service of the municipality. */
  serviceId: string | null;
  label: string;
  /** The key's first characters (`amtsweg_AbCd`), to tell keys apart. */
  prefix: string;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** A submission as the pull API lists it: what a specialist system needs to decide to fetch it. */
export interface PullListItem {
  id: string;
  reference: string;
  serviceId: string;
  serviceSlug: string;
  serviceVersion: number;
  submittedAt: string;
  acknowledgedAt: string | null;
}

/** One Leistung of the installation's LeiKa catalogue (ADR 0053), as an operator imported it. */
export interface LeikaEntry {
  /** The 14-digit LeiKa-Schlüssel. */
  key: string;
  /** Bezeichnung (Bezeichnung2 where the file had no Bezeichnung). */
  name: string;
  name2?: string;
  /** Typ, e.g. `1` or `2/3`. */
  type?: string;
  /** Synonyme as the file has them. */
  synonyms?: string;
  /** Veröffentlichungsdatum: an ISO date, or the text of the file when it was not a date. */
  published?: string;
}

/** The imported catalogue as a whole: when it was imported. */
export interface LeikaCatalogueInfo {
  importedAt: string;
}
