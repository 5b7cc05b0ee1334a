/**
 * Reading a package's structure (ADR 0051): the JSON Schema of the format, with the format and its
 * version checked first so that a file of another kind or a newer format gets one clear reason
 * instead of a list of schema errors. The content hash and the definition are checked by the
 * caller (core/service-package.ts): hashing needs a crypto library, and the definition check is
 * the one every upload passes.
 */
import type { ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { ajvErrorsToProblems } from '../ajv-problems.ts';
import type { DefinitionProblem } from '../problems.ts';
import {
  PACKAGE_FORMAT,
  PACKAGE_FORMAT_VERSION,
  type ServicePackage,
  servicePackageSchema,
} from './format.ts';

export type PackageStructure =
  | { ok: true; pkg: ServicePackage }
  /** `not-a-package`: no `format` naming this format; `format-version`: another version. */
  | { ok: false; reason: 'not-a-package' | 'format-version'; problems: DefinitionProblem[] }
  | { ok: false; reason: 'schema'; problems: DefinitionProblem[] };

let validator: ValidateFunction | undefined;

function validate(): ValidateFunction {
  if (!validator) {
    validator = new Ajv2020({ allErrors: true, verbose: true, strict: true }).compile(servicePackageSchema);
  }
  return validator;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks the (parsed, untrusted) document against the package format. Does not change it. */
export function packageStructure(input: unknown): PackageStructure {
  if (!isObject(input) || input.format !== PACKAGE_FORMAT) {
    return {
      ok: false,
      reason: 'not-a-package',
      problems: [
        { path: '/format', message: `is not '${PACKAGE_FORMAT}': this file is not a service package` },
      ],
    };
  }
  if (input.formatVersion !== PACKAGE_FORMAT_VERSION) {
    return {
      ok: false,
      reason: 'format-version',
      problems: [
        {
          path: '/formatVersion',
          message: `is ${JSON.stringify(input.formatVersion)}; this installation reads format version ${PACKAGE_FORMAT_VERSION}`,
        },
      ],
    };
  }
  const check = validate();
  if (!check(input))
    return { ok: false, reason: 'schema', problems: ajvErrorsToProblems(check.errors ?? []) };
  return { ok: true, pkg: input as unknown as ServicePackage };
}
