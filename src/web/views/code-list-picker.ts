/**
 * The code-list picker on a choice field's page (ADR 0015, ADR 0046 amendment): the list the field
 * takes its options from, a GET search of the installation's lists by name, and an "übernehmen"
 * button per match that saves the reference through the editor's normal save (the forms come from
 * the caller: CSRF, the draft's version). No JavaScript.
 */
import {
  CODE_LIST_QUERY_MAX,
  type CodeListMatch,
  type CodeListSearchResult,
} from '../../core/code-list-search.ts';
import type { CodeListReference, Locale } from '../../definition/types.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import { t } from '../i18n.ts';

/** The query parameter of the search; the section's anchor. */
export const CODE_LIST_QUERY = 'codeliste';
export const CODE_LIST_ANCHOR = 'codeliste-suche';

export function codeListSection(
  l: Locale,
  input: {
    /** The field page's own URL (the GET form's action). */
    action: string;
    current: CodeListReference | undefined;
    /** The name of the current list in the directory, when it is there. */
    currentName: string | undefined;
    search: CodeListSearchResult;
    error: string | undefined;
    takeOver: (match: CodeListMatch) => SafeHtml;
    remove: SafeHtml;
  },
): SafeHtml {
  const { search, current } = input;
  return html`<h2 class="kern-heading-medium" id="${CODE_LIST_ANCHOR}">${t(l, 'codeList.heading')}</h2>
${
  current
    ? html`<p class="kern-body" id="codeliste-aktuell">${t(l, 'codeList.current', { name: input.currentName ?? current.uri })} <span class="aw-pointer">${current.uri}</span></p>
${input.remove}`
    : html`<p class="kern-body" id="codeliste-keine">${t(l, 'codeList.none')}</p>`
}
${input.error ? html`<p class="kern-error" id="codeliste-fehler"><span class="kern-body">${input.error}</span></p>` : ''}
${
  search.available === 0
    ? html`<p class="kern-body" id="codeliste-kein-verzeichnis">${t(l, 'codeList.noDirectory')}</p>`
    : html`<form method="get" action="${input.action}#${CODE_LIST_ANCHOR}" role="search">
  <div class="kern-form-input">
    <label class="kern-label" for="in-codeliste-suche">${t(l, 'codeList.label')}</label>
    <div class="kern-hint" id="in-codeliste-suche-hint">${t(l, 'codeList.hint', { count: search.available })}</div>
    <input class="kern-form-input__input" id="in-codeliste-suche" name="${CODE_LIST_QUERY}" type="search" value="${search.query}" spellcheck="false" maxlength="${String(CODE_LIST_QUERY_MAX)}" aria-describedby="in-codeliste-suche-hint">
  </div>
  <div class="aw-actions"><button type="submit" class="kern-btn kern-btn--secondary"><span class="kern-label">${t(l, 'codeList.submit')}</span></button></div>
</form>
${search.query || search.matches.length > 0 ? results(l, input) : ''}`
}`;
}

function results(l: Locale, input: Parameters<typeof codeListSection>[1]): SafeHtml {
  const { search } = input;
  if (search.matches.length === 0) {
    return html`<p class="kern-body" role="status">${t(l, 'codeList.noMatch', { query: search.query })}</p>`;
  }
  return html`<p class="kern-body" role="status">${t(l, search.more ? 'codeList.more' : 'codeList.count', { count: search.matches.length })}</p>
<div class="kern-table-responsive">
<table class="kern-table" id="codeliste-treffer">
  <caption class="kern-sr-only">${t(l, 'codeList.caption')}</caption>
  <thead class="kern-table__head"><tr class="kern-table__row">
    <th scope="col" class="kern-table__header">${t(l, 'codeList.col.name')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'codeList.col.entries')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'codeList.col.action')}</th>
  </tr></thead>
  <tbody class="kern-table__body">
  ${search.matches.map(
    (m) => html`<tr class="kern-table__row">
    <td class="kern-table__cell">${m.name}<br><span class="aw-pointer">${m.uri}</span>${m.version ? html`<br>${t(l, 'codeList.version', { version: m.version })}` : ''}</td>
    <td class="kern-table__cell">${String(m.entries)}</td>
    <td class="kern-table__cell">${input.takeOver(m)}</td>
  </tr>`,
  )}
  </tbody>
</table>
</div>`;
}
