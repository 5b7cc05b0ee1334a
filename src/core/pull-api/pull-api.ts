/**
 * The pull API for specialist systems (ADR 0041): a system holding one of the municipality's keys
 * lists the submissions it has not acknowledged yet, fetches one (data, files, sealed receipt) and
 * acknowledges it. The key decides everything: its municipality, and the one service it may read
 * if restricted. A submission outside the key's reach is "not found", whether it belongs to
 * another service or another municipality, so no answer tells one from a submission that does not
 * exist. Every read of personal data (a submission's data, a file, the receipt) and every
 * acknowledgement is audited with the key.
 */

import { deliveryDocument, submissionParts } from '../delivery/payload.ts';
import type { ApiKey, AttachmentMeta, AuditEvent, DeliveryDocument, PullListItem } from '../domain.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import type { ApiKeyHashes, Clock, Store, SubmissionDocuments } from '../ports.ts';
import { looksLikeApiKey } from './api-key-format.ts';

/** The most submissions one list answer holds, and how many it holds when the caller says nothing. */
export const MAX_LIST_LIMIT = 100;
export const DEFAULT_LIST_LIMIT = 50;

/** How often "last used" is written for a key (not on every request: it is shown in minutes). */
const TOUCH_INTERVAL_MS = 60_000;

export interface PullApiDeps {
  store: Store;
  clock: Clock;
  hashes: ApiKeyHashes;
  documents: SubmissionDocuments;
  /** Where a caseworker opens a submission (the web layer knows its URLs). */
  staffUrl(submissionId: string): string;
}

export type PullDocument = ReturnType<typeof deliveryDocument> & { acknowledgedAt: string | null };

export class PullApi {
  readonly #deps: PullApiDeps;

  constructor(deps: PullApiDeps) {
    this.#deps = deps;
  }

  /** The key behind a presented text; undefined when it is no key, unknown, or revoked. */
  async authenticate(presented: string): Promise<ApiKey | undefined> {
    if (!looksLikeApiKey(presented)) return undefined;
    const { store, clock, hashes } = this.#deps;
    const [current, ...previous] = hashes.candidates(presented);
    let key = await store.apiKeys.byHash(current!);
    let rehash: string | undefined;
    for (const hash of previous) {
      if (key) break;
      key = await store.apiKeys.byHash(hash);
      // Made before a master-key rotation: stored again under the current key from now on.
      if (key) rehash = current;
    }
    if (!key || key.revokedAt !== null) return undefined;
    const now = clock.now();
    if (
      rehash ||
      key.lastUsedAt === null ||
      now.getTime() - Date.parse(key.lastUsedAt) >= TOUCH_INTERVAL_MS
    ) {
      await store.apiKeys.touch(key.id, now.toISOString(), rehash);
    }
    return key;
  }

  /**
   * The submissions not yet acknowledged, oldest first: of the key's service when it has one,
   * else of every service or of `serviceSlug`. A restricted key asking for another service is
   * refused (ForbiddenError); an unknown service slug is NotFoundError.
   */
  async list(
    key: ApiKey,
    query: { limit: number; serviceSlug: string | null; after: string | null },
  ): Promise<PullListItem[]> {
    const { store } = this.#deps;
    let serviceId = key.serviceId;
    if (query.serviceSlug !== null) {
      const services = await store.services.listLatestIncludingWithdrawn(key.tenantId);
      const service = services.find((s) => s.slug === query.serviceSlug);
      if (!service) throw new NotFoundError('service');
      if (key.serviceId !== null && key.serviceId !== service.serviceId) {
        throw new ForbiddenError('this API key is restricted to another service');
      }
      serviceId = service.serviceId;
    }
    const limit = Math.min(MAX_LIST_LIMIT, Math.max(1, Math.floor(query.limit)));
    return store.pull.listNew(key.tenantId, { serviceId, limit, after: query.after });
  }

