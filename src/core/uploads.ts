/**
 * The citizen's uploads (ADR 0018): a file field's answer mirrors the draft's stored files. A file
 * is added to the answer as soon as it is stored and leaves it when it is removed, so what the
 * step page lists is exactly what the draft holds, whether or not the rest of the step is valid.
 * The bytes arrive already checked (type recognised from the content, size) by the web layer.
 */
import type { Answers, FileField, ServiceDefinition } from '../definition/types.ts';
import { type FileRef, fileLimits, isFileRefList } from '../engine/fields/file-refs.ts';
import type { FieldError } from '../engine/model.ts';
import type { FileScan } from './domain.ts';

declare const SCREENED: unique symbol;
/**
 * A file's malware check as `Applications.screenFile` made it (ADR 0038). Only that use case
 * makes one (the brand), so no file reaches `attachFile` unscreened.
 */
export type Screening = FileScan & { readonly [SCREENED]: true };

/** Brands a file's check; for `Applications.screenFile` only. */
export function screening(scan: FileScan): Screening {
  return scan as Screening;
}

/**
 * Why a file was not accepted by the malware check: `infected` (the scanner found something) or
 * `scanner-unavailable` (the scanner could not say, and the operator's policy is to refuse).
 */
export type ScreenOutcome =
  | { ok: true; screening: Screening }
  | { ok: false; reason: 'infected' | 'scanner-unavailable' };

/** A file as received, after the web layer recognised its type and counted its bytes. */
export interface ReceivedFile {
  name: string;
  mediaType: FileRef['mediaType'];
  sha256: string;
  content: Uint8Array;
  /** Its malware check, made before its type was even looked at. */
  screening: Screening;
}

/**
 * The files of one draft together (ADR 0027): enough for every document an application needs,
 * and a bound on what an anonymous client can store per draft.
 */
export const MAX_DRAFT_FILE_BYTES = 50 * 1024 * 1024;

export type AttachOutcome =
  | { ok: true; ref: FileRef }
  /**
   * `too-many`: the field has `maxFiles` already; `draft-full`: the draft's files would exceed
   * `MAX_DRAFT_FILE_BYTES`; `no-such-field`: not a file field of the step.
   */
  | { ok: false; reason: 'too-many' | 'draft-full' | 'no-such-field' };

/** The step's top-level file field `key` (files are not allowed inside repeating groups). */
export function fileFieldOf(
  definition: ServiceDefinition,
  stepId: string,
  key: string,
): FileField | undefined {
  const field = definition.steps.find((s) => s.id === stepId)?.fields.find((f) => f.key === key);
  return field?.type === 'file' ? field : undefined;
}

export function fileFieldsOf(definition: ServiceDefinition): FileField[] {
  return definition.steps.flatMap((s) => s.fields.filter((f): f is FileField => f.type === 'file'));
}

export function refsOf(answers: Answers, key: string): FileRef[] {
  const value = answers[key];
  return isFileRefList(value) ? value : [];
}

export function hasRoom(field: FileField, answers: Answers): boolean {
  return refsOf(answers, field.key).length < fileLimits(field).maxFiles;
}

/** The bytes of the draft's files, from its answers (they mirror the stored files). */
export function draftFileBytes(definition: ServiceDefinition, answers: Answers): number {
  let bytes = 0;
  for (const field of fileFieldsOf(definition))
    for (const ref of refsOf(answers, field.key)) bytes += ref.size;
  return bytes;
}

/** The answers with `ref` appended to its field's list. */
export function withFile(answers: Answers, key: string, ref: FileRef): Answers {
  return { ...answers, [key]: [...refsOf(answers, key), ref] };
}

/** The answers without file `id` in any file field; `undefined` when no field named it. */
export function withoutFile(
  answers: Answers,
  definition: ServiceDefinition,
  id: string,
): Answers | undefined {
  for (const field of fileFieldsOf(definition)) {
    const refs = refsOf(answers, field.key);
    if (!refs.some((r) => r.id === id)) continue;
    const rest = refs.filter((r) => r.id !== id);
    const next = { ...answers };
    if (rest.length > 0) next[field.key] = rest;
    else delete next[field.key];
    return next;
  }
  return undefined;
}

/** Control characters, path separators and surrounding space out; at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const clean = base.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  const chars = [...clean];
  if (chars.length <= 200) return clean === '' ? 'Datei' : clean;
  // Keep the ending (".pdf"), shorten the rest.
  const dot = clean.lastIndexOf('.');
  const ending = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : '';
  return [...clean.slice(0, clean.length - ending.length)].slice(0, 200 - ending.length).join('') + ending;
}

/** One error per field: several refused files of one field are named in one message. */
export function mergeByField(errors: readonly FieldError[]): FieldError[] {
  const merged = new Map<string, FieldError>();
  for (const e of errors) {
    const earlier = merged.get(e.key);
    if (!earlier) merged.set(e.key, e);
    else
      merged.set(e.key, {
        ...earlier,
        message: {
          de: `${earlier.message.de}. ${e.message.de}`,
          en: `${earlier.message.en ?? earlier.message.de}. ${e.message.en ?? e.message.de}`,
        },
      });
  }
  return [...merged.values()];
}
