/**
 * Administrative use cases: set up a municipality (tenant) and its staff accounts. Input is checked
 * here, so the CLI (an operator) and the Verwaltung pages (an admin, `tenant-administration.ts`)
 * refuse the same things with the same codes, and every change is audited with who made it.
 */

import type { AuditEvent, LegalLinks, StaffAccount, StaffRole, Tenant } from './domain.ts';
import { InvalidInputError } from './errors.ts';
import type { Clock, PasswordHasher, Store } from './ports.ts';
import { isStaffRole, normalizeRoles } from './roles.ts';

/**
 * Top-level path segments the app uses or will use; a tenant with such a slug would be
 * unreachable. The web server refuses to start with a top-level route that is not listed here
 * (`web/server.ts`), so a new route cannot silently take a municipality's address. Reserved ahead
 * of their features: `auth` and `test-idp` (citizen identity), `katalog` (the network catalog),
 * `api` (REST), `.well-known` (federation), `postfach` (the citizen's mailbox), `admin`.
 */
export const RESERVED_SLUGS: readonly string[] = [
  'staff',
  'assets',
  'schemas',
  'health',
  'sprache',
  'api',
  'admin',
  'auth',
  'test-idp',
  'katalog',
  '.well-known',
  'postfach',
];
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
export const MIN_PASSWORD_LENGTH = 12;

const LEGAL_LINK_NAMES: Record<keyof LegalLinks, string> = {
  imprint: 'Impressum',
  privacy: 'Datenschutzerklärung',
  accessibility: 'Erklärung zur Barrierefreiheit',
};

/** The legal links, in the order forms and messages name them. */
export const LEGAL_LINKS = Object.keys(LEGAL_LINK_NAMES) as ReadonlyArray<keyof LegalLinks>;

/** Who makes an administrative change, as the audit log records it. */
export type AdminActor = { type: 'operator' } | { type: 'staff'; accountId: string };
/** Whoever operates the installation, through the `amtsweg` command. */
export const OPERATOR: AdminActor = { type: 'operator' };

function adminEvent(
  tenantId: string,
  actor: AdminActor,
  action: string,
  subject: { type: string; id: string },
  details?: Record<string, unknown>,
): AuditEvent {
  return {
    tenantId,
    actorType: actor.type,
    actorId: actor.type === 'staff' ? actor.accountId : null,
    action,
    subjectType: subject.type,
    subjectId: subject.id,
    ...(details && { details }),
  };
}

function legalLinkUrl(value: string): URL | undefined {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  if (!(url.protocol === 'https:' || (url.protocol === 'http:' && local)) || value.length > 500)
    return undefined;
  return url;
}

/**
 * The legal links that are not what a footer link must be: an absolute `https:` URL (or `http:`
 * for a local test host) of at most 500 characters, so it can never become a `javascript:` or
 * relative link. Empty strings are fine (they remove a link).
 */
export function legalLinkProblems(input: Partial<Record<keyof LegalLinks, string>>): Array<keyof LegalLinks> {
  return LEGAL_LINKS.filter((key) => {
    const value = input[key]?.trim();
    return Boolean(value) && legalLinkUrl(value!) === undefined;
  });
}

/** Checks the legal links (see `legalLinkProblems`); empty strings remove a link. */
export function checkLegalLinks(input: Partial<Record<keyof LegalLinks, string>>): LegalLinks {
  const [wrong] = legalLinkProblems(input);
  if (wrong) {
    throw new InvalidInputError(
      'ERR_TENANT_LINK',
      `the link to the ${LEGAL_LINK_NAMES[wrong]} must be an absolute https:// URL (at most 500 characters), got "${input[wrong]?.trim()}"`,
    );
  }
  const links: LegalLinks = {};
  for (const key of LEGAL_LINKS) {
    const value = input[key]?.trim();
    if (value) links[key] = legalLinkUrl(value)!.href;
  }
  return links;
}

