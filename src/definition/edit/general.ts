/**
 * The start page and the service's own texts as the editor's form reads them: title, summary,
 * the start page's description, the declaration, the office and the LeiKa key, and the service's
 * id. Like the field settings, what is empty is left out (or kept empty where the format needs a
 * value, so the definition check says what is missing), and what the form does not show is kept.
 */
import type { ServiceDefinition, Step } from '../types.ts';
import { applyIdentity } from './identity.ts';
import { type PostedForm, readEasy, readLocalized, readRule, type SettingError } from './settings.ts';

function one(form: PostedForm, name: string): string {
  const value = form[name];
  return (Array.isArray(value) ? (value[0] ?? '') : ((value as string | undefined) ?? '')).trim();
}

const blank = (text: { de: string; en?: string; ls?: string }) => !text.de && !text.en && !text.ls;

/** Sets or removes an optional property (the form left it empty). */
function optional<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value === undefined) delete target[key];
  else target[key] = value;
}

export function applyGeneral(definition: ServiceDefinition, form: PostedForm): ServiceDefinition {
  const next = structuredClone(definition) as ServiceDefinition;
  next.id = one(form, 's.id');
  next.title = readLocalized(form, 'title');
  next.summary = readEasy(form, 'summary');
  const description = readEasy(form, 'description');
  const startPage = { ...next.startPage };
  optional(startPage, 'description', blank(description) ? undefined : description);
  optional(next, 'startPage', Object.keys(startPage).length > 0 ? startPage : undefined);
  next.declaration = readLocalized(form, 'declaration');
  const leika = one(form, 's.leikaKey');
  optional(next, 'leikaKey', leika || undefined);
  const office = { ...next.local.office, name: readLocalized(form, 'officeName') };
  for (const key of ['email', 'phone', 'address'] as const) {
    optional(office, key, one(form, `s.office.${key}`) || undefined);
  }
  next.local = applyIdentity({ ...next.local, office }, form);
  return next;
}

/** A step's id (its URL segment), title, description and condition from the step form. */
export function stepTexts(
  form: PostedForm,
):
  | { ok: true; id: string; title: Step['title']; description: Step['description']; showIf?: unknown }
  | { ok: false; errors: SettingError[] } {
  const description = readEasy(form, 'description');
  const showIf = readRule(form, 'showIf');
  if (!showIf.ok) return { ok: false, errors: [{ name: 'showIf', code: 'json' }] };
  return {
    ok: true,
    id: one(form, 's.id'),
    title: readLocalized(form, 'title'),
    description: blank(description) ? undefined : description,
    // Without the rule's input in the form, the condition stays as it is.
    ...(form['s.showIf'] !== undefined && { showIf: showIf.rule }),
  };
}
