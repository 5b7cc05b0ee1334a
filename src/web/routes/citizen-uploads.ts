/**
 * Reading a step posted as multipart/form-data (a step with a file field, ADR 0018). The CSRF
 * token comes first in our forms, so it is checked before any byte of a file is read; each file
 * is read only up to its field's size limit (and the request up to `MAX_REQUEST_UPLOAD_BYTES`),
 * its real type is recognised from its bytes with `file-type`, and it is stored (encrypted) by the
 * use case before the next part is read, so memory holds at most one file.
 */
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import type { AttachOutcome, ReceivedFile } from '../../core/uploads.ts';
import type { FileField, FileMediaType, LocalizedText } from '../../definition/types.ts';
import { fileMsg } from '../../engine/fields/file-messages.ts';
import { type FileRef, fileLimits, MEDIA_TYPE_EXTENSIONS } from '../../engine/fields/file-refs.ts';
import type { FieldError, RawInput } from '../../engine/model.ts';
import { BadRequestError } from '../http-errors.ts';

/** What one request may upload in total; more is refused politely (upload the files one by one). */
export const MAX_REQUEST_UPLOAD_BYTES = 25 * 1024 * 1024;

export interface MultipartStep {
  /** The text inputs, shaped like an urlencoded body. */
  raw: RawInput;
  /** Files refused, as errors at their fields (one per file). */
  refused: FieldError[];
  /** Files stored. */
  added: FileRef[];
}

export interface MultipartStepOptions {
  /** Throws (CsrfError) unless the token is this session's. */
  checkCsrf(token: unknown): void;
  /** The step's file field posted under `name`, if any. */
  fileField(name: string): FileField | undefined;
  store(key: string, file: ReceivedFile): Promise<AttachOutcome>;
}

const ENDING = /\.([A-Za-z0-9]{1,5})$/;

/** Whether the name's ending (if it has one) fits the recognised type: `scan.pdf` holding a PNG does not. */
function endingFits(name: string, type: FileMediaType): boolean {
  const m = ENDING.exec(name);
  if (!m) return true;
  return MEDIA_TYPE_EXTENSIONS[type].includes(`.${(m[1] as string).toLowerCase()}`);
}

/** The problem with a complete, size-checked file, or null when it may be stored. */
async function checkContent(
  field: FileField,
  name: string,
  bytes: Buffer,
): Promise<{ type: FileMediaType } | { problem: LocalizedText }> {
  if (bytes.length === 0) return { problem: fileMsg.empty(name) };
  const detected = await fileTypeFromBuffer(bytes);
  const accept = fileLimits(field).accept as readonly string[];
  if (!detected || !accept.includes(detected.mime)) return { problem: fileMsg.wrongType(field, name) };
  const type = detected.mime as FileMediaType;
  if (!endingFits(name, type)) return { problem: fileMsg.nameMismatch(name, type) };
  return { type };
}

export async function readMultipartStep(
  request: FastifyRequest,
  options: MultipartStepOptions,
): Promise<MultipartStep> {
  const raw: RawInput = {};
  const refused: FieldError[] = [];
  const added: FileRef[] = [];
  let csrf: unknown;
  let total = 0;
  const refuse = (field: FileField, message: LocalizedText) =>
    refused.push({ key: field.key, inputId: `field-${field.key}`, message });
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (part.fieldname === '_csrf') csrf = part.value;
        const value = typeof part.value === 'string' ? part.value : String(part.value);
        const previous = raw[part.fieldname];
        if (previous === undefined) raw[part.fieldname] = value;
        else raw[part.fieldname] = Array.isArray(previous) ? [...previous, value] : [previous, value];
        continue;
      }
      // No byte of a file is looked at for a forged form.
      options.checkCsrf(csrf);
      const field = options.fileField(part.fieldname);
      // An empty file input posts a part without a name: nothing was chosen.
      if (!field || part.filename === '') {
        part.file.resume();
        continue;
      }
      const name = part.filename;
      const limit = fileLimits(field).maxSizeBytes;
      const chunks: Buffer[] = [];
      let size = 0;
      let tooLarge = false;
      let overTotal = total > MAX_REQUEST_UPLOAD_BYTES;
      for await (const chunk of part.file as AsyncIterable<Buffer>) {
        if (tooLarge || overTotal) continue; // drained, not kept
        size += chunk.length;
        total += chunk.length;
        if (size > limit) tooLarge = true;
        else if (total > MAX_REQUEST_UPLOAD_BYTES) overTotal = true;
        else chunks.push(chunk);
      }
      if (tooLarge || part.file.truncated) {
        refuse(field, fileMsg.tooLarge(field, name));
        continue;
      }
      if (overTotal) {
        refuse(field, fileMsg.requestTooLarge(MAX_REQUEST_UPLOAD_BYTES));
        continue;
      }
      const bytes = Buffer.concat(chunks);
      const checked = await checkContent(field, name, bytes);
      if ('problem' in checked) {
        refuse(field, checked.problem);
        continue;
      }
      const outcome = await options.store(field.key, {
        name,
        mediaType: checked.type,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        content: bytes,
      });
      if (outcome.ok) added.push(outcome.ref);
      else refuse(field, fileMsg.notAdded(field, name));
    }
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    // Too many parts, fields or files, or a broken body: not something our form sends.
    if (/^FST_(PARTS|FILES|FIELDS)_LIMIT$|^FST_INVALID_MULTIPART|^FST_PROTO_VIOLATION/.test(code)) {
      throw new BadRequestError(`multipart refused (${code})`);
    }
    throw error;
  }
  options.checkCsrf(csrf);
  return { raw, refused, added };
}
