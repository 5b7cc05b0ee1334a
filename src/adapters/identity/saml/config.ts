/**
 * A SAML 2.0 identity provider as the operator configures it (ADR 0050): an entry of
 * `AMTSWEG_IDENTITY_PROVIDERS_FILE` with `"kind": "saml"`. The defaults follow BundID's conventions:
 * the STORK-QAA levels as authentication context classes and the attributes requested by OID.
 */
import type { AssuranceLevel } from '../../../core/identity/levels.ts';
import type { IdentityAttributes } from '../../../core/identity/records.ts';
import type { LocalizedText } from '../../../definition/types.ts';

export interface SamlProviderConfig {
  kind: 'saml';
  /** Lower-case letters, digits and hyphens: `/auth/saml/{id}/…`. */
  id: string;
  label: LocalizedText;
  idp: {
    entityId: string;
    /** Where the AuthnRequest goes (HTTP-Redirect binding). */
    ssoUrl: string;
    /**
     * Its single logout service (HTTP-Redirect binding): where our LogoutRequest and our answer to
     * its LogoutRequest go. Without it, logout ends only our login.
     */
    sloUrl?: string;
    /** The provider's signing certificates (PEM); several while it rolls its key over. */
    certs: string[];
  };
  /** Our keys: the AuthnRequest is signed with `signingKey`; assertions are encrypted to `encryptionCert`. */
  sp: {
    signingKey: string;
    signingCert: string;
    encryptionKey: string;
    encryptionCert: string;
  };
  /** Authentication context class (`AuthnContextClassRef`) -> Vertrauensniveau. */
  levels: Readonly<Record<string, AssuranceLevel>>;
  /** Attribute -> SAML attribute name (an OID URN at BundID). Requested with the AuthnRequest. */
  attributes: Readonly<Partial<Record<keyof IdentityAttributes, string>>>;
  /** The attribute holding the pseudonymous subject, or `NameID` for the assertion's name id. */
  subject: string;
  /** How far the provider's clock may be off, in seconds (0 to 300). */
  clockSkewSeconds: number;
  /** Plain http is accepted for the provider's URL (tests on this machine only). */
  allowHttp: boolean;
}

/**
 * BundID's levels (STORK QAA): Level 1 and 2 are a user name and password (basic registration),
 * Level 3 the ELSTER certificate, Level 4 the eID (Online-Ausweis, Smart-eID, eID card).
 */
export const STORK_LEVELS: Readonly<Record<string, AssuranceLevel>> = {
  'STORK-QAA-Level-1': 'niedrig',
  'STORK-QAA-Level-2': 'niedrig',
  'STORK-QAA-Level-3': 'substanziell',
  'STORK-QAA-Level-4': 'hoch',
};

/** BundID's pseudonym of the person for this service provider (bPK2). */
export const BUNDID_SUBJECT = 'urn:oid:1.3.6.1.4.1.25484.494450.3';

/**
 * BundID's attribute OIDs (X.500 / PKIX / the Austrian PVP profile BundID reuses). Check them
 * against the interface description you get when you register; each can be changed per provider.
 */
export const BUNDID_ATTRIBUTES: SamlProviderConfig['attributes'] = {
  givenName: 'urn:oid:2.5.4.42',
  familyName: 'urn:oid:2.5.4.4',
  birthDate: 'urn:oid:1.2.40.0.10.2.1.1.55',
  email: 'urn:oid:0.9.2342.19200300.100.1.3',
  street: 'urn:oid:2.5.4.16',
  postcode: 'urn:oid:2.5.4.17',
  city: 'urn:oid:2.5.4.7',
  country: 'urn:oid:1.2.40.0.10.2.1.1.225599',
};

/** The SAML paths of a provider, installation-wide (the stable contract in `docs/identity/`). */
export function samlUrls(baseUrl: string, id: string) {
  const base = `${baseUrl}/auth/saml/${encodeURIComponent(id)}`;
  return {
    /** Our entity id is where our metadata is. */
    metadata: `${base}/metadata`,
    /** The assertion consumer service (HTTP-POST binding). */
    acs: `${base}/acs`,
    /** Our single logout service (HTTP-Redirect binding): the provider's LogoutRequest and LogoutResponse. */
    slo: `${base}/slo`,
  };
}
