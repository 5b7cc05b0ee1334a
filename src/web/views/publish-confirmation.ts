/**
 * The page between "Veröffentlichen …" and a published version: what the upload becomes (a new
 * service, or the next version of the live one with the same id — or, by the designer's choice, a
 * new service under another id), what changes compared with the live version, and one form that
 * confirms exactly that. The form names the live version it was shown against, so a version
 * published meanwhile by someone else sends the designer back here instead of being overwritten.
 */
import type { CandidateDetails } from '../../core/design.ts';
import type { StaffSession } from '../../core/domain.ts';
import { localize } from '../../definition/types.ts';
import { html } from '../../lib/html.ts';
import { formatDateTime, t } from '../i18n.ts';
import { textArea, textInput } from './admin-form.ts';
import { changeList } from './definition-changes.ts';
import { csrfField, errorSummary, notice } from './layout.ts';
import { type StaffPage, signedInHeader, staffShell } from './staff.ts';

/** The form's field names (also what the route reads). */
export const PUBLISH_FIELDS = {
  against: 'gegen',
  target: 'ziel',
  slug: 'kennung',
  message: 'aenderungsnachricht',
} as const;
export const TARGETS = { nextVersion: 'naechste-version', newService: 'neue-leistung' } as const;

export interface PublishConfirmationInput {
  session: StaffSession;
  csrf: string;
  details: CandidateDetails;
  /** What the designer chose and typed, when the page is shown again. */
  target?: string | undefined;
  slug?: string | undefined;
  /** The change message as typed, when the page is shown again. */
  message?: string | undefined;
  error?:
    | 'target-missing'
    | 'slug-invalid'
    | 'slug-taken'
    | 'message-missing'
    | 'message-too-long'
    | undefined;
  /** Another version was published since the page was last shown. */
  stale?: boolean;
}

const ERROR_KEYS = {
  'target-missing': 'publishing.confirm.targetMissing',
  'slug-invalid': 'publishing.confirm.slugInvalid',
  'slug-taken': 'publishing.confirm.slugTaken',
  'message-missing': 'publishing.message.missing',
  'message-too-long': 'publishing.message.tooLong',
} as const;

export function publishConfirmationPage(p: StaffPage, input: PublishConfirmationInput): string {
  const l = p.locale;
  const { candidate, current, approval, uploaderName } = input.details;
  const base = `/staff/design/uploads/${candidate.id}`;
  const title = t(l, 'publishing.confirm.title', { title: localize(candidate.definition.title, l) });
  const errorText = input.error ? t(l, ERROR_KEYS[input.error]) : undefined;
  const messageError =
    input.error === 'message-missing' || input.error === 'message-too-long' ? errorText : undefined;
  const errorHref =
    input.error === 'target-missing' ? '#ziel-1' : messageError ? `#${PUBLISH_FIELDS.message}` : '#kennung';
  const targetError = input.error === 'target-missing' ? errorText : undefined;
  const slugError = input.error === 'slug-invalid' || input.error === 'slug-taken' ? errorText : undefined;
  const radio = (i: number, value: string, label: string, hint?: string) => {
    const id = `ziel-${i}`;
    return html`<div class="kern-form-check"><input class="kern-form-check__radio${targetError ? ' kern-form-check__radio--error' : ''}" id="${id}" name="${PUBLISH_FIELDS.target}" type="radio" value="${value}"${input.target === value ? ' checked' : ''}${hint ? html` aria-describedby="${id}-hint"` : ''}${targetError ? html` aria-invalid="true"` : ''}><label class="kern-label" for="${id}">${label}</label>${hint ? html`<div class="kern-hint" id="${id}-hint">${hint}</div>` : ''}</div>`;
  };
  const main = html`<a class="kern-link" href="${base}">${t(l, 'publishing.confirm.back')}</a>
${errorText ? errorSummary(l, [{ href: errorHref, text: errorText }]) : ''}
${input.stale ? notice('warning', t(l, 'publishing.confirm.stale')) : ''}
<h1 class="kern-heading-large">${title}</h1>
${
  approval === 'another-designer'
    ? html`<p class="kern-body" id="four-eyes">${t(l, 'design.publish.fourEyes.approve', { name: uploaderName ?? '' })}</p>`
    : ''
}
${
  current
    ? html`<p class="kern-body" id="replaces">${t(l, 'publishing.confirm.replaces', {
        slug: candidate.slug,
        title: localize(current.definition.title, l),
        version: current.version,
        at: formatDateTime(l, current.publishedAt),
      })}</p>
<h2 class="kern-heading-medium">${t(l, 'publishing.confirm.changes', { version: current.version })}</h2>
${changeList(input.details.changes, l)}`
    : html`<p class="kern-body" id="new-service">${t(l, 'publishing.confirm.newService', { title: localize(candidate.definition.title, l) })}</p>`
}
<form method="post" action="${base}/publish" novalidate>
  ${csrfField(input.csrf)}
  <input type="hidden" name="${PUBLISH_FIELDS.against}" value="${current?.id ?? 'new'}">
  ${
    current
      ? html`<fieldset class="kern-fieldset${targetError ? ' kern-fieldset--error' : ''}"${targetError ? html` aria-describedby="ziel-error"` : ''}>
    <legend class="kern-label">${t(l, 'publishing.confirm.target')}</legend>
    ${targetError ? html`<p class="kern-error" id="ziel-error"><span class="kern-icon kern-icon--danger" aria-hidden="true"></span><span class="kern-body">${targetError}</span></p>` : ''}
    <div class="kern-fieldset__body">
      ${radio(
        1,
        TARGETS.nextVersion,
        t(l, 'publishing.confirm.nextVersion', {
          next: current.version + 1,
          title: localize(current.definition.title, l),
          version: current.version,
        }),
        t(l, 'publishing.confirm.nextVersionHint'),
      )}
      ${radio(2, TARGETS.newService, t(l, 'publishing.confirm.asNewService'))}
    </div>
  </fieldset>
  ${textInput(l, {
    id: 'kennung',
    name: PUBLISH_FIELDS.slug,
    value: input.slug ?? '',
    label: t(l, 'publishing.confirm.newSlug'),
    hint: t(l, 'publishing.confirm.newSlugHint'),
    error: slugError,
  })}`
      : ''
  }
  ${textArea(l, {
    id: PUBLISH_FIELDS.message,
    name: PUBLISH_FIELDS.message,
    // A first version says what it is; a later one needs the designer's own words.
    value: input.message ?? (current ? '' : t(l, 'publishing.message.first')),
    label: t(l, 'publishing.message.label'),
    hint: t(l, 'publishing.message.hint'),
    error: messageError,
  })}
  <div class="aw-actions">
    <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">${t(l, approval === 'another-designer' ? 'design.publish.approve' : 'publishing.confirm.submit')}</span></button>
  </div>
</form>`;
  return staffShell(p, title, main, {
    area: 'designer',
    hasErrors: input.error !== undefined,
    extra: signedInHeader(l, input.session, input.csrf, 'designer'),
  });
}
