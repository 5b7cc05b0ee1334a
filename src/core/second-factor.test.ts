import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  groupedSecret,
  isTotpCode,
  newRecoveryCodes,
  newTotpSecret,
  normalizedRecoveryCode,
  RECOVERY_CODE_COUNT,
  recoveryCodeHash,
  secondFactorRequired,
  totpCode,
  totpStep,
  totpUri,
} from './second-factor.ts';

/** RFC 6238, appendix B: the SHA-1 seed "12345678901234567890" in base32. */
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('second factor', () => {
  it('computes the codes of RFC 6238 (the last six of its eight digits)', () => {
    assert.equal(totpCode(RFC_SECRET, new Date(59_000)), '287082');
    assert.equal(totpCode(RFC_SECRET, new Date(1_111_111_109_000)), '081804');
    assert.equal(totpCode(RFC_SECRET, new Date(2_000_000_000_000)), '279037');
  });

  it('accepts a code of the current step and of one step either side, and says which step it was', () => {
    const secret = newTotpSecret();
    const now = new Date('2026-12-03T10:00:15Z');
    const step = Math.floor(now.getTime() / 30_000);
    assert.equal(totpStep(secret, totpCode(secret, now), now), step);
    assert.equal(totpStep(secret, totpCode(secret, new Date(now.getTime() - 30_000)), now), step - 1);
    assert.equal(totpStep(secret, totpCode(secret, new Date(now.getTime() + 30_000)), now), step + 1);
    assert.equal(totpStep(secret, totpCode(secret, new Date(now.getTime() - 60_000)), now), undefined);
    assert.equal(totpStep(secret, totpCode(secret, new Date(now.getTime() + 60_000)), now), undefined);
    const code = totpCode(secret, now);
    assert.equal(totpStep(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now), step, 'as apps show it');
    assert.equal(totpStep(newTotpSecret(), code, now) === step, false, 'another secret');
  });

  it('refuses what is not six digits without trying it', () => {
    const secret = newTotpSecret();
    for (const input of ['', '12345', '1234567', 'abcdef', '12345x', '１２３４５６']) {
      assert.equal(totpStep(secret, input, new Date()), undefined, input);
    }
    assert.equal(isTotpCode('123 456'), true);
    assert.equal(isTotpCode('ABCD-EFGH'), false);
  });

  it('makes 160-bit secrets, an otpauth URI apps read, and the secret in groups for typing', () => {
    const secret = newTotpSecret();
    assert.match(secret, /^[A-Z2-7]{32}$/);
    assert.notEqual(secret, newTotpSecret());
    const uri = new URL(totpUri(secret, 'Amtsweg', 'verwaltung@musterstadt'));
    assert.equal(uri.protocol, 'otpauth:');
    assert.equal(uri.host, 'totp');
    assert.equal(uri.searchParams.get('secret'), secret);
    assert.equal(uri.searchParams.get('issuer'), 'Amtsweg');
    assert.equal(uri.searchParams.get('digits'), '6');
    assert.equal(uri.searchParams.get('period'), '30');
    assert.match(decodeURIComponent(uri.pathname), /Amtsweg:verwaltung@musterstadt/);
    assert.equal(groupedSecret('ABCDEFGHIJ'), 'ABCD EFGH IJ');
  });

  it('makes ten distinct recovery codes that survive how people type them', () => {
    const codes = newRecoveryCodes();
    assert.equal(codes.length, RECOVERY_CODE_COUNT);
    assert.equal(new Set(codes).size, codes.length);
    for (const code of codes) assert.match(code, /^[2-9A-HJKMNP-TV-Z]{4}(-[2-9A-HJKMNP-TV-Z]{4}){3}$/);
    const [code] = codes as [string];
    assert.equal(
      normalizedRecoveryCode(` ${code.toLowerCase().replaceAll('-', ' ')} `),
      code.replaceAll('-', ''),
    );
    assert.equal(recoveryCodeHash(code.toLowerCase()), recoveryCodeHash(code));
    assert.notEqual(recoveryCodeHash(code), recoveryCodeHash(codes[1]!));
    assert.doesNotMatch(recoveryCodeHash(code), new RegExp(code.replaceAll('-', '')));
  });

  it('is required for admins and designers, optional for caseworkers', () => {
    assert.equal(secondFactorRequired(['caseworker']), false);
    assert.equal(secondFactorRequired(['designer']), true);
    assert.equal(secondFactorRequired(['admin']), true);
    assert.equal(secondFactorRequired(['caseworker', 'designer']), true);
    assert.equal(secondFactorRequired([]), false);
  });
});
