/**
 * The ports the use cases need. Adapters in `adapters/` implement them; use cases never see SQL,
 * HTTP or a framework. Every method that touches tenant data takes the tenant id: there is no
 * unscoped query. The records they carry are in `domain.ts`.
 */

import type { Resolutions } from '../definition/merge-conflict.ts';
import type { Answers, LocalizedText, ServiceDefinition } from '../definition/types.ts';
import type { PrefillMark } from '../engine/prefill.ts';
import type { ChannelOptions } from './delivery/channels.ts';
import type { Delivery } from './delivery/payload.ts';
import type {
  ApiKey,
  AttachmentMeta,
  AuditCheckpoint,
  AuditErasure,
  AuditEvent,
  CandidateSummary,
  CatalogComment,
  CatalogEntry,
  CatalogMerge,
  CatalogOffer,
  DeliveryChannelName,
  DeliveryDocument,
  DeliveryItem,
  DeliveryProblem,
  Draft,
  EditorDraft,
  EditorDraftSummary,
  LegalLinks,
  LeikaCatalogueInfo,
  LeikaEntry,
  LoginFailures,
  LoginThrottleKind,
  OperationalSetting,
  OutboxChannel,
  OwnedApplications,
  PublishMeta,
  PullListItem,
  SealCertificate,
  SecondFactor,
  SecondFactorDue,
  SentMail,
  ServiceCandidate,
  ServiceOrigin,
  ServiceVersion,
  StaffAccount,
  StaffAccountChange,
  StaffSession,
  StoredAuditEvent,
  StoredReceipt,
  Submission,
  SubmissionStatus,
  SubmissionSummary,
  Tenant,
  VersionEntry,
} from './domain.ts';
import type {
  FeedItem,
  OwnKey,
  RemoteImport,
  Subscription,
  SyncReport,
  TrustedKey,
  UnfedVersion,
} from './federation/records.ts';
import type { CitizenLogin, PendingLogin, SubmittedIdentity } from './identity/records.ts';
import type { ReceiptContent } from './receipt-content.ts';
import type { SsoAccountFacts, SsoLink, StaffSsoPending } from './staff-sso/records.ts';

