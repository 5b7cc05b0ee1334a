import { MAX_FILE_BYTES, MAX_FILES_PER_FIELD } from '../definition/types.ts';

/**
 * How much a client may send in one request body (ADR 0027). Form posts are small: the text of a
 * step, however it is encoded (urlencoded or multipart), is bounded by `FORM_BODY_BYTES`; files
 * come on top, bounded per file by their field and per request by `MAX_REQUEST_UPLOAD_BYTES`.
 */

/** The text of one form post, urlencoded or multipart (files aside). */
export const FORM_BODY_BYTES = 256 * 1024;

/** What one request may upload in total; more is refused politely (upload the files one by one). */
export const MAX_REQUEST_UPLOAD_BYTES = 25 * 1024 * 1024;

/** Room for the headers of the parts and the boundaries of a multipart body. */
const MULTIPART_FRAMING_BYTES = 64 * 1024;

/**
 * The largest multipart body a step reads at all: the text, and as many files as a post may carry
 * at their largest (files beyond `MAX_REQUEST_UPLOAD_BYTES` are read only to say so politely at
 * their field). Announced larger, a body is refused unread.
 */
export const MAX_MULTIPART_STEP_BYTES =
  FORM_BODY_BYTES + MAX_FILES_PER_FIELD * (MAX_FILE_BYTES + 1) + MULTIPART_FRAMING_BYTES;
