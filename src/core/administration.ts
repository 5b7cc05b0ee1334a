/**
 * Operator use cases: set up a municipality (tenant) and its staff accounts. Input is checked here,
 * so the CLI and a later admin UI refuse the same things with the same codes.
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

/**
 * Checks the legal links an operator gives: absolute `https:` URLs (or `http:` for a local test
 * host), so a footer link can never become a `javascript:` or relative link. Empty strings remove
 * a link.
 */
export function checkLegalLinks(input: Partial<Record<keyof LegalLinks, string>>): LegalLinks {
  const links: LegalLinks = {};
  for (const key of Object.keys(LEGAL_LINK_NAMES) as Array<keyof LegalLinks>) {
    const value = input[key]?.trim();
    if (!value) continue;
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    const local = url?.hostname === 'localhost' || url?.hostname === '127.0.0.1';
    if (!url || !(url.protocol === 'https:' || (url.protocol === 'http:' && local)) || value.length > 500) {
      throw new InvalidInputError(
        'ERR_TENANT_LINK',
        `the link to the ${LEGAL_LINK_NAMES[key]} must be an absolute https:// URL (at most 500 characters), got "${value}"`,
      );
    }
    links[key] = url.href;
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
 * and citizens' bookmarks rely on.
 */
export async function updateTenant(
  deps: { store: Store },
  slug: string,
  change: Partial<TenantInput>,
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
  await deps.store.tenants.update(tenant.id, merged);
  const { legalLinks, name, ags } = merged;
  return {
    id: tenant.id,
    slug: tenant.slug,
    name,
    ags,
    ...(Object.keys(legalLinks).length > 0 && { legalLinks }),
  };
}

export async function createStaffAccount(
  deps: { store: Store; passwords: PasswordHasher; newId(): string },
  input: {
    tenantSlug: string;
    username: string;
    displayName: string;
    password: string;
    /** At least one of `STAFF_ROLES`; default `caseworker` (what every account was before roles). */
    roles?: readonly string[];
  },
): Promise<StaffAccount> {
  const roles = parseRoles(input.roles ?? ['caseworker']);
  const tenant = await deps.store.tenants.bySlug(input.tenantSlug);
  if (!tenant) throw new InvalidInputError('ERR_TENANT_UNKNOWN', `no tenant "${input.tenantSlug}"`);
  const username = input.username.trim();
  if (!/^[^\s]{3,200}$/.test(username)) {
    throw new InvalidInputError('ERR_STAFF_USERNAME', 'the username has 3 to 200 characters and no spaces');
  }
  if (!input.displayName.trim())
    throw new InvalidInputError('ERR_STAFF_NAME', 'the display name must not be empty');
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new InvalidInputError(
      'ERR_STAFF_PASSWORD',
      `the password needs at least ${MIN_PASSWORD_LENGTH} characters`,
    );
  }
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
  await deps.store.staff.create(account);
  return account;
}

/** Role names as an operator types them (`designer`, `caseworker,designer`), checked. */
export function parseRoles(values: readonly string[]): StaffRole[] {
  const words = values.flatMap((v) => v.split(',')).map((v) => v.trim().toLowerCase());
  const unknown = words.filter((w) => !isStaffRole(w));
  if (unknown.length > 0) {
    throw new InvalidInputError(
      'ERR_STAFF_ROLE',
      `unknown role "${unknown[0]}"; roles are caseworker (Sachbearbeitung) and designer (Service-Design)`,
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

function operatorEvent(account: StaffAccount, action: string, details?: Record<string, unknown>): AuditEvent {
  return {
    tenantId: account.tenantId,
    actorType: 'operator',
    actorId: null,
    action,
    subjectType: 'staff_account',
    subjectId: account.id,
    ...(details && { details }),
  };
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
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new InvalidInputError(
      'ERR_STAFF_PASSWORD',
      `the password needs at least ${MIN_PASSWORD_LENGTH} characters`,
    );
  }
  const account = await accountByUsername(deps.store, input.username);
  const passwordHash = await deps.passwords.hash(input.password);
  await deps.store.staff.update(
    account.tenantId,
    account.id,
    { passwordHash },
    operatorEvent(account, 'staff.password_reset'),
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
  await deps.store.staff.update(
    account.tenantId,
    account.id,
    { roles },
    operatorEvent(account, 'staff.roles_changed', { from: account.roles, to: roles }),
  );
  return { ...account, roles };
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
  const disabledAt = input.disabled ? deps.clock.now().toISOString() : null;
  await deps.store.staff.update(
    account.tenantId,
    account.id,
    { disabledAt },
    operatorEvent(account, input.disabled ? 'staff.disabled' : 'staff.enabled'),
  );
  return { ...account, disabledAt };
}
