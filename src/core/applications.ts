import { applicantContactKey } from '../definition/applicant-contact.ts';
import { hasPrefill } from '../definition/prefill.ts';
import type { Answers, Step } from '../definition/types.ts';
import { dataSchema } from '../engine/data-schema.ts';
import type { JsonSchema } from '../engine/fields/contract.ts';
import { fileMsg } from '../engine/fields/file-messages.ts';
import type { FileRef } from '../engine/fields/file-refs.ts';
import type { EngineContext, FinalResult, FormModel, RawInput, StepResult } from '../engine/model.ts';
import {
  type IdentityValues,
  lockPrefilled,
  type PrefillMark,
  prefillMarks,
  prefillStep,
} from '../engine/prefill.ts';
import { hasErrorCode } from '../lib/errors.ts';
import { berlinDate } from './berlin-date.ts';
import { enabledChannels } from './delivery/enabled-channels.ts';
import type {
  DeliveryChannelName,
  Draft,
  OutboxChannel,
  ServiceVersion,
  Submission,
  SubmissionSummary,
  Tenant,
} from './domain.ts';
import { ConflictError, NotFoundError, RateLimitError, ServiceWithdrawnError } from './errors.ts';
import { HourlyBudgets } from './hourly-budgets.ts';
import { meetsLevel } from './identity/levels.ts';
import type { CitizenLogin, SubmittedIdentity } from './identity/records.ts';
import { submittedIdentity } from './identity/submitted-identity.ts';
import type { ModelCache } from './model-cache.ts';
import type { OperationalSettings } from './operational-settings.ts';
import type { Clock, MalwareScanner, Store } from './ports.ts';
import type { LimitsCitizens } from './settings/limits-citizens.ts';
import { postStep, type StepAnswers, type StepPost, type StepPostOutcome } from './step-post.ts';
import { TtlCache } from './ttl-cache.ts';
import {
  type AttachOutcome,
  cleanFileName,
  draftFileBytes,
  fileFieldOf,
  fileFieldsOf,
  hasRoom,
  MAX_DRAFT_FILE_BYTES,
  type ReceivedFile,
  refsOf,
  type ScreenOutcome,
  screening,
  withFile,
  withoutFile,
} from './uploads.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * A draft that was started but never answered is deleted after this many hours (ADR 0027): it
 * holds nothing a citizen would miss, and a script that starts drafts in bulk leaves no trace for
 * a month. The first answer kept gives it the service's full lifetime, counted from its start.
 */
export const UNANSWERED_DRAFT_HOURS = 6;
const MEGABYTE = 1024 * 1024;
/** How often a new reference number is drawn when one collides with an existing one. */
const REFERENCE_ATTEMPTS = 5;
/**
 * How long another app instance may keep showing the previous version after a publish. Published
 * versions themselves never change, so they are cached by id without expiry.
 */
export const CATALOG_CACHE_MS = 5_000;

export interface ApplicationDeps {
  store: Store;
  clock: Clock;
  models: ModelCache;
  newId(): string;
  nextReference(): string;
  /**
   * Operational settings: drafts live as many days as the service's `drafts.retention` says; what
   * one client may do per hour is the tenant's `limits.citizens`.
   */
  settings: Pick<OperationalSettings, 'effective'>;
  /**
   * Scans uploads before they are accepted (ADR 0038); absent where the operator configured none,
   * and files are then kept as not scanned.
   */
  scanner?: MalwareScanner | undefined;
  /**
   * When the scanner cannot say: `refuse` the file (the default), or `accept-unscanned` it, kept
   * as not scanned, as if no scanner were configured.
   */
  whenScannerUnavailable?: 'refuse' | 'accept-unscanned';
}

/** A service as a citizen reaches it: its tenant, newest published version and compiled model. */
export interface ServiceContext {
  tenant: Tenant;
  version: ServiceVersion;
  model: FormModel;
}

/** A draft together with the model of the exact version it was started with. */
export interface DraftContext {
  tenant: Tenant;
  draft: Draft;
  version: ServiceVersion;
  model: FormModel;
}

/** What the citizen's summary of a sent application can show (`Applications.sentApplication`). */
export type SentApplication =
  | { kind: 'available'; submission: Submission }
  | { kind: 'not-sent' }
  | { kind: 'expired' };

