/**
 * FIM model → service definition (format v1). Every FIM element either maps to something in the
 * definition or produces a warning that names it; nothing is dropped silently. The target is the
 * set of field types the format has today; where FIM says more than the format can hold (optional
 * groups, a file inside a repeated group, repetition inside a repeated group), the closest working
 * form is chosen and a warning says so. A Datenfeldgruppe with `anzahl` above one (1:n, 0:n, 2:5)
 * becomes a repeating group (ADR 0014); a Datenfeld of datentyp file becomes an upload (ADR 0018).
 * The warnings are German first, with English (`notes.ts`).
 */
import { MAX_GROUP_ITEMS } from '../schema.ts';
import type {
  CodeListReference,
  Field,
  FimReference,
  GroupField,
  InfoField,
  ItemField,
  LocalizedText,
  Note,
  Option,
  RadioField,
  SelectField,
  ServiceDefinition,
  Step,
  WarningField,
} from '../types.ts';
import { FILE_MEDIA_TYPES, MAX_FILE_BYTES } from '../types.ts';
import type { CodeList } from './genericode.ts';
import { keyFromName, slugFromName, UniqueNames } from './keys.ts';
import { type FimText, note } from './notes.ts';
import { patternExample } from './pattern-example.ts';
import type { FimDocument, FimField, FimGroup, FimNode, FimRule } from './read.ts';

export interface FimWarning {
  /** The element, e.g. "Datenfeld F60000227" or "Regel R60000037". */
  element: string;
  /** German first, with English (`notes.ts`). */
  message: FimText;
}

export const DEFAULT_DECLARATION: LocalizedText = {
  de: 'Ich versichere, dass meine Angaben richtig und vollständig sind.',
  en: 'I declare that my answers are correct and complete.',
};
export const OFFICE_PLACEHOLDER: LocalizedText = { de: 'Zuständige Stelle (bitte ergänzen)' };
const PATTERN_MESSAGE: LocalizedText = {
  de: 'Die Eingabe hat nicht das erwartete Format.',
  en: 'The answer is not in the expected format.',
};

/**
 * What a citizen reads when the answer does not match a FIM pattern: an example read off the
 * pattern where one can be (`pattern-example.ts`), else the field's own help text, which in FIM
 * data is where a format is described ("Format: zwei Buchstaben, Bindestrich, vier Ziffern").
 */
function patternMessage(label: string, example: string | undefined, hint: string): LocalizedText | undefined {
  if (example !== undefined)
    return {
      de: `Geben Sie „${label}“ im richtigen Format an, zum Beispiel ${example}`,
      en: `Enter “${label}” in the right format, like ${example}`,
    };
  // The help text is German only, as FIM data is; English readers get the German sentence.
  if (hint !== '') return { de: `Geben Sie „${label}“ im richtigen Format an: ${hint}` };
  return undefined;
}
/** Up to this many options are shown as radio buttons, more as a select (GOV.UK/KERN advice). */
const MAX_RADIO_OPTIONS = 5;
/** maxItems of a repeating group whose anzahl has no upper bound (1:n); designers adjust it. */
const UNBOUNDED_MAX_ITEMS = 10;
/** Text longer than this is entered in a textarea. */
const TEXTAREA_FROM_LENGTH = 256;

interface Cardinality {
  min: number;
  /** Infinity for "n"/"*". */
  max: number;
}

function parseAnzahl(anzahl: string): Cardinality | undefined {
  const match = /^(\d+)\s*:\s*(\d+|n|\*)$/i.exec(anzahl);
  if (!match) return undefined;
  const max =
    match[2] === undefined || /^(n|\*)$/i.test(match[2]) ? Number.POSITIVE_INFINITY : Number(match[2]);
  return { min: Number(match[1]), max };
}

/** The cardinality of a group that repeats (anzahl with a maximum above one), else undefined. */
function repetition(group: FimGroup): Cardinality | undefined {
  const c = group.anzahl === '' ? undefined : parseAnzahl(group.anzahl);
  return c && c.max > 1 ? c : undefined;
}

function fieldName(f: FimNode): string {
  return `${f.kind === 'field' ? 'Datenfeld' : 'Datenfeldgruppe'} ${f.id}`;
}

