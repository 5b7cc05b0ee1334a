/** Publish-time checks shared by the choice types (`select`, `radio`, `checkbox`). */
import { LONG_LIST_THRESHOLD } from '../long-list.ts';
import { type DefinitionProblem, pointer } from '../problems.ts';
import type { CheckboxField, RadioField, SelectField } from '../types.ts';

/**
 * Refuses an unresolved code list, a long list where the type cannot show one, and duplicate
 * option values. Returns false when there are no options to check further.
 */
export function checkOptions(
  field: SelectField | RadioField | CheckboxField,
  path: string,
  problems: DefinitionProblem[],
  longListAllowed: boolean,
): boolean {
  if (field.options === undefined) {
    // Only a code list reference: publishing resolves it (core/publishing.ts) before parsing.
    problems.push(
      field.codeList
        ? {
            path: pointer(path, 'codeList'),
            message: `code list '${field.codeList.uri}' is not resolved: publishing takes its entries from the code list directory`,
          }
        : { path, message: "must have required property 'options' (or a 'codeList')" },
    );
    return false;
  }
  if (!longListAllowed && field.options.length > LONG_LIST_THRESHOLD) {
    problems.push({
      path: pointer(path, field.codeList ? 'codeList' : 'options'),
      message: `a ${field.type} field may have at most ${LONG_LIST_THRESHOLD} options, this one has ${field.options.length}; use a select field, which shows a long list as a searchable input`,
    });
  }
  const first = new Map<string, number>();
  field.options.forEach((option, i) => {
    const earlier = first.get(option.value);
    if (earlier === undefined) first.set(option.value, i);
    else
      problems.push({
        path: pointer(pointer(pointer(path, 'options'), i), 'value'),
        message: `duplicate option value '${option.value}' (first used at ${pointer(pointer(path, 'options'), earlier)})`,
      });
  });
  return true;
}
