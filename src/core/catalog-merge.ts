/**
 * Merging a copy's upstream improvement (ADR 0044, 0045): **Änderungen übernehmen** runs the
 * three-way merge of the origin's version the copy was made from or last merged with (base), the
 * copy as it is now (ours: its newest editor draft, else its live version) and the origin's new
 * version (theirs), and puts the result into an editor draft. What does not conflict is applied;
 * each conflict keeps our value until the designer decides it (ours, theirs, or an edited text).
 * The result is a draft: it is published like any other, and only then does the copy's base move
 * to the merged version (`recordUpstream` in the storage adapter), so the notice "Neue Version
 * verfügbar" disappears until the origin publishes again.
 *
 * Decisions are made on the draft version the page showed, and only while the merge is the last
 * that wrote the draft: a save in between (another designer, the editor) is never overwritten.
 *
 * Every call needs the designer role and acts for the session's municipality.
 */
import { type DefinitionChange, diffDefinitions } from '../definition/diff.ts';
import { editable } from '../definition/edit/operations.ts';
import { resolveConflicts } from '../definition/merge.ts';
import type { MergeConflict, MergeResult, Resolution, Resolutions } from '../definition/merge-conflict.ts';
import type { DefinitionProblem } from '../definition/problems.ts';
import type { CatalogMerge, EditorDraft, ServiceOrigin, ServiceVersion, StaffSession } from './domain.ts';
import { NotFoundError } from './errors.ts';
import type { Clock, Store } from './ports.ts';
import { requireRole } from './roles.ts';
import { draftProblems } from './service-drafts.ts';

export interface CatalogMergeDeps {
  store: Store;
  clock: Clock;
  newId(): string;
}

export type StartMergeOutcome =
  | { kind: 'started'; merge: CatalogMerge }
  /** The draft was saved by someone else while the merge ran: nothing changed. */
  | { kind: 'draft-changed' };

export interface MergePage {
  origin: ServiceOrigin;
  merge: CatalogMerge;
  draft: EditorDraft;
  base: ServiceVersion;
  theirs: ServiceVersion;
  /** The merge with the decisions made so far; `conflicts` are the ones still open. */
  result: MergeResult;
  /** What the merge changed in the copy (ours → result), as the readable diff. */
  applied: DefinitionChange[];
  /** The draft's check problems, as the editor shows them. */
  problems: DefinitionProblem[];
  /** The draft was saved since the merge last wrote it (in the editor): decisions here wait. */
  editedSince: boolean;
}

/** A decision as the merge page posted it. */
export interface Decision {
  id: string;
  take: 'ours' | 'theirs' | 'edit';
  /** For `edit`: the text, per language (only texts are edited on the merge page). */
  text?: { de: string; en?: string };
}

export type DecideOutcome =
  | { kind: 'saved'; open: number }
  /** The draft moved on since the page was shown (or was edited since the merge): nothing changed. */
  | { kind: 'draft-changed' }
  /** A decision names no open conflict (a stale page): nothing changed. */
  | { kind: 'unknown-conflict'; ids: string[] }
  /** An edited text is empty, or the conflict is no text: nothing changed. */
  | { kind: 'invalid'; ids: string[] };

/** The kinds of value a conflict may be edited as on the merge page: a text, or a text per language. */
export type EditableKind = 'localized' | 'plain';

/** Whether a conflict's values are texts the merge page can edit inline, and which kind. */
export function editableKind(conflict: MergeConflict): EditableKind | undefined {
  const values = [conflict.ours, conflict.theirs].filter((v) => v !== undefined);
  if (values.length === 0 || conflict.reason !== 'both-changed') return undefined;
  if (values.every((v) => typeof v === 'string')) return 'plain';
  const localized = (v: unknown) =>
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    typeof (v as Record<string, unknown>).de === 'string' &&
    Object.values(v).every((x) => typeof x === 'string');
  return values.every(localized) ? 'localized' : undefined;
}

/** Whether the merge page decides the conflict with ours or theirs (else: in the editor). */
export function decidable(conflict: MergeConflict): boolean {
  return conflict.reason !== 'check-failed' && conflict.reason !== 'place-removed';
}

export class CatalogMerges {
  readonly #deps: CatalogMergeDeps;

  constructor(deps: CatalogMergeDeps) {
    this.#deps = deps;
  }