type TenantInput = {
  nameDe: string;
  nameEn?: string;
  ags?: string;
  legalLinks?: Partial<Record<keyof LegalLinks, string>>;
};

function checkTenantFields(input: TenantInput): Pick<Tenant, 'name' | 'ags'> & { legalLinks: LegalLinks } {
  if (!input.nameDe.trim()) throw new InvalidInputError('ERR_TENANT_NAME', 'the name must not be empty');
  if (input.ags !== undefined && input.ags !== '' && !/^\d{8}$/.test(input.ags)) {
    throw new InvalidInputError('ERR_TENANT_AGS', 'the AGS (Amtlicher Gemeindeschlüssel) has 8 digits');
  }
  return {
    name: { de: input.nameDe.trim(), ...(input.nameEn?.trim() ? { en: input.nameEn.trim() } : {}) },
    ags: input.ags || null,
    legalLinks: checkLegalLinks(input.legalLinks ?? {}),
  };
}

export async function createTenant(
  deps: { store: Store; newId(): string },
  input: TenantInput & { slug: string },
): Promise<Tenant> {
  const slug = input.slug.trim();
  if (!SLUG.test(slug)) {
    throw new InvalidInputError(
      'ERR_TENANT_SLUG',
      'the slug must be lower-case letters, digits and hyphens (max 63)',
    );
  }
  if (RESERVED_SLUGS.includes(slug)) {
    throw new InvalidInputError('ERR_TENANT_SLUG_RESERVED', `"${slug}" is reserved by Amtsweg`);
  }
  const { name, ags, legalLinks } = checkTenantFields(input);
  if (await deps.store.tenants.bySlug(slug)) {
    throw new InvalidInputError('ERR_TENANT_EXISTS', `a tenant "${slug}" already exists`);
  }
  const tenant: Tenant = {
    id: deps.newId(),
    slug,
    name,
    ags,
    ...(Object.keys(legalLinks).length > 0 && { legalLinks }),
  };
  await deps.store.tenants.create(tenant);
  return tenant;
}

/**
 * Changes a tenant's names, AGS and legal links; what is not given stays as it is (an empty string
 * removes an optional value). The slug never changes: it is part of URLs that identity providers
 * and citizens' bookmarks rely on. Audited as `tenant.changed` with the names of what changed.
 */
export async function updateTenant(
  deps: { store: Store },
  slug: string,
  change: Partial<TenantInput>,
  actor: AdminActor = OPERATOR,
): Promise<Tenant> {
  const tenant = await deps.store.tenants.bySlug(slug.trim());
  if (!tenant) throw new InvalidInputError('ERR_TENANT_UNKNOWN', `no tenant "${slug.trim()}"`);
  const current = tenant.legalLinks ?? {};
  const merged = checkTenantFields({
    nameDe: change.nameDe ?? tenant.name.de,
    nameEn: change.nameEn ?? tenant.name.en ?? '',
    ags: change.ags ?? tenant.ags ?? '',
    legalLinks: {
      imprint: change.legalLinks?.imprint ?? current.imprint ?? '',
      privacy: change.legalLinks?.privacy ?? current.privacy ?? '',
      accessibility: change.legalLinks?.accessibility ?? current.accessibility ?? '',
    },
  });
  const before = { nameDe: tenant.name.de, nameEn: tenant.name.en, ags: tenant.ags, ...tenant.legalLinks };
  const after = { nameDe: merged.name.de, nameEn: merged.name.en, ags: merged.ags, ...merged.legalLinks };
  const changed = (Object.keys({ ...before, ...after }) as Array<keyof typeof after>).filter(
    (key) => before[key] !== after[key],
  );
  await deps.store.tenants.update(
    tenant.id,
    merged,
    adminEvent(tenant.id, actor, 'tenant.changed', { type: 'tenant', id: tenant.id }, { changed }),
  );
  const { legalLinks, name, ags } = merged;
  return {
    id: tenant.id,
    slug: tenant.slug,
    name,
    ags,
    ...(Object.keys(legalLinks).length > 0 && { legalLinks }),
  };
}

