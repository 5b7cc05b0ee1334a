/**
 * The settings of each field type as the editor's field form shows and reads them: one list per
 * type, typed over `FieldType` so the compiler asks for an entry when a type is added (ADR 0020).
 * `applySettings` builds the field anew from a posted form (plain strings, no HTTP here); what
 * cannot be read (a letter in a number) is an input error and changes nothing. What reads but is
 * wrong for the format (a minimum above the maximum) is the definition check's to list.
 */
import {
  type EasyText,
  FILE_MEDIA_TYPES,
  type Field,
  type FieldType,
  type LocalizedText,
  type Option,
} from '../types.ts';
import { PREFILL_EDITABLE, PREFILL_FROM, readPrefillSetting } from './prefill-setting.ts';

/** How a setting is entered and stored. */
export type SettingKind =
  | 'integer'
  | 'number'
  | 'date'
  | 'boolean'
  /** A checkbox for a property whose default is `true`: ticked leaves it out. */
  | 'booleanDefaultTrue'
  | 'text'
  | 'localized'
  | 'easy'
  /** A localized text the field must have (`de` may still be empty: the check then says so). */
  | 'localizedRequired'
  | 'easyRequired'
  | 'options'
  | 'pattern'
  | 'mediaTypes';

export interface SettingSpec {
  /** The field's property. */
  name: string;
  kind: SettingKind;
  /** What the number counts, shown beside it (`cent`, `bytes`, `years`, `characters`, …). */
  unit?: 'cent' | 'bytes' | 'years' | 'characters' | 'items' | 'files' | 'digits';
}

const int = (name: string, unit?: SettingSpec['unit']): SettingSpec => ({
  name,
  kind: 'integer',
  ...(unit && { unit }),
});
const num = (name: string): SettingSpec => ({ name, kind: 'number' });
const bool = (name: string): SettingSpec => ({ name, kind: 'boolean' });
const lengths = [int('minLength', 'characters'), int('maxLength', 'characters')];
const options: SettingSpec = { name: 'options', kind: 'options' };

/** Each type's own settings, after the common ones (key, label, hint, required). */
export const FIELD_SETTINGS: { readonly [T in FieldType]: readonly SettingSpec[] } = {
  text: [...lengths, { name: 'pattern', kind: 'pattern' }, { name: 'autocomplete', kind: 'text' }],
  textarea: lengths,
  number: [num('min'), num('max'), { name: 'integer', kind: 'booleanDefaultTrue' }],
  date: [
    { name: 'min', kind: 'date' },
    { name: 'max', kind: 'date' },
    bool('notInPast'),
    bool('notInFuture'),
    int('minAgeYears', 'years'),
    int('maxAgeYears', 'years'),
  ],
  decimal: [num('min'), num('max'), int('decimals', 'digits')],
  currency: [int('min', 'cent'), int('max', 'cent')],
  time: [],
  iban: [],
  bic: [],
  postcode: [],
  taxId: [],
  licensePlate: [],
  email: [bool('applicantContact')],
  phone: [],
  yesno: [],
  address: [],
  foreignAddress: [],
  declaration: [{ name: 'text', kind: 'localizedRequired' }],
  select: [options, bool('search')],
  radio: [options],
  checkbox: [options, int('minSelected', 'items'), int('maxSelected', 'items')],
  file: [{ name: 'accept', kind: 'mediaTypes' }, int('maxSizeBytes', 'bytes'), int('maxFiles', 'files')],
  info: [{ name: 'text', kind: 'easyRequired' }],
  warning: [
    { name: 'title', kind: 'easy' },
    { name: 'text', kind: 'easyRequired' },
  ],
  group: [
    { name: 'itemLabel', kind: 'localizedRequired' },
    { name: 'addLabel', kind: 'localized' },
    int('minItems', 'items'),
    int('maxItems', 'items'),
  ],
};