function fimReference(node: { id: string; version?: string }): FimReference {
  return node.version ? { id: node.id, version: node.version } : { id: node.id };
}

const EMAIL_NAME = /e-?mail/i;
const PHONE_NAME = /telefon|mobilfunk|handynummer|faxnummer/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const LEIKA_KEY = /(?<!\d)(\d{14})(?!\d)/;

/** Fields with a label and an answer (everything but the text blocks). */
type InputField = Exclude<Field, InfoField | WarningField>;
/** What `FimMapper.head` fills in before the type's own properties. */
interface Head {
  type: InputField['type'];
  key: string;
  label: LocalizedText;
  hint?: LocalizedText;
  fim?: FimReference;
  required?: boolean;
}

/**
 * A field's praezisierung while it is mapped: each limit is taken out as it is used, and whatever
 * is left over afterwards gets a warning. Records which names were taken instead of copying the
 * values and deleting from the copy (a `delete` turns an object into a slow dictionary).
 */
class Constraints {
  private readonly taken: string[] = [];
  private all = false;
  constructor(private readonly values: Readonly<Record<string, string>>) {}

  /** The trimmed value, undefined when absent or blank. */
  take(name: string): string | undefined {
    const value = this.values[name];
    if (value === undefined) return undefined;
    this.taken.push(name);
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  }

  takeAll(): void {
    this.all = true;
  }

  /** The constraints nobody took, in document order. */
  left(): Array<[string, string]> {
    const out: Array<[string, string]> = [];
    if (this.all) return out;
    for (const name in this.values) {
      const value = this.values[name];
      if (value !== undefined && !this.taken.includes(name)) out.push([name, value]);
    }
    return out;
  }
}

export class FimMapper {
  readonly warnings: FimWarning[] = [];
  private readonly keys = new UniqueNames('');
  private readonly stepIds = new UniqueNames('-');
  private readonly notes: Note[] = [];
  private readonly noteSources = new Set<string>();

  constructor(private readonly codeLists: readonly CodeList[]) {}

  private warn(element: string, message: FimText): void {
    this.warnings.push({ element, message });
  }

  map(doc: FimDocument): ServiceDefinition | undefined {
    const rootName = `${doc.root === 'stammdatenschema' ? 'Stammdatenschema' : 'Datenfeldgruppe'} ${doc.id}`;
    this.unmapped(rootName, doc.unmapped);
    this.rules(rootName, doc.rules);
    const steps: Step[] = [];
    let general: Step | undefined;
    for (const node of doc.children) {
      if (node.kind === 'group') {
        const step = this.step(node);
        if (step) steps.push(step);
        continue;
      }
      const fields: Field[] = [];
      this.addField(fields, node, false, false);
      if (fields.length === 0) continue;
      if (!general) {
        // Loose top-level fields share one step, placed where the first of them appears.
        general = {
          id: this.stepIds.take('allgemeine-angaben'),
          title: { de: 'Allgemeine Angaben', en: 'General information' },
          fields: [],
        };
        steps.push(general);
      }
      general.fields.push(...fields);
    }
    if (steps.length === 0) return undefined;
    let leikaKey: string | undefined;
    for (const reference of doc.references) {
      leikaKey = LEIKA_KEY.exec(reference)?.[1];
      if (leikaKey !== undefined) break;
    }
    this.notes.unshift({
      source: `FIM ${doc.id}${doc.version ? ` ${doc.version}` : ''}`,
      text: `Importiert aus FIM XDatenfelder ${doc.xdfVersion}, ${doc.root === 'stammdatenschema' ? 'Stammdatenschema' : 'Datenfeldgruppe'} „${doc.name || doc.label}“.`,
    });
    this.warn(rootName, note.officePlaceholder());
    return {
      formatVersion: 2,
      id: slugFromName(doc.name || doc.label, 'fim-import'),
      title: { de: doc.label || doc.name || doc.id },
      summary: { de: doc.description || doc.label || doc.name || doc.id },
      ...(leikaKey ? { leikaKey } : {}),
      declaration: DEFAULT_DECLARATION,
      steps,
      notes: this.notes,
      placeholders: [{ path: '/local/office/name', value: OFFICE_PLACEHOLDER }],
      local: { office: { name: OFFICE_PLACEHOLDER } },
    };
  }

