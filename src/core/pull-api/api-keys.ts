/**
 * The admin's keys for the pull API (ADR 0041): create one (optionally for one service), shown
 * once, and revoke it. The key itself is never stored: only its keyed hash. Both changes are
 * audited; another municipality's key is "not found".
 */
import type { ApiKey, AuditEvent, StaffSession } from '../domain.ts';
import { NotFoundError } from '../errors.ts';
import type { ApiKeyHashes, Clock, Store, Tokens } from '../ports.ts';
import { requireRole } from '../roles.ts';
import { apiKeyOf, prefixOf } from './api-key-format.ts';

export const MAX_LABEL_LENGTH = 100;

export type ApiKeyProblem = 'label-missing' | 'label-too-long' | 'service-unknown';

export type CreateApiKeyOutcome =
  | { ok: true; key: ApiKey; secret: string }
  | { ok: false; problems: ApiKeyProblem[] };

export interface ApiKeysDeps {
  store: Store;
  clock: Clock;
  tokens: Pick<Tokens, 'newToken'>;
  hashes: ApiKeyHashes;
  newId(): string;
}

export class ApiKeys {
  readonly #deps: ApiKeysDeps;

  constructor(deps: ApiKeysDeps) {
    this.#deps = deps;
  }

  /** The municipality's keys, newest first, and its services (to name what a key may read). */
  async list(session: StaffSession) {
    requireRole(session, 'admin');
    const { store } = this.#deps;
    const [keys, services] = await Promise.all([
      store.apiKeys.list(session.tenantId),
      store.services.listLatestIncludingWithdrawn(session.tenantId),
    ]);
    return { keys, services };
  }

  /**
   * Creates a key named `label` for every service (`serviceId` null) or one of the municipality's
   * services. The outcome carries the key itself, the only time it exists outside the request.
   */
  async create(
    session: StaffSession,
    input: { label: string; serviceId: string | null },
  ): Promise<CreateApiKeyOutcome> {
    requireRole(session, 'admin');
    const { store, clock, tokens, hashes } = this.#deps;
    const label = input.label.trim();
    const problems: ApiKeyProblem[] = [];
    if (label === '') problems.push('label-missing');
    else if ([...label].length > MAX_LABEL_LENGTH) problems.push('label-too-long');
    if (input.serviceId !== null) {
      const services = await store.services.listLatestIncludingWithdrawn(session.tenantId);
      if (!services.some((s) => s.serviceId === input.serviceId)) problems.push('service-unknown');
    }
    if (problems.length > 0) return { ok: false, problems };

    const secret = apiKeyOf(tokens.newToken());
    const key: ApiKey = {
      id: this.#deps.newId(),
      tenantId: session.tenantId,
      serviceId: input.serviceId,
      label,
      prefix: prefixOf(secret),
      createdAt: clock.now().toISOString(),
      createdBy: session.accountId,
      revokedAt: null,
      lastUsedAt: null,
    };
    await store.apiKeys.create(
      { ...key, keyHash: hashes.current(secret) },
      this.#event(session, 'api_key.created', key),
    );
    return { ok: true, key, secret };
  }

  /** Revokes the key at once; false when it already was. NotFoundError for another municipality's. */
  async revoke(session: StaffSession, id: string): Promise<boolean> {
    requireRole(session, 'admin');
    const { store, clock } = this.#deps;
    const key = (await store.apiKeys.list(session.tenantId)).find((k) => k.id === id);
    if (!key) throw new NotFoundError('API key');
    return store.apiKeys.revoke(
      session.tenantId,
      id,
      session.accountId,
      clock.now().toISOString(),
      this.#event(session, 'api_key.revoked', key),
    );
  }

  #event(session: StaffSession, action: string, key: ApiKey): AuditEvent {
    return {
      tenantId: session.tenantId,
      actorType: 'staff',
      actorId: session.accountId,
      action,
      subjectType: 'api_key',
      subjectId: key.id,
      details: { label: key.label, prefix: key.prefix, service: key.serviceId },
    };
  }
}
