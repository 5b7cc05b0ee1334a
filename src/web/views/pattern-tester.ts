/**
 * The pattern tester on a text field's page (ADR 0046 amendment): a pattern (the field's saved
 * one to start with) and sample inputs one a line; "Muster testen" posts them and the page comes
 * back with a table of which samples match. A plain form, no script; nothing is saved.
 */
import type { PatternTestOutcome, PatternTestRefusal } from '../../core/pattern-tester.ts';
import { PATTERN_TEST_MAX_SAMPLES } from '../../core/pattern-tester.ts';
import type { Locale } from '../../definition/types.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import { type MessageKey, t } from '../i18n.ts';
import { textArea, textInput } from './admin-form.ts';
import { csrfField, type SummaryError } from './layout.ts';

export const PATTERN_TESTER_ANCHOR = 'muster-testen';

const REFUSALS: Record<PatternTestRefusal, MessageKey> = {
  'pattern-missing': 'patternTest.error.pattern-missing',
  'pattern-too-long': 'patternTest.error.pattern-too-long',
  'pattern-syntax': 'patternTest.error.pattern-syntax',
  'pattern-unsafe': 'patternTest.error.pattern-unsafe',
  'samples-missing': 'patternTest.error.samples-missing',
  'too-many-samples': 'patternTest.error.too-many-samples',
  'sample-too-long': 'patternTest.error.sample-too-long',
};

const ON_PATTERN: ReadonlySet<PatternTestRefusal> = new Set([
  'pattern-missing',
  'pattern-too-long',
  'pattern-syntax',
  'pattern-unsafe',
]);

export interface PatternTesterInput {
  csrf: string;
  /** Where the form posts (`…/felder/<uid>/muster`). */
  action: string;
  regex: string;
  samples: string;
  outcome?: PatternTestOutcome;
}

/** The error of a refused test, for the page's error summary. */
export function patternTestErrors(l: Locale, outcome: PatternTestOutcome | undefined): SummaryError[] {
  if (outcome?.kind !== 'refused') return [];
  return [
    {
      href: ON_PATTERN.has(outcome.reason) ? '#in-mustertest-muster' : '#in-mustertest-beispiele',
      text: t(l, REFUSALS[outcome.reason], { max: PATTERN_TEST_MAX_SAMPLES }),
    },
  ];
}

export function patternTesterSection(l: Locale, input: PatternTesterInput): SafeHtml {
  const { outcome } = input;
  const refused = outcome?.kind === 'refused' ? outcome : undefined;
  const error = refused && t(l, REFUSALS[refused.reason], { max: PATTERN_TEST_MAX_SAMPLES });
  const onPattern = refused !== undefined && ON_PATTERN.has(refused.reason);
  return html`<h2 class="kern-heading-medium" id="${PATTERN_TESTER_ANCHOR}">${t(l, 'patternTest.heading')}</h2>
<p class="kern-body">${t(l, 'patternTest.intro')}</p>
<form method="post" action="${input.action}#${PATTERN_TESTER_ANCHOR}" novalidate id="mustertest-form">
  ${csrfField(input.csrf)}
  ${textInput(l, {
    id: 'in-mustertest-muster',
    name: 'muster',
    value: input.regex,
    label: t(l, 'patternTest.pattern'),
    hint: t(l, 'editor.hint.regex'),
    error: onPattern ? error : undefined,
  })}
  ${refused?.detail ? html`<p class="kern-body" id="mustertest-grund"><span lang="en">${refused.detail}</span></p>` : ''}
  ${textArea(l, {
    id: 'in-mustertest-beispiele',
    name: 'beispiele',
    value: input.samples,
    rows: 5,
    label: t(l, 'patternTest.samples'),
    hint: t(l, 'patternTest.samplesHint', { max: PATTERN_TEST_MAX_SAMPLES }),
    error: refused && !onPattern ? error : undefined,
  })}
  <div class="aw-actions"><button type="submit" class="kern-btn kern-btn--secondary"><span class="kern-label">${t(l, 'patternTest.submit')}</span></button></div>
</form>
${outcome?.kind === 'tested' ? results(l, outcome.results) : ''}`;
}

function results(l: Locale, rows: Extract<PatternTestOutcome, { kind: 'tested' }>['results']): SafeHtml {
  const matching = rows.filter((r) => r.matches).length;
  return html`<p class="kern-body" role="status" id="mustertest-ergebnis">${t(l, 'patternTest.summary', { matching, count: rows.length })}</p>
<div class="kern-table-responsive">
<table class="kern-table" id="mustertest-tabelle">
  <caption class="kern-sr-only">${t(l, 'patternTest.caption')}</caption>
  <thead class="kern-table__head"><tr class="kern-table__row">
    <th scope="col" class="kern-table__header">${t(l, 'patternTest.col.sample')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'patternTest.col.result')}</th>
  </tr></thead>
  <tbody class="kern-table__body">
  ${rows.map(
    (r) => html`<tr class="kern-table__row">
    <td class="kern-table__cell"><code>${r.sample}</code></td>
    <td class="kern-table__cell">${t(l, r.matches ? 'patternTest.matches' : 'patternTest.noMatch')}</td>
  </tr>`,
  )}
  </tbody>
</table>
</div>`;
}
