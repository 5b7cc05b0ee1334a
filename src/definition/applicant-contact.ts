/**
 * The applicant's contact e-mail (ADR 0041): one `email` field a definition may mark with
 * `applicantContact`. When the applicant answered it, the submit writes a confirmation to the
 * outbox, and the worker sends it with the sealed receipt to the address answered. At most one
 * field, and never one inside a repeating group, where an item's address would not be the
 * applicant's.
 */
import { type DefinitionProblem, pointer } from './problems.ts';
import type { ServiceDefinition } from './types.ts';

/** The key of the field marked as the applicant's contact e-mail, if the definition has one. */
export function applicantContactKey(definition: ServiceDefinition): string | undefined {
  for (const step of definition.steps) {
    for (const field of step.fields) {
      if (field.type === 'email' && field.applicantContact === true) return field.key;
    }
  }
  return undefined;
}

/** Publish checks: one marked field at most, and none in a repeating group. */
export function checkApplicantContact(definition: ServiceDefinition, problems: DefinitionProblem[]): void {
  let first: string | undefined;
  definition.steps.forEach((step, s) => {
    step.fields.forEach((field, f) => {
      const fieldPath = pointer(pointer(pointer('/steps', s), 'fields'), f);
      if (field.type === 'email' && field.applicantContact === true) {
        if (first === undefined) first = fieldPath;
        else {
          problems.push({
            path: pointer(fieldPath, 'applicantContact'),
            message: `only one field can be the applicant's contact e-mail; the first is at ${first}`,
          });
        }
      }
      if (field.type !== 'group') return;
      field.fields.forEach((child, c) => {
        if (child.type === 'email' && child.applicantContact === true) {
          problems.push({
            path: pointer(pointer(pointer(fieldPath, 'fields'), c), 'applicantContact'),
            message: `a field of repeating group '${field.key}' cannot be the applicant's contact e-mail: each item would have its own address; mark a field outside the group`,
          });
        }
      });
    });
  });
}