  private unmapped(element: string, names: string[]): void {
    for (const name of names) this.warn(element, note.unmapped(name));
  }

  private rules(element: string, rules: FimRule[]): void {
    for (const rule of rules) {
      const source = `FIM ${rule.id}${rule.version ? ` ${rule.version}` : ''}`;
      // The same rule is often attached to a group and to its fields: keep one note.
      if (this.noteSources.has(source)) continue;
      this.noteSources.add(source);
      const parts = [
        rule.name,
        rule.text,
        rule.script ? `Skript (wird nicht ausgeführt):\n${rule.script}` : '',
      ].filter((p) => p !== '');
      this.notes.push({ source, text: parts.join('\n\n') || 'Keine Beschreibung.' });
      this.warn(`Regel ${rule.id}`, note.ruleKept(rule.name, element));
    }
  }

  /** Cardinality checks shared by fields and groups; returns whether the element is required. */
  private cardinality(node: FimNode, element = fieldName(node)): boolean {
    if (node.anzahl === '') return false;
    const c = parseAnzahl(node.anzahl);
    if (!c) {
      this.warn(element, note.anzahlUnreadable(node.anzahl));
      return false;
    }
    if (c.max > 1) {
      this.warn(
        element,
        node.kind === 'group'
          ? note.groupRepeatedInItem(node.anzahl, node.label)
          : note.fieldRepeated(node.anzahl, node.label),
      );
    }
    return c.min >= 1;
  }

  private step(group: FimGroup): Step | undefined {
    const repeated = repetition(group);
    let fields: Field[];
    if (repeated) {
      // A repeated top-level group: one step holding the repeating group.
      const field = this.repeatingGroup(group, repeated);
      fields = field ? [field] : [];
    } else {
      this.cardinality(group);
      const optional = this.groupIsOptional(group);
      fields = this.groupContents(group, optional, false);
    }
    if (fields.length === 0) {
      this.warn(fieldName(group), note.groupEmptyNoStep(group.label));
      return undefined;
    }
    const id = this.stepIds.take(slugFromName(group.label, 'schritt'));
    const title = { de: group.label };
    const step: Step = group.hint
      ? { id, title, description: { de: group.hint }, fields }
      : { id, title, fields };
    step.fim = fimReference(group);
    return step;
  }

  private groupIsOptional(group: FimGroup): boolean {
    const c = parseAnzahl(group.anzahl);
    const optional = c !== undefined && c.min === 0;
    if (optional) {
      this.warn(fieldName(group), note.groupOptional(group.label, group.anzahl));
    }
    if (group.art.toUpperCase() === 'X') {
      this.warn(fieldName(group), note.choiceGroup(group.label));
    }
    return optional || group.art.toUpperCase() === 'X';
  }

  /**
   * A Datenfeldgruppe with anzahl above one as a repeating group: one item per repetition, its
   * fields (nested groups flattened) as the item's questions. Undefined when it holds no fields.
   */
  private repeatingGroup(group: FimGroup, c: Cardinality): GroupField | undefined {
    const element = fieldName(group);
    if (group.art.toUpperCase() === 'X') {
      this.warn(element, note.choiceGroupItems(group.label));
    }
    const inner = this.groupContents(group, group.art.toUpperCase() === 'X', true);
    if (inner.length === 0) {
      this.warn(element, note.groupEmpty(group.label));
      return undefined;
    }
    let maxItems = c.max;
    if (c.max === Number.POSITIVE_INFINITY) {
      maxItems = Math.max(UNBOUNDED_MAX_ITEMS, c.min);
      this.warn(element, note.unboundedGroup(group.anzahl, maxItems));
    }
    if (maxItems > MAX_GROUP_ITEMS) {
      this.warn(element, note.tooManyItems(group.anzahl, MAX_GROUP_ITEMS));
      maxItems = MAX_GROUP_ITEMS;
    }
    const minItems = Math.min(c.min, maxItems);
    const label = { de: group.label };
    return {
      type: 'group',
      key: this.keys.take(keyFromName(group.name || group.label, 'gruppe')),
      label,
      ...(group.hint ? { hint: { de: group.hint } } : {}),
      itemLabel: label,
      ...(minItems > 0 ? { minItems } : {}),
      maxItems,
      // Item fields: groupContents never returns a group inside an item.
      fields: inner as ItemField[],
      fim: fimReference(group),
    };
  }

