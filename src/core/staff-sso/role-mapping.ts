/**
 * The municipality's mapping of a claim's values (groups, app roles) to Amtsweg roles (ADR 0056),
 * as the admin types it into the setting `staff.sso`: one `value = role …` per line (or separated
 * by semicolons), e.g. `/amtsweg/sachbearbeitung = caseworker`. The setting's schema has already
 * checked the form; this reads it and applies it to what the provider says.
 */
import type { StaffRole } from '../domain.ts';
import { isStaffRole, normalizeRoles } from '../roles.ts';

export type RoleMapping = ReadonlyMap<string, readonly StaffRole[]>;

export function parseRoleMapping(text: string): RoleMapping {
  const mapping = new Map<string, StaffRole[]>();
  for (const entry of text.split(/[;\r\n]+/)) {
    const at = entry.lastIndexOf('=');
    if (at < 0) continue;
    const value = entry.slice(0, at).trim();
    const roles = entry
      .slice(at + 1)
      .split(/[\s,]+/)
      .filter(isStaffRole);
    if (value === '' || roles.length === 0) continue;
    mapping.set(value, normalizeRoles([...(mapping.get(value) ?? []), ...roles]));
  }
  return mapping;
}

/**
 * The roles a claim's value gives: a single text or a list of texts (other shapes give nothing).
 * Only exact values count: no prefixes, no case folding (a group name is the provider's identifier).
 */
export function mapRoles(claim: unknown, mapping: RoleMapping): StaffRole[] {
  const values = typeof claim === 'string' ? [claim] : Array.isArray(claim) ? claim : [];
  return normalizeRoles(
    values.flatMap((value) => (typeof value === 'string' ? (mapping.get(value) ?? []) : [])),
  );
}
