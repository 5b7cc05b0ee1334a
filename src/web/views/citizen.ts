import { SENT_SUMMARY_HOURS } from '../../core/applications.ts';
import type { ServiceVersion, Submission, SubmissionSummary, Tenant } from '../../core/domain.ts';
import { SHOWN_QUESTIONS_NAME, type StepShown } from '../../core/step-post.ts';
import { easyField, easyLanguageCoverage, easyText, inEasyLanguage } from '../../definition/easy-language.ts';
import {
  type Answers,
  type Locale,
  localize,
  type ServiceDefinition,
  type Step,
} from '../../definition/types.ts';
import { hasSuggestions, needsDefinition } from '../../engine/browser-needs.ts';
import { formatCents } from '../../engine/fields/currency.ts';
import { errorMessage } from '../../engine/fields/view-parts.ts';
import type { FormModel, SummaryRow, SummarySection } from '../../engine/model.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import { browserDefinition } from '../browser-definition.ts';
import { type CitizenUrls, citizenUrls, tenantHome } from '../citizen-urls.ts';
import { formatDateTime, t } from '../i18n.ts';
import { myApplicationsLink } from './account-link.ts';
import { type HeaderLogin, loginHeader } from './citizen-login-header.ts';
import { computedSection } from './computed-rows.ts';
import { csrfField, errorSummary, notice, page } from './layout.ts';
import { officeContact } from './office-contact.ts';
import { type PrefillMarking, readOnlyInputs, withPrefillHint } from './prefill-field.ts';
import {
  type SchriftformersatzLogin,
  schriftformersatzConfirmation,
  schriftformersatzWarning,
} from './schriftformersatz.ts';
import { stepNoticeText } from './step-notice.ts';
import { summaryText } from './summary-error.ts';
import { summaryRows } from './summary-rows.ts';

/** What every citizen page knows about where it is. */
export interface CitizenPage {
  locale: Locale;
  /**
   * Leichte Sprache (German only): definition texts in their `ls` version where they have one. Left
   * out where the citizen cannot switch (the designer's preview), so no switch is shown there.
   */
  easy?: boolean;
  tenant: Tenant;
  currentPath: string;
  /** The name in the header, when not the municipality's (the designer's preview names itself). */
  siteName?: string;
  /** Logged in at the municipality (ADR 0049): the header links to "Meine Anträge". */
  loggedIn?: boolean;
  /** The browser session's login at the municipality: the header shows it with a logout button. */
  login?: HeaderLogin | undefined;
}

interface ShellOptions {
  hasErrors?: boolean;
  /** Load the browser enhancement. */
  enhance?: boolean;
  /** Where the header's name links; the municipality's list of services unless said. */
  home?: string;
  /**
   * The service the page belongs to: the browser title names it between the page and the
   * municipality ("Angaben zum Hund – Hund anmelden – Musterstadt"), so a tab, a bookmark and a
   * screen reader's first words say where the citizen is.
   */
  service?: string;
}

/** The page's own title, then its service unless the page is titled by the service itself. */
export function citizenTitle(title: string, service: string | undefined): string {
  return service === undefined || service === title ? title : `${title} – ${service}`;
}

export function shell(c: CitizenPage, title: string, main: SafeHtml, options: ShellOptions = {}): string {
  return page({
    // On a page with errors the enhancement makes sure the error summary has focus.
    enhance: options.enhance === true || options.hasErrors === true,
    locale: c.locale,
    ...(c.easy !== undefined && { easyLanguage: c.easy }),
    title: citizenTitle(title, options.service),
    currentPath: c.currentPath,
    siteName: c.siteName ?? localize(c.tenant.name, c.locale),
    homeHref: options.home ?? tenantHome(c.tenant.slug),
    hasErrors: options.hasErrors === true,
    footerLinks: legalFooterLinks(c),
    headerExtra: html`${myApplicationsLink(c)}${c.login ? loginHeader(c.locale, c.login) : ''}`,
    main,
  });
}

/** The municipality's legal pages, in the order German public websites use. */
function legalFooterLinks(c: CitizenPage): Array<{ href: string; label: string }> {
  const links = c.tenant.legalLinks ?? {};
  return (['imprint', 'privacy', 'accessibility'] as const).flatMap((key) => {
    const href = links[key];
    return href ? [{ href, label: t(c.locale, `footer.${key}`) }] : [];
  });
}

