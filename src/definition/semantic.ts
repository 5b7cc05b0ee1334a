/**
 * Checks the JSON Schema cannot express: uniqueness across the document, rules that read answers
 * which do not exist yet, and each field type's own checks (contradictory limits, regular
 * expressions that do not compile; `FieldTypeFacts.check`). Runs only on documents that passed
 * the schema, so the shapes here are trusted.
 */
import { checkApplicantContact } from './applicant-contact.ts';
import { factsOf } from './field-types/table.ts';
import { checkPrefill } from './prefill.ts';
import { type DefinitionProblem, pointer } from './problems.ts';
import { isReservedKey, reservedKeyMessage } from './reserved-keys.ts';
import { checkLogic, type ItemKeyInfo, type KeyInfo } from './semantic-logic.ts';
import { checkServiceSlug } from './service-slugs.ts';
import { type GroupField, isBlockField, type ServiceDefinition } from './types.ts';
import { uidPlaces } from './uid.ts';

/** Stable ids are unique across steps and fields (ADR 0023). */
function checkUids(definition: ServiceDefinition, problems: DefinitionProblem[]): void {
  const first = new Map<string, string>();
  for (const { uid, path } of uidPlaces(definition)) {
    if (uid === undefined) continue;
    const earlier = first.get(uid);
    if (earlier === undefined) first.set(uid, path);
    else
      problems.push({
        path: pointer(path, 'uid'),
        message: `duplicate uid '${uid}' (first used at ${earlier})`,
      });
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
    const rule = factsOf(child).inGroupItem;
    if (typeof rule === 'object' && 'refused' in rule) {
      problems.push({ path: pointer(childPath, 'type'), message: rule.refused(child, field) });
    }
    factsOf(child).check(child, childPath, problems);
  });
}

/** No key or step id may be a property every object has (`reserved-keys.ts`). */
function checkReservedNames(definition: ServiceDefinition, problems: DefinitionProblem[]): void {
  const refuse = (path: string, what: Parameters<typeof reservedKeyMessage>[0], name: string) => {
    if (isReservedKey(name)) problems.push({ path, message: reservedKeyMessage(what, name) });
  };
  definition.steps.forEach((step, s) => {
    const stepPath = pointer('/steps', s);
    refuse(pointer(stepPath, 'id'), 'step id', step.id);
    step.fields.forEach((field, f) => {
      const fieldPath = pointer(pointer(stepPath, 'fields'), f);
      refuse(pointer(fieldPath, 'key'), 'field key', field.key);
      if (field.type !== 'group') return;
      field.fields.forEach((child, c) => {
        refuse(pointer(pointer(pointer(fieldPath, 'fields'), c), 'key'), 'field key', child.key);
      });
    });
  });
  (definition.computed ?? []).forEach((computed, i) => {
    refuse(pointer(pointer('/computed', i), 'key'), 'computed value key', computed.key);
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
  checkUids(definition, problems);
  checkReservedNames(definition, problems);

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
      factsOf(field).check(field, fieldPath, problems);
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

  checkApplicantContact(definition, problems);
  checkPrefill(definition, problems);
  checkServiceSlug(definition.id, problems);
  checkLogic(definition, keys, problems, itemKeys);
  return problems;
}
