/**
 * Checking a setting's options against its kind's JSON Schema (Ajv), on save and again on every
 * read for use, and turning what a person typed into typed options. Problems name the option and
 * say what is wrong in a closed set of codes; the web layer turns them into German and English.
 */
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { AnySettingKind, SettingOptions } from './contract.ts';

export type SettingProblemCode =
  | 'missing'
  | 'not-integer'
  | 'not-boolean'
  | 'not-text'
  | 'out-of-range'
  | 'too-long'
  | 'too-short'
  | 'unknown-option'
  | 'invalid';

export interface SettingProblem {
  /** The option's name; `''` when the value as a whole is wrong (not an object). */
  option: string;
  code: SettingProblemCode;
  /** Bounds of the option, for messages such as "1 to 90". */
  minimum?: number;
  maximum?: number;
}

export type CheckedOptions<Options> =
  | { ok: true; options: Options }
  | { ok: false; problems: SettingProblem[] };

// `verbose`: errors carry the value they refer to (an empty text is "missing", a short one "too short").
const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true });
/** Compiled once per kind: compiling costs far more than validating. */
const validators = new WeakMap<AnySettingKind, ValidateFunction>();

function validator(kind: AnySettingKind): ValidateFunction {
  let validate = validators.get(kind);
  if (!validate) {
    validate = ajv.compile(kind.schema);
    validators.set(kind, validate);
  }
  return validate;
}

interface OptionSchema {
  type: 'integer' | 'number' | 'boolean' | 'string';
  minimum?: number;
  maximum?: number;
  maxLength?: number;
}

/** The schema of each option (kinds are flat objects, see `contract.ts`). */
export function optionSchemas(kind: AnySettingKind): Record<string, OptionSchema> {
  return (kind.schema as { properties: Record<string, OptionSchema> }).properties;
}

function toProblem(kind: AnySettingKind, error: ErrorObject): SettingProblem | undefined {
  const params = error.params as Record<string, unknown>;
  const fromPath = error.instancePath.split('/')[1] ?? '';
  const option = error.keyword === 'required' ? String(params.missingProperty) : fromPath;
  const schema = optionSchemas(kind)[option];
  const bounds = {
    ...(schema?.minimum !== undefined && { minimum: schema.minimum }),
    ...(schema?.maximum !== undefined && { maximum: schema.maximum }),
  };
  switch (error.keyword) {
    // A condition (`if`/`then`: "an enabled channel needs an address") reports the option that
    // fails it on its own; the condition's own error names no option.
    case 'if':
      return undefined;
    case 'minLength':
      return error.data === ''
        ? { option, code: 'missing' }
        : { option, code: 'too-short', minimum: Number(params.limit) };
    case 'required':
      return { option, code: 'missing' };
    case 'additionalProperties':
      return { option: String(params.additionalProperty), code: 'unknown-option' };
    case 'type':
      if (option === '') return { option, code: 'invalid' };
      if (schema?.type === 'boolean') return { option, code: 'not-boolean' };
      if (schema?.type === 'string') return { option, code: 'not-text' };
      return { option, code: 'not-integer', ...bounds };
    case 'minimum':
    case 'maximum':
      return { option, code: 'out-of-range', ...bounds };
    case 'maxLength':
      return {
        option,
        code: 'too-long',
        ...(schema?.maxLength !== undefined && { maximum: schema.maxLength }),
      };
    default:
      return { option, code: 'invalid' };
  }
}

/** Whether `value` is valid options of `kind`; the problems otherwise, one per option at most. */
export function checkOptions<Options extends SettingOptions>(
  kind: AnySettingKind,
  value: unknown,
): CheckedOptions<Options> {
  const validate = validator(kind);
  if (validate(value)) return { ok: true, options: value as Options };
  const problems: SettingProblem[] = [];
  for (const error of validate.errors ?? []) {
    const problem = toProblem(kind, error);
    if (problem && !problems.some((p) => p.option === problem.option)) problems.push(problem);
  }
  return { ok: false, problems };
}

/** A whole number as people type it (`30`, ` 30 `); anything else stays text, for Ajv to refuse. */
const INTEGER = /^[+-]?\d{1,15}$/;

/**
 * The options as a person typed them into a form: texts, and a checkbox sent or not. Whole numbers
 * become numbers, an empty number field is left out (Ajv reports it missing), an empty text is `''`, a checkbox not sent is
 * `false`. Secret options are left out: the caller decides whether a typed secret replaces the
 * stored one. Unknown names are ignored, so only the kind's own options can ever be set.
 */
export function optionsFromText(
  kind: AnySettingKind,
  texts: Readonly<Record<string, string | undefined>>,
): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(optionSchemas(kind))) {
    if (kind.secrets.includes(name)) continue;
    const text = texts[name];
    if (schema.type === 'boolean') {
      options[name] = text !== undefined && text !== '';
      continue;
    }
    const trimmed = text?.trim() ?? '';
    // An empty text is a value (a channel switched off keeps no address); the schema says whether
    // it may be empty. An empty number field is left out, for Ajv to report it missing.
    if (trimmed === '' && schema.type === 'string') options[name] = '';
    if (trimmed === '') continue;
    options[name] = schema.type === 'string' || !INTEGER.test(trimmed) ? trimmed : Number(trimmed);
  }
  return options;
}
