/**
 * The second factor of staff logins (ADR 0055): TOTP after RFC 6238 (SHA-1, six digits, 30-second
 * steps, as every authenticator app reads them) through `otpauth`, and single-use recovery codes.
 * Pure functions; what is stored and when a code counts is `staff-auth.ts`.
 */
import { createHash, randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import type { StaffRole } from './domain.ts';

/** Roles whose accounts must have a second factor before they open any staff page. */
const ROLES_REQUIRING_A_SECOND_FACTOR: readonly StaffRole[] = ['admin', 'designer'];

export function secondFactorRequired(roles: readonly StaffRole[]): boolean {
  return roles.some((r) => ROLES_REQUIRING_A_SECOND_FACTOR.includes(r));
}

const PERIOD_SECONDS = 30;
const DIGITS = 6;
/** A code of the step before or after the current one is accepted too (clocks drift, people type). */
const WINDOW = 1;

function totp(secret: string, label = '', issuer = ''): TOTP {
  return new TOTP({
    issuer,
    label,
    algorithm: 'SHA1',
    digits: DIGITS,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });
}

/** A new random secret (160 bits, RFC 4226's recommendation), in base32 as apps take it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The secret in groups of four, for typing it into an app by hand. */
export function groupedSecret(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}

/** Six digits, spaces allowed (apps show `123 456`). */
export function isTotpCode(input: string): boolean {
  return /^\d{6}$/.test(input.replace(/\s/g, ''));
}

/** The time step `code` belongs to at `at` (within one step either side), or undefined. */
export function totpStep(secret: string, code: string, at: Date): number | undefined {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return undefined;
  const delta = totp(secret).validate({ token, timestamp: at.getTime(), window: WINDOW });
  return delta === null ? undefined : Math.floor(at.getTime() / 1000 / PERIOD_SECONDS) + delta;
}

/** The code of `secret` at `at` (what an authenticator app shows). */
export function totpCode(secret: string, at: Date): string {
  return totp(secret).generate({ timestamp: at.getTime() });
}

/** The `otpauth://` URI the QR code carries: the app shows `issuer (account)`. */
export function totpUri(secret: string, issuer: string, account: string): string {
  return totp(secret, account, issuer).toString();
}

export const RECOVERY_CODE_COUNT = 10;
/** Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L, U). */
const RECOVERY_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 16 characters of 30: about 78 random bits, so a SHA-256 hash is enough to store them. */
const RECOVERY_LENGTH = 16;

/** New recovery codes, as shown: `ABCD-EFGH-JKMN-PQRS`. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: RECOVERY_LENGTH }, () => RECOVERY_ALPHABET[randomInt(30)]!).join('');
    return chars.match(/.{4}/g)!.join('-');
  });
}

/** What the account holder typed, as it is hashed: without spaces and hyphens, in capitals. */
export function normalizedRecoveryCode(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}

/** How a recovery code is stored. */
export function recoveryCodeHash(input: string): string {
  return createHash('sha256').update(normalizedRecoveryCode(input)).digest('base64url');
}
