/**
 * Service-Design use cases (ADR 0016): upload a definition (JSON) or a FIM XDatenfelder file, keep
 * it as an unpublished candidate, preview it, publish it as a new immutable version.
 *
 * Uploads are untrusted: size, encoding and type are checked here (the web layer limits the size
 * too, before anything is buffered), and a refusal stores nothing. Every call needs the `designer`
 * role and is scoped to the session's tenant.
 */

import { type DefinitionChange, diffDefinitions } from '../definition/diff.ts';
import { importFim } from '../definition/fim/index.ts';
import type { DefinitionProblem } from '../definition/parse.ts';
import { unfilledPlaceholders } from '../definition/placeholders.ts';
import { SLUG_PATTERN } from '../definition/schema.ts';
import type { Answers, ServiceDefinition, Step } from '../definition/types.ts';
import type { EngineContext, FormModel } from '../engine/model.ts';
import { berlinDate } from './berlin-date.ts';
import type { CodeListSource } from './code-lists.ts';
import type {
  AuditEvent,
  CandidateSource,
  CandidateSummary,
  CandidateWarning,
  ServiceCandidate,
  ServiceVersion,
  StaffSession,
  Tenant,
} from './domain.ts';
import { NotFoundError } from './errors.ts';
import type { AssuranceLevel } from './identity/levels.ts';
import type { ModelCache } from './model-cache.ts';
import type { OperationalSettings } from './operational-settings.ts';
import type { Clock, Store } from './ports.ts';
import { publishTimeChecks, readyToPublish, unsafePatterns } from './publishing.ts';
import { requireRole } from './roles.ts';
import { postStep, type StepAnswers, type StepPost, type StepPostOutcome } from './step-post.ts';
import { TtlCache } from './ttl-cache.ts';

/** Real definitions are tens of KB and FIM schemas a few hundred; 2 MiB leaves room, bounds memory. */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;
/**
 * Uploaded definitions that were never published are deleted after this many days by the
 * retention job, with an audit event (ADR 0027): a candidate is a step towards a version, not an
 * archive, and each can hold up to `MAX_UPLOAD_BYTES`.
 */
export const UNPUBLISHED_CANDIDATE_DAYS = 90;

/**
 * How long the answers typed into a preview are kept. They live in this process's memory only
 * (never in the database: a preview stores nothing), per staff session and upload, so that
 * conditions on earlier steps and the summary at the end work as they will for citizens.
 */
export const PREVIEW_ANSWERS_MS = 60 * 60 * 1000;

/** Why an upload was refused. `problems` carries the definition's problems with their paths. */
export type UploadRefusal =
  | { reason: 'missing' | 'too-large' | 'wrong-type' | 'not-utf8' | 'not-xml' }
  | { reason: 'malformed-json'; detail: string }
  | { reason: 'fim-refused'; code: string; detail: { de: string; en: string } }
  | { reason: 'invalid-definition'; problems: DefinitionProblem[] };

export type UploadOutcome = { ok: true; candidate: ServiceCandidate } | { ok: false; refusal: UploadRefusal };

export type DesignPublishOutcome =
  | { kind: 'published'; version: ServiceVersion }
  | { kind: 'already-published'; versionId: string | null }
  | { kind: 'refused'; problems: DefinitionProblem[] }
  /** Four-eyes publishing is on and this designer uploaded the candidate: another must approve. */
  | { kind: 'needs-second-designer' }
  /**
   * The designer has not yet confirmed what publishing does, or confirmed it against another live
   * version than there is now (`stale`: someone published in between). Show the changes again.
   */
  | { kind: 'needs-confirmation'; stale: boolean }
  /** Every version says why it was published (ADR 0043): the message is missing or too long. */
  | { kind: 'change-message'; problem: 'missing' | 'too-long' };

/** How long a change message may be: a few sentences, shown in the history. */
export const MAX_CHANGE_MESSAGE = 2000;

/**
 * What the designer confirmed when publishing: the live version the changes were shown against
 * (`'new'` when there was none), and — when the candidate's id is that of a live service — that it
 * is meant as that service's next version.
 */
