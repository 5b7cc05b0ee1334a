/**
 * Verwaltung pages for the municipality (legal links, tenant-wide settings) and for the operational
 * settings of its services (ADR 0024). A setting's form is built from its kind: each option's JSON
 * Schema type gives the control, its texts come from `SETTING_TEXTS`, which the compiler checks has
 * a title, an introduction and a label for every option of every registered kind.
 */
import { LEGAL_LINKS } from '../../core/administration.ts';
import type { LegalLinks, Tenant } from '../../core/domain.ts';
import type { SettingView } from '../../core/operational-settings.ts';
import { optionSchemas, type SettingProblem } from '../../core/settings/check.ts';
import type { AnySettingKind, SettingOptions } from '../../core/settings/contract.ts';
import { type SettingKindName, type SettingKindOptions, settingKinds } from '../../core/settings/registry.ts';
import type { ServiceSettings } from '../../core/tenant-administration.ts';
import { type Locale, localize } from '../../definition/types.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import { formatDateTime, type MessageKey, t } from '../i18n.ts';
import { singleCheckbox, submitButton, textArea, textInput } from './admin-form.ts';
import { type AdminFrame, adminShell } from './admin-layout.ts';
import { csrfField, errorSummary, notice, type SummaryError } from './layout.ts';
import type { StaffPage } from './staff.ts';

/** The texts of one kind: what the admin reads above its form and beside each option. */
export interface KindTexts<Options extends SettingOptions> {
  title: MessageKey;
  intro: MessageKey;
  /** Hints may use `{minimum}` and `{maximum}`: the bounds from the option's schema. */
  options: { readonly [O in keyof Options & string]: { label: MessageKey; hint?: MessageKey } };
  /** The setting in a few words, for the overview of all services. */
  summary(l: Locale, options: Options): string;
  /**
   * A kind with a page of its own (its use case checks more than the schema): the municipality
   * page links there instead of showing the form, and the generic form route refuses it.
   */
  ownPage?: { href: string; label: MessageKey };
  /** Options typed as several lines. */
  multiline?: ReadonlyArray<keyof Options & string>;
}