export interface Clock {
  now(): Date;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface InboxQuery {
  serviceId?: string;
  status?: SubmissionStatus;
  page: number;
  pageSize: number;
}

export interface NewAttachment extends AttachmentMeta {
  tenantId: string;
  draftId: string;
  content: Uint8Array;
  createdAt: string;
}

/**
 * Where the bytes of uploaded files live (ADR 0037), apart from their rows so that an object store
 * can take them later. It is handed ciphertext only: the attachments repository encrypts before
 * `put` and decrypts after `get`. Keys are the attachment's id, always together with its tenant.
 */
export interface BlobStore {
  /** Stores `bytes` under the tenant's `key` (the key's row must exist: a blob belongs to a row). */
  put(tenantId: string, key: string, bytes: Uint8Array): Promise<void>;
  /** The bytes under the tenant's `key`; undefined when there are none. */
  get(tenantId: string, key: string): Promise<Uint8Array | undefined>;
  /** Deletes the bytes under the tenant's `key`, if any. */
  delete(tenantId: string, key: string): Promise<void>;
}

/** What a malware scanner said of a file (ADR 0038). */
export type ScanVerdict =
  | { kind: 'clean' }
  /** `signature`: the scanner's name for what it found, e.g. `Eicar-Test-Signature`. */
  | { kind: 'infected'; signature: string }
  /** The scanner could not say (not reachable, too slow, refused the file); `reason` is for logs. */
  | { kind: 'unavailable'; reason: string };

/** Scans uploaded files before they are accepted into a draft (ClamAV's clamd in production). */
export interface MalwareScanner {
  scan(bytes: Uint8Array): Promise<ScanVerdict>;
}

export interface NewSubmission {
  id: string;
  tenantId: string;
  draftId: string;
  reference: string;
  serviceId: string;
  serviceVersionId: string;
  answers: Answers;
  feeCents: number | null;
  submittedAt: string;
  /** The draft's files the answers name: they become the submission's; the draft's others go. */
  attachmentIds?: readonly string[];
  /** The applicant's login when they were logged in (ADR 0048): stored with the submission. */
  identity?: SubmittedIdentity | undefined;
  /** The service declared Schriftformersatz when it was sent. */
  schriftformersatz?: boolean;
  /**
   * One outbox row per configured delivery channel (ADR 0034), written in the same transaction as
   * the submission: a reference number is only shown once its deliveries are durable too.
   */
  deliveries?: readonly NewDelivery[];
  /** The identity the draft belongs to (a keyed hash, ADR 0049): the submission belongs to it too. */
  ownerHash?: string | null;
  /** Per prefilled field whether the citizen kept the vouched value (ADR 0049), for the caseworker. */
  prefillMarks?: readonly PrefillMark[];
}

export interface NewDelivery {
  id: string;
  channel: OutboxChannel;
  idempotencyKey: string;
}

/** How a delivery attempt ended, as the worker records it. */
export type DeliveryResult =
  | { kind: 'delivered'; at: string }
  /** Tried again at `nextAttemptAt`. */
  | { kind: 'retry'; at: string; error: string; nextAttemptAt: string }
  /** Given up (a permanent failure, or the retry window is over): the dead letter. */
  | { kind: 'dead'; at: string; error: string };

/**
 * Storage of all tenant data. Implementations encrypt answers at rest with the tenant's data key.
 */
export interface Store {
  tenants: {
    bySlug(slug: string): Promise<Tenant | undefined>;
    byId(id: string): Promise<Tenant | undefined>;
    list(): Promise<Tenant[]>;
    create(tenant: Tenant): Promise<void>;
    /**
     * Replaces names and legal links of the tenant (its slug and keys never change) and records the
     * audit event, in one transaction.
     */
    update(
      tenantId: string,
      change: { name: LocalizedText; ags: string | null; legalLinks: LegalLinks },
      audit: AuditEvent,
    ): Promise<void>;
  };
  services: {
    /** The newest published version of each service of the tenant. */
    listLatest(tenantId: string): Promise<ServiceVersion[]>;
    latestBySlug(tenantId: string, slug: string): Promise<ServiceVersion | undefined>;
    versionById(tenantId: string, versionId: string): Promise<ServiceVersion | undefined>;
    /** A published version by its number (1, 2, ...) within the tenant's service `slug`. */
    versionByNumber(tenantId: string, slug: string, version: number): Promise<ServiceVersion | undefined>;
    /**
     * Publishes a new immutable version (number = previous + 1); creates the service if new. `meta`
     * says who published it and why (absent: nobody named, no message).
     */
    publish(
      tenantId: string,
      definition: ServiceDefinition,
      publishedAt: string,
      meta?: PublishMeta,
    ): Promise<ServiceVersion>;
    /** Like `listLatest`, with the services that were taken offline (for Service-Design). */
    listLatestIncludingWithdrawn(tenantId: string): Promise<ServiceVersion[]>;
    /** Every published version of the service `slug`, newest first. */
    history(tenantId: string, slug: string): Promise<VersionEntry[]>;
    /**
     * Takes the service offline (`withdrawnAt` a time) or brings it back (null), with its audit
     * event, in one transaction. False, and nothing written, when it already was in that state.
     */
    setWithdrawn(
      tenantId: string,
      serviceId: string,
      withdrawnAt: string | null,
      audit: AuditEvent,
      at: string,
    ): Promise<boolean>;
    /**
     * Deletes a service that never received a submission: its versions, drafts and their files,
     * candidates and operational settings, with its audit event, in one transaction. A service with
     * submissions is never deleted (it can only be withdrawn).
     */
    delete(
      tenantId: string,
      serviceId: string,
      audit: AuditEvent,
      at: string,
    ): Promise<'deleted' | 'has-submissions' | 'not-found'>;
  };
  drafts: {
    /** The open or submitted draft of this citizen session for this service. */
    find(tenantId: string, serviceId: string, sessionHash: string): Promise<Draft | undefined>;
    create(draft: Omit<Draft, 'submissionId' | 'updatedAt'> & { sessionHash: string }): Promise<Draft>;
    /** Replaces the answers; with `expiresAt`, also when the draft expires (its first answer extends it). */
    saveAnswers(
      tenantId: string,
      draftId: string,
      answers: Answers,
      updatedAt: string,
      expiresAt?: string,
    ): Promise<void>;
    delete(tenantId: string, draftId: string): Promise<void>;
    /** Deletes drafts past their expiry; returns how many. */
    deleteExpired(now: string): Promise<number>;
  };
  submissions: {
    /**
     * Stores the submission, marks the draft as submitted, and writes the audit event, in one
     * transaction. Idempotent per draft: when the draft was already submitted, returns the
     * existing submission with `created: false` and writes nothing.
     */
    createFromDraft(
      input: NewSubmission,
      audit: AuditEvent,
    ): Promise<{ submission: SubmissionSummary; created: boolean }>;
    byId(tenantId: string, id: string): Promise<Submission | undefined>;
    summaryById(tenantId: string, id: string): Promise<SubmissionSummary | undefined>;
    inbox(tenantId: string, query: InboxQuery): Promise<Page<SubmissionSummary>>;
    /** Changes the status only if it is still `from`; returns false otherwise. Writes the audit event. */
    changeStatus(
      tenantId: string,
      id: string,
      from: SubmissionStatus,
      to: SubmissionStatus,
      updatedAt: string,
      audit: AuditEvent,
    ): Promise<boolean>;
  };
  attachments: {
    /** Stores an uploaded file of an open draft (encrypted). */
    add(attachment: NewAttachment): Promise<void>;
    /** The files of an open (not yet submitted) draft, oldest first. */
    ofDraft(tenantId: string, draftId: string): Promise<AttachmentMeta[]>;
    /** Deletes a file of an open draft at once; returns it, or undefined when it is not there. */
    removeFromDraft(tenantId: string, draftId: string, id: string): Promise<AttachmentMeta | undefined>;
    /** The files of a submission, oldest first. */
    ofSubmission(tenantId: string, submissionId: string): Promise<AttachmentMeta[]>;
    /** One file of a submission with its decrypted content; undefined when not this tenant's. */
    contentOfSubmission(
      tenantId: string,
      submissionId: string,
      id: string,
    ): Promise<{ meta: AttachmentMeta; content: Uint8Array } | undefined>;
    /**
     * Re-encrypts up to `limit` files written before they were bound to their application
     * (ADR 0031), with ids after `after`, in id order; `last` is the last id looked at (undefined
     * when there were none left).
     */
    bindToApplication(after: string, limit: number): Promise<{ rebound: number; last: string | undefined }>;
  };
  staff: {
    byUsername(username: string): Promise<StaffAccount | undefined>;
    /** The tenant's account with this id; undefined when it is not this tenant's. */
    byId(tenantId: string, id: string): Promise<StaffAccount | undefined>;
    /** Display names of the tenant's accounts with these ids (for audit histories). */
    displayNames(tenantId: string, accountIds: string[]): Promise<Map<string, string>>;
    /** Creates the account; with an audit event, both in one transaction. */
    create(account: StaffAccount, audit?: AuditEvent): Promise<void>;
    /** The tenant's accounts, by username (password hashes included: callers must not show them). */
    listByTenant(tenantId: string): Promise<StaffAccount[]>;
    /**
     * Applies the change, ends every session of the account (but `keepSession`, a token hash, when
     * the account holder changes their own password) and records the audit event, in one
     * transaction. Throws NotFoundError when the account does not belong to the tenant.
     */
    update(
      tenantId: string,
      accountId: string,
      change: StaffAccountChange,
      audit: AuditEvent,
      options?: { keepSession?: string },
    ): Promise<void>;
    /** Creates the session (last used: now); with an audit event (a login), in one transaction. */
    createSession(
      session: {
        tokenHash: string;
        accountId: string;
        tenantId: string;
        expiresAt: string;
        /** A session that has passed the password only (ADR 0055). */
        secondFactor?: SecondFactorDue;
      },
      audit?: AuditEvent,
    ): Promise<void>;
    /**
     * Completes a session that waits for its second factor: it gets a new token (hash) and its full
     * lifetime, with the audit events, in one transaction. False when it was no such session.
     */
    completeSession(
      tokenHash: string,
      next: { tokenHash: string; expiresAt: string },
      audit: readonly AuditEvent[],
    ): Promise<boolean>;
    /** The session unless past its absolute end; the caller checks the idle timeout. */
    sessionByTokenHash(tokenHash: string, now: string): Promise<StaffSession | undefined>;
    /** Records that the session was used at `at`. */
    touchSession(tokenHash: string, at: string): Promise<void>;
    /** Ends the session; with an audit event (a logout), both in one transaction. */
    deleteSession(tokenHash: string, audit?: AuditEvent): Promise<void>;
    /** Deletes sessions past their absolute end (`now`) or unused since `idleBefore`; returns how many. */
    deleteExpiredSessions(now: string, idleBefore: string): Promise<number>;
  };
  /** Staff accounts' second factors and recovery codes (ADR 0055); secrets encrypted at rest. */
  secondFactors: {
    /** The account's factor, enrolled or being enrolled; undefined when it has none. */
    get(tenantId: string, accountId: string): Promise<SecondFactor | undefined>;
    /** Keeps `secret` as the enrolment in progress (replacing one in progress, never an enrolled one). */
    begin(tenantId: string, accountId: string, secret: string): Promise<void>;
    /**
     * Completes the enrolment in progress with the step of the confirming code and replaces the
     * recovery codes (hashes), with the audit event, in one transaction. False when none was in
     * progress (enrolled meanwhile, or reset).
     */
    confirm(
      tenantId: string,
      accountId: string,
      step: number,
      recoveryCodeHashes: readonly string[],
      audit: AuditEvent,
    ): Promise<boolean>;
    /** Enrols the account with `secret` at once, without recovery codes (the demo's accounts). */
    enrol(tenantId: string, accountId: string, secret: string): Promise<void>;
    /**
     * Accepts the time step of a code only when it is later than the last one accepted (one
     * conditional update, so it holds across instances); true when accepted.
     */
    useStep(tenantId: string, accountId: string, step: number): Promise<boolean>;
    /** Marks an unused recovery code (its hash) used at `at`; true when it was one. */
    useRecoveryCode(tenantId: string, accountId: string, codeHash: string, at: string): Promise<boolean>;
    /** How many unused recovery codes the account has. */
    recoveryCodesLeft(tenantId: string, accountId: string): Promise<number>;
    /**
     * Removes the factor and the recovery codes and ends every session of the account, with the
     * audit event, in one transaction. False when the account had no factor.
     */
    reset(tenantId: string, accountId: string, audit: AuditEvent): Promise<boolean>;
  };
  /** Failed staff logins per typed username and client address (ADR 0028). */
  loginAttempts: {
    /** The stored failures of these keys (those without any are left out). */
    read(keys: ReadonlyArray<{ kind: LoginThrottleKind; key: string }>): Promise<LoginFailures[]>;
    /**
     * Counts one failure at `at` for each key, atomically (several app instances may count at
     * once): a key whose last failure is before its `forgetBefore` starts a new run at 1. Records
     * the audit events in the same transaction. Returns the counts after this failure.
     */
    recordFailure(
      keys: ReadonlyArray<{ kind: LoginThrottleKind; key: string; forgetBefore: string }>,
      at: string,
      audit: readonly AuditEvent[],
    ): Promise<LoginFailures[]>;
    /** Notes that a lock began at `at` and records the audit events, in one transaction. */
    markLocked(kind: LoginThrottleKind, key: string, at: string, audit: readonly AuditEvent[]): Promise<void>;
    /** Forgets the key's failures (a successful login); returns what was stored. */
    clear(kind: LoginThrottleKind, key: string): Promise<LoginFailures | undefined>;
    /** Deletes the failures of `kind` whose last one is before `before`; returns how many. */
    deleteStale(kind: LoginThrottleKind, before: string): Promise<number>;
  };
  candidates: {
    /** Stores the candidate and its audit event in one transaction. */
    create(candidate: ServiceCandidate, audit: AuditEvent): Promise<void>;
    byId(tenantId: string, id: string): Promise<ServiceCandidate | undefined>;
    /** The tenant's candidates not yet published, newest first, without their definitions. */
    listOpen(tenantId: string): Promise<CandidateSummary[]>;
    /**
     * Deletes every tenant's candidates not published and uploaded before `uploadedBefore`, each
     * with an audit event (at `at`, by the system), in one transaction; returns how many.
     */
    deleteUnpublished(uploadedBefore: string, at: string): Promise<number>;
    /**
     * Publishes the candidate's definition as a new version of its service, marks the candidate
     * published and writes the audit event, all in one transaction. Returns undefined (and changes
     * nothing) when the candidate does not exist for this tenant or was already published, so a
     * double click never creates two versions.
     */
    publish(
      tenantId: string,
      id: string,
      definition: ServiceDefinition,
      publishedAt: string,
      audit: (version: ServiceVersion) => AuditEvent,
      meta: PublishMeta,
    ): Promise<ServiceVersion | undefined>;
  };
  /**
   * The installation's catalog (ADR 0043, 0044). Entries are read across municipalities — that is
   * the catalog's purpose — but only what was offered: a service's versions are reachable only
   * through its entry. Every write is scoped to the acting municipality.
   */
  catalog: {
    /**
     * Offers the service (creates its entry, or updates it when already offered) with its search
     * terms and audit event, in one transaction. Returns the entry's id.
     */
    offer(
      entry: {
        id: string;
        tenantId: string;
        serviceId: string;
        slug: string;
        title: LocalizedText;
      } & CatalogOffer,
      terms: readonly string[],
      by: string,
      at: string,
      audit: AuditEvent,
    ): Promise<string>;
    /** The municipality's own entry of a service, if it offered it. */
    entryOfService(tenantId: string, serviceId: string): Promise<CatalogEntry | undefined>;
    entryById(id: string): Promise<CatalogEntry | undefined>;
    /**
     * Entries whose terms include every one of `terms` (an indexed lookup), newest first, at most
     * `limit`; every entry (newest first) when `terms` is empty. Entries of deleted services are left out.
     */
    search(terms: readonly string[], limit: number): Promise<CatalogEntry[]>;
    /** A published version of the entry's service: a given one, or the newest (`undefined`). */
    version(entryId: string, versionId?: string): Promise<ServiceVersion | undefined>;
    comments(entryId: string): Promise<CatalogComment[]>;
    /** Stores a comment of the municipality `comment.tenantId` with its audit event. */
    comment(comment: Omit<CatalogComment, 'municipality'>, audit: AuditEvent): Promise<void>;
    /**
     * Records where the copy came from and starts its editor draft, with the audit event, in one
     * transaction. False (and nothing written) when the municipality already has a copy under
     * that slug.
     */
    copy(origin: ServiceOrigin, draft: EditorDraft, audit: AuditEvent): Promise<boolean>;
    /** Where the municipality's service `slug` came from, when it is a copy. */
    originOf(tenantId: string, slug: string): Promise<ServiceOrigin | undefined>;
  };
  /** A copy's merge of its origin's new version (ADR 0045, migration 0034), one per service. */
  catalogMerges: {
    /**
     * Starts (or starts again) the merge of the service `merge.slug`: creates its draft, or saves
     * the existing one if still at `expectedVersion`, records the merge without decisions and the
     * audit event, in one transaction. False (nothing written) when the draft moved on.
     */
    start(
      merge: Omit<CatalogMerge, 'draftId' | 'resolutions' | 'draftVersion' | 'candidateId'>,
      draft:
        | { kind: 'new'; draft: EditorDraft }
        | { kind: 'existing'; draft: EditorDraft; expectedVersion: number },
      audit: AuditEvent,
    ): Promise<boolean>;
    of(tenantId: string, slug: string): Promise<CatalogMerge | undefined>;
    /**
     * Saves the merge's result with the designer's decisions into its draft, when the draft is
     * still at `expectedVersion` as the merge last wrote it; with the audit event, in one
     * transaction. False (nothing written) when the draft or the merge moved on.
     */
    resolve(
      merge: CatalogMerge,
      expectedVersion: number,
      change: {
        definition: ServiceDefinition;
        resolutions: Resolutions;
        updatedBy: string;
        updatedAt: string;
      },
      audit: AuditEvent,
    ): Promise<boolean>;
    /** Notes the upload a merge's draft was handed over as (publishing it moves the base). */
    handedOver(tenantId: string, draftId: string, candidateId: string): Promise<void>;
    /** For a copy's versions: the number of the origin's version each is based on, by version id. */
    upstreamVersions(tenantId: string, slug: string): Promise<Map<string, number>>;
  };
  /** Definitions being built in the visual editor (ADR 0033). */
  editorDrafts: {
    /** Stores the draft (at its `version`) and its audit event in one transaction. */
    create(draft: EditorDraft, audit: AuditEvent): Promise<void>;
    byId(tenantId: string, id: string): Promise<EditorDraft | undefined>;
    /** The tenant's drafts, last changed first, without their definitions. */
    list(tenantId: string): Promise<EditorDraftSummary[]>;
    /**
     * Replaces the definition when the stored version is still `expectedVersion`, counting the
     * version up and recording the audit event in one transaction. Returns the saved draft, or
     * undefined (changing nothing) when the draft is gone or another save came first.
     */
    save(
      tenantId: string,
      id: string,
      expectedVersion: number,
      change: { definition: ServiceDefinition; updatedBy: string; updatedAt: string },
      audit: AuditEvent,
    ): Promise<EditorDraft | undefined>;
    /** Deletes the draft, if still at `expectedVersion`, with its audit event; false when not. */
    delete(
      tenantId: string,
      id: string,
      expectedVersion: number,
      audit: AuditEvent,
      at: string,
    ): Promise<boolean>;
  };
  /** Operational configuration outside the definitions (ADR 0024); secrets encrypted at rest. */
  operationalSettings: {
    /** The stored setting of this kind for the tenant (`serviceId` null) or one of its services. */
    get(tenantId: string, serviceId: string | null, kind: string): Promise<OperationalSetting | undefined>;
    /** All of the tenant's stored settings, tenant-wide and per service. */
    listByTenant(tenantId: string): Promise<OperationalSetting[]>;
    /**
     * Stores the setting (replacing the stored one of the same tenant, service and kind) and records
     * the audit event, in one transaction. Secret options are encrypted with the tenant's data key.
     */
    put(setting: OperationalSetting, audit: AuditEvent): Promise<void>;
  };
  /** A logged-in citizen's drafts and submissions, and what prefilled them (ADR 0049). */
  citizenApplications: {
    /** The values the identity vouched for that prefilled the draft, by field key ({} when none). */
    vouched(tenantId: string, draftId: string): Promise<Answers>;
    /** Keeps the draft's answers together with the vouched values of its prefilled fields. */
    savePrefill(
      tenantId: string,
      draftId: string,
      answers: Answers,
      vouched: Answers,
      updatedAt: string,
    ): Promise<void>;
    /** Gives the browser session's drafts at the tenant that belong to nobody to the owner. */
    claim(tenantId: string, sessionHash: string, ownerHash: string): Promise<void>;
    /** Takes the owner's open drafts away from the browser session (they stay the owner's). */
    release(tenantId: string, sessionHash: string, ownerHash: string): Promise<void>;
    /** The owner's open drafts and sent submissions at the tenant, newest first. */
    ofOwner(tenantId: string, ownerHash: string): Promise<OwnedApplications>;
    /**
     * Moves the owner's open draft to this browser session (continuing on another device). An
     * open draft of the same service that the session has (anonymous) stays: `occupied`. A draft
     * of the session for the service that is submitted or the owner's own is set aside first.
     */
    moveToSession(
      tenantId: string,
      draftId: string,
      ownerHash: string,
      sessionHash: string,
    ): Promise<{ kind: 'moved'; serviceSlug: string } | { kind: 'not-found' } | { kind: 'occupied' }>;
    /** The submission's prefill marks ([] when nothing was prefilled). */
    prefillMarks(tenantId: string, submissionId: string): Promise<PrefillMark[]>;
  };
  /** Citizen logins and the logins waiting for their provider's answer (ADR 0036). */
  citizenLogins: {
    savePending(pending: PendingLogin): Promise<void>;
    /** The pending login of this state hash, removed as it is read (a state is good once). */
    takePending(stateHash: string): Promise<PendingLogin | undefined>;
    /** Stores the session's login (replacing an earlier one, e.g. at a step-up) with its audit event. */
    save(login: CitizenLogin, audit: AuditEvent): Promise<void>;
    /** The session's login at the tenant, expired or not (the caller decides). */
    current(tenantId: string, sessionHash: string): Promise<CitizenLogin | undefined>;
    /** Removes the session's login with its audit event. */
    remove(tenantId: string, sessionHash: string, audit: AuditEvent): Promise<void>;
    /**
     * Removes every login (at any tenant) from the provider's session: by the hash of that session,
     * or of the person when the provider names no session (SAML single logout, ADR 0050). One
     * audit event per tenant; the removed logins are returned.
     */
    endProviderSession(
      provider: string,
      key: { sessionHash: string } | { subjectHash: string },
      audit: (tenantId: string) => AuditEvent,
    ): Promise<CitizenLogin[]>;
  };
  /** Staff single sign-on (ADR 0056): logins waiting for the provider, accounts linked to it. */
  staffSso: {
    /** Stores the waiting login; logins nobody came back from are dropped meanwhile. */
    savePending(pending: StaffSsoPending): Promise<void>;
    /** The waiting login of this state hash, removed as it is read (a state is good once). */
    takePending(stateHash: string): Promise<StaffSsoPending | undefined>;
    /** The tenant's account linked to this identity, disabled or not. */
    linkedAccount(tenantId: string, link: SsoLink): Promise<StaffAccount | undefined>;
    /**
     * Creates the account linked to the identity, with its audit event, in one transaction.
     * Nothing is stored when another account has the username (`username-taken`) or another
     * login linked an account to the identity meanwhile (`linked-meanwhile`).
     */
    createLinked(
      account: StaffAccount,
      link: SsoLink,
      audit: AuditEvent,
    ): Promise<'created' | 'username-taken' | 'linked-meanwhile'>;
    /**
     * Brings a linked account's username, display name and roles up to date. With `rolesChanged`
     * (its audit event) the account's other sessions end too, in the same transaction: a role
     * the provider no longer gives must not live on in an open session.
     */
    refreshLinked(
      tenantId: string,
      accountId: string,
      facts: SsoAccountFacts,
      rolesChanged?: AuditEvent,
    ): Promise<'updated' | 'username-taken'>;
  };
  /** Identity providers' answer ids already used (replay protection, ADR 0050). */
  identityAnswers: {
    /**
     * Remembers `answerId` of `provider` until `expiresAt`; true if it was new, false if any app
     * instance sharing the store has seen it before (one atomic insert). Expired ids are dropped.
     */
    firstUse(provider: string, answerId: string, expiresAt: string): Promise<boolean>;
  };
  /** The transactional outbox (ADR 0034). */
  deliveries: {
    /**
     * Leases up to `limit` due items to `owner` until `leaseUntil`, counting an attempt on each: pending
     * items whose next attempt is due at `now` and whose lease (if any) has ended. Several workers
     * (processes) may claim at once; no item is leased to two of them at the same time.
     */
    claim(owner: string, now: string, leaseUntil: string, limit: number): Promise<DeliveryItem[]>;
    /**
     * Records how the attempt ended and ends the lease. False (nothing written) when the lease is no
     * longer `owner`'s (it expired and another worker took the item).
     */
    finish(id: string, owner: string, result: DeliveryResult): Promise<boolean>;
    /**
     * `finish` for several items in one durable commit (a worker's batch): returns the ids whose
     * outcome was recorded; the others' lease was no longer `owner`'s.
     */
    finishAll(
      owner: string,
      outcomes: ReadonlyArray<{ id: string; result: DeliveryResult }>,
    ): Promise<Set<string>>;
    /**
     * `finishAll`, then `claim` of the next batch, in the same durable commit (one fsync instead of
     * two). Should the commit fail, neither happened: the finished items are delivered again after
     * their lease, the next ones were never claimed.
     */
    finishAllAndClaim(
      owner: string,
      outcomes: ReadonlyArray<{ id: string; result: DeliveryResult }>,
      next: { now: string; leaseUntil: string; limit: number },
    ): Promise<{ recorded: Set<string>; claimed: DeliveryItem[] }>;
    /** The tenant's items, by id (admin pages); undefined when not this tenant's. */
    byId(tenantId: string, id: string): Promise<DeliveryItem | undefined>;
    /** The tenant's items that failed at least once and were not delivered since, newest problem first. */
    problems(tenantId: string, limit: number): Promise<DeliveryProblem[]>;
    /** The items of a submission (each channel's state). */
    ofSubmission(tenantId: string, submissionId: string): Promise<DeliveryItem[]>;
    /**
     * "Erneut senden": makes a dead or failing item due at `at` with a new retry window, with its
     * audit event, in one transaction. False when it is not the tenant's or already delivered.
     */
    resend(tenantId: string, id: string, at: string, audit: AuditEvent): Promise<boolean>;
  };
  /** The built-in mail sink (ADR 0034): messages encrypted with the tenant's data key. */
  sentMails: {
    add(mail: SentMail): Promise<void>;
    /** The tenant's mails, newest first, without decrypting their messages' bodies. */
    list(
      tenantId: string,
      query: { page: number; pageSize: number },
    ): Promise<Page<Omit<SentMail, 'text' | 'attachments' | 'from'>>>;
    byId(tenantId: string, id: string): Promise<SentMail | undefined>;
    /** Deletes every tenant's mails sent before `before` (their deletion deadline); returns how many. */
    deleteSentBefore(before: string): Promise<number>;
  };
  /** Keys of the pull API (ADR 0041): stored as keyed hashes, never as they are. */
  apiKeys: {
    /** Stores the key with its audit event, in one transaction. */
    create(key: ApiKey & { keyHash: string }, audit: AuditEvent): Promise<void>;
    /** The tenant's keys, newest first (revoked ones included). */
    list(tenantId: string): Promise<ApiKey[]>;
    /** The key whose hash this is, whichever tenant's; undefined when none. */
    byHash(keyHash: string): Promise<ApiKey | undefined>;
    /**
     * Revokes the tenant's key at `at` with its audit event, in one transaction. False (nothing
     * written) when it is not the tenant's or already revoked.
     */
    revoke(tenantId: string, id: string, by: string, at: string, audit: AuditEvent): Promise<boolean>;
    /** Notes when the key was last used (shown to the admin); `keyHash` replaces a rotated hash. */
    touch(id: string, at: string, keyHash?: string): Promise<void>;
  };
  /** What the pull API reads and marks on submissions (ADR 0041). */
  pull: {
    /**
     * The tenant's submissions not yet acknowledged (of one service, if given), oldest first, at
     * most `limit`, after the submission `after` (its id) if given.
     */
    listNew(
      tenantId: string,
      query: { serviceId: string | null; limit: number; after: string | null },
    ): Promise<PullListItem[]>;
    /** One of the tenant's submissions as listed; undefined when not the tenant's. */
    item(tenantId: string, id: string): Promise<PullListItem | undefined>;
    /**
     * Marks the submission acknowledged at `at` by the key, with its audit event, in one
     * transaction; false (nothing written) when it already was.
     */
    acknowledge(tenantId: string, id: string, keyId: string, at: string, audit: AuditEvent): Promise<boolean>;
  };
  /**
   * The installation's LeiKa catalogue (ADR 0053): the same for every municipality, so no tenant.
   * Searches are bounded: a key prefix is a range on the primary key, a name a LIMITed LIKE.
   */
  leika: {
    /** Replaces the whole catalogue in one transaction (an empty list empties it). */
    replace(entries: readonly LeikaEntry[], importedAt: string): Promise<void>;
    /** When the catalogue was imported; undefined when none was. */
    info(): Promise<LeikaCatalogueInfo | undefined>;
    /** Up to `limit` entries whose key starts with `keyPrefix` (digits only), in key order. */
    byKeyPrefix(keyPrefix: string, limit: number): Promise<LeikaEntry[]>;
    /** Up to `limit` entries whose name, name2 or synonyms contain `text` (any case), by name. */
    byText(text: string, limit: number): Promise<LeikaEntry[]>;
    /** The entries of these keys (those the catalogue has). */
    byKeys(keys: readonly string[]): Promise<LeikaEntry[]>;
  };
  /** The daily e-mail about delivery problems (ADR 0041): which municipality got which day's. */
  deliveryDigests: {
    /** Claims the day's digest for the tenant; false when another worker (or an earlier run) did. */
    claim(tenantId: string, day: string, at: string): Promise<boolean>;
    /** Gives the claim back (sending failed), so a later run tries again. */
    release(tenantId: string, day: string): Promise<void>;
  };
  /** Sealed receipts, encrypted at rest, issued once per submission (ADR 0032). */
  receipts: {
    get(tenantId: string, submissionId: string): Promise<StoredReceipt | undefined>;
    /**
     * Stores the receipt with its audit event unless the submission already has one, and returns
     * the one stored: when two first downloads race, both get the bytes of the one that won.
     */
    add(receipt: StoredReceipt, audit: AuditEvent): Promise<StoredReceipt>;
  };
  /** Each tenant's certificate for sealing receipts, encrypted at rest (ADR 0032). */
  sealCertificates: {
    get(tenantId: string): Promise<SealCertificate | undefined>;
    /** Installs the certificate (replacing the stored one) with its audit event. */
    put(certificate: SealCertificate, audit: AuditEvent): Promise<void>;
    /** Stores the certificate unless the tenant has one; returns the one stored. */
    addIfAbsent(certificate: SealCertificate, audit: AuditEvent): Promise<SealCertificate>;
  };
  /** Hard deletion under deletion deadlines and the right to erasure (ADR 0039). */
  retention: {
    /**
     * Up to `limit` ids of the service's closed (completed) submissions whose last status change
     * was before `before`, oldest first.
     */
    closedBefore(tenantId: string, serviceId: string, before: string, limit: number): Promise<string[]>;
    /**
     * Deletes the submission with its files, receipt, outbox items, draft row and the audit events
     * about it (sealed ones leave an erasure record), and writes `audit` (which must not name it),
     * in one transaction. False when the submission is not (any longer) the tenant's.
     */
    eraseSubmission(tenantId: string, submissionId: string, audit: AuditEvent, at: string): Promise<boolean>;
    /** Deletes the files of the service's submissions closed before `before`; returns how many. */
    deleteFilesOfClosed(tenantId: string, serviceId: string, before: string): Promise<number>;
    /** Deletes the service's outbox items delivered before `deliveredBefore`; returns how many. */
    deleteDeliveredOutbox(tenantId: string, serviceId: string, deliveredBefore: string): Promise<number>;
    submissionCount(tenantId: string): Promise<number>;
    /** The id of the tenant's submission with this reference number. */
    idByReference(tenantId: string, reference: string): Promise<string | undefined>;
    /**
     * Deletes the municipality with everything it has, in one transaction, unless it still has
     * submissions (those are deleted or exported for the archive first).
     */
    removeTenant(tenantId: string): Promise<'removed' | 'has-submissions'>;
    /** Makes the space of deleted rows unreadable where the database keeps it (SQLite: VACUUM). */
    reclaimSpace(): Promise<void>;
  };
  /** Each tenant's audit hash chain (ADR 0040). */
  auditChain: {
    /** The tenant's newest checkpoint. */
    head(tenantId: string): Promise<AuditCheckpoint | undefined>;
    /** Up to `limit` of the tenant's events no checkpoint covers yet, lowest ids first. */
    unsealed(tenantId: string, limit: number): Promise<StoredAuditEvent[]>;
    unsealedCount(tenantId: string): Promise<number>;
    /** The tenant's erasures no checkpoint has recorded yet. */
    unrecordedErasures(tenantId: string): Promise<AuditErasure[]>;
    /**
     * Appends the checkpoint and marks the events as sealed and the erasures as recorded by it, in
     * one transaction. False, and nothing written, when its number is taken (another instance
     * sealed first) or a row it covers was sealed, recorded or deleted in the meantime.
     */
    append(
      checkpoint: AuditCheckpoint,
      eventIds: readonly string[],
      erasureIds: readonly string[],
    ): Promise<boolean>;
    /** Up to `limit` checkpoints after number `afterSeq`, in order. */
    checkpoints(tenantId: string, afterSeq: number, limit: number): Promise<AuditCheckpoint[]>;
    /** The stored events the checkpoint sealed. */
    sealedIn(tenantId: string, seq: number): Promise<StoredAuditEvent[]>;
    /** Erasures of events sealed in `sealedIn`, recorded in `recordedIn` (null: not yet) or after `recordedAfter`. */
    erasuresSealedIn(
      tenantId: string,
      filter: { sealedIn: number } | { recordedIn: number | null } | { recordedAfter: number },
    ): Promise<AuditErasure[]>;
  };
  /**
   * Federation (ADR 0054, migration 0037): this installation's keys and feed, the feeds it follows
   * and what it received. Installation-wide, like the catalog; the audit events name the acting
   * admin's municipality.
   */
  federation: {
    /** This installation's keys, newest first. */
    keys(): Promise<OwnKey[]>;
    /**
     * Adds a key; with `retire`, retires that key at the same time (a rotation), in one
     * transaction. False (nothing written) when `expectCurrent` is no longer the current key
     * (null: when there is a key already): another instance was first.
     */
    addKey(key: OwnKey, expectCurrent: string | null): Promise<boolean>;
    /** Rewrites a key's wrapped private key (after a master-key rotation). */
    rewrapKey(kid: string, wrapped: string): Promise<void>;
    /** Published versions of offered services that are not in the feed yet, oldest first. */
    unfedVersions(limit: number): Promise<UnfedVersion[]>;
    /** Appends items at the end of the feed in the given order; a version already there is skipped. */
    appendToFeed(items: ReadonlyArray<Omit<FeedItem, 'seq'>>): Promise<void>;
    /** Feed items after `after`, in order, at most `limit`. */
    feed(after: number, limit: number): Promise<FeedItem[]>;

    /** Records a subscription with its pinned key and the audit event; false when the feed URL is taken. */
    subscribe(subscription: Subscription, key: TrustedKey, audit: AuditEvent): Promise<boolean>;
    subscriptions(): Promise<Subscription[]>;
    subscription(id: string): Promise<Subscription | undefined>;
    /** Removes the subscription and what it brought that was not copied (audited). */
    unsubscribe(id: string, audit: AuditEvent): Promise<boolean>;
    trustedKeys(subscriptionId: string): Promise<TrustedKey[]>;
    /** Trusts `key` (introduced by `retires`, retired at `at`), in one transaction. */
    followRotation(subscriptionId: string, key: TrustedKey, retires: string, at: string): Promise<void>;
    /** The newest version held of each of the remote entries named (by their ids at the origin). */
    heldVersions(subscriptionId: string, remoteIds: readonly string[]): Promise<Map<string, number>>;
    /**
     * Stores a page of accepted entries (entries created or updated, versions added) and moves the
     * cursor, in one transaction: a page is imported entirely or not at all.
     */
    importPage(
      subscriptionId: string,
      cursor: string,
      imports: readonly RemoteImport[],
      at: string,
      newId: () => string,
    ): Promise<void>;
    /** Records the outcome of a synchronisation (and its time). */
    report(subscriptionId: string, report: SyncReport, at: string): Promise<void>;
    /** Remote entries matching every term (substring of their search text), newest first. */
    searchRemote(terms: readonly string[], limit: number): Promise<CatalogEntry[]>;
  };
  audit: {
    record(event: AuditEvent, at: string): Promise<void>;
    list(tenantId: string, subjectId: string): Promise<Array<AuditEvent & { id: string; at: string }>>;
  };
  close(): Promise<void>;
}

/** An application's package for the archive (ADR 0039; format: `docs/reference/archive-package.md`). */
export interface ArchivePackage {
  tenantSlug: string;
  /** The package's name, safe as a file name (from the reference number). */
  name: string;
  /** Paths relative to the package, `/`-separated. */
  files: ReadonlyArray<{ path: string; bytes: Uint8Array }>;
}

/**
 * Where applications are offered to the archive before they are deleted (Anbietungspflicht).
 * `offer` resolves only once the whole package is durably stored; offering the same package again
 * replaces it (a run that died after offering and before deleting offers again).
 */
export interface Archive {
  offer(pkg: ArchivePackage): Promise<void>;
}

/** Password hashing (argon2id in production). */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

/**
 * Keyed one-way names for what must not be stored as it is: a typed username (it may be a password
 * typed into the wrong field) or a client address. The same input gives the same name on every app
 * instance; without the key, no name can be traced back.
 */
export interface Pseudonyms {
  of(purpose: string, value: string): string;
}

/**
 * Keyed hashes of pull API keys (ADR 0041): HMAC-SHA256 under keys derived from the master key.
 * `current` is what is stored; `candidates` are the hashes under the current and, during a
 * master-key rotation, the previous key, so keys made before the rotation keep working.
 */
export interface ApiKeyHashes {
  current(key: string): string;
  candidates(key: string): string[];
}

/** Random session tokens and their one-way hashes (only hashes are stored). */
export interface Tokens {
  newToken(): string;
  hash(token: string): string;
}

/**
 * The documents that belong to a submission's delivery beyond its data (ADR 0034): the sealed
 * receipt (Eingangsbestätigung) once it is built. Until then the installation registers one that
 * has none; channels that carry files (e-mail with data) attach whatever it returns.
 */
export interface SubmissionDocuments {
  forSubmission(tenantId: string, submissionId: string): Promise<DeliveryDocument[]>;
}

/**
 * One delivery channel (ADR 0034): hands a submission to the authority's system with the options
 * of its setting kind, checked again just before. Resolves when the receiver accepted it; throws
 * `DeliveryFailed` (retryable or not) otherwise. Never sees a request or a database handle.
 */
export interface DeliveryChannel<Options> {
  deliver(delivery: Delivery, options: Options): Promise<void>;
}

/** Every channel's adapter, a table the compiler checks against `DELIVERY_CHANNELS`. */
export type DeliveryChannels = { readonly [C in DeliveryChannelName]: DeliveryChannel<ChannelOptions<C>> };

export interface OutgoingMail {
  /** Whose mail it is (the mail sink keeps it with the tenant). */
  tenantId: string;
  to: string;
  subject: string;
  text: string;
  attachments: DeliveryDocument[];
  /** Extra headers, e.g. the delivery's idempotency key for a system that reads the mailbox. */
  headers?: Record<string, string>;
}

/**
 * Sends mail: SMTP (`nodemailer`) where the operator configured a server, else the built-in sink
 * that stores mails for the admin's "Postausgang". Throws `DeliveryFailed` when sending fails.
 */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}

/** What a seal certificate says of itself (shown on the receipt and by `amtsweg seal-import`). */
export interface SealCertificateInfo {
  subject: string;
  issuer: string;
  /** SHA-256 of the certificate (DER), hex, upper case with colons, as viewers show it. */
  fingerprint: string;
  notBefore: string;
  notAfter: string;
}

/**
 * Renders a receipt as a tagged PDF and seals it with a tenant's certificate (ADR 0032). The
 * sealed bytes are what the citizen downloads, the caseworker sees and, later, a mail channel
 * attaches.
 */
export interface ReceiptSealer {
  seal(content: ReceiptContent, certificate: SealCertificate): Promise<Uint8Array>;
  /** A new self-signed certificate for the demo, as PKCS#12 with a random passphrase. */
  demoCertificate(subject: string): Promise<{ pkcs12: Uint8Array; passphrase: string }>;
  /**
   * Opens the PKCS#12 with the passphrase; throws `ReceiptError` (`ERR_SEAL_CERTIFICATE`) when it
   * cannot be opened or holds no private key with its certificate.
   */
  describe(pkcs12: Uint8Array, passphrase: string): SealCertificateInfo;
}
