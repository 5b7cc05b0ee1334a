/** Two published versions of a service side by side as the readable diff (ADR 0043). */
import type { StaffSession } from '../../core/domain.ts';
import type { VersionComparison } from '../../core/service-lifecycle.ts';
import { localize } from '../../definition/types.ts';
import { html } from '../../lib/html.ts';
import { formatDateTime, t } from '../i18n.ts';
import { changeList } from './definition-changes.ts';
import { type StaffPage, signedInHeader, staffShell } from './staff.ts';

export function versionComparePage(
  p: StaffPage,
  input: { session: StaffSession; csrf: string; comparison: VersionComparison },
): string {
  const l = p.locale;
  const { from, to, changes } = input.comparison;
  const title = t(l, 'history.compare.title', {
    from: from.version,
    to: to.version,
    title: localize(to.definition.title, l),
  });
  const describe = (v: typeof from) =>
    html`<li>${t(l, 'history.compare.version', { version: v.version, at: formatDateTime(l, v.publishedAt) })}${
      v.changeMessage ? html`: <span class="aw-preline">${v.changeMessage}</span>` : ''
    }</li>`;
  const main = html`<a class="kern-link" href="/staff/design/leistungen/${to.slug}">${t(l, 'history.compare.back')}</a>
<h1 class="kern-heading-large">${title}</h1>
<ul class="kern-list">${describe(from)}${describe(to)}</ul>
<h2 class="kern-heading-medium">${t(l, 'history.compare.changes', { from: from.version, to: to.version })}</h2>
${changeList(changes, l)}`;
  return staffShell(p, title, main, {
    area: 'designer',
    extra: signedInHeader(l, input.session, input.csrf, 'designer'),
  });
}
