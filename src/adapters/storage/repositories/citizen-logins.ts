/**
 * Citizen logins and the logins waiting for their provider (ADR 0036). What identifies a person
 * (the provider's subject, the attributes, the ID token) and the secrets of a waiting login (nonce,
 * code verifier) are ciphertext under the tenant's data key, bound to their row.
 */

import type { Selectable } from 'kysely';
import { isAssuranceLevel } from '../../../core/identity/levels.ts';
import type { CitizenLogin, IdentityAttributes, PendingLogin } from '../../../core/identity/records.ts';
import type { Store } from '../../../core/ports.ts';
import { placeAad } from '../../crypto/envelope.ts';
import type { CitizenLoginsTable } from '../dialect/schema.ts';
import { auditParams, insertAudit, type StoreContext } from './context.ts';
import { openLoginSecrets, sealLoginSecrets } from './login-request-secrets.ts';

interface Identity {
  subject: string;
  attributes: IdentityAttributes;
  idToken: string | null;
  /** What a logout request to the provider names (SAML single logout); absent before migration 0043. */
  providerLogout?: Readonly<Record<string, string>>;
}

type LoginRow = Selectable<CitizenLoginsTable>;

function levelOf(value: string) {
  if (!isAssuranceLevel(value)) throw new Error(`stored Vertrauensniveau "${value}" is unknown`);
  return value;
}

export function citizenLoginsRepository({
  db,
  cipher,
  clock,
  write,
  transaction,
}: StoreContext): Store['citizenLogins'] {
  const loginAad = (tenantId: string, sessionHash: string) =>
    placeAad(tenantId, 'citizen_logins', sessionHash);
  const loginOf = async (row: LoginRow): Promise<CitizenLogin> => {
    const identity: Identity = JSON.parse(
      await cipher.decrypt(row.tenant_id, row.identity_enc, loginAad(row.tenant_id, row.session_hash)),
    );
    return {
      tenantId: row.tenant_id,
      sessionHash: row.session_hash,
      provider: row.provider,
      level: levelOf(row.level),
      subject: identity.subject,
      attributes: identity.attributes,
      idToken: identity.idToken ?? undefined,
      ...(identity.providerLogout &&
        row.idp_subject_hash && {
          providerSession: {
            logout: identity.providerLogout,
            subjectHash: row.idp_subject_hash,
            sessionHash: row.idp_session_hash ?? undefined,
          },
        }),
      loggedInAt: row.logged_in_at,
      expiresAt: row.expires_at,
    };
  };
  return {
    async savePending(pending) {
      const secretsEnc = await sealLoginSecrets(cipher, 'citizen_login_requests', pending);
      const now = clock.now().toISOString();
      await write(async (trx) => {
        await trx
          .insertInto('citizen_login_requests')
          .values({
            state_hash: pending.stateHash,
            tenant_id: pending.tenantId,
            session_hash: pending.sessionHash,
            provider: pending.provider,
            level: pending.level,
            return_path: pending.returnPath,
            secrets_enc: secretsEnc,
            created_at: pending.createdAt,
            expires_at: pending.expiresAt,
          })
          .execute();
        // Logins nobody came back from are dropped as new ones begin.
        await trx.deleteFrom('citizen_login_requests').where('expires_at', '<', now).execute();
      });
    },

    async takePending(stateHash) {
      const row = await write((trx) =>
        trx
          .deleteFrom('citizen_login_requests')
          .where('state_hash', '=', stateHash)
          .returningAll()
          .executeTakeFirst(),
      );
      if (!row) return undefined;
      const secrets = await openLoginSecrets(cipher, 'citizen_login_requests', row);
      const pending: PendingLogin = {
        stateHash: row.state_hash,
        tenantId: row.tenant_id,
        sessionHash: row.session_hash,
        provider: row.provider,
        level: levelOf(row.level),
        returnPath: row.return_path,
        nonce: secrets.nonce,
        codeVerifier: secrets.codeVerifier,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
      };
      return pending;
    },

    async save(login, audit) {
      const identity: Identity = {
        subject: login.subject,
        attributes: login.attributes,
        idToken: login.idToken ?? null,
        ...(login.providerSession && { providerLogout: login.providerSession.logout }),
      };
      const identityEnc = await cipher.encrypt(
        login.tenantId,
        JSON.stringify(identity),
        loginAad(login.tenantId, login.sessionHash),
      );
      const values = {
        provider: login.provider,
        level: login.level,
        identity_enc: identityEnc,
        logged_in_at: login.loggedInAt,
        expires_at: login.expiresAt,
        idp_subject_hash: login.providerSession?.subjectHash ?? null,
        idp_session_hash: login.providerSession?.sessionHash ?? null,
      };
      await transaction(async (trx) => {
        await trx
          .insertInto('citizen_logins')
          .values({ tenant_id: login.tenantId, session_hash: login.sessionHash, ...values })
          .onConflict((oc) => oc.columns(['tenant_id', 'session_hash']).doUpdateSet(values))
          .execute();
        await insertAudit.execute(trx, auditParams({ ...audit, tenantId: login.tenantId }, login.loggedInAt));
      });
    },

    async current(tenantId, sessionHash) {
      const row = await db
        .selectFrom('citizen_logins')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('session_hash', '=', sessionHash)
        .executeTakeFirst();
      return row && loginOf(row);
    },

    async endProviderSession(provider, key, audit) {
      const now = clock.now().toISOString();
      const rows = await transaction(async (trx) => {
        const removed = await trx
          .deleteFrom('citizen_logins')
          .where('provider', '=', provider)
          .where(
            'sessionHash' in key ? 'idp_session_hash' : 'idp_subject_hash',
            '=',
            'sessionHash' in key ? key.sessionHash : key.subjectHash,
          )
          .returningAll()
          .execute();
        for (const tenantId of new Set(removed.map((r) => r.tenant_id))) {
          await insertAudit.execute(trx, auditParams(audit(tenantId), now));
        }
        return removed;
      });
      return Promise.all(rows.map(loginOf));
    },

    async remove(tenantId, sessionHash, audit) {
      await transaction(async (trx) => {
        await trx
          .deleteFrom('citizen_logins')
          .where('tenant_id', '=', tenantId)
          .where('session_hash', '=', sessionHash)
          .execute();
        await insertAudit.execute(trx, auditParams({ ...audit, tenantId }, clock.now().toISOString()));
      });
    },
  };
}
