/**
 * Reads the operator's identity providers (`AMTSWEG_IDENTITY_PROVIDERS_FILE`, a JSON array; ADR
 * 0036). Every problem stops the start with a message naming the entry and the property. Client
 * secrets are never in the file: `clientSecretFile` names a file holding the secret. An entry with
 * `"kind": "saml"` is a SAML identity provider (ADR 0050, `../saml/parse-config.ts`).
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../../../core/errors.ts';
import { isAssuranceLevel } from '../../../core/identity/levels.ts';
import type { IdentityAttributes } from '../../../core/identity/records.ts';
import type { SamlProviderConfig } from '../saml/config.ts';
import { parseSamlEntry } from '../saml/parse-config.ts';
import { type OidcProviderConfig, STANDARD_CLAIMS } from './config.ts';

/** An entry of the providers file: an OpenID provider or a SAML identity provider. */
export type IdentityProviderConfig = OidcProviderConfig | SamlProviderConfig;

const ATTRIBUTES: ReadonlyArray<keyof IdentityAttributes> = [
  'givenName',
  'familyName',
  'birthDate',
  'email',
  'organization',
  'street',
  'postcode',
  'city',
  'country',
];
/** Ids the installation uses itself. */
const RESERVED_IDS = ['test-idp'];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `http` only for this machine (tests, a provider beside Amtsweg); everything else https. */
function isLocalHttp(url: URL): boolean {
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

export function parseIdentityProviders(
  text: string,
  source: string,
  readSecret: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): IdentityProviderConfig[] {
  const fail = (where: string, message: string): never => {
    throw new ConfigError('ERR_CONFIG_IDENTITY_PROVIDERS', `${source}: ${where}: ${message}`);
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return fail('the file', 'is not JSON');
  }
  if (!Array.isArray(parsed)) return fail('the file', 'must be a JSON array of providers');
  const seen = new Set<string>();
  return parsed.map((entry: unknown, index): IdentityProviderConfig => {
    const at = `provider ${index + 1}`;
    if (!isRecord(entry)) return fail(at, 'must be an object');
    const { id, label, issuer, clientId, clientSecretFile, scopes, levels, claims } = entry;
    if (typeof id !== 'string' || !/^[a-z0-9-]{1,40}$/.test(id)) {
      return fail(at, '"id" must be 1 to 40 lower-case letters, digits or hyphens');
    }
    const where = `provider "${id}"`;
    if (RESERVED_IDS.includes(id)) fail(where, `"${id}" is the built-in test IdP's id`);
    if (seen.has(id)) fail(where, 'is listed twice');
    seen.add(id);
    if (!isRecord(label) || typeof label.de !== 'string' || label.de.trim() === '') {
      fail(where, '"label" must be {"de": "…", "en": "…"}');
    }
    const labelText = label as { de: string; en?: unknown };
    const labelOf = { de: labelText.de, ...(typeof labelText.en === 'string' && { en: labelText.en }) };
    if (entry.kind === 'saml') {
      return parseSamlEntry(entry, {
        id,
        label: labelOf,
        attributeNames: ATTRIBUTES,
        isAllowedUrl: (url) => url.protocol === 'https:' || isLocalHttp(url),
        readFile: readSecret,
        fail: (message) => fail(where, message),
      });
    }
    if (entry.kind !== undefined && entry.kind !== 'oidc') fail(where, '"kind" must be "oidc" or "saml"');
    let issuerUrl: URL | undefined;
    try {
      issuerUrl = new URL(String(issuer));
    } catch {}
    if (
      !issuerUrl ||
      typeof issuer !== 'string' ||
      (issuerUrl.protocol !== 'https:' && !isLocalHttp(issuerUrl))
    ) {
      return fail(where, '"issuer" must be an https URL');
    }
    if (typeof clientId !== 'string' || clientId === '') fail(where, '"clientId" must be a text');
    if (typeof clientSecretFile !== 'string' || clientSecretFile === '') {
      fail(where, '"clientSecretFile" must name the file that holds the client secret');
    }
    let clientSecret = '';
    try {
      clientSecret = readSecret(clientSecretFile as string).trim();
    } catch {
      fail(where, `the client secret file ${String(clientSecretFile)} cannot be read`);
    }
    if (clientSecret === '') fail(where, 'the client secret file is empty');
    if (scopes !== undefined && (!Array.isArray(scopes) || scopes.some((s) => typeof s !== 'string'))) {
      fail(where, '"scopes" must be a list of texts');
    }
    if (!isRecord(levels) || Object.keys(levels).length === 0) {
      return fail(where, '"levels" must map acr values to niedrig, substanziell or hoch');
    }
    for (const [acr, level] of Object.entries(levels)) {
      if (!isAssuranceLevel(level)) fail(where, `"levels"."${acr}" must be niedrig, substanziell or hoch`);
    }
    const mapping: Partial<Record<keyof IdentityAttributes, string>> = { ...STANDARD_CLAIMS };
    if (claims !== undefined) {
      if (!isRecord(claims)) return fail(where, '"claims" must map attributes to claim names');
      for (const [attribute, claim] of Object.entries(claims)) {
        if (!(ATTRIBUTES as readonly string[]).includes(attribute)) {
          fail(where, `"claims"."${attribute}" is not an attribute (${ATTRIBUTES.join(', ')})`);
        }
        if (typeof claim !== 'string' || claim === '')
          fail(where, `"claims"."${attribute}" must be a claim name`);
        mapping[attribute as keyof IdentityAttributes] = claim as string;
      }
    }
    return {
      id,
      label: labelOf,
      issuer,
      clientId: clientId as string,
      clientSecret,
      scopes: (scopes as string[] | undefined) ?? ['openid', 'profile', 'email', 'address'],
      levels: levels as Record<string, 'niedrig' | 'substanziell' | 'hoch'>,
      claims: mapping,
      allowHttp: issuerUrl.protocol === 'http:',
    };
  });
}
