/**
 * The service definition format, version 2.
 *
 * A definition describes one Leistung completely: its metadata, its steps and fields, validations
 * and JSON Logic conditions. Everything a citizen sees and everything staff receive is derived from
 * it. Published definitions are immutable; see `core/` for versioning.
 *
 * What a municipality adapts is apart, in `local` (ADR 0023); how the installation runs the service
 * (delivery, retention, …) is not in the definition at all but in the operational configuration
 * (ADR 0024). Every step and field has a stable `uid` once parsed.
 */
import type { AssuranceLevel } from './assurance-level.ts';
import type { Prefill } from './prefill-source.ts';

/** Language codes the UI supports. German is the source language; English falls back to German. */
export type Locale = 'de' | 'en';
export const LOCALES: readonly Locale[] = ['de', 'en'];

/** A text in every language. `de` is required; missing languages fall back to `de`. */
export interface LocalizedText {
  de: string;
  en?: string;
}

/**
 * A text that may also have a Leichte-Sprache version (`ls`): German in the rules of the Netzwerk
 * Leichte Sprache, shown instead of `de` to citizens who chose Leichte Sprache (ADR 0019). Allowed
 * only where the format says so: the start page (summary, `startPage`, `local.cost`), the
 * confirmation's `local.nextSteps`, step descriptions, help texts (`hint`) and text blocks (`info`,
 * `warning`). Labels, options, messages and declarations
 * have none: they must read the same for citizens and caseworkers.
 */
export interface EasyText extends LocalizedText {
  ls?: string;
}

/** A JSON Logic rule (json-logic-js semantics). Kept as plain JSON; compiled by the engine. */
export type JsonLogicRule = unknown;

export interface Office {
  name: LocalizedText;
  email?: string;
  phone?: string;
  address?: string;
}

export interface StartPage {
  /** What the applicant needs at hand (documents, numbers). */
  whatYouNeed?: EasyText[];
  /** How long filling in and processing takes. */
  duration?: EasyText;
  /** Longer description shown on the start page. */
  description?: EasyText;
}

export interface Option {
  value: string;
  label: LocalizedText;
  /**
   * What tells options of the same name apart, shown after the label wherever the answer is shown
   * ("Buchholz (Dithmarschen, Schleswig-Holstein)"). Publishing sets it for the list of all
   * municipalities (AGS): the Kreis and the Land.
   */
  detail?: LocalizedText;
}

export interface Pattern {
  /** ECMAScript regular expression, matched against the whole value (anchors are implied). */
  regex: string;
  /** Message shown when the value does not match. */
  message: LocalizedText;
}

/** Where an element came from in the federal FIM catalogue (kept by the XDatenfelder import). */
export interface FimReference {
  /** FIM id, e.g. `F60000227` (Datenfeld) or `G60000086` (Datenfeldgruppe). */
  id: string;
  version?: string;
}

/**
 * A value that stands in for one the municipality must give (e.g. the office after a FIM import,
 * `Zuständige Stelle (bitte ergänzen)`). Publishing is refused while the value at `path` is still
 * `value`; replacing it there is all it takes.
 */
export interface Placeholder {
  /** JSON pointer to the value, e.g. `/local/office/name`. */
  path: string;
  /** The placeholder value as it was put there. */
  value: unknown;
}

/** A documentation note for designers; never evaluated (e.g. an imported FIM rule to review). */
export interface Note {
  /** Where the note comes from, e.g. `FIM R60000037 1.2`. */
  source: string;
  text: string;
}

/**
 * The stable id of a step or field (ADR 0023): kept when its key, label or place changes; unique
 * within the definition. Optional in documents; `parseDefinition` gives every element without one
 * its derived uid (`uid.ts`), so a parsed definition always has them.
 */
interface Identified {
  uid?: string;
}

interface FieldBase extends Identified {
  /** Key of the answer; unique within the definition; `^[a-zA-Z][a-zA-Z0-9_]*$`. */
  key: string;
  label: LocalizedText;
  hint?: EasyText;
  /** Show the field only when the rule is truthy. Answers of hidden fields are dropped. */
  showIf?: JsonLogicRule;
  /**
   * The field is required only when the rule is truthy (instead of `required`, which is refused
   * beside it). Like `showIf`, the rule may read earlier answers and computed values only.
   */
  requiredIf?: JsonLogicRule;
  fim?: FimReference;
}