/** A new staff account as an operator or admin describes it. */
export interface NewStaffAccount {
  username: string;
  displayName: string;
  password: string;
  /** At least one of `STAFF_ROLES`; default `caseworker` (what every account was before roles). */
  roles?: readonly string[];
}

export async function createStaffAccount(
  deps: { store: Store; passwords: PasswordHasher; newId(): string },
  input: NewStaffAccount & { tenantSlug: string },
  actor: AdminActor = OPERATOR,
): Promise<StaffAccount> {
  const roles = parseRoles(input.roles ?? ['caseworker']);
  const tenant = await deps.store.tenants.bySlug(input.tenantSlug);
  if (!tenant) throw new InvalidInputError('ERR_TENANT_UNKNOWN', `no tenant "${input.tenantSlug}"`);
  return addStaffAccount(deps, tenant, { ...input, roles }, actor);
}

/**
 * Creates the account in `tenant` after checking every field (the roles first, then username,
 * name, password, and last whether the username is taken); audited as `staff.created`.
 */
export async function addStaffAccount(
  deps: { store: Store; passwords: PasswordHasher; newId(): string },
  tenant: Pick<Tenant, 'id'>,
  input: NewStaffAccount,
  actor: AdminActor,
): Promise<StaffAccount> {
  const roles = parseRoles(input.roles ?? ['caseworker']);
  const username = checkUsername(input.username);
  checkDisplayName(input.displayName);
  checkPassword(input.password);
  if (await deps.store.staff.byUsername(username)) {
    throw new InvalidInputError('ERR_STAFF_EXISTS', `the username "${username}" is taken`);
  }
  const account: StaffAccount = {
    id: deps.newId(),
    tenantId: tenant.id,
    username,
    displayName: input.displayName.trim(),
    passwordHash: await deps.passwords.hash(input.password),
    roles,
  };
  await deps.store.staff.create(
    account,
    adminEvent(tenant.id, actor, 'staff.created', { type: 'staff_account', id: account.id }, { roles }),
  );
  return account;
}

/** Usernames are unique across the installation (the login has no municipality field). */
export function checkUsername(username: string): string {
  const trimmed = username.trim();
  if (!/^[^\s]{3,200}$/.test(trimmed)) {
    throw new InvalidInputError('ERR_STAFF_USERNAME', 'the username has 3 to 200 characters and no spaces');
  }
  return trimmed;
}

export function checkDisplayName(name: string): void {
  if (!name.trim() || name.trim().length > 200) {
    throw new InvalidInputError(
      'ERR_STAFF_NAME',
      'the display name must not be empty (at most 200 characters)',
    );
  }
}

/** The one password rule, for operators and admins alike. */
export function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new InvalidInputError(
      'ERR_STAFF_PASSWORD',
      `the password needs at least ${MIN_PASSWORD_LENGTH} characters`,
    );
  }
  if (password.length > 1000) {
    throw new InvalidInputError('ERR_STAFF_PASSWORD', 'the password has at most 1000 characters');
  }
}

/** Role names as an operator types them (`designer`, `caseworker,designer`), checked. */
export function parseRoles(values: readonly string[]): StaffRole[] {
  const words = values.flatMap((v) => v.split(',')).map((v) => v.trim().toLowerCase());
  const unknown = words.filter((w) => !isStaffRole(w));
  if (unknown.length > 0) {
    throw new InvalidInputError(
      'ERR_STAFF_ROLE',
      `unknown role "${unknown[0]}"; roles are caseworker (Sachbearbeitung), designer (Service-Design) and admin (Verwaltung)`,
    );
  }
  const roles = normalizeRoles(words.filter(isStaffRole));
  if (roles.length === 0) throw new InvalidInputError('ERR_STAFF_ROLE', 'an account needs at least one role');
  return roles;
}

