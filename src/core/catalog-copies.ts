/**
 * Copies of catalog services and their upstream (ADR 0044). **Übernehmen** starts an editor draft in
 * the copier's municipality from the entry's newest version, records where it came from (entry,
 * origin, the version copied: the base of a later merge) with licence and attribution, and marks
 * the office as a placeholder: publishing is refused until the copier has put in their own (ADR
 * 0023: local settings travel with a copy as a starting point, and the copier is asked to fill
 * them in).
 *
 * When the origin publishes a newer version, the copy's designers see it with two readable diffs:
 * what changed upstream (base → theirs) and what they changed locally (base → ours). Merging them
 * is the three-way merge's job (`definition/merge.ts`); this module stops at showing both sides and
 * never changes the copy.
 *
 * Every call needs the designer role and acts for the session's municipality.
 */
import { type DefinitionChange, diffDefinitions } from '../definition/diff.ts';
import { editable } from '../definition/edit/operations.ts';
import { SLUG_PATTERN } from '../definition/schema.ts';
import type { Placeholder, ServiceDefinition } from '../definition/types.ts';
import type { CatalogEntry, EditorDraft, ServiceOrigin, ServiceVersion, StaffSession } from './domain.ts';
import { NotFoundError } from './errors.ts';
import type { Clock, Store } from './ports.ts';
import { requireRole } from './roles.ts';

export type CopyOutcome =
  | { ok: true; draft: EditorDraft }
  | { ok: false; reason: 'slug-invalid' | 'slug-taken' | 'own-service' };

/** Where a copy came from, for its designers (provenance, licence, attribution). */
export interface Provenance {
  origin: ServiceOrigin;
  /** The entry, while it is still in the catalog. */
  entry: CatalogEntry | undefined;
  /** The origin's version that was copied or last merged. */
  base: ServiceVersion | undefined;
  /** The origin's newest version, when newer than the base: "Neue Version verfügbar". */
  newer: ServiceVersion | undefined;
  /** For each published version of the copy (by id), the number of the origin's version it is based on. */
  basedOn: ReadonlyMap<string, number>;
  /** A merge of a newer version is under way (`core/catalog-merge.ts`). */
  merging: boolean;
}

export interface UpstreamPage extends Provenance {
  base: ServiceVersion;
  theirs: ServiceVersion;
  /** The copy's newest published version (none before its first publication). */
  ours: ServiceDefinition | undefined;
  ourVersion: number | undefined;
  /** base → theirs */
  upstream: DefinitionChange[];
  /** base → ours */
  local: DefinitionChange[];
}

export interface CatalogCopiesDeps {
  store: Store;
  clock: Clock;
  newId(): string;
}

const SLUG = new RegExp(SLUG_PATTERN);

/** The office's details of the origin, as placeholders the copier must replace before publishing. */
export function officePlaceholders(definition: ServiceDefinition): Placeholder[] {
  const office = definition.local.office;
  const placeholders: Placeholder[] = [{ path: '/local/office/name', value: office.name }];
  for (const key of ['email', 'phone', 'address'] as const) {
    if (office[key] !== undefined) placeholders.push({ path: `/local/office/${key}`, value: office[key] });
  }
  return placeholders;
}

export class CatalogCopies {
  readonly #deps: CatalogCopiesDeps;

  constructor(deps: CatalogCopiesDeps) {
    this.#deps = deps;
  }

  /** **Übernehmen**: the entry's newest version as a draft of the viewer's municipality under `slug`. */
  async copy(session: StaffSession, entryId: string, slug: string): Promise<CopyOutcome> {
    requireRole(session, 'designer');
    const { store, clock, newId } = this.#deps;
    const [entry, theirs] = await Promise.all([
      store.catalog.entryById(entryId),
      store.catalog.version(entryId),
    ]);
    if (!entry || !theirs) throw new NotFoundError('catalog entry');
    if (entry.tenantId === session.tenantId) return { ok: false, reason: 'own-service' };
    const wanted = slug.trim();
    if (wanted.length > 80 || !SLUG.test(wanted)) return { ok: false, reason: 'slug-invalid' };
    if (await store.services.latestBySlug(session.tenantId, wanted))
      return { ok: false, reason: 'slug-taken' };
    const definition = editable(theirs.definition);
    definition.id = wanted;
    definition.placeholders = [...(definition.placeholders ?? []), ...officePlaceholders(definition)];
    const at = clock.now().toISOString();
    const draft: EditorDraft = {
      id: newId(),
      tenantId: session.tenantId,
      slug: wanted,
      definition,
      version: 1,
      source: 'catalog',
      sourceId: entryId,
      basedOnVersionId: null,
      createdBy: session.accountId,
      createdAt: at,
      updatedBy: session.accountId,
      updatedAt: at,
    };
    const origin: ServiceOrigin = {
      tenantId: session.tenantId,
      slug: wanted,
      entryId,
      originTenantId: entry.tenantId,
      originServiceId: entry.serviceId,
      baseVersionId: theirs.id,
      licence: entry.licence,
      attribution: entry.provider.de,
      copiedBy: session.accountId,
      copiedAt: at,
    };
    const copied = await store.catalog.copy(origin, draft, {
      tenantId: session.tenantId,
      actorType: 'staff',
      actorId: session.accountId,
      action: 'catalog.copied',
      subjectType: 'editor_draft',
      subjectId: draft.id,
      details: { entryId, slug: wanted, originVersion: theirs.version, licence: entry.licence },
    });
    return copied ? { ok: true, draft } : { ok: false, reason: 'slug-taken' };
  }

  /** Where the viewer's service (or draft) `slug` came from; undefined when it is not a copy. */
  async provenance(session: StaffSession, slug: string): Promise<Provenance | undefined> {
    requireRole(session, 'designer');
    const { store } = this.#deps;
    const origin = await store.catalog.originOf(session.tenantId, slug);
    if (!origin) return undefined;
    const [entry, base, latest, basedOn, merge] = await Promise.all([
      store.catalog.entryById(origin.entryId),
      store.catalog.version(origin.entryId, origin.baseVersionId),
      store.catalog.version(origin.entryId),
      store.catalogMerges.upstreamVersions(session.tenantId, slug),
      store.catalogMerges.of(session.tenantId, slug),
    ]);
    const newer = base && latest && latest.version > base.version ? latest : undefined;
    return { origin, entry, base, newer, basedOn, merging: merge !== undefined };
  }

  /**
   * "Neue Version verfügbar": the upstream changes (base → theirs) and the local ones (base → ours,
   * the copy's newest published version; none before its first publication).
   */
  async upstream(session: StaffSession, slug: string): Promise<UpstreamPage> {
    const provenance = await this.provenance(session, slug);
    if (!provenance?.base || !provenance.newer) throw new NotFoundError('upstream version');
    const { store } = this.#deps;
    const live = await store.services.latestBySlug(session.tenantId, slug);
    const ours = live?.definition;
    const { base, newer: theirs } = provenance;
    return {
      ...provenance,
      base,
      theirs,
      ours,
      ourVersion: live?.version,
      upstream: diffDefinitions(base.definition, theirs.definition),
      local: ours ? diffDefinitions({ ...base.definition, id: ours.id }, ours) : [],
    };
  }
}
