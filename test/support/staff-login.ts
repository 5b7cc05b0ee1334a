/**
 * Signing a staff member in over HTTP, the one way every test does it: the login form with its CSRF
 * token, as a browser posts it. Tests of the login itself (wrong passwords, throttling) post the
 * form themselves; everything else uses these helpers.
 */
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { DemoCredential } from '../../src/cli/demo-seed.ts';
import type { StaffRole } from '../../src/core/domain.ts';
import type { TestApp } from './app.ts';
import { HttpClient, type PageResult } from './http-client.ts';

/** What a test signs in with: a demo credential or an account it created. */
export interface StaffCredential {
  username: string;
  password: string;
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
  return { client, home: result.location!, responses: [result.response] };
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