export function tenantListPage(locale: Locale, currentPath: string, tenants: Tenant[], easy = false): string {
  return page({
    locale,
    easyLanguage: easy,
    title: t(locale, 'home.title'),
    currentPath,
    main: html`<h1 class="kern-heading-large">${t(locale, 'home.title')}</h1>
<p class="kern-body">${t(locale, 'home.intro')}</p>
<ul class="aw-service-list">${tenants.map(
      (tenant) =>
        html`<li><a class="kern-link" href="${tenantHome(tenant.slug)}">${localize(tenant.name, locale)}</a></li>`,
    )}</ul>`,
  });
}

export function catalogPage(c: CitizenPage, services: ServiceVersion[]): string {
  const tenantName = localize(c.tenant.name, c.locale);
  const title = t(c.locale, 'catalog.title', { tenant: tenantName });
  const items = services.map(
    (s) => html`<li>
  <h2 class="kern-heading-small"><a class="kern-link" href="${citizenUrls(c.tenant.slug, s.slug).start}">${localize(s.definition.title, c.locale)}</a></h2>
  <p class="kern-body">${localize(textsFor(c, s.definition).summary, c.locale)}</p>
</li>`,
  );
  return shell(
    c,
    // The browser title adds the municipality's name itself.
    t(c.locale, 'catalog.pageTitle'),
    html`<h1 class="kern-heading-large">${title}</h1>
<p class="kern-body">${t(c.locale, 'catalog.intro')}</p>
${services.length === 0 ? html`<p class="kern-body">${t(c.locale, 'catalog.empty')}</p>` : html`<ul class="aw-service-list">${items}</ul>`}`,
  );
}

/** The definition whose texts the citizen reads: in Leichte Sprache where chosen (ADR 0019). */
function textsFor(c: CitizenPage, definition: ServiceDefinition): ServiceDefinition {
  return c.easy ? inEasyLanguage(definition) : definition;
}

/** Said once, on the start page, to a citizen who chose Leichte Sprache: how much of it is. */
function easyLanguageNotice(c: CitizenPage, definition: ServiceDefinition): SafeHtml | string {
  if (!c.easy) return '';
  const coverage = easyLanguageCoverage(definition);
  // Part of the page from the start, not news: an alert box without a live region.
  return html`<div class="kern-alert kern-alert--info aw-easy-notice">
  <div class="kern-alert__header"><p class="kern-title">${t(c.locale, `start.easy.${coverage}.title`)}</p></div>
  <div class="kern-alert__body"><p class="kern-body">${t(c.locale, `start.easy.${coverage}.body`)}</p></div>
</div>`;
}

/**
 * "Antrag verwerfen": a form of its own, so it can never be sent by the form that continues or
 * submits. The note says what it does before it is pressed.
 */
function discardForm(l: Locale, action: string, csrf: string): SafeHtml {
  return html`<form method="post" action="${action}" novalidate class="aw-actions aw-discard">
  ${csrfField(csrf)}
  <p class="kern-body kern-body--small" id="discard-note">${t(l, 'draft.discardNote')}</p>
  <button type="submit" class="kern-btn kern-btn--secondary" aria-describedby="discard-note"><span class="kern-label">${t(l, 'draft.discard')}</span></button>
</form>`;
}

