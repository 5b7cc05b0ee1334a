/**
 * Resolving a definition's code list references at publish time. A field with `codeList` gets the
 * list's entries as its `options` and the list's version pinned in `codeList.version`: the
 * published version carries its own snapshot, so a later change of the list in the directory
 * changes no published version and no stored submission's labels. A reference that cannot be
 * resolved refuses the publication, with the place and the reason.
 */
import { type CodeList, codeListOptions, FimImportError } from '../definition/fim/index.ts';
import type { DefinitionProblem } from '../definition/problems.ts';
import { AGS_LIST_URI, withMunicipalityDetails } from './municipality-details.ts';

/** Where code lists come from (adapters/codelists: a directory of `.gc.xml` files). */
export interface CodeListSource {
  /**
   * The list with this canonical URI: of exactly this version (genericode `Version`, or the
   * version URI), or, without a version, the newest there is. Undefined when there is none.
   */
  find(uri: string, version?: string): Promise<CodeList | undefined>;
  /** What is available, for the message when a reference does not resolve. */
  describe(): string;
  /** Every list there is (e.g. for a FIM import, which matches references itself). */
  all(): CodeList[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether any of these (unchecked) fields, or of the item fields of a group among them, has a `codeList`. */
function anyCodeList(fields: unknown): boolean {
  return (
    Array.isArray(fields) &&
    fields.some((f) => isObject(f) && ('codeList' in f || (f.type === 'group' && anyCodeList(f.fields))))
  );
}

/** True when any field of the (unchecked) document has a `codeList`, item fields of groups included. */
export function hasCodeListReferences(input: unknown): boolean {
  if (!isObject(input) || !Array.isArray(input.steps)) return false;
  return input.steps.some((step) => isObject(step) && anyCodeList(step.fields));
}

export type ResolveOutcome = { ok: true; definition: unknown } | { ok: false; problems: DefinitionProblem[] };

/**
 * Works on the unchecked document (before `parseDefinition`, which then checks the result as a
 * whole); anything not shaped like a reference is left for the parser to report. Returns a copy.
 */
export async function resolveCodeLists(
  input: unknown,
  source: CodeListSource | undefined,
): Promise<ResolveOutcome> {
  if (!hasCodeListReferences(input) || !isObject(input) || !Array.isArray(input.steps))
    return { ok: true, definition: input };
  const problems: DefinitionProblem[] = [];
  const resolveFields = (fields: unknown[], path: string): Promise<unknown[]> =>
    Promise.all(
      fields.map(async (field, f) => {
        // A repeating group's item fields may name code lists too.
        if (isObject(field) && field.type === 'group' && Array.isArray(field.fields))
          return { ...field, fields: await resolveFields(field.fields, `${path}/${f}/fields`) };
        if (!isObject(field) || !isObject(field.codeList)) return field;
        const ref = field.codeList;
        const at = `${path}/${f}/codeList`;
        if (typeof ref.uri !== 'string') return field; // the schema names what is wrong
        const version = typeof ref.version === 'string' ? ref.version : undefined;
        const named = `code list '${ref.uri}'${version ? ` version '${version}'` : ''}`;
        if (!source) {
          problems.push({
            path: at,
            message: `${named} cannot be resolved: no code list directory is configured`,
          });
          return field;
        }
        const list = await source.find(ref.uri, version);
        if (!list) {
          problems.push({
            path: at,
            message: `${named} is not in the code list directory (${source.describe()}); add its genericode file (.gc.xml) there`,
          });
          return field;
        }
        let options: ReturnType<typeof codeListOptions>;
        try {
          options = codeListOptions(
            list,
            typeof ref.codeColumn === 'string' ? ref.codeColumn : undefined,
            typeof ref.labelColumn === 'string' ? ref.labelColumn : undefined,
          );
        } catch (error) {
          if (!(error instanceof FimImportError)) throw error;
          const column =
            typeof ref.codeColumn === 'string' && !list.columns.includes(ref.codeColumn)
              ? 'codeColumn'
              : 'labelColumn';
          problems.push({ path: `${at}/${column}`, message: error.message });
          return field;
        }
        if (options.length === 0) {
          problems.push({ path: at, message: `${named} has no entries with a code` });
          return field;
        }
        const tooLong = options.find((o) => o.value.length > 100);
        if (tooLong) {
          problems.push({
            path: at,
            message: `${named} has a code longer than 100 characters ('${tooLong.value.slice(0, 40)}…')`,
          });
          return field;
        }
        // The list of all municipalities: each with its Kreis and Land, as many names repeat.
        if (ref.uri === AGS_LIST_URI && ref.codeColumn === undefined)
          options = await withMunicipalityDetails(options, (uri) => source.find(uri));
        // The snapshot: entries as options, the version they come from pinned in the reference.
        return {
          ...field,
          codeList: { ...ref, ...(list.version !== undefined && { version: list.version }) },
          options,
        };
      }),
    );
  const steps = await Promise.all(
    input.steps.map(async (step, s) =>
      isObject(step) && Array.isArray(step.fields)
        ? { ...step, fields: await resolveFields(step.fields, `/steps/${s}/fields`) }
        : step,
    ),
  );
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, definition: { ...input, steps } };
}
