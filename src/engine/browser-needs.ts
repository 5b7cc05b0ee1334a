/**
 * What the browser enhancement of a step page needs (web/client). The server decides with these
 * which pages refer to the definition and load the script at all; the client decides with the
 * same function which fields it checks, so the two cannot drift apart.
 */
import { type Field, isBlockField, type ServiceDefinition, type Step } from '../definition/types.ts';
import { isSearchable } from './fields/search-select.ts';

/**
 * Whether the browser checks the field's own rules as the citizen answers. Not for blocks (nothing
 * to answer), file fields (only the server knows the files uploaded so far) and long lists (their
 * options stay on the server, ADR 0015); the server checks those.
 */
export function checkedInBrowser(field: Field): boolean {
  if (isBlockField(field) || field.type === 'file') return false;
  return !(field.type === 'select' && isSearchable(field));
}

/**
 * Whether the step page needs the definition in the browser: a question on it is checked there
 * (live validation, and the conditions and the fee that read such answers), or the service has a
 * fee, which the page may show as it changes. Other pages refer to no definition.
 */
export function needsDefinition(definition: ServiceDefinition, step: Step): boolean {
  return definition.local.fee !== undefined || step.fields.some(checkedInBrowser);
}

/** Whether the step has a searchable input of a long list (also in a repeating group's items). */
export function hasSuggestions(step: Step): boolean {
  const searchable = (f: Field) => f.type === 'select' && isSearchable(f);
  return step.fields.some((f) => searchable(f) || (f.type === 'group' && f.fields.some(searchable)));
}