  private groupContents(group: FimGroup, optional: boolean, insideItem: boolean): Field[] {
    this.unmapped(fieldName(group), group.unmapped);
    this.rules(fieldName(group), group.rules);
    const fields: Field[] = [];
    for (const node of group.children) {
      if (node.kind === 'field') {
        this.addField(fields, node, optional, insideItem);
        continue;
      }
      const repeated = repetition(node);
      if (repeated && !insideItem) {
        const field = this.repeatingGroup(node, repeated);
        if (field) fields.push(field);
        continue;
      }
      // Repeating groups do not nest: a repeated group inside an item is imported once.
      this.cardinality(node);
      const nestedOptional = this.groupIsOptional(node) || optional;
      const inner = this.groupContents(node, nestedOptional, insideItem);
      if (inner.length === 0) {
        this.warn(fieldName(node), note.groupEmpty(node.label));
        continue;
      }
      this.warn(fieldName(node), note.flattened(node.label));
      fields.push({
        type: 'info',
        key: this.keys.take(keyFromName(`${node.name || node.label} Ueberschrift`, 'gruppe')),
        text: { de: node.hint ? `${node.label}\n\n${node.hint}` : node.label },
        fim: fimReference(node),
      });
      for (const field of inner) fields.push(field);
    }
    return fields;
  }

  /** Maps one Datenfeld and appends it to `fields` (a Datenfeld never maps to more than one field). */
  private addField(fields: Field[], field: FimField, optionalContext: boolean, insideItem: boolean): void {
    const element = fieldName(field);
    if (field.unmapped.length > 0) this.unmapped(element, field.unmapped);
    if (field.rules.length > 0) this.rules(element, field.rules);
    const mapped = this.field(field, optionalContext, element, insideItem);
    if (mapped) fields.push(mapped);
  }

  private field(
    f: FimField,
    optionalContext: boolean,
    element: string,
    insideItem: boolean,
  ): Field | undefined {
    const fim = fimReference(f);
    const feldart = f.feldart.toLowerCase();

    if (feldart === 'label') {
      return { type: 'info', key: this.key(f), text: { de: f.inhalt || f.label }, fim };
    }
    const required = this.cardinality(f, element) && !optionalContext;
    if (feldart === 'hidden' || feldart === 'locked') {
      this.warn(element, note.feldartUnsupported(feldart));
    } else if (feldart !== 'input' && feldart !== 'select') {
      this.warn(element, note.feldartUnknown(f.feldart));
    }
    if (f.vorbefuellung && f.vorbefuellung !== 'keine') {
      this.warn(element, note.prefill(f.vorbefuellung));
    }
    if (f.inhalt) {
      this.warn(element, note.defaultValue(f.inhalt));
    }
    if (f.praezisierungError) {
      this.warn(element, note.praezisierungNotJson(f.praezisierungError));
    }
    const p = new Constraints(f.praezisierung);

    const isSelect = feldart === 'select' || f.codeList !== undefined || (f.values?.length ?? 0) > 0;
    let result: Field;
    if (isSelect) {
      const resolved = this.options(f, element);
      if (resolved) {
        const { options, codeList } = resolved;
        const type = options.length >= 2 && options.length <= MAX_RADIO_OPTIONS ? 'radio' : 'select';
        const choice = this.head(type, f, fim, required) as SelectField | RadioField;
        choice.options = options;
        // Keep the reference, so publishing takes the entries from the code list directory again.
        if (codeList) choice.codeList = codeList;
        result = choice;
      } else {
        result = this.head('text', f, fim, required);
      }
      // Length and value limits describe the code, which the options already fix.
      p.takeAll();
    } else {
      result = this.typed(f, fim, required, p, element, insideItem);
    }
    for (const [name, value] of p.left()) {
      this.warn(element, note.praezisierungNotApplicable(name, value));
    }
    return result;
  }

  /** A unique key from the field's name. */
  private key(f: FimField): string {
    return this.keys.take(keyFromName(f.name || f.label, 'feld'));
  }

