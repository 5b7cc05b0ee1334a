import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { apiKeyOf, bearerToken, looksLikeApiKey, prefixOf } from './api-key-format.ts';

describe('the form of pull API keys', () => {
  it('is amtsweg_ and 43 base64url characters; the prefix shows four of them', () => {
    const key = apiKeyOf(randomBytes(32).toString('base64url'));
    assert.equal(key.length, 51);
    assert.ok(looksLikeApiKey(key));
    assert.equal(prefixOf(key), key.slice(0, 12));
    assert.match(prefixOf(key), /^amtsweg_.{4}$/);
    for (const bad of [
      '',
      key.slice(0, -1),
      `${key}x`,
      key.replace('amtsweg_', 'amtsweg-'),
      `${key.slice(0, -1)}=`,
    ]) {
      assert.equal(looksLikeApiKey(bad), false, bad);
    }
  });

  it('reads the key from a Bearer header and nothing else', () => {
    assert.equal(bearerToken('Bearer abc'), 'abc');
    assert.equal(bearerToken('bearer abc'), 'abc');
    assert.equal(bearerToken(undefined), undefined);
    assert.equal(bearerToken('Basic YWJjOmRlZg=='), undefined);
    assert.equal(bearerToken('Bearer'), undefined);
    assert.equal(bearerToken('Bearer a b'), undefined);
  });
});