export const SETTING_TEXTS: { readonly [K in SettingKindName]: KindTexts<SettingKindOptions[K]> } = {
  'drafts.retention': {
    title: 'setting.drafts.retention.title',
    intro: 'setting.drafts.retention.intro',
    options: {
      days: { label: 'setting.drafts.retention.days', hint: 'setting.drafts.retention.days.hint' },
    },
    summary: (l, o) => t(l, 'setting.drafts.retention.summary', { days: o.days }),
  },
  'identity.providers': {
    title: 'setting.identity.providers.title',
    intro: 'setting.identity.providers.intro',
    options: {
      offered: {
        label: 'setting.identity.providers.offered',
        hint: 'setting.identity.providers.offered.hint',
      },
    },
    summary: (l, o) =>
      o.offered.trim() === ''
        ? t(l, 'setting.identity.providers.summary.none')
        : t(l, 'setting.identity.providers.summary', { offered: o.offered }),
  },
  'publishing.fourEyes': {
    title: 'setting.publishing.fourEyes.title',
    intro: 'setting.publishing.fourEyes.intro',
    options: { required: { label: 'setting.publishing.fourEyes.required' } },
    summary: (l, o) =>
      t(l, o.required ? 'setting.publishing.fourEyes.summary.on' : 'setting.publishing.fourEyes.summary.off'),
  },
  'limits.citizens': {
    title: 'setting.limits.citizens.title',
    intro: 'setting.limits.citizens.intro',
    options: {
      draftsPerHour: {
        label: 'setting.limits.citizens.draftsPerHour',
        hint: 'setting.limits.citizens.draftsPerHour.hint',
      },
      uploadMegabytesPerHour: {
        label: 'setting.limits.citizens.uploadMegabytesPerHour',
        hint: 'setting.limits.citizens.uploadMegabytesPerHour.hint',
      },
    },
    summary: (l, o) =>
      t(l, 'setting.limits.citizens.summary', {
        drafts: o.draftsPerHour,
        megabytes: o.uploadMegabytesPerHour,
      }),
  },
  'delivery.email': {
    title: 'setting.delivery.email.title',
    intro: 'setting.delivery.email.intro',
    options: {
      enabled: { label: 'setting.delivery.email.enabled' },
      to: { label: 'setting.delivery.email.to', hint: 'setting.delivery.email.to.hint' },
      withData: { label: 'setting.delivery.email.withData', hint: 'setting.delivery.email.withData.hint' },
    },
    summary: (l, o) =>
      o.enabled
        ? t(l, o.withData ? 'setting.delivery.email.summary.data' : 'setting.delivery.email.summary.link', {
            to: o.to,
          })
        : t(l, 'setting.delivery.email.summary.off'),
  },
  'delivery.webhook': {
    title: 'setting.delivery.webhook.title',
    intro: 'setting.delivery.webhook.intro',
    options: {
      enabled: { label: 'setting.delivery.webhook.enabled' },
      url: { label: 'setting.delivery.webhook.url', hint: 'setting.delivery.webhook.url.hint' },
      secret: { label: 'setting.delivery.webhook.secret', hint: 'setting.delivery.webhook.secret.hint' },
    },
    summary: (l, o) =>
      o.enabled
        ? t(l, 'setting.delivery.webhook.summary.on', { url: o.url })
        : t(l, 'setting.delivery.webhook.summary.off'),
  },
  'delivery.fitConnect': {
    title: 'setting.delivery.fitConnect.title',
    intro: 'setting.delivery.fitConnect.intro',
    options: {
      enabled: { label: 'setting.delivery.fitConnect.enabled' },
      tokenUrl: {
        label: 'setting.delivery.fitConnect.tokenUrl',
        hint: 'setting.delivery.fitConnect.tokenUrl.hint',
      },
      clientId: { label: 'setting.delivery.fitConnect.clientId' },
      clientSecret: {
        label: 'setting.delivery.fitConnect.clientSecret',
        hint: 'setting.delivery.fitConnect.clientSecret.hint',
      },
      destinationId: {
        label: 'setting.delivery.fitConnect.destinationId',
        hint: 'setting.delivery.fitConnect.destinationId.hint',
      },
      destinationLookupUrl: {
        label: 'setting.delivery.fitConnect.destinationLookupUrl',
        hint: 'setting.delivery.fitConnect.destinationLookupUrl.hint',
      },
      submissionApiUrl: {
        label: 'setting.delivery.fitConnect.submissionApiUrl',
        hint: 'setting.delivery.fitConnect.submissionApiUrl.hint',
      },
    },
    summary: (l, o) =>
      o.enabled
        ? t(l, 'setting.delivery.fitConnect.summary.on', { destination: o.destinationId })
        : t(l, 'setting.delivery.fitConnect.summary.off'),
  },
  'submissions.retention': {
    title: 'setting.submissions.retention.title',
    intro: 'setting.submissions.retention.intro',
    options: {
      days: { label: 'setting.submissions.retention.days', hint: 'setting.submissions.retention.days.hint' },
      filesDays: {
        label: 'setting.submissions.retention.filesDays',
        hint: 'setting.submissions.retention.filesDays.hint',
      },
      deliveredDays: {
        label: 'setting.submissions.retention.deliveredDays',
        hint: 'setting.submissions.retention.deliveredDays.hint',
      },
      archive: {
        label: 'setting.submissions.retention.archive',
        hint: 'setting.submissions.retention.archive.hint',
      },
    },
    summary: (l, o) =>
      t(
        l,
        o.archive ? 'setting.submissions.retention.summary.archive' : 'setting.submissions.retention.summary',
        { days: o.days },
      ),
  },
  'submissions.earlyDeletion': {
    title: 'setting.submissions.earlyDeletion.title',
    intro: 'setting.submissions.earlyDeletion.intro',
    options: { caseworkers: { label: 'setting.submissions.earlyDeletion.caseworkers' } },
    summary: (l, o) =>
      t(
        l,
        o.caseworkers
          ? 'setting.submissions.earlyDeletion.summary.on'
          : 'setting.submissions.earlyDeletion.summary.off',
      ),
  },
  'staff.sso': {
    title: 'setting.staff.sso.title',
    intro: 'setting.staff.sso.intro',
    options: {
      enabled: { label: 'setting.staff.sso.enabled' },
      issuer: { label: 'setting.staff.sso.issuer', hint: 'setting.staff.sso.issuer.hint' },
      clientId: { label: 'setting.staff.sso.clientId' },
      clientSecret: { label: 'setting.staff.sso.clientSecret' },
      scopes: { label: 'setting.staff.sso.scopes', hint: 'setting.staff.sso.scopes.hint' },
      usernameClaim: {
        label: 'setting.staff.sso.usernameClaim',
        hint: 'setting.staff.sso.usernameClaim.hint',
      },
      displayNameClaim: { label: 'setting.staff.sso.displayNameClaim' },
      rolesClaim: { label: 'setting.staff.sso.rolesClaim', hint: 'setting.staff.sso.rolesClaim.hint' },
      roleMapping: { label: 'setting.staff.sso.roleMapping', hint: 'setting.staff.sso.roleMapping.hint' },
      localPasswords: {
        label: 'setting.staff.sso.localPasswords',
        hint: 'setting.staff.sso.localPasswords.hint',
      },
    },
    summary: (l, o) =>
      o.enabled
        ? t(l, 'setting.staff.sso.summary.on', { issuer: o.issuer })
        : t(l, 'setting.staff.sso.summary.off'),
    ownPage: { href: '/staff/admin/sso', label: 'admin.sso.municipalityLink' },
    multiline: ['roleMapping'],
  },
  'delivery.digest': {
    title: 'setting.delivery.digest.title',
    intro: 'setting.delivery.digest.intro',
    options: {
      enabled: { label: 'setting.delivery.digest.enabled' },
      to: { label: 'setting.delivery.digest.to', hint: 'setting.delivery.digest.to.hint' },
    },
    summary: (l, o) =>
      o.enabled
        ? t(l, 'setting.delivery.digest.summary.on', { to: o.to })
        : t(l, 'setting.delivery.digest.summary.off'),
  },
};

