/**
 * `info`: explanatory text between questions; has no input and never produces an answer. The text
 * is the safe Markdown subset of `markdown.ts` (paragraphs, bold, italic, bullet lists, links).
 */
import type { InfoField } from '../../definition/types.ts';
import { localize } from '../../definition/types.ts';
import { html } from '../../lib/html.ts';
import type { FieldTypeHandler } from './contract.ts';
import { renderMarkdown } from './markdown.ts';

export const infoField: FieldTypeHandler<InfoField, never> = {
  type: 'info',
  parse: () => ({ value: undefined, rawKept: {} }),
  validate: () => null,
  isEmpty: () => true,
  format: () => '',
  dataSchema: () => null,
  view(input) {
    // Blank lines separate paragraphs; anything but the Markdown subset is escaped as text.
    return html`<div id="field-${input.field.key}">${renderMarkdown(localize(input.field.text, input.locale))}</div>`;
  },
};
