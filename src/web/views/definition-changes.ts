/**
 * The readable diff of two definitions (`definition/diff.ts`) as sentences: one list item per
 * change, names emphasised, in the reader's language. Used before publishing (Service-Design) and,
 * with the network catalog, for what changed upstream.
 */
import type { DefinitionChange, FieldRef, StepRef } from '../../definition/diff.ts';
import { type Locale, type LocalizedText, localize } from '../../definition/types.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import { type MessageKey, tHtml } from '../i18n.ts';

const name = (text: LocalizedText | string, l: Locale): SafeHtml =>
  html`<em>${typeof text === 'string' ? text : localize(text, l)}</em>`;

/** A field's emphasised label, with its repeating group when it is an item field. */
export function fieldName(field: FieldRef, l: Locale): SafeHtml {
  if (!field.group) return name(field.label, l);
  return tHtml(l, 'change.field.inGroup', { field: name(field.label, l), group: name(field.group.label, l) });
}

const stepName = (step: StepRef, l: Locale) => name(step.title, l);

const asText = (value: unknown, l: Locale): string =>
  typeof value === 'object' && value !== null ? localize(value as LocalizedText, l) : String(value ?? '');

function fieldChange(change: Extract<DefinitionChange, { kind: 'field-changed' }>, l: Locale): SafeHtml {
  const field = fieldName(change.field, l);
  switch (change.aspect) {
    case 'key':
    case 'type':
      return tHtml(l, `change.field.${change.aspect}`, {
        field,
        from: html`<code>${asText(change.from, l)}</code>`,
        to: html`<code>${asText(change.to, l)}</code>`,
      });
    case 'label':
      return tHtml(l, 'change.field.label', {
        field,
        from: asText(change.from, l),
        to: asText(change.to, l),
      });
    case 'required':
      return tHtml(l, change.to === true ? 'change.field.required' : 'change.field.optional', { field });
    case 'options': {
      const details: SafeHtml[] = [];
      const list = (key: MessageKey, values: string[] | undefined) => {
        if (values && values.length > 0)
          details.push(
            tHtml(l, key, { values: values.map((v, i) => html`${i > 0 ? ', ' : ''}<code>${v}</code>`) }),
          );
      };
      list('change.field.optionsAdded', change.added);
      list('change.field.optionsRemoved', change.removed);
      list('change.field.optionsRelabelled', change.relabelled);
      return tHtml(l, 'change.field.options', {
        field,
        details: details.map((d, i) => html`${i > 0 ? '; ' : ''}${d}`),
      });
    }
    case 'settings':
      return tHtml(l, 'change.field.settings', {
        field,
        properties: (change.properties ?? []).map((p, i) => html`${i > 0 ? ', ' : ''}<code>${p}</code>`),
      });
    case 'hint':
    case 'condition':
    case 'requiredCondition':
    case 'text':
      return tHtml(l, `change.field.${change.aspect}`, { field });
  }
}

/** One change as a sentence. */
export function describeChange(change: DefinitionChange, l: Locale): SafeHtml {
  switch (change.kind) {
    case 'service-changed':
      return tHtml(l, `change.service.${change.aspect}`, {});
    case 'step-added':
      return tHtml(l, 'change.step.added', { step: stepName(change.step, l), position: change.position + 1 });
    case 'step-removed':
      return tHtml(l, 'change.step.removed', { step: stepName(change.step, l) });
    case 'step-changed':
      return tHtml(l, `change.step.${change.aspect}`, { step: stepName(change.step, l) });
    case 'steps-reordered':
      return tHtml(l, 'change.steps.reordered', {});
    case 'field-added':
      return tHtml(l, 'change.field.added', {
        field: fieldName(change.field, l),
        step: stepName(change.step, l),
      });
    case 'field-removed':
      return tHtml(l, 'change.field.removed', {
        field: fieldName(change.field, l),
        step: stepName(change.step, l),
      });
    case 'field-moved':
      return tHtml(l, 'change.field.moved', {
        field: fieldName(change.field, l),
        from: stepName(change.from, l),
        to: stepName(change.to, l),
      });
    case 'field-changed':
      return fieldChange(change, l);
    case 'fields-reordered':
      return tHtml(l, 'change.fields.reordered', { step: stepName(change.step, l) });
    case 'validation-added':
    case 'validation-removed':
    case 'validation-changed':
      return tHtml(
        l,
        `change.validation.${change.kind.slice('validation-'.length) as 'added' | 'removed' | 'changed'}`,
        {
          id: html`<code>${change.id}</code>`,
        },
      );
    case 'computed-added':
    case 'computed-removed':
    case 'computed-changed':
      return tHtml(
        l,
        `change.computed.${change.kind.slice('computed-'.length) as 'added' | 'removed' | 'changed'}`,
        {
          key: html`<code>${change.key}</code>`,
        },
      );
    case 'fee-added':
      return tHtml(l, 'change.fee.added', {});
    case 'fee-removed':
      return tHtml(l, 'change.fee.removed', {});
    case 'fee-changed':
      return tHtml(l, `change.fee.${change.aspect}`, {});
  }
}

/** The whole list; a sentence saying so when there is nothing. */
export function changeList(changes: readonly DefinitionChange[], l: Locale, id = 'changes'): SafeHtml {
  if (changes.length === 0) return html`<p class="kern-body" id="${id}">${tHtml(l, 'change.none', {})}</p>`;
  return html`<ul class="kern-list kern-list--bullet" id="${id}">${changes.map(
    (c) => html`<li>${describeChange(c, l)}</li>`,
  )}</ul>`;
}
