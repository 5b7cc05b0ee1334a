/**
 * The channel's JWE (jose) opened by the receiver sample of the docs (node:crypto only): two
 * independent implementations agree, and the sample refuses what was changed on the way.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importJWK } from 'jose';
import { decryptJwe, openSubmission, sha512Hex } from '../../../../docs/delivery/fit-connect-decrypt.mjs';
import { destinationKeyPair } from '../../../../test/support/fit-connect-receiver.ts';
import { unusableKeyReason } from './destination-key.ts';
import { encryptFor } from './fit-connect-channel.ts';

const pair = destinationKeyPair(4096);

describe('FIT-Connect encryption', async () => {
  const { kty, n, e } = pair.jwk as unknown as { kty: string; n: string; e: string };
  const destination = { kid: pair.kid, key: (await importJWK({ kty, n, e }, 'RSA-OAEP-256')) as CryptoKey };
  const bytes = new TextEncoder().encode('{"name":"Jürgen Łukasz"}');

  it('is JWE compact, RSA-OAEP-256 + A256GCM with the key id, and opens with node:crypto alone', async () => {
    const jwe = await encryptFor(destination, bytes, 'application/json');
    const { header, plaintext } = decryptJwe(jwe, pair.privateKey);
    assert.deepEqual(header, { alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: pair.kid, cty: 'application/json' });
    assert.deepEqual(new Uint8Array(plaintext), bytes);
  });

  it('a changed ciphertext or header does not decrypt', async () => {
    const parts = (await encryptFor(destination, bytes, 'application/json')).split('.');
    const flipped = Buffer.from(parts[3]!, 'base64url');
    flipped[0]! ^= 1;
    const tampered = [...parts.slice(0, 3), flipped.toString('base64url'), parts[4]].join('.');
    assert.throws(() => decryptJwe(tampered, pair.privateKey));
    const header = Buffer.from(JSON.stringify({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: 'x' })).toString(
      'base64url',
    );
    assert.throws(() => decryptJwe([header, ...parts.slice(1)].join('.'), pair.privateKey));
  });

  it('the sample refuses data whose hash in the metadata does not match', async () => {
    const metadata = (hash: string) =>
      new TextEncoder().encode(
        JSON.stringify({
          contentStructure: { data: { hash: { type: 'sha512', content: hash } }, attachments: [] },
        }),
      );
    const encryptedData = await encryptFor(destination, bytes, 'application/json');
    const open = async (hash: string) =>
      openSubmission({
        encryptedMetadata: await encryptFor(destination, metadata(hash), 'application/json'),
        encryptedData,
        attachments: new Map(),
        privateKey: pair.privateKey,
      });
    assert.equal((await open(sha512Hex(bytes))).data.name, 'Jürgen Łukasz');
    await assert.rejects(open(sha512Hex(new TextEncoder().encode('anders'))), /does not match its hash/);
  });
});

describe('destination keys', () => {
  const good = pair.jwk as Record<string, unknown>;
  it('accepts an RSA-OAEP-256 wrapKey key of 4096 bits with its announced kid', () => {
    assert.equal(unusableKeyReason(good, pair.kid), undefined);
  });
  it('names what is wrong with any other key', () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ ...good, kty: 'EC' }, /key type EC instead of RSA/],
      [{ ...good, alg: 'PS512' }, /algorithm PS512/],
      [{ ...good, key_ops: ['verify'] }, /not a key for wrapKey/],
      [{ ...good, kid: 'anders-als-angekuendigt' }, /instead of the announced/],
      [{ ...good, e: 'Aw' }, /exponent other than 65537/],
      [{ ...good, n: Buffer.alloc(256, 1).toString('base64url') }, /2048-bit modulus/],
      [{ ...good, d: 'geheim' }, /a private key was published/],
    ];
    for (const [jwk, reason] of cases) assert.match(unusableKeyReason(jwk, pair.kid) ?? '', reason);
  });
});
