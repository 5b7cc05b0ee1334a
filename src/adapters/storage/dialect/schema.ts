import type { ColumnType } from 'kysely';

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
  /** The newest data key, wrapped; new values are encrypted with it (ADR 0047). */
  wrapped_data_key: string;
  /** The version of `wrapped_data_key` (migration 0030); 1 until the first `keys rotate-tenant`. */
  data_key_version: ColumnType<number, number | undefined, number>;
  created_at: string;
  /** The municipality's Impressum, Datenschutzerklärung and Erklärung zur Barrierefreiheit. */
  imprint_url: string | null;
  privacy_url: string | null;
  accessibility_url: string | null;
}

/** A tenant's older data keys while values still name them (migration 0030, ADR 0047). */
export interface TenantDataKeysTable {
  tenant_id: string;
  version: number;
  wrapped_key: string;
  /** When the next version became the newest. */
  superseded_at: string;
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
  /** The OpenID provider's issuer an SSO account is linked to (ADR 0056); null for local accounts. */
  sso_issuer: string | null;
  /** A keyed pseudonym of issuer and `sub` (ADR 0056); null for local accounts. */
  sso_subject: string | null;
}

export interface StaffSessionsTable {
  token_hash: string;
  tenant_id: string;
  account_id: string;
  created_at: string;
  expires_at: string;
  /** When the session was last used (idle timeout, ADR 0028); set for every session since migration 0014. */
  last_seen_at: string | null;
  /** `code` or `enrol` while the second factor is still due (ADR 0055); null for a complete session. */
  second_factor: string | null;
}

/** A staff account's TOTP secret (ADR 0055), encrypted; enrolled once confirmed with a code. */
export interface StaffSecondFactorsTable {
  account_id: string;
  tenant_id: string;
  secret_enc: string;
  created_at: string;
  enrolled_at: string | null;
  /** The last accepted time step: only a later one is accepted (replay protection). */
  last_step: number | null;
}

/** A staff account's single-use recovery codes (ADR 0055), as SHA-256 hashes. */
export interface StaffRecoveryCodesTable {
  account_id: string;
  code_hash: string;
  tenant_id: string;
  created_at: string;
  used_at: string | null;
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
  /** The staff account that published it; null before migration 0029 and from the command line. */
  published_by: string | null;
  /** Why it was published (required in Service-Design); null before migration 0029. */
  change_message: string | null;
  /** For a copy: the origin's version it was copied from or last merged with (migration 0034). */
  upstream_version_id: string | null;
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
  /** The identity the draft belongs to, as a keyed hash (migration 0032); null: anonymous. */
  owner_hash: string | null;
  /** The values the identity provider vouched for, by field key, encrypted (migration 0032). */
  prefill_enc: string | null;
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
  /** The identity it belongs to, as a keyed hash (migration 0032); null: sent anonymously. */
  owner_hash: string | null;
  /** The prefill marks for the caseworker, encrypted (migration 0032); null: nothing prefilled. */
  prefill_enc: string | null;
  /** The Vertrauensniveau of the applicant's login (migration 0031); null: sent without a login. */
  identity_level: string | null;
  /** The identity provider's id. */
  identity_provider: string | null;
  identity_logged_in_at: string | null;
  /** Ciphertext: the provider's subject and, with Schriftformersatz, the vouched attributes. */
  identity_enc: string | null;
  /** 1: sent as Schriftformersatz (§ 3a VwVfG, § 9a OZG). */
  schriftformersatz: number;
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
  /** The checkpoint that sealed the event (ADR 0040); null until the sealing job reaches it. */
  sealed_in: number | null;
}

/** One link of a tenant's audit hash chain (ADR 0040, migration 0026). Hashes are hex SHA-256. */
export interface AuditCheckpointsTable {
  tenant_id: string;
  seq: number;
  created_at: string;
  event_count: number;
  events_root: string;
  erasure_count: number;
  erasures_root: string;
  prev_hash: string;
  hash: string;
}

