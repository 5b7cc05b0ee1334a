/**
 * Kysely table types. Timestamps are ISO-8601 UTC strings (`Date#toISOString()`) on both databases,
 * so ordering and comparisons behave the same; `*_enc` columns hold envelope ciphertext (see
 * `adapters/crypto/envelope.ts`), never plaintext.
 */
export interface TenantsTable {
  id: string;
  slug: string;
  name_de: string;
  name_en: string | null;
  ags: string | null;
  wrapped_data_key: string;
  created_at: string;
  /** The municipality's Impressum, Datenschutzerklärung and Erklärung zur Barrierefreiheit. */
  imprint_url: string | null;
  privacy_url: string | null;
  accessibility_url: string | null;
}

export interface StaffAccountsTable {
  id: string;
  tenant_id: string;
  username: string;
  display_name: string;
  password_hash: string;
  created_at: string;
  /** Space-separated roles, e.g. `caseworker designer` (see `StaffRole`). */
  roles: string;
  /** When an operator disabled the account; null while it is active. */
  disabled_at: string | null;
}

export interface StaffSessionsTable {
  token_hash: string;
  tenant_id: string;
  account_id: string;
  created_at: string;
  expires_at: string;
  /** When the session was last used (idle timeout, ADR 0028); set for every session since migration 0014. */
  last_seen_at: string | null;
}

/** Failed staff logins per typed username or client address (ADR 0028); `key` is a pseudonym. */
export interface LoginAttemptsTable {
  kind: string;
  key: string;
  failures: number;
  since_success: number;
  last_failure_at: string;
  locked_at: string | null;
}

export interface ServicesTable {
  id: string;
  tenant_id: string;
  slug: string;
  created_at: string;
  /** When the service was taken offline; null while it is online. */
  withdrawn_at: string | null;
}

export interface ServiceVersionsTable {
  id: string;
  tenant_id: string;
  service_id: string;
  version: number;
  definition_json: string;
  /** The definition's title as JSON, so inbox rows need not parse whole definitions. */
  title_json: string;
  published_at: string;
}

export interface DraftsTable {
  id: string;
  tenant_id: string;
  service_id: string;
  service_version_id: string;
  session_hash: string;
  answers_enc: string;
  created_at: string;
  updated_at: string;
  expires_at: string;
  submission_id: string | null;
}

export interface SubmissionsTable {
  id: string;
  tenant_id: string;
  reference: string;
  /** Unique: the idempotency key of submitting. No foreign key, the draft is deleted later. */
  draft_id: string;
  service_id: string;
  service_version_id: string;
  status: string;
  answers_enc: string;
  /** The fee in integer euro-cents when submitted; null without a fee rule. */
  fee_cents: number | null;
  submitted_at: string;
  updated_at: string;
  /** When a specialist system acknowledged it through the pull API (migration 0027); null: new. */
  acknowledged_at: string | null;
  /** The API key that acknowledged it. */
  acknowledged_by: string | null;
}

export interface AuditEventsTable {
  id: string;
  tenant_id: string;
  at: string;
  actor_type: string;
  actor_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  details_json: string | null;
}

export interface ServiceCandidatesTable {
  id: string;
  tenant_id: string;
  slug: string;
  source: string;
  file_name: string;
  definition_json: string;
  /** The definition's title (JSON), for lists; null only in rows written before migration 0009. */
  title_json: string | null;
  warnings_json: string;
  uploaded_by: string;
  uploaded_at: string;
  published_version_id: string | null;
  published_at: string | null;
  /** The version that was live when it was uploaded (null for a new service). */
  based_on_version_id: string | null;
}

/** A definition being built in the visual editor (ADR 0033). */
export interface EditorDraftsTable {
  id: string;
  tenant_id: string;
  slug: string;
  /** The definition's title (JSON), for lists. */
  title_json: string;
  definition_json: string;
  /** Counts the saves: a save names the version it was made on (optimistic concurrency). */
  version: number;
  source: string;
  source_id: string | null;
  based_on_version_id: string | null;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
}