/** A kind and its texts, as the generic form takes them. */
export interface KindForm {
  name: string;
  kind: AnySettingKind;
  texts: KindTexts<SettingOptions>;
}

export function kindForm(name: SettingKindName): KindForm {
  return {
    name,
    kind: settingKinds[name],
    texts: SETTING_TEXTS[name] as unknown as KindTexts<SettingOptions>,
  };
}

/** Whether a name from a URL or a stored row is a registered kind. */
export function isSettingKindName(name: string): name is SettingKindName {
  return Object.hasOwn(SETTING_TEXTS, name);
}

function settingSlug(name: string): string {
  return name.replace(/[^a-zA-Z0-9]/g, '-');
}

function optionId(name: string, option: string): string {
  return `setting-${settingSlug(name)}-${option}`;
}

export function settingProblemText(l: Locale, problem: SettingProblem): string {
  const bounds = { minimum: problem.minimum ?? '', maximum: problem.maximum ?? '' };
  if (problem.code === 'not-integer' && problem.minimum !== undefined && problem.maximum !== undefined) {
    return t(l, 'admin.settingError.not-integer.range', bounds);
  }
  return t(l, `admin.settingError.${problem.code}`, bounds);
}

/** Error summary entries of a refused setting, each linking to its option's control. */
export function settingErrors(
  l: Locale,
  form: KindForm,
  problems: readonly SettingProblem[],
): SummaryError[] {
  const first = Object.keys(optionSchemas(form.kind))[0] ?? '';
  return problems.map((p) => ({
    href: `#${optionId(form.name, optionSchemas(form.kind)[p.option] ? p.option : first)}`,
    text: settingProblemText(l, p),
  }));
}

export interface SettingFormInput {
  action: string;
  csrf: string;
  form: KindForm;
  view: SettingView;
  /** Display names of the admins who saved settings. */
  names: ReadonlyMap<string, string>;
  headingLevel: 2 | 3;
  /** After a refused save: what was typed and what is wrong with it. */
  refused?: { typed: Record<string, unknown>; problems: readonly SettingProblem[] } | undefined;
}

