/**
 * Service packages in the Service-Design area (ADR 0051): the import page (a file form, its
 * refusals as an error summary and a table of problems, each at its place in the package) and the
 * export link a service's page shows for each published version.
 */
import type { StaffSession } from '../../core/domain.ts';
import type { PackageRefusal } from '../../core/service-package.ts';
import type { DefinitionProblem } from '../../definition/problems.ts';
import type { Locale } from '../../definition/types.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import { t } from '../i18n.ts';
import { formatBytes } from './designer.ts';
import { csrfField, errorSummary } from './layout.ts';
import { type StaffPage, signedInHeader, staffShell } from './staff.ts';

/** Where the import form is and posts to. */
export const PACKAGE_IMPORT_PATH = '/staff/design/paket';
/** The name of the file input (and its id, with the `field-` prefix the error summary links to). */
export const PACKAGE_FILE_FIELD = 'paket';
const FILE_INPUT = `field-${PACKAGE_FILE_FIELD}`;

/** The download of a published version's package. */
export function packagePath(slug: string, version: number): string {
  return `/staff/design/leistungen/${slug}/versionen/${version}/paket`;
}

/** The link in a row of a service's version history. */
export function packageLink(l: Locale, slug: string, version: number): SafeHtml {
  return html`<a class="kern-link" href="${packagePath(slug, version)}" download>${t(l, 'package.export.link', { version })}</a>`;
}

/** What the refusal says in one sentence (the summary's item). */
function refusalText(l: Locale, refusal: PackageRefusal, maxBytes: number): string {
  switch (refusal.reason) {
    case 'missing':
      return t(l, 'package.import.missing');
    case 'too-large':
      return t(l, 'package.import.tooLarge', { size: formatBytes(l, maxBytes) });
    case 'not-utf8':
      return t(l, 'package.import.notUtf8');
    case 'malformed-json':
      return t(l, 'package.import.malformedJson', { detail: refusal.detail });
    case 'not-a-package':
      return t(l, 'package.import.notAPackage');
    case 'format-version':
      return t(l, 'package.import.formatVersion');
    case 'schema':
      return t(l, 'package.import.schema');
    case 'hash-mismatch':
      return t(l, 'package.import.hashMismatch');
    case 'invalid-definition':
      return t(l, 'package.import.invalidDefinition');
  }
}

function problemsOf(refusal: PackageRefusal): readonly DefinitionProblem[] {
  if ('problems' in refusal) return refusal.problems;
  if (refusal.reason === 'hash-mismatch') {
    return [
      { path: '/contentHash', message: `states ${refusal.stated}, the content has ${refusal.computed}` },
    ];
  }
  return [];
}

function problemsTable(l: Locale, problems: readonly DefinitionProblem[]): SafeHtml {
  if (problems.length === 0) return html``;
  return html`<h2 class="kern-heading-medium" id="probleme">${t(l, 'package.import.problems.heading')}</h2>
<div class="kern-table-responsive"><table class="kern-table kern-table--small" id="package-problems">
  <caption class="kern-sr-only">${t(l, 'package.import.problems.caption')}</caption>
  <thead class="kern-table__header"><tr class="kern-table__row">
    <th scope="col" class="kern-table__header">${t(l, 'package.import.problems.colPath')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'package.import.problems.colMessage')}</th>
  </tr></thead>
  <tbody class="kern-table__body">${problems.map(
    (p) =>
      html`<tr class="kern-table__row"><td class="kern-table__cell aw-pointer">${p.path || '/'}</td><td class="kern-table__cell" lang="en">${p.message}</td></tr>`,
  )}</tbody>
</table></div>`;
}

export interface PackageImportInput {
  session: StaffSession;
  csrf: string;
  maxBytes: number;
  refusal?: PackageRefusal | undefined;
}

export function packageImportPage(p: StaffPage, input: PackageImportInput): string {
  const l = p.locale;
  const { refusal } = input;
  const title = t(l, 'package.import.title');
  const described = refusal ? `${FILE_INPUT}-hint ${FILE_INPUT}-error` : `${FILE_INPUT}-hint`;
  const main = html`<a class="kern-link" href="/staff/design">${t(l, 'lifecycle.back')}</a>
${refusal ? errorSummary(l, [{ href: `#${FILE_INPUT}`, text: refusalText(l, refusal, input.maxBytes) }]) : ''}
<h1 class="kern-heading-large">${title}</h1>
<p class="kern-body">${t(l, 'package.import.intro')}</p>
<form method="post" action="${PACKAGE_IMPORT_PATH}" enctype="multipart/form-data" novalidate>
  ${csrfField(input.csrf)}
  <div class="kern-form-input${refusal ? ' kern-form-input--error' : ''}">
    <label class="kern-label" for="${FILE_INPUT}">${t(l, 'package.import.label')}</label>
    <div class="kern-hint" id="${FILE_INPUT}-hint">${t(l, 'package.import.hint', { size: formatBytes(l, input.maxBytes) })}</div>
    ${refusal ? html`<p class="kern-error" id="${FILE_INPUT}-error">${t(l, 'package.import.refused')}</p>` : ''}
    <input class="kern-form-input__input${refusal ? ' kern-form-input__input--error' : ''}" id="${FILE_INPUT}" name="${PACKAGE_FILE_FIELD}" type="file" accept=".json,application/json,application/vnd.amtsweg.service-package+json" aria-describedby="${described}"${refusal ? html` aria-invalid="true"` : ''}>
  </div>
  <div class="aw-actions">
    <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">${t(l, 'package.import.submit')}</span></button>
  </div>
</form>
${refusal ? problemsTable(l, problemsOf(refusal)) : ''}`;
  return staffShell(p, title, main, {
    area: 'designer',
    hasErrors: refusal !== undefined,
    extra: signedInHeader(l, input.session, input.csrf, 'designer'),
  });
}