export interface TextField extends FieldBase {
  /** Filled from the logged-in citizen's identity (ADR 0049). */
  prefill?: Prefill;
  type: 'text';
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: Pattern;
  /** HTML autocomplete token, e.g. `given-name`. */
  autocomplete?: string;
}

export interface TextareaField extends FieldBase {
  type: 'textarea';
  required?: boolean;
  minLength?: number;
  maxLength?: number;
}

export interface NumberField extends FieldBase {
  type: 'number';
  required?: boolean;
  min?: number;
  max?: number;
  /** Only whole numbers (default true). */
  integer?: boolean;
}

export interface DateField extends FieldBase {
  /** Filled from the logged-in citizen's identity (ADR 0049). */
  prefill?: Prefill;
  type: 'date';
  required?: boolean;
  /** Earliest allowed date, ISO `YYYY-MM-DD`. */
  min?: string;
  /** Latest allowed date, ISO `YYYY-MM-DD`. */
  max?: string;
  /** Rules relative to today (Europe/Berlin, from the engine context). */
  notInFuture?: boolean;
  notInPast?: boolean;
  /** At least this many whole years before today (an age of at least N, e.g. 18 for adults). */
  minAgeYears?: number;
  /** At most this many whole years before today (an age of at most N in completed years). */
  maxAgeYears?: number;
  /**
   * `bday`: the citizen's own date of birth, so browsers can fill in its parts (`bday-day`,
   * `bday-month`, `bday-year`; WCAG 1.3.5). Not for other people's or animals' birth dates.
   */
  autocomplete?: 'bday';
}

/** A decimal number, stored exactly as a canonical string such as `"1234.56"`. */
export interface DecimalField extends FieldBase {
  type: 'decimal';
  required?: boolean;
  min?: number;
  max?: number;
  /** Most digits allowed after the decimal separator. */
  decimals?: number;
}

/** An amount in euros, stored as integer euro-cents. */
export interface CurrencyField extends FieldBase {
  type: 'currency';
  required?: boolean;
  /** Smallest amount in cents (default 0: negative amounts are refused). */
  min?: number;
  /** Largest amount in cents. */
  max?: number;
}

/** A time of day, 24 h, stored as `HH:MM`. */
export interface TimeField extends FieldBase {
  type: 'time';
  required?: boolean;
}

/** An IBAN (ISO 13616), stored upper-case without spaces. */
export interface IbanField extends FieldBase {
  type: 'iban';
  required?: boolean;
}

/** A BIC (ISO 9362), 8 or 11 characters, stored upper-case without spaces. */
export interface BicField extends FieldBase {
  type: 'bic';
  required?: boolean;
}

/** A German postcode (PLZ), five digits, stored as a string. */
export interface PostcodeField extends FieldBase {
  /** Filled from the logged-in citizen's identity (ADR 0049). */
  prefill?: Prefill;
  type: 'postcode';
  required?: boolean;
}

/**
 * A German vehicle registration number (Kfz-Kennzeichen), typed as on the plate in any case and
 * with or without the hyphen (`mu ab 123`), stored as `MU-AB 123` (`E`/`H` at the end: `MU-AB 123E`).
 */
export interface LicensePlateField extends FieldBase {
  type: 'licensePlate';
  required?: boolean;
}

/** The Steuer-Identifikationsnummer (§ 139b AO), 11 digits, stored as a string of digits. */
export interface TaxIdField extends FieldBase {
  type: 'taxId';
  required?: boolean;
}

/** A single checkbox that must be ticked; the answer is `true`. Always required. */
export interface DeclarationField extends FieldBase {
  type: 'declaration';
  /** What the applicant confirms; the checkbox's label. */
  text: LocalizedText;
}