  /**
   * The common head of an input field, built in place rather than from spread fragments (the
   * mapping runs once per Datenfeld, thousands of times for a large schema). Property order is the
   * order the JSON shows: type, key, label, hint, fim, required, then the type's own properties.
   */
  private head<T extends InputField['type']>(
    type: T,
    f: FimField,
    fim: FimReference,
    required: boolean,
  ): Extract<InputField, { type: T }> {
    const head: Head = { type, key: this.key(f), label: { de: f.label } };
    if (f.hint) head.hint = { de: f.hint };
    head.fim = fim;
    if (required) head.required = true;
    return head as Extract<InputField, { type: T }>;
  }

  private typed(
    f: FimField,
    fim: FimReference,
    required: boolean,
    p: Constraints,
    element: string,
    insideItem: boolean,
  ): Field {
    const datentyp = f.datentyp.toLowerCase();
    switch (datentyp) {
      case 'text':
      case 'text_latin':
      case 'string':
      case '': {
        if (datentyp === 'text_latin') {
          this.warn(element, note.textLatin());
        }
        if (datentyp === '') this.warn(element, note.noDatentyp());
        let min = this.length(p, 'minLength', element);
        let max = this.length(p, 'maxLength', element);
        if (min !== undefined && max !== undefined && min > max) {
          this.warn(element, note.lengthContradicts(min, max));
          min = undefined;
          max = undefined;
        }
        const pattern = this.pattern(element, p.take('pattern'), f);
        if (max !== undefined && max >= TEXTAREA_FROM_LENGTH) {
          if (pattern) this.warn(element, note.patternOnTextarea());
          const textarea = this.head('textarea', f, fim, required);
          if (min !== undefined) textarea.minLength = min;
          textarea.maxLength = max;
          return textarea;
        }
        const name = f.name || f.label;
        if (!pattern && EMAIL_NAME.test(name)) return this.head('email', f, fim, required);
        if (!pattern && PHONE_NAME.test(name)) return this.head('phone', f, fim, required);
        const text = this.head('text', f, fim, required);
        if (min !== undefined) text.minLength = min;
        if (max !== undefined) text.maxLength = max;
        if (pattern) text.pattern = pattern;
        return text;
      }
      case 'date': {
        let min = this.isoDate(p, 'minValue', element);
        let max = this.isoDate(p, 'maxValue', element);
        if (min !== undefined && max !== undefined && min > max) {
          this.warn(element, note.dateRangeContradicts(min, max));
          min = undefined;
          max = undefined;
        }
        const date = this.head('date', f, fim, required);
        if (min !== undefined) date.min = min;
        if (max !== undefined) date.max = max;
        return date;
      }
      case 'bool':
        return this.head('yesno', f, fim, required);
      case 'num':
      case 'num_int':
      case 'num_currency': {
        p.take('totalDigits');
        p.take('fractionDigits');
        let min = this.number(p, 'minValue', element);
        let max = this.number(p, 'maxValue', element);
        if (min !== undefined && max !== undefined && min > max) {
          this.warn(element, note.valueRangeContradicts(min, max));
          min = undefined;
          max = undefined;
        }
        if (datentyp === 'num_currency') {
          // Amounts are integer euro-cents end to end; FIM states limits in euros.
          const currency = this.head('currency', f, fim, required);
          if (min !== undefined) currency.min = Math.round(min * 100);
          if (max !== undefined) currency.max = Math.round(max * 100);
          return currency;
        }
        const number = this.head('number', f, fim, required);
        number.integer = datentyp === 'num_int';
        if (min !== undefined) number.min = min;
        if (max !== undefined) number.max = max;
        return number;
      }
      case 'file': {
        const maxSize = p.take('maxSize') ?? f.maxSize;
        if (insideItem) {
          // Uploads are not possible inside a repeating group's items (ADR 0018).
          this.warn(element, note.fileInItem(f.label));
          return {
            type: 'info',
            key: this.key(f),
            text: {
              de: `Nachweis „${f.label}“: Bitte reichen Sie dieses Dokument gesondert bei der zuständigen Stelle ein.`,
            },
            fim,
          };
        }
        const file = this.head('file', f, fim, required);
        // The unit of maxSize is not stated reliably in FIM data: the platform's limit stays, noted.
        if (maxSize) this.warn(element, note.fileSizeNotTaken(maxSize, MAX_FILE_BYTES / 1024 / 1024));
        if (f.mediaType) {
          const type = f.mediaType.toLowerCase().split(';')[0]?.trim() ?? '';
          const known = FILE_MEDIA_TYPES.find(
            (t) => t === type || (type === 'image/jpg' && t === 'image/jpeg'),
          );
          if (known) file.accept = [known];
          else this.warn(element, note.mediaTypeUnsupported(f.mediaType, FILE_MEDIA_TYPES.join(', ')));
        }
        return file;
      }
      default: {
        this.warn(element, note.noEquivalent(f.datentyp));
        return this.head('text', f, fim, required);
      }
    }
  }