export interface PublishConfirmation {
  against: string;
  nextVersionOfLive: boolean;
  /** Why it is published: kept with the version and shown in its history. */
  changeMessage: string;
}

/** Why a candidate could not become a new service under another id. */
export type NewServiceOutcome =
  | { ok: true; candidate: ServiceCandidate }
  | { ok: false; reason: 'slug-invalid' | 'slug-taken' | 'already-published' };

/**
 * Who may publish a candidate (the tenant's `publishing.fourEyes` setting, ADR 0024): `anyone` with
 * the designer role; with four eyes, `another-designer` than the uploader (the viewer is one), or
 * the viewer is the `uploader` and cannot.
 */
export type PublishApproval = 'anyone' | 'another-designer' | 'uploader';

export interface CandidateDetails {
  tenant: Tenant;
  candidate: ServiceCandidate;
  /** The newest published version of the same service, if there is one. */
  current: ServiceVersion | undefined;
  /** The version this candidate is or became. */
  published: ServiceVersion | undefined;
  uploaderName: string | undefined;
  history: Array<AuditEvent & { id: string; at: string; actorName: string | undefined }>;
  /** Whether the viewing designer may publish it, and why not. */
  approval: PublishApproval;
  /** What publishing would change compared with the live version (empty for a new service). */
  changes: DefinitionChange[];
  /** Placeholders still in the definition: publishing is refused until they are replaced. */
  placeholders: DefinitionProblem[];
  /** The number of the version that was live at upload (what it was started from). */
  basedOnVersion: number | undefined;
  /** True when another version has been published since the upload. */
  liveMovedOn: boolean;
}

/** One step of a candidate's preview, with the answers typed so far in this preview. */
export interface PreviewStep {
  candidate: ServiceCandidate;
  tenant: Tenant;
  model: FormModel;
  step: Step;
  answers: Answers;
}

export interface DesignDeps {
  store: Store;
  clock: Clock;
  newId(): string;
  models: ModelCache;
  /** Told after a version was published here, so caches of this instance can forget the service. */
  published?(tenantId: string, slug: string): void;
  /** Resolves code list references of uploads (JSON and FIM), as publishing does. */
  codeLists?: CodeListSource | undefined;
  /** The installation's minimum for Schriftformersatz services (ADR 0048); absent: `hoch`. */
  schriftformersatzMinimum?: AssuranceLevel | undefined;
  /** Operational settings: whether publishing needs a second designer (`publishing.fourEyes`). */
  settings: Pick<OperationalSettings, 'effective'>;
}

/** The kind of upload, from the file name: browsers' media types for JSON and XML are unreliable. */
function sourceOf(fileName: string): CandidateSource | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.xml')) return 'fim';
  return undefined;
}

