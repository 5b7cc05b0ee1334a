/**
 * A claim of an OpenID provider's token by its name; a dot names a claim inside an object
 * (`address.street_address`, Keycloak's `realm_access.roles`). Own properties only.
 */
export function claimAt(claims: Readonly<Record<string, unknown>>, path: string): unknown {
  let value: unknown = claims;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}