  private number(p: Constraints, name: string, element: string): number | undefined {
    const raw = p.take(name);
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (!Number.isFinite(value)) {
      this.warn(element, note.notANumber(name, raw));
      return undefined;
    }
    return value;
  }

  private length(p: Constraints, name: string, element: string): number | undefined {
    const value = this.number(p, name, element);
    if (value === undefined) return undefined;
    if (!Number.isInteger(value) || value < 0) {
      this.warn(element, note.notAWholeNumber(name, value));
      return undefined;
    }
    return value;
  }

  private isoDate(p: Constraints, name: string, element: string): string | undefined {
    const raw = p.take(name);
    if (raw === undefined) return undefined;
    if (ISO_DATE.test(raw) && !Number.isNaN(Date.parse(`${raw}T00:00:00Z`))) {
      const d = new Date(`${raw}T00:00:00Z`);
      if (d.toISOString().slice(0, 10) === raw) return raw;
    }
    this.warn(element, note.notADate(name, raw));
    return undefined;
  }

  /**
   * XDatenfelder patterns are XML Schema regular expressions. Most are valid ECMAScript too (the
   * format also anchors the whole value); the XSD-only constructs are refused here so that the
   * definition never carries a pattern that means something else in the browser.
   */
  private pattern(element: string, regex: string | undefined, f: FimField) {
    if (regex === undefined) return undefined;
    // Character class subtraction ([a-z-[aeiou]]), \i/\c name escapes and \p{Is…} blocks.
    if (/\[[^\]]*-\[|\\[iIcC]|\\p\{Is/.test(regex)) {
      this.warn(element, note.patternXsdOnly(regex));
      return undefined;
    }
    try {
      new RegExp(`^(?:${regex})$`, 'u');
    } catch {
      this.warn(element, note.patternInvalid(regex));
      return undefined;
    }
    const message = patternMessage(f.label, patternExample(regex), f.hint);
    if (!message) this.warn(element, note.patternMessageGeneric(regex));
    return { regex, message: message ?? PATTERN_MESSAGE };
  }

  private options(
    f: FimField,
    element: string,
  ): { options: Option[]; codeList?: CodeListReference } | undefined {
    let options: Option[] | undefined;
    let codeList: CodeListReference | undefined;
    if (f.values && f.values.length > 0) {
      options = f.values.map((v) => ({ value: v.code, label: { de: v.name || v.code } }));
    } else if (f.codeList) {
      const ref = f.codeList;
      const list =
        this.codeLists.find(
          (l) => ref.canonicalVersionUri && l.canonicalVersionUri === ref.canonicalVersionUri,
        ) ??
        this.codeLists.find(
          (l) =>
            ref.canonicalUri &&
            l.canonicalUri === ref.canonicalUri &&
            (!ref.version || l.version === ref.version),
        );
      const name = ref.canonicalVersionUri ?? ref.canonicalUri ?? ref.id ?? '(no identification)';
      if (!list) {
        this.warn(element, note.codeListUnresolved(name));
        return undefined;
      }
      options = list.options;
      codeList = { uri: list.canonicalUri, ...(list.version !== undefined && { version: list.version }) };
    } else {
      this.warn(element, note.selectWithoutValues());
      return undefined;
    }
    const seen = new Set<string>();
    const clean: Option[] = [];
    for (const option of options) {
      if (option.value === '' || option.value.length > 100 || seen.has(option.value)) {
        this.warn(element, note.optionLeftOut(option.value.slice(0, 40)));
        continue;
      }
      seen.add(option.value);
      clean.push(option);
    }
    if (clean.length === 0) {
      this.warn(element, note.noUsableValues());
      return undefined;
    }
    return { options: clean, ...(codeList && { codeList }) };
  }
}
