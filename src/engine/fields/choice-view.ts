/** The list of radios or checkboxes inside a fieldset, shared by radio, checkbox and yes/no. */
import { html, type SafeHtml } from '../../lib/html.ts';
import { groupControlId, INVALID_ATTR } from './view-parts.ts';

export interface Choice {
  value: string;
  label: string;
  checked: boolean;
}

export function choiceList(
  kind: 'radio' | 'checkbox',
  name: string,
  choices: Choice[],
  invalid: boolean,
): SafeHtml {
  const inputClass = `kern-form-check__${kind}${invalid ? ` kern-form-check__${kind}--error` : ''}`;
  return html`${choices.map((choice, i) => {
    const id = groupControlId(name, i);
    return html`<div class="kern-form-check"><input class="${inputClass}" id="${id}" name="${name}" type="${kind}" value="${choice.value}"${choice.checked ? ' checked' : ''}${invalid ? INVALID_ATTR : ''}><label class="kern-label" for="${id}">${choice.label}</label></div>`;
  })}`;
}