/** One setting: its title, what it does, whether it was changed and by whom, and its form. */
export function settingSection(l: Locale, input: SettingFormInput): SafeHtml {
  const { form, view, refused } = input;
  const slug = settingSlug(form.name);
  const headingId = `setting-${slug}`;
  const title = t(l, form.texts.title);
  const heading =
    input.headingLevel === 2
      ? html`<h2 class="kern-heading-medium" id="${headingId}">${title}</h2>`
      : html`<h3 class="kern-heading-small" id="${headingId}">${title}</h3>`;
  const status = view.stored
    ? t(l, 'admin.settings.lastChanged', {
        at: view.updatedAt ? formatDateTime(l, view.updatedAt) : '',
        name: (view.updatedBy && input.names.get(view.updatedBy)) || t(l, 'admin.history.operator'),
      })
    : t(l, 'admin.settings.default');
  const controls = Object.entries(optionSchemas(form.kind)).map(([option, schema]) => {
    const texts = form.texts.options[option];
    const label = texts ? t(l, texts.label) : option;
    const bounds = { minimum: schema.minimum ?? '', maximum: schema.maximum ?? '' };
    const hint = texts?.hint ? t(l, texts.hint, bounds) : undefined;
    const problem = refused?.problems.find((p) => p.option === option);
    const error = problem ? settingProblemText(l, problem) : undefined;
    const id = optionId(form.name, option);
    const current = refused ? refused.typed[option] : view.options[option];
    if (form.kind.secrets.includes(option)) {
      // Never shown back: only whether it is set; typing a value replaces it.
      const state = t(l, view.secretsSet[option] ? 'admin.secret.set' : 'admin.secret.notSet');
      return textInput(l, {
        id,
        name: option,
        value: '',
        type: 'password',
        autocomplete: 'new-password',
        label,
        hint: html`<span id="${id}-state">${state}</span>. ${t(l, 'admin.secret.hint')}${hint ? ` ${hint}` : ''}`,
        error,
      });
    }
    if (schema.type === 'boolean') {
      return singleCheckbox(l, { id, name: option, checked: current === true, label, hint, error });
    }
    const value = current === undefined ? '' : String(current);
    if (form.texts.multiline?.includes(option)) {
      return textArea(l, { id, name: option, value, rows: 5, label, hint, error });
    }
    return textInput(l, { id, name: option, value, numeric: schema.type === 'integer', label, hint, error });
  });
  return html`<section class="aw-setting" aria-labelledby="${headingId}">
${heading}
<p class="kern-body">${t(l, form.texts.intro)}</p>
${view.problems.length > 0 ? html`<p class="kern-error"><span class="kern-body">${t(l, 'admin.settings.invalidStored')}</span></p>` : ''}
<p class="kern-body kern-body--small" id="${headingId}-status">${status}</p>
<form method="post" action="${input.action}" novalidate class="aw-stack">
  ${csrfField(input.csrf)}
  ${controls}
  ${submitButton(t(l, 'admin.settings.submit'), 'secondary')}
</form>
</section>`;
}

/** A setting of `views` with its kind's form, in registry order; unknown names are left out. */
function forms(views: readonly SettingView[]): Array<{ view: SettingView; form: KindForm }> {
  return views.flatMap((view) => (isSettingKindName(view.kind) ? [{ view, form: kindForm(view.kind) }] : []));
}

const LINK_TEXTS: Record<keyof LegalLinks, MessageKey> = {
  imprint: 'admin.links.imprint',
  privacy: 'admin.links.privacy',
  accessibility: 'admin.links.accessibility',
};

export interface MunicipalityPageInput {
  tenant: Tenant;
  settings: readonly SettingView[];
  names: ReadonlyMap<string, string>;
  saved?: 'links' | 'setting' | undefined;
  /** After refused links: what was typed and which are wrong. */
  links?: { typed: Record<keyof LegalLinks, string>; problems: ReadonlyArray<keyof LegalLinks> };
  /** After a refused setting: which kind, what was typed and what is wrong. */
  refused?: { kind: string; typed: Record<string, unknown>; problems: readonly SettingProblem[] };
}

export function municipalityPage(p: StaffPage, frame: AdminFrame, input: MunicipalityPageInput): string {
  const l = p.locale;
  const title = t(l, 'admin.municipality.title', { name: localize(input.tenant.name, l) });
  const linkProblems = input.links?.problems ?? [];
  const settingForms = forms(input.settings);
  const refusedForm = settingForms.find((s) => s.view.kind === input.refused?.kind)?.form;
  const errors: SummaryError[] = [
    ...linkProblems.map((key) => ({ href: `#link-${key}`, text: t(l, 'admin.links.error') })),
    ...(refusedForm && input.refused ? settingErrors(l, refusedForm, input.refused.problems) : []),
  ];
  return adminShell(
    p,
    frame,
    'municipality',
    title,
    html`${input.saved ? notice('success', t(l, input.saved === 'links' ? 'admin.links.saved' : 'admin.settings.saved')) : ''}
<h1 class="kern-heading-large">${title}</h1>
<h2 class="kern-heading-medium" id="links">${t(l, 'admin.links.heading')}</h2>
<p class="kern-body">${t(l, 'admin.links.intro')}</p>
<form method="post" action="/staff/admin/gemeinde/links" novalidate class="aw-stack">
  ${csrfField(frame.csrf)}
  ${LEGAL_LINKS.map((key) =>
    textInput(l, {
      id: `link-${key}`,
      name: key,
      type: 'url',
      value: input.links ? input.links.typed[key] : (input.tenant.legalLinks?.[key] ?? ''),
      autocomplete: 'url',
      label: t(l, LINK_TEXTS[key]),
      hint: t(l, 'admin.links.hint'),
      error: linkProblems.includes(key) ? t(l, 'admin.links.error') : undefined,
    }),
  )}
  ${submitButton(t(l, 'admin.links.submit'), 'secondary')}
</form>
<h2 class="kern-heading-medium">${t(l, 'admin.settings.heading')}</h2>
${settingForms.map(({ view, form }) =>
  form.texts.ownPage
    ? html`<h3 class="kern-heading-small">${t(l, form.texts.title)}</h3>
<p class="kern-body">${form.texts.summary(l, view.options as SettingOptions)}</p>
<p class="kern-body"><a class="kern-link" href="${form.texts.ownPage.href}">${t(l, form.texts.ownPage.label)}</a></p>`
    : settingSection(l, {
        action: `/staff/admin/gemeinde/einstellungen/${form.name}`,
        csrf: frame.csrf,
        form,
        view,
        names: input.names,
        headingLevel: 3,
        refused: input.refused?.kind === form.name ? input.refused : undefined,
      }),
)}`,
    errorSummary(l, errors),
  );
}

