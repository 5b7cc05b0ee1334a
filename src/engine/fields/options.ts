/** Lookups on a field's options, built once per options list (definitions are immutable). */
import { type Locale, localize, type Option } from '../../definition/types.ts';

const cache = new WeakMap<readonly Option[], Map<string, Option>>();

function byValue(options: readonly Option[]): Map<string, Option> {
  let map = cache.get(options);
  if (!map) {
    map = new Map(options.map((o) => [o.value, o]));
    cache.set(options, map);
  }
  return map;
}

export function hasOption(options: readonly Option[], value: string): boolean {
  return byValue(options).has(value);
}

/** The option's label with its detail, if any: "Buchholz (Dithmarschen, Schleswig-Holstein)". */
export function labelWithDetail(option: Option, locale: Locale): string {
  const label = localize(option.label, locale);
  return option.detail ? `${label} (${localize(option.detail, locale)})` : label;
}

/** The option's label (with its detail); an unknown code is shown as is rather than hidden. */
export function optionLabel(options: readonly Option[], value: string, locale: Locale): string {
  const option = byValue(options).get(value);
  return option ? labelWithDetail(option, locale) : value;
}

/** The stored codes of the options, in definition order (the `enum` of the data schema). */
export function optionValues(options: readonly Option[]): string[] {
  return options.map((o) => o.value);
}
