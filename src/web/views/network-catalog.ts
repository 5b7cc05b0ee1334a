/**
 * Pages of the network catalog in Service-Design (ADR 0043): search and browse, an entry with its
 * comments and **Übernehmen**, and the form that offers a published service.
 */
import {
  CATALOG_LICENCES,
  type EntryPage,
  LAENDER,
  type OfferError,
  type OfferPage,
} from '../../core/catalog.ts';
import type { CatalogEntry, CatalogOffer, StaffSession } from '../../core/domain.ts';
import { type Locale, localize } from '../../definition/types.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import { formatDateTime, type MessageKey, t } from '../i18n.ts';
import { selectInput, submitButton, textArea, textInput } from './admin-form.ts';
import { csrfField, errorSummary, notice, type SummaryError } from './layout.ts';
import { type StaffPage, signedInHeader, staffShell } from './staff.ts';

export const CATALOG_PATH = '/staff/design/katalog';
export const entryPath = (id: string) => `${CATALOG_PATH}/${id}`;
export const offerPath = (slug: string) => `/staff/design/leistungen/${slug}/katalog`;

interface Staff {
  session: StaffSession;
  csrf: string;
}

function shell(p: StaffPage, staff: Staff, title: string, main: SafeHtml, hasErrors = false): string {
  return staffShell(p, title, main, {
    area: 'designer',
    hasErrors,
    extra: signedInHeader(p.locale, staff.session, staff.csrf, 'designer'),
  });
}

export function inUseText(l: Locale, count: number): string {
  if (count === 0) return t(l, 'network.inUse.none');
  return count === 1 ? t(l, 'network.inUse.one') : t(l, 'network.inUse', { count });
}

export function licenceName(l: Locale, licence: string): string {
  const key = `network.licence.${licence}` as MessageKey;
  return (CATALOG_LICENCES as readonly string[]).includes(licence) ? t(l, key) : licence;
}

const cell = (value: SafeHtml | string) => html`<td class="kern-table__cell">${value}</td>`;

/** A LeiKa key with the catalogue's name for it below, when the imported catalogue has one. */
function leikaCell(
  key: string | null | undefined,
  names: ReadonlyMap<string, string> | undefined,
): SafeHtml | string {
  if (!key) return '–';
  const name = names?.get(key);
  return name ? html`${key}<br> <span class="kern-hint">${name}</span>` : key;
}

export function catalogSearchPage(
  p: StaffPage,
  input: Staff & {
    query: string;
    entries: CatalogEntry[];
    /** Entries of other installations (ADR 0054). */
    remote?: CatalogEntry[];
    /** The LeiKa catalogue's names of the entries' keys, where it has them (ADR 0053). */
    leikaNames?: ReadonlyMap<string, string>;
  },
): string {
  const l = p.locale;
  const title = t(l, 'network.title');
  const { entries, query } = input;
  const count =
    entries.length === 1 ? t(l, 'network.results.one') : t(l, 'network.results', { count: entries.length });
  const main = html`<a class="kern-link" href="/staff/design">${t(l, 'network.back')}</a>
<h1 class="kern-heading-large">${title}</h1>
<p class="kern-body">${t(l, 'network.intro')}</p>
<form method="get" action="${CATALOG_PATH}" role="search" novalidate>
  ${textInput(l, { id: 'q', name: 'q', value: query, label: t(l, 'network.search.label'), hint: t(l, 'network.search.hint') })}
  ${submitButton(t(l, 'network.search.submit'), 'secondary')}
</form>
<h2 class="kern-heading-medium" id="treffer">${count}${query ? html` ${t(l, 'network.results.for', { query })}` : ''}</h2>
${
  entries.length === 0
    ? html`<p class="kern-body">${t(l, query ? 'network.empty' : 'network.empty.all')}</p>`
    : html`<div class="kern-table-responsive"><table class="kern-table kern-table--small" id="katalog">
  <caption class="kern-sr-only">${t(l, 'network.caption')}</caption>
  <thead class="kern-table__header"><tr class="kern-table__row">
    <th scope="col" class="kern-table__header">${t(l, 'network.col.service')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'network.col.provider')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'network.col.land')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'network.col.leika')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'network.col.inUse')}</th>
  </tr></thead>
  <tbody class="kern-table__body">${entries.map(
    (e) => html`<tr class="kern-table__row">
    ${cell(html`<a class="kern-link" href="${entryPath(e.id)}">${localize(e.title, l)}</a><br> <span class="kern-hint">${e.topic}</span>`)}
    ${cell(localize(e.provider, l))}
    ${cell(e.land)}
    ${cell(leikaCell(e.leika, input.leikaNames))}
    ${cell(inUseText(l, e.inUse))}
  </tr>`,
  )}</tbody>
