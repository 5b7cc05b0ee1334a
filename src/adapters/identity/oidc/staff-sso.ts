/**
 * Staff single sign-on's port (ADR 0056) on the shared code flow: one flow per connection (issuer,
 * client, secret), so a changed setting is a new flow and discovery is not repeated for every
 * login. At most `MAX_FLOWS` are kept, the least recently used dropped.
 */
import type { SsoConnection, StaffSsoProtocol } from '../../../core/staff-sso/protocol.ts';
import { type CodeFlow, codeFlow } from './code-flow.ts';

const MAX_FLOWS = 200;

export function createStaffSsoProtocol(): StaffSsoProtocol {
  const flows = new Map<string, CodeFlow>();
  const flowOf = (connection: SsoConnection): CodeFlow => {
    const key = JSON.stringify([connection.issuer, connection.clientId, connection.clientSecret]);
    let flow = flows.get(key);
    if (flow) flows.delete(key);
    else
      flow = codeFlow({
        issuer: connection.issuer,
        clientId: connection.clientId,
        clientSecret: connection.clientSecret,
        // The setting admits plain http only on this machine, and `StaffSso` only where the
        // installation itself runs there.
        allowHttp: new URL(connection.issuer).protocol === 'http:',
      });
    flows.set(key, flow);
    if (flows.size > MAX_FLOWS) flows.delete(flows.keys().next().value as string);
    return flow;
  };

  return {
    async authorizationUrl(connection, request) {
      const scopes = new Set(['openid', ...connection.scopes]);
      const url = await flowOf(connection).authorizationUrl(request, { scope: [...scopes].join(' ') });
      return url.toString();
    },

    async complete(connection, callbackUrl, request) {
      const result = await flowOf(connection).complete(callbackUrl, request);
      if (result.kind !== 'tokens') return result;
      return { kind: 'verified', subject: result.subject, claims: result.claims };
    },
  };
}