/**
 * How long after sending the browser that sent an application can open its summary:
 * long enough to print or save it, short enough that a shared computer does not keep showing it.
 */
export const SENT_SUMMARY_HOURS = 2;

export type SubmitOutcome =
  | { kind: 'submitted'; submission: SubmissionSummary; created: boolean }
  | { kind: 'invalid'; errors: FinalResult['errors'] }
  | { kind: 'declaration-missing' }
  /**
   * The service requires a login at a level the applicant does not have (not logged in, logged in
   * lower, or the login expired): nothing is submitted (ADR 0036; for Schriftformersatz ADR 0048).
   */
  | { kind: 'login-needed' };

/**
 * The citizen's use cases: find a service, keep a draft between steps, submit it exactly once.
 */
export class Applications {
  readonly #deps: ApplicationDeps;
  readonly #tenants: TtlCache<string, Tenant>;
  readonly #latest: TtlCache<string, ServiceVersion>;
  readonly #versions = new Map<string, ServiceVersion>();
  readonly #draftDays: TtlCache<string, number>;
  readonly #limits: TtlCache<string, LimitsCitizens>;
  readonly #channels: TtlCache<string, readonly DeliveryChannelName[]>;
  readonly #budgets: HourlyBudgets;

  constructor(deps: ApplicationDeps) {
    this.#deps = deps;
    const now = () => deps.clock.now().getTime();
    this.#tenants = new TtlCache(CATALOG_CACHE_MS, now);
    this.#latest = new TtlCache(CATALOG_CACHE_MS, now);
    this.#draftDays = new TtlCache(CATALOG_CACHE_MS, now);
    this.#limits = new TtlCache(CATALOG_CACHE_MS, now);
    this.#channels = new TtlCache(CATALOG_CACHE_MS, now);
    this.#budgets = new HourlyBudgets(now);
  }