</table></div>`
}
${remoteSection(l, input.remote ?? [], input.leikaNames)}`;
  return shell(p, input, title, main);
}

/** Entries of other installations, with the installation each comes from and what travels (ADR 0054). */
function remoteSection(
  l: Locale,
  remote: readonly CatalogEntry[],
  leikaNames: ReadonlyMap<string, string> | undefined,
): SafeHtml {
  return html`<h2 class="kern-heading-medium" id="andere-installationen">${t(l, 'network.remote.heading')}</h2>
<p class="kern-body">${t(l, 'network.remote.intro')} ${t(l, 'federation.travels')}</p>
${
  remote.length === 0
    ? html`<p class="kern-body">${t(l, 'network.remote.none')}</p>`
    : html`<div class="kern-table-responsive"><table class="kern-table kern-table--small" id="katalog-andere">
  <caption class="kern-sr-only">${t(l, 'network.remote.caption')}</caption>
  <thead class="kern-table__header"><tr class="kern-table__row">
    <th scope="col" class="kern-table__header">${t(l, 'network.col.service')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'network.col.provider')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'network.col.installation')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'network.col.land')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'network.col.leika')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'network.col.inUse')}</th>
  </tr></thead>
  <tbody class="kern-table__body">${remote.map(
    (e) => html`<tr class="kern-table__row">
    ${cell(html`<a class="kern-link" href="${entryPath(e.id)}">${localize(e.title, l)}</a><br> <span class="kern-hint">${e.topic}</span>`)}
    ${cell(localize(e.provider, l))}
    ${cell(e.installation?.name ?? '–')}
    ${cell(e.land)}
    ${cell(leikaCell(e.leika, leikaNames))}
    ${cell(inUseText(l, e.inUse))}
  </tr>`,
  )}</tbody>
</table></div>`
}`;
}

export interface EntryPageInput extends Staff {
  page: EntryPage;
  /** The LeiKa catalogue's name of the entry's key, where it has one (ADR 0053). */
  leikaNames?: ReadonlyMap<string, string>;
  /** What the copy form shows again, and why it was refused. */
  slug?: string;
  copyError?: 'slug-invalid' | 'slug-taken' | 'own-service' | undefined;
  comment?: string;
  commentError?: 'missing' | 'too-long' | undefined;
  commented?: boolean;
}

const COPY_ERRORS = {
  'slug-invalid': 'network.copy.slugInvalid',
  'slug-taken': 'network.copy.slugTaken',
  'own-service': 'network.copy.own',
} as const;

