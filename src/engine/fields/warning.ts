/**
 * `warning`: like `info`, a block of text without an answer, shown as a KERN warning alert. The
 * text is the safe Markdown subset of `markdown.ts`.
 */
import type { WarningField } from '../../definition/types.ts';
import { localize } from '../../definition/types.ts';
import { html } from '../../lib/html.ts';
import { text } from '../texts.ts';
import type { FieldTypeHandler } from './contract.ts';
import { renderMarkdown } from './markdown.ts';

export const warningField: FieldTypeHandler<WarningField, never> = {
  type: 'warning',
  parse: () => ({ value: undefined, rawKept: {} }),
  validate: () => null,
  isEmpty: () => true,
  format: () => '',
  dataSchema: () => null,
  view(input) {
    const { field, locale } = input;
    const title = field.title ? localize(field.title, locale) : text(locale, 'warning.title');
    // No live-region role: the warning is part of the page, not news announced while filling in.
    return html`<div class="kern-alert kern-alert--warning" id="field-${field.key}"><div class="kern-alert__header"><span class="kern-icon kern-icon--warning" aria-hidden="true"></span><p class="kern-title">${title}</p></div><div class="kern-alert__body">${renderMarkdown(localize(field.text, locale))}</div></div>`;
  },
};
