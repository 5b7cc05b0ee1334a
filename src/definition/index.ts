/** Public surface of the definition layer. */

export { easyField, easyLanguageCoverage, easyText, inEasyLanguage } from './easy-language.ts';
export { FIELD_TYPES } from './field-types/table.ts';
export { JSON_LOGIC_OPERATORS } from './jsonlogic-operators.ts';
export { type ParseResult, parseDefinition } from './parse.ts';
export type { DefinitionProblem } from './problems.ts';
export { serviceDefinitionSchema } from './schema.ts';
export * from './types.ts';