export function catalogEntryPage(p: StaffPage, input: EntryPageInput): string {
  const l = p.locale;
  const { entry, latest, comments, own } = input.page;
  const serviceTitle = localize(latest.definition.title, l);
  const title = t(l, 'network.entry.title', { title: serviceTitle });
  const provider = localize(entry.provider, l);
  const copyError = input.copyError ? t(l, COPY_ERRORS[input.copyError]) : undefined;
  const commentError = input.commentError
    ? t(l, input.commentError === 'missing' ? 'network.comments.missing' : 'network.comments.tooLong')
    : undefined;
  const errors: SummaryError[] = [
    ...(copyError ? [{ href: '#kennung', text: copyError }] : []),
    ...(commentError ? [{ href: '#kommentar', text: commentError }] : []),
  ];
  const row = (key: MessageKey, value: SafeHtml | string, id?: string) =>
    html`<div class="kern-description-list-item"><dt class="kern-description-list-item__key">${t(l, key)}</dt><dd class="kern-description-list-item__value"${id ? html` id="${id}"` : ''}>${value}</dd></div>`;
  const paragraphs = (text: string) =>
    text.split(/\n{2,}/).map((para) => html`<p class="kern-body aw-preline">${para}</p>`);
  const main = html`<a class="kern-link" href="${CATALOG_PATH}">${t(l, 'network.entry.back')}</a>
${errorSummary(l, errors)}
${input.commented ? notice('success', t(l, 'network.comments.done')) : ''}
<h1 class="kern-heading-large">${title}</h1>
${entry.installation ? html`<p class="kern-body" id="was-reist">${t(l, 'federation.travels')}</p>` : ''}
<dl class="kern-description-list">
  ${row('network.entry.provider', provider, 'anbieter')}
  ${entry.installation ? row('network.entry.installation', entry.installation.operator ? t(l, 'network.entry.installationValue', { name: entry.installation.name, operator: entry.installation.operator }) : entry.installation.name, 'installation') : ''}
  ${row('network.entry.version', t(l, 'network.entry.versionValue', { version: latest.version, at: formatDateTime(l, latest.publishedAt) }))}
  ${row('network.entry.inUse', inUseText(l, entry.inUse), 'im-einsatz')}
  ${row('network.entry.topic', entry.topic)}
  ${row('network.entry.land', entry.land)}
  ${row('network.entry.leika', entry.leika ? leikaCell(entry.leika, input.leikaNames) : t(l, 'network.entry.leikaNone'), 'leika')}
  ${row('network.entry.licence', licenceName(l, entry.licence), 'lizenz')}
  ${row('network.entry.contact', entry.contact)}
</dl>
<h2 class="kern-heading-medium">${t(l, 'network.entry.description')}</h2>
${paragraphs(entry.description)}
<h2 class="kern-heading-medium">${t(l, 'network.entry.experience')}</h2>
${entry.experience ? paragraphs(entry.experience) : html`<p class="kern-body">${t(l, 'network.entry.experienceNone')}</p>`}
<h2 class="kern-heading-medium" id="uebernehmen">${t(l, 'network.copy.heading')}</h2>
${
  own
    ? html`<p class="kern-body">${t(l, 'network.entry.own')} <a class="kern-link" href="${offerPath(entry.slug)}">${t(l, 'network.entry.ownEdit')}</a></p>`
    : html`<p class="kern-body">${t(l, 'network.copy.intro', { provider })}</p>
<form method="post" action="${entryPath(entry.id)}/uebernehmen" novalidate>
  ${csrfField(input.csrf)}
  ${textInput(l, {
    id: 'kennung',
    name: 'kennung',
    value: input.slug ?? entry.slug,
    label: t(l, 'network.copy.slug'),
    hint: t(l, 'network.copy.slugHint'),
    error: copyError,
  })}
  ${submitButton(t(l, 'network.copy.submit'))}
</form>`
}
<h2 class="kern-heading-medium" id="kommentare">${t(l, 'network.comments.heading')}</h2>
${
  comments.length === 0
    ? html`<p class="kern-body">${t(l, 'network.comments.none')}</p>`
    : html`<ul class="kern-list aw-comments">${comments.map(
        (c) =>
          html`<li><p class="kern-body kern-body--small">${t(l, 'network.comments.by', { municipality: localize(c.municipality, l), at: formatDateTime(l, c.createdAt) })}</p><p class="kern-body aw-preline">${c.text}</p></li>`,
      )}</ul>`
}
<form method="post" action="${entryPath(entry.id)}/kommentare" novalidate>
  ${csrfField(input.csrf)}
  ${textArea(l, {
    id: 'kommentar',
    name: 'kommentar',
    value: input.comment ?? '',
    label: t(l, 'network.comments.label'),
    hint: t(l, 'network.comments.hint'),
    error: commentError,
  })}
  ${submitButton(t(l, 'network.comments.submit'), 'secondary')}
</form>`;
  return shell(p, input, title, main, errors.length > 0);
}

export interface OfferPageInput extends Staff {
  page: OfferPage;
  /** The form as posted, when shown again with its problems. */
  values?: Partial<Record<keyof CatalogOffer, string>>;
  errors?: OfferError[];
  /** The LeiKa catalogue's name of the prefilled key, where it has one (ADR 0053). */
  leikaNames?: ReadonlyMap<string, string>;
}

