/**
 * The visual editor's use cases (ADR 0033): start a draft (empty, from a published service of the
 * municipality, or from an upload), change it one edit at a time or as a whole in the code view,
 * and hand it over to preview and publishing.
 *
 * Every save names the draft version it was made on and is refused when another save came first:
 * the designer sees who changed it instead of overwriting their work (optimistic concurrency).
 * Every save runs the definition check; a draft with problems is saved (it is a draft) but cannot
 * be handed over. Handing over makes an upload (`source: 'editor'`) of the draft as it is, which
 * goes through the same preview, changes, placeholders and four eyes as any upload (ADR 0026): what
 * was previewed is exactly what is published, whatever happens to the draft meanwhile.
 *
 * Every call needs the `designer` role and is scoped to the session's tenant.
 */
import { setCodeList } from '../definition/edit/code-list.ts';
import { setComputed } from '../definition/edit/computed-pickers.ts';
import { setFee } from '../definition/edit/fee.ts';
import { applyGeneral, stepTexts } from '../definition/edit/general.ts';
import { takenKeys } from '../definition/edit/keys.ts';
import {
  addField,
  addStep,
  editable,
  emptyDefinition,
  fieldAt,
  fieldPlace,
  moveField,
  moveFieldToStep,
  moveStep,
  removeField,
  removeStep,
  replaceField,
  stepIndex,
  updateStep,
} from '../definition/edit/operations.ts';
import { type RuleName, setRule } from '../definition/edit/rules.ts';
import { applySettings, type PostedForm, type SettingError } from '../definition/edit/settings.ts';
import { newCheckId, ownerOf, setCheck } from '../definition/edit/validations.ts';
import { type DefinitionProblem, parseDefinition, schemaProblems } from '../definition/parse.ts';
import { unfilledPlaceholders } from '../definition/placeholders.ts';
import { SLUG_PATTERN } from '../definition/schema.ts';
import type {
  ComputedValue,
  Fee,
  FieldType,
  LocalizedText,
  ServiceDefinition,
  Validation,
} from '../definition/types.ts';
import { type CodeListSearchResult, codeListEntries, searchCodeLists } from './code-list-search.ts';
import type { CodeListSource } from './code-lists.ts';
import { MAX_UPLOAD_BYTES } from './design.ts';
import type {
  CandidateSummary,
  EditorDraft,
  EditorDraftSummary,
  ServiceCandidate,
  ServiceOrigin,
  ServiceVersion,
  StaffSession,
  Tenant,
} from './domain.ts';
import { NotFoundError } from './errors.ts';
import type { AssuranceLevel } from './identity/levels.ts';
import type { Clock, Store } from './ports.ts';
import { publishTimeChecks } from './publishing.ts';
import { requireRole } from './roles.ts';
import { TtlCache } from './ttl-cache.ts';

export interface ServiceDraftsDeps {
  store: Store;
  clock: Clock;
  newId(): string;
  /** Resolves code list references when a draft is handed over, as uploads do. */
  codeLists?: CodeListSource | undefined;
  /** The installation's minimum for Schriftformersatz services (ADR 0048); absent: `hoch`. */
  schriftformersatzMinimum?: AssuranceLevel | undefined;
}

/** Where a new draft starts. */
export type DraftStart =
  | { from: 'new'; slug: string; title: string }
  | { from: 'service'; slug: string }
  | { from: 'candidate'; candidateId: string };

export type StartOutcome =
  | { ok: true; draft: EditorDraft }
  | { ok: false; reason: 'slug-invalid' | 'title-missing' | 'source-missing' };