export interface EmailField extends FieldBase {
  /** Filled from the logged-in citizen's identity (ADR 0049). */
  prefill?: Prefill;
  type: 'email';
  required?: boolean;
  /**
   * The applicant's contact e-mail: when answered, the applicant gets a confirmation e-mail with
   * the sealed receipt attached (ADR 0041). At most one field of a definition, not in a repeating
   * group.
   */
  applicantContact?: boolean;
}

export interface PhoneField extends FieldBase {
  type: 'phone';
  required?: boolean;
}

/**
 * Options taken from a genericode code list (an XÖV list from XRepository) instead of being written
 * inline. Publishing resolves the reference from the code list directory and stores the list's
 * entries as the field's `options` in the published version (a snapshot), with `version` set to
 * the version that was used; a later change of the list changes no published version.
 */
export interface CodeListReference {
  /** The list's canonical URI, e.g. `urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:ags`. */
  uri: string;
  /** The list's version (genericode `Version`); without it, the version in the directory is used. */
  version?: string;
  /** Column whose value is stored; default: the list's key column. */
  codeColumn?: string;
  /** Column shown to people; default: the first column that is not the code column. */
  labelColumn?: string;
}

export interface SelectField extends FieldBase {
  type: 'select';
  required?: boolean;
  /** Inline options, or the snapshot of `codeList` in a published version. */
  options: Option[];
  codeList?: CodeListReference;
  /**
   * A searchable text input instead of a drop-down. Always so above 300 options (see
   * `LONG_LIST_THRESHOLD`); `true` asks for it for a shorter list too.
   */
  search?: boolean;
}

export interface RadioField extends FieldBase {
  type: 'radio';
  required?: boolean;
  options: Option[];
  codeList?: CodeListReference;
}

/** A list of checkboxes; the answer is the list of checked values. */
export interface CheckboxField extends FieldBase {
  type: 'checkbox';
  required?: boolean;
  options: Option[];
  codeList?: CodeListReference;
  minSelected?: number;
  maxSelected?: number;
}

export interface YesNoField extends FieldBase {
  type: 'yesno';
  required?: boolean;
}

/**
 * A German postal address in one group: street, house number, postcode, town and an optional
 * address supplement. Stored as a record `{street, houseNumber, postcode, city, supplement?}`.
 */
export interface AddressField extends FieldBase {
  /** Filled from the logged-in citizen's identity (ADR 0049). */
  prefill?: Prefill;
  type: 'address';
  required?: boolean;
}

/**
 * An address abroad: up to three free address lines (as written in that country) and the country
 * as an ISO 3166-1 alpha-2 code. Stored as a record `{line1, line2, line3?, country}`.
 */
export interface ForeignAddressField extends FieldBase {
  type: 'foreignAddress';
  required?: boolean;
}

/** Media types a `file` field may accept: the platform recognises these from a file's bytes. */
export const FILE_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type FileMediaType = (typeof FILE_MEDIA_TYPES)[number];
/** The platform ceiling of `maxSizeBytes` (10 MiB), and its default. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** The platform ceiling of `maxFiles`. */
export const MAX_FILES_PER_FIELD = 10;

/**
 * Documents the applicant uploads (a vehicle registration, a certificate). The answer is the list
 * of stored files, `[{id, name, mediaType, size, sha256}]`; the bytes are stored encrypted beside
 * the draft and belong to the submission once it is sent (ADR 0018). Not allowed inside a
 * repeating group item.
 */
export interface FileField extends FieldBase {
  type: 'file';
  required?: boolean;
  /** Allowed media types, recognised from the content (not the name); default: all of `FILE_MEDIA_TYPES`. */
  accept?: FileMediaType[];
  /** Largest file in bytes; default and ceiling `MAX_FILE_BYTES`. */
  maxSizeBytes?: number;
  /** Most files (1 to `MAX_FILES_PER_FIELD`); default 1. */
  maxFiles?: number;
}

/** A block of explanatory text; never produces an answer. */
export interface InfoField extends Identified {
  type: 'info';
  key: string;
  text: EasyText;
  showIf?: JsonLogicRule;
  fim?: FimReference;
}

