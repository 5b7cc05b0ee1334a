/**
 * The pages of the built-in test identity provider (ADR 0035): choosing a test persona and a
 * Vertrauensniveau, the logout question, and the provider's refusals. Every page starts with a
 * warning that this is a test system, so nobody mistakes it for a real login.
 */
import { personaName, TEST_PERSONAS, type TestPersona } from '../../adapters/identity/test-idp/personas.ts';
import { ASSURANCE_LEVELS, type AssuranceLevel } from '../../core/identity/levels.ts';
import type { Locale } from '../../definition/types.ts';
import { html, SafeHtml } from '../../lib/html.ts';
import { t } from '../i18n.ts';
import { csrfField, errorSummary, page } from './layout.ts';

const ERROR_PREFIX: Record<Locale, string> = { de: 'Fehler:', en: 'Error:' };

function banner(l: Locale): SafeHtml {
  return html`<div class="kern-alert kern-alert--warning aw-test-system">
  <div class="kern-alert__header"><p class="kern-title">${t(l, 'testIdp.banner.title')}</p></div>
  <div class="kern-alert__body"><p class="kern-body">${t(l, 'testIdp.banner.body')}</p></div>
</div>`;
}

function testIdpPage(
  l: Locale,
  currentPath: string,
  title: string,
  main: SafeHtml,
  hasErrors = false,
): string {
  return page({
    locale: l,
    title,
    currentPath,
    siteName: t(l, 'testIdp.siteName'),
    hasErrors,
    main: html`${banner(l)}${main}`,
  });
}

export interface PersonaForm {
  action: string;
  cancelAction: string;
  csrf: string;
  requestedLevel: AssuranceLevel | undefined;
  chosen: { persona?: string; level?: string };
  errors: { persona?: boolean; level?: boolean };
}

function errorText(l: Locale, id: string, text: string): SafeHtml {
  return html`<p class="kern-error" id="${id}-error"><span class="kern-icon kern-icon--danger" aria-hidden="true"></span><span class="kern-body"><span class="kern-sr-only">${ERROR_PREFIX[l]} </span>${text}</span></p>`;
}

function radioGroup(
  l: Locale,
  group: {
    id: string;
    name: string;
    legend: string;
    hint?: string;
    error?: string;
    checked: string | undefined;
    choices: ReadonlyArray<{ value: string; label: string; hint: string }>;
  },
): SafeHtml {
  const described = [group.hint ? `${group.id}-hint` : '', group.error ? `${group.id}-error` : '']
    .filter(Boolean)
    .join(' ');
  const invalid = group.error !== undefined;
  return html`<fieldset class="kern-fieldset${invalid ? ' kern-fieldset--error' : ''}"${described ? html` aria-describedby="${described}"` : ''}>
  <legend class="kern-label">${group.legend}</legend>
  ${group.hint ? html`<div class="kern-hint" id="${group.id}-hint">${group.hint}</div>` : ''}
  ${group.error ? errorText(l, group.id, group.error) : ''}
  <div class="kern-fieldset__body">${group.choices.map((choice, i) => {
    const id = i === 0 ? group.id : `${group.id}-${i + 1}`;
    return html`<div class="kern-form-check"><input class="kern-form-check__radio${invalid ? ' kern-form-check__radio--error' : ''}" id="${id}" name="${group.name}" type="radio" value="${choice.value}" aria-describedby="${id}-choice-hint"${choice.value === group.checked ? ' checked' : ''}><label class="kern-label" for="${id}">${choice.label}</label><div class="kern-hint" id="${id}-choice-hint">${choice.hint}</div></div>`;
  })}</div>
</fieldset>`;
}

function personaChoice(l: Locale, persona: TestPersona) {
  return { value: persona.id, label: personaName(persona), hint: persona.description[l] };
}