export function startPage(
  c: CitizenPage,
  service: ServiceVersion,
  csrf: string,
  hasDraft: boolean,
  /** How long a draft is kept: the service's `drafts.retention` setting. */
  draftDays: number,
  /** The citizen has just discarded their draft. */
  discarded = false,
): string {
  const d = textsFor(c, service.definition);
  const l = c.locale;
  const title = localize(d.title, l);
  const sp = d.startPage;
  const section = (heading: string, body: SafeHtml | string) =>
    html`<h2 class="kern-heading-medium">${heading}</h2>${typeof body === 'string' ? html`<p class="kern-body">${body}</p>` : body}`;
  const urls = citizenUrls(c.tenant.slug, service.slug);
  return shell(
    c,
    title,
    html`${discarded ? notice('success', t(l, 'draft.discarded.title'), html`<p class="kern-body">${t(l, 'draft.discarded.body')}</p>`) : ''}
<h1 class="kern-heading-large">${title}</h1>
${easyLanguageNotice(c, service.definition)}
<p class="kern-body kern-body--large">${localize(d.summary, l)}</p>
${sp?.description ? html`<p class="kern-body">${localize(sp.description, l)}</p>` : ''}
${sp?.whatYouNeed?.length ? section(t(l, 'start.whatYouNeed'), html`<ul class="kern-list kern-list--bullet">${sp.whatYouNeed.map((x) => html`<li>${localize(x, l)}</li>`)}</ul>`) : ''}
${d.local.cost ? section(d.local.fee ? localize(d.local.fee.label, l) : t(l, 'start.cost'), localize(d.local.cost, l)) : ''}
${sp?.duration ? section(t(l, 'start.duration'), localize(sp.duration, l)) : ''}
${section(t(l, 'start.office'), officeContact(l, d.local.office))}
<form method="post" action="${urls.begin}" novalidate class="aw-actions">
  ${csrfField(csrf)}
  <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">${t(l, hasDraft ? 'start.continueDraft' : 'start.startNow')}</span></button>
</form>
<p class="kern-body kern-body--small" id="draft-note">${draftDays === 1 ? t(l, 'start.draftNoteOneDay') : t(l, 'start.draftNote', { days: draftDays })}</p>
${hasDraft ? discardForm(l, urls.discard, csrf) : ''}`,
  );
}

export interface StepPageInput {
  /** Where the service's pages are: the citizen's, or the designer preview's. */
  urls: CitizenUrls;
  model: FormModel;
  /** The published version's number: the URL of the definition names it. */
  version: number;
  step: Step;
  /** The answers kept so far (a draft's, or a preview's): the page as first shown, and "Zurück". */
  stored: Answers;
  /** The step shown again after a post; undefined when it is first shown. */
  shown?: StepShown;
  csrf: string;
  /** Set when the citizen came from the check page with "Ändern". */
  returnToCheck: boolean;
  /** Today in Europe/Berlin (`YYYY-MM-DD`), for date rules checked in the browser. */
  today?: string;
  /** The step's fields prefilled from the citizen's identity, by key (ADR 0049). */
  prefilled?: ReadonlyMap<string, PrefillMarking>;
  /** A post tried to change a read-only prefilled field: its vouched value was kept. */
  prefillKept?: boolean;
}

/**
 * On a page with a repeating group, the add and remove buttons come before "Weiter"; pressing
 * Enter in a text input submits with the first submit button of the form. This copy of "Weiter",
 * first in the form and out of sight and of the keyboard order, keeps Enter meaning "Weiter".
 */
function defaultSubmit(l: Locale): SafeHtml {
  return html`<button type="submit" class="aw-default-submit" tabindex="-1" aria-hidden="true">${t(l, 'common.continue')}</button>`;
}

/**
 * Where the browser enhancement reads the definition (a cached resource, not part of the page),
 * for steps whose questions the browser checks; other steps refer to none. In Leichte Sprache the
 * browser renders revealed questions with those help texts, so it reads that variant.
 */
function definitionHref(c: CitizenPage, input: StepPageInput): string | undefined {
  const { model, step } = input;
  if (!needsDefinition(model.definition, step)) return undefined;
  return input.urls.definition(input.version, browserDefinition(model.definition, c.easy === true).hash);
}

