/** Summary rows as description lists, shared by the check page and the caseworker's submission view. */
import type { SummaryRow } from '../../engine/model.ts';
import { html, type SafeHtml, unsafeRaw } from '../../lib/html.ts';

/**
 * The rows of one summary section as description lists. A repeating group gets its own heading and
 * one list per item, headed "Kind 1", "Kind 2"; `after` adds e.g. the change link to each answer.
 */
export function summaryRows(
  rows: readonly SummaryRow[],
  after: (row: SummaryRow, itemTitle: string | undefined) => SafeHtml | string,
  headingLevel: 3 | 4 = 3,
): SafeHtml {
  const list = (items: readonly SummaryRow[], itemTitle: string | undefined) =>
    html`<dl class="kern-description-list">${items.map(
      (row) => html`<div class="kern-description-list-item">
    <dt class="kern-description-list-item__key">${row.label}</dt>
    <dd class="kern-description-list-item__value">${row.value}
      ${after(row, itemTitle)}</dd>
  </div>`,
    )}</dl>`;
  const parts: SafeHtml[] = [];
  let plain: SummaryRow[] = [];
  const flush = () => {
    if (plain.length > 0) parts.push(list(plain, undefined));
    plain = [];
  };
  const h = unsafeRaw(`h${headingLevel}`);
  const h2 = unsafeRaw(`h${headingLevel + 1}`);
  for (const row of rows) {
    if (!row.items) {
      plain.push(row);
      continue;
    }
    flush();
    parts.push(html`<div class="aw-summary-group">
  <${h} class="kern-heading-small">${row.label}</${h}>
  ${row.items.map((item) => html`<${h2} class="kern-body kern-body--bold">${item.title}</${h2}>${list(item.rows, item.title)}`)}
</div>`);
  }
  flush();
  return html`${parts}`;
}
