/**
 * `staff.sso`: the municipality's single sign-on for its staff (ADR 0056): its OpenID provider
 * (e.g. the Active Directory behind Keycloak or Entra ID), Amtsweg's client there, which claim
 * carries the username, the display name and the groups or roles, and which of their values give
 * which Amtsweg role. The client secret is stored encrypted and never shown back. Local passwords
 * stay allowed unless the admin switches them off (small municipalities have no provider).
 *
 * The issuer is an https URL; plain http only on this machine (`127.0.0.1`, `localhost`, `[::1]`),
 * which `StaffSso` accepts only where the installation itself runs there (development, tests).
 */
import { STAFF_ROLES } from '../domain.ts';
import type { SettingKind } from './contract.ts';

export type StaffSsoSetting = {
  enabled: boolean;
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  usernameClaim: string;
  displayNameClaim: string;
  rolesClaim: string;
  roleMapping: string;
  localPasswords: boolean;
};

export const SSO_ISSUER =
  '^(https://[^\\s/?#]+[^\\s?#]*|http://(127\\.0\\.0\\.1|localhost|\\[::1\\])(:[0-9]{1,5})?(/[^\\s?#]*)?)$';
/** A claim's name; a dot names a claim inside an object (`realm_access.roles`). */
const CLAIM = '^[A-Za-z0-9_:\\-]+(\\.[A-Za-z0-9_:\\-]+)*$';
const ROLE = `(${STAFF_ROLES.join('|')})`;
/** One `value = role …` entry; the value is anything up to the `=` (group names, paths, GUIDs). */
const ENTRY = `[^=;\\r\\n]+=[ \\t]*${ROLE}([ \\t,]+${ROLE})*[ \\t]*`;
/** Entries separated by line breaks or semicolons. Read into a mapping by `role-mapping.ts`. */
export const SSO_ROLE_MAPPING = `^[\\s;]*(${ENTRY}([;\\r\\n]+[\\s;]*${ENTRY})*)?[\\s;]*$`;

const text = (maxLength: number, pattern?: string) =>
  ({ type: 'string', maxLength, ...(pattern !== undefined && { pattern }) }) as const;
const required = { type: 'string', minLength: 1 } as const;

export const staffSso: SettingKind<StaffSsoSetting> = {
  scope: 'tenant',
  schema: {
    type: 'object',
    properties: {
      enabled: { type: 'boolean' },
      issuer: {
        type: 'string',
        maxLength: 500,
        anyOf: [
          { type: 'string', const: '' },
          { type: 'string', pattern: SSO_ISSUER },
        ],
      },
      clientId: text(200),
      clientSecret: text(1000),
      scopes: text(500, '^[\\x21\\x23-\\x5B\\x5D-\\x7E]+( [\\x21\\x23-\\x5B\\x5D-\\x7E]+)*$'),
      usernameClaim: text(200, CLAIM),
      displayNameClaim: text(200, CLAIM),
      rolesClaim: text(200, CLAIM),
      roleMapping: text(4000, SSO_ROLE_MAPPING),
      localPasswords: { type: 'boolean' },
    },
    required: [
      'enabled',
      'issuer',
      'clientId',
      'clientSecret',
      'scopes',
      'usernameClaim',
      'displayNameClaim',
      'rolesClaim',
      'roleMapping',
      'localPasswords',
    ],
    additionalProperties: false,
    if: { properties: { enabled: { type: 'boolean', const: true } } },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, a plain object never awaited
    then: {
      properties: {
        issuer: required,
        clientId: required,
        clientSecret: required,
        roleMapping: required,
      },
    },
  },
  secrets: ['clientSecret'],
  defaults: {
    enabled: false,
    issuer: '',
    clientId: '',
    clientSecret: '',
    scopes: 'openid profile email',
    usernameClaim: 'preferred_username',
    displayNameClaim: 'name',
    rolesClaim: 'groups',
    roleMapping: '',
    localPasswords: true,
  },
};
