import { AmtswegError } from '../../lib/errors.ts';
import type { FimText } from './notes.ts';

/**
 * Refusal codes of the FIM import. A refusal means nothing was imported; the caller shows the
 * code and the one-line message. Stable codes let the admin UI and tests react without parsing text.
 */
export type FimErrorCode =
  | 'FIM_MALFORMED_XML'
  | 'FIM_DOCTYPE_REFUSED'
  | 'FIM_TOO_DEEP'
  | 'FIM_WRONG_NAMESPACE'
  | 'FIM_UNSUPPORTED_VERSION'
  | 'FIM_UNSUPPORTED_MESSAGE'
  | 'FIM_DUPLICATE_ID'
  | 'FIM_MISSING_ELEMENT'
  | 'FIM_EMPTY_SCHEMA'
  | 'FIM_INVALID_RESULT'
  | 'FIM_INVALID_CODELIST';

export interface FimError {
  code: FimErrorCode;
  /** English, as in logs and on the command line. */
  message: string;
  /** The same in German, for the designer area (German first, like the rest of it). */
  de: string;
}

/**
 * Thrown inside the importer only; `importFim` turns it into a returned `{ ok: false }`. The
 * reason is given in German and English; `message` is the English one.
 */
export class FimImportError extends AmtswegError<FimErrorCode> {
  readonly de: string;
  constructor(code: FimErrorCode, text: FimText) {
    super(code, text.en);
    this.de = text.de;
  }
}
