/**
 * The browser session's citizen login (ADR 0036), looked up once per request: a citizen page asks
 * for it in several places (the header's "Angemeldet als", prefill, the level a service requires),
 * and each would otherwise be a query and a decryption. Only for reading: the login and logout
 * routes, which change it, ask the use case directly.
 */
import type { FastifyRequest } from 'fastify';
import type { CitizenLogins } from '../core/identity/citizen-logins.ts';
import type { CitizenLogin } from '../core/identity/records.ts';

const perRequest = new WeakMap<FastifyRequest, Map<string, Promise<CitizenLogin | undefined>>>();

export function sessionLogin(
  request: FastifyRequest,
  logins: Pick<CitizenLogins, 'current'>,
  tenantId: string,
  sessionHash: string,
): Promise<CitizenLogin | undefined> {
  let looked = perRequest.get(request);
  if (!looked) {
    looked = new Map();
    perRequest.set(request, looked);
  }
  const key = `${tenantId}\u0000${sessionHash}`;
  let login = looked.get(key);
  if (!login) {
    login = logins.current(tenantId, sessionHash);
    looked.set(key, login);
  }
  return login;
}
