/**
 * The computed values people should see: those with a `label`, formatted for humans. Computed
 * values without a label are the designer's helpers (intermediate steps of a fee rule, say) and
 * stay out of sight, though they are stored with the submission like the others.
 *
 * Shown on the check page and in the caseworker's submission view in a section of their own, never
 * with an "Ändern" link: nobody enters them, they follow from the answers.
 */
import type { Answers, Locale, ServiceDefinition } from '../definition/types.ts';
import { localize } from '../definition/types.ts';
import type { SummaryRow } from './model.ts';
import { text } from './texts.ts';

const numbers: Record<Locale, Intl.NumberFormat> = {
  de: new Intl.NumberFormat('de-DE', { maximumFractionDigits: 10 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 10 }),
};

/** A stored computed value as text; undefined for a value that says nothing (null, empty). */
export function formatComputedValue(value: unknown, locale: Locale): string | undefined {
  if (typeof value === 'boolean') return text(locale, value ? 'answer.yes' : 'answer.no');
  if (typeof value === 'number') return Number.isFinite(value) ? numbers[locale].format(value) : undefined;
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return value.length === 0 ? undefined : value.join(', ');
  }
  // null, undefined, or a shape `storable` in logic.ts never produces: nothing to show.
  return undefined;
}

/**
 * One row per labelled computed value present in `data` (answers with the computed values added,
 * as `finalize` returns them and as they are stored), in definition order.
 */
export function summarizeComputed(
  definition: ServiceDefinition,
  data: Answers,
  locale: Locale,
): SummaryRow[] {
  const rows: SummaryRow[] = [];
  for (const computed of definition.computed ?? []) {
    if (!computed.label) continue;
    const value = formatComputedValue(data[computed.key], locale);
    if (value === undefined) continue;
    rows.push({ key: computed.key, label: localize(computed.label, locale), value });
  }
  return rows;
}