export function servicesPage(p: StaffPage, frame: AdminFrame, services: readonly ServiceSettings[]): string {
  const l = p.locale;
  const title = t(l, 'admin.services.title');
  const kinds = (Object.keys(SETTING_TEXTS) as SettingKindName[]).filter(
    (name) => settingKinds[name].scope === 'service',
  );
  return adminShell(
    p,
    frame,
    'services',
    title,
    html`<h1 class="kern-heading-large">${title}</h1>
<p class="kern-body">${t(l, 'admin.services.intro')}</p>
${
  services.length === 0
    ? html`<p class="kern-body">${t(l, 'admin.services.empty')}</p>`
    : html`<div class="kern-table-responsive"><table class="kern-table">
  <caption class="kern-sr-only">${t(l, 'admin.services.caption')}</caption>
  <thead class="kern-table__header"><tr class="kern-table__row">
    <th scope="col" class="kern-table__header">${t(l, 'admin.col.service')}</th>
    ${kinds.map((name) => html`<th scope="col" class="kern-table__header">${t(l, SETTING_TEXTS[name].title)}</th>`)}
  </tr></thead>
  <tbody class="kern-table__body">${services.map(
    ({ service, settings }) => html`<tr class="kern-table__row">
    <td class="kern-table__cell"><a class="kern-link" href="/staff/admin/leistungen/${service.serviceId}">${localize(service.definition.title, l)}</a></td>
    ${kinds.map((name) => {
      const view = settings.find((s) => s.kind === name);
      const { texts } = kindForm(name);
      return html`<td class="kern-table__cell">${view ? texts.summary(l, view.options as SettingOptions) : ''}</td>`;
    })}
  </tr>`,
  )}</tbody>
</table></div>`
}`,
  );
}

export interface ServicePageInput extends ServiceSettings {
  saved: boolean;
  refused?: { kind: string; typed: Record<string, unknown>; problems: readonly SettingProblem[] };
}

export function servicePage(p: StaffPage, frame: AdminFrame, input: ServicePageInput): string {
  const l = p.locale;
  const title = t(l, 'admin.service.title', { title: localize(input.service.definition.title, l) });
  const settingForms = forms(input.settings);
  const refusedForm = settingForms.find((s) => s.view.kind === input.refused?.kind)?.form;
  const base = `/staff/admin/leistungen/${input.service.serviceId}`;
  return adminShell(
    p,
    frame,
    'services',
    title,
    html`<a class="kern-link" href="/staff/admin/leistungen">${t(l, 'admin.service.back')}</a>
${input.saved ? notice('success', t(l, 'admin.settings.saved')) : ''}
<h1 class="kern-heading-large">${title}</h1>
${settingForms.map(({ view, form }) =>
  settingSection(l, {
    action: `${base}/einstellungen/${form.name}`,
    csrf: frame.csrf,
    form,
    view,
    names: input.names,
    headingLevel: 2,
    refused: input.refused?.kind === form.name ? input.refused : undefined,
  }),
)}`,
    errorSummary(
      l,
      refusedForm && input.refused ? settingErrors(l, refusedForm, input.refused.problems) : [],
    ),
  );
}