/** A sealed audit event deleted under a retention rule: its leaf hash only, no content. */
export interface AuditErasuresTable {
  event_id: string;
  tenant_id: string;
  sealed_in: number;
  leaf_hash: string;
  erased_at: string;
  /** The checkpoint that recorded the erasure; null until the next one is sealed. */
  recorded_in: number | null;
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
  /**
   * Which AAD `meta_enc` and the content (`file_blobs`) were written with (migration 0019): 1 tenant, table
   * and id; 2 also the application's draft id.
   */
  binding: number;
  size_bytes: number;
  created_at: string;
  /** `clean` or `not-scanned` (migration 0025, ADR 0038). */
  scan_status: 'clean' | 'not-scanned';
  scanned_at: string | null;
}

/** The database's blob store (migration 0024, ADR 0037): a file's encrypted bytes, binary form. */
export interface FileBlobsTable {
  attachment_id: string;
  tenant_id: string;
  content: Uint8Array;
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

/** A published service offered to the installation's other municipalities (ADR 0043). */
export interface CatalogEntriesTable {
  id: string;
  /** The offering municipality. */
  tenant_id: string;
  service_id: string;
  slug: string;
  title_json: string;
  leika: string | null;
  topic: string;
  land: string;
  description: string;
  licence: string;
  contact: string;
  experience: string;
  offered_by: string;
  offered_at: string;
  updated_at: string;
}

/** Search terms of a catalog entry: every prefix (two characters and more) of every word. */
export interface CatalogTermsTable {
  term: string;
  entry_id: string;
  /** The entry's `updated_at`, so that one index range gives a word's newest entries (migration 0035). */
  updated_at: string;
}

export interface CatalogCommentsTable {
  id: string;
  entry_id: string;
  /** The commenting municipality. */
  tenant_id: string;
  author_id: string;
  text: string;
  created_at: string;
}

/** Where a copied service came from (ADR 0044); keyed by the copier's tenant and service id. */
export interface ServiceOriginsTable {
  tenant_id: string;
  slug: string;
  entry_id: string;
  origin_tenant_id: string;
  origin_service_id: string;
  /** The origin's version copied or last merged: the base of the next three-way merge. */
  base_version_id: string;
  licence: string;
  attribution: string;
  copied_by: string;
  copied_at: string;
}

/** A copy's merge of its origin's new version under way (migration 0034). */
export interface CatalogMergesTable {
  tenant_id: string;
  slug: string;
  draft_id: string;
  entry_id: string;
  base_version_id: string;
  theirs_version_id: string;
  ours_json: string;
  resolutions_json: string;
  draft_version: number;
  candidate_id: string | null;
  merged_by: string;
  merged_at: string;
}

/** A login waiting for its provider's answer (ADR 0036); nonce and code verifier are ciphertext. */
export interface CitizenLoginRequestsTable {
  state_hash: string;
  tenant_id: string;
  session_hash: string;
  provider: string;
  level: string;
  return_path: string;
  secrets_enc: string;
  created_at: string;
  expires_at: string;
}

/** A staff login sent to the municipality's OpenID provider (ADR 0056); nonce and verifier are ciphertext. */
export interface StaffSsoRequestsTable {
  state_hash: string;
  tenant_id: string;
  session_hash: string;
  secrets_enc: string;
  created_at: string;
  expires_at: string;
}

/** A browser session's login at a tenant (ADR 0036); subject, attributes and ID token are ciphertext. */
/** An identity provider's answer id, remembered until it expires (replay protection, ADR 0050). */
export interface IdentityAnswerIdsTable {
  provider: string;
  answer_id: string;
  expires_at: string;
}

export interface CitizenLoginsTable {
  tenant_id: string;
  session_hash: string;
  provider: string;
  level: string;
  identity_enc: string;
  logged_in_at: string;
  expires_at: string;
  /** Keyed hashes of the provider's person and session (SAML single logout; migration 0043). */
  idp_subject_hash: string | null;
  idp_session_hash: string | null;
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

/** The installation's LeiKa catalogue (ADR 0053, migration 0036); no tenant: one for all. */
export interface LeikaEntriesTable {
  key: string;
  name: string;
  name2: string | null;
  type: string | null;
  synonyms: string | null;
  published: string | null;
  /** Name, name2 and synonyms lower-cased: what a name search matches. */
  search_text: string;
  imported_at: string;
}

/** This installation's federation keys (ADR 0054, migration 0037); the private key wrapped under the master key. */
export interface FederationKeysTable {
  kid: string;
  public_jwk: string;
  wrapped_private_key: string;
  created_at: string;
  retired_at: string | null;
  /** The key's introduction, signed by the key it replaced (none for the first key). */
  rotation_jws: string | null;
}

/** The catalog feed's packages in their stable order (ADR 0054). */
export interface FederationFeedTable {
  seq: number;
  version_id: string;
  entry_id: string;
  version: number;
  content_hash: string;
  package_json: string;
  entry_json: string;
  added_at: string;
}

/** A feed of another installation this one follows (ADR 0054). */
export interface FederationSubscriptionsTable {
  id: string;
  feed_url: string;
  instance_url: string;
  name: string;
  operator: string;
  cursor: string | null;
  status: string;
  report_json: string | null;
  last_sync_at: string | null;
  created_by: string;
  created_at: string;
}

export interface FederationTrustedKeysTable {
  subscription_id: string;
  kid: string;
  public_jwk: string;
  added_at: string;
  retired_at: string | null;
}

/** A service another installation publishes, as received (ADR 0054). */
export interface RemoteEntriesTable {
  id: string;
  subscription_id: string;
  /** The entry's id in its own installation. */
  remote_id: string;
  slug: string;
  title_json: string;
  leika: string | null;
  topic: string;
  land: string;
  description: string;
  licence: string;
  contact: string;
  /** The offering municipality's name. */
  provider: string;
  /** Title, topic, Land, provider and LeiKa key lower-cased: what a search matches. */
  search_text: string;
  offered_at: string;
  updated_at: string;
}

export interface RemoteVersionsTable {
  id: string;
  entry_id: string;
  version: number;
  definition_json: string;
  content_hash: string;
  published_at: string;
  received_at: string;
}

export interface DB {
  tenants: TenantsTable;
  staff_accounts: StaffAccountsTable;
  staff_sessions: StaffSessionsTable;
  staff_second_factors: StaffSecondFactorsTable;
  staff_recovery_codes: StaffRecoveryCodesTable;
  services: ServicesTable;
  service_versions: ServiceVersionsTable;
  drafts: DraftsTable;
  submissions: SubmissionsTable;
  audit_events: AuditEventsTable;
  service_candidates: ServiceCandidatesTable;
  attachments: AttachmentsTable;
  file_blobs: FileBlobsTable;
  operational_settings: OperationalSettingsTable;
  login_attempts: LoginAttemptsTable;
  editor_drafts: EditorDraftsTable;
  seal_certificates: SealCertificatesTable;
  receipts: ReceiptsTable;
  delivery_outbox: DeliveryOutboxTable;
  sent_mails: SentMailsTable;
  audit_checkpoints: AuditCheckpointsTable;
  audit_erasures: AuditErasuresTable;
  catalog_entries: CatalogEntriesTable;
  catalog_terms: CatalogTermsTable;
  catalog_comments: CatalogCommentsTable;
  service_origins: ServiceOriginsTable;
  catalog_merges: CatalogMergesTable;
  citizen_login_requests: CitizenLoginRequestsTable;
  staff_sso_requests: StaffSsoRequestsTable;
  citizen_logins: CitizenLoginsTable;
  identity_answer_ids: IdentityAnswerIdsTable;
  api_keys: ApiKeysTable;
  delivery_digests: DeliveryDigestsTable;
  tenant_data_keys: TenantDataKeysTable;
  leika_entries: LeikaEntriesTable;
  federation_keys: FederationKeysTable;
  federation_feed: FederationFeedTable;
  federation_subscriptions: FederationSubscriptionsTable;
  federation_trusted_keys: FederationTrustedKeysTable;
  remote_entries: RemoteEntriesTable;
  remote_versions: RemoteVersionsTable;
}

export type Dialect = 'sqlite' | 'postgres';
