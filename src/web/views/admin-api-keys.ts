/**
 * The Verwaltung's page of API keys for the pull API (ADR 0041): the municipality's keys with what
 * they may read and when they were last used, "Widerrufen" for each active one, and the form that
 * creates one. A new key is shown once, on the page the form redirects to.
 */
import type { ApiKey, ServiceVersion } from '../../core/domain.ts';
import { type ApiKeyProblem, MAX_LABEL_LENGTH } from '../../core/pull-api/api-keys.ts';
import { localize } from '../../definition/types.ts';
import { html } from '../../lib/html.ts';
import { formatDateTime, t } from '../i18n.ts';
import { submitButton, textInput } from './admin-form.ts';
import { type AdminFrame, adminShell } from './admin-layout.ts';
import { csrfField, errorSummary, notice } from './layout.ts';
import type { StaffPage } from './staff.ts';

export const API_KEYS_PATH = '/staff/admin/api-schluessel';

export interface ApiKeysPageInput {
  keys: readonly ApiKey[];
  services: readonly ServiceVersion[];
  /** The key just created, shown this once. */
  created?: { label: string; secret: string } | undefined;
  revoked?: boolean;
  values?: { label: string; serviceId: string };
  problems?: readonly ApiKeyProblem[];
}

const FIELD_OF: Record<ApiKeyProblem, string> = {
  'label-missing': 'field-label',
  'label-too-long': 'field-label',
  'service-unknown': 'field-service',
};

export function apiKeysPage(p: StaffPage, frame: AdminFrame, input: ApiKeysPageInput): string {
  const l = p.locale;
  const title = t(l, 'apiKeys.title');
  const problems = input.problems ?? [];
  const problemText = (problem: ApiKeyProblem) =>
    t(l, `apiKeys.problem.${problem}`, { max: MAX_LABEL_LENGTH });
  const errorFor = (field: string) => {
    const problem = problems.find((pr) => FIELD_OF[pr] === field);
    return problem && problemText(problem);
  };
  const serviceName = (serviceId: string | null) => {
    if (serviceId === null) return t(l, 'apiKeys.allServices');
    const service = input.services.find((s) => s.serviceId === serviceId);
    return service ? localize(service.definition.title, l) : serviceId;
  };
  const values = input.values ?? { label: '', serviceId: '' };
  const serviceError = errorFor('field-service');
  const rows = input.keys.map(
    (k) => html`<tr class="kern-table__row">
    <td class="kern-table__cell">${k.label}</td>
    <td class="kern-table__cell"><code>${k.prefix}…</code></td>
    <td class="kern-table__cell">${serviceName(k.serviceId)}</td>
    <td class="kern-table__cell">${formatDateTime(l, k.createdAt)}</td>
    <td class="kern-table__cell">${k.lastUsedAt ? formatDateTime(l, k.lastUsedAt) : t(l, 'apiKeys.never')}</td>
    <td class="kern-table__cell">${
      k.revokedAt
        ? t(l, 'apiKeys.revoked', { at: formatDateTime(l, k.revokedAt) })
        : html`<form method="post" action="${API_KEYS_PATH}/${k.id}/widerrufen">
      ${csrfField(frame.csrf)}
      ${submitButton(t(l, 'apiKeys.revoke', { label: k.label }), 'secondary')}
    </form>`
    }</td>
  </tr>`,
  );
  return adminShell(
    p,
    frame,
    'apiKeys',
    title,
    html`${input.revoked ? notice('success', t(l, 'apiKeys.revokedNotice')) : ''}
${
  input.created
    ? notice(
        'success',
        t(l, 'apiKeys.created.heading', { label: input.created.label }),
        html`<p class="kern-body">${t(l, 'apiKeys.created.body')}</p>
<p class="kern-body">${t(l, 'apiKeys.created.key')}: <code class="aw-break" id="new-key">${input.created.secret}</code></p>`,
      )
    : ''
}
<h1 class="kern-heading-large">${title}</h1>
<p class="kern-body">${t(l, 'apiKeys.intro')}</p>
<p class="kern-body">${t(l, 'apiKeys.docs')}</p>
${
  input.keys.length === 0
    ? html`<p class="kern-body">${t(l, 'apiKeys.empty')}</p>`
    : html`<div class="kern-table-responsive"><table class="kern-table">
  <caption class="kern-sr-only">${t(l, 'apiKeys.caption')}</caption>
  <thead class="kern-table__header"><tr class="kern-table__row">
    <th scope="col" class="kern-table__header">${t(l, 'apiKeys.col.label')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'apiKeys.col.prefix')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'apiKeys.col.service')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'apiKeys.col.created')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'apiKeys.col.lastUsed')}</th>
    <th scope="col" class="kern-table__header">${t(l, 'apiKeys.col.action')}</th>
  </tr></thead>
  <tbody class="kern-table__body">${rows}</tbody>
</table></div>`
}
<h2 class="kern-heading-medium">${t(l, 'apiKeys.new.heading')}</h2>
<form method="post" action="${API_KEYS_PATH}" novalidate class="aw-stack">
  ${csrfField(frame.csrf)}
  ${textInput(l, {
    id: 'field-label',
    name: 'bezeichnung',
    value: values.label,
    autocomplete: 'off',
    label: t(l, 'apiKeys.field.label'),
    hint: t(l, 'apiKeys.field.label.hint'),
    error: errorFor('field-label'),
  })}
  <div class="kern-form-input${serviceError ? ' kern-form-input--error' : ''}">
    <label class="kern-label" for="field-service">${t(l, 'apiKeys.field.service')}</label>
    <div class="kern-hint" id="field-service-hint">${t(l, 'apiKeys.field.service.hint')}</div>
    <div class="kern-form-input__select-wrapper"><select class="kern-form-input__select${serviceError ? ' kern-form-input__select--error' : ''}" id="field-service" name="leistung" aria-describedby="field-service-hint${serviceError ? ' field-service-error' : ''}"${serviceError ? html` aria-invalid="true"` : ''}>
      <option value=""${values.serviceId === '' ? ' selected' : ''}>${t(l, 'apiKeys.allServices')}</option>
      ${input.services.map(
        (s) =>
          html`<option value="${s.serviceId}"${values.serviceId === s.serviceId ? ' selected' : ''}>${localize(s.definition.title, l)}</option>`,
      )}
    </select></div>
    ${serviceError ? html`<p class="kern-error" id="field-service-error"><span class="kern-icon kern-icon--danger" aria-hidden="true"></span><span class="kern-body"><span class="kern-sr-only">${l === 'de' ? 'Fehler:' : 'Error:'} </span>${serviceError}</span></p>` : ''}
  </div>
  ${submitButton(t(l, 'apiKeys.create'))}
</form>`,
    errorSummary(
      l,
      problems.map((problem) => ({ href: `#${FIELD_OF[problem]}`, text: problemText(problem) })),
    ),
  );
}
