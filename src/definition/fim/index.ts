/** FIM XDatenfelder import: public surface. */
export { type FimError, type FimErrorCode, FimImportError } from './errors.ts';
export { type CodeList, codeListOptions, parseGenericode } from './genericode.ts';
export { type FimImportOptions, type FimImportResult, importFim } from './import.ts';
export type { FimWarning } from './map.ts';
