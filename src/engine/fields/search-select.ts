/**
 * The searchable input of a `select` with a long list (more than LONG_LIST_THRESHOLD options, or
 * `search: true`): never a drop-down with thousands of options, and never the whole list sent to
 * the browser.
 *
 * Without JavaScript it is a text input; the server matches what was typed (option-search.ts).
 * Exactly one match is taken. Several matches show, on the same step, a short list of radios
 * (`<key>-choice`) to pick from; none gives a polite error. With JavaScript the browser adds
 * suggestions from the service's JSON endpoint to a native `<datalist>` (web/client/search.ts);
 * the input says where with `data-aw-options`, a URL the caller gives (`suggestionsUrl`).
 */

import { LONG_LIST_THRESHOLD } from '../../definition/long-list.ts';
import type { Field, SelectField, ServiceDefinition } from '../../definition/types.ts';
import { attr, html, type SafeHtml } from '../../lib/html.ts';
import type { FieldViewInput, RawInput } from '../model.ts';
import { text as uiText } from '../texts.ts';
import { choiceList } from './choice-view.ts';
import type { ParsedInput } from './contract.ts';
import { msg } from './messages.ts';
import { type MatchResult, matchOptions, optionText } from './option-search.ts';
import { keepRaw, rawString } from './raw.ts';
import { INVALID_ATTR, singleControl } from './view-parts.ts';

export function isSearchable(field: SelectField): boolean {
  return field.search === true || field.options.length > LONG_LIST_THRESHOLD;
}

export function choiceName(key: string): string {
  return `${key}-choice`;
}

/** What the typed text (and a picked match) mean. Pure, so the view can work it out again. */
function understand(field: SelectField, raw: RawInput | undefined): { text: string; result: MatchResult } {
  const text = (rawString(raw, field.key) ?? '').trim();
  const choice = rawString(raw, choiceName(field.key));
  const result = matchOptions(field.options, text);
  // A match picked from the list stands, unless the text was changed to mean something else.
  const picked = choice === undefined ? undefined : field.options.find((o) => o.value === choice);
  if (picked) {
    const stillOffered = result.kind === 'several' && result.options.some((o) => o.value === picked.value);
    if (text === '' || stillOffered) return { text, result: { kind: 'one', option: picked } };
  }
  return { text, result };
}

export function parseSearch(field: SelectField, raw: RawInput): ParsedInput<string> {
  const rawKept = keepRaw(raw, [field.key, choiceName(field.key)]);
  const { text, result } = understand(field, raw);
  switch (result.kind) {
    case 'empty':
      return { value: undefined, rawKept };
    case 'one':
      return { value: result.option.value, rawKept };
    case 'none':
      return { value: undefined, rawKept, invalid: msg.searchNoMatch(text) };
    case 'several':
      return {
        value: undefined,
        rawKept,
        invalid: msg.searchSeveral(text, result.options.length, result.total),
      };
  }
}

export function searchView(input: FieldViewInput & { field: SelectField }): SafeHtml {
  const { field, locale } = input;
  let shown: string | undefined;
  let matches: SafeHtml | string = '';
  if (input.raw) {
    const { result } = understand(field, input.raw);
    shown = rawString(input.raw, field.key);
    if (result.kind === 'several') {
      const picked = rawString(input.raw, choiceName(field.key));
      const choices = result.options.map((o) => ({
        value: o.value,
        label: optionText(field.options, o, locale),
        checked: o.value === picked,
      }));
      matches = html`<fieldset class="kern-fieldset aw-matches"><legend class="kern-label">${uiText(locale, 'choice.matches')}</legend><div class="kern-fieldset__body">${choiceList('radio', choiceName(field.key), choices, false)}</div></fieldset>`;
    }
  } else if (typeof input.value === 'string') {
    const option = field.options.find((o) => o.value === input.value);
    shown = option ? optionText(field.options, option, locale) : input.value;
  }
  const control = singleControl(
    input,
    (c) =>
      html`<input class="kern-form-input__input${c.invalid ? ' kern-form-input__input--error' : ''}" id="${c.id}" name="${c.name}" type="text" autocomplete="off" spellcheck="false"${attr('data-aw-options', input.suggestionsUrl?.(field.key))}${attr('value', shown)}${attr('aria-describedby', c.describedBy)}${c.invalid ? INVALID_ATTR : ''}>`,
  );
  return html`${control}${matches}`;
}

/**
 * The definition as the browser gets it: searchable lists without their options (`search: true`
 * keeps the view a searchable input), so a page never carries thousands of entries. The browser
 * leaves those fields to the server (`checkedInBrowser` in engine/browser-needs.ts).
 */
export function withoutLongLists(definition: ServiceDefinition): ServiceDefinition {
  const long = (f: Field) => f.type === 'select' && isSearchable(f);
  if (!definition.steps.some((s) => s.fields.some(long))) return definition;
  return {
    ...definition,
    steps: definition.steps.map((step) =>
      step.fields.some(long)
        ? {
            ...step,
            fields: step.fields.map((f) =>
              f.type === 'select' && long(f) ? { ...f, options: [], search: true } : f,
            ),
          }
        : step,
    ),
  };
}
