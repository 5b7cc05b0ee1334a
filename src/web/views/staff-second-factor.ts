/**
 * The second factor's pages (ADR 0055): the code at the second step of a login, the enrolment with
 * a QR code (rendered here as an SVG image: no JavaScript, no request elsewhere) and the recovery
 * codes, shown once.
 */
import { renderSVG } from 'uqr';
import { groupedSecret } from '../../core/second-factor.ts';
import type { Locale } from '../../definition/types.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import { type MessageKey, t } from '../i18n.ts';
import {
  SECOND_FACTOR_CANCEL_PATH,
  SECOND_FACTOR_CODE_PATH,
  SECOND_FACTOR_ENROL_PATH,
} from '../staff-session.ts';
import { textInput } from './admin-form.ts';
import { csrfField, errorSummary } from './layout.ts';
import { type StaffArea, type StaffPage, staffShell } from './staff.ts';

/** Why the code page is shown again, each with its text. */
const CODE_ERRORS = {
  failed: 'staff.factor.code.failed',
  missing: 'staff.factor.code.missing',
  throttled: 'staff.login.throttled',
  locked: 'staff.login.locked',
} as const satisfies Record<string, MessageKey>;

export type CodeError = keyof typeof CODE_ERRORS;

/** Ends a login that waits for its second factor (a session that passed only the password). */
function cancelForm(l: Locale, csrf: string): SafeHtml {
  return html`<form method="post" action="${SECOND_FACTOR_CANCEL_PATH}" class="aw-actions">${csrfField(csrf)}<button type="submit" class="kern-btn kern-btn--tertiary"><span class="kern-label">${t(l, 'staff.factor.cancel')}</span></button></form>`;
}

export function secondFactorCodePage(
  p: StaffPage,
  input: { csrf: string; area: StaffArea; error?: CodeError; retryAfterSeconds?: number },
): string {
  const l = p.locale;
  const seconds = input.retryAfterSeconds ?? 0;
  const message = input.error
    ? t(l, CODE_ERRORS[input.error], { seconds, minutes: Math.max(1, Math.ceil(seconds / 60)) })
    : undefined;
  const title = t(l, 'staff.factor.code.title');
  return staffShell(
    p,
    title,
    html`${errorSummary(l, message ? [{ href: '#field-code', text: message }] : [])}
<h1 class="kern-heading-large">${title}</h1>
<p class="kern-body">${t(l, 'staff.factor.code.intro')}</p>
<form method="post" action="${SECOND_FACTOR_CODE_PATH}" novalidate>
  ${csrfField(input.csrf)}
  ${textInput(l, { id: 'field-code', name: 'code', value: '', autocomplete: 'one-time-code', label: t(l, 'staff.factor.code.label'), hint: t(l, 'staff.factor.code.hint'), error: message })}
  <div class="aw-actions"><button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">${t(l, 'staff.factor.code.submit')}</span></button></div>
</form>
${cancelForm(l, input.csrf)}`,
    { hasErrors: Boolean(message), area: input.area },
  );
}

/** The otpauth URI as a QR code: an SVG image in a data URL (the CSP allows `data:` images). */
function qrImage(l: Locale, uri: string): SafeHtml {
  const svg = renderSVG(uri, { border: 2 });
  const src = `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
  return html`<p><img src="${src}" alt="${t(l, 'staff.factor.enrol.qr')}" width="232" height="232"></p>`;
}

export function secondFactorEnrolPage(
  p: StaffPage,
  input: {
    csrf: string;
    area: StaffArea;
    secret: string;
    uri: string;
    /** At the second step of a login (a role that must have a factor), rather than from "Mein Konto". */
    required: boolean;
    wrongCode?: boolean;
    /** Where "Mein Konto" leads back to, for an account holder who enrols by choice. */
    back?: string;
  },
): string {
  const l = p.locale;
  const message = input.wrongCode ? t(l, 'staff.factor.enrol.failed') : undefined;
  const title = t(l, 'staff.factor.enrol.title');
  return staffShell(
    p,
    title,
    html`${errorSummary(l, message ? [{ href: '#field-code', text: message }] : [])}
<h1 class="kern-heading-large">${title}</h1>
<p class="kern-body">${t(l, input.required ? 'staff.factor.enrol.required' : 'staff.factor.enrol.optional')}</p>
<ol class="kern-list kern-list--numbered">
  <li>${t(l, 'staff.factor.enrol.step1')}
    ${qrImage(l, input.uri)}
    <p class="kern-body">${t(l, 'staff.factor.enrol.manual')}</p>
    <p class="kern-body"><span class="kern-label">${t(l, 'staff.factor.enrol.secret')}:</span> <code id="totp-secret">${groupedSecret(input.secret)}</code></p>
  </li>
  <li>${t(l, 'staff.factor.enrol.step2')}</li>
</ol>
<form method="post" action="${SECOND_FACTOR_ENROL_PATH}" novalidate>
  ${csrfField(input.csrf)}
  ${textInput(l, { id: 'field-code', name: 'code', value: '', numeric: true, autocomplete: 'one-time-code', label: t(l, 'staff.factor.enrol.label'), hint: t(l, 'staff.factor.enrol.hint'), error: message })}
  <div class="aw-actions"><button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">${t(l, 'staff.factor.enrol.submit')}</span></button></div>
</form>
${input.back ? html`<p class="kern-body"><a class="kern-link" href="${input.back}">${t(l, 'staff.account.title')}</a></p>` : cancelForm(l, input.csrf)}`,
    { hasErrors: Boolean(message), area: input.area },
  );
}

export function recoveryCodesPage(
  p: StaffPage,
  input: { codes: readonly string[]; next: string; area: StaffArea },
): string {
  const l = p.locale;
  const title = t(l, 'staff.factor.codes.title');
  return staffShell(
    p,
    title,
    html`<h1 class="kern-heading-large">${title}</h1>
<p class="kern-body">${t(l, 'staff.factor.codes.intro')}</p>
<ul class="kern-list" id="recovery-codes" aria-label="${t(l, 'staff.factor.codes.list')}">${input.codes.map(
      (c) => html`<li><code>${c}</code></li>`,
    )}</ul>
<p class="kern-body"><a class="kern-link" id="codes-continue" href="${input.next}">${t(l, 'staff.factor.codes.continue')}</a></p>`,
    { area: input.area },
  );
}
