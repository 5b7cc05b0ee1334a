/**
 * The conflicts of a three-way merge (`definition/merge.ts`) as sentences, like the readable diff
 * (`definition-changes.ts`): the element in conflict with its names emphasised, what both sides
 * did, and what the designer can do. Used where merge conflicts are decided (Service-Design).
 */
import type { ConflictSubject, MergeConflict } from '../../definition/merge-conflict.ts';
import { type Locale, localize } from '../../definition/types.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import { isMessageKey, tHtml } from '../i18n.ts';
import { fieldName } from './definition-changes.ts';

/** A property's name in words, or the property itself as code when it has none. */
function propertyName(property: string, l: Locale): SafeHtml {
  const key = `merge.property.${property}`;
  return isMessageKey(key) ? tHtml(l, key, {}) : html`<code>${property}</code>`;
}

/** The element a conflict is about, as the start of its sentence. */
export function conflictSubject(subject: ConflictSubject, l: Locale): SafeHtml {
  const code = (text: string) => html`<code>${text}</code>`;
  switch (subject.kind) {
    case 'service':
      return tHtml(l, 'merge.subject.service', { property: propertyName(subject.property, l) });
    case 'steps':
      return tHtml(l, 'merge.subject.steps', {});
    case 'step': {
      const step = html`<em>${localize(subject.step.title, l)}</em>`;
      return subject.property === undefined
        ? tHtml(l, 'merge.subject.step', { step })
        : tHtml(l, 'merge.subject.stepProperty', { step, property: propertyName(subject.property, l) });
    }
    case 'field': {
      const field = fieldName(subject.field, l);
      if (subject.option !== undefined) {
        const option = code(subject.option);
        return subject.property === undefined
          ? tHtml(l, 'merge.subject.option', { field, option })
          : tHtml(l, 'merge.subject.optionProperty', {
              field,
              option,
              property: propertyName(subject.property, l),
            });
      }
      return subject.property === undefined
        ? tHtml(l, 'merge.subject.field', { field })
        : tHtml(l, 'merge.subject.fieldProperty', { field, property: propertyName(subject.property, l) });
    }
    case 'validation':
      return subject.property === undefined
        ? tHtml(l, 'merge.subject.validation', { id: code(subject.id) })
        : tHtml(l, 'merge.subject.validationProperty', {
            id: code(subject.id),
            property: propertyName(subject.property, l),
          });
    case 'computed':
      return subject.property === undefined
        ? tHtml(l, 'merge.subject.computed', { key: code(subject.key) })
        : tHtml(l, 'merge.subject.computedProperty', {
            key: code(subject.key),
            property: propertyName(subject.property, l),
          });
    case 'definition':
      return html``;
  }
}

/** One conflict as a sentence: what, what happened on both sides, what to do. */
export function describeConflict(conflict: MergeConflict, l: Locale): SafeHtml {
  if (conflict.reason === 'check-failed') {
    return tHtml(l, 'merge.conflict.check-failed', { count: conflict.problems?.length ?? 0 });
  }
  return tHtml(l, `merge.conflict.${conflict.reason}`, { what: conflictSubject(conflict.subject, l) });
}

/** The whole list; a sentence saying so when there is nothing to decide. */
export function conflictList(conflicts: readonly MergeConflict[], l: Locale, id = 'conflicts'): SafeHtml {
  if (conflicts.length === 0)
    return html`<p class="kern-body" id="${id}">${tHtml(l, 'merge.conflict.none', {})}</p>`;
  return html`<ul class="kern-list kern-list--bullet" id="${id}">${conflicts.map(
    (c) => html`<li>${describeConflict(c, l)}</li>`,
  )}</ul>`;
}