export function stepPage(c: CitizenPage, input: StepPageInput): string {
  const l = c.locale;
  const { model, step, urls, shown } = input;
  const answers = shown?.answers ?? input.stored;
  const errors = shown?.errors ?? [];
  const applicable = model.applicableSteps(answers);
  const index = applicable.findIndex((s) => s.id === step.id);
  const fields = model.visibleFields(step.id, answers);
  const hasGroup = fields.some((f) => f.type === 'group');
  // Files go as multipart; its upload and remove buttons come before "Weiter" like a group's.
  const hasFile = step.fields.some((f) => f.type === 'file');
  const errorFor = new Map(errors.map((e) => [e.key, e]));
  const stepTitle = localize(step.title, l);
  const previous = model.previousStep(step.id, input.stored);
  const backHref = input.returnToCheck ? urls.check : previous ? urls.step(previous.id) : urls.start;
  const definition = definitionHref(c, input);
  const suggestions = hasSuggestions(step);
  const noticeText = shown?.notice ? stepNoticeText(l, shown.notice) : undefined;
  return shell(
    c,
    stepTitle,
    html`<a class="kern-link" href="${backHref}">${t(l, 'common.back')}</a>
${errorSummary(
  l,
  errors.map((e) => ({ href: `#${e.inputId}`, text: summaryText(e, l) })),
)}
${shown?.moreQuestions ? notice('info', t(l, 'step.moreQuestions')) : ''}
${shown?.newNotices ? notice('info', t(l, 'step.newNotices')) : ''}
${noticeText ? notice('info', noticeText) : ''}
${input.prefillKept ? notice('warning', t(l, 'prefill.kept')) : ''}
<form method="post" action="${urls.step(step.id, input.returnToCheck)}" novalidate data-aw-step="${step.id}"${hasFile ? html` enctype="multipart/form-data"` : ''}${input.today ? html` data-aw-today="${input.today}"` : ''}${definition ? html` data-aw-definition="${definition}"` : ''}${suggestions ? html` data-aw-suggestions="${urls.suggestions('')}"` : ''}>
  ${csrfField(input.csrf)}
  ${hasGroup || hasFile ? defaultSubmit(l) : ''}
  ${
    // The questions this page shows: after a question was revealed without JavaScript, a wrong
    // answer to it (e.g. a name with several matches in a long list) is then shown as an error
    // instead of being revealed again. The browser enhancement updates the value on submit.
    html`<input type="hidden" name="${SHOWN_QUESTIONS_NAME}" value="${fields.map((f) => f.key).join(',')}">`
  }
  <p class="kern-preline">${localize(model.definition.title, l)} – ${t(l, 'step.progress', { current: index + 1, total: applicable.length })}</p>
  <h1 class="kern-heading-large">${stepTitle}</h1>
  ${step.description ? html`<p class="kern-body">${localize(c.easy ? easyText(step.description) : step.description, l)}</p>` : ''}
  <div class="aw-stack">
  ${fields.map((field) => {
    // In Leichte Sprache the help texts change, nothing else (ADR 0019).
    const shownField = c.easy ? easyField(field) : field;
    const marking = input.prefilled?.get(field.key);
    const markup = html`<div data-aw-field="${field.key}"${marking ? html` data-aw-prefilled="${marking.editable ? 'editable' : 'locked'}"` : ''}>${model.renderField(
      {
        field: marking ? withPrefillHint(shownField, marking, l) : shownField,
        value: answers[field.key],
        raw: shown?.raw,
        error: errorFor.get(field.key),
        locale: l,
        answers,
        errors,
        suggestionsUrl: urls.suggestions,
        ...(shown?.focus?.group === field.key && { focusItem: shown.focus.item }),
      },
    )}</div>`;
    return marking && !marking.editable ? readOnlyInputs(markup) : markup;
  })}
  </div>
  <div class="aw-actions">
    <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">${t(l, 'common.continue')}</span></button>
  </div>
</form>`,
    {
      hasErrors: errors.length > 0,
      enhance: definition !== undefined || suggestions,
      home: urls.home,
      service: localize(model.definition.title, l),
    },
  );
}

export interface CheckPageInput {
  service: ServiceVersion;
  sections: SummarySection[];
  /** What stops the application from being sent, each with its own message and step. */
  problems: Array<{ stepId: string; inputId: string; message: string }>;
  declarationError: boolean;
  csrf: string;
  backHref: string;
  /** The fee in euro-cents (from `finalize`), when the definition has one and the answers are complete. */
  fee?: number;
  /** The labelled computed values (`summarizeComputed`), shown apart from the answers. */
  computed?: SummaryRow[];
  /** The service replaces the written form (ADR 0048): the warning above the declaration. */
  schriftformersatz?: SchriftformersatzLogin | undefined;
}

/**
 * The fee, headed by its own label ("Hundesteuer pro Jahr für diesen Hund"), not by a fixed word:
 * a tax is not a "Gebühr", and a fixed heading above a service whose start page says "kostenlos"
 * reads as a contradiction. The amount follows, then the service's own note on costs, which
 * explains how the amount comes about. Nothing when there is no fee to show.
 */
function feeBlock(l: Locale, service: ServiceVersion, cents: number | undefined): SafeHtml | string {
  const { fee, cost } = service.definition.local;
  if (!fee || cents === undefined) return '';
  return html`<section class="aw-summary-section aw-fee" aria-labelledby="aw-fee-heading">
  <h2 class="kern-heading-medium" id="aw-fee-heading">${localize(fee.label, l)}</h2>
  <p class="kern-body" data-fee-cents="${String(cents)}"><strong>${formatCents(cents, l)}</strong></p>
  ${cost ? html`<p class="kern-body kern-body--small">${localize(cost, l)}</p>` : ''}
