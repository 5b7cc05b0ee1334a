/**
 * The frame of every Verwaltung page (ADR 0024): the staff header with the areas the account has,
 * and the admin area's own navigation (accounts, municipality, services, delivery, mail sink, API keys, single sign-on).
 */
import type { StaffSession } from '../../core/domain.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import { type MessageKey, t } from '../i18n.ts';
import { type StaffPage, signedInHeader, staffShell } from './staff.ts';

export type AdminSection =
  | 'accounts'
  | 'municipality'
  | 'services'
  | 'delivery'
  | 'outbox'
  | 'erasure'
  | 'apiKeys'
  | 'sso'
  | 'federation';

const SECTIONS: ReadonlyArray<{ section: AdminSection; href: string; label: MessageKey }> = [
  { section: 'accounts', href: '/staff/admin', label: 'admin.nav.accounts' },
  { section: 'municipality', href: '/staff/admin/gemeinde', label: 'admin.nav.municipality' },
  { section: 'services', href: '/staff/admin/leistungen', label: 'admin.nav.services' },
  { section: 'delivery', href: '/staff/admin/zustellung', label: 'admin.nav.delivery' },
  { section: 'outbox', href: '/staff/admin/postausgang', label: 'admin.nav.outbox' },
  { section: 'erasure', href: '/staff/admin/loeschen', label: 'admin.nav.erasure' },
  { section: 'apiKeys', href: '/staff/admin/api-schluessel', label: 'admin.nav.apiKeys' },
  { section: 'sso', href: '/staff/admin/sso', label: 'admin.nav.sso' },
  { section: 'federation', href: '/staff/admin/verbund', label: 'federation.nav' },
];

export interface AdminFrame {
  session: StaffSession;
  csrf: string;
}

export function adminShell(
  p: StaffPage,
  frame: AdminFrame,
  section: AdminSection,
  title: string,
  main: SafeHtml,
  /** An error summary: first in the main content (screen readers hear it first), and "Fehler:". */
  errors?: SafeHtml,
): string {
  const l = p.locale;
  // The section's own page is "current"; a page below it (an account) is only within it.
  const path = p.currentPath.split('?')[0];
  const nav = html`<nav class="aw-staff-nav aw-admin-nav" aria-label="${t(l, 'admin.subnav')}"><ul class="aw-inline-list">${SECTIONS.map(
    (s) =>
      html`<li><a class="kern-link" href="${s.href}"${s.section === section ? html` aria-current="${path === s.href ? 'page' : 'true'}"` : ''}>${t(l, s.label)}</a></li>`,
  )}</ul></nav>`;
  return staffShell(p, title, html`${errors ?? ''}${nav}${main}`, {
    area: 'admin',
    hasErrors: errors !== undefined && errors.value !== '',
    extra: signedInHeader(l, frame.session, frame.csrf, 'admin'),
  });
}
