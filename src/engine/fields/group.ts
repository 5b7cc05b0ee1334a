/**
 * `group`: a repeating group. The answer is a list of records, one per item. This module owns what
 * is true of the group as a whole: its shape, the number of items, formatting, the data contract
 * and the markup (one fieldset per item, add and remove buttons that work without JavaScript).
 *
 * Item fields keep their own handlers, used under the item's input names (`group/names.ts`).
 * Their conditions need the answers outside the group, which a handler does not see, so the
 * compiled model parses and validates items field by field (`group/items.ts`); `parse` and
 * `validate` here are the condition-free baseline: every item field, and the item count.
 */
import { isRequired } from '../../definition/required.ts';
import {
  type AnswerRecord,
  type AnswerValue,
  type Field,
  type GroupField,
  type ItemField,
  isBlockField,
  localize,
} from '../../definition/types.ts';
import { html, type SafeHtml, unsafeRaw } from '../../lib/html.ts';
import { actionValue } from '../group/actions.ts';
import { groupMsg, itemName } from '../group/messages.ts';
import { countName, itemField, itemHeadingId, postedCount, shownName } from '../group/names.ts';
import { itemsOf } from '../group/records.ts';
import type { FieldViewInput } from '../model.ts';
import { everyLanguage, phrases, text } from '../texts.ts';
import type { FieldTypeHandler, JsonSchema } from './contract.ts';
import { errorHtml, hintHtml } from './view-parts.ts';

/** The group handler; item fields' handlers come from the registry, passed in to avoid an import cycle. */
export function groupField(
  handlerOf: (field: Field) => FieldTypeHandler,
): FieldTypeHandler<GroupField, AnswerRecord[]> {
  const answerFields = (group: GroupField) => group.fields.filter((f) => !isBlockField(f));

  return {
    type: 'group',
    parse(field, raw) {
      const count = postedCount(field, raw);
      const items: AnswerRecord[] = [];
      for (let n = 1; n <= count; n++) {
        const item: Record<string, AnswerValue> = {};
        for (const child of answerFields(field)) {
          const parsed = handlerOf(child).parse(itemField(child, field.key, n), raw);
          if (parsed.value !== undefined) item[child.key] = parsed.value;
        }
        items.push(item);
      }
      const prefix = `${field.key}-`;
      const rawKept = Object.fromEntries(Object.entries(raw).filter(([name]) => name.startsWith(prefix)));
      return { value: items.length > 0 ? items : undefined, rawKept };
    },
    validate(field, value) {
      const min = field.minItems ?? 0;
      if (value === undefined) return min > 0 ? groupMsg.tooFew(min) : null;
      const items = itemsOf(value);
      if (!items) return groupMsg.notAList();
      if (items.length < min) return groupMsg.tooFew(min);
      if (items.length > field.maxItems) return groupMsg.tooMany(field.maxItems);
      return null;
    },
    isEmpty: (value) => value === undefined || !Array.isArray(value) || value.length === 0,
    /** One line per item: "Kind 1: Vorname: Lena; Geburtsdatum: 01.02.2015" (inbox, PDF, exports). */
    format(field, value, locale) {
      const items = itemsOf(value);
      if (!items) return '';
      return items
        .map((item, i) => {
          const parts = answerFields(field).flatMap((child) => {
            const v = item[child.key];
            const h = handlerOf(child);
            if (v === undefined || h.isEmpty(v)) return [];
            return [`${localize(child.label, locale)}: ${h.format(child, v, locale)}`];
          });
          return `${localize(itemName(field, i + 1), locale)}: ${parts.join('; ')}`;
        })
        .join('\n');
    },
    dataSchema(field) {
      const properties: Record<string, JsonSchema> = {};
      const required: string[] = [];
      for (const child of answerFields(field)) {
        const schema = handlerOf(child).dataSchema(child);
        if (schema === null) continue;
        properties[child.key] = {
          title: child.label.de,
          ...(child.hint && { description: child.hint.de }),
          ...schema,
        };
        // Present in every item only when nothing can hide it or make it optional.
        const always =
          isRequired(child) &&
          child.showIf === undefined &&
          !('requiredIf' in child && child.requiredIf !== undefined);
        if (always) required.push(child.key);
      }
      return {
        type: 'array',
        // No items is no answer: the key is then absent, never an empty list.
        minItems: Math.max(1, field.minItems ?? 0),
        maxItems: field.maxItems,
        items: {
          type: 'object',
          title: field.itemLabel.de,
          properties,
          ...(required.length > 0 && { required }),
          // An item with no answer at all is refused (see group/items.ts).
          minProperties: 1,
          additionalProperties: false,
        },
      };
    },
    view(input) {
      return groupView(input, handlerOf);
    },
  };
}

