/**
 * What a `file` answer is made of: references to stored files, never their bytes. The web layer
 * stores an upload (encrypted, ADR 0018) and puts its reference into the answer; the engine only
 * checks references against the field's limits.
 */
import {
  type AnswerRecord,
  FILE_MEDIA_TYPES,
  type FileField,
  type FileMediaType,
  type Locale,
  MAX_FILE_BYTES,
} from '../../definition/types.ts';
import { text } from '../texts.ts';

/** One stored file as the answer names it. */
export interface FileRef extends AnswerRecord {
  /** The attachment's id (UUID). */
  readonly id: string;
  /** The file name as the applicant's device gave it (cleaned, at most `MAX_FILE_NAME` characters). */
  readonly name: string;
  /** The media type recognised from the content. */
  readonly mediaType: FileMediaType;
  /** Size in bytes. */
  readonly size: number;
  /** SHA-256 of the content, lower-case hex: lets receivers check they got the very file. */
  readonly sha256: string;
}

export const MAX_FILE_NAME = 200;
export const UUID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
export const SHA256_PATTERN = '^[0-9a-f]{64}$';
const UUID = new RegExp(UUID_PATTERN);
const SHA256 = new RegExp(SHA256_PATTERN);

export function isFileRef(value: unknown): value is FileRef {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return (
    Object.keys(v).length === 5 &&
    typeof v.id === 'string' &&
    UUID.test(v.id) &&
    typeof v.name === 'string' &&
    v.name.length > 0 &&
    v.name.length <= MAX_FILE_NAME &&
    typeof v.mediaType === 'string' &&
    (FILE_MEDIA_TYPES as readonly string[]).includes(v.mediaType) &&
    typeof v.size === 'number' &&
    Number.isInteger(v.size) &&
    v.size > 0 &&
    typeof v.sha256 === 'string' &&
    SHA256.test(v.sha256)
  );
}

export function isFileRefList(value: unknown): value is FileRef[] {
  return Array.isArray(value) && value.every(isFileRef);
}

/** The field's limits with the defaults applied. */
export function fileLimits(field: FileField): {
  accept: readonly FileMediaType[];
  maxSizeBytes: number;
  maxFiles: number;
} {
  return {
    accept: field.accept ?? FILE_MEDIA_TYPES,
    maxSizeBytes: Math.min(field.maxSizeBytes ?? MAX_FILE_BYTES, MAX_FILE_BYTES),
    maxFiles: field.maxFiles ?? 1,
  };
}

/** How people call the formats: "PDF", "JPEG", "PNG". */
export const MEDIA_TYPE_NAMES: Readonly<Record<FileMediaType, string>> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
};

/** File name endings that belong to each type (for the file picker and the name/content check). */
export const MEDIA_TYPE_EXTENSIONS: Readonly<Record<FileMediaType, readonly string[]>> = {
  'application/pdf': ['.pdf'],
  'image/jpeg': ['.jpg', '.jpeg', '.jpe', '.jfif'],
  'image/png': ['.png'],
};

/** "PDF, JPEG und PNG" / "PDF, JPEG and PNG"; `or` for "PDF, JPEG oder PNG". */
export function typeList(types: readonly FileMediaType[], locale: Locale, joiner: 'and' | 'or'): string {
  const names = types.map((t) => MEDIA_TYPE_NAMES[t]);
  if (names.length === 1) return names[0] as string;
  return `${names.slice(0, -1).join(', ')} ${text(locale, joiner === 'and' ? 'list.and' : 'list.or')} ${names[names.length - 1]}`;
}

const numberFormat = {
  de: new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }),
};

/**
 * A size as people read it, "1,2 MB", "340 KB", "12 Bytes". Binary units (1 MB = 1024 KB) as file
 * managers on Windows show them, so a file the computer calls "10 MB" passes a 10 MB limit.
 */
export function formatBytes(bytes: number, locale: Locale): string {
  const f = numberFormat[locale];
  if (bytes < 1024) return `${f.format(bytes)} ${text(locale, 'file.bytes')}`;
  if (bytes < 1024 * 1024) return `${f.format(bytes / 1024)} KB`;
  return `${f.format(bytes / (1024 * 1024))} MB`;
}
