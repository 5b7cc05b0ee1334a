/**
 * UI texts of the web layer, German first and English second, one catalogue per area in `i18n/`
 * (common, citizen, staff, design, admin, changes, lifecycle, editor, merge, rules, fee, catalog, identity, identity-record, account, api, package, staff-sso, federation, pickers). Every area's English catalogue must have every key of its
 * German one, and no two areas may define the same key (both checked by the type checker), so no
 * page can miss a translation or silently get another area's text.
 * Texts of services come from their definitions; field error messages come from the engine.
 */
import type { Locale } from '../definition/types.ts';
import { escapeHtml, type HtmlValue, html, SafeHtml } from '../lib/html.ts';
import { accountDe, accountEn } from './i18n/account.ts';
import { adminDe, adminEn } from './i18n/admin.ts';
import { apiDe, apiEn } from './i18n/api.ts';
import { catalogDe, catalogEn } from './i18n/catalog.ts';
import { catalogMergeDe, catalogMergeEn } from './i18n/catalog-merge.ts';
import { changesDe, changesEn } from './i18n/changes.ts';
import { citizenDe, citizenEn } from './i18n/citizen.ts';
import { commonDe, commonEn } from './i18n/common.ts';
import { designDe, designEn } from './i18n/design.ts';
import { editorDe, editorEn } from './i18n/editor.ts';
import { federationDe, federationEn } from './i18n/federation.ts';
import { feeDe, feeEn } from './i18n/fee.ts';
import { identityDe, identityEn } from './i18n/identity.ts';
import { identityRecordDe, identityRecordEn } from './i18n/identity-record.ts';
import { lifecycleDe, lifecycleEn } from './i18n/lifecycle.ts';
import { mergeDe, mergeEn } from './i18n/merge.ts';
import { packageDe, packageEn } from './i18n/package.ts';
import { pickersDe, pickersEn } from './i18n/pickers.ts';
import { rulesDe, rulesEn } from './i18n/rules.ts';
import { staffDe, staffEn } from './i18n/staff.ts';
import { staffSsoDe, staffSsoEn } from './i18n/staff-sso.ts';

type Areas = [
  typeof commonDe,
  typeof citizenDe,
  typeof staffDe,
  typeof designDe,
  typeof adminDe,
  typeof changesDe,
  typeof lifecycleDe,
  typeof editorDe,
  typeof mergeDe,
  typeof rulesDe,
  typeof feeDe,
  typeof catalogDe,
  typeof catalogMergeDe,
  typeof identityDe,
  typeof accountDe,
  typeof identityRecordDe,
  typeof apiDe,
  typeof packageDe,
  typeof staffSsoDe,
  typeof federationDe,
  typeof pickersDe,
];
type KeysOf<T extends readonly object[]> = T extends [infer A, ...infer Rest extends object[]]
  ? keyof A | KeysOf<Rest>
  : never;
/** The keys two areas share; `never` when the areas are disjoint. */
type Overlap<T extends readonly object[]> = T extends [infer A, ...infer Rest extends object[]]
  ? (keyof A & KeysOf<Rest>) | Overlap<Rest>
  : never;
/** Fails to compile, naming the key, when two areas define the same key. */
const areasAreDisjoint: [Overlap<Areas>] extends [never] ? true : Overlap<Areas> = true;
void areasAreDisjoint;

const de = {
  ...commonDe,
  ...citizenDe,
  ...staffDe,
  ...designDe,
  ...adminDe,
  ...changesDe,
  ...lifecycleDe,
  ...editorDe,
  ...mergeDe,
  ...rulesDe,
  ...feeDe,
  ...catalogDe,
  ...catalogMergeDe,
  ...identityDe,
  ...accountDe,
  ...identityRecordDe,
  ...apiDe,
  ...packageDe,
  ...staffSsoDe,
  ...federationDe,
  ...pickersDe,
};

export type MessageKey = keyof typeof de;

const en: Record<MessageKey, string> = {
  ...commonEn,
  ...citizenEn,
  ...staffEn,
  ...designEn,
  ...adminEn,
  ...changesEn,
  ...lifecycleEn,
  ...editorEn,
  ...mergeEn,
  ...rulesEn,
  ...feeEn,
  ...catalogEn,
  ...catalogMergeEn,
  ...identityEn,
  ...accountEn,
  ...identityRecordEn,
  ...apiEn,
  ...packageEn,
  ...staffSsoEn,
  ...federationEn,
  ...pickersEn,
};

const catalogs: Record<Locale, Record<MessageKey, string>> = { de, en };

/** Translates a key, filling `{name}` placeholders. */
export function t(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = catalogs[locale][key];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/**
 * Translates a key into HTML: the catalogue text is escaped, and each `{name}` is filled with a
 * value that is escaped unless it is already `SafeHtml` (so a sentence can emphasise a name
 * without ever letting the name's own characters through).
 */
export function tHtml(locale: Locale, key: MessageKey, vars: Record<string, HtmlValue>): SafeHtml {
  const parts = catalogs[locale][key].split(/(\{\w+\})/);
  return new SafeHtml(
    parts
      .map((part) => {
        const name = /^\{(\w+)\}$/.exec(part)?.[1];
        return name !== undefined && name in vars ? html`${vars[name]}`.value : escapeHtml(part);
      })
      .join(''),
  );
}

/** Every text of one language: for checks over the whole catalogue and the table of messages. */
export function catalogue(locale: Locale): Readonly<Record<MessageKey, string>> {
  return catalogs[locale];
}

export function isMessageKey(key: string): key is MessageKey {
  return key in de;
}

/** Date and time as staff read it: `28.11.2026, 14:05` in Berlin time. */
const dateTimeFormats: Record<Locale, Intl.DateTimeFormat> = {
  de: new Intl.DateTimeFormat('de-DE', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Berlin',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Berlin',
  }),
};

export function formatDateTime(locale: Locale, iso: string): string {
  return dateTimeFormats[locale].format(new Date(iso));
}
