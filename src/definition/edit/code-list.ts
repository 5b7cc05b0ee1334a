/**
 * A choice field's code list as the visual editor sets it (ADR 0015, ADR 0046 amendment): the
 * reference to one of the installation's lists, with the list's entries as the field's options, so
 * the draft is complete and can be previewed at once; handing over resolves the reference again
 * (the newest version then). Removing the reference keeps the entries as the field's own options:
 * nothing the designer saw is lost. Pure.
 */
import type { CodeListReference, Option, ServiceDefinition } from '../types.ts';
import { editable, fieldAt, fieldPlace } from './operations.ts';

/** The field types that take a code list. */
export const CODE_LIST_TYPES = ['select', 'radio', 'checkbox'] as const;

export type CodeListChange =
  | { kind: 'set'; reference: CodeListReference; options: Option[] }
  | { kind: 'remove' };

/**
 * The definition with the field's code list set or removed; undefined when the field is gone or
 * takes no code list (a stale or foreign form).
 */
export function setCodeList(
  definition: ServiceDefinition,
  uid: string,
  change: CodeListChange,
): ServiceDefinition | undefined {
  const next = editable(definition);
  const place = fieldPlace(next, uid);
  if (!place) return undefined;
  const field = fieldAt(next, place);
  if (!(CODE_LIST_TYPES as readonly string[]).includes(field.type)) return undefined;
  const choice = field as Extract<typeof field, { type: (typeof CODE_LIST_TYPES)[number] }>;
  if (change.kind === 'remove') delete choice.codeList;
  else {
    choice.codeList = change.reference;
    choice.options = change.options;
  }
  return next;
}
