import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OidcProviderConfig } from './config.ts';
import { parseIdentityProviders } from './parse-config.ts';

const secrets: Record<string, string> = { '/run/secrets/bundid': 'geheim\n', '/run/secrets/empty': '  ' };
const readSecret = (path: string) => {
  const secret = secrets[path];
  if (secret === undefined) throw new Error('ENOENT');
  return secret;
};
const valid = {
  id: 'bundid',
  label: { de: 'BundID', en: 'BundID' },
  issuer: 'https://id.example.de/realms/buerger',
  clientId: 'amtsweg',
  clientSecretFile: '/run/secrets/bundid',
  levels: { 'http://eidas.europa.eu/LoA/high': 'hoch' },
  claims: { organization: 'org_name' },
};
const parse = (entries: unknown) =>
  parseIdentityProviders(JSON.stringify(entries), 'providers.json', readSecret);

test('a provider entry: the secret from its file, standard claims with the entry’s additions', () => {
  const [provider] = parse([valid]) as OidcProviderConfig[];
  assert.equal(provider?.clientSecret, 'geheim');
  assert.equal(provider?.claims.givenName, 'given_name');
  assert.equal(provider?.claims.organization, 'org_name');
  assert.deepEqual(provider?.scopes, ['openid', 'profile', 'email', 'address']);
  assert.equal(provider?.allowHttp, false);
});

test('every mistake stops the start, naming the entry and what is wrong', () => {
  const cases: Array<[unknown, RegExp]> = [
    [{ ...valid, id: 'Bund ID' }, /provider 1: "id"/],
    [{ ...valid, id: 'test-idp' }, /built-in test IdP/],
    [{ ...valid, issuer: 'http://id.example.de' }, /"issuer" must be an https URL/],
    [{ ...valid, clientSecretFile: '/run/secrets/none' }, /cannot be read/],
    [{ ...valid, clientSecretFile: '/run/secrets/empty' }, /is empty/],
    [{ ...valid, levels: { x: 'high' } }, /"levels"."x" must be niedrig, substanziell or hoch/],
    [{ ...valid, claims: { nickname: 'nick' } }, /"claims"."nickname" is not an attribute/],
    [{ ...valid, label: 'BundID' }, /"label"/],
  ];
  for (const [entry, message] of cases) {
    assert.throws(
      () => parse([entry]),
      (error: Error & { code?: string }) =>
        error.code === 'ERR_CONFIG_IDENTITY_PROVIDERS' &&
        message.test(error.message) &&
        error.message.startsWith('providers.json'),
      String(message),
    );
  }
  assert.throws(() => parse([valid, valid]), /listed twice/);
  assert.throws(() => parseIdentityProviders('{', 'providers.json', readSecret), /is not JSON/);
});

test('plain http only for this machine', () => {
  const [provider] = parse([{ ...valid, issuer: 'http://127.0.0.1:8080/realms/test' }]);
  assert.equal(provider?.allowHttp, true);
});
