/**
 * The SAML 2.0 service provider (ADR 0050): the identity-provider port on `@node-saml/node-saml`,
 * following BundID's conventions. The AuthnRequest goes by HTTP-Redirect, signed (SHA-256), with
 * `RequestedAuthnContext Comparison="minimum"` at the STORK-QAA class of the level asked for and
 * the attributes requested by name (BundID's `akdb:RequestedAttributes` extension). The answer
 * comes back by HTTP-POST to `/auth/saml/{id}/acs`.
 *
 * Checks, in order: the response's shape (a Response to our ACS with exactly one
 * EncryptedAssertion, `answer-shape.ts`); then node-saml decrypts it and verifies the assertion's
 * own signature (XML-DSig over the element it references, one assertion only: the defence against
 * signature wrapping), its times with the clock skew, and the audience; then here what node-saml
 * leaves out: the issuer, the subject confirmation's recipient and `InResponseTo` agreeing with
 * the response's, the level from `AuthnContextClassRef`. `InResponseTo` itself is matched to the
 * pending login by the use case, after the replay check (`AnswerOnce`).
 */
import { SAML, type SamlConfig, SamlStatusError, ValidateInResponseTo } from '@node-saml/node-saml';
import { ASSURANCE_LEVELS, type AssuranceLevel } from '../../../core/identity/levels.ts';
import type {
  IdentityProvider,
  LoginRequest,
  LoginResult,
  PostedAnswer,
} from '../../../core/identity/provider.ts';
import type { IdentityAttributes } from '../../../core/identity/records.ts';
import type { Clock } from '../../../core/ports.ts';
import { checkAnswerShape } from './answer-shape.ts';
import { ClockedSaml } from './clocked-saml.ts';
import { type SamlProviderConfig, samlUrls } from './config.ts';
import { serviceProviderMetadata } from './metadata.ts';
import { createSingleLogout, logoutKeys } from './single-logout.ts';

/** Our request ids: an XML id (NCName) made from the login's nonce. */
const REQUEST_ID_PREFIX = '_amtsweg-';

/** Status codes that mean the citizen did not log in (cancelled, or refused consent). */
const CANCELLED = [
  'urn:oasis:names:tc:SAML:2.0:status:AuthnFailed',
  'urn:oasis:names:tc:SAML:2.0:status:RequestDenied',
  'urn:oasis:names:tc:SAML:2.0:status:NoPassive',
];

/**
 * The lowest class the mapping ranks at `level` or above: with `minimum`, the IdP may do better.
 * Where the mapping has none that high, the highest it has: the login then comes back below the
 * level and the citizen sees the step-up page, which names the level needed (not an error).
 */
export function classRefFor(config: Pick<SamlProviderConfig, 'levels'>, level: AssuranceLevel): string {
  const entries = Object.entries(config.levels);
  const ranked = ASSURANCE_LEVELS.slice(ASSURANCE_LEVELS.indexOf(level));
  for (const wanted of ranked) {
    const found = entries.find(([, mapped]) => mapped === wanted);
    if (found) return found[0];
  }
  for (const wanted of [...ASSURANCE_LEVELS].reverse()) {
    const found = entries.find(([, mapped]) => mapped === wanted);
    if (found) return found[0];
  }
  // The configuration is checked at start to map at least one class.
  throw new Error('no authentication context class is mapped');
}

/** The text of an xml2js node (node-saml parses with `explicitCharkey`). */
function textOf(node: unknown): string | undefined {
  const first = Array.isArray(node) ? node[0] : node;
  if (typeof first === 'string') return first;
  if (first && typeof first === 'object' && typeof (first as { _?: unknown })._ === 'string') {
    return (first as { _: string })._;
  }
  return undefined;
}

type XmlNode = Record<string, unknown> & { $?: Record<string, string> };
const childrenOf = (node: XmlNode | undefined, name: string): XmlNode[] =>
  (node?.[name] as XmlNode[] | undefined) ?? [];

function attributeValue(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first === 'string') return first.trim() === '' ? undefined : first.trim();
  return undefined;
}

