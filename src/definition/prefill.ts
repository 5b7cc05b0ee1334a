/**
 * Prefill from the citizen's identity (ADR 0049): a field may name the attribute of the logged-in
 * citizen's identity that fills it (`prefill.from`), and whether the citizen may change the value
 * (`prefill.editable`, default true). The attributes are the ones the identity model maps from a
 * provider's claims (ADR 0036); `address` is the postal address as a whole, for an `address`
 * field (its street, house number, postcode and town).
 *
 * Which attribute fits which field type is decided here, once, so publishing refuses a mapping
 * that could never fill its field (a birth date into an e-mail field).
 */

import { PREFILL_SOURCES, type Prefill, type PrefillSource } from './prefill-source.ts';
import { type DefinitionProblem, pointer } from './problems.ts';
import type { Field, FieldType, ServiceDefinition, Step } from './types.ts';

export { PREFILL_SOURCES, type Prefill, type PrefillSource };

/** The field types that can be prefilled, and the attributes each accepts. */
export const PREFILL_TARGETS: Readonly<Partial<Record<FieldType, readonly PrefillSource[]>>> = {
  text: ['givenName', 'familyName', 'organization', 'street', 'postcode', 'city', 'email'],
  email: ['email'],
  date: ['birthDate'],
  postcode: ['postcode'],
  address: ['address'],
};

/** The JSON Schema of `prefill` (`$defs/prefill`). */
export const prefillSchema = {
  type: 'object',
  description:
    "Fill the field from the logged-in citizen's identity (ADR 0049): the identity attribute, and whether the citizen may change the value (default true).",
  required: ['from'],
  properties: {
    from: { enum: [...PREFILL_SOURCES] },
    editable: { type: 'boolean' },
  },
  additionalProperties: false,
};

/** A field's prefill, read from a field of any type. */
export function prefillOf(field: Field): Prefill | undefined {
  return (field as { prefill?: Prefill }).prefill;
}

export function isEditable(prefill: Prefill): boolean {
  return prefill.editable !== false;
}

/** The step's fields that are prefilled (top level: a repeating group's items are never prefilled). */
export function prefilledFields(step: Step): { field: Field; prefill: Prefill }[] {
  return step.fields.flatMap((field) => {
    const prefill = prefillOf(field);
    return prefill ? [{ field, prefill }] : [];
  });
}

/** Whether any field of the definition is prefilled (a service without prefill reads no identity). */
export function hasPrefill(definition: ServiceDefinition): boolean {
  return definition.steps.some((step) => step.fields.some((field) => prefillOf(field) !== undefined));
}

/** Publishing's check: each prefill names an attribute its field type can show, and no item field has one. */
export function checkPrefill(definition: ServiceDefinition, problems: DefinitionProblem[]): void {
  definition.steps.forEach((step, s) => {
    step.fields.forEach((field, f) => {
      const path = pointer(pointer(pointer('/steps', s), 'fields'), f);
      const prefill = prefillOf(field);
      if (prefill) {
        const accepted = PREFILL_TARGETS[field.type];
        if (!accepted) {
          problems.push({
            path: pointer(path, 'prefill'),
            message: `field '${field.key}' of type '${field.type}' cannot be prefilled; only ${Object.keys(PREFILL_TARGETS).join(', ')} fields can`,
          });
        } else if (!accepted.includes(prefill.from)) {
          problems.push({
            path: pointer(pointer(path, 'prefill'), 'from'),
            message: `field '${field.key}' of type '${field.type}' cannot be prefilled from '${prefill.from}'; it accepts ${accepted.join(', ')}`,
          });
        }
      }
      if (field.type !== 'group') return;
      field.fields.forEach((child, c) => {
        if (prefillOf(child) === undefined) return;
        problems.push({
          path: pointer(pointer(pointer(path, 'fields'), c), 'prefill'),
          message: `field '${child.key}' is in an item of repeating group '${field.key}' and cannot be prefilled (an identity fills one answer, not one per item)`,
        });
      });
    });
  });
}
