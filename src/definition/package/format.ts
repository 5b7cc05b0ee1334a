/**
 * The service package format (ADR 0051): one published version of a service as a single JSON
 * document that another municipality or installation can import — the definition (its texts in
 * German, English and Leichte Sprache are part of it), snapshots of the code lists it uses, assets
 * (none yet), where it comes from (provenance), and a content hash over all of it.
 *
 * What a package never holds is operational configuration (ADR 0023/0024: delivery channels and
 * endpoints, identity providers, keys, retention): the schema has no place for it, and the package
 * is built from the published definition and the code list directory only.
 *
 * Like the definition's schema, this is a module (definition/ does no I/O); `scripts/write-schema.ts`
 * writes `schemas/service-package.json` from it, and a test keeps the two equal.
 */
import { LEIKA_PATTERN, SLUG_PATTERN } from '../schema.ts';

/** The `format` every package names, so a stray JSON file is told apart from a package at once. */
export const PACKAGE_FORMAT = 'amtsweg-service-package';
/** The one format version this code writes and reads. A later one is refused with a clear reason. */
export const PACKAGE_FORMAT_VERSION = 1;
/** `sha256:` and 64 lowercase hex digits: the hash of the canonical JSON of everything else. */
export const CONTENT_HASH_PATTERN = '^sha256:[0-9a-f]{64}$';
/** The media type a package is served with (a JSON document of its own format). */
export const PACKAGE_MEDIA_TYPE = 'application/vnd.amtsweg.service-package+json';
/** The file name extension of a package; the upload form accepts it (and `.json`). */
export const PACKAGE_EXTENSION = '.amtsweg.json';

/** A code list as the package carries it: what the code list directory held at export. */
export interface CodeListSnapshot {
  uri: string;
  /** The version the published definition pinned (absent for a list without one). */
  version?: string;
  name: string;
  columns: string[];
  keyColumn: string;
  labelColumn: string;
  /** One array per row, aligned with `columns`. */
  rows: string[][];
}

/** Where the package comes from, for the importer's designers and the licence's attribution. */
export interface PackageProvenance {
  /** The municipality that exported it: its id in its installation (slug) and its name. */
  municipality: { slug: string; name: string };
  /** The service's id (slug) and the published version number the package holds. */
  service: string;
  version: number;
  publishedAt: string;
  /** SPDX identifier or name of the licence, when the municipality offered it with one (catalog). */
  licence?: string;
  /**
   * Who must be named, oldest first: the municipality itself, preceded by the origin it copied
   * the service from (a copy keeps its origin's attribution, ADR 0044).
   */
  attribution: string[];
  /** LeiKa key of the service, when the definition has one (for finding it again). */
  leika?: string;
}

export interface ServicePackage {
  format: typeof PACKAGE_FORMAT;
  formatVersion: typeof PACKAGE_FORMAT_VERSION;
  exportedAt: string;
  provenance: PackageProvenance;
  /** The published definition (format 2), exactly as the version holds it. */
  definition: Record<string, unknown>;
  codeLists: CodeListSnapshot[];
  /** Binary assets; the definition format has none yet, so always empty (ADR 0051). */
  assets: never[];
  contentHash: string;
}

/** A package without its hash: what the hash is computed over. */
export type UnhashedPackage = Omit<ServicePackage, 'contentHash'>;

/** An ISO 8601 time as `toISOString` writes it (a date and a time, UTC or with an offset). */
const ISO_TIME = {
  type: 'string',
  pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+(Z|[+-][0-9]{2}:[0-9]{2})$',
  maxLength: 40,
};
const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength });

/**
 * JSON Schema (2020-12) of a package. Closed at every level, so an unknown property (a delivery
 * endpoint someone added by hand, say) is refused, not silently carried along. The definition is
 * only required to be an object here: it is checked by the definition check afterwards, with the
 * same problems and paths as an upload.
 */
export const servicePackageSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://amtsweg.de/schemas/service-package.json',
  title: 'Amtsweg service package',
  description:
    'One published version of a service with snapshots of its code lists and its provenance (ADR 0051). Never contains operational configuration.',
  type: 'object',
  additionalProperties: false,
  required: [
    'format',
    'formatVersion',
    'exportedAt',
    'provenance',
    'definition',
    'codeLists',
    'assets',
    'contentHash',
  ],
  properties: {
    $schema: { type: 'string' },
    format: { const: PACKAGE_FORMAT },
    formatVersion: { const: PACKAGE_FORMAT_VERSION },
    exportedAt: ISO_TIME,
    provenance: {
      type: 'object',
      additionalProperties: false,
      required: ['municipality', 'service', 'version', 'publishedAt', 'attribution'],
      properties: {
        municipality: {
          type: 'object',
          additionalProperties: false,
          required: ['slug', 'name'],
          properties: { slug: { type: 'string', pattern: SLUG_PATTERN, maxLength: 80 }, name: text(200) },
        },
        service: { type: 'string', pattern: SLUG_PATTERN, maxLength: 80 },
        version: { type: 'integer', minimum: 1 },
        publishedAt: ISO_TIME,
        licence: text(100),
        attribution: { type: 'array', minItems: 1, maxItems: 50, items: text(200) },
        leika: { type: 'string', pattern: LEIKA_PATTERN },
      },
    },
    definition: { type: 'object' },
    codeLists: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['uri', 'name', 'columns', 'keyColumn', 'labelColumn', 'rows'],
        properties: {
          uri: text(500),
          version: text(200),
          name: { type: 'string', maxLength: 500 },
          columns: { type: 'array', minItems: 1, maxItems: 50, items: text(200) },
          keyColumn: text(200),
          labelColumn: text(200),
          rows: {
            type: 'array',
            maxItems: 50_000,
            items: { type: 'array', maxItems: 50, items: { type: 'string', maxLength: 2000 } },
          },
        },
      },
    },
    assets: { type: 'array', maxItems: 0 },
    contentHash: { type: 'string', pattern: CONTENT_HASH_PATTERN },
  },
} as const;
