/**
 * Service packages (ADR 0051): export a published version as one documented JSON file, import one
 * as an editor draft of the importing municipality.
 *
 * **Export** reads only the published version, the code list directory and — for the licence and
 * the attribution — the municipality's catalog entry and a copy's origin. It never reads
 * operational configuration (delivery channels, identity providers, keys, retention; ADR 0024), so
 * none can end up in a package; the package schema has no place for it either.
 *
 * **Import** treats the file as untrusted: size, encoding, JSON, the package schema (format and
 * format version first), the content hash, then the same checks as an upload (`publishTimeChecks`:
 * code lists, the definition check, pattern and rule cost limits). The package's code list
 * snapshots resolve the definition's references where the importing installation lacks the list.
 * What passes becomes an editor draft — never a version: the office is marked as a placeholder
 * that blocks publishing until the importer puts in their own, as after a catalog copy, and
 * publishing goes through the hand-over and confirmation every upload goes through (a live
 * service's id asks whether it is the next version or a new service). A refusal stores nothing.
 */
import { createHash } from 'node:crypto';
import { editable } from '../definition/edit/operations.ts';
import { type CodeList, codeListOptions } from '../definition/fim/index.ts';
import {
  type CodeListSnapshot,
  PACKAGE_EXTENSION,
  PACKAGE_FORMAT,
  PACKAGE_FORMAT_VERSION,
  type PackageProvenance,
  type ServicePackage,
  type UnhashedPackage,
} from '../definition/package/format.ts';
import { packageStructure } from '../definition/package/parse.ts';
import type { DefinitionProblem } from '../definition/problems.ts';
import type { Field, Note, Option, ServiceDefinition } from '../definition/types.ts';
import { canonicalJson } from './canonical-json.ts';
import { officePlaceholders } from './catalog-copies.ts';
import type { CodeListSource } from './code-lists.ts';
import type { EditorDraft, ServiceVersion, StaffSession } from './domain.ts';
import { NotFoundError } from './errors.ts';
import type { AssuranceLevel } from './identity/levels.ts';
import type { Clock, Store } from './ports.ts';
import { publishTimeChecks } from './publishing.ts';
import { requireRole } from './roles.ts';

/**
 * A package holds a definition (at most the 2 MiB of an upload) and the code lists it uses, which
 * can be larger than the definition (a list of all municipalities is about 1.5 MB as JSON).
 */
export const MAX_PACKAGE_BYTES = 6 * 1024 * 1024;

/** The `source` of a note that records a package's provenance in the imported definition. */
export const PACKAGE_NOTE_SOURCE = 'Amtsweg-Paket';

/** Why an import was refused; nothing was stored. */
export type PackageRefusal =
  | { reason: 'missing' | 'too-large' | 'not-utf8' }
  | { reason: 'malformed-json'; detail: string }
  /** Not a package, another format version, or the package schema refused it. */
  | { reason: 'not-a-package' | 'format-version' | 'schema'; problems: DefinitionProblem[] }
  /** The content does not have the hash the package states: changed or damaged on the way. */
  | { reason: 'hash-mismatch'; stated: string; computed: string }
  /** The definition fails the checks every upload passes; paths are within the package. */
  | { reason: 'invalid-definition'; problems: DefinitionProblem[] };

export type PackageImportOutcome =
  | { ok: true; draft: EditorDraft; pkg: ServicePackage; continuesLive: boolean }
  | { ok: false; refusal: PackageRefusal };

export interface ExportedPackage {
  fileName: string;
  pkg: ServicePackage;
  /** The file's text (pretty-printed JSON; the hash is over the canonical form, not these bytes). */
  text: string;
}

export interface ServicePackagesDeps {
  store: Store;
  clock: Clock;
  newId(): string;
  codeLists?: CodeListSource | undefined;
  /** The installation's lowest level for Schriftformersatz (ADR 0048), checked like an upload's. */
  schriftformersatzMinimum?: AssuranceLevel | undefined;
}