/** Only the base name, without control characters, bounded: it is shown and stored. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return base.replace(/\p{Cc}/gu, '').slice(0, 200);
}

export class ServiceDesign {
  readonly #deps: DesignDeps;
  readonly #previewAnswers: TtlCache<string, Answers>;

  constructor(deps: DesignDeps) {
    this.#deps = deps;
    this.#previewAnswers = new TtlCache(PREVIEW_ANSWERS_MS, () => deps.clock.now().getTime(), 1000);
  }

  /**
   * The answers typed so far in this session's preview of the upload ({} when none, after an
   * hour, or on another app instance). Test answers of a designer, not citizens' data.
   */
  previewAnswers(session: StaffSession, candidateId: string): Answers {
    requireRole(session, 'designer');
    return this.#previewAnswers.get(`${session.id}|${candidateId}`) ?? {};
  }

  /** Keeps the preview's answers after a valid step; `{}` starts the preview afresh. */
  keepPreviewAnswers(session: StaffSession, candidateId: string, answers: Answers): void {
    requireRole(session, 'designer');
    this.#previewAnswers.set(`${session.id}|${candidateId}`, answers);
  }

  /** Engine context for validating preview input, as citizens' input is validated. */
  engineContext(): EngineContext {
    return { today: berlinDate(this.#deps.clock.now()) };
  }

  async overview(session: StaffSession): Promise<{
    tenant: Tenant;
    services: ServiceVersion[];
    candidates: CandidateSummary[];
    uploaderNames: Map<string, string>;
  }> {
    requireRole(session, 'designer');
    const { store } = this.#deps;
    const [tenant, services, candidates] = await Promise.all([
      this.#tenant(session),
      store.services.listLatestIncludingWithdrawn(session.tenantId),
      store.candidates.listOpen(session.tenantId),
    ]);
    const uploaderNames = await store.staff.displayNames(session.tenantId, [
      ...new Set(candidates.map((c) => c.uploadedBy)),
    ]);
    return { tenant, services, candidates, uploaderNames };
  }

  async #tenant(session: StaffSession): Promise<Tenant> {
    const tenant = await this.#deps.store.tenants.byId(session.tenantId);
    if (!tenant) throw new NotFoundError('tenant');
    return tenant;
  }

  /** Checks the file; when it passes, stores it as a candidate (audited). A refusal stores nothing. */
  async upload(session: StaffSession, file: { name: string; bytes: Uint8Array }): Promise<UploadOutcome> {
    requireRole(session, 'designer');
    const refuse = (refusal: UploadRefusal): UploadOutcome => ({ ok: false, refusal });
    const fileName = cleanFileName(file.name);
    if (!fileName && file.bytes.length === 0) return refuse({ reason: 'missing' });
    if (file.bytes.length > MAX_UPLOAD_BYTES) return refuse({ reason: 'too-large' });
    const source = sourceOf(fileName);
    if (!source) return refuse({ reason: 'wrong-type' });
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(file.bytes);
    } catch {
      return refuse({ reason: 'not-utf8' });
    }

    let definition: ServiceDefinition;
    let warnings: CandidateWarning[] = [];
    if (source === 'json') {
      let input: unknown;
      try {
        input = JSON.parse(text);
      } catch (error) {
        return refuse({ reason: 'malformed-json', detail: (error as Error).message });
      }
      const parsed = await publishTimeChecks(input, this.#deps);
      if (!parsed.ok) return refuse({ reason: 'invalid-definition', problems: parsed.problems });
      definition = parsed.definition;
    } else {
      if (!text.trimStart().startsWith('<')) return refuse({ reason: 'not-xml' });
      // Lists are read only when the file refers to one: the AGS list alone takes a third of a second.
      const codeLists = text.includes('codelisteReferenz') ? (this.#deps.codeLists?.all() ?? []) : [];
      const imported = importFim(text, { codeLists });
      if (!imported.ok) {
        return refuse({
          reason: 'fim-refused',
          code: imported.error.code,
          detail: { de: imported.error.de, en: imported.error.message },
        });
      }
      definition = imported.definition;
      // A federal pattern that could block the server is refused like one in a JSON upload.
      const unsafe = await unsafePatterns(definition);
      if (unsafe.length > 0) return refuse({ reason: 'invalid-definition', problems: unsafe });
      warnings = imported.warnings.map((w) => ({ element: w.element, message: w.message }));
    }

    const { store, clock, newId } = this.#deps;
    const candidate: ServiceCandidate = {
      id: newId(),
      tenantId: session.tenantId,
      slug: definition.id,
      definition,
      source,
      fileName,
      warnings,
      uploadedBy: session.accountId,
      uploadedAt: clock.now().toISOString(),
      publishedVersionId: null,
      publishedAt: null,
      // What it was started from: the version live now (a new id starts a new service).
      basedOnVersionId: (await store.services.latestBySlug(session.tenantId, definition.id))?.id ?? null,
    };
    await store.candidates.create(candidate, {
      tenantId: session.tenantId,
      actorType: 'staff',
      actorId: session.accountId,
      action: 'definition.uploaded',
      subjectType: 'service_candidate',
      subjectId: candidate.id,
      details: { slug: candidate.slug, source, fileName, warnings: warnings.length },
    });
    return { ok: true, candidate };
  }

  async candidate(session: StaffSession, id: string): Promise<CandidateDetails> {
    requireRole(session, 'designer');
    const { store } = this.#deps;
    const candidate = await store.candidates.byId(session.tenantId, id);
    if (!candidate) throw new NotFoundError('service candidate');
    const [tenant, current, published, events] = await Promise.all([
      this.#tenant(session),
      store.services.latestBySlug(session.tenantId, candidate.slug),
      candidate.publishedVersionId
        ? store.services.versionById(session.tenantId, candidate.publishedVersionId)
        : Promise.resolve(undefined),
      store.audit.list(session.tenantId, candidate.id),
    ]);
    const staffIds = [
      ...new Set([candidate.uploadedBy, ...events.flatMap((e) => (e.actorId ? [e.actorId] : []))]),
    ];
    const names = await store.staff.displayNames(session.tenantId, staffIds);
    const base =
      candidate.basedOnVersionId && current && candidate.basedOnVersionId !== current.id
        ? await store.services.versionById(session.tenantId, candidate.basedOnVersionId)
        : undefined;
    return {
      tenant,
      candidate,
      current,
      published,
      uploaderName: names.get(candidate.uploadedBy),
      history: events.map((e) => ({ ...e, actorName: e.actorId ? names.get(e.actorId) : undefined })),
      approval: await this.#approval(session, candidate),
      changes: current && !published ? diffDefinitions(current.definition, candidate.definition) : [],
      placeholders: published ? [] : unfilledPlaceholders(candidate.definition),
      basedOnVersion: candidate.basedOnVersionId === current?.id ? current?.version : base?.version,
      liveMovedOn: base !== undefined && !published,
    };
  }

  /** Who may publish the candidate under the tenant's four-eyes setting (see `PublishApproval`). */
  async #approval(session: StaffSession, candidate: ServiceCandidate): Promise<PublishApproval> {
    const fourEyes = await this.#deps.settings.effective(session.tenantId, null, 'publishing.fourEyes');
    if (!fourEyes.required) return 'anyone';
    return candidate.uploadedBy === session.accountId ? 'uploader' : 'another-designer';
  }

  /**
   * What the preview renders: the candidate's compiled form and the tenant it would be published
   * for. Nothing is stored: no draft, no submission.
   */
  async preview(
    session: StaffSession,
    id: string,
  ): Promise<{ candidate: ServiceCandidate; model: FormModel; tenant: Tenant }> {
    requireRole(session, 'designer');
    const { store, models } = this.#deps;
    const [candidate, tenant] = await Promise.all([
      store.candidates.byId(session.tenantId, id),
      this.#tenant(session),
    ]);
    if (!candidate) throw new NotFoundError('service candidate');
    // Candidates never change, so their id is as good a cache key as a version id.
    return { candidate, tenant, model: models.get(`candidate:${candidate.id}`, candidate.definition) };
  }

  /** A step of the preview; another slug than the candidate's, or a step it lacks, is not found. */
  async previewStep(session: StaffSession, id: string, slug: string, stepId: string): Promise<PreviewStep> {
    const { candidate, tenant, model } = await this.preview(session, id);
    const step = model.step(stepId);
    if (slug !== candidate.slug || !step) throw new NotFoundError('step');
    return { candidate, tenant, model, step, answers: this.previewAnswers(session, id) };
  }

  /**
   * A post of a preview step: exactly the citizens' step logic (`step-post.ts`), with the answers
   * kept in this process's memory instead of a draft. Files are not kept: the web layer drains
   * them unread (ADR 0018).
   */
  async postPreviewStep(
    session: StaffSession,
    preview: PreviewStep,
    post: StepPost,
  ): Promise<StepPostOutcome> {
    requireRole(session, 'designer');
    const answers: StepAnswers = {
      answers: preview.answers,
      keepsFiles: false,
      keep: async (kept) => this.keepPreviewAnswers(session, preview.candidate.id, kept),
      removeFile: async () => undefined,
    };
    return postStep(preview.model, preview.step, answers, post, this.engineContext());
  }

  /**
   * Publishes the candidate as a new immutable version of its service (created when new), after
   * the same publish-time checks as every other publish. At most once per candidate. With four
   * eyes, only a designer other than the uploader may, and the audit event names both.
   */
  async publish(
    session: StaffSession,
    id: string,
    confirmation: PublishConfirmation | undefined,
  ): Promise<DesignPublishOutcome> {
    requireRole(session, 'designer');
    const { store, clock } = this.#deps;
    const candidate = await store.candidates.byId(session.tenantId, id);
    if (!candidate) throw new NotFoundError('service candidate');
    if (candidate.publishedAt) return { kind: 'already-published', versionId: candidate.publishedVersionId };
    const approval = await this.#approval(session, candidate);
    if (approval === 'uploader') return { kind: 'needs-second-designer' };
    // Checked again (the rules may have become stricter since the upload), and no placeholder left.
    const checked = await readyToPublish(candidate.definition, this.#deps);
    if (!checked.ok) return { kind: 'refused', problems: checked.problems };
    // One click never replaces a live service: the designer confirms the changes against the
    // version live now, and that an upload with a live service's id is meant as its next version.
    const live = await store.services.latestBySlug(session.tenantId, candidate.slug);
    if (!confirmation) return { kind: 'needs-confirmation', stale: false };
    if (confirmation.against !== (live?.id ?? 'new') || (live && !confirmation.nextVersionOfLive)) {
      return { kind: 'needs-confirmation', stale: confirmation.against !== (live?.id ?? 'new') };
    }
    const changeMessage = confirmation.changeMessage.trim();
    if (!changeMessage) return { kind: 'change-message', problem: 'missing' };
    if (changeMessage.length > MAX_CHANGE_MESSAGE) return { kind: 'change-message', problem: 'too-long' };
    const version = await store.candidates.publish(
      session.tenantId,
      candidate.id,
      checked.definition,
      clock.now().toISOString(),
      (v) => ({
        tenantId: session.tenantId,
        actorType: 'staff',
        actorId: session.accountId,
        action: 'service.published',
        subjectType: 'service_candidate',
        subjectId: candidate.id,
        details: {
          slug: v.slug,
          version: v.version,
          serviceVersionId: v.id,
          // The actor approved what `uploadedBy` uploaded (Vier-Augen-Prinzip).
          ...(approval === 'another-designer' && { fourEyes: true, uploadedBy: candidate.uploadedBy }),
        },
      }),
      { publishedBy: session.accountId, changeMessage },
    );
    if (!version) {
      const again = await store.candidates.byId(session.tenantId, id);
      return { kind: 'already-published', versionId: again?.publishedVersionId ?? null };
    }
    this.#deps.published?.(session.tenantId, version.slug);
    return { kind: 'published', version };
  }

  /**
   * The candidate as a new service under another id, instead of the next version of the live
   * service whose id it has: a new candidate (same content, same uploader, so four eyes still
   * apply) with `slug` as its id, audited. The original stays as it is.
   */
  async asNewService(session: StaffSession, id: string, slug: string): Promise<NewServiceOutcome> {
    requireRole(session, 'designer');
    const { store, clock, newId } = this.#deps;
    const original = await store.candidates.byId(session.tenantId, id);
    if (!original) throw new NotFoundError('service candidate');
    if (original.publishedAt) return { ok: false, reason: 'already-published' };
    const wanted = slug.trim();
    if (wanted.length > 80 || !new RegExp(SLUG_PATTERN).test(wanted))
      return { ok: false, reason: 'slug-invalid' };
    if (wanted === original.slug || (await store.services.latestBySlug(session.tenantId, wanted))) {
      return { ok: false, reason: 'slug-taken' };
    }
    const candidate: ServiceCandidate = {
      ...original,
      id: newId(),
      slug: wanted,
      definition: { ...original.definition, id: wanted },
      uploadedAt: clock.now().toISOString(),
      publishedVersionId: null,
      publishedAt: null,
      basedOnVersionId: null,
    };
    await store.candidates.create(candidate, {
      tenantId: session.tenantId,
      actorType: 'staff',
      actorId: session.accountId,
      action: 'definition.copiedAsNewService',
      subjectType: 'service_candidate',
      subjectId: candidate.id,
      details: { slug: wanted, from: original.id, fromSlug: original.slug },
    });
    return { ok: true, candidate };
  }
}