</section>`;
}

export function checkPage(c: CitizenPage, input: CheckPageInput): string {
  const l = c.locale;
  const urls = citizenUrls(c.tenant.slug, input.service.slug);
  const errors = [
    ...input.problems.map((p) => ({
      href: `${urls.step(p.stepId, true)}#${p.inputId}`,
      text: p.message,
    })),
    ...(input.declarationError
      ? [{ href: '#field-erklaerung', text: t(l, 'check.declarationMissing') }]
      : []),
  ];
  const change = (stepId: string, key: string, label: string) =>
    html`<a class="kern-link" href="${urls.step(stepId, true)}#field-${key}">${t(l, 'common.change')}<span class="kern-sr-only"> – ${label}</span></a>`;
  const sections = input.sections.map(
    (section) => html`<section class="aw-summary-section">
  <h2 class="kern-heading-medium">${section.title}</h2>
  ${summaryRows(section.rows, (row, itemTitle) =>
    change(section.stepId, row.key, itemTitle ? `${itemTitle}: ${row.label}` : row.label),
  )}
</section>`,
  );
  return shell(
    c,
    t(l, 'check.title'),
    html`<a class="kern-link" href="${input.backHref}">${t(l, 'common.back')}</a>
${errorSummary(l, errors)}
<h1 class="kern-heading-large">${t(l, 'check.title')}</h1>
<p class="kern-body">${t(l, 'check.intro')}</p>
${sections}
${computedSection(l, input.computed ?? [], 'citizen')}
${feeBlock(l, input.service, input.fee)}
<form method="post" action="${urls.submit}" novalidate>
  ${csrfField(input.csrf)}
  ${input.schriftformersatz ? schriftformersatzWarning(l, input.schriftformersatz) : ''}
  ${declarationFieldset(l, localize(input.service.definition.declaration, l), input.declarationError)}
  <div class="aw-actions">
    <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">${t(l, 'check.submit')}</span></button>
  </div>
</form>
${discardForm(l, urls.discard, input.csrf)}`,
    { hasErrors: errors.length > 0, service: localize(input.service.definition.title, l) },
  );
}

/**
 * The declaration to confirm before sending: a heading of its own (in the legend, so it also names
 * the group), its text, the checkbox, and its error marked like every field's error.
 */
function declarationFieldset(l: Locale, declaration: string, error: boolean): SafeHtml {
  const describedBy = error ? 'erklaerung-text erklaerung-error' : 'erklaerung-text';
  return html`<fieldset class="kern-fieldset aw-declaration${error ? ' kern-fieldset--error' : ''}" aria-describedby="${describedBy}">
    <legend class="kern-fieldset__legend"><h2 class="kern-heading-medium aw-declaration-heading">${t(l, 'check.declaration')}</h2></legend>
    <p class="kern-body" id="erklaerung-text">${declaration}</p>
    <div class="kern-fieldset__body">
      <div class="kern-form-check">
        <input class="kern-form-check__checkbox${error ? ' kern-form-check__checkbox--error' : ''}" type="checkbox" id="field-erklaerung" name="erklaerung" value="ja"${error ? html` aria-invalid="true"` : ''}>
        <label class="kern-label" for="field-erklaerung">${t(l, 'check.declarationConfirm')}</label>
      </div>
    </div>
    ${error ? errorMessage(l, 'erklaerung-error', t(l, 'check.declarationMissing')) : ''}
  </fieldset>`;
}

