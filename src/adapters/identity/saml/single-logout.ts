/**
 * SAML single logout (ADR 0050, amended): our LogoutRequest to the provider (HTTP-Redirect,
 * signed with RSA-SHA256) when a citizen logs out, and the messages the provider sends to our
 * single logout service `/auth/saml/{id}/slo` by HTTP-Redirect: its LogoutResponse to ours, and its
 * own LogoutRequest when the person's session at the provider ends (then our logins from that
 * session end, and our signed LogoutResponse goes back).
 *
 * Every message to us must be signed by the provider (node-saml would accept an unsigned redirect
 * message): RSA-SHA256 or -SHA512 over the query as sent. Also checked: the issuer, the
 * destination (our SLO URL), a LogoutRequest's NotOnOrAfter with the clock skew, a LogoutResponse's
 * status. The message is inflated with a bound before node-saml sees it.
 */
import { inflateRawSync } from 'node:zlib';
import type { SamlConfig } from '@node-saml/node-saml';
import { DOMParser } from '@xmldom/xmldom';
import type { LogoutMessage, SingleLogout } from '../../../core/identity/provider.ts';
import type { Clock } from '../../../core/ports.ts';
import { ClockedSaml } from './clocked-saml.ts';
import type { SamlProviderConfig, samlUrls } from './config.ts';

const PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';
const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
const SIGNATURE_ALGORITHMS = [
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
];
/** A logout message is a few hundred bytes; more than this inflated is refused before parsing. */
const MAX_INFLATED_BYTES = 64 * 1024;

/** What our logout request names: the login's NameID (with its format) and SessionIndex. */
export function logoutKeys(
  nameID: string,
  nameIDFormat: string | undefined,
  sessionIndex: string | undefined,
) {
  return {
    logout: {
      nameID,
      ...(nameIDFormat && { nameIDFormat }),
      ...(sessionIndex && { sessionIndex }),
    },
    subject: nameID,
    session: sessionIndex === undefined ? undefined : sessionKey(nameID, sessionIndex),
  };
}

const sessionKey = (nameID: string, sessionIndex: string) => JSON.stringify([nameID, sessionIndex]);

/** The root element of the inflated message, or why it cannot be read. */
function rootOf(encoded: string): { root: Element } | { refused: string } {
  let xml: string;
  try {
    xml = inflateRawSync(Buffer.from(encoded, 'base64'), { maxOutputLength: MAX_INFLATED_BYTES }).toString(
      'utf8',
    );
  } catch {
    return { refused: 'the logout message cannot be inflated (or is too large)' };
  }
  const errors: string[] = [];
  const doc = new DOMParser({
    errorHandler: { error: (m: string) => errors.push(m), fatalError: (m: string) => errors.push(m) },
  }).parseFromString(xml, 'text/xml');
  if (errors.length > 0 || !doc.documentElement)
    return { refused: 'the logout message is not well-formed XML' };
  return { root: doc.documentElement };
}

export function createSingleLogout(
  config: SamlProviderConfig,
  urls: ReturnType<typeof samlUrls>,
  options: (extra?: Partial<SamlConfig>) => SamlConfig,
  clock: Clock,
): {
  singleLogout: SingleLogout;
  logoutUrl: (session: Readonly<Record<string, string>>, relayState: string) => Promise<string | undefined>;
} {
  const sloUrl = config.idp.sloUrl;
  // Our messages go to the provider's SLO URL; theirs come to ours from its issuer.
  const saml = new ClockedSaml(
    options({
      ...(sloUrl && { logoutUrl: sloUrl }),
      logoutCallbackUrl: urls.slo,
      idpIssuer: config.idp.entityId,
    }),
    clock,
  );

  async function receive(rawQuery: string): Promise<LogoutMessage> {
    const query = new URLSearchParams(rawQuery);
    const request = query.get('SAMLRequest');
    const response = query.get('SAMLResponse');
    const signature = query.get('Signature');
    const sigAlg = query.get('SigAlg');
    if ((request === null) === (response === null)) {
      return { kind: 'refused', reason: 'not one SAMLRequest or SAMLResponse' };
    }
    if (!signature || !sigAlg || !SIGNATURE_ALGORITHMS.includes(sigAlg)) {
      return { kind: 'refused', reason: 'the logout message is not signed (RSA-SHA256 or -SHA512)' };
    }
    const read = rootOf((request ?? response)!);
    if ('refused' in read) return { kind: 'refused', reason: read.refused };
    const expected = request !== null ? 'LogoutRequest' : 'LogoutResponse';
    if (read.root.namespaceURI !== PROTOCOL || read.root.localName !== expected) {
      return { kind: 'refused', reason: `the message is not a ${expected}` };
    }
    if (read.root.getAttribute('Destination') !== urls.slo) {
      return { kind: 'refused', reason: 'the logout message is addressed to another destination' };
    }
    if (response !== null) {
      const status = read.root.getElementsByTagNameNS(PROTOCOL, 'StatusCode')[0]?.getAttribute('Value');
      if (status !== SUCCESS)
        return { kind: 'refused', reason: `the provider answered ${status ?? 'no status'}` };
    }
    const container: Record<string, string> = Object.fromEntries(query.entries());
    let profile: Awaited<ReturnType<ClockedSaml['validateRedirectAsync']>>['profile'];
    try {
      ({ profile } = await saml.validateRedirectAsync(container, rawQuery));
    } catch (error) {
      return { kind: 'refused', reason: `logout message refused: ${(error as Error).message}` };
    }
    const relayState = query.get('RelayState') ?? undefined;
    if (response !== null) return { kind: 'response', relayState };
    if (!profile?.nameID) return { kind: 'refused', reason: 'the LogoutRequest names no one' };
    const keys = logoutKeys(profile.nameID, profile.nameIDFormat, profile.sessionIndex);
    return {
      kind: 'request',
      subject: keys.subject,
      session: keys.session,
      answer: async () =>
        sloUrl ? saml.getLogoutResponseUrlAsync(profile, relayState ?? '', {}, true) : undefined,
    };
  }

  async function logoutUrl(session: Readonly<Record<string, string>>, relayState: string) {
    if (!sloUrl || !session.nameID) return undefined;
    return saml.getLogoutUrlAsync(
      {
        issuer: config.idp.entityId,
        nameID: session.nameID,
        nameIDFormat: session.nameIDFormat ?? 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
        ...(session.sessionIndex && { sessionIndex: session.sessionIndex }),
      },
      relayState,
      {},
    );
  }

  return { singleLogout: { receive }, logoutUrl };
}