/** Whether the type has a label and a hint (text blocks have neither) and a `required` flag. */
export function commonSettings(type: FieldType): { label: boolean; hint: boolean; required: boolean } {
  const block = type === 'info' || type === 'warning';
  return {
    label: !block,
    hint: !block,
    required: !block && type !== 'group' && type !== 'declaration',
  };
}

/** A posted form: every value as sent (a repeated name gives a list). */
export type PostedForm = Readonly<Record<string, string | readonly string[] | undefined>>;

/** Why a setting could not be read. */
export type SettingError = {
  name: string;
  code: 'integer' | 'number' | 'date' | 'options' | 'media-type' | 'json' | 'prefill' | 'prefill-item';
};

/**
 * The rules of an element, shown as JSON where they are until the rule builder comes (ADR 0033):
 * a condition to show it, and for answer fields one that makes it required.
 */
export function ruleSettings(type: FieldType | 'step'): Array<'showIf' | 'requiredIf'> {
  if (type === 'step') return ['showIf'];
  return commonSettings(type).required ? ['showIf', 'requiredIf'] : ['showIf'];
}

/** A rule typed as JSON: empty is none; text that is not JSON cannot be read. */
export function readRule(form: PostedForm, name: string): { ok: true; rule: unknown } | { ok: false } {
  const value = form[inputName(name)];
  const text = (Array.isArray(value) ? (value[0] ?? '') : ((value as string | undefined) ?? '')).trim();
  if (!text) return { ok: true, rule: undefined };
  try {
    return { ok: true, rule: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** A rule as the form shows it: pretty JSON, or empty. */
export function ruleText(rule: unknown): string {
  return rule === undefined ? '' : JSON.stringify(rule, null, 2);
}

/** The form input name of a setting's part: `s.minLength`, `s.label.de`, `s.pattern.regex`. */
export function inputName(name: string, part?: string): string {
  return part === undefined ? `s.${name}` : `s.${name}.${part}`;
}

function one(form: PostedForm, name: string): string {
  const value = form[name];
  return (Array.isArray(value) ? (value[0] ?? '') : ((value as string | undefined) ?? '')).trim();
}

function all(form: PostedForm, name: string): string[] {
  const value = form[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? [...value] : [value as string]).map((v) => v.trim());
}

/** `de` always (empty when not given: the check says what is missing), `en` and `ls` only when given. */
export function readLocalized(form: PostedForm, name: string): LocalizedText {
  const text: LocalizedText = { de: one(form, inputName(name, 'de')) };
  const en = one(form, inputName(name, 'en'));
  if (en) text.en = en;
  return text;
}

export function readEasy(form: PostedForm, name: string): EasyText {
  const text: EasyText = readLocalized(form, name);
  const ls = one(form, inputName(name, 'ls'));
  if (ls) text.ls = ls;
  return text;
}

const isBlank = (text: LocalizedText & { ls?: string }) => !text.de && !text.en && !text.ls;

/** One option a line, `value | Bezeichnung | label`: a list a designer can type and read. */
export function optionsText(list: readonly Option[]): string {
  return list.map((o) => [o.value, o.label.de, o.label.en ?? ''].join(' | ').replace(/ \| $/, '')).join('\n');
}

function readOptions(text: string): Option[] | undefined {
  const list: Option[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const [value = '', de = '', en = ''] = line.split('|').map((part) => part.trim());
    if (!value) return undefined;
    list.push({ value, label: { de: de || value, ...(en && { en }) } });
  }
  return list;
}

const INTEGER = /^-?\d{1,15}$/;
const NUMBER = /^-?\d{1,15}([.,]\d{1,10})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The field built from the form: the common settings, then the type's own. Properties the form
 * does not show (rules such as `showIf`, a FIM reference, a code list) are kept as they were, so
 * nothing the editor cannot show is lost. `place.inGroupItem`: the field is an item of a repeating
 * group, which is never prefilled.
 */
export function applySettings(
  field: Field,
  form: PostedForm,
  place: { inGroupItem: boolean } = { inGroupItem: false },
): { ok: true; field: Field } | { ok: false; errors: SettingError[] } {
  const errors: SettingError[] = [];
  const next = structuredClone(field) as unknown as Record<string, unknown>;
  const key = one(form, inputName('key'));
  next.key = key;
  const common = commonSettings(field.type);
  if (common.label) next.label = readLocalized(form, 'label');
  if (common.hint) {
    const hint = readEasy(form, 'hint');
    if (isBlank(hint)) delete next.hint;
    else next.hint = hint;
  }
  if (common.required) {
    // `requiredIf` and `required` exclude each other: a rule set in JSON stays until removed there.
    if (one(form, inputName('required')) === 'ja') next.required = true;
    else delete next.required;
  }
  for (const name of ruleSettings(field.type)) {
    // A form without the rule's input (not this editor's) leaves the rule as it is: never lost.
    if (form[inputName(name)] === undefined) continue;
    const rule = readRule(form, name);
    if (!rule.ok) errors.push({ name, code: 'json' });
    else if (rule.rule === undefined) delete next[name];
    else next[name] = rule.rule;
  }
  const prefill = readPrefillSetting(
    field.type,
    place.inGroupItem,
    form[PREFILL_FROM] === undefined ? undefined : one(form, PREFILL_FROM),
    one(form, PREFILL_EDITABLE),
  );
  if (prefill.kind === 'error') errors.push({ name: 'prefill', code: prefill.code });
  else if (prefill.kind === 'set') {
    if (prefill.prefill) next.prefill = prefill.prefill;
    else delete next.prefill;
  }
  for (const spec of FIELD_SETTINGS[field.type]) {
    const name = inputName(spec.name);
    const raw = one(form, name);
    const set = (value: unknown) => {
      if (value === undefined) delete next[spec.name];
      else next[spec.name] = value;
    };
    switch (spec.kind) {
      case 'integer':
        if (!raw) set(undefined);
        else if (INTEGER.test(raw)) set(Number(raw));
        else errors.push({ name: spec.name, code: 'integer' });
        break;
      case 'number':
        if (!raw) set(undefined);
        else if (NUMBER.test(raw)) set(Number(raw.replace(',', '.')));
        else errors.push({ name: spec.name, code: 'number' });
        break;
      case 'date':
        if (!raw) set(undefined);
        else if (DATE.test(raw)) set(raw);
        else errors.push({ name: spec.name, code: 'date' });
        break;
      case 'boolean':
        set(raw === 'ja' ? true : undefined);
        break;
      case 'booleanDefaultTrue':
        set(raw === 'ja' ? undefined : false);
        break;
      case 'text':
        set(raw || undefined);
        break;
      case 'localized':
      case 'easy': {
        const text = spec.kind === 'easy' ? readEasy(form, spec.name) : readLocalized(form, spec.name);
        set(isBlank(text) ? undefined : text);
        break;
      }
      case 'localizedRequired':
        set(readLocalized(form, spec.name));
        break;
      case 'easyRequired':
        set(readEasy(form, spec.name));
        break;
      case 'options': {
        const list = readOptions(form[name] === undefined ? '' : String(form[name]));
        if (list) set(list);
        else errors.push({ name: spec.name, code: 'options' });
        break;
      }
      case 'pattern': {
        const regex = one(form, inputName(spec.name, 'regex'));
        const message = readLocalized(form, `${spec.name}.message`);
        set(regex || !isBlank(message) ? { regex, message } : undefined);
        break;
      }
      case 'mediaTypes': {
        const chosen = all(form, name);
        if (chosen.some((t) => !(FILE_MEDIA_TYPES as readonly string[]).includes(t))) {
          errors.push({ name: spec.name, code: 'media-type' });
        } else set(chosen.length > 0 ? chosen : undefined);
        break;
      }
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, field: next as unknown as Field };
}
