/**
 * Every URL of a citizen's pages, built in one place for routes and views. The paths under
 * `/{tenant}/{service}` are a stable contract (bookmarks, IdP redirect URIs). The designer's preview
 * shows the same pages under its own base (`previewUrls`), so its forms post into the preview and
 * nothing reaches the live service.
 */
import type { StepTarget } from '../core/step-post.ts';

/** The pages of one service. */
export interface CitizenUrls {
  /** The list of services the page header's name links to. */
  readonly home: string;
  /** The service's start page ("Zurück" from the first step). */
  readonly start: string;
  /** The start page's form: starts the draft, or continues the open one. */
  readonly begin: string;
  /** A step; with `change`, reached by "Ändern" from the check page, to which it returns. */
  step(stepId: string, change?: boolean): string;
  /** "Prüfen Sie Ihre Angaben"; in the preview, its end page. */
  readonly check: string;
  /** The check page's form: submits the application. */
  readonly submit: string;
  /** "Antrag verwerfen": deletes the open draft and its files. */
  readonly discard: string;
  /** The confirmation with the reference number. */
  readonly confirmation: string;
  /** The printable summary of everything sent, for the browser session that sent it. */
  readonly sentSummary: string;
  /** The sealed receipt (PDF) of the submission this browser session made (ADR 0032). */
  readonly receipt: string;
  /** "Anmelden": the login the service requires, or a step-up (ADR 0036). */
  readonly login: string;
  /** Starts the login at one provider (redirects to it). */
  loginWith(providerId: string): string;
  /** "Abmelden": ends the session's login (a form). */
  readonly logout: string;
  /** Suggestions (JSON) for the searchable input of long list `fieldKey`. */
  suggestions(fieldKey: string): string;
  /**
   * The definition as the browser enhancement reads it, named by its content hash (see
   * `browser-definition.ts`); `version` is the published version's number.
   */
  definition(version: number, hash: string): string;
}

const segment = (value: string) => encodeURIComponent(value);

/** The pages under `base`, whose start page is `start` and whose header links to `home`. */
function pagesUnder(
  base: string,
  pages: Pick<CitizenUrls, 'home' | 'start' | 'check' | 'confirmation' | 'sentSummary' | 'definition'>,
): CitizenUrls {
  return {
    ...pages,
    begin: `${base}/start`,
    step: (stepId, change = false) => `${base}/schritt/${segment(stepId)}${change ? '?aendern=1' : ''}`,
    submit: `${base}/absenden`,
    receipt: `${base}/eingangsbestaetigung.pdf`,
    discard: `${base}/verwerfen`,
    login: `${base}/anmelden`,
    loginWith: (providerId) => `${base}/anmelden/${segment(providerId)}`,
    logout: `${base}/abmelden`,
    suggestions: (fieldKey) => `${base}/auswahl/${segment(fieldKey)}`,
  };
}

/** "Meine Anträge" of a municipality (ADR 0049); `meine-antraege` is no service's slug (reserved). */
export function myApplicationsUrls(tenantSlug: string): { list: string; continueDraft: string } {
  const list = `${tenantHome(tenantSlug)}/meine-antraege`;
  return { list, continueDraft: `${list}/fortsetzen` };
}

/** The municipality's list of services. */
export function tenantHome(tenantSlug: string): string {
  return `/${segment(tenantSlug)}`;
}

export function citizenUrls(tenantSlug: string, serviceSlug: string): CitizenUrls {
  const base = `${tenantHome(tenantSlug)}/${segment(serviceSlug)}`;
  return pagesUnder(base, {
    home: tenantHome(tenantSlug),
    start: base,
    check: `${base}/pruefen`,
    confirmation: `${base}/eingegangen`,
    sentSummary: `${base}/eingegangen/zusammenfassung`,
    definition: (version, hash) => `${base}/definition/${version}/${hash}.json`,
  });
}

/** The upload page of a candidate in the Service-Design area. */
export function candidateUrl(candidateId: string): string {
  return `/staff/design/uploads/${segment(candidateId)}`;
}

/**
 * The citizens' pages of an unpublished candidate, as its preview shows them: the header links to
 * the preview of all steps, the start and the confirmation are the candidate's page, the check page
 * is the preview's end. A candidate has no version number; its definition is named by the
 * candidate (a designer-only URL) and its hash.
 */
export function previewUrls(candidateId: string, slug: string): CitizenUrls {
  const preview = `${candidateUrl(candidateId)}/vorschau`;
  const base = `${preview}/${segment(slug)}`;
  return pagesUnder(base, {
    home: preview,
    start: candidateUrl(candidateId),
    check: `${base}/ende`,
    confirmation: candidateUrl(candidateId),
    sentSummary: candidateUrl(candidateId),
    definition: (_version, hash) => `${base}/definition/${hash}.json`,
  });
}

/** Where a step post leads (`Applications.postStep`, `ServiceDesign.postPreviewStep`). */
export function targetUrl(urls: CitizenUrls, to: StepTarget): string {
  switch (to.kind) {
    case 'step':
      return urls.step(to.stepId, to.change === true);
    case 'check':
      return urls.check;
    case 'start':
      return urls.start;
    case 'confirmation':
      return urls.confirmation;
    case 'login':
      return urls.login;
  }
}
