/**
 * A SAML identity provider for tests (ADR 0050), built on `samlify`: a SAML implementation
 * independent of our service provider (`@node-saml/node-saml`). It reads our SP metadata as any IdP
 * would, checks the signature of our redirect-bound AuthnRequest against it, and issues responses
 * signed with its own key and encrypted to our encryption certificate. Variants for the attacks
 * and mistakes our SP must refuse: unsigned, unencrypted, signed by another key, expired, for
 * another audience or destination, and an XML-signature-wrapping forgery.
 */
import { generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { createRequire } from 'node:module';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import forge from 'node-forge';
import * as samlify from 'samlify';

// `SamlLib` is a getter of the CommonJS module that Node's ESM import cannot see by name.
const SamlLib = (samlify as unknown as { default: typeof samlify }).default.SamlLib;

/** XML encryption as samlify does it, for the forgery samlify itself will not encrypt (two assertions). */
const xmlenc = createRequire(import.meta.url)('xml-encryption') as {
  encrypt(
    content: string,
    options: { rsa_pub: string; pem: string; encryptionAlgorithm: string; keyEncryptionAlgorithm: string },
    done: (error: Error | null, result?: string) => void,
  ): void;
};

// The IdP's own input checks against the SAML XSD are not what is under test (our SP is).
samlify.setSchemaValidator({ validate: async () => 'skipped' });

const BINDING_REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const ENCRYPTION = {
  dataEncryptionAlgorithm: 'http://www.w3.org/2009/xmlenc11#aes256-gcm',
  keyEncryptionAlgorithm: 'http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p',
};

export interface KeyAndCert {
  key: string;
  cert: string;
}

/** An RSA key and a self-signed certificate for it (PEM). */
export function keyAndCert(commonName: string): KeyAndCert {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 365 * 24 * 3600_000);
  const attrs = [{ name: 'commonName', value: commonName }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  const key = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  cert.sign(forge.pki.privateKeyFromPem(key), forge.md.sha256.create());
  return { key, cert: forge.pki.certificateToPem(cert) };
}

/** What the IdP read from our AuthnRequest (after checking its signature). */
export interface ReadRequest {
  id: string;
  relayState: string;
  /** The request's XML, to check what it asks for. */
  xml: string;
}

export interface IssueOptions {
  classRef?: string;
  /** Attribute name (OID URN) -> value. */
  attributes?: Record<string, string>;
  /** How the assertion is signed: by the IdP's key (default), another key, or not at all. */
  signature?: 'idp' | 'other-key' | 'none';
  /** Encrypted to our encryption certificate (default) or in clear text. */
  encrypt?: boolean;
  audience?: string;
  destination?: string;
  /** When the assertion expires (default: in five minutes). */
  notOnOrAfter?: Date;
  /** An error answer without assertion, e.g. `AuthnFailed` when the citizen cancelled (unsigned). */
  status?: string;
  /** An XML-signature-wrapping forgery: the signed assertion hidden inside a changed one. */
  wrapped?: { familyName: string };
  /** The session index of the login (default: a new random one); see `TestSamlIdp.issued`. */
  sessionIndex?: string;
}

/** The NameID of every assertion this IdP issues. */
export const TEST_NAME_ID = '_transient-4711';

/** A LogoutRequest of our SP, as the IdP read it after checking its signature. */
export interface ReadLogoutRequest {
  id: string;
  nameID: string;
  sessionIndex: string | undefined;
  relayState: string;
  xml: string;
  /** What `parseLogoutRequest` returned, to answer it. */
  parsed: unknown;
}

const xmlEscape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export class TestSamlIdp {
  readonly entityId = 'https://bundid.test.invalid/idp';
  readonly ssoUrl = 'https://bundid.test.invalid/idp/sso';
  /** The IdP's single logout service (HTTP-Redirect). */
  readonly sloUrl = 'https://bundid.test.invalid/idp/slo';
  /** The session index of the last assertion issued. */
  issuedSessionIndex: string | undefined;
  readonly keys = keyAndCert('Test-BundID signing');
  readonly otherKeys = keyAndCert('Not the IdP');
  #sp: samlify.ServiceProviderInstance | undefined;
  #spMetadata = '';

  /** Reads our SP metadata (as published at `/auth/saml/{id}/metadata`). */
  trust(spMetadata: string): void {
    this.#spMetadata = spMetadata;
    // Our SP signs its logout messages and wants the IdP's signed (ADR 0050).
    this.#sp = samlify.ServiceProvider({
      metadata: spMetadata,
      wantLogoutRequestSigned: true,
      wantLogoutResponseSigned: true,
    });
  }

  #idp(keys: KeyAndCert, encrypt: boolean) {
    return samlify.IdentityProvider({
      entityID: this.entityId,
      privateKey: keys.key,
      signingCert: keys.cert,
      isAssertionEncrypted: encrypt,
      ...ENCRYPTION,
      requestSignatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
      singleSignOnService: [{ Binding: BINDING_REDIRECT, Location: this.ssoUrl }],
      singleLogoutService: [{ Binding: BINDING_REDIRECT, Location: this.sloUrl }],
      wantAuthnRequestsSigned: true,
      wantLogoutRequestSigned: true,
    });
  }

  /** Checks the AuthnRequest's signature (HTTP-Redirect binding) against our metadata and reads it. */
  async read(authorize: URL): Promise<ReadRequest> {
    if (!this.#sp) throw new Error('trust() the SP metadata first');
    // The signed octet string is the query as sent, without the signature.
    const octetString = authorize.search
      .slice(1)
      .split('&')
      .filter((part) => !part.startsWith('Signature='))
      .join('&');
    const query = Object.fromEntries(
      authorize.search
        .slice(1)
        .split('&')
        .map((part) => {
          const at = part.indexOf('=');
          return [part.slice(0, at), decodeURIComponent(part.slice(at + 1))];
        }),
    );
    const parsed = await this.#idp(this.keys, true).parseLoginRequest(this.#sp, 'redirect', {
      query,
      octetString,
    });
    return {
      id: (parsed.extract as { request: { id: string } }).request.id,
      relayState: query.RelayState ?? '',
      xml: parsed.samlContent,
    };
  }

  /** A Response to `request`, posted by the browser as `SAMLResponse` with `RelayState`. */
  async respond(
    request: ReadRequest,
    acsUrl: string,
    spEntityId: string,
    options: IssueOptions = {},
  ): Promise<{ SAMLResponse: string; RelayState: string }> {
    if (!this.#sp) throw new Error('trust() the SP metadata first');
    const now = new Date();
    const until = options.notOnOrAfter ?? new Date(now.getTime() + 5 * 60_000);
    const attributes = Object.entries(
      options.attributes ?? {
        'urn:oid:1.3.6.1.4.1.25484.494450.3': 'bPK2-erika-0815',
        'urn:oid:2.5.4.42': 'Erika',
        'urn:oid:2.5.4.4': 'Mustermann',
        'urn:oid:1.2.40.0.10.2.1.1.55': '1964-08-12',
      },
    )
      .map(
        ([name, value]) =>
          `<saml:Attribute Name="${xmlEscape(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri"><saml:AttributeValue xsi:type="xs:string">${xmlEscape(value)}</saml:AttributeValue></saml:Attribute>`,
      )
      .join('');
    const responseId = `_r${randomBytes(12).toString('hex')}`;
    const sessionIndex = options.sessionIndex ?? `_s${randomBytes(6).toString('hex')}`;
    this.issuedSessionIndex = sessionIndex;
    const assertionId = `_a${randomBytes(12).toString('hex')}`;
    const xml =
      `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${responseId}" Version="2.0" IssueInstant="${now.toISOString()}" Destination="${xmlEscape(options.destination ?? acsUrl)}" InResponseTo="${request.id}">` +
      `<saml:Issuer>${this.entityId}</saml:Issuer>` +
      '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>' +
      `<saml:Assertion xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema" ID="${assertionId}" Version="2.0" IssueInstant="${now.toISOString()}">` +
      `<saml:Issuer>${this.entityId}</saml:Issuer>` +
      `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:transient">${TEST_NAME_ID}</saml:NameID>` +
      `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${until.toISOString()}" Recipient="${xmlEscape(acsUrl)}" InResponseTo="${request.id}"/></saml:SubjectConfirmation></saml:Subject>` +
      `<saml:Conditions NotBefore="${new Date(now.getTime() - 1000).toISOString()}" NotOnOrAfter="${until.toISOString()}"><saml:AudienceRestriction><saml:Audience>${xmlEscape(options.audience ?? spEntityId)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
      `<saml:AuthnStatement AuthnInstant="${now.toISOString()}" SessionIndex="${xmlEscape(sessionIndex)}"><saml:AuthnContext><saml:AuthnContextClassRef>${xmlEscape(options.classRef ?? 'STORK-QAA-Level-3')}</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
      `<saml:AttributeStatement>${attributes}</saml:AttributeStatement>` +
      '</saml:Assertion></samlp:Response>';

    if (options.status) {
      const failed =
        `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${responseId}" Version="2.0" IssueInstant="${now.toISOString()}" Destination="${xmlEscape(acsUrl)}" InResponseTo="${request.id}">` +
        `<saml:Issuer>${this.entityId}</saml:Issuer>` +
        `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Responder"><samlp:StatusCode Value="${xmlEscape(options.status)}"/></samlp:StatusCode></samlp:Status>` +
        '</samlp:Response>';
      return { SAMLResponse: Buffer.from(failed).toString('base64'), RelayState: request.relayState };
    }
    const encrypt = options.encrypt ?? true;
    const signature = options.signature ?? 'idp';
    const fill = () => ({ id: responseId, context: xml });
    let encoded: string;
    if (signature === 'none') {
      encoded = encrypt
        ? await SamlLib.encryptAssertion(this.#idp(this.keys, true), this.#sp, xml)
        : Buffer.from(xml).toString('base64');
    } else if (options.wrapped) {
      // Signed in clear first, then the forgery is built and encrypted to us (anyone can encrypt).
      const signed = await this.#idp(this.keys, false).createLoginResponse(
        this.#sp,
        { extract: { request: { id: request.id } } },
        'post',
        {},
        fill,
      );
      const forged = wrap(Buffer.from(signed.context, 'base64').toString('utf8'), options.wrapped.familyName);
      encoded = Buffer.from(await this.#encryptFirstAssertion(forged)).toString('base64');
    } else {
      const keys = signature === 'other-key' ? this.otherKeys : this.keys;
      const made = await this.#idp(keys, encrypt).createLoginResponse(
        this.#sp,
        { extract: { request: { id: request.id } } },
        'post',
        {},
        fill,
      );
      encoded = made.context;
    }
    return { SAMLResponse: encoded, RelayState: request.relayState };
  }

  /** The response with its (outer) assertion encrypted to our encryption certificate. */
  async #encryptFirstAssertion(responseXml: string): Promise<string> {
    const doc = new DOMParser().parseFromString(responseXml, 'text/xml');
    const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';
    const assertion = Array.from(doc.documentElement.childNodes).find(
      (n): n is Element => n.nodeType === 1 && (n as Element).localName === 'Assertion',
    )!;
    const meta = new DOMParser().parseFromString(this.#spMetadata, 'text/xml');
    const encryptionCert = Array.from(
      meta.getElementsByTagNameNS('urn:oasis:names:tc:SAML:2.0:metadata', 'KeyDescriptor'),
    )
      .find((k) => k.getAttribute('use') === 'encryption')!
      .getElementsByTagNameNS('http://www.w3.org/2000/09/xmldsig#', 'X509Certificate')[0]!
      .textContent!.replace(/\s+/g, '');
    const pem = `-----BEGIN CERTIFICATE-----\n${encryptionCert.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
    const encrypted = await new Promise<string>((resolve, reject) =>
      xmlenc.encrypt(
        new XMLSerializer().serializeToString(assertion),
        {
          rsa_pub: new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'pem' }).toString(),
          pem,
          encryptionAlgorithm: ENCRYPTION.dataEncryptionAlgorithm,
          keyEncryptionAlgorithm: ENCRYPTION.keyEncryptionAlgorithm,
        },
        (error, result) => (error || !result ? reject(error ?? new Error('not encrypted')) : resolve(result)),
      ),
    );
    const wrapper = new DOMParser().parseFromString(
      `<saml:EncryptedAssertion xmlns:saml="${SAML}">${encrypted}</saml:EncryptedAssertion>`,
      'text/xml',
    );
    doc.documentElement.replaceChild(doc.importNode(wrapper.documentElement, true), assertion);
    return new XMLSerializer().serializeToString(doc);
  }

  /** The query of a redirect URL as samlify reads it: the values, and the signed octet string. */
  #redirectQuery(url: URL) {
    const parts = url.search.slice(1).split('&');
    return {
      octetString: parts.filter((part) => !part.startsWith('Signature=')).join('&'),
      query: Object.fromEntries(
        parts.map((part) => {
          const at = part.indexOf('=');
          return [part.slice(0, at), decodeURIComponent(part.slice(at + 1))];
        }),
      ) as Record<string, string>,
    };
  }

  /** Checks our LogoutRequest's signature (HTTP-Redirect) against our metadata and reads it. */
  async readLogoutRequest(url: URL): Promise<ReadLogoutRequest> {
    if (!this.#sp) throw new Error('trust() the SP metadata first');
    const { query, octetString } = this.#redirectQuery(url);
    const parsed = await this.#idp(this.keys, true).parseLogoutRequest(this.#sp, 'redirect', {
      query,
      octetString,
    });
    const extract = parsed.extract as {
      request: { id: string };
      nameID: string;
      sessionIndex?: string;
    };
    return {
      id: extract.request.id,
      nameID: extract.nameID,
      sessionIndex: extract.sessionIndex,
      relayState: query.RelayState ?? '',
      xml: parsed.samlContent,
      parsed,
    };
  }

  /** The IdP's signed LogoutResponse to our request, as the redirect to our SLO service. */
  async logoutResponseUrl(request: ReadLogoutRequest): Promise<URL> {
    if (!this.#sp) throw new Error('trust() the SP metadata first');
    const made = this.#idp(this.keys, true).createLogoutResponse(
      this.#sp,
      request.parsed as never,
      'redirect',
      request.relayState,
    );
    return new URL(made.context);
  }

  /**
   * The IdP's own LogoutRequest (the person's session there ends), as the redirect to our SLO
   * service: signed by the IdP's key (default), another key, or not at all.
   */
  async logoutRequestUrl(
    sessionIndex: string | undefined,
    signature: 'idp' | 'other-key' | 'none' = 'idp',
    relayState = '',
  ): Promise<URL> {
    if (!this.#sp) throw new Error('trust() the SP metadata first');
    const made = this.#idp(signature === 'other-key' ? this.otherKeys : this.keys, true).createLogoutRequest(
      this.#sp,
      'redirect',
      { logoutNameID: TEST_NAME_ID, ...(sessionIndex !== undefined && { sessionIndex }) },
      relayState,
    );
    const url = new URL(made.context);
    if (signature === 'none') {
      url.searchParams.delete('Signature');
      url.searchParams.delete('SigAlg');
    }
    return url;
  }

  /** Our SP metadata as the IdP read it. */
  get spMetadata(): string {
    return this.#spMetadata;
  }
}

/**
 * XML-signature wrapping: the response's assertion is replaced by a copy with another ID and a
 * changed family name, keeping the original's signature element; the original, validly signed
 * assertion is tucked into the copy's `saml:Advice` (where SAML allows assertions), so the
 * signature's reference still finds it and "a valid signature is somewhere in the document" holds.
 */
function wrap(responseXml: string, familyName: string): string {
  const doc = new DOMParser().parseFromString(responseXml, 'text/xml');
  const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';
  const original = doc.getElementsByTagNameNS(SAML, 'Assertion')[0]!;
  const forged = original.cloneNode(true) as Element;
  forged.setAttribute('ID', `_forged${randomBytes(6).toString('hex')}`);
  for (const value of Array.from(forged.getElementsByTagNameNS(SAML, 'AttributeValue'))) {
    const attribute = value.parentNode as Element;
    if (attribute.getAttribute('Name') === 'urn:oid:2.5.4.4') value.textContent = familyName;
  }
  const advice = doc.createElementNS(SAML, 'saml:Advice');
  advice.appendChild(original.cloneNode(true));
  const statement = forged.getElementsByTagNameNS(SAML, 'AuthnStatement')[0]!;
  forged.insertBefore(advice, statement);
  original.parentNode!.replaceChild(forged, original);
  return new XMLSerializer().serializeToString(doc);
}
