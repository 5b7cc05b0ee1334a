/**
 * The secrets of a login waiting for its provider (citizen logins, ADR 0036; staff single sign-on,
 * ADR 0056): the nonce and the PKCE code verifier, as one ciphertext under the tenant's data key,
 * bound to the request's row (its table and the hash of its `state`).
 */
import type { TenantCipher } from '../../crypto/envelope.ts';
import { placeAad } from '../../crypto/envelope.ts';

export interface LoginRequestSecrets {
  nonce: string;
  codeVerifier: string;
}

type RequestTable = 'citizen_login_requests' | 'staff_sso_requests';

export function sealLoginSecrets(
  cipher: TenantCipher,
  table: RequestTable,
  request: { tenantId: string; stateHash: string } & LoginRequestSecrets,
): Promise<string> {
  const secrets: LoginRequestSecrets = { nonce: request.nonce, codeVerifier: request.codeVerifier };
  return cipher.encrypt(
    request.tenantId,
    JSON.stringify(secrets),
    placeAad(request.tenantId, table, request.stateHash),
  );
}

export async function openLoginSecrets(
  cipher: TenantCipher,
  table: RequestTable,
  row: { tenant_id: string; state_hash: string; secrets_enc: string },
): Promise<LoginRequestSecrets> {
  const { nonce, codeVerifier } = JSON.parse(
    await cipher.decrypt(row.tenant_id, row.secrets_enc, placeAad(row.tenant_id, table, row.state_hash)),
  ) as LoginRequestSecrets;
  return { nonce, codeVerifier };
}
