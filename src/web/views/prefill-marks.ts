/**
 * The caseworker's view of what the citizen's identity prefilled (ADR 0049): per field the value
 * the identity provider vouched for, and whether the application keeps it or the citizen changed
 * it. "Geändert" is said in words, not only by colour.
 */
import type { Locale } from '../../definition/types.ts';
import type { DescribedMark } from '../../engine/prefill.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import { t } from '../i18n.ts';

export function prefillMarksSection(l: Locale, marks: readonly DescribedMark[]): SafeHtml {
  if (marks.length === 0) return html``;
  return html`<h2 class="kern-heading-medium" id="aus-nutzerkonto">${t(l, 'staff.prefill.heading')}</h2>
<p class="kern-body">${t(l, 'staff.prefill.intro')}</p>
<div class="kern-table-responsive"><table class="kern-table" aria-labelledby="aus-nutzerkonto">
  <thead class="kern-table__header"><tr class="kern-table__row">
    <th scope="col" class="kern-table__header">${t(l, 'staff.prefill.field')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'staff.prefill.vouched')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'staff.prefill.state')}</th>
  </tr></thead>
  <tbody class="kern-table__body">${marks.map(
    (m) => html`<tr class="kern-table__row" data-prefill="${m.key}">
    <th scope="row" class="kern-table__header">${m.label}</th>
    <td class="kern-table__cell">${m.vouched}</td>
    <td class="kern-table__cell">${m.changed ? html`<strong class="amtsweg-prefill-changed">${t(l, 'staff.prefill.changed')}</strong>` : t(l, 'staff.prefill.kept')}</td>
  </tr>`,
  )}</tbody>
</table></div>`;
}
