import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from './config.ts';

test('AMTSWEG_TRUSTED_PROXIES: none by default; addresses, CIDR ranges and range names; anything else refused', () => {
  assert.deepEqual(loadConfig({}).trustedProxies, []);
  assert.deepEqual(
    loadConfig({ AMTSWEG_TRUSTED_PROXIES: ' 10.0.0.1, 192.168.0.0/16 ,fd00::/8,::1, loopback ' })
      .trustedProxies,
    ['10.0.0.1', '192.168.0.0/16', 'fd00::/8', '::1', 'loopback'],
  );
  for (const wrong of [
    '*',
    'true',
    '10.0.0.0/33',
    'fd00::/129',
    'proxy.example',
    '10.0.0.1/8/1',
    '10.0.0.0/',
  ]) {
    assert.throws(
      () => loadConfig({ AMTSWEG_TRUSTED_PROXIES: wrong }),
      (error: Error & { code?: string }) =>
        error.code === 'ERR_CONFIG_TRUSTED_PROXIES' && error.message.includes('AMTSWEG_TRUSTED_PROXIES'),
      wrong,
    );
  }
});