  async #versions(origin: Pick<CatalogMerge, 'entryId' | 'baseVersionId' | 'theirsVersionId'>) {
    const { store } = this.#deps;
    const [base, theirs] = await Promise.all([
      store.catalog.version(origin.entryId, origin.baseVersionId),
      store.catalog.version(origin.entryId, origin.theirsVersionId),
    ]);
    // The origin stopped offering the service, or deleted it: there is nothing to merge from.
    if (!base || !theirs) throw new NotFoundError('upstream version');
    return { base, theirs };
  }

  /**
   * **Änderungen übernehmen**: merges the origin's newest version into the copy's newest draft
   * (or a new draft of its live version) and records the merge. Starting again replaces an
   * earlier merge of the same service; the draft keeps what was decided in it.
   */
  async start(session: StaffSession, slug: string): Promise<StartMergeOutcome> {
    requireRole(session, 'designer');
    const { store, clock, newId } = this.#deps;
    const origin = await store.catalog.originOf(session.tenantId, slug);
    if (!origin) throw new NotFoundError('upstream version');
    const [base, theirs] = await Promise.all([
      store.catalog.version(origin.entryId, origin.baseVersionId),
      store.catalog.version(origin.entryId),
    ]);
    if (!base || !theirs || theirs.version <= base.version) throw new NotFoundError('upstream version');
    const summary = (await store.editorDrafts.list(session.tenantId)).find((d) => d.slug === slug);
    const draft = summary && (await store.editorDrafts.byId(session.tenantId, summary.id));
    const live = draft ? undefined : await store.services.latestBySlug(session.tenantId, slug);
    const ours = draft?.definition ?? live?.definition;
    if (!ours) throw new NotFoundError('service');
    const merged = resolveConflicts(base.definition, ours, theirs.definition, {});
    const at = clock.now().toISOString();
    const definition = editable(merged.definition);
    const merge = {
      tenantId: session.tenantId,
      slug,
      entryId: origin.entryId,
      baseVersionId: base.id,
      theirsVersionId: theirs.id,
      ours,
      mergedBy: session.accountId,
      mergedAt: at,
    };
    const target: EditorDraft = draft
      ? { ...draft, definition, updatedBy: session.accountId, updatedAt: at }
      : {
          id: newId(),
          tenantId: session.tenantId,
          slug,
          definition,
          version: 1,
          source: 'service',
          sourceId: live?.id ?? null,
          basedOnVersionId: live?.id ?? null,
          createdBy: session.accountId,
          createdAt: at,
          updatedBy: session.accountId,
          updatedAt: at,
        };
    const started = await store.catalogMerges.start(
      merge,
      draft
        ? { kind: 'existing', draft: target, expectedVersion: draft.version }
        : { kind: 'new', draft: target },
      {
        tenantId: session.tenantId,
        actorType: 'staff',
        actorId: session.accountId,
        action: 'catalog.mergeStarted',
        subjectType: 'editor_draft',
        subjectId: target.id,
        details: {
          slug,
          baseVersion: base.version,
          theirsVersion: theirs.version,
          conflicts: merged.conflicts.length,
        },
      },
    );
    if (!started) return { kind: 'draft-changed' };
    return {
      kind: 'started',
      merge: {
        ...merge,
        draftId: target.id,
        resolutions: {},
        draftVersion: draft ? draft.version + 1 : 1,
        candidateId: null,
      },
    };
  }

  /** The merge under way for the service `slug`, with its open conflicts and what it applied. */
  async page(session: StaffSession, slug: string): Promise<MergePage> {
    requireRole(session, 'designer');
    const { store } = this.#deps;
    const [merge, origin] = await Promise.all([
      store.catalogMerges.of(session.tenantId, slug),
      store.catalog.originOf(session.tenantId, slug),
    ]);
    if (!merge || !origin) throw new NotFoundError('merge');
    const draft = await store.editorDrafts.byId(session.tenantId, merge.draftId);
    if (!draft) throw new NotFoundError('merge');
    const { base, theirs } = await this.#versions(merge);
    const result = resolveConflicts(base.definition, merge.ours, theirs.definition, merge.resolutions);
    return {
      origin,
      merge,
      draft,
      base,
      theirs,
      result,
      applied: diffDefinitions(merge.ours, result.definition),
      problems: draftProblems(draft.definition),
      editedSince: draft.version !== merge.draftVersion,
    };
  }

  /**
   * Decides conflicts (made on `expectedVersion` of the draft) and saves the merge's result with
   * every decision so far into the draft. Undecided conflicts keep our value.
   */
  async decide(
    session: StaffSession,
    slug: string,
    expectedVersion: number,
    decisions: readonly Decision[],
  ): Promise<DecideOutcome> {
    requireRole(session, 'designer');
    const { store, clock } = this.#deps;
    const page = await this.page(session, slug);
    const { merge, draft, base, theirs } = page;
    if (draft.version !== expectedVersion || page.editedSince) return { kind: 'draft-changed' };
    // The check's conflict and a field without a place are decided in the editor, not here.
    const open = new Map(page.result.conflicts.filter(decidable).map((c) => [c.id, c]));
    const unknown = decisions.filter((d) => !open.has(d.id)).map((d) => d.id);
    if (unknown.length > 0) return { kind: 'unknown-conflict', ids: unknown };
    const invalid: string[] = [];
    const resolutions: Record<string, Resolution> = { ...merge.resolutions };
    for (const decision of decisions) {
      if (decision.take !== 'edit') {
        resolutions[decision.id] = { take: decision.take };
        continue;
      }
      const kind = editableKind(open.get(decision.id) as MergeConflict);
      const de = decision.text?.de.trim() ?? '';
      const en = decision.text?.en?.trim() ?? '';
      if (!kind || !de) {
        invalid.push(decision.id);
        continue;
      }
      resolutions[decision.id] = { value: kind === 'plain' ? de : { de, ...(en && { en }) } };
    }
    if (invalid.length > 0) return { kind: 'invalid', ids: invalid };
    const result = resolveConflicts(base.definition, merge.ours, theirs.definition, resolutions);
    const saved = await store.catalogMerges.resolve(
      merge,
      expectedVersion,
      {
        definition: editable(result.definition),
        resolutions: resolutions as Resolutions,
        updatedBy: session.accountId,
        updatedAt: clock.now().toISOString(),
      },
      {
        tenantId: session.tenantId,
        actorType: 'staff',
        actorId: session.accountId,
        action: 'catalog.mergeDecided',
        subjectType: 'editor_draft',
        subjectId: draft.id,
        details: {
          slug,
          version: expectedVersion + 1,
          decided: decisions.map((d) => ({ id: d.id, take: d.take })),
          open: result.conflicts.length,
        },
      },
    );
    if (!saved) return { kind: 'draft-changed' };
    return { kind: 'saved', open: result.conflicts.length };
  }
}