  /** One submission with its data and files' metadata, as the webhook sends it; audited. */
  async submission(key: ApiKey, id: string): Promise<PullDocument> {
    const { store } = this.#deps;
    const listed = await this.#reachable(key, id);
    const [submission, tenant, attachments] = await Promise.all([
      store.submissions.byId(key.tenantId, id),
      store.tenants.byId(key.tenantId),
      store.attachments.ofSubmission(key.tenantId, id),
    ]);
    if (!submission || !tenant) throw new NotFoundError('submission');
    const version = await store.services.versionById(key.tenantId, submission.serviceVersionId);
    if (!version) throw new NotFoundError('submission');
    await this.#audit(key, 'submission.fetched', id);
    return {
      ...deliveryDocument({
        idempotencyKey: `${id}.pull`,
        ...submissionParts(tenant, submission, version),
        attachments,
        staffUrl: this.#deps.staffUrl(id),
      }),
      acknowledgedAt: listed.acknowledgedAt,
    };
  }

  /** One uploaded file of the submission with its content; audited. */
  async attachment(
    key: ApiKey,
    id: string,
    attachmentId: string,
  ): Promise<{ meta: AttachmentMeta; content: Uint8Array }> {
    await this.#reachable(key, id);
    const file = await this.#deps.store.attachments.contentOfSubmission(key.tenantId, id, attachmentId);
    if (!file) throw new NotFoundError('attachment');
    await this.#audit(key, 'attachment.fetched', id, { attachment: attachmentId });
    return file;
  }

  /**
   * The sealed receipt, the same bytes the citizen and caseworkers get (issued now in German when
   * nobody did before); NotFoundError when the municipality offers no receipts. Audited.
   */
  async receipt(key: ApiKey, id: string): Promise<DeliveryDocument> {
    await this.#reachable(key, id);
    const [receipt] = await this.#deps.documents.forSubmission(key.tenantId, id);
    if (!receipt) throw new NotFoundError('receipt');
    await this.#audit(key, 'receipt.fetched', id);
    return receipt;
  }

  /**
   * Marks the submission as taken over: it leaves the list of new ones. Idempotent: acknowledging
   * again changes nothing and says when it was first acknowledged.
   */
  async acknowledge(key: ApiKey, id: string): Promise<{ acknowledgedAt: string; already: boolean }> {
    const { store, clock } = this.#deps;
    const listed = await this.#reachable(key, id);
    if (listed.acknowledgedAt !== null) return { acknowledgedAt: listed.acknowledgedAt, already: true };
    const at = clock.now().toISOString();
    const done = await store.pull.acknowledge(
      key.tenantId,
      id,
      key.id,
      at,
      this.#event(key, 'submission.acknowledged', id),
    );
    if (done) return { acknowledgedAt: at, already: false };
    // Another system (or a retry of this request) was first.
    const now = await store.pull.item(key.tenantId, id);
    return { acknowledgedAt: now?.acknowledgedAt ?? at, already: true };
  }

  /** The submission as listed, if the key may read it; NotFoundError otherwise. */
  async #reachable(key: ApiKey, id: string): Promise<PullListItem> {
    const item = await this.#deps.store.pull.item(key.tenantId, id);
    if (!item || (key.serviceId !== null && item.serviceId !== key.serviceId)) {
      throw new NotFoundError('submission');
    }
    return item;
  }

  #event(
    key: ApiKey,
    action: string,
    submissionId: string,
    details: Record<string, unknown> = {},
  ): AuditEvent {
    return {
      tenantId: key.tenantId,
      actorType: 'system',
      actorId: key.id,
      action,
      subjectType: 'submission',
      subjectId: submissionId,
      details: { ...details, apiKey: key.label, apiKeyPrefix: key.prefix },
    };
  }

  async #audit(key: ApiKey, action: string, submissionId: string, details?: Record<string, unknown>) {
    await this.#deps.store.audit.record(
      this.#event(key, action, submissionId, details),
      this.#deps.clock.now().toISOString(),
    );
  }
}
