/** The check-your-answers sections: applicable steps, visible answer fields, formatted values. */
import { isBlockField, type Locale, localize } from '../definition/types.ts';
import type { SummarySection } from './model.ts';
import type { Walk } from './walk.ts';

const NOT_PROVIDED: Record<Locale, string> = { de: 'Keine Angabe', en: 'Not provided' };

export function summarize(walked: Walk, locale: Locale): SummarySection[] {
  const sections: SummarySection[] = [];
  for (const visit of walked.visits) {
    if (!visit.applies) continue;
    const rows = [];
    for (const cf of visit.visible) {
      if (!cf.answers || isBlockField(cf.field)) continue;
      const value = walked.kept[cf.field.key];
      rows.push({
        key: cf.field.key,
        label: localize(cf.field.label, locale),
        value:
          value === undefined || cf.handler.isEmpty(value)
            ? NOT_PROVIDED[locale]
            : cf.handler.format(cf.field, value, locale),
      });
    }
    sections.push({
      stepId: visit.compiled.step.id,
      title: localize(visit.compiled.step.title, locale),
      rows,
    });
  }
  return sections;
}