/** A text of the definition as paragraphs (an empty line separates them). */
function paragraphs(text: string): SafeHtml {
  return html`${text
    .split(/\n\s*\n/)
    .filter((p) => p.trim() !== '')
    .map((p) => html`<p class="kern-body">${p.trim()}</p>`)}`;
}

/**
 * "Antrag eingegangen": the reference, what happens next (the definition's `local.nextSteps`, or a
 * general text), the responsible office with its contact details, and the way to a printable
 * summary of everything sent. It promises nothing the platform does not do (no receipt by mail).
 */
export function confirmationPage(
  c: CitizenPage,
  service: ServiceVersion,
  submission: SubmissionSummary,
  receipt?: { href: string; demo: boolean },
  /** Submitted as Schriftformersatz (ADR 0048): with which login. */
  schriftformersatz?: SchriftformersatzLogin & { loggedInAt: string },
): string {
  const l = c.locale;
  const d = textsFor(c, service.definition);
  const office = d.local.office;
  const urls = citizenUrls(c.tenant.slug, service.slug);
  return shell(
    c,
    t(l, 'confirmation.title'),
    html`<div class="kern-alert kern-alert--success" role="status">
  <div class="kern-alert__header"><h1 class="kern-title">${t(l, 'confirmation.title')}</h1></div>
  <div class="kern-alert__body">
    <p class="kern-body">${t(l, 'confirmation.reference')}</p>
    <p class="aw-reference" id="vorgangsnummer">${submission.reference}</p>
  </div>
</div>
<p class="kern-body">${t(l, 'confirmation.body', { office: localize(office.name, l) })}</p>
${schriftformersatz ? schriftformersatzConfirmation(l, schriftformersatz) : ''}
${receipt ? receiptBlock(l, receipt) : ''}
<h2 class="kern-heading-medium">${t(l, 'confirmation.nextHeading')}</h2>
${d.local.nextSteps ? paragraphs(localize(d.local.nextSteps, l)) : html`<p class="kern-body">${t(l, 'confirmation.nextDefault')}</p>`}
<h2 class="kern-heading-medium">${t(l, 'confirmation.officeHeading')}</h2>
${officeContact(l, office)}
<h2 class="kern-heading-medium">${t(l, 'confirmation.summaryHeading')}</h2>
<p class="kern-body">${t(l, 'confirmation.summaryIntro', { hours: SENT_SUMMARY_HOURS })}</p>
<p class="kern-body"><a class="kern-link" href="${urls.sentSummary}">${t(l, 'confirmation.summaryLink')}</a></p>
<p class="kern-body"><a class="kern-link" href="${tenantHome(c.tenant.slug)}">${t(l, 'confirmation.newApplication')}</a></p>`,
    { service: localize(service.definition.title, l) },
  );
}

export interface SentSummaryInput {
  service: ServiceVersion;
  submission: Submission;
  /** The answers as sent, by step (`FormModel.summary` of the submission's answers). */
  sections: SummarySection[];
  /** The labelled computed values sent with them. */
  computed: SummaryRow[];
}

/**
 * Everything that was sent, to keep or print: the service, the reference, when, to which office,
 * every answer (repeating groups by item, files by name), the computed values, the fee and the
 * declaration that was confirmed. Print CSS leaves out the header, the footer and the links.
 */