/** `sha256:` and the hex SHA-256 of the canonical JSON (RFC 8785) of the package without its hash. */
export function contentHash(unhashed: UnhashedPackage): string {
  return `sha256:${createHash('sha256').update(canonicalJson(unhashed)).digest('hex')}`;
}

/** The package with its hash; `exportedAt` and everything else as given. */
export function sealPackage(unhashed: UnhashedPackage): ServicePackage {
  return { ...unhashed, contentHash: contentHash(unhashed) };
}

interface CodeListRef {
  uri: string;
  version: string | undefined;
  codeColumn: string | undefined;
  labelColumn: string | undefined;
  options: Option[];
}

/** Every code list reference of the definition, item fields of groups included. */
function codeListRefs(definition: ServiceDefinition): CodeListRef[] {
  const refs: CodeListRef[] = [];
  const visit = (fields: readonly Field[]) => {
    for (const field of fields) {
      const f = field as Field & {
        fields?: Field[];
        codeList?: { uri: string; version?: string; codeColumn?: string; labelColumn?: string };
        options?: CodeListRef['options'];
      };
      if (f.fields) visit(f.fields);
      if (f.codeList) {
        refs.push({
          uri: f.codeList.uri,
          version: f.codeList.version,
          codeColumn: f.codeList.codeColumn,
          labelColumn: f.codeList.labelColumn,
          options: f.options ?? [],
        });
      }
    }
  };
  for (const step of definition.steps) visit(step.fields);
  return refs;
}

/**
 * The code lists a published definition uses, as the directory holds them (pinned versions).
 * A list the directory no longer has is rebuilt from the options the version keeps: the snapshot
 * the version was published with, in the columns its reference names.
 */
export async function codeListSnapshots(
  definition: ServiceDefinition,
  source: CodeListSource | undefined,
): Promise<CodeListSnapshot[]> {
  const snapshots = new Map<string, CodeListSnapshot>();
  for (const ref of codeListRefs(definition)) {
    const key = `${ref.uri}|${ref.version ?? ''}`;
    if (snapshots.has(key)) continue;
    const list = await source?.find(ref.uri, ref.version);
    if (list) {
      snapshots.set(key, {
        uri: list.canonicalUri,
        ...(list.version !== undefined && { version: list.version }),
        name: list.name,
        columns: [...list.columns],
        keyColumn: list.keyColumn,
        labelColumn: list.labelColumn,
        rows: list.rows.map((row) => [...row]),
      });
      continue;
    }
    const code = ref.codeColumn ?? 'code';
    const label = ref.labelColumn && ref.labelColumn !== code ? ref.labelColumn : `${code}-label`;
    snapshots.set(key, {
      uri: ref.uri,
      ...(ref.version !== undefined && { version: ref.version }),
      name: ref.uri,
      columns: [code, label],
      keyColumn: code,
      labelColumn: label,
      rows: ref.options.map((o) => [o.value, o.label.de]),
    });
  }
  return [...snapshots.values()];
}

/**
 * The package's code lists in front of the installation's: a reference resolves to the snapshot it
 * was published with, and to the directory only when the package lacks it.
 */
export function withSnapshots(
  snapshots: readonly CodeListSnapshot[],
  installed: CodeListSource | undefined,
): CodeListSource {
  const lists: CodeList[] = snapshots.map((s) => {
    const list = {
      canonicalUri: s.uri,
      ...(s.version !== undefined && { version: s.version }),
      name: s.name,
      columns: s.columns,
      keyColumn: s.keyColumn,
      labelColumn: s.labelColumn,
      rows: s.rows,
      options: [],
    };
    return { ...list, options: codeListOptionsOrNone(list) };
  });
  return {
    async find(uri, version) {
      const own = lists.find(
        (l) => l.canonicalUri === uri && (version === undefined || l.version === version),
      );
      return own ?? installed?.find(uri, version);
    },
    describe: () =>
      `the package's ${lists.length} code list(s)${installed ? ` and ${installed.describe()}` : ''}`,
    all: () => [...lists, ...(installed?.all() ?? [])],
  };
}

