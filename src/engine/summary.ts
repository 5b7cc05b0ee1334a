/** The check-your-answers sections: applicable steps, visible answer fields, formatted values. */
import {
  type Answers,
  type AnswerValue,
  isBlockField,
  type Locale,
  type LocalizedText,
  localize,
} from '../definition/types.ts';
import type { CompiledGroup } from './compiled.ts';
import { visibleInItem } from './group/items.ts';
import { itemName } from './group/messages.ts';
import { itemFieldKey, itemHeadingId } from './group/names.ts';
import { isRecord, itemsOf } from './group/records.ts';
import type { SummaryItem, SummarySection } from './model.ts';
import { text } from './texts.ts';
import type { Walk } from './walk.ts';

export function summarize(walked: Walk, locale: Locale): SummarySection[] {
  const sections: SummarySection[] = [];
  for (const visit of walked.visits) {
    if (!visit.applies) continue;
    const rows = [];
    for (const cf of visit.visible) {
      if (!cf.answers || isBlockField(cf.field)) continue;
      const value = walked.kept[cf.field.key];
      const empty = value === undefined || cf.handler.isEmpty(value);
      rows.push({
        key: cf.field.key,
        label: localize(cf.field.label, locale),
        value: empty ? text(locale, 'answer.notProvided') : cf.handler.format(cf.field, value, locale),
        ...(cf.group && !empty && { items: itemRows(cf.group, value, walked.kept, locale) }),
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

/** One block per item: its shown answer fields, keyed by their inputs on the step page. */
function itemRows(cg: CompiledGroup, value: AnswerValue, kept: Answers, locale: Locale): SummaryItem[] {
  const group = cg.field;
  return (itemsOf(value) ?? []).map((item, i) => {
    const n = i + 1;
    const shown = visibleInItem(cg, isRecord(item) ? item : {}, kept);
    const rows = cg.children.flatMap((cf, c) => {
      if (!cf.answers || !shown[c]) return [];
      const v = item[cf.field.key];
      return [
        {
          key: itemFieldKey(group.key, n, cf.field.key),
          label: localize((cf.field as { label: LocalizedText }).label, locale),
          value:
            v === undefined || cf.handler.isEmpty(v)
              ? text(locale, 'answer.notProvided')
              : cf.handler.format(cf.field, v, locale),
        },
      ];
    });
    return { title: localize(itemName(group, n), locale), headingId: itemHeadingId(group.key, n), rows };
  });
}
