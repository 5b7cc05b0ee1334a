/**
 * The LeiKa search on the editor's start page (ADR 0053): a GET form, up to 20 matches, each with
 * an "übernehmen" button that saves the key through the editor's normal save (the form comes from
 * the caller: CSRF, the draft's version). Without an imported catalogue it says so, and the plain
 * key input above is all there is. No JavaScript.
 */
import type { LeikaEntry } from '../../core/domain.ts';
import { LEIKA_SEARCH_LIMIT, type LeikaSearchResult } from '../../core/leika/catalogue.ts';
import type { Locale } from '../../definition/types.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import { formatDateTime, t } from '../i18n.ts';

/** The query parameter of the search; the section's anchor. */
export const LEIKA_QUERY = 'leika';
export const LEIKA_ANCHOR = 'leika-suche';

export function leikaSearchSection(
  l: Locale,
  input: {
    /** The start page's own URL (the GET form's action). */
    action: string;
    search: LeikaSearchResult;
    /** The form that takes over one entry's key. */
    takeOver: (entry: LeikaEntry) => SafeHtml;
  },
): SafeHtml {
  const { search } = input;
  const heading = html`<h2 class="kern-heading-medium" id="${LEIKA_ANCHOR}">${t(l, 'editor.leika.heading')}</h2>`;
  if (!search.catalogue)
    return html`${heading}<p class="kern-body" id="leika-kein-katalog">${t(l, 'editor.leika.none')}</p>`;
  return html`${heading}
<p class="kern-body">${t(l, 'editor.leika.intro')} ${t(l, 'editor.leika.importedAt', { at: formatDateTime(l, search.catalogue.importedAt) })}</p>
<form method="get" action="${input.action}#${LEIKA_ANCHOR}" role="search">
  <div class="kern-form-input">
    <label class="kern-label" for="in-leika-suche">${t(l, 'editor.leika.label')}</label>
    <input class="kern-form-input__input" id="in-leika-suche" name="${LEIKA_QUERY}" type="search" value="${search.query}" spellcheck="false" maxlength="100">
  </div>
  <div class="aw-actions"><button type="submit" class="kern-btn kern-btn--secondary"><span class="kern-label">${t(l, 'editor.leika.submit')}</span></button></div>
</form>
${search.query ? results(l, input) : ''}`;
}

function results(l: Locale, input: Parameters<typeof leikaSearchSection>[1]): SafeHtml {
  const { search } = input;
  if (search.matches.length === 0) {
    return html`<p class="kern-body" role="status">${t(l, 'editor.leika.noMatch', { query: search.query })}</p>`;
  }
  const summary = search.more
    ? t(l, 'editor.leika.more', { count: LEIKA_SEARCH_LIMIT, query: search.query })
    : t(l, 'editor.leika.count', { count: search.matches.length, query: search.query });
  return html`<p class="kern-body" role="status">${summary}</p>
<div class="kern-table-responsive">
<table class="kern-table" id="leika-treffer">
  <caption class="kern-sr-only">${t(l, 'editor.leika.caption')}</caption>
  <thead class="kern-table__head"><tr class="kern-table__row">
    <th scope="col" class="kern-table__header">${t(l, 'editor.leika.col.key')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'editor.leika.col.name')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'editor.leika.col.type')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'editor.leika.col.action')}</th>
  </tr></thead>
  <tbody class="kern-table__body">
  ${search.matches.map(
    (e) => html`<tr class="kern-table__row">
    <td class="kern-table__cell">${e.key}</td>
    <td class="kern-table__cell">${e.name}${e.name2 ? html`<br>${e.name2}` : ''}${e.synonyms ? html`<br>${t(l, 'editor.leika.synonyms', { text: e.synonyms })}` : ''}</td>
    <td class="kern-table__cell">${e.type ?? '–'}</td>
    <td class="kern-table__cell">${input.takeOver(e)}</td>
  </tr>`,
  )}
  </tbody>
</table>
</div>`;
}

/** Beside the key input: the name the catalogue has for the key, or that it has none. */
export function leikaKeyName(
  l: Locale,
  key: string | undefined,
  name: string | undefined,
  catalogue: boolean,
): SafeHtml {
  if (!key || !catalogue) return html``;
  return html`<p class="kern-body" id="leika-name">${name ? t(l, 'editor.leika.current', { name }) : t(l, 'editor.leika.unknown')}</p>`;
}
