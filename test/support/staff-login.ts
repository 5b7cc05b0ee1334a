/**
 * Signing a staff member in over HTTP, the one way every test does it: the login form with its CSRF
 * token, as a browser posts it, then the second factor (ADR 0055) when the account has one: a code
 * computed from the account's TOTP secret, as an authenticator app shows it. An account without
 * one that must have one (a designer or admin a test created) is enrolled on the way, as its
 * holder would, and its secret kept for its next login. Tests of the login itself (wrong
 * passwords, throttling, codes) post the forms themselves; everything else uses these helpers.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { DemoCredential } from '../../src/cli/demo-seed.ts';
import type { StaffRole } from '../../src/core/domain.ts';
import { totpCode } from '../../src/core/second-factor.ts';
import type { TestApp } from './app.ts';
import { HttpClient, type PageResult } from './http-client.ts';

export const CODE_PATH = '/staff/login/code';
export const ENROL_PATH = '/staff/konto/zweiter-faktor';

/** What a test signs in with: a demo credential or an account it created. */
export interface StaffCredential {
  username: string;
  password: string;
  /** The account's TOTP secret, when it has a second factor. */
  totpSecret?: string | undefined;
}

/** The demo account of `tenant` with `role` (the caseworker when none is given). */
export function demoCredential(
  t: TestApp,
  tenant = 'musterstadt',
  role: StaffRole = 'caseworker',
): DemoCredential {
  const credential = t.credentials.find((c) => c.tenant === tenant && (c.role ?? 'caseworker') === role);
  assert.ok(credential, `demo ${role} of ${tenant}`);
  return credential;
}

/**
 * A staff account of the Musterstadt demo municipality without a second factor, as an operator or
 * admin creates it (the password hashed as the app hashes it); returns what signs it in.
 */
export async function addStaffAccount(
  t: TestApp,
  username: string,
  roles: StaffRole[],
  displayName = 'Neu Kollegin',
): Promise<StaffCredential> {
  const password = 'ein-langes-Passwort-2026';
  const tenant = await t.app.store.tenants.bySlug('musterstadt');
  assert.ok(tenant);
  await t.app.store.staff.create({
    id: randomUUID(),
    tenantId: tenant.id,
    username,
    displayName,
    passwordHash: await t.app.passwords.hash(password),
    roles,
  });
  return { username, password };
}

/** Secrets of accounts the helpers enrolled, per app, for their next login. */
const enrolled = new WeakMap<TestApp, Map<string, string>>();

/** The account's TOTP secret: from the credential, or kept when a helper enrolled it. */
export function secretOf(t: TestApp, credential: StaffCredential): string | undefined {
  return credential.totpSecret ?? enrolled.get(t)?.get(credential.username);
}

export function rememberSecret(t: TestApp, username: string, secret: string): void {
  if (!enrolled.has(t)) enrolled.set(t, new Map());
  enrolled.get(t)!.set(username, secret);
}

/**
 * Forgets which time step the account used last. A code counts once (replay protection), and a
 * suite signs the same account in many times within one 30-second step, which no person does; the
 * tests of the replay protection itself do not call this.
 */
export async function forgetUsedCode(t: TestApp, username: string): Promise<void> {
  const db = t.database.db;
  await db
    .updateTable('staff_second_factors')
    .set({ last_step: null })
    .where('account_id', 'in', db.selectFrom('staff_accounts').select('id').where('username', '=', username))
    .execute();
}

/** The code the account's app shows now (by the app's clock, which a test may have moved). */
export function currentCode(t: TestApp, secret: string): string {
  return totpCode(secret, t.app.clock.now());
}

export interface SignedIn {
  client: HttpClient;
  /** Where the login led: the role's start page (or the account page with a notice). */
  home: string;
  /** Every response of the login, in order (for tests of cookies and headers). */
  responses: LightMyRequestResponse[];
}

/** Signs `credential` in with `client` (a new one when not given); fails the test when refused. */
export async function staffLogin(
  t: TestApp,
  credential: StaffCredential,
  client = new HttpClient(t.app.server),
): Promise<SignedIn> {
  const result = await client.submit(await client.get('/staff/login'), 'Anmelden', {
    username: credential.username,
    password: credential.password,
  });
  assert.equal(result.status, 303, `login of ${credential.username}`);
  const responses = [result.response];
  const step = async (page: PageResult, button: string, code: string) => {
    const done = await client.submit(page, button, { code });
    responses.push(done.response);
    assert.equal(done.status, 303, `second factor of ${credential.username}`);
    return done.location!;
  };
  if (result.location === CODE_PATH) {
    const secret = secretOf(t, credential);
    assert.ok(secret, `the TOTP secret of ${credential.username}`);
    await forgetUsedCode(t, credential.username);
    const home = await step(await client.get(CODE_PATH), 'Bestätigen', currentCode(t, secret));
    return { client, home, responses };
  }
  if (result.location === ENROL_PATH) {
    const page = await client.get(ENROL_PATH);
    const secret = page.document.getElementById('totp-secret')?.textContent?.replace(/\s/g, '');
    assert.ok(secret, 'the enrolment page shows the secret');
    const codes = await step(page, 'Einrichtung bestätigen', currentCode(t, secret));
    rememberSecret(t, credential.username, secret);
    const shown = await client.get(codes);
    const next = shown.document.getElementById('codes-continue')?.getAttribute('href');
    assert.ok(next, 'the recovery codes are shown once, with the way on');
    return { client, home: next, responses };
  }
  return { client, home: result.location!, responses };
}

/** `staffLogin`, then the start page it led to. */
export async function staffLoginPage(
  t: TestApp,
  credential: StaffCredential,
  client?: HttpClient,
): Promise<SignedIn & { page: PageResult }> {
  const signedIn = await staffLogin(t, credential, client);
  return { ...signedIn, page: await signedIn.client.visit(signedIn.home) };
}

/** Signs in as the demo account of `tenant` with `role`. */
export function demoLogin(t: TestApp, tenant = 'musterstadt', role: StaffRole = 'caseworker') {
  return staffLoginPage(t, demoCredential(t, tenant, role));
}