/** An uploaded file (ADR 0018): of a draft until submitted, then of the submission. */
export interface AttachmentsTable {
  id: string;
  tenant_id: string;
  draft_id: string | null;
  submission_id: string | null;
  /** The file field's key. */
  field_key: string;
  /** Encrypted JSON `{name, mediaType, size, sha256}`. */
  meta_enc: string;
  /** The encrypted bytes. */
  content_enc: string;
  /**
   * Which AAD `meta_enc` and `content_enc` were written with (migration 0019): 1 tenant, table
   * and id; 2 also the application's draft id.
   */
  binding: number;
  size_bytes: number;
  created_at: string;
}

/** Operational configuration (ADR 0024); `service_id` is `''` for a tenant-wide setting. */
export interface OperationalSettingsTable {
  tenant_id: string;
  service_id: string;
  kind: string;
  /** The options that are not secret, as JSON. */
  value_json: string;
  /** The secret options as encrypted JSON; null when the kind has none set. */
  secrets_enc: string | null;
  updated_at: string;
  updated_by: string | null;
}

/** A tenant's certificate for sealing receipts (migration 0020). */
export interface SealCertificatesTable {
  tenant_id: string;
  /** Encrypted JSON `{pkcs12 (base64), passphrase}`. */
  secret_enc: string;
  /** 1: generated self-signed for the demo. */
  demo: number;
  created_at: string;
}

/** The sealed receipt of a submission, as issued once (migration 0020). */
export interface ReceiptsTable {
  tenant_id: string;
  submission_id: string;
  locale: string;
  /** The encrypted PDF bytes. */
  pdf_enc: string;
  created_at: string;
}

/** The transactional outbox (ADR 0034): one row per submission and delivery channel. */
export interface DeliveryOutboxTable {
  id: string;
  tenant_id: string;
  submission_id: string;
  channel: string;
  /** What the receiver deduplicates by (delivery is at least once). */
  idempotency_key: string;
  /** `pending`, `delivered` or `dead` (see `DeliveryState`). */
  state: string;
  attempts: number;
  next_attempt_at: string;
  /** Start of the retry window: creation, or the last "erneut senden". */
  retry_since: string;
  lease_owner: string | null;
  lease_until: string | null;
  last_error: string | null;
  last_error_at: string | null;
  created_at: string;
  delivered_at: string | null;
  dead_at: string | null;
}

/** The built-in mail sink (ADR 0034): mails stored instead of sent; the message is ciphertext. */
export interface SentMailsTable {
  id: string;
  tenant_id: string;
  sent_at: string;
  to_address: string;
  subject: string;
  message_enc: string;
}

/** A municipality's keys for the pull API (ADR 0041); only a keyed hash of each key is stored. */
export interface ApiKeysTable {
  id: string;
  tenant_id: string;
  /** The one service the key may read; null: every service of the municipality. */
  service_id: string | null;
  label: string;
  /** The key's first characters, shown to tell keys apart. */
  prefix: string;
  key_hash: string;
  created_at: string;
  created_by: string;
  revoked_at: string | null;
  revoked_by: string | null;
  last_used_at: string | null;
}

/** The daily e-mail about delivery problems (ADR 0041): one row per municipality and day sent. */
export interface DeliveryDigestsTable {
  tenant_id: string;
  /** The Berlin calendar day, `YYYY-MM-DD`. */
  day: string;
  sent_at: string;
}

export interface DB {
  tenants: TenantsTable;
  staff_accounts: StaffAccountsTable;
  staff_sessions: StaffSessionsTable;
  services: ServicesTable;
  service_versions: ServiceVersionsTable;
  drafts: DraftsTable;
  submissions: SubmissionsTable;
  audit_events: AuditEventsTable;
  service_candidates: ServiceCandidatesTable;
  attachments: AttachmentsTable;
  operational_settings: OperationalSettingsTable;
  login_attempts: LoginAttemptsTable;
  editor_drafts: EditorDraftsTable;
  seal_certificates: SealCertificatesTable;
  receipts: ReceiptsTable;
  delivery_outbox: DeliveryOutboxTable;
  sent_mails: SentMailsTable;
  api_keys: ApiKeysTable;
  delivery_digests: DeliveryDigestsTable;
}

export type Dialect = 'sqlite' | 'postgres';
