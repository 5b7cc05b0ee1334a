import type { Locale } from '../../definition/types.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import { t } from '../i18n.ts';

export interface PageOptions {
  locale: Locale;
  /** The page's own title; the browser title adds the site name (and "Fehler:" on errors). */
  title: string;
  /** Path and query of the page, for the language switch to come back to. */
  currentPath: string;
  /** Name shown in the header (the municipality); defaults to the site name. */
  siteName?: string;
  /** Where the header's name links to. */
  homeHref?: string;
  /** Prefix the browser title with "Fehler:" so screen reader users hear it first. */
  hasErrors?: boolean;
  /** Extra header content (e.g. the staff user's sign-out form). */
  headerExtra?: SafeHtml;
  /**
   * Whether the page is shown in Leichte Sprache; set on citizen pages only, which then show the
   * switch to Leichte Sprache (or back) beside the language switch (ADR 0019).
   */
  easyLanguage?: boolean;
  /**
   * Load the browser enhancement (live validation, conditional reveal). Only for pages that carry
   * what it needs (a citizen step page); every page works without it.
   */
  enhance?: boolean;
  /**
   * Go on to this path of ours at once (`<meta http-equiv="refresh">`, no JavaScript): a navigation
   * this page starts is same-site, so cookies with `SameSite=Strict` set on the way to it are sent
   * (after a cross-site redirect chain they are not; ADR 0056).
   */
  refreshTo?: string;
  /** Links in the footer, e.g. the municipality's Impressum, Datenschutz, Barrierefreiheit. */
  footerLinks?: ReadonlyArray<{ href: string; label: string }>;
  main: SafeHtml;
}

/** Built by `npm run build:client` (scripts/build-client.ts) into public/build/. */
export const ENHANCEMENT_SCRIPT = '/assets/build/enhance.js';

/** The page shell: KERN Kopfzeile, header with language switch, main content, footer. */
export function page(o: PageOptions): string {
  const other: Locale = o.locale === 'de' ? 'en' : 'de';
  const title = o.hasErrors ? t(o.locale, 'site.errorTitlePrefix', { title: o.title }) : o.title;
  const back = `?zurueck=${encodeURIComponent(o.currentPath)}`;
  const switchHref = `/sprache/${other}${back}`;
  return html`<!doctype html>
<html lang="${o.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${o.refreshTo ? html`<meta http-equiv="refresh" content="0; url=${o.refreshTo}">` : ''}
<title>${title} – ${o.siteName ?? t(o.locale, 'site.pageTitleSuffix')}</title>
<link rel="stylesheet" href="/assets/kern/fonts/fira-sans.css">
<link rel="stylesheet" href="/assets/kern/kern.min.css">
<link rel="stylesheet" href="/assets/amtsweg.css">
${o.enhance ? html`<script type="module" src="${ENHANCEMENT_SCRIPT}"></script>` : ''}
</head>
<body>
<a class="aw-skip-link kern-link" href="#inhalt">${t(o.locale, 'site.skipLink')}</a>
<div class="kern-kopfzeile">
  <div class="kern-container">
    <div class="kern-kopfzeile__content">
      <span class="kern-kopfzeile__label">${t(o.locale, 'site.official')}</span>
    </div>
  </div>
</div>
<header class="aw-header">
  <div class="kern-container aw-header__inner">
    <a class="kern-link aw-header__name" href="${o.homeHref ?? '/'}">${o.siteName ?? t(o.locale, 'site.name')}</a>
    <div class="aw-header__tools">
      ${o.headerExtra}
      ${o.easyLanguage === undefined ? '' : easySwitch(o.locale, o.easyLanguage, back)}
      <a class="kern-link" href="${switchHref}" lang="${other}" hreflang="${other}">${t(o.locale, 'site.languageSwitch')}</a>
    </div>
  </div>
</header>
<main id="inhalt" class="kern-container aw-main" tabindex="-1">
${o.main}
</main>
<footer class="aw-footer">
  <div class="kern-container">${
    o.footerLinks?.length
      ? html`<nav aria-label="${t(o.locale, 'footer.legal')}"><ul class="aw-inline-list">${o.footerLinks.map(
          (l) => html`<li><a class="kern-link" href="${l.href}">${l.label}</a></li>`,
        )}</ul></nav>`
      : ''
  }<p class="kern-body kern-body--small">${t(o.locale, 'site.footer')}</p></div>
</footer>
</body>
</html>`.value;
}

