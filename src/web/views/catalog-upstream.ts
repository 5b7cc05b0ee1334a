/**
 * "Neue Version von … verfügbar" (ADR 0044): for a copied service, what the origin changed since
 * the version copied (base → theirs) and what this municipality changed (base → ours), both as the
 * readable diff, and "Änderungen übernehmen", which starts the merge (`catalog-merge.ts`, ADR
 * 0052). The page itself changes nothing.
 */
import type { Provenance, UpstreamPage } from '../../core/catalog-copies.ts';
import type { StaffSession } from '../../core/domain.ts';
import { type Locale, localize } from '../../definition/types.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import { formatDateTime, t } from '../i18n.ts';
import { mergePath, startMergeForm } from './catalog-merge.ts';
import { changeList } from './definition-changes.ts';
import { notice } from './layout.ts';
import { entryPath, licenceName } from './network-catalog.ts';
import { type StaffPage, signedInHeader, staffShell } from './staff.ts';

export const upstreamPath = (slug: string) => `/staff/design/leistungen/${slug}/neue-version`;

/** Where a copy came from, its licence, and a notice when the origin has a newer version. */
export function provenanceSection(
  l: Locale,
  slug: string,
  provenance: Provenance | undefined,
  csrf?: string,
): SafeHtml {
  if (!provenance) return html``;
  const { origin, entry, base, newer } = provenance;
  const provider = origin.attribution;
  return html`<section aria-labelledby="herkunft" id="provenance">
<h2 class="kern-heading-medium" id="herkunft">${t(l, 'provenance.heading')}</h2>
${
  newer
    ? notice(
        'info',
        t(l, 'upstream.notice', { provider, version: newer.version }),
        html`<p class="kern-body"><a class="kern-link" href="${upstreamPath(slug)}">${t(l, 'upstream.link')}</a></p>
${mergeAction(l, slug, provenance, csrf)}`,
      )
    : ''
}
<p class="kern-body">${t(l, 'provenance.text', {
    title: base ? localize(base.definition.title, l) : origin.slug,
    provider,
    version: base?.version ?? '?',
    at: formatDateTime(l, origin.copiedAt),
  })}</p>
<p class="kern-body">${t(l, 'provenance.licence', { licence: licenceName(l, origin.licence), provider })}</p>
<p class="kern-body">${entry ? html`<a class="kern-link" href="${entryPath(entry.id)}">${t(l, 'provenance.entry')}</a>` : t(l, 'provenance.gone')}</p>
</section>`;
}

/** "Änderungen übernehmen", or the merge under way. */
function mergeAction(l: Locale, slug: string, provenance: Provenance, csrf: string | undefined): SafeHtml {
  if (provenance.merging)
    return html`<p class="kern-body"><a class="kern-link" href="${mergePath(slug)}">${t(l, 'catalogMerge.link')}</a></p>`;
  return csrf ? startMergeForm(l, slug, csrf) : html``;
}

export function upstreamPage(
  p: StaffPage,
  input: { session: StaffSession; csrf: string; page: UpstreamPage },
): string {
  const l = p.locale;
  const { origin, base, theirs, upstream, local, ours, ourVersion } = input.page;
  const provider = origin.attribution;
  const title = t(l, 'upstream.title', { provider });
  const main = html`<a class="kern-link" href="/staff/design/leistungen/${origin.slug}">${t(l, 'upstream.back')}</a>
<h1 class="kern-heading-large">${title}</h1>
<p class="kern-body">${t(l, 'upstream.intro', {
    base: base.version,
    title: localize(base.definition.title, l),
    provider,
    version: theirs.version,
    at: formatDateTime(l, theirs.publishedAt),
  })}</p>
${
  theirs.changeMessage
    ? html`<p class="kern-body">${t(l, 'upstream.message', { provider })}</p><blockquote class="kern-body aw-preline" id="upstream-message">${theirs.changeMessage}</blockquote>`
    : ''
}
<h2 class="kern-heading-medium" id="upstream">${t(l, 'upstream.theirs.heading', { provider, base: base.version, version: theirs.version })}</h2>
${changeList(upstream, l, 'upstream-changes')}
${
  ours
    ? html`<h2 class="kern-heading-medium" id="local">${t(l, 'upstream.ours.heading', { base: base.version, ours: ourVersion ?? '' })}</h2>
${changeList(local, l, 'local-changes')}`
    : html`<p class="kern-body" id="local">${t(l, 'upstream.ours.unpublished')}</p>`
}
<h2 class="kern-heading-medium">${t(l, 'upstream.merge.heading')}</h2>
<p class="kern-body" id="merge-next">${t(l, 'upstream.merge.next')}</p>
${mergeAction(l, origin.slug, input.page, input.csrf)}`;
  return staffShell(p, title, main, {
    area: 'designer',
    extra: signedInHeader(l, input.session, input.csrf, 'designer'),
  });
}
