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

test('delivery: the mail sink and the worker in serve by default; SMTP URL, sender and switch checked', () => {
  assert.deepEqual(loadConfig({ AMTSWEG_BASE_URL: 'https://antraege.musterstadt.de' }).delivery, {
    smtpUrl: undefined,
    smtpPassword: undefined,
    mailFrom: 'amtsweg@antraege.musterstadt.de',
    workerInServe: true,
    pollMs: 1000,
  });
  const configured = loadConfig({
    AMTSWEG_SMTP_URL: 'smtps://relay@mail.musterstadt.de:465',
    AMTSWEG_SMTP_PASSWORD: 'geheim',
    AMTSWEG_MAIL_FROM: 'Amtsweg <noreply@musterstadt.de>',
    AMTSWEG_DELIVERY_WORKER: 'off',
    AMTSWEG_DELIVERY_POLL_MS: '250',
  }).delivery;
  assert.equal(configured.smtpUrl, 'smtps://relay@mail.musterstadt.de:465');
  assert.equal(configured.mailFrom, 'Amtsweg <noreply@musterstadt.de>');
  assert.equal(configured.workerInServe, false);
  assert.equal(configured.pollMs, 250);
  for (const [name, value, code] of [
    ['AMTSWEG_SMTP_URL', 'mail.musterstadt.de', 'ERR_CONFIG_SMTP'],
    ['AMTSWEG_SMTP_URL', 'https://mail.musterstadt.de', 'ERR_CONFIG_SMTP'],
    ['AMTSWEG_MAIL_FROM', 'niemand', 'ERR_CONFIG_SMTP'],
    ['AMTSWEG_DELIVERY_WORKER', 'vielleicht', 'ERR_CONFIG_DELIVERY_WORKER'],
    ['AMTSWEG_DELIVERY_POLL_MS', '0', 'ERR_CONFIG_TIMEOUT'],
  ] as const) {
    assert.throws(
      () => loadConfig({ [name]: value }),
      (error: Error & { code?: string }) => error.code === code && error.message.includes(name),
      `${name}=${value}`,
    );
  }
});

test('clamd: none by default; a Unix socket or host:port, the timeout and the policy when unavailable checked', () => {
  assert.equal(loadConfig({}).clamd, undefined);
  const socket = loadConfig({ AMTSWEG_CLAMD_SOCKET: '/run/clamav/clamd.ctl' }).clamd;
  assert.deepEqual(socket, {
    address: { socket: '/run/clamav/clamd.ctl' },
    timeoutMs: 30_000,
    whenUnavailable: 'refuse',
  });
  assert.deepEqual(
    loadConfig({
      AMTSWEG_CLAMD_HOST: 'clamav.intern:3310',
      AMTSWEG_CLAMD_TIMEOUT_MS: '5000',
      AMTSWEG_CLAMD_UNAVAILABLE: 'accept-unscanned',
    }).clamd,
    { address: { host: 'clamav.intern', port: 3310 }, timeoutMs: 5000, whenUnavailable: 'accept-unscanned' },
  );
  assert.deepEqual(loadConfig({ AMTSWEG_CLAMD_HOST: '[::1]:3310' }).clamd?.address, {
    host: '::1',
    port: 3310,
  });
  for (const [env, named] of [
    [{ AMTSWEG_CLAMD_HOST: 'clamav.intern' }, 'AMTSWEG_CLAMD_HOST'],
    [{ AMTSWEG_CLAMD_HOST: 'clamav.intern:0' }, 'AMTSWEG_CLAMD_HOST'],
    [{ AMTSWEG_CLAMD_HOST: 'clamav.intern:99999' }, 'AMTSWEG_CLAMD_HOST'],
    [{ AMTSWEG_CLAMD_SOCKET: '/s', AMTSWEG_CLAMD_HOST: 'h:1' }, 'AMTSWEG_CLAMD_SOCKET'],
    [{ AMTSWEG_CLAMD_SOCKET: '/s', AMTSWEG_CLAMD_UNAVAILABLE: 'accept' }, 'AMTSWEG_CLAMD_UNAVAILABLE'],
    [{ AMTSWEG_CLAMD_SOCKET: '/s', AMTSWEG_CLAMD_TIMEOUT_MS: 'bald' }, 'AMTSWEG_CLAMD_TIMEOUT_MS'],
  ] as const) {
    assert.throws(
      () => loadConfig(env),
      (error: Error & { code?: string }) => error.message.includes(named),
      JSON.stringify(env),
    );
  }
});

test('AMTSWEG_TEST_IDP: off unless switched on; anything but on/off refused, naming the variable', () => {
  assert.equal(loadConfig({}).testIdp, false);
  assert.equal(loadConfig({ AMTSWEG_TEST_IDP: 'on' }).testIdp, true);
  assert.equal(loadConfig({ AMTSWEG_TEST_IDP: 'OFF' }).testIdp, false);
  assert.throws(
    () => loadConfig({ AMTSWEG_TEST_IDP: 'yes' }),
    (error: Error & { code?: string }) =>
      error.code === 'ERR_CONFIG_SWITCH' && error.message.includes('AMTSWEG_TEST_IDP'),
  );
});