/** "Als Testperson anmelden": a persona and a level, or cancel. */
export function personaPage(l: Locale, currentPath: string, form: PersonaForm): string {
  const errors = [
    ...(form.errors.persona ? [{ href: '#persona', text: t(l, 'testIdp.personaMissing') }] : []),
    ...(form.errors.level ? [{ href: '#niveau', text: t(l, 'testIdp.levelMissing') }] : []),
  ];
  const checkedLevel = form.chosen.level ?? form.requestedLevel;
  return testIdpPage(
    l,
    currentPath,
    t(l, 'testIdp.title'),
    html`${errorSummary(l, errors)}
<h1 class="kern-heading-large">${t(l, 'testIdp.title')}</h1>
<p class="kern-body">${t(l, 'testIdp.intro')}</p>
<form method="post" action="${form.action}" novalidate>
  ${csrfField(form.csrf)}
  ${radioGroup(l, {
    id: 'persona',
    name: 'persona',
    legend: t(l, 'testIdp.persona'),
    ...(form.errors.persona && { error: t(l, 'testIdp.personaMissing') }),
    checked: form.chosen.persona,
    choices: TEST_PERSONAS.map((p) => personaChoice(l, p)),
  })}
  ${radioGroup(l, {
    id: 'niveau',
    name: 'niveau',
    legend: t(l, 'testIdp.level'),
    ...(form.requestedLevel && {
      hint: t(l, 'testIdp.levelRequested', { level: t(l, `level.${form.requestedLevel}`) }),
    }),
    ...(form.errors.level && { error: t(l, 'testIdp.levelMissing') }),
    checked: checkedLevel,
    choices: ASSURANCE_LEVELS.map((level) => ({
      value: level,
      label: t(l, `level.${level}`),
      hint: t(l, `testIdp.level.${level}.hint`),
    })),
  })}
  <div class="aw-actions"><button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">${t(l, 'testIdp.login')}</span></button></div>
</form>
<form method="post" action="${form.cancelAction}">
  ${csrfField(form.csrf)}
  <div class="aw-actions"><button type="submit" class="kern-btn kern-btn--secondary"><span class="kern-label">${t(l, 'testIdp.cancel')}</span></button></div>
</form>`,
    errors.length > 0,
  );
}

/** The login is not open (expired, or another browser's). */
export function interactionGonePage(l: Locale, currentPath: string): string {
  return testIdpPage(
    l,
    currentPath,
    t(l, 'testIdp.expired.title'),
    html`<h1 class="kern-heading-large">${t(l, 'testIdp.expired.title')}</h1><p class="kern-body">${t(l, 'testIdp.expired.body')}</p>`,
  );
}

/** RP-initiated logout asks first; `form` is the provider's own form (id `op.logoutForm`). */
export function logoutPage(l: Locale, currentPath: string, form: string): string {
  return testIdpPage(
    l,
    currentPath,
    t(l, 'testIdp.logout.title'),
    html`<h1 class="kern-heading-large">${t(l, 'testIdp.logout.title')}</h1>
${new SafeHtml(form)}
<div class="aw-actions">
  <button type="submit" form="op.logoutForm" name="logout" value="yes" class="kern-btn kern-btn--primary"><span class="kern-label">${t(l, 'testIdp.logout.yes')}</span></button>
  <button type="submit" form="op.logoutForm" class="kern-btn kern-btn--secondary"><span class="kern-label">${t(l, 'testIdp.logout.no')}</span></button>
</div>`,
  );
}

export function loggedOutPage(l: Locale, currentPath: string): string {
  return testIdpPage(
    l,
    currentPath,
    t(l, 'testIdp.loggedOut.title'),
    html`<h1 class="kern-heading-large">${t(l, 'testIdp.loggedOut.title')}</h1><p class="kern-body">${t(l, 'testIdp.loggedOut.body')}</p>`,
  );
}

/** A request the provider refused; the OAuth error code only, never its description (it may echo input). */
export function refusedPage(l: Locale, currentPath: string, error: string): string {
  return testIdpPage(
    l,
    currentPath,
    t(l, 'testIdp.error.title'),
    html`<h1 class="kern-heading-large">${t(l, 'testIdp.error.title')}</h1><p class="kern-body">${t(l, 'testIdp.error.body', { error })}</p>`,
  );
}