/** One change of the visual editor, as the page posted it. */
export type DraftEdit =
  | { op: 'general'; form: PostedForm }
  /** The LeiKa key taken over from the catalogue search (ADR 0053): only the key changes. */
  | { op: 'leika-key'; key: string }
  | { op: 'add-step'; title: string }
  | { op: 'step-texts'; stepUid: string; form: PostedForm }
  | { op: 'move-step'; stepUid: string; by: -1 | 1 }
  /** `confirmed`: the designer saw what goes with it (a step's fields, a group's item fields). */
  | { op: 'remove-step'; stepUid: string; confirmed: boolean }
  | { op: 'add-field'; stepUid: string; type: FieldType; label: string }
  | { op: 'add-item-field'; groupUid: string; type: FieldType; label: string }
  | { op: 'field-settings'; fieldUid: string; form: PostedForm }
  | { op: 'move-field'; fieldUid: string; by: -1 | 1 }
  | { op: 'field-to-step'; fieldUid: string; stepUid: string }
  | { op: 'remove-field'; fieldUid: string; confirmed: boolean }
  /** A condition of a step or field set from the rule builder (or removed: `rule` undefined). */
  | { op: 'rule'; uid: string; name: RuleName; rule: unknown }
  /** The fee from the fee page (or removed: `fee` undefined). */
  | { op: 'fee'; fee: Fee | undefined }
  /** A choice field's code list chosen from the installation's lists (or removed: `uri` undefined). */
  | { op: 'code-list'; fieldUid: string; uri: string | undefined }
  /**
   * A cross-field check of a step (`place`: its uid) or of the application (`antrag`): replaced
   * (`id`), added (`id` undefined: it gets a new id, returned as `created`) or removed.
   */
  | { op: 'check'; place: string; id: string | undefined; validation: Validation | undefined }
  /** A computed value replaced (`key`), added (`key` undefined; its own key must be free) or removed. */
  | { op: 'computed'; key: string | undefined; value: ComputedValue | undefined };

/** Another designer saved first: nothing was saved; the draft as it is now, and who changed it. */
export interface Conflict {
  kind: 'conflict';
  current: EditorDraft;
  changedByName: string | undefined;
}

export type EditOutcome =
  | { kind: 'saved'; draft: EditorDraft; problems: DefinitionProblem[]; created?: string }
  | Conflict
  /** A value of the form could not be read (a letter in a number): nothing was saved. */
  | { kind: 'input-errors'; errors: SettingError[] }
  /** The edit cannot be made: nothing was saved. */
  | { kind: 'refused'; reason: 'not-in-group' | 'label-missing' | 'code-list-unknown' | 'key-taken' }
  /**
   * Removing a step with fields or a group with item fields takes them along: asked once more,
   * as there is no undo yet. Nothing was saved.
   */
  | {
      kind: 'confirm-removal';
      what: 'step' | 'group';
      uid: string;
      name: LocalizedText | string;
      fields: number;
    };

export type CodeOutcome =
  | { kind: 'saved'; draft: EditorDraft; problems: DefinitionProblem[] }
  | Conflict
  /** Not JSON, or not of the definition format's shape: nothing was saved. */
  | { kind: 'refused'; problems: DefinitionProblem[] };

export type HandOverOutcome =
  | { kind: 'created'; candidate: ServiceCandidate }
  | Conflict
  | { kind: 'has-problems'; problems: DefinitionProblem[] };

export interface DraftDetails {
  tenant: Tenant;
  draft: EditorDraft;
  /** Everything the definition check finds; empty when it could be handed over. */
  problems: DefinitionProblem[];
  /** Placeholders left (they block publishing, not the preview). */
  placeholders: DefinitionProblem[];
  /** The published version it was started from, if any (and whether it is still the newest). */
  basedOn: ServiceVersion | undefined;
  liveNow: ServiceVersion | undefined;
  createdByName: string | undefined;
  updatedByName: string | undefined;
  /** Where a copy from the network catalog came from, with the number of the version copied. */
  origin: { origin: ServiceOrigin; baseVersion: number | undefined } | undefined;
  /** The draft holds a merge of the origin's new version under way (`core/catalog-merge.ts`). */
  merging: boolean;
}

/** The definition check on every save: the engine's parse (schema and semantic checks). */
export function draftProblems(definition: ServiceDefinition): DefinitionProblem[] {
  const parsed = parseDefinition(definition);
  return parsed.ok ? [] : parsed.problems;
}

const SLUG = new RegExp(SLUG_PATTERN);
const ACTIONS: Record<DraftEdit['op'], string> = {
  general: 'general',
  'leika-key': 'leika-key',
  'add-step': 'step.added',
  'step-texts': 'step.changed',
  'move-step': 'step.moved',
  'remove-step': 'step.removed',
  'add-field': 'field.added',
  'add-item-field': 'field.added',
  'field-settings': 'field.changed',
  'move-field': 'field.moved',
  'field-to-step': 'field.moved',
  'remove-field': 'field.removed',
  rule: 'rule.changed',
  fee: 'fee.changed',
  'code-list': 'field.changed',
  check: 'check.changed',
  computed: 'computed.changed',
};

