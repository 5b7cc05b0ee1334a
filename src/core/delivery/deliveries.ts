/**
 * Delivering submissions to the authority's systems (ADR 0034): the worker's step and the admin's
 * view of what failed. Pattern of Open Forms' `register_submission`: skip what is already done (the
 * outbox row's state), separate an expected failure (`DeliveryFailed`, retryable or not) from a
 * crash, re-validate the channel's setting before every attempt, and leave a structured event.
 */

import { applicantContactKey } from '../../definition/applicant-contact.ts';
import type { DeliveryItem, DeliveryProblem, SentMail, StaffSession } from '../domain.ts';
import { DeliveryFailed, NotFoundError, SettingError } from '../errors.ts';
import type { OperationalSettings } from '../operational-settings.ts';
import type {
  Clock,
  DeliveryChannels,
  DeliveryResult,
  Mailer,
  Page,
  Store,
  SubmissionDocuments,
} from '../ports.ts';
import { requireRole } from '../roles.ts';
import { CHANNEL_SETTINGS, type ChannelOptions } from './channels.ts';
import { confirmationMessage } from './confirmation-message.ts';
import { type Delivery, submissionParts } from './payload.ts';
import { afterFailure } from './policy.ts';

/** What the worker reports for its log (no personal data: ids, channel and outcome only). */
export interface DeliveryEvent {
  event: 'delivery.delivered' | 'delivery.retry' | 'delivery.dead' | 'delivery.lost-lease';
  id: string;
  tenantId: string;
  channel: string;
  attempt: number;
  error?: string;
}

export interface DeliveriesDeps {
  store: Store;
  clock: Clock;
  settings: Pick<OperationalSettings, 'effective'>;
  channels: DeliveryChannels;
  documents: SubmissionDocuments;
  /** Sends the applicant's confirmation (ADR 0041), through the installation's SMTP or sink. */
  mailer: Mailer;
  /** Where a caseworker opens a submission (the web layer knows its URLs). */
  staffUrl(submissionId: string): string;
  /** Where the data schema of a service version is published (the web layer knows its URLs). */
  dataSchemaUrl(tenantSlug: string, serviceSlug: string, version: number): string;
  /** How long a claimed item stays leased to its worker; a worker that dies frees it after this. */
  leaseMs?: number;
  /** Items claimed and delivered at once by one worker. */
  batch?: number;
  onEvent?(event: DeliveryEvent): void;
}

/** Longer than any attempt takes (HTTP and SMTP time out well before). */
export const DEFAULT_LEASE_MS = 5 * 60 * 1000;
const DEFAULT_BATCH = 16;
/**
 * Batches one `runOnce` works through at most while items are due: bounds how long stopping the
 * worker waits for the round in progress (and when the worker looks at the daily digest again).
 */
const BATCHES_PER_RUN = 8;

/** Published versions a worker keeps parsed (see `#version`). */
const VERSIONS_KEPT = 100;

/** The value of `key` read once per batch: the first caller reads, the others share its promise. */
function readOnce<T>(reads: Map<string, Promise<unknown>>, key: string, read: () => Promise<T>): Promise<T> {
  let found = reads.get(key) as Promise<T> | undefined;
  if (!found) {
    found = read();
    reads.set(key, found);
  }
  return found;
}

/** The most problems the admin's page lists. */
const PROBLEMS_SHOWN = 200;

export class Deliveries {
  readonly #deps: DeliveriesDeps;
  readonly #versions = new Map<string, ReturnType<Store['services']['versionById']>>();

  constructor(deps: DeliveriesDeps) {
    this.#deps = deps;
  }