/** Like `info`, shown as a warning. Both take a safe Markdown subset (see the reference docs). */
export interface WarningField extends Identified {
  type: 'warning';
  key: string;
  /** Heading of the warning; defaults to "Wichtiger Hinweis" / "Important". */
  title?: EasyText;
  text: EasyText;
  showIf?: JsonLogicRule;
  fim?: FimReference;
}

/**
 * A repeating group ("Kinder", "Fahrzeuge"): the same questions asked once per item, with items
 * added and removed by the citizen between `minItems` and `maxItems`. The answer is a list of
 * records, one per item, keyed by the item fields' keys (`kinder: [{vorname, geburtsdatum}]`).
 *
 * Item field keys are unique within the group and must not equal any key outside it, so inside an
 * item `{"var": "vorname"}` reads this item's answer and `{"var": "wohnort"}` an earlier answer
 * outside the group, without shadowing. Rules outside the group read the whole list
 * (`{"some": [{"var": "kinder"}, ...]}`). See ADR 0014.
 */
export interface GroupField extends Identified {
  type: 'group';
  key: string;
  /** The group's heading, e.g. "Kinder". */
  label: LocalizedText;
  hint?: EasyText;
  /** What one item is called, numbered on the page and in messages: "Kind" -> "Kind 2". */
  itemLabel: LocalizedText;
  /** Text of the add button; defaults to "<itemLabel> hinzufügen". */
  addLabel?: LocalizedText;
  /** Fewest items (default 0); with 1 or more the group must be answered. */
  minItems?: number;
  /** Most items; required, so pages and the data contract stay bounded. */
  maxItems: number;
  showIf?: JsonLogicRule;
  /** The questions of one item; no nested groups. */
  fields: ItemField[];
  fim?: FimReference;
}

/** Any field that may appear inside a repeating group item (everything but another group). */
export type ItemField = Exclude<Field, GroupField>;

export type Field =
  | GroupField
  | TextField
  | TextareaField
  | NumberField
  | DateField
  | EmailField
  | PhoneField
  | SelectField
  | RadioField
  | CheckboxField
  | YesNoField
  | InfoField
  | DecimalField
  | CurrencyField
  | TimeField
  | IbanField
  | BicField
  | PostcodeField
  | TaxIdField
  | LicensePlateField
  | DeclarationField
  | WarningField
  | AddressField
  | ForeignAddressField
  | FileField;

/** Text blocks (`info`, `warning`): no label, no answer; conditions cannot refer to them. */
export type BlockField = InfoField | WarningField;

export function isBlockField(field: Field): field is BlockField {
  return field.type === 'info' || field.type === 'warning';
}

export function isGroupField(field: Field): field is GroupField {
  return field.type === 'group';
}

export type FieldType = Field['type'];

export interface Step extends Identified {
  /** URL segment of the step; unique; `^[a-z0-9][a-z0-9-]*$`. */
  id: string;
  title: LocalizedText;
  description?: EasyText;
  /** The step applies only when the rule is truthy. */
  showIf?: JsonLogicRule;
  fields: Field[];
  /** Cross-field validations checked when this step is submitted (and again before submitting). */
  validations?: Validation[];
  fim?: FimReference;
}

/**
 * A cross-field validation: the rule must be truthy for the answers to be valid. It is checked
 * only when every field in `fields` is visible and answered (emptiness is `required`'s job), on the
 * step of the last of those fields, after that step's own field checks passed, and again when the
 * application is finalized.
 */
export interface Validation {
  /** Unique within the definition; `^[a-zA-Z][a-zA-Z0-9_]*$`. */
  id: string;
  /** JSON Logic; truthy means valid. May read answers and computed values. */
  rule: JsonLogicRule;
  /** Shown at the first field in `fields`, which the error summary links to. */
  message: LocalizedText;
  /** Answer fields the validation is about; at least one. */
  fields: string[];
}

/**
 * A value derived from answers (and other computed values), never entered by the citizen.
 * Conditions, validations and the fee read it like an answer, `{"var": "key"}`. It is stored with
 * the submission's answers (by `finalize`) so staff see what the rules saw.
 */
