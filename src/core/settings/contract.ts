/**
 * The contract of an operational setting kind (ADR 0024): what the municipality configures outside
 * the service definition, changed without publishing a version. One kind is one entry of the
 * registry (`registry.ts`); the compiler proves every kind has a schema that matches its options,
 * a default and a list of its secret options.
 */
import type { JSONSchemaType } from 'ajv/dist/2020.js';

/** Tenant-wide (one value per municipality) or per service (one value per Leistung). */
export type SettingScope = 'tenant' | 'service';

/**
 * Options are flat: whole numbers, yes/no and texts. Flat options can be typed into a form without
 * JavaScript, and a secret is always one text.
 */
export type OptionValue = number | boolean | string;
export type SettingOptions = { [name: string]: OptionValue };

export interface SettingKind<Options extends SettingOptions> {
  scope: SettingScope;
  /** Checked with Ajv when an admin saves, and again whenever the stored value is read for use. */
  schema: JSONSchemaType<Options>;
  /**
   * Options that are secrets (passwords, tokens): stored encrypted with the tenant's data key,
   * never shown back (only whether they are set), replaced only by typing a new value. Texts only.
   */
  secrets: ReadonlyArray<StringOptionName<Options>>;
  /** What applies while nothing is stored. A secret's default is `''` (not set). */
  defaults: Options;
}

/** The names of the text options of `Options` (the only ones that may be secrets). */
export type StringOptionName<Options> = {
  [K in keyof Options & string]: Options[K] extends string ? K : never;
}[keyof Options & string];

/** Any kind, as the code that handles kinds generically (checks, storage, forms) sees it. */
export interface AnySettingKind {
  scope: SettingScope;
  schema: object;
  secrets: readonly string[];
  defaults: SettingOptions;
}

export type OptionsOf<Kind> = Kind extends SettingKind<infer Options> ? Options : never;