/** A snapshot whose key or label column is missing has no options; resolving it names the column. */
function codeListOptionsOrNone(list: CodeList): CodeList['options'] {
  try {
    return codeListOptions(list);
  } catch {
    return [];
  }
}

/** The provenance note an import adds to the definition's notes (shown to the importer's designers). */
export function provenanceNote(pkg: Pick<ServicePackage, 'provenance' | 'contentHash'>): Note {
  const p = pkg.provenance;
  return {
    source: `${PACKAGE_NOTE_SOURCE} ${p.municipality.name}, ${p.service} Version ${p.version}`,
    text: [
      `Importiert aus einem Paket von ${p.municipality.name} (Leistung ${p.service}, Version ${p.version}, veröffentlicht ${p.publishedAt}).`,
      `Lizenz: ${p.licence ?? 'nicht angegeben'}.`,
      `Namensnennung: ${p.attribution.join('; ')}.`,
      `Inhalts-Hash: ${pkg.contentHash}.`,
    ].join('\n'),
  };
}

/** The newest provenance note of a definition that came from a package, if it has one. */
export function packageNoteOf(definition: ServiceDefinition): Note | undefined {
  return definition.notes?.findLast((n) => n.source.startsWith(`${PACKAGE_NOTE_SOURCE} `));
}

/** Problems of the package's definition, at their place in the package (`/definition/…`). */
function inPackage(problems: readonly DefinitionProblem[]): DefinitionProblem[] {
  return problems.map((p) => ({ ...p, path: `/definition${p.path}` }));
}

/**
 * Reads and checks an uploaded package: everything up to (not including) the definition check.
 * Pure apart from hashing; exported for the CLI and the tests.
 */
export function readPackage(
  bytes: Uint8Array,
): { ok: true; pkg: ServicePackage } | { ok: false; refusal: PackageRefusal } {
  const refuse = (refusal: PackageRefusal) => ({ ok: false as const, refusal });
  if (bytes.length === 0) return refuse({ reason: 'missing' });
  if (bytes.length > MAX_PACKAGE_BYTES) return refuse({ reason: 'too-large' });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return refuse({ reason: 'not-utf8' });
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    return refuse({ reason: 'malformed-json', detail: (error as Error).message });
  }
  const structure = packageStructure(input);
  if (!structure.ok) return refuse({ reason: structure.reason, problems: structure.problems });
  const { contentHash: stated, ...unhashed } = structure.pkg;
  const computed = contentHash(unhashed);
  if (computed !== stated) return refuse({ reason: 'hash-mismatch', stated, computed });
  return { ok: true, pkg: structure.pkg };
}

/** The file name of a version's package: `{municipality}-{service}-v{n}.amtsweg.json`. */
export function packageFileName(
  tenantSlug: string,
  version: Pick<ServiceVersion, 'slug' | 'version'>,
): string {
  return `${tenantSlug}-${version.slug}-v${version.version}${PACKAGE_EXTENSION}`;
}

export class ServicePackages {
  readonly #deps: ServicePackagesDeps;

  constructor(deps: ServicePackagesDeps) {
    this.#deps = deps;
  }

  /** Refuses an account without the designer role (the import page shows nothing else). */
  requireDesigner(session: StaffSession): void {
    requireRole(session, 'designer');
  }

  /** "Als Paket herunterladen": a published version (the newest without `version`) as a package. */
  async exportVersion(session: StaffSession, slug: string, version?: number): Promise<ExportedPackage> {
    requireRole(session, 'designer');
    return this.exportFor(session.tenantId, slug, version);
  }