/**
 * "Leichte Sprache", or the way back to standard German ("Alltags-Sprache") when it is on. Always
 * German: from an English page it switches to German in Leichte Sprache.
 */
function easySwitch(locale: Locale, on: boolean, back: string): SafeHtml {
  return on
    ? html`<a class="kern-link" href="/sprache/de${back}">${t('de', 'site.standardLanguage')}</a>`
    : html`<a class="kern-link" href="/sprache/leicht${back}"${locale === 'de' ? '' : html` lang="de" hreflang="de"`}>${t('de', 'site.easyLanguage')}</a>`;
}

export interface SummaryError {
  href: string;
  text: string;
}

/**
 * GOV.UK/KERN error summary: one link per problem, to the field that has it. It takes focus when
 * the page loads (`autofocus`, no JavaScript needed), so keyboard and screen reader users start at
 * the list of problems; the browser enhancement makes sure where a browser skips `autofocus`.
 */
export function errorSummary(locale: Locale, errors: readonly SummaryError[]): SafeHtml {
  if (errors.length === 0) return html``;
  return html`<div class="kern-alert kern-alert--danger aw-error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus>
  <div class="kern-alert__header"><h2 class="kern-title" id="error-summary-title">${t(locale, 'common.errorSummaryTitle')}</h2></div>
  <div class="kern-alert__body"><ul class="kern-list">${errors.map(
    (e) => html`<li><a class="kern-link" href="${e.href}">${e.text}</a></li>`,
  )}</ul></div>
</div>`;
}

/** A success or info notice. */
export function notice(
  kind: 'success' | 'info' | 'warning',
  title: string,
  body?: SafeHtml | string,
): SafeHtml {
  return html`<div class="kern-alert kern-alert--${kind}" role="status">
  <div class="kern-alert__header"><p class="kern-title">${title}</p></div>
  ${body ? html`<div class="kern-alert__body">${body}</div>` : ''}
</div>`;
}

/** Hidden CSRF field for every form. */
export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

/** A simple page with a heading and a paragraph (errors, not found). */
export function messagePage(
  locale: Locale,
  currentPath: string,
  title: string,
  body: string,
  options: {
    homeHref?: string;
    siteName?: string;
    next?: { href: string; label: string };
    /** What a refused form carried, to copy before going back (nothing of it was kept). */
    typed?: { heading: string; intro: string; answers: ReadonlyArray<{ label: string; value: string }> };
  } = {},
): string {
  const { next, typed, ...shell } = options;
  return page({
    locale,
    title,
    currentPath,
    ...shell,
    main: html`<h1 class="kern-heading-large">${title}</h1><p class="kern-body">${body}</p>
${
  typed
    ? html`<h2 class="kern-heading-medium">${typed.heading}</h2><p class="kern-body">${typed.intro}</p>
<dl class="kern-description-list">${typed.answers.map(
        (a) => html`<div class="kern-description-list-item">
  <dt class="kern-description-list-item__key">${a.label}</dt>
  <dd class="kern-description-list-item__value aw-preline">${a.value}</dd>
</div>`,
      )}</dl>`
    : ''
}
${next ? html`<p class="kern-body"><a class="kern-link" href="${next.href}">${next.label}</a></p>` : ''}
<p class="kern-body"><a class="kern-link" href="${options.homeHref ?? '/'}">${options.siteName ?? t(locale, 'site.name')}</a></p>`,
  });
}