export function sentSummaryPage(c: CitizenPage, input: SentSummaryInput): string {
  const l = c.locale;
  const { service, submission } = input;
  const definition = service.definition;
  const urls = citizenUrls(c.tenant.slug, service.slug);
  const title = t(l, 'sent.title');
  const fee = definition.local.fee;
  const meta: Array<[string, string]> = [
    [t(l, 'sent.service'), localize(definition.title, l)],
    [t(l, 'confirmation.reference'), submission.reference],
    [t(l, 'sent.submittedAt'), formatDateTime(l, submission.submittedAt)],
    [t(l, 'confirmation.officeHeading'), localize(definition.local.office.name, l)],
  ];
  return shell(
    c,
    `${title} – ${localize(definition.title, l)}`,
    html`<p class="kern-body aw-no-print"><a class="kern-link" href="${urls.confirmation}">${t(l, 'sent.back')}</a></p>
<h1 class="kern-heading-large">${title}</h1>
<p class="kern-body aw-no-print">${t(l, 'sent.printHint')}</p>
<dl class="kern-description-list aw-sent-meta">${meta.map(
      ([key, value]) => html`<div class="kern-description-list-item">
    <dt class="kern-description-list-item__key">${key}</dt>
    <dd class="kern-description-list-item__value">${value}</dd>
  </div>`,
    )}</dl>
${input.sections.map(
  (section) => html`<section class="aw-summary-section">
  <h2 class="kern-heading-medium">${section.title}</h2>
  ${summaryRows(section.rows, () => '')}
</section>`,
)}
${computedSection(l, input.computed, 'citizen')}
${
  fee && submission.feeCents !== null
    ? html`<section class="aw-summary-section" aria-labelledby="aw-fee-heading">
  <h2 class="kern-heading-medium" id="aw-fee-heading">${localize(fee.label, l)}</h2>
  <p class="kern-body"><strong>${formatCents(submission.feeCents, l)}</strong></p>
</section>`
    : ''
}
<section class="aw-summary-section" aria-labelledby="aw-declaration-heading">
  <h2 class="kern-heading-medium" id="aw-declaration-heading">${t(l, 'check.declaration')}</h2>
  <p class="kern-body">${localize(definition.declaration, l)}</p>
  <p class="kern-body">${t(l, 'sent.declarationConfirmed')}</p>
</section>`,
  );
}

/**
 * The summary of a sent application after its time (410): it is with the responsible office now,
 * who can say what was sent; the confirmation (the reference) stays.
 */
export function sentSummaryGonePage(c: CitizenPage, service: ServiceVersion): string {
  const l = c.locale;
  const urls = citizenUrls(c.tenant.slug, service.slug);
  return shell(
    c,
    t(l, 'sent.gone.title'),
    html`<h1 class="kern-heading-large">${t(l, 'sent.gone.title')}</h1>
<p class="kern-body">${t(l, 'sent.gone.body', { hours: SENT_SUMMARY_HOURS })}</p>
<h2 class="kern-heading-medium">${t(l, 'confirmation.officeHeading')}</h2>
${officeContact(l, textsFor(c, service.definition).local.office)}
<p class="kern-body"><a class="kern-link" href="${urls.confirmation}">${t(l, 'sent.back')}</a></p>`,
  );
}

/** The sealed receipt's download (ADR 0032): only this browser session gets it. */
function receiptBlock(l: Locale, receipt: { href: string; demo: boolean }): SafeHtml {
  return html`<section class="aw-receipt" aria-labelledby="eingangsbestaetigung">
  <h2 class="kern-heading-medium" id="eingangsbestaetigung">${t(l, 'receipt.heading')}</h2>
  <p class="kern-body">${t(l, 'receipt.body')}</p>
  ${receipt.demo ? html`<p class="kern-body kern-body--small">${t(l, 'receipt.demo')}</p>` : ''}
  <p class="kern-body"><a class="kern-link" href="${receipt.href}" download>${t(l, 'receipt.download')}</a></p>
</section>`;
}

/**
 * A service that was taken offline (410): what happened, who to contact instead (the office of its
 * last version, with whatever contact details it has), and the way to the municipality's other
 * services. Old links and bookmarks lead here, never to an error page.
 */
export function withdrawnPage(c: CitizenPage, service: ServiceVersion): string {
  const l = c.locale;
  const office = service.definition.local.office;
  const title = t(l, 'withdrawn.title', { title: localize(service.definition.title, l) });
  return shell(
    c,
    title,
    html`<h1 class="kern-heading-large">${title}</h1>
<p class="kern-body">${t(l, 'withdrawn.body')}</p>
<h2 class="kern-heading-medium">${t(l, 'withdrawn.office')}</h2>
${officeContact(l, office)}
<p class="kern-body"><a class="kern-link" href="${tenantHome(c.tenant.slug)}">${t(l, 'withdrawn.catalog', { tenant: localize(c.tenant.name, l) })}</a></p>`,
  );
}