export interface ComputedValue {
  /** Unique among field keys and computed keys; `^[a-zA-Z][a-zA-Z0-9_]*$`. */
  key: string;
  rule: JsonLogicRule;
  /** Optional label for documentation and the data schema's title. */
  label?: LocalizedText;
}

/** The fee of an application, computed from the answers. */
export interface Fee {
  /**
   * JSON Logic giving a whole, non-negative number of euro-cents. Checked at publish time: rules
   * that can produce fractions (`/`, decimals), negatives or a missing value are refused.
   */
  rule: JsonLogicRule;
  /** What the fee is, e.g. "Hundesteuer pro Jahr". */
  label: LocalizedText;
}

/**
 * The municipality's local settings (ADR 0023): what it adapts when it copies a service and what a
 * citizen's application depends on, so they are versioned with the definition. Kept apart from the
 * shared content so that a copy replaces them and a merge of the origin's improvements leaves them.
 */
export interface LocalSettings {
  /** The office responsible for the service, with its contact details. */
  office: Office;
  /** The fee, in euro-cents, shown on the check page and returned by `finalize`. */
  fee?: Fee;
  /** What it costs, as text for the start page (e.g. "kostenlos", "Hundesteuer: 108 € im Jahr"). */
  cost?: EasyText;
  /**
   * What happens after the application is sent, shown on the confirmation page ("Wie es
   * weitergeht"): who processes it, how long that takes, how the citizen hears back. A local
   * setting, as processing and its times are the office's. Without it a general text is shown.
   */
  nextSteps?: EasyText;
  /**
   * Citizen identity (ADR 0036): the Vertrauensniveau the applicant must be logged in with, from
   * the start of the application to its submission. Absent: no login is needed.
   */
  identity?: Identity;
}

/** What a service requires of the applicant's identity (ADR 0036, ADR 0048). */
export interface Identity {
  /** The Vertrauensniveau the applicant must be logged in with. */
  level: AssuranceLevel;
  /**
   * The online application replaces a written form the law requires (Schriftformersatz, § 3a
   * VwVfG, § 9a OZG, ADR 0048): the submit is refused without a login at `level`, publishing
   * refuses a level below the installation's minimum, and the applicant is told so before and
   * after sending. Absent or false: an ordinary application.
   */
  schriftformersatz?: boolean;
}

export interface ServiceDefinition {
  /** Version of this format; currently 2 (format 1 is migrated when read, `format-migration.ts`). */
  formatVersion: 2;
  /** Stable slug of the service within its tenant; used in URLs. */
  id: string;
  title: LocalizedText;
  /** One sentence for the catalog, also the start page's lead. */
  summary: EasyText;
  /** 14-digit LeiKa-Schlüssel of the federal service catalogue. */
  leikaKey?: string;
  startPage?: StartPage;
  /** Text the applicant confirms before submitting. */
  declaration: LocalizedText;
  steps: Step[];
  /** Values derived from answers; see `ComputedValue`. */
  computed?: ComputedValue[];
  /** Cross-field validations over several steps; checked on the step of their last field. */
  validations?: Validation[];
  /** Designer documentation, e.g. FIM rules kept for review; not shown to applicants. */
  notes?: Note[];
  /** Values that must be replaced before publishing; see `Placeholder`. */
  placeholders?: Placeholder[];
  /** The municipality's local settings; see `LocalSettings`. */
  local: LocalSettings;
}

/**
 * Answer values as stored: strings, numbers, booleans, ISO dates as strings, lists of strings, a
 * record of parts (a composite field such as an address) and a list of records (the items of a
 * repeating group).
 */
export type AnswerValue = string | number | boolean | string[] | AnswerRecord | AnswerRecord[];
/** The parts of a composite answer or one item of a repeating group, keyed like answers. */
export interface AnswerRecord {
  readonly [key: string]: AnswerValue;
}
export type Answers = Record<string, AnswerValue>;

/** Pick the text for a locale, falling back to German. */
export function localize(text: LocalizedText | undefined, locale: Locale): string {
  if (!text) return '';
  return (locale === 'en' ? text.en : undefined) ?? text.de;
}