  /**
   * Claims the due items for `owner`, delivers them and records each outcome; while more are due,
   * up to `BATCHES_PER_RUN` batches, each commit that records a batch also claims the next. Returns
   * how many it claimed (0: nothing was due).
   */
  async runOnce(owner: string): Promise<number> {
    const { store } = this.#deps;
    const limit = this.#deps.batch ?? DEFAULT_BATCH;
    const first = this.#leaseFromNow();
    let items = await store.deliveries.claim(owner, first.now, first.leaseUntil, limit);
    let claimed = 0;
    for (let round = 1; items.length > 0; round++) {
      claimed += items.length;
      // A batch reads each channel setting, service version and municipality once: its items are
      // claimed together, at one moment.
      const batchReads = new Map<string, Promise<unknown>>();
      const outcomes = await Promise.all(
        items.map(async (item) => ({ id: item.id, item, result: await this.attempt(item, batchReads) })),
      );
      // The batch's outcomes in one commit: one fsync instead of one per item, and the same commit
      // leases the next batch. An item delivered but not yet recorded is delivered again after its
      // lease ends (at least once, ADR 0034); its attempt is bounded by the channel's timeout,
      // which is shorter than the lease. The last round claims nothing, so a worker that stops
      // after it holds no lease.
      let recorded: Set<string>;
      if (round < BATCHES_PER_RUN) {
        const next = this.#leaseFromNow();
        ({ recorded, claimed: items } = await store.deliveries.finishAllAndClaim(owner, outcomes, {
          ...next,
          limit,
        }));
      } else {
        recorded = await store.deliveries.finishAll(owner, outcomes);
        items = [];
      }
      for (const { item, result } of outcomes) {
        this.#deps.onEvent?.({
          event: recorded.has(item.id) ? `delivery.${result.kind}` : 'delivery.lost-lease',
          id: item.id,
          tenantId: item.tenantId,
          channel: item.channel,
          attempt: item.attempts,
          ...(result.kind !== 'delivered' && { error: result.error }),
        });
      }
    }
    return claimed;
  }

  /** Now, and the end of a lease taken now. */
  #leaseFromNow(): { now: string; leaseUntil: string } {
    const now = this.#deps.clock.now();
    const leaseMs = this.#deps.leaseMs ?? DEFAULT_LEASE_MS;
    return { now: now.toISOString(), leaseUntil: new Date(now.getTime() + leaseMs).toISOString() };
  }

  /** One attempt at a claimed item; never throws (a crash is recorded as a retryable failure). */
  async attempt(
    item: DeliveryItem,
    batchReads = new Map<string, Promise<unknown>>(),
  ): Promise<DeliveryResult> {
    const { clock } = this.#deps;
    try {
      await this.#deliver(item, batchReads);
      return { kind: 'delivered', at: clock.now().toISOString() };
    } catch (error) {
      if (error instanceof DeliveryFailed)
        return afterFailure(item, clock.now(), error.message, error.retryable);
      if (error instanceof SettingError) {
        return afterFailure(item, clock.now(), `the channel's setting is invalid: ${error.message}`, false);
      }
      // Not an expected failure (a bug, the database gone for a moment): retried like the network,
      // so nothing is lost, and visible on the admin's page with what happened.
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return afterFailure(item, clock.now(), `unexpected error: ${message}`, true);
    }
  }

  async #deliver(item: DeliveryItem, batchReads: Map<string, Promise<unknown>>): Promise<void> {
    const { store, settings } = this.#deps;
    const submission = await store.submissions.byId(item.tenantId, item.submissionId);
    if (!submission) throw new DeliveryFailed('the submission no longer exists', false);
    if (item.channel === 'confirmation') return this.#confirm(item, submission);
    // Checked again before every batch of attempts (ADR 0024): a setting may have changed since the
    // submit; within a batch, claimed at one moment, it is read once per channel and service.
    const setting = CHANNEL_SETTINGS[item.channel];
    const options = await readOnce(
      batchReads,
      `${item.tenantId}\u0000${submission.serviceId}\u0000${setting}`,
      () => settings.effective(item.tenantId, submission.serviceId, setting),
    );
    if (!options.enabled) throw new DeliveryFailed(`the ${item.channel} channel was switched off`, false);
    // Only a channel that carries files gets the documents: issuing the receipt seals a PDF, and
    // the first issue fixes its language (the citizen's, when they download it first).
    const withDocuments =
      item.channel === 'fit-connect' ||
      (item.channel === 'email' && 'withData' in options && options.withData === true);
    const delivery = await this.#delivery(item, submission, withDocuments, batchReads);
    // Each channel with its own options: the table is typed per channel.
    switch (item.channel) {
      case 'email':
        return this.#deps.channels.email.deliver(
          delivery,
          options as typeof options & { to: string; withData: boolean },
        );
      case 'webhook':
        return this.#deps.channels.webhook.deliver(
          delivery,
          options as typeof options & { url: string; secret: string },
        );
      case 'fit-connect':
        return this.#deps.channels['fit-connect'].deliver(delivery, options as ChannelOptions<'fit-connect'>);
    }
  }

  /**
   * The applicant's confirmation with the sealed receipt (ADR 0041), to the address answered in the
   * field the version marks; read from the encrypted answers now, never kept in the outbox row.
   */
  async #confirm(
    item: DeliveryItem,
    submission: NonNullable<Awaited<ReturnType<Store['submissions']['byId']>>>,
  ): Promise<void> {
    const version = await this.#deps.store.services.versionById(item.tenantId, submission.serviceVersionId);
    const key = version && applicantContactKey(version.definition);
    const to = key === undefined ? undefined : submission.answers[key];
    if (typeof to !== 'string' || to === '')
      throw new DeliveryFailed('the application has no contact e-mail', false);
    const delivery = await this.#delivery(item, submission, true);
    await this.#deps.mailer.send({
      tenantId: item.tenantId,
      to,
      ...confirmationMessage(delivery),
      headers: { 'X-Amtsweg-Idempotency-Key': item.idempotencyKey },
    });
  }

  async #delivery(
    item: DeliveryItem,
    submission: NonNullable<Awaited<ReturnType<Store['submissions']['byId']>>>,
    withDocuments: boolean,
    batchReads = new Map<string, Promise<unknown>>(),
  ): Promise<Delivery> {
    const { store, documents } = this.#deps;
    const [tenant, version, attachments, docs] = await Promise.all([
      readOnce(batchReads, `tenant\u0000${item.tenantId}`, () => store.tenants.byId(item.tenantId)),
      this.#version(item.tenantId, submission.serviceVersionId),
      store.attachments.ofSubmission(item.tenantId, submission.id),
      withDocuments ? documents.forSubmission(item.tenantId, submission.id) : [],
    ]);
    if (!tenant || !version) throw new DeliveryFailed('the municipality or service version is gone', false);
    return {
      idempotencyKey: item.idempotencyKey,
      channel: item.channel,
      attempt: item.attempts,
      ...submissionParts(tenant, submission, version),
      attachments,
      fileContent: async (attachmentId) => {
        const file = await store.attachments.contentOfSubmission(item.tenantId, submission.id, attachmentId);
        if (!file) throw new DeliveryFailed('a file of the submission is gone', false);
        return file.content;
      },
      dataSchemaUrl: this.#deps.dataSchemaUrl(tenant.slug, version.slug, version.version),
      staffUrl: this.#deps.staffUrl(submission.id),
      documents: docs,
    };
  }

  /**
   * A published version, read and parsed once per worker (a bounded cache): what a delivery takes
   * from it (service, number, title, LeiKa key) never changes once published.
   */
  #version(tenantId: string, versionId: string): ReturnType<Store['services']['versionById']> {
    const key = `${tenantId}\u0000${versionId}`;
    let read = this.#versions.get(key);
    if (!read) {
      if (this.#versions.size >= VERSIONS_KEPT) this.#versions.clear();
      read = this.#deps.store.services.versionById(tenantId, versionId);
      this.#versions.set(key, read);
      // Only a version that was found stays (a failed read is tried again by the next attempt).
      read.then(
        (found) => found === undefined && this.#versions.delete(key),
        () => this.#versions.delete(key),
      );
    }
    return read;
  }

  // ---- The admin's view (role admin, the tenant from the session) ----

  /** Deliveries that failed and were not delivered since, newest problem first. */
  async problems(session: StaffSession): Promise<DeliveryProblem[]> {
    requireRole(session, 'admin');
    return this.#deps.store.deliveries.problems(session.tenantId, PROBLEMS_SHOWN);
  }

  /**
   * "Erneut senden": the item is due now with a new 48-hour window. NotFoundError for another
   * municipality's id; false when it was delivered meanwhile (nothing to do).
   */
  async resend(session: StaffSession, id: string): Promise<boolean> {
    requireRole(session, 'admin');
    const { store, clock } = this.#deps;
    const item = await store.deliveries.byId(session.tenantId, id);
    if (!item) throw new NotFoundError('delivery');
    return store.deliveries.resend(session.tenantId, id, clock.now().toISOString(), {
      tenantId: session.tenantId,
      actorType: 'staff',
      actorId: session.accountId,
      action: 'delivery.resent',
      subjectType: 'submission',
      subjectId: item.submissionId,
      details: { delivery: id, channel: item.channel, state: item.state },
    });
  }

  /** The mail sink's mails ("Postausgang"), newest first. */
  async sentMails(
    session: StaffSession,
    page: number,
  ): Promise<Page<Omit<SentMail, 'text' | 'attachments' | 'from'>>> {
    requireRole(session, 'admin');
    return this.#deps.store.sentMails.list(session.tenantId, { page, pageSize: 50 });
  }

  /** One mail of the sink; NotFoundError for another municipality's id. */
  async sentMail(session: StaffSession, id: string): Promise<SentMail> {
    requireRole(session, 'admin');
    const mail = await this.#deps.store.sentMails.byId(session.tenantId, id);
    if (!mail) throw new NotFoundError('mail');
    return mail;
  }
}
