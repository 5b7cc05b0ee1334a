/**
 * The "Berechnete Angaben" section of the check page and of the caseworker's submission view: the
 * labelled computed values (see engine/computed-summary.ts), apart from the answers so nobody
 * takes them for something the citizen entered, and without "Ändern" links.
 */
import type { Locale } from '../../definition/types.ts';
import type { SummaryRow } from '../../engine/model.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import { t } from '../i18n.ts';
import { summaryRows } from './summary-rows.ts';

export function computedSection(
  l: Locale,
  rows: readonly SummaryRow[],
  audience: 'citizen' | 'staff',
): SafeHtml | string {
  if (rows.length === 0) return '';
  return html`<section class="aw-summary-section aw-computed" aria-labelledby="aw-computed-heading">
  <h2 class="kern-heading-medium" id="aw-computed-heading">${t(l, 'computed.heading')}</h2>
  <p class="kern-body">${t(l, audience === 'citizen' ? 'computed.intro' : 'computed.staffIntro')}</p>
  ${summaryRows(rows, () => '')}
</section>`;
}
