/**
 * Staff roles (ADR 0016). Use cases check the role themselves, so a route that forgets to check
 * cannot leak: the caseworker's use cases refuse a designer-only session and vice versa.
 */

import { STAFF_ROLES, type StaffRole, type StaffSession } from './domain.ts';
import { ForbiddenError } from './errors.ts';

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === 'string' && (STAFF_ROLES as readonly string[]).includes(value);
}

export function hasRole(session: Pick<StaffSession, 'roles'>, role: StaffRole): boolean {
  return session.roles.includes(role);
}

export function requireRole(session: Pick<StaffSession, 'roles'>, role: StaffRole): void {
  if (!hasRole(session, role)) throw new ForbiddenError(`this account does not have the ${role} role`);
}

/** Roles in a stable order without duplicates (what is stored and shown). */
export function normalizeRoles(roles: readonly StaffRole[]): StaffRole[] {
  return STAFF_ROLES.filter((r) => roles.includes(r));
}
