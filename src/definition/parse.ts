/**
 * `parseDefinition`: the only way from untrusted JSON to a `ServiceDefinition`.
 *
 * First the structure is validated with the JSON Schema (all errors at once), then the semantic
 * checks run. Semantic checks only run on structurally valid documents, because they rely on the
 * shapes the schema guarantees; the builder shows structural problems first anyway.
 * The result is a deep-frozen copy: published definitions are immutable, and freezing makes an
 * accidental mutation fail loudly instead of changing a shared compiled model.
 */

import type { ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { ajvErrorsToProblems } from './ajv-problems.ts';
import { tooDeep } from './document-depth.ts';
import { migrateFormat } from './format-migration.ts';
import type { DefinitionProblem } from './problems.ts';
import { serviceDefinitionSchema } from './schema.ts';
import { checkSemantics } from './semantic.ts';
import type { ServiceDefinition } from './types.ts';
import { fillUids } from './uid.ts';

export type { DefinitionProblem } from './problems.ts';

export type ParseResult =
  | { ok: true; definition: ServiceDefinition }
  | { ok: false; problems: DefinitionProblem[] };

let validator: ValidateFunction | undefined;

/** Compiled on first use and kept: compiling the schema costs far more than validating. */
function validate(): ValidateFunction {
  if (!validator) {
    // verbose: gives `parentSchema`, used to list the allowed properties in messages.
    const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true });
    validator = ajv.compile(serviceDefinitionSchema);
  }
  return validator;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

export interface ParseOptions {
  /**
   * The caller hands over an object it built itself and will not use again (e.g. the FIM
   * importer's output): it is checked and frozen in place instead of copied first. The copy costs
   * about as much as all the checks on a large definition.
   */
  adopt?: boolean;
}

/**
 * Only the structural part of the check: depth and the JSON Schema (after reading an older format
 * version as the current one). What passes has the shapes every consumer relies on, e.g. the
 * visual editor, which saves a document with semantic problems but never one without its shape.
 */
export function schemaProblems(input: unknown): DefinitionProblem[] {
  const deep = tooDeep(input);
  if (deep) return [deep];
  const check = validate();
  return check(migrateFormat(input)) ? [] : ajvErrorsToProblems(check.errors ?? []);
}

export function parseDefinition(input: unknown, options: ParseOptions = {}): ParseResult {
  // First, as everything after it recurses into the document.
  const deep = tooDeep(input);
  if (deep) return { ok: false, problems: [deep] };
  const check = validate();
  // A document of an older format version is read as the current one (ADR 0023). The migration
  // builds a new top-level object and leaves the caller's untouched.
  const current = migrateFormat(input);
  if (!check(current)) {
    return { ok: false, problems: ajvErrorsToProblems(check.errors ?? []) };
  }
  // The copy detaches the result from the caller's object; `$schema` is only editor help.
  const { $schema: _editorHint, ...rest } = (
    options.adopt ? current : structuredClone(current)
  ) as ServiceDefinition & {
    $schema?: string;
  };
  const definition = rest as ServiceDefinition;
  // Steps and fields without a uid get their derived one before the checks, which refuse duplicates.
  fillUids(definition);
  const problems = checkSemantics(definition);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, definition: deepFreeze(definition) };
}