  /**
   * The export itself, for a municipality by id: the designer's use case above, and operators'
   * `amtsweg package export` (the installation's own tool, like `amtsweg publish`).
   */
  async exportFor(tenantId: string, slug: string, versionNumber?: number): Promise<ExportedPackage> {
    const { store, clock, codeLists } = this.#deps;
    const [tenant, version] = await Promise.all([
      store.tenants.byId(tenantId),
      versionNumber === undefined
        ? store.services.latestBySlug(tenantId, slug)
        : store.services.versionByNumber(tenantId, slug, versionNumber),
    ]);
    if (!tenant || !version) throw new NotFoundError('service version');
    const [entry, origin, snapshots] = await Promise.all([
      store.catalog.entryOfService(tenantId, version.serviceId),
      store.catalog.originOf(tenantId, slug),
      codeListSnapshots(version.definition, codeLists),
    ]);
    const name = tenant.name.de;
    const licence = entry?.licence ?? origin?.licence;
    const provenance: PackageProvenance = {
      municipality: { slug: tenant.slug, name },
      service: version.slug,
      version: version.version,
      publishedAt: version.publishedAt,
      ...(licence && { licence }),
      // A copy names its origin first (the licence's attribution), then who adapted it.
      attribution: origin && origin.attribution !== name ? [origin.attribution, name] : [name],
      ...(version.definition.leikaKey && { leika: version.definition.leikaKey }),
    };
    const pkg = sealPackage({
      format: PACKAGE_FORMAT,
      formatVersion: PACKAGE_FORMAT_VERSION,
      exportedAt: clock.now().toISOString(),
      provenance,
      definition: structuredClone(version.definition) as unknown as Record<string, unknown>,
      codeLists: snapshots,
      assets: [],
    });
    return {
      fileName: packageFileName(tenant.slug, version),
      pkg,
      text: `${JSON.stringify(pkg, null, 2)}\n`,
    };
  }

  /** Checks the uploaded package and, when it passes, starts an editor draft from it (audited). */
  async import(session: StaffSession, file: { bytes: Uint8Array }): Promise<PackageImportOutcome> {
    requireRole(session, 'designer');
    return this.importFor(session.tenantId, { type: 'staff', id: session.accountId }, file.bytes);
  }

  /** The import itself; `actor` is the designer, or `operator` for `amtsweg package import`. */
  async importFor(
    tenantId: string,
    actor: { type: 'staff'; id: string } | { type: 'operator' },
    bytes: Uint8Array,
  ): Promise<PackageImportOutcome> {
    const read = readPackage(bytes);
    if (!read.ok) return read;
    const { pkg } = read;
    const { store, clock, newId, codeLists, schriftformersatzMinimum } = this.#deps;
    const checked = await publishTimeChecks(pkg.definition, {
      codeLists: withSnapshots(pkg.codeLists, codeLists),
      schriftformersatzMinimum,
    });
    if (!checked.ok)
      return { ok: false, refusal: { reason: 'invalid-definition', problems: inPackage(checked.problems) } };
    const definition = editable(checked.definition);
    // The importer is asked for their own office before publishing; provenance stays with the service.
    definition.placeholders = [...(definition.placeholders ?? []), ...officePlaceholders(definition)];
    // A package of an imported service keeps the earlier note: the chain of origins stays readable.
    definition.notes = [...(definition.notes ?? []), provenanceNote(pkg)];
    const live = await store.services.latestBySlug(tenantId, definition.id);
    const at = clock.now().toISOString();
    const by = actor.type === 'staff' ? actor.id : 'operator';
    const draft: EditorDraft = {
      id: newId(),
      tenantId,
      slug: definition.id,
      definition,
      version: 1,
      source: 'package',
      sourceId: pkg.contentHash,
      // A live service's id continues it, as an upload would: publishing asks next version or new service.
      basedOnVersionId: live?.id ?? null,
      createdBy: by,
      createdAt: at,
      updatedBy: by,
      updatedAt: at,
    };
    await store.editorDrafts.create(draft, {
      tenantId,
      actorType: actor.type,
      actorId: actor.type === 'staff' ? actor.id : null,
      action: 'package.imported',
      subjectType: 'editor_draft',
      subjectId: draft.id,
      details: {
        slug: draft.slug,
        contentHash: pkg.contentHash,
        origin: pkg.provenance.municipality.slug,
        originService: pkg.provenance.service,
        originVersion: pkg.provenance.version,
        ...(pkg.provenance.licence && { licence: pkg.provenance.licence }),
      },
    });
    return { ok: true, draft, pkg, continuesLive: live !== undefined };
  }
}
