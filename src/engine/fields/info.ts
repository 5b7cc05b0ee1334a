/** `info`: explanatory text between questions; has no input and never produces an answer. */
import type { InfoField } from '../../definition/types.ts';
import { localize } from '../../definition/types.ts';
import { html } from '../../lib/html.ts';
import type { FieldTypeHandler } from './contract.ts';

const PARAGRAPH_BREAK = /\n\s*\n/;

export const infoField: FieldTypeHandler<InfoField, never> = {
  type: 'info',
  parse: () => ({ value: undefined, rawKept: {} }),
  validate: () => null,
  isEmpty: () => true,
  format: () => '',
  view(input) {
    // Blank lines separate paragraphs; the text is escaped like everything else.
    const paragraphs = localize(input.field.text, input.locale).split(PARAGRAPH_BREAK);
    return html`<div id="field-${input.field.key}">${paragraphs.map((p) => html`<p class="kern-body">${p}</p>`)}</div>`;
  },
};
