/**
 * `file`: documents the applicant uploads. The answer is a list of references to stored files
 * (`file-refs.ts`); the web layer receives the bytes, recognises their type, stores them encrypted
 * and hands the engine the references as posted input (one JSON text per file under the field's
 * key, always taken from the server's records, never from the browser). The engine checks count,
 * size and type against the field, and renders the input with the list of files already uploaded,
 * each with a "Datei entfernen" button that works without JavaScript.
 */
import { type FileField, type Locale, localize } from '../../definition/types.ts';
import { attr, html, type SafeHtml } from '../../lib/html.ts';
import { phrases, text } from '../texts.ts';
import type { FieldTypeHandler } from './contract.ts';
import { fileMsg } from './file-messages.ts';
import {
  type FileRef,
  fileLimits,
  formatBytes,
  isFileRef,
  isFileRefList,
  MAX_FILE_NAME,
  MEDIA_TYPE_EXTENSIONS,
  SHA256_PATTERN,
  typeList,
  UUID_PATTERN,
} from './file-refs.ts';
import { keepRaw, rawList } from './raw.ts';
import { describedBy, errorHtml, fieldIds, INVALID_ATTR, labelText } from './view-parts.ts';

/** The submit button that removes one uploaded file; its value is the file's id. */
export const REMOVE_FILE_NAME = '_aw_file_remove';
/** The submit button that uploads the chosen files and stays on the step; its value is the field key. */
export const UPLOAD_FILE_NAME = '_aw_file_upload';

/** The references as the web layer posts them: one JSON text per stored file. */
export function refsToRaw(refs: readonly FileRef[]): string[] {
  return refs.map((ref) => JSON.stringify(ref));
}

function refsFromRaw(values: readonly string[]): FileRef[] {
  const refs: FileRef[] = [];
  for (const value of values) {
    try {
      const parsed: unknown = JSON.parse(value);
      if (isFileRef(parsed)) refs.push(parsed);
    } catch {
      // Not something the server posts; ignored like any other unknown input.
    }
  }
  return refs;
}

function limitsText(field: FileField, locale: Locale): string {
  const { accept, maxSizeBytes, maxFiles } = fileLimits(field);
  const types = { de: typeList(accept, 'de', 'or'), en: typeList(accept, 'en', 'or') };
  const size = { de: formatBytes(maxSizeBytes, 'de'), en: formatBytes(maxSizeBytes, 'en') };
  return phrases.fileLimits(types, size, maxFiles)[locale];
}

function fileList(field: FileField, refs: readonly FileRef[], locale: Locale): SafeHtml {
  if (refs.length === 0) return html``;
  const heading = text(locale, 'file.uploaded');
  const remove = text(locale, 'file.remove');
  const listId = `field-${field.key}-files`;
  return html`<div class="aw-file-list"><p class="kern-label" id="${listId}">${heading}</p><ul class="kern-list" aria-labelledby="${listId}">${refs.map(
    (ref) =>
      html`<li class="aw-file"><span class="kern-body">${ref.name} (${formatBytes(ref.size, locale)})</span> <button type="submit" class="kern-btn kern-btn--tertiary kern-btn--small" name="${REMOVE_FILE_NAME}" value="${ref.id}"><span class="kern-label">${remove}<span class="kern-sr-only"> „${ref.name}“</span></span></button></li>`,
  )}</ul></div>`;
}

export const fileField: FieldTypeHandler<FileField, FileRef[]> = {
  type: 'file',
  parse(field, raw) {
    const refs = refsFromRaw(rawList(raw, field.key));
    return { value: refs.length > 0 ? refs : undefined, rawKept: keepRaw(raw, [field.key]) };
  },
  validate(field, value) {
    if (value === undefined || (Array.isArray(value) && value.length === 0))
      return field.required ? fileMsg.missing() : null;
    if (!isFileRefList(value)) return fileMsg.invalidStored();
    const { accept, maxSizeBytes, maxFiles } = fileLimits(field);
    if (value.length > maxFiles) return fileMsg.tooMany(field);
    for (const ref of value) {
      if (!accept.includes(ref.mediaType)) return fileMsg.wrongType(field, ref.name);
      if (ref.size > maxSizeBytes) return fileMsg.tooLarge(field, ref.name);
    }
    if (new Set(value.map((r) => r.id)).size !== value.length) return fileMsg.invalidStored();
    return null;
  },
  isEmpty: (value) => value === undefined || (Array.isArray(value) && value.length === 0),
  /** "Fahrzeugschein.pdf (1,2 MB), Rückseite.jpg (340 KB)". */
  format(_field, value, locale) {
    if (!isFileRefList(value)) return String(value);
    return value.map((ref) => `${ref.name} (${formatBytes(ref.size, locale)})`).join(', ');
  },
  dataSchema(field) {
    const { accept, maxSizeBytes, maxFiles } = fileLimits(field);
    return {
      type: 'array',
      minItems: 1,
      maxItems: maxFiles,
      items: {
        type: 'object',
        required: ['id', 'name', 'mediaType', 'size', 'sha256'],
        properties: {
          id: { type: 'string', pattern: UUID_PATTERN },
          name: { type: 'string', minLength: 1, maxLength: MAX_FILE_NAME },
          mediaType: { type: 'string', enum: [...accept] },
          size: { type: 'integer', minimum: 1, maximum: maxSizeBytes },
          sha256: { type: 'string', pattern: SHA256_PATTERN },
        },
        additionalProperties: false,
      },
    };
  },
  view(input) {
    const { field, locale } = input;
    const ids = fieldIds(field.key);
    const invalid = input.error !== undefined;
    const refs = input.raw
      ? refsFromRaw(rawList(input.raw, field.key))
      : isFileRefList(input.value)
        ? input.value
        : [];
    const { accept, maxFiles } = fileLimits(field);
    // The picker offers the allowed endings and types; the server still checks the content.
    const acceptAttr = accept.flatMap((t) => [t, ...MEDIA_TYPE_EXTENSIONS[t]]).join(',');
    // The limits are always said (as a hint), so the hint element exists even without `hint`.
    const withHint = { ...field, hint: field.hint ?? { de: '', en: '' } };
    const described = describedBy(withHint, input.error, ids);
    const hint = field.hint ? `${localize(field.hint, locale)} ` : '';
    return html`<div class="kern-form-input${invalid ? ' kern-form-input--error' : ''}"><label class="kern-label" for="${ids.input}">${labelText(field, locale)}</label><div class="kern-hint" id="${ids.hint}">${hint}${limitsText(field, locale)}</div>${fileList(field, refs, locale)}<input class="kern-form-input__input" type="file" id="${ids.input}" name="${field.key}" accept="${acceptAttr}"${maxFiles - refs.length > 1 ? html` multiple` : ''}${attr('aria-describedby', described)}${invalid ? INVALID_ATTR : ''}>${errorHtml(input.error, locale, ids.error)}<div class="aw-file-upload"><button type="submit" class="kern-btn kern-btn--secondary" name="${UPLOAD_FILE_NAME}" value="${field.key}"><span class="kern-label">${text(locale, 'file.upload')}</span></button></div></div>`;
  },
};
