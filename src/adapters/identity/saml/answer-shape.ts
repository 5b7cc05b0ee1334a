/**
 * What a SAML Response must look like before any cryptography is trusted (ADR 0050): the root is a
 * protocol `Response` addressed to our assertion consumer service (`Destination`, SAML bindings
 * 3.5.5.2), and it carries exactly one assertion, encrypted. A plain `Assertion` is refused even if
 * signed: BundID's contract (and ours) is signed AND encrypted, so personal data never crosses the
 * browser in clear text.
 */
import { DOMParser } from '@xmldom/xmldom';

const PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';
const ASSERTION = 'urn:oasis:names:tc:SAML:2.0:assertion';

const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';

export type ShapeCheck =
  | { ok: true }
  | { ok: false; reason: string }
  /** The provider answered with an error status (e.g. the citizen cancelled): its status codes. */
  | { ok: 'status'; codes: string[] };

export function checkAnswerShape(xml: string, acsUrl: string): ShapeCheck {
  let root: Element | null = null;
  try {
    const errors: string[] = [];
    const doc = new DOMParser({
      errorHandler: { error: (m: string) => errors.push(m), fatalError: (m: string) => errors.push(m) },
    }).parseFromString(xml, 'text/xml');
    if (errors.length > 0) return { ok: false, reason: 'the response is not well-formed XML' };
    root = doc.documentElement;
  } catch {
    return { ok: false, reason: 'the response is not well-formed XML' };
  }
  if (!root || root.namespaceURI !== PROTOCOL || root.localName !== 'Response') {
    return { ok: false, reason: 'the message is not a SAML Response' };
  }
  const status = Array.from(root.getElementsByTagNameNS(PROTOCOL, 'StatusCode')).map(
    (e) => e.getAttribute('Value') ?? '',
  );
  if (status[0] !== SUCCESS) return { ok: 'status', codes: status };
  if (root.getAttribute('Destination') !== acsUrl) {
    return { ok: false, reason: 'the response is addressed to another destination' };
  }
  const children = Array.from(root.childNodes).filter((n): n is Element => n.nodeType === 1);
  const assertions = children.filter((e) => e.namespaceURI === ASSERTION && e.localName === 'Assertion');
  const encrypted = children.filter(
    (e) => e.namespaceURI === ASSERTION && e.localName === 'EncryptedAssertion',
  );
  if (assertions.length > 0) return { ok: false, reason: 'the assertion is not encrypted' };
  if (encrypted.length !== 1)
    return { ok: false, reason: 'the response must carry exactly one encrypted assertion' };
  return { ok: true };
}