export function createSamlServiceProvider(
  config: SamlProviderConfig,
  baseUrl: string,
  clock: Clock,
): IdentityProvider {
  const urls = samlUrls(baseUrl, config.id);
  const requestedAttributes = [
    ...new Set([
      ...Object.values(config.attributes),
      ...(config.subject === 'NameID' ? [] : [config.subject]),
    ]),
  ];
  const options = (extra: Partial<SamlConfig> = {}): SamlConfig => ({
    callbackUrl: urls.acs,
    issuer: urls.metadata,
    audience: urls.metadata,
    entryPoint: config.idp.ssoUrl,
    idpCert: config.idp.certs,
    privateKey: config.sp.signingKey,
    publicCert: config.sp.signingCert,
    decryptionPvk: config.sp.encryptionKey,
    signatureAlgorithm: 'sha256',
    digestAlgorithm: 'sha256',
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: false,
    acceptedClockSkewMs: config.clockSkewSeconds * 1000,
    identifierFormat: null,
    racComparison: 'minimum',
    // The request id is bound to the pending login by the use case (after the replay check).
    validateInResponseTo: ValidateInResponseTo.never,
    ...extra,
  });
  const validator = new ClockedSaml(options(), clock);
  const logout = createSingleLogout(config, urls, options, clock);

  async function verify(fields: PostedAnswer): Promise<LoginResult> {
    const encoded = fields.SAMLResponse;
    if (!encoded) return { kind: 'refused', reason: 'no SAMLResponse in the form' };
    const xml = Buffer.from(encoded, 'base64').toString('utf8');
    const shape = checkAnswerShape(xml, urls.acs);
    if (shape.ok === 'status') {
      if (shape.codes.some((code) => CANCELLED.includes(code))) return { kind: 'cancelled' };
      return { kind: 'refused', reason: `the provider answered ${shape.codes.join(' / ') || 'no status'}` };
    }
    if (!shape.ok) return { kind: 'refused', reason: shape.reason };
    let profile: Awaited<ReturnType<SAML['validatePostResponseAsync']>>['profile'];
    try {
      ({ profile } = await validator.validatePostResponseAsync({ SAMLResponse: encoded }));
    } catch (error) {
      if (error instanceof SamlStatusError) return { kind: 'cancelled' };
      return { kind: 'refused', reason: `assertion refused: ${(error as Error).message}` };
    }
    if (!profile) return { kind: 'refused', reason: 'no assertion' };
    if (profile.issuer !== config.idp.entityId) {
      return { kind: 'refused', reason: 'the assertion is from another issuer' };
    }
    const assertion = (profile.getAssertion?.() as { Assertion?: XmlNode } | undefined)?.Assertion;
    const assertionId = assertion?.$?.ID;
    if (!assertion || !assertionId) return { kind: 'refused', reason: 'the assertion has no ID' };

    // The subject confirmation (bearer): for our ACS, for the request the response names.
    const confirmation = childrenOf(childrenOf(assertion, 'Subject')[0], 'SubjectConfirmation')
      .map((c) => childrenOf(c, 'SubjectConfirmationData')[0]?.$)
      .find((data) => data !== undefined);
    if (!confirmation) return { kind: 'refused', reason: 'the assertion has no subject confirmation' };
    if (confirmation.Recipient !== urls.acs) {
      return { kind: 'refused', reason: 'the assertion is for another recipient' };
    }
    const inResponseTo = confirmation.InResponseTo;
    if (!inResponseTo || (profile.inResponseTo && profile.inResponseTo !== inResponseTo)) {
      return { kind: 'refused', reason: 'the assertion answers no request of ours (InResponseTo)' };
    }
    if (!inResponseTo.startsWith(REQUEST_ID_PREFIX)) {
      return { kind: 'refused', reason: 'the assertion answers no request of ours (InResponseTo)' };
    }

    const statement = childrenOf(assertion, 'AuthnStatement')[0];
    const classRef = textOf(childrenOf(childrenOf(statement, 'AuthnContext')[0], 'AuthnContextClassRef'));
    const level = classRef === undefined ? undefined : config.levels[classRef];
    if (!level) return { kind: 'refused', reason: 'the authentication context is not mapped to a level' };

    const values = (profile.attributes ?? {}) as Record<string, unknown>;
    const subject = config.subject === 'NameID' ? profile.nameID : attributeValue(values[config.subject]);
    if (!subject) return { kind: 'refused', reason: 'the assertion names no subject' };
    const attributes: IdentityAttributes = {};
    for (const [attribute, name] of Object.entries(config.attributes) as Array<
      [keyof IdentityAttributes, string]
    >) {
      const value = attributeValue(values[name]);
      if (value !== undefined) attributes[attribute] = value;
    }

    // Remember the id as long as the assertion could be accepted at all: its latest NotOnOrAfter
    // plus the clock skew.
    const expiries = [
      childrenOf(assertion, 'Conditions')[0]?.$?.NotOnOrAfter,
      confirmation.NotOnOrAfter,
    ].filter((v): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v)));
    if (expiries.length === 0) return { kind: 'refused', reason: 'the assertion has no expiry' };
    const until = Math.max(...expiries.map((v) => Date.parse(v))) + config.clockSkewSeconds * 1000;

    return {
      kind: 'verified',
      subject,
      level,
      attributes,
      idToken: undefined,
      // Where the provider has single logout, its session is kept to end it (and for it to end ours).
      ...(config.idp.sloUrl !== undefined &&
        profile.nameID && {
          session: logoutKeys(profile.nameID, profile.nameIDFormat, profile.sessionIndex),
        }),
      once: {
        id: assertionId,
        rememberUntil: new Date(until).toISOString(),
        nonce: inResponseTo.slice(REQUEST_ID_PREFIX.length),
      },
    };
  }

  return {
    id: config.id,
    label: config.label,
    async authorizationUrl(request: LoginRequest) {
      const classRef = classRefFor(config, request.level);
      const saml = new SAML(
        options({
          authnContext: [classRef],
          generateUniqueId: () => `${REQUEST_ID_PREFIX}${request.nonce}`,
          samlAuthnRequestExtensions: {
            'akdb:AuthenticationRequest': {
              '@xmlns:akdb': 'https://www.akdb.de/request/2018/09',
              '@Version': '2',
              'akdb:RequestedAttributes': {
                'akdb:RequestedAttribute': requestedAttributes.map((name) => ({
                  '@Name': name,
                  '@RequiredAttribute': name === config.subject ? 'true' : 'false',
                })),
              },
            },
          },
        }),
      );
      return saml.getAuthorizeUrlAsync(request.state, undefined, {});
    },
    async complete(): Promise<LoginResult> {
      // A SAML provider answers by POST to its assertion consumer service, never to the callback.
      return { kind: 'refused', reason: 'a SAML provider answers at /auth/saml/{id}/acs' };
    },
    async logoutUrl(request) {
      // Single logout where the provider has it: our signed LogoutRequest (HTTP-Redirect).
      return request.session ? logout.logoutUrl(request.session, request.state) : undefined;
    },
    ...(config.idp.sloUrl !== undefined && { singleLogout: logout.singleLogout }),
    posted: {
      stateField: 'RelayState',
      verify,
      metadata: () => serviceProviderMetadata(config, urls),
    },
  };
}