/** The key input's hint, with the catalogue's name of the prefilled key (not of a posted one). */
function leikaHint(l: Locale, key: string | null | undefined, input: OfferPageInput): string {
  const name = key && !input.values ? input.leikaNames?.get(key) : undefined;
  const hint = t(l, 'network.offer.leikaHint');
  return name ? `${hint}. ${t(l, 'network.offer.leikaName', { name })}` : hint;
}

export function offerFormPage(p: StaffPage, input: OfferPageInput): string {
  const l = p.locale;
  const { live, entry } = input.page;
  const title = t(l, 'network.offer.title', { title: localize(live.definition.title, l) });
  const errors = input.errors ?? [];
  const errorOf = (field: keyof CatalogOffer) => {
    const e = errors.find((x) => x.field === field);
    return e
      ? t(l, `network.offer.error.${field}.${e.code === 'too-long' ? 'tooLong' : e.code}` as MessageKey)
      : undefined;
  };
  const value = (field: keyof CatalogOffer, fallback: string | null | undefined) =>
    input.values?.[field] ?? fallback ?? '';
  const main = html`<a class="kern-link" href="/staff/design/leistungen/${live.slug}">${t(l, 'network.offer.back')}</a>
${errorSummary(
  l,
  errors.map((e) => ({ href: `#angebot-${e.field}`, text: errorOf(e.field) ?? '' })),
)}
<h1 class="kern-heading-large">${title}</h1>
<p class="kern-body">${t(l, 'network.offer.intro')}</p>
<form method="post" action="${offerPath(live.slug)}" novalidate>
  ${csrfField(input.csrf)}
  ${textInput(l, {
    id: 'angebot-leika',
    name: 'leika',
    value: value('leika', entry?.leika ?? live.definition.leikaKey),
    numeric: true,
    label: t(l, 'network.offer.leika'),
    hint: leikaHint(l, entry?.leika ?? live.definition.leikaKey, input),
    error: errorOf('leika'),
  })}
  ${textInput(l, {
    id: 'angebot-topic',
    name: 'topic',
    value: value('topic', entry?.topic),
    label: t(l, 'network.offer.topic'),
    hint: t(l, 'network.offer.topicHint'),
    error: errorOf('topic'),
  })}
  ${selectInput(l, {
    id: 'angebot-land',
    name: 'land',
    value: value('land', entry?.land),
    choices: [
      { value: '', label: t(l, 'network.offer.landChoose') },
      ...LAENDER.map((land) => ({ value: land, label: land })),
    ],
    label: t(l, 'network.offer.land'),
    error: errorOf('land'),
  })}
  ${textArea(l, {
    id: 'angebot-description',
    name: 'description',
    value: value('description', entry?.description),
    rows: 5,
    label: t(l, 'network.offer.description'),
    hint: t(l, 'network.offer.descriptionHint'),
    error: errorOf('description'),
  })}
  ${selectInput(l, {
    id: 'angebot-licence',
    name: 'licence',
    value: value('licence', entry?.licence ?? 'EUPL-1.2'),
    choices: CATALOG_LICENCES.map((licence) => ({ value: licence, label: licenceName(l, licence) })),
    label: t(l, 'network.offer.licence'),
    hint: t(l, 'network.offer.licenceHint'),
    error: errorOf('licence'),
  })}
  ${textInput(l, {
    id: 'angebot-contact',
    name: 'contact',
    value: value('contact', entry?.contact),
    label: t(l, 'network.offer.contact'),
    hint: t(l, 'network.offer.contactHint'),
    error: errorOf('contact'),
  })}
  ${textArea(l, {
    id: 'angebot-experience',
    name: 'experience',
    value: value('experience', entry?.experience),
    rows: 5,
    label: t(l, 'network.offer.experience'),
    hint: t(l, 'network.offer.experienceHint'),
    error: errorOf('experience'),
  })}
  ${submitButton(t(l, entry ? 'network.offer.submitChange' : 'network.offer.submit'))}
</form>`;
  return shell(p, input, title, main, errors.length > 0);
}