function groupView(
  input: FieldViewInput & { field: GroupField },
  handlerOf: (field: Field) => FieldTypeHandler,
): SafeHtml {
  const { field: group, locale } = input;
  const min = group.minItems ?? 0;
  const stored = itemsOf(input.value) ?? [];
  // What the page showed (when shown again with the posted input) or what is stored; never fewer than minItems.
  const count = Math.min(
    group.maxItems,
    Math.max(min, input.raw ? postedCount(group, input.raw) : stored.length),
  );
  const errors = input.errors ?? (input.error ? [input.error] : []);
  const errorAt = new Map(errors.map((e) => [e.inputId, e]));
  const groupId = `field-${group.key}`;
  const groupError = errorAt.get(groupId);
  const label = localize(group.label, locale);
  const item = (n: number) => localize(itemName(group, n), locale);
  const hintId = `${groupId}-hint`;
  const errorId = `${groupId}-error`;

  const items: SafeHtml[] = [];
  const shown: string[] = [];
  for (let n = 1; n <= count; n++) {
    const values = stored[n - 1] ?? {};
    const headingId = itemHeadingId(group.key, n);
    const children = group.fields.map((child: ItemField, c) => {
      if (input.itemVisible && !input.itemVisible(n, c)) return '';
      const renamed = itemField(child, group.key, n);
      shown.push(renamed.key);
      const inputId = `field-${renamed.key}`;
      // An address in an item has an error at each missing part (`field-kinder-2-anschrift-city`).
      const own = errors.filter((e) => e.inputId === inputId || e.inputId.startsWith(`${inputId}-`));
      return html`<div data-aw-item-field="${renamed.key}">${handlerOf(renamed).view({
        field: renamed,
        value: values[child.key],
        raw: input.raw,
        error: own[0],
        errors: own,
        locale,
        ...(input.suggestionsUrl && { suggestionsUrl: input.suggestionsUrl }),
      })}</div>`;
    });
    const remove =
      count > min
        ? html`<div class="aw-actions"><button type="submit" class="kern-btn kern-btn--tertiary" name="_aw_action" value="${actionValue({ kind: 'remove', group: group.key, item: n })}"><span class="kern-label">${phrases.groupRemove(itemName(group, n))[locale]}</span></button></div>`
        : '';
    items.push(html`<fieldset class="kern-fieldset aw-group-item">
  <legend><h3 class="kern-heading-small aw-group-item__heading" id="${headingId}" tabindex="-1"${input.focusItem === n ? unsafeRaw(' autofocus') : ''}>${item(n)}</h3></legend>
  <div class="kern-fieldset__body">${children}</div>
  ${remove}
</fieldset>`);
  }
  const add =
    count < group.maxItems
      ? html`<button type="submit" class="kern-btn kern-btn--secondary" name="_aw_action" value="${actionValue({ kind: 'add', group: group.key })}"><span class="kern-label">${group.addLabel ? localize(group.addLabel, locale) : phrases.groupAdd(everyLanguage(group.itemLabel))[locale]}</span></button>`
      : html`<p class="kern-body">${phrases.groupMax(group.maxItems)[locale]}</p>`;
  const described = [group.hint ? hintId : '', groupError ? errorId : ''].filter(Boolean).join(' ');
  return html`<section class="aw-group" aria-labelledby="${groupId}"${described ? html` aria-describedby="${described}"` : ''}>
  <h2 class="kern-heading-medium" id="${groupId}" tabindex="-1"${input.focusItem === 0 ? unsafeRaw(' autofocus') : ''}>${label}</h2>
  ${hintHtml(group.hint, locale, hintId)}
  ${errorHtml(groupError, locale, errorId)}
  <input type="hidden" name="${countName(group.key)}" value="${String(count)}">
  <input type="hidden" name="${shownName(group.key)}" value="${shown.join(',')}">
  ${count === 0 ? html`<p class="kern-body">${text(locale, 'group.none')}</p>` : ''}
  ${items}
  <div class="aw-actions">${add}</div>
</section>`;
}
