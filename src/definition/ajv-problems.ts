/**
 * Turns Ajv's errors into readable `DefinitionProblem`s.
 *
 * Ajv reports where the *parent* is for `required` and `additionalProperties`; people fixing a
 * definition want the path of the missing or unknown property itself, so we move it there. Errors
 * that only echo another error (the `if` keyword of the field union) are dropped, and duplicates
 * (the same path and message reached through several schema branches) are merged.
 */
import type { ErrorObject } from 'ajv';
import { FIELD_TYPES, fieldTypeFacts, ITEM_FIELD_TYPES, isFieldType } from './field-types/table.ts';
import { type DefinitionProblem, pointer } from './problems.ts';
import { LEIKA_PATTERN, serviceDefinitionSchema } from './schema.ts';

// Identity, not schemaPath: Ajv reports schema paths relative to the referenced sub-schema.
const FIELD_TYPE_SCHEMA = serviceDefinitionSchema.$defs.field.properties.type;
const ITEM_FIELD_TYPE_SCHEMA = serviceDefinitionSchema.$defs.itemField.properties.type;
const PLAIN_TEXT_SCHEMA = serviceDefinitionSchema.$defs.localizedText;
const LS_NOT_ALLOWED =
  "a Leichte-Sprache text ('ls') is not allowed here; only in the summary, the start page texts, step descriptions, hints and info or warning blocks";

function list(values: readonly unknown[]): string {
  return values.map((v) => String(v)).join(', ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function toProblem(error: ErrorObject): DefinitionProblem | undefined {
  const path = error.instancePath;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'if':
      // Always accompanied by the errors of the `then` branch, which say what is actually wrong.
      return undefined;
    case 'required':
      return {
        path: pointer(path, String(params.missingProperty)),
        message: `missing required property '${String(params.missingProperty)}'`,
      };
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      if (name === 'ls' && error.parentSchema === PLAIN_TEXT_SCHEMA) {
        // The likely mistake: a Leichte-Sprache text where the format has none (ADR 0019).
        return { path: pointer(path, name), message: LS_NOT_ALLOWED };
      }
      const parent = error.parentSchema as { properties?: Record<string, unknown> } | undefined;
      const allowed = parent?.properties ? Object.keys(parent.properties).filter((k) => k !== '$schema') : [];
      return {
        path: pointer(path, name),
        message: `unknown property '${name}'${allowed.length > 0 ? `; allowed: ${allowed.join(', ')}` : ''}`,
      };
    }
    case 'enum':
      if (error.parentSchema === FIELD_TYPE_SCHEMA) {
        return {
          path,
          message: `unknown field type '${String(error.data)}'; expected one of ${list(FIELD_TYPES)}`,
        };
      }
      if (error.parentSchema === ITEM_FIELD_TYPE_SCHEMA) {
        const type = String(error.data);
        // A known type the schema leaves out of items says why (see `GroupItemRule`).
        const rule = isFieldType(type) ? fieldTypeFacts[type].inGroupItem : 'allowed';
        return {
          path,
          message:
            typeof rule === 'object' && 'notInSchema' in rule
              ? rule.notInSchema
              : `unknown field type '${type}'; expected one of ${list(ITEM_FIELD_TYPES)}`,
        };
      }
      return { path, message: `must be one of ${list(params.allowedValues as unknown[])}` };
    case 'const':
      return { path, message: `must be ${JSON.stringify(params.allowedValue)}` };
    case 'type':
      return { path, message: `must be ${String(params.type)}` };
    case 'pattern':
      if (params.pattern === LEIKA_PATTERN) {
        return { path, message: `must be a LeiKa key of exactly 14 digits (pattern ${LEIKA_PATTERN})` };
      }
      return { path, message: `must match pattern ${String(params.pattern)}` };
    case 'minLength': {
      const limit = Number(params.limit);
      return {
        path,
        message: limit === 1 ? 'must not be empty' : `must be at least ${plural(limit, 'character')}`,
      };
    }
    case 'maxLength':
      return { path, message: `must be at most ${plural(Number(params.limit), 'character')}` };
    case 'minItems':
      return { path, message: `must have at least ${plural(Number(params.limit), 'item')}` };
    case 'minimum':
      return { path, message: `must be >= ${String(params.limit)}` };
    default:
      return { path, message: error.message ?? `fails ${error.keyword}` };
  }
}

export function ajvErrorsToProblems(errors: readonly ErrorObject[]): DefinitionProblem[] {
  const seen = new Set<string>();
  const problems: DefinitionProblem[] = [];
  for (const error of errors) {
    const problem = toProblem(error);
    if (!problem) continue;
    const id = `${problem.path}\u0000${problem.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    problems.push(problem);
  }
  return problems;
}
