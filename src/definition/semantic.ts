/**
 * Checks the JSON Schema cannot express: uniqueness across the document, rules that read answers
 * which do not exist yet, contradictory limits and regular expressions that do not compile.
 * Runs only on documents that passed the schema, so the shapes here are trusted.
 */
import { isValidIsoDate } from './iso-date.ts';
import { LONG_LIST_THRESHOLD } from './long-list.ts';
import { type DefinitionProblem, pointer } from './problems.ts';
import { checkLogic, type ItemKeyInfo, type KeyInfo } from './semantic-logic.ts';
import { type Field, type GroupField, isBlockField, type ServiceDefinition } from './types.ts';

function checkLimits(
  problems: DefinitionProblem[],
  path: string,
  low: number | string | undefined,
  high: number | string | undefined,
  lowName: string,
  highName: string,
): void {
  if (low !== undefined && high !== undefined && low > high) {
    problems.push({
      path: pointer(path, lowName),
      message: `${lowName} (${String(low)}) must not be greater than ${highName} (${String(high)})`,
    });
  }
}

function checkField(field: Field, path: string, problems: DefinitionProblem[]): void {
  switch (field.type) {
    case 'text':
    case 'textarea':
      checkLimits(problems, path, field.minLength, field.maxLength, 'minLength', 'maxLength');
      if (field.type === 'text' && field.pattern) {
        try {
          new RegExp(field.pattern.regex, 'u');
        } catch (e) {
          problems.push({
            path: pointer(pointer(path, 'pattern'), 'regex'),
            // V8's message repeats the pattern; keep only the reason after the last colon.
            message: `invalid regular expression: ${(e as Error).message.split(': ').pop() ?? ''}`,
          });
        }
      }
      break;
    case 'number':
    case 'decimal':
    case 'currency':
      checkLimits(problems, path, field.min, field.max, 'min', 'max');
      break;
    case 'date':
      for (const name of ['min', 'max'] as const) {
        const value = field[name];
        if (value !== undefined && !isValidIsoDate(value)) {
          problems.push({ path: pointer(path, name), message: `'${value}' is not a valid calendar date` });
        }
      }
      checkLimits(problems, path, field.min, field.max, 'min', 'max');
      checkLimits(problems, path, field.minAgeYears, field.maxAgeYears, 'minAgeYears', 'maxAgeYears');
      if (field.notInPast && field.minAgeYears)
        problems.push({
          path: pointer(path, 'minAgeYears'),
          message: 'minAgeYears asks for a date in the past, which notInPast refuses',
        });
      break;
    case 'select':
    case 'radio':
    case 'checkbox': {
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
        break;
      }
      if (field.type !== 'select' && field.options.length > LONG_LIST_THRESHOLD) {
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
      if (field.type === 'checkbox') {
        checkLimits(problems, path, field.minSelected, field.maxSelected, 'minSelected', 'maxSelected');
        for (const name of ['minSelected', 'maxSelected'] as const) {
          const value = field[name];
          if (value !== undefined && value > field.options.length) {
            problems.push({
              path: pointer(path, name),
              message: `${name} (${value}) exceeds the number of options (${field.options.length})`,
            });
          }
        }
      }
      break;
    }
    case 'group':
      checkLimits(problems, path, field.minItems, field.maxItems, 'minItems', 'maxItems');
      break;
    default:
      break;
  }
}

/** Item field keys: unique within their group; where each is, for messages about them. */
function collectItemKeys(
  field: GroupField,
  fieldPath: string,
  itemKeys: Map<string, ItemKeyInfo>,
  problems: DefinitionProblem[],
): void {
  const own = new Map<string, string>();
  field.fields.forEach((child, c) => {
    const childPath = pointer(pointer(fieldPath, 'fields'), c);
    const first = own.get(child.key);
    if (first !== undefined) {
      problems.push({
        path: pointer(childPath, 'key'),
        message: `duplicate key '${child.key}' in repeating group '${field.key}' (first used at ${first})`,
      });
    } else {
      own.set(child.key, childPath);
      // Two groups may share item keys (each item has its own scope); remember the first.
      if (!itemKeys.has(child.key)) itemKeys.set(child.key, { group: field.key, path: childPath });
    }
    if (child.type === 'file') {
      problems.push({
        path: pointer(childPath, 'type'),
        message: `a file field cannot be part of repeating group '${field.key}': uploads are stored per field, not per item; put '${child.key}' on a step outside the group (with maxFiles for several documents)`,
      });
    }
    checkField(child, childPath, problems);
  });
}

function computedPath(definition: ServiceDefinition, key: string): string | undefined {
  const i = (definition.computed ?? []).findIndex((c) => c.key === key);
  return i < 0 ? undefined : pointer(pointer('/computed', i), 'key');
}

export function checkSemantics(definition: ServiceDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const keys = new Map<string, KeyInfo>();
  const stepIds = new Map<string, string>();
  const itemKeys = new Map<string, ItemKeyInfo>();

  // First pass: where every key and step id is defined, so rules can name later fields precisely.
  definition.steps.forEach((step, s) => {
    const stepPath = pointer('/steps', s);
    const firstStep = stepIds.get(step.id);
    if (firstStep !== undefined) {
      problems.push({
        path: pointer(stepPath, 'id'),
        message: `duplicate step id '${step.id}' (first used at ${firstStep})`,
      });
    } else {
      stepIds.set(step.id, stepPath);
    }
    step.fields.forEach((field, f) => {
      const fieldPath = pointer(pointer(stepPath, 'fields'), f);
      const first = keys.get(field.key);
      if (first !== undefined) {
        problems.push({
          path: pointer(fieldPath, 'key'),
          message: `duplicate field key '${field.key}' (first used at ${first.path})`,
        });
      } else {
        keys.set(field.key, {
          path: fieldPath,
          stepIndex: s,
          fieldIndex: f,
          block: isBlockField(field) ? field.type : undefined,
          field,
        });
      }
      checkField(field, fieldPath, problems);
      if (field.type === 'group') collectItemKeys(field, fieldPath, itemKeys, problems);
    });
  });

  // Inside an item, a key reads the item's field; the same key outside would be shadowed.
  definition.steps.forEach((step, s) => {
    step.fields.forEach((field, f) => {
      if (field.type !== 'group') return;
      field.fields.forEach((child, c) => {
        const outside = keys.get(child.key)?.path ?? computedPath(definition, child.key);
        if (outside === undefined) return;
        problems.push({
          path: pointer(
            pointer(pointer(pointer(pointer(pointer('/steps', s), 'fields'), f), 'fields'), c),
            'key',
          ),
          message: `key '${child.key}' of an item of repeating group '${field.key}' is also used at ${outside}; item keys must differ from every key outside the group`,
        });
      });
    });
  });

  checkLogic(definition, keys, problems, itemKeys);
  return problems;
}
