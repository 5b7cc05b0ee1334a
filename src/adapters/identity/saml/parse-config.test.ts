import assert from 'node:assert/strict';
import { test } from 'node:test';
import { keyAndCert } from '../../../../test/support/saml-idp.ts';
import { parseIdentityProviders } from '../oidc/parse-config.ts';
import type { SamlProviderConfig } from './config.ts';

const idp = keyAndCert('IdP');
const sp = keyAndCert('SP');
const other = keyAndCert('Other');
const files: Record<string, string> = {
  '/etc/amtsweg/idp.pem': idp.cert,
  '/etc/amtsweg/sp-key.pem': sp.key,
  '/etc/amtsweg/sp-cert.pem': sp.cert,
  '/etc/amtsweg/other-cert.pem': other.cert,
  '/etc/amtsweg/not-pem.txt': 'hello',
};
const readFile = (path: string) => {
  const text = files[path];
  if (text === undefined) throw new Error('ENOENT');
  return text;
};

const valid = {
  kind: 'saml',
  id: 'bundid',
  label: { de: 'BundID', en: 'BundID' },
  idp: {
    entityId: 'https://id.bund.de/idp',
    ssoUrl: 'https://id.bund.de/idp/profile/SAML2/Redirect/SSO',
    certFile: '/etc/amtsweg/idp.pem',
  },
  sp: { keyFile: '/etc/amtsweg/sp-key.pem', certFile: '/etc/amtsweg/sp-cert.pem' },
};
const parse = (entries: unknown) =>
  parseIdentityProviders(JSON.stringify(entries), 'providers.json', readFile) as SamlProviderConfig[];

test('a SAML entry: BundID defaults (STORK-QAA levels, attribute OIDs, bPK2 subject), one key pair for both uses', () => {
  const [provider] = parse([valid]);
  assert.equal(provider?.kind, 'saml');
  assert.equal(provider?.levels['STORK-QAA-Level-4'], 'hoch');
  assert.equal(provider?.levels['STORK-QAA-Level-3'], 'substanziell');
  assert.equal(provider?.levels['STORK-QAA-Level-1'], 'niedrig');
  assert.equal(provider?.attributes.givenName, 'urn:oid:2.5.4.42');
  assert.equal(provider?.subject, 'urn:oid:1.3.6.1.4.1.25484.494450.3');
  assert.equal(provider?.sp.encryptionCert, provider?.sp.signingCert);
  assert.equal(provider?.clockSkewSeconds, 60);
  assert.deepEqual(provider?.idp.certs, [idp.cert.trim()]);
});

test('the mapping is the provider’s: attributes changed or left out (null), levels replaced', () => {
  const [provider] = parse([
    {
      ...valid,
      attributes: { email: 'urn:oid:0.9.2342.19200300.100.1.40', country: null },
      levels: { 'http://eidas.europa.eu/LoA/high': 'hoch' },
      subject: 'NameID',
    },
  ]);
  assert.equal(provider?.attributes.email, 'urn:oid:0.9.2342.19200300.100.1.40');
  assert.equal(provider?.attributes.country, undefined);
  assert.deepEqual(provider?.levels, { 'http://eidas.europa.eu/LoA/high': 'hoch' });
  assert.equal(provider?.subject, 'NameID');
});

test('every mistake in a SAML entry stops the start, naming the entry and the property', () => {
  const cases: Array<[unknown, RegExp]> = [
    [{ ...valid, kind: 'ldap' }, /"kind" must be "oidc" or "saml"/],
    [{ ...valid, idp: undefined }, /"idp" must be/],
    [
      { ...valid, idp: { ...valid.idp, ssoUrl: 'http://id.bund.de/sso' } },
      /"idp"."ssoUrl" must be an https URL/,
    ],
    [{ ...valid, idp: { ...valid.idp, entityId: '' } }, /"idp"."entityId"/],
    [
      { ...valid, idp: { ...valid.idp, certFile: '/etc/amtsweg/none.pem' } },
      /"idp.certFile": the file .* cannot be read/,
    ],
    [{ ...valid, idp: { ...valid.idp, certFile: '/etc/amtsweg/not-pem.txt' } }, /holds no PEM certificate/],
    [
      { ...valid, sp: { ...valid.sp, certFile: '/etc/amtsweg/other-cert.pem' } },
      /"sp.keyFile" does not belong to the certificate/,
    ],
    [{ ...valid, sp: { ...valid.sp, keyFile: '/etc/amtsweg/not-pem.txt' } }, /is not a PEM private key/],
    [
      { ...valid, sp: { ...valid.sp, encryptionKeyFile: '/etc/amtsweg/sp-key.pem' } },
      /"sp.encryptionCertFile" must name a file/,
    ],
    [{ ...valid, levels: { 'STORK-QAA-Level-4': 'high' } }, /"levels"."STORK-QAA-Level-4" must be niedrig/],
    [{ ...valid, attributes: { nickname: 'urn:oid:1' } }, /"attributes"."nickname" is not an attribute/],
    [{ ...valid, attributes: { email: 42 } }, /"attributes"."email" must be a SAML attribute name/],
    [{ ...valid, clockSkewSeconds: 3600 }, /"clockSkewSeconds" must be a whole number from 0 to 300/],
  ];
  for (const [entry, message] of cases) {
    assert.throws(
      () => parse([entry]),
      (error: Error & { code?: string }) =>
        error.code === 'ERR_CONFIG_IDENTITY_PROVIDERS' &&
        message.test(error.message) &&
        error.message.startsWith('providers.json: provider "bundid"'),
      String(message),
    );
  }
});

test('single logout: an optional https SLO URL of the IdP; anything else stops the start', () => {
  assert.equal(parse([valid])[0]?.idp.sloUrl, undefined, 'without it, no single logout');
  const slo = 'https://id.bund.de/idp/profile/SAML2/Redirect/SLO';
  assert.equal(parse([{ ...valid, idp: { ...valid.idp, sloUrl: slo } }])[0]?.idp.sloUrl, slo);
  for (const sloUrl of ['http://id.bund.de/slo', 'not a url', 42]) {
    assert.throws(
      () => parse([{ ...valid, idp: { ...valid.idp, sloUrl } }]),
      /"idp"\."sloUrl" must be an https URL/,
    );
  }
});