/** Operator access to one account: found by its (installation-wide unique) username. */
async function accountByUsername(store: Store, username: string): Promise<StaffAccount> {
  const account = await store.staff.byUsername(username.trim());
  if (!account) throw new InvalidInputError('ERR_STAFF_UNKNOWN', `no staff account "${username.trim()}"`);
  return account;
}

function accountEvent(
  account: StaffAccount,
  actor: AdminActor,
  action: string,
  details?: Record<string, unknown>,
): AuditEvent {
  return adminEvent(account.tenantId, actor, action, { type: 'staff_account', id: account.id }, details);
}

/** The tenant's staff accounts, for `amtsweg staff-list`. */
export async function listStaffAccounts(
  deps: { store: Store },
  tenantSlug: string,
): Promise<Array<Omit<StaffAccount, 'passwordHash'>>> {
  const tenant = await deps.store.tenants.bySlug(tenantSlug);
  if (!tenant) throw new InvalidInputError('ERR_TENANT_UNKNOWN', `no tenant "${tenantSlug}"`);
  const accounts = await deps.store.staff.listByTenant(tenant.id);
  return accounts.map(({ passwordHash: _hidden, ...rest }) => rest);
}

/** Sets a new password (e.g. after a forgotten one) and ends the account's sessions. */
export async function resetStaffPassword(
  deps: { store: Store; passwords: PasswordHasher },
  input: { username: string; password: string },
): Promise<StaffAccount> {
  checkPassword(input.password);
  const account = await accountByUsername(deps.store, input.username);
  return changePassword(deps, account, input.password, OPERATOR);
}

/** `resetStaffPassword` for an account already found (the admin's pages find it by id). */
export async function changePassword(
  deps: { store: Store; passwords: PasswordHasher },
  account: StaffAccount,
  password: string,
  actor: AdminActor,
): Promise<StaffAccount> {
  checkPassword(password);
  const passwordHash = await deps.passwords.hash(password);
  await deps.store.staff.update(
    account.tenantId,
    account.id,
    { passwordHash },
    accountEvent(account, actor, 'staff.password_reset'),
  );
  return { ...account, passwordHash };
}

/** Replaces the account's roles; its sessions end, so the new roles apply from the next login. */
export async function setStaffRoles(
  deps: { store: Store },
  input: { username: string; roles: readonly string[] },
): Promise<StaffAccount> {
  const roles = parseRoles(input.roles);
  const account = await accountByUsername(deps.store, input.username);
  return changeRoles(deps, account, roles, OPERATOR);
}

/** `setStaffRoles` for an account already found, with roles already checked. */
export async function changeRoles(
  deps: { store: Store },
  account: StaffAccount,
  roles: readonly StaffRole[],
  actor: AdminActor,
): Promise<StaffAccount> {
  const to = normalizeRoles(roles);
  await deps.store.staff.update(
    account.tenantId,
    account.id,
    { roles: to },
    accountEvent(account, actor, 'staff.roles_changed', { from: account.roles, to }),
  );
  return { ...account, roles: to };
}

/**
 * Disables the account (it cannot log in, its sessions end) or enables it again. The account is
 * kept, not deleted: audit events name it.
 */
export async function setStaffDisabled(
  deps: { store: Store; clock: Clock },
  input: { username: string; disabled: boolean },
): Promise<StaffAccount> {
  const account = await accountByUsername(deps.store, input.username);
  return changeDisabled(deps, account, input.disabled, OPERATOR);
}

/** `setStaffDisabled` for an account already found. */
export async function changeDisabled(
  deps: { store: Store; clock: Clock },
  account: StaffAccount,
  disabled: boolean,
  actor: AdminActor,
): Promise<StaffAccount> {
  const disabledAt = disabled ? deps.clock.now().toISOString() : null;
  await deps.store.staff.update(
    account.tenantId,
    account.id,
    { disabledAt },
    accountEvent(account, actor, disabled ? 'staff.disabled' : 'staff.enabled'),
  );
  return { ...account, disabledAt };
}
