/** `file`: documents the applicant uploads; the answer is the list of stored files (ADR 0018). */
import { FILE_MEDIA_TYPES, type FileField, MAX_FILE_BYTES, MAX_FILES_PER_FIELD } from '../types.ts';
import { type FieldTypeFacts, hintOnly, nothingToCheck } from './facts.ts';
import { fieldSchema } from './schema-parts.ts';

export const fileFacts: FieldTypeFacts<FileField> = {
  schema: fieldSchema({
    accept: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: FILE_MEDIA_TYPES } },
    maxSizeBytes: { type: 'integer', minimum: 1, maximum: MAX_FILE_BYTES },
    maxFiles: { type: 'integer', minimum: 1, maximum: MAX_FILES_PER_FIELD },
  }),
  operand: {
    value: () => ({ type: 'array', nonNegative: true }),
    mismatch: () => undefined,
  },
  inGroupItem: {
    refused: (field, group) =>
      `a file field cannot be part of repeating group '${group.key}': uploads are stored per field, not per item; put '${field.key}' on a step outside the group (with maxFiles for several documents)`,
  },
  check: nothingToCheck,
  easyTexts: hintOnly,
};
