/**
 * Reading a step posted as multipart/form-data (a step with a file field, ADR 0018), with bounds
 * that hold before anything is buffered (ADR 0027):
 *
 * - a body announced larger than a step can be is refused (413) unread;
 * - the CSRF token must be the first part (our forms send it first): anything else is refused
 *   (403) before a second part is read;
 * - a text input the step does not have, or a file part for an input that is not one of the
 *   step's file fields, is refused (400) at once, without reading on;
 * - the text inputs together may be at most `FORM_BODY_BYTES`, as an urlencoded body (413);
 * - each file is read only up to its field's size limit, and the request up to
 *   `MAX_REQUEST_UPLOAD_BYTES`; it is scanned for malware first (ADR 0038), its real type is
 *   recognised from its bytes with `file-type`, and it is stored (encrypted) before the next part
 *   is read, so memory holds at most one file.
 *
 * After a refusal the rest of the body is not read: the connection lingers for the answer to
 * arrive and is closed when more than a little still comes (`http-errors.ts`). The preview of a
 * designer reads its posts the same way and keeps no file.
 */
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import {
  type AttachOutcome,
  MAX_DRAFT_FILE_BYTES,
  type ReceivedFile,
  type ScreenOutcome,
} from '../../core/uploads.ts';
import {
  type FileField,
  type FileMediaType,
  type LocalizedText,
  MAX_FILE_BYTES,
  MAX_FILES_PER_FIELD,
} from '../../definition/types.ts';
import { fileMsg } from '../../engine/fields/file-messages.ts';
import { type FileRef, fileLimits, MEDIA_TYPE_EXTENSIONS } from '../../engine/fields/file-refs.ts';
import type { FieldError, RawInput } from '../../engine/model.ts';
import { FORM_BODY_BYTES, MAX_MULTIPART_STEP_BYTES, MAX_REQUEST_UPLOAD_BYTES } from '../body-limits.ts';
import { addField, emptyFields } from '../form-body.ts';
import { BadRequestError, CsrfError, PayloadTooLargeError } from '../http-errors.ts';
import { isBrokenMultipart } from '../multipart-errors.ts';

/** The name of the CSRF token input, the first part of every form we render. */
const CSRF_NAME = '_csrf';

/** Busboy's own limits for a step post; the byte bound on the text is counted here. */
const STEP_PART_LIMITS = {
  fileSize: MAX_FILE_BYTES + 1,
  files: MAX_FILES_PER_FIELD,
  fields: 2000,
  // One text input: an answer is at most this (a long text well within it).
  fieldSize: 64 * 1024,
  parts: 2000 + MAX_FILES_PER_FIELD,
  headerPairs: 50,
};

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
  /** Whether the step page has a text input (or control) of this name. */
  hasInput(name: string): boolean;
  /** The step's file field posted under `name`, if any. */
  fileField(name: string): FileField | undefined;
  /**
   * Keeps the files: each is first screened for malware (before its type is even looked at, ADR
   * 0038), then checked and stored. Absent for a preview, whose files are read and dropped.
   */
  keep?: {
    screen(key: string, content: Uint8Array): Promise<ScreenOutcome>;
    store(key: string, file: ReceivedFile): Promise<AttachOutcome>;
  };
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

/** Refuses a body announced larger than any step post can be, before a byte of it is read. */
function refuseAnnouncedSize(request: FastifyRequest): void {
  const announced = Number(request.headers['content-length'] ?? 0);
  if (announced > MAX_MULTIPART_STEP_BYTES) {
    throw new PayloadTooLargeError(`multipart body of ${announced} bytes announced`);
  }
}

export async function readMultipartStep(
  request: FastifyRequest,
  options: MultipartStepOptions,
): Promise<MultipartStep> {
  refuseAnnouncedSize(request);
  const raw: RawInput = emptyFields();
  const refused: FieldError[] = [];
  const added: FileRef[] = [];
  let csrfChecked = false;
  let textBytes = 0;
  let total = 0;
  const refuse = (field: FileField, message: LocalizedText) =>
    refused.push({ key: field.key, inputId: `field-${field.key}`, message });
  try {
    for await (const part of request.parts({ limits: STEP_PART_LIMITS })) {
      // Nothing after the first part is read for a forged form.
      if (!csrfChecked) {
        if (part.type !== 'field' || part.fieldname !== CSRF_NAME) throw new CsrfError();
        options.checkCsrf(part.value);
        csrfChecked = true;
        continue;
      }
      if (part.type === 'field') {
        if (!options.hasInput(part.fieldname)) {
          throw new BadRequestError(
            `multipart refused (the step has no input "${part.fieldname.slice(0, 64)}")`,
          );
        }
        const value = typeof part.value === 'string' ? part.value : String(part.value);
        textBytes += Buffer.byteLength(part.fieldname) + Buffer.byteLength(value);
        if (textBytes > FORM_BODY_BYTES || part.valueTruncated) {
          throw new PayloadTooLargeError('the text inputs of the multipart body are too large');
        }
        addField(raw, part.fieldname, value);
        continue;
      }
      const field = options.fileField(part.fieldname);
      if (!field) {
        throw new BadRequestError(
          `multipart refused (the step has no file input "${part.fieldname.slice(0, 64)}")`,
        );
      }
      // An empty file input posts a part without a name: nothing was chosen.
      if (part.filename === '') {
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
        if (tooLarge || overTotal) continue; // drained, not kept (bounded by busboy's fileSize)
        size += chunk.length;
        total += chunk.length;
        if (size > limit) tooLarge = true;
        else if (total > MAX_REQUEST_UPLOAD_BYTES) overTotal = true;
        else if (options.keep) chunks.push(chunk);
      }
      if (tooLarge || part.file.truncated) {
        refuse(field, fileMsg.tooLarge(field, name));
        continue;
      }
      if (overTotal) {
        refuse(field, fileMsg.requestTooLarge(MAX_REQUEST_UPLOAD_BYTES));
        continue;
      }
      if (!options.keep) continue;
      const bytes = Buffer.concat(chunks);
      const screened = bytes.length === 0 ? undefined : await options.keep.screen(field.key, bytes);
      if (screened && !screened.ok) {
        refuse(
          field,
          screened.reason === 'infected' ? fileMsg.infected(name) : fileMsg.scannerUnavailable(name),
        );
        continue;
      }
      const checked = await checkContent(field, name, bytes);
      if ('problem' in checked) {
        refuse(field, checked.problem);
        continue;
      }
      if (!screened) continue; // empty: refused by checkContent above
      const outcome = await options.keep.store(field.key, {
        name,
        mediaType: checked.type,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        content: bytes,
        screening: screened.screening,
      });
      if (outcome.ok) added.push(outcome.ref);
      else if (outcome.reason === 'draft-full') refuse(field, fileMsg.draftFull(MAX_DRAFT_FILE_BYTES, name));
      else refuse(field, fileMsg.notAdded(field, name));
    }
  } catch (error) {
    // Too many parts, fields or files, or a broken body: not something our form sends.
    if (isBrokenMultipart(error)) {
      throw new BadRequestError(`multipart refused (${(error as { code?: string }).code ?? 'malformed'})`);
    }
    throw error;
  }
  // An empty body, or one that ended before its first part.
  if (!csrfChecked) throw new CsrfError();
  return { raw, refused, added };
}