  /** The tenant's `limits.citizens`, cached like the catalog. */
  async #limitsOf(tenant: Tenant): Promise<LimitsCitizens> {
    const cached = this.#limits.get(tenant.id);
    if (cached) return cached;
    const limits = await this.#deps.settings.effective(tenant.id, null, 'limits.citizens');
    this.#limits.set(tenant.id, limits);
    return limits;
  }

  /** Spends from the client's budget of this hour in the tenant, or throws `RateLimitError`. */
  #spend(tenant: Tenant, client: string, what: RateLimitError['what'], amount: number, limit: number): void {
    const spent = this.#budgets.spend(`${tenant.id}|${what}|${client}`, amount, limit);
    if (!spent.ok) throw new RateLimitError(what, spent.retryAfterSeconds);
  }

  /**
   * How many days a draft of the service is kept (its `drafts.retention` setting), cached like the
   * catalog, so the start page does not query for it on every request.
   */
  async draftLifetimeDays(service: Pick<ServiceContext, 'tenant' | 'version'>): Promise<number> {
    const { tenant, version } = service;
    const key = `${tenant.id}|${version.serviceId}`;
    const cached = this.#draftDays.get(key);
    if (cached !== undefined) return cached;
    const { days } = await this.#deps.settings.effective(tenant.id, version.serviceId, 'drafts.retention');
    this.#draftDays.set(key, days);
    return days;
  }

  /**
   * The delivery channels configured for the service (ADR 0034), cached like the catalog: the submit
   * is the hot write and must not read two settings each time. A change applies to submissions
   * from a few seconds later on.
   */
  async #deliveryChannels(tenantId: string, serviceId: string): Promise<readonly DeliveryChannelName[]> {
    const key = `${tenantId}|${serviceId}`;
    const cached = this.#channels.get(key);
    if (cached) return cached;
    const channels = await enabledChannels(this.#deps.settings, tenantId, serviceId);
    this.#channels.set(key, channels);
    return channels;
  }

  engineContext(): EngineContext {
    return { today: berlinDate(this.#deps.clock.now()) };
  }

  async tenant(slug: string): Promise<Tenant> {
    const tenant = await this.#tenants.getOrLoad(slug, () => this.#deps.store.tenants.bySlug(slug));
    if (!tenant) throw new NotFoundError('tenant');
    return tenant;
  }

  async catalog(tenantSlug: string): Promise<{ tenant: Tenant; services: ServiceVersion[] }> {
    const tenant = await this.tenant(tenantSlug);
    const services = await this.#deps.store.services.listLatest(tenant.id);
    return { tenant, services };
  }

  /**
   * Forgets what this instance cached of a service, after it was published, taken offline or back
   * online here, so the change shows at once on this instance (others within `CATALOG_CACHE_MS`).
   */
  forgetService(tenantId: string, serviceSlug: string): void {
    this.#latest.delete(`${tenantId}|${serviceSlug}`);
  }

  async service(tenantSlug: string, serviceSlug: string): Promise<ServiceContext> {
    const tenant = await this.tenant(tenantSlug);
    const version = await this.#latest.getOrLoad(`${tenant.id}|${serviceSlug}`, () =>
      this.#deps.store.services.latestBySlug(tenant.id, serviceSlug),
    );
    if (!version) throw new NotFoundError('service');
    // Offline (taken off by its municipality): a notice instead of every page, drafts included.
    if (version.withdrawnAt) throw new ServiceWithdrawnError(tenant, version);
    return { tenant, version, model: this.#deps.models.get(version.id, version.definition) };
  }

  /**
   * One published version by its number, with its compiled model: what is public about it (the
   * definition the browser enhancement reads, its data contract).
   */
  async publishedVersion(tenantSlug: string, serviceSlug: string, version: number): Promise<ServiceContext> {
    const tenant = await this.tenant(tenantSlug);
    const found = await this.#deps.store.services.versionByNumber(tenant.id, serviceSlug, version);
    if (!found) throw new NotFoundError('service version');
    return { tenant, version: found, model: this.#deps.models.get(found.id, found.definition) };
  }

  /**
   * The data contract of one published version: the JSON Schema of the answers its submissions
   * store. `schemaId` is the schema's public URL (its `$id`), which only the web layer knows.
   */
  async dataSchema(
    tenantSlug: string,
    serviceSlug: string,
    version: number,
    schemaId: string,
  ): Promise<JsonSchema> {
    const tenant = await this.tenant(tenantSlug);
    const found = await this.#deps.store.services.versionByNumber(tenant.id, serviceSlug, version);
    if (!found) throw new NotFoundError('service version');
    return dataSchema(found.definition, schemaId);
  }

  /** The session's draft for the service, if it has one. */
  async findDraft(service: ServiceContext, sessionHash: string): Promise<DraftContext | undefined> {
    const draft = await this.#deps.store.drafts.find(
      service.tenant.id,
      service.version.serviceId,
      sessionHash,
    );
    if (!draft) return undefined;
    return this.#withVersion(service, draft);
  }

  /**
   * Starts a draft for the session, or returns the open one. A draft that was already submitted is
   * replaced by a fresh one: the citizen is starting a new application. A new draft counts against
   * the `client`'s drafts per hour (`limits.citizens`; `RateLimitError` beyond) and lives
   * `UNANSWERED_DRAFT_HOURS` until its first answer is kept.
   */
  async startDraft(service: ServiceContext, sessionHash: string, client: string): Promise<DraftContext> {
    const existing = await this.findDraft(service, sessionHash);
    if (existing && existing.draft.submissionId === null) return existing;
    const { draftsPerHour } = await this.#limitsOf(service.tenant);
    this.#spend(service.tenant, client, 'drafts', 1, draftsPerHour);
    if (existing) await this.#deps.store.drafts.delete(service.tenant.id, existing.draft.id);
    const now = this.#deps.clock.now();
    const days = await this.draftLifetimeDays(service);
    const unansweredMs = Math.min(UNANSWERED_DRAFT_HOURS * 60 * 60 * 1000, days * DAY_MS);
    const draft = await this.#deps.store.drafts.create({
      id: this.#deps.newId(),
      tenantId: service.tenant.id,
      serviceId: service.version.serviceId,
      serviceVersionId: service.version.id,
      sessionHash,
      answers: {},
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + unansweredMs).toISOString(),
    });
    return { tenant: service.tenant, draft, version: service.version, model: service.model };
  }

  /**
   * The values the identity vouched for that prefilled the draft (ADR 0049), by field key; {} for
   * a service without prefill (which reads nothing more).
   */
  async vouched(ctx: DraftContext): Promise<Answers> {
    if (!hasPrefill(ctx.version.definition)) return {};
    return this.#deps.store.citizenApplications.vouched(ctx.tenant.id, ctx.draft.id);
  }

  /**
   * Fills the step's empty prefilled fields from the logged-in citizen's identity, once per field
   * and draft (a value the citizen cleared stays cleared). Returns the vouched values.
   */
  async prefill(ctx: DraftContext, step: Step, identity: IdentityValues): Promise<Answers> {
    const vouched = await this.vouched(ctx);
    if (ctx.draft.submissionId !== null) return vouched;
    const filled = prefillStep(step, ctx.draft.answers, vouched, identity, this.engineContext());
    if (!filled) return vouched;
    const now = this.#deps.clock.now().toISOString();
    await this.#deps.store.citizenApplications.savePrefill(
      ctx.tenant.id,
      ctx.draft.id,
      filled.answers,
      filled.vouched,
      now,
    );
    ctx.draft.answers = filled.answers;
    ctx.draft.updatedAt = now;
    return filled.vouched;
  }

  /**
   * A step post with its read-only prefilled fields put back to their vouched values (the post is
   * never trusted), and whether it tried to change one.
   */
  async lockPrefilled(
    ctx: DraftContext,
    stepId: string,
    raw: RawInput,
  ): Promise<{ raw: RawInput; changed: boolean }> {
    const step = ctx.model.step(stepId);
    if (!step || !hasPrefill(ctx.version.definition)) return { raw, changed: false };
    return lockPrefilled(step, raw, await this.vouched(ctx));
  }

  /** Validates one step; stores the merged answers only when the step is valid. */
  async saveStep(ctx: DraftContext, stepId: string, raw: RawInput): Promise<StepResult> {
    if (!ctx.model.step(stepId)) throw new NotFoundError('step');
    this.#assertOpen(ctx.draft);
    const result = ctx.model.submitStep(stepId, raw, ctx.draft.answers, this.engineContext());
    if (result.errors.length === 0) {
      await this.#saveAnswers(ctx, result.answers, this.#deps.clock.now().toISOString());
    }
    return result;
  }

  /**
   * A post of a step page of the draft (see `step-post.ts`): files removed or uploaded, group items
   * added or removed, or the step validated and its answers kept. The files of the post were stored
   * with `attachFile` while the request was read.
   */
  async postStep(ctx: DraftContext, stepId: string, post: StepPost): Promise<StepPostOutcome> {
    if (ctx.draft.submissionId !== null) return { kind: 'go', to: { kind: 'confirmation' } };
    const step = ctx.model.step(stepId);
    if (!step) return { kind: 'go', to: { kind: 'start' } };
    return postStep(ctx.model, step, this.#draftAnswers(ctx), post, this.engineContext());
  }

  /** The draft as the step logic sees it: its answers, kept in the database, and its files. */
  #draftAnswers(ctx: DraftContext): StepAnswers {
    return {
      get answers() {
        return ctx.draft.answers;
      },
      keepsFiles: true,
      keep: (answers) => this.#saveAnswers(ctx, answers, this.#deps.clock.now().toISOString()),
      removeFile: (id) => this.removeFile(ctx, id),
    };
  }

  /**
   * Stores an uploaded file for the step's file field `key` and adds it to the draft's answer at
   * once (see `uploads.ts`). The file's type and size were checked by the caller against the field.
   * Its bytes count against the `client`'s uploads per hour (`limits.citizens`; `RateLimitError`
   * beyond), and the draft's files together stay within `MAX_DRAFT_FILE_BYTES`.
   */
  async attachFile(
    ctx: DraftContext,
    stepId: string,
    key: string,
    file: ReceivedFile,
    client: string,
  ): Promise<AttachOutcome> {
    this.#assertOpen(ctx.draft);
    const field = fileFieldOf(ctx.version.definition, stepId, key);
    if (!field) return { ok: false, reason: 'no-such-field' };
    if (!hasRoom(field, ctx.draft.answers)) return { ok: false, reason: 'too-many' };
    const stored = draftFileBytes(ctx.version.definition, ctx.draft.answers);
    if (stored + file.content.byteLength > MAX_DRAFT_FILE_BYTES) return { ok: false, reason: 'draft-full' };
    const { uploadMegabytesPerHour } = await this.#limitsOf(ctx.tenant);
    this.#spend(ctx.tenant, client, 'uploads', file.content.byteLength, uploadMegabytesPerHour * MEGABYTE);
    const ref: FileRef = {
      id: this.#deps.newId(),
      name: cleanFileName(file.name),
      mediaType: file.mediaType,
      size: file.content.byteLength,
      sha256: file.sha256,
    };
    const now = this.#deps.clock.now().toISOString();
    await this.#deps.store.attachments.add({
      ...ref,
      fieldKey: key,
      tenantId: ctx.tenant.id,
      draftId: ctx.draft.id,
      content: file.content,
      createdAt: now,
      scan: { ...file.screening },
    });
    await this.#saveAnswers(ctx, withFile(ctx.draft.answers, key, ref), now);
    return { ok: true, ref };
  }

  /**
   * Checks an uploaded file for malware before anything else looks at it (ADR 0038). An infected
   * file is refused and the refusal audited (the scanner's finding, the field and the size: not
   * the file's name or content); when the scanner cannot say, the operator's policy decides.
   */
  async screenFile(ctx: DraftContext, key: string, content: Uint8Array): Promise<ScreenOutcome> {
    this.#assertOpen(ctx.draft);
    const scanner = this.#deps.scanner;
    if (!scanner) return { ok: true, screening: screening({ status: 'not-scanned' }) };
    const verdict = await scanner.scan(content);
    const at = this.#deps.clock.now().toISOString();
    switch (verdict.kind) {
      case 'clean':
        return { ok: true, screening: screening({ status: 'clean', at }) };
      case 'infected':
        await this.#deps.store.audit.record(
          {
            tenantId: ctx.tenant.id,
            actorType: 'citizen',
            actorId: null,
            action: 'upload.malware-refused',
            subjectType: 'draft',
            subjectId: ctx.draft.id,
            details: { field: key, signature: verdict.signature, size: content.byteLength },
          },
          at,
        );
        return { ok: false, reason: 'infected' };
      case 'unavailable':
        return this.#deps.whenScannerUnavailable === 'accept-unscanned'
          ? { ok: true, screening: screening({ status: 'not-scanned' }) }
          : { ok: false, reason: 'scanner-unavailable' };
    }
  }

  /** Deletes one of the draft's files at once; returns it, or undefined when it is not there. */
  async removeFile(ctx: DraftContext, id: string): Promise<FileRef | undefined> {
    this.#assertOpen(ctx.draft);
    const removed = await this.#deps.store.attachments.removeFromDraft(ctx.tenant.id, ctx.draft.id, id);
    const answers = withoutFile(ctx.draft.answers, ctx.version.definition, id);
    if (answers) await this.#saveAnswers(ctx, answers, this.#deps.clock.now().toISOString());
    if (!removed) return undefined;
    const { fieldKey: _key, scan: _scan, ...ref } = removed;
    return ref as FileRef;
  }

  async #saveAnswers(ctx: DraftContext, answers: Answers, updatedAt: string): Promise<void> {
    this.#assertOpen(ctx.draft);
    const expiresAt = await this.#answeredExpiry(ctx);
    await this.#deps.store.drafts.saveAnswers(ctx.tenant.id, ctx.draft.id, answers, updatedAt, expiresAt);
    ctx.draft.answers = answers;
    ctx.draft.updatedAt = updatedAt;
    if (expiresAt) ctx.draft.expiresAt = expiresAt;
  }

  /** The full lifetime once a draft is answered, when it still has the short one of an unanswered draft. */
  async #answeredExpiry(ctx: DraftContext): Promise<string | undefined> {
    const days = await this.draftLifetimeDays(ctx);
    const full = Date.parse(ctx.draft.createdAt) + days * DAY_MS;
    return Date.parse(ctx.draft.expiresAt) < full ? new Date(full).toISOString() : undefined;
  }

  /**
   * The files the final answers name, checked against the draft's stored files. A name without a
   * stored file (deleted meanwhile, e.g. in another tab) is an error at its field, never a
   * submission that silently lacks a document.
   */
  async #claimedFiles(
    ctx: DraftContext,
    answers: Answers,
  ): Promise<{ ids: string[]; errors: FinalResult['errors'] }> {
    const fields = fileFieldsOf(ctx.version.definition);
    if (fields.length === 0) return { ids: [], errors: [] };
    const stored = new Set(
      (await this.#deps.store.attachments.ofDraft(ctx.tenant.id, ctx.draft.id)).map((a) => a.id),
    );
    const ids: string[] = [];
    const errors: FinalResult['errors'] = [];
    for (const field of fields) {
      const refs = refsOf(answers, field.key);
      for (const ref of refs) ids.push(ref.id);
      if (refs.some((ref) => !stored.has(ref.id))) {
        const stepId = ctx.version.definition.steps.find((s) => s.fields.includes(field))?.id ?? '';
        errors.push({
          key: field.key,
          inputId: `field-${field.key}`,
          message: fileMsg.invalidStored(),
          stepId,
        });
      }
    }
    return { ids, errors };
  }

  /**
   * Submits the draft. Idempotent: a second call for the same draft (double click, reload, retry,
   * another app instance) returns the same submission and creates nothing.
   *
   * `login` is the browser session's current login at the municipality, if any. A service that
   * requires a level is refused without a login at it, whatever the pages showed; a login (for
   * any service) is recorded with the submission: level, provider, subject and time, and for a
   * Schriftformersatz service also the attributes the provider vouched for (ADR 0048).
   */
  async submit(
    ctx: DraftContext,
    declarationConfirmed: boolean,
    login?: CitizenLogin | undefined,
  ): Promise<SubmitOutcome> {
    const { store } = this.#deps;
    if (ctx.draft.submissionId !== null) {
      const existing = await store.submissions.summaryById(ctx.tenant.id, ctx.draft.submissionId);
      if (existing) return { kind: 'submitted', submission: existing, created: false };
    }
    // Another municipality's login never counts here (the caller looks it up by tenant; this holds it).
    const own = login && login.tenantId === ctx.tenant.id ? login : undefined;
    const required = ctx.version.definition.local.identity;
    if (required && !meetsLevel(own?.level, required.level)) return { kind: 'login-needed' };
    const final = ctx.model.finalize(ctx.draft.answers, this.engineContext());
    if (final.errors.length > 0) return { kind: 'invalid', errors: final.errors };
    if (!declarationConfirmed) return { kind: 'declaration-missing' };
    const files = await this.#claimedFiles(ctx, final.answers);
    if (files.errors.length > 0) return { kind: 'invalid', errors: files.errors };
    const marks = prefillMarks(final.answers, await this.vouched(ctx));
    return this.#createSubmission(
      ctx,
      final.answers,
      final.fee ?? null,
      files.ids,
      marks,
      own && submittedIdentity(own, required?.schriftformersatz === true),
    );
  }

  async #createSubmission(
    ctx: DraftContext,
    answers: Answers,
    feeCents: number | null,
    attachmentIds: string[],
    marks: PrefillMark[],
    identity: SubmittedIdentity | undefined,
  ): Promise<SubmitOutcome> {
    const schriftformersatz = ctx.version.definition.local.identity?.schriftformersatz === true;
    const submittedAt = this.#deps.clock.now().toISOString();
    const id = this.#deps.newId();
    // One outbox row per channel; the key is derived from the submission and the channel, so it is
    // the same for every attempt and every worker, and a receiver can deduplicate by it.
    const channels: OutboxChannel[] = [
      ...(await this.#deliveryChannels(ctx.tenant.id, ctx.version.serviceId)),
    ];
    // The applicant's confirmation with the receipt (ADR 0041), when the definition marks a contact
    // e-mail and it was answered: in the same outbox, so it is sent at least once like the rest.
    const contact = applicantContactKey(ctx.version.definition);
    if (contact !== undefined && typeof answers[contact] === 'string' && answers[contact] !== '') {
      channels.push('confirmation');
    }
    const deliveries = channels.map((channel) => ({
      id: this.#deps.newId(),
      channel,
      idempotencyKey: `${id}.${channel}`,
    }));
    for (let attempt = 1; ; attempt++) {
      try {
        const { submission, created } = await this.#deps.store.submissions.createFromDraft(
          {
            id,
            tenantId: ctx.tenant.id,
            draftId: ctx.draft.id,
            reference: this.#deps.nextReference(),
            serviceId: ctx.version.serviceId,
            serviceVersionId: ctx.version.id,
            answers,
            feeCents,
            submittedAt,
            attachmentIds,
            deliveries,
            ownerHash: ctx.draft.ownerHash ?? null,
            prefillMarks: marks,
            identity,
            schriftformersatz,
          },
          {
            tenantId: ctx.tenant.id,
            actorType: 'citizen',
            actorId: null,
            action: 'submission.received',
            subjectType: 'submission',
            subjectId: id,
            // Level and provider, not who: the audit log names no applicant.
            details: {
              serviceVersion: ctx.version.version,
              ...(identity && { identityLevel: identity.level, identityProvider: identity.provider }),
              ...(schriftformersatz && { schriftformersatz: true }),
            },
          },
        );
        return { kind: 'submitted', submission, created };
      } catch (error) {
        // A reference collision is astronomically rare but possible; draw a new one.
        if (hasErrorCode(error, 'ERR_REFERENCE_TAKEN') && attempt < REFERENCE_ATTEMPTS) continue;
        throw error;
      }
    }
  }

  /**
   * "Antrag verwerfen": deletes the open draft with its uploaded files at once, instead of at the
   * end of its retention period. A draft already submitted is not discarded (its answers are the
   * submission's now); returns false then.
   */
  async discardDraft(ctx: DraftContext): Promise<boolean> {
    if (ctx.draft.submissionId !== null) return false;
    await this.#deps.store.drafts.delete(ctx.tenant.id, ctx.draft.id);
    return true;
  }

  /** The submission a draft led to, for the confirmation page. */
  async confirmation(ctx: DraftContext): Promise<SubmissionSummary | undefined> {
    if (ctx.draft.submissionId === null) return undefined;
    return this.#deps.store.submissions.summaryById(ctx.tenant.id, ctx.draft.submissionId);
  }

  /**
   * The application as it was sent from this draft, answers included, for the citizen's printable
   * summary: `not-sent` before it is sent, `expired` once `SENT_SUMMARY_HOURS` have
   * passed since. Only the browser session that sent it reaches its draft; the time limit keeps a
   * shared computer from showing the answers to the next person for as long as the draft is kept.
   */
  async sentApplication(ctx: DraftContext): Promise<SentApplication> {
    if (ctx.draft.submissionId === null) return { kind: 'not-sent' };
    const submission = await this.#deps.store.submissions.byId(ctx.tenant.id, ctx.draft.submissionId);
    if (!submission) return { kind: 'not-sent' };
    const until = Date.parse(submission.submittedAt) + SENT_SUMMARY_HOURS * 60 * 60 * 1000;
    if (this.#deps.clock.now().getTime() >= until) return { kind: 'expired' };
    return { kind: 'available', submission };
  }

  async #withVersion(service: ServiceContext, draft: Draft): Promise<DraftContext> {
    if (draft.serviceVersionId === service.version.id) {
      return { tenant: service.tenant, draft, version: service.version, model: service.model };
    }
    // The draft was started on an older version: it stays on that exact version.
    const key = `${service.tenant.id}|${draft.serviceVersionId}`;
    let version = this.#versions.get(key);
    if (!version) {
      version = await this.#deps.store.services.versionById(service.tenant.id, draft.serviceVersionId);
      if (!version) throw new NotFoundError('service version');
      this.#versions.set(key, version);
    }
    return {
      tenant: service.tenant,
      draft,
      version,
      model: this.#deps.models.get(version.id, version.definition),
    };
  }

  #assertOpen(draft: Draft): void {
    if (draft.submissionId !== null) {
      throw new ConflictError('ERR_DRAFT_SUBMITTED', 'the draft was already submitted');
    }
  }
}