/** How long a draft version's check result is kept; a version's content never changes. */
const PROBLEMS_TTL_MS = 10 * 60 * 1000;

export class ServiceDrafts {
  readonly #deps: ServiceDraftsDeps;
  /**
   * The check's findings per draft version: every page of the editor shows them, and the check of a
   * large definition costs far more than rendering a page. A saved version's content never changes
   * (the version counts the saves), so (draft, version) is a sound key, on several instances too.
   */
  readonly #problems: TtlCache<string, DefinitionProblem[]>;

  constructor(deps: ServiceDraftsDeps) {
    this.#deps = deps;
    this.#problems = new TtlCache(PROBLEMS_TTL_MS, () => deps.clock.now().getTime(), 500);
  }

  async #tenant(session: StaffSession): Promise<Tenant> {
    const tenant = await this.#deps.store.tenants.byId(session.tenantId);
    if (!tenant) throw new NotFoundError('tenant');
    return tenant;
  }

  /** The drafts and what a new one can start from: the published services and open uploads. */
  async overview(session: StaffSession): Promise<{
    drafts: EditorDraftSummary[];
    names: Map<string, string>;
    services: ServiceVersion[];
    candidates: CandidateSummary[];
  }> {
    requireRole(session, 'designer');
    const { store } = this.#deps;
    const [drafts, services, candidates] = await Promise.all([
      store.editorDrafts.list(session.tenantId),
      store.services.listLatestIncludingWithdrawn(session.tenantId),
      store.candidates.listOpen(session.tenantId),
    ]);
    const names = await store.staff.displayNames(session.tenantId, [
      ...new Set(drafts.map((d) => d.updatedBy)),
    ]);
    return { drafts, names, services, candidates };
  }

  async start(session: StaffSession, start: DraftStart): Promise<StartOutcome> {
    requireRole(session, 'designer');
    const { store, clock, newId } = this.#deps;
    let definition: ServiceDefinition;
    let sourceId: string | null = null;
    let basedOnVersionId: string | null = null;
    if (start.from === 'new') {
      const slug = start.slug.trim();
      const title = start.title.trim();
      if (!title) return { ok: false, reason: 'title-missing' };
      if (slug.length > 80 || !SLUG.test(slug)) return { ok: false, reason: 'slug-invalid' };
      definition = emptyDefinition(slug, { de: title });
      // A key that is a live service's continues it: the draft says so, as an upload would.
      basedOnVersionId = (await store.services.latestBySlug(session.tenantId, slug))?.id ?? null;
    } else if (start.from === 'service') {
      const version = await store.services.latestBySlug(session.tenantId, start.slug);
      if (!version) return { ok: false, reason: 'source-missing' };
      definition = editable(version.definition);
      sourceId = version.id;
      basedOnVersionId = version.id;
    } else {
      const candidate = await store.candidates.byId(session.tenantId, start.candidateId);
      if (!candidate) return { ok: false, reason: 'source-missing' };
      definition = editable(candidate.definition);
      sourceId = candidate.id;
      basedOnVersionId =
        candidate.basedOnVersionId ??
        (await store.services.latestBySlug(session.tenantId, candidate.slug))?.id ??
        null;
    }
    const at = clock.now().toISOString();
    const draft: EditorDraft = {
      id: newId(),
      tenantId: session.tenantId,
      slug: definition.id,
      definition,
      version: 1,
      source: start.from,
      sourceId,
      basedOnVersionId,
      createdBy: session.accountId,
      createdAt: at,
      updatedBy: session.accountId,
      updatedAt: at,
    };
    await store.editorDrafts.create(draft, {
      tenantId: session.tenantId,
      actorType: 'staff',
      actorId: session.accountId,
      action: 'editorDraft.created',
      subjectType: 'editor_draft',
      subjectId: draft.id,
      details: { slug: draft.slug, from: start.from, ...(sourceId && { sourceId }) },
    });
    return { ok: true, draft };
  }

  async #draft(session: StaffSession, id: string): Promise<EditorDraft> {
    const draft = await this.#deps.store.editorDrafts.byId(session.tenantId, id);
    if (!draft) throw new NotFoundError('editor draft');
    return draft;
  }

  async details(session: StaffSession, id: string): Promise<DraftDetails> {
    requireRole(session, 'designer');
    const { store } = this.#deps;
    const draft = await this.#draft(session, id);
    const [tenant, basedOn, liveNow, names] = await Promise.all([
      this.#tenant(session),
      draft.basedOnVersionId
        ? store.services.versionById(session.tenantId, draft.basedOnVersionId)
        : undefined,
      store.services.latestBySlug(session.tenantId, draft.slug),
      store.staff.displayNames(session.tenantId, [...new Set([draft.createdBy, draft.updatedBy])]),
    ]);
    const problems = this.#checked(draft);
    const origin =
      draft.source === 'catalog' ? await store.catalog.originOf(session.tenantId, draft.slug) : undefined;
    const base = origin && (await store.catalog.version(origin.entryId, origin.baseVersionId));
    const merge = await store.catalogMerges.of(session.tenantId, draft.slug);
    return {
      merging: merge?.draftId === draft.id,
      origin: origin && { origin, baseVersion: base?.version },
      tenant,
      draft,
      problems,
      placeholders: problems.length === 0 ? unfilledPlaceholders(draft.definition) : [],
      basedOn,
      liveNow,
      createdByName: names.get(draft.createdBy),
      updatedByName: names.get(draft.updatedBy),
    };
  }

  async #conflict(session: StaffSession, id: string): Promise<Conflict> {
    const current = await this.#draft(session, id);
    const names = await this.#deps.store.staff.displayNames(session.tenantId, [current.updatedBy]);
    return { kind: 'conflict', current, changedByName: names.get(current.updatedBy) };
  }

  /** Saves `definition` as the next version of the draft, or reports the conflict. */
  async #save(
    session: StaffSession,
    draft: EditorDraft,
    expectedVersion: number,
    definition: ServiceDefinition,
    action: string,
  ): Promise<{ kind: 'saved'; draft: EditorDraft; problems: DefinitionProblem[] } | Conflict> {
    const saved = await this.#deps.store.editorDrafts.save(
      session.tenantId,
      draft.id,
      expectedVersion,
      { definition, updatedBy: session.accountId, updatedAt: this.#deps.clock.now().toISOString() },
      {
        tenantId: session.tenantId,
        actorType: 'staff',
        actorId: session.accountId,
        action: 'editorDraft.saved',
        subjectType: 'editor_draft',
        subjectId: draft.id,
        details: { change: action, version: expectedVersion + 1 },
      },
    );
    if (!saved) return this.#conflict(session, draft.id);
    return { kind: 'saved', draft: saved, problems: this.#checked(saved) };
  }

  /** The check's findings for this version of the draft, from the cache when it was checked before. */
  #checked(draft: EditorDraft): DefinitionProblem[] {
    const key = `${draft.tenantId}\u0000${draft.id}\u0000${draft.version}`;
    const cached = this.#problems.get(key);
    if (cached) return cached;
    const problems = draftProblems(draft.definition);
    this.#problems.set(key, problems);
    return problems;
  }

  /** One change of the visual editor, made on `expectedVersion` of the draft. */
  async edit(
    session: StaffSession,
    id: string,
    expectedVersion: number,
    edit: DraftEdit,
  ): Promise<EditOutcome> {
    requireRole(session, 'designer');
    const draft = await this.#draft(session, id);
    if (draft.version !== expectedVersion) return this.#conflict(session, id);
    const d = draft.definition;
    let next: ServiceDefinition | undefined;
    let created: string | undefined;
    switch (edit.op) {
      case 'general':
        next = applyGeneral(d, edit.form);
        break;
      case 'leika-key':
        // The route accepts 14 digits only; the definition check on save checks it again.
        next = { ...structuredClone(d), leikaKey: edit.key };
        break;
      case 'add-step': {
        if (!edit.title.trim()) return { kind: 'refused', reason: 'label-missing' };
        const added = addStep(d, { de: edit.title.trim() });
        next = added.definition;
        created = added.uid;
        break;
      }
      case 'step-texts': {
        const texts = stepTexts(edit.form);
        if (!texts.ok) return { kind: 'input-errors', errors: texts.errors };
        const { ok: _ok, ...changed } = texts;
        next = updateStep(d, edit.stepUid, changed);
        break;
      }
      case 'move-step':
        next = moveStep(d, edit.stepUid, edit.by);
        break;
      case 'remove-step': {
        const index = stepIndex(d, edit.stepUid);
        const step = index === undefined ? undefined : d.steps[index]!;
        if (step && step.fields.length > 0 && !edit.confirmed) {
          return {
            kind: 'confirm-removal',
            what: 'step',
            uid: edit.stepUid,
            name: step.title,
            fields: step.fields.length,
          };
        }
        next = removeStep(d, edit.stepUid);
        break;
      }
      case 'add-field':
      case 'add-item-field': {
        if (!edit.label.trim()) return { kind: 'refused', reason: 'label-missing' };
        const target = edit.op === 'add-field' ? { stepUid: edit.stepUid } : { groupUid: edit.groupUid };
        const added = addField(d, target, edit.type, { de: edit.label.trim() });
        if (added && 'refused' in added) return { kind: 'refused', reason: added.refused };
        next = added?.definition;
        created = added?.uid;
        break;
      }
      case 'field-settings': {
        const place = fieldPlace(d, edit.fieldUid);
        if (!place) break;
        const applied = applySettings(fieldAt(d, place), edit.form, {
          inGroupItem: place.item !== undefined,
        });
        if (!applied.ok) return { kind: 'input-errors', errors: applied.errors };
        next = replaceField(d, edit.fieldUid, applied.field);
        break;
      }
      case 'move-field':
        next = moveField(d, edit.fieldUid, edit.by);
        break;
      case 'field-to-step':
        next = moveFieldToStep(d, edit.fieldUid, edit.stepUid);
        break;
      case 'remove-field': {
        const place = fieldPlace(d, edit.fieldUid);
        const field = place && fieldAt(d, place);
        if (field?.type === 'group' && field.fields.length > 0 && !edit.confirmed) {
          return {
            kind: 'confirm-removal',
            what: 'group',
            uid: edit.fieldUid,
            name: field.label,
            fields: field.fields.length,
          };
        }
        next = removeField(d, edit.fieldUid);
        break;
      }
      case 'rule':
        next = setRule(d, edit.uid, edit.name, edit.rule);
        break;
      case 'fee':
        next = setFee(d, edit.fee);
        break;
      case 'check': {
        const owner = ownerOf(d, edit.place);
        if (!owner) break;
        let validation = edit.validation;
        if (edit.id === undefined && validation) {
          created = newCheckId(d);
          validation = { ...validation, id: created };
        }
        next = setCheck(d, owner, edit.id, validation);
        break;
      }
      case 'computed':
        if (edit.key === undefined && edit.value && takenKeys(d).has(edit.value.key))
          return { kind: 'refused', reason: 'key-taken' };
        next = setComputed(d, edit.key, edit.value);
        break;
      case 'code-list': {
        if (edit.uri === undefined) {
          next = setCodeList(d, edit.fieldUid, { kind: 'remove' });
          break;
        }
        // Only a list of the installation's directory: its entries become the field's options.
        const options = await codeListEntries(this.#deps.codeLists, edit.uri);
        if (!options) return { kind: 'refused', reason: 'code-list-unknown' };
        next = setCodeList(d, edit.fieldUid, { kind: 'set', reference: { uri: edit.uri }, options });
        break;
      }
    }
    // The element the form names is gone (a stale page of a draft nobody else changed cannot name one).
    if (!next) throw new NotFoundError('step or field');
    const outcome = await this.#save(session, draft, expectedVersion, next, ACTIONS[edit.op]);
    return outcome.kind === 'saved' && created ? { ...outcome, created } : outcome;
  }

  /** The installation's code lists whose name or URI matches `query`, for the code-list picker. */
  codeListSearch(session: StaffSession, query: string): CodeListSearchResult {
    requireRole(session, 'designer');
    return searchCodeLists(this.#deps.codeLists?.all() ?? [], query);
  }

  /**
   * The code view's save: the whole draft as JSON text. Text that is not JSON, or JSON without the
   * definition format's shape, is refused with its problems (JSON pointer and message) and saves
   * nothing; a document with the shape is saved with whatever else the check finds.
   */
  async saveCode(
    session: StaffSession,
    id: string,
    expectedVersion: number,
    text: string,
  ): Promise<CodeOutcome> {
    requireRole(session, 'designer');
    const draft = await this.#draft(session, id);
    if (draft.version !== expectedVersion) return this.#conflict(session, id);
    if (text.length > MAX_UPLOAD_BYTES) {
      return {
        kind: 'refused',
        problems: [{ path: '', message: `the definition is longer than ${MAX_UPLOAD_BYTES} characters` }],
      };
    }
    let input: unknown;
    try {
      input = JSON.parse(text);
    } catch (error) {
      return { kind: 'refused', problems: [{ path: '', message: (error as Error).message }] };
    }
    // Only the schema's part of the check decides: the visual editor relies on the shape it gives.
    const shape = schemaProblems(input);
    if (shape.length > 0) return { kind: 'refused', problems: shape };
    // Elements without a uid get theirs as on every parse; the ones given are kept.
    return this.#save(session, draft, expectedVersion, editable(input as ServiceDefinition), 'code');
  }

  /**
   * Hands the draft over to preview and publishing: an upload of it as it is now, after the same
   * checks as an upload (code lists resolved, patterns safe). A draft with problems stays here.
   */
  async handOver(session: StaffSession, id: string, expectedVersion: number): Promise<HandOverOutcome> {
    requireRole(session, 'designer');
    const { store, clock, newId } = this.#deps;
    const draft = await this.#draft(session, id);
    if (draft.version !== expectedVersion) return this.#conflict(session, id);
    const checked = await publishTimeChecks(draft.definition, this.#deps);
    if (!checked.ok) return { kind: 'has-problems', problems: checked.problems };
    const definition = checked.definition;
    // What it was started from, when it still continues that service; else what is live under its id.
    const basedOn = draft.basedOnVersionId
      ? await store.services.versionById(session.tenantId, draft.basedOnVersionId)
      : undefined;
    const basedOnVersionId =
      basedOn && basedOn.slug === definition.id
        ? basedOn.id
        : ((await store.services.latestBySlug(session.tenantId, definition.id))?.id ?? null);
    const candidate: ServiceCandidate = {
      id: newId(),
      tenantId: session.tenantId,
      slug: definition.id,
      definition,
      source: 'editor',
      fileName: `${definition.id}.json`,
      warnings: [],
      uploadedBy: session.accountId,
      uploadedAt: clock.now().toISOString(),
      publishedVersionId: null,
      publishedAt: null,
      basedOnVersionId,
    };
    await store.candidates.create(candidate, {
      tenantId: session.tenantId,
      actorType: 'staff',
      actorId: session.accountId,
      action: 'definition.handedOver',
      subjectType: 'service_candidate',
      subjectId: candidate.id,
      details: { slug: candidate.slug, draftId: draft.id, draftVersion: draft.version },
    });
    // A merge's result handed over: publishing this upload moves the copy's base (ADR 0045).
    await store.catalogMerges.handedOver(session.tenantId, draft.id, candidate.id);
    return { kind: 'created', candidate };
  }

  /** Deletes the draft (made on `expectedVersion`, so a change nobody has seen is never thrown away). */
  async delete(
    session: StaffSession,
    id: string,
    expectedVersion: number,
  ): Promise<{ kind: 'deleted' } | Conflict> {
    requireRole(session, 'designer');
    const draft = await this.#draft(session, id);
    if (draft.version !== expectedVersion) return this.#conflict(session, id);
    const at = this.#deps.clock.now().toISOString();
    const deleted = await this.#deps.store.editorDrafts.delete(
      session.tenantId,
      id,
      expectedVersion,
      {
        tenantId: session.tenantId,
        actorType: 'staff',
        actorId: session.accountId,
        action: 'editorDraft.deleted',
        subjectType: 'editor_draft',
        subjectId: id,
        details: { slug: draft.slug, version: draft.version },
      },
      at,
    );
    if (!deleted) return this.#conflict(session, id);
    return { kind: 'deleted' };
  }
}
