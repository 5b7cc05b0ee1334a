/**
 * The subscribing side of federation (ADR 0054): an admin of the installation's federation
 * municipality (`AMTSWEG_FEDERATION_ADMINS`) subscribes to another installation's feed by its URL
 * and the thumbprint of its key (pinned: nothing else is trusted until that key introduces its
 * successor), and synchronises it — on a schedule, or now.
 *
 * A synchronisation reads the instance description (following key rotations signed by a trusted
 * key), then the feed's pages after the cursor. Every entry of a page is checked
 * (`verify-entry.ts`, and `replayed`: a version not newer than the one held); a page with a refused
 * entry imports nothing and stops the synchronisation, and the refusals are the subscription's
 * report until a later synchronisation succeeds. Accepted entries appear in the network catalog
 * with the installation they come from.
 */
import type { StaffSession } from '../domain.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import type { Clock, Store } from '../ports.ts';
import { requireRole } from '../roles.ts';
import type { FeedFetcher } from './fetcher.ts';
import {
  FEED_PATH,
  INSTANCE_PATH,
  type InstanceDescription,
  isPublicJwk,
  ROTATION_TYPE,
  type RotationPayload,
  readFeedPage,
  readInstance,
} from './format.ts';
import type { FetchFailure, Refusal, RemoteImport, Subscription, SyncReport, TrustedKey } from './records.ts';
import { headerOf, thumbprint, verify } from './signatures.ts';
import { checkEntry } from './verify-entry.ts';

export interface FederationDeps {
  store: Store;
  clock: Clock;
  newId(): string;
  fetcher: FeedFetcher;
  /** The slug of the municipality whose admins manage the installation's subscriptions; none: nobody. */
  adminTenant: string | undefined;
}

export type SubscribeProblem = 'url-invalid' | 'kid-invalid' | 'taken' | 'not-a-feed-url' | FetchFailure;

export type SubscribeOutcome =
  | { ok: true; subscription: Subscription; report: SyncReport }
  | { ok: false; problem: SubscribeProblem; detail?: string | undefined };

export interface SubscriptionView extends Subscription {
  keys: TrustedKey[];
}

/** At most this many feed pages per synchronisation (the next one continues). */
const MAX_PAGES = 100;
const KID = /^[A-Za-z0-9_-]{43}$/;
const MAX_URL = 2000;

/** The instance description's URL for a feed URL (`…/katalog/feed` → `…/.well-known/amtsweg/instance`). */
export function instanceUrlOf(feedUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(feedUrl);
  } catch {
    return undefined;
  }
  if (url.search || url.hash || !url.pathname.endsWith(FEED_PATH)) return undefined;
  return `${url.origin}${url.pathname.slice(0, -FEED_PATH.length)}${INSTANCE_PATH}`;
}

export class Federation {
  readonly #deps: FederationDeps;

  constructor(deps: FederationDeps) {
    this.#deps = deps;
  }

  /** Admin of the federation municipality; anyone else is refused. */
  async #requireAdmin(session: StaffSession): Promise<void> {
    requireRole(session, 'admin');
    const { store, adminTenant } = this.#deps;
    const tenant = await store.tenants.byId(session.tenantId);
    if (adminTenant === undefined || tenant?.slug !== adminTenant)
      throw new ForbiddenError('the installation’s subscriptions are managed by its federation municipality');
  }

  /** Whether the session may manage subscriptions (the navigation shows the page then). */
  async mayManage(session: StaffSession): Promise<boolean> {
    try {
      await this.#requireAdmin(session);
      return true;
    } catch {
      return false;
    }
  }

  /** Every admin sees the subscriptions and their reports; only the federation municipality's change them. */
  async list(session: StaffSession): Promise<SubscriptionView[]> {
    requireRole(session, 'admin');
    const { store } = this.#deps;
    const subscriptions = await store.federation.subscriptions();
    return Promise.all(
      subscriptions.map(async (s) => ({ ...s, keys: await store.federation.trustedKeys(s.id) })),
    );
  }

  async subscribe(session: StaffSession, feedUrl: string, kid: string): Promise<SubscribeOutcome> {
    await this.#requireAdmin(session);
    const { store, clock, newId, fetcher } = this.#deps;
    const url = feedUrl.trim();
    const pinned = kid.trim();
    if (url.length > MAX_URL || !/^https?:\/\//.test(url)) return { ok: false, problem: 'url-invalid' };
    const instanceUrl = instanceUrlOf(url);
    if (!instanceUrl) return { ok: false, problem: 'not-a-feed-url' };
    if (!KID.test(pinned)) return { ok: false, problem: 'kid-invalid' };
    const fetched = await fetcher.json(instanceUrl);
    if (!fetched.ok) return { ok: false, problem: fetched.failure, detail: fetched.detail };
    const description = readInstance(fetched.value);
    if (!description || description.feed !== url) return { ok: false, problem: 'not-an-instance' };
    const published = description.keys.keys.find((k) => k.kid === pinned);
    const retired = description.retired.some((r) => r.kid === pinned);
    if (!published || retired || (await thumbprint(published)) !== pinned)
      return { ok: false, problem: 'key-not-published' };
    const at = clock.now().toISOString();
    const subscription: Subscription = {
      id: newId(),
      feedUrl: url,
      instanceUrl,
      name: description.name,
      operator: description.operator,
      cursor: null,
      status: 'new',
      report: null,
      lastSyncAt: null,
      createdBy: session.accountId,
      createdAt: at,
    };
    const stored = await store.federation.subscribe(
      subscription,
      { kid: pinned, publicJwk: published, addedAt: at, retiredAt: null },
      {
        tenantId: session.tenantId,
        actorType: 'staff',
        actorId: session.accountId,
        action: 'federation.subscribed',
        subjectType: 'federation_subscription',
        subjectId: subscription.id,
        details: { feedUrl: url, kid: pinned, name: description.name },
      },
    );
    if (!stored) return { ok: false, problem: 'taken' };
    const report = await this.#sync(subscription);
    return { ok: true, subscription, report };
  }

  /** "Jetzt synchronisieren". */
  async syncNow(session: StaffSession, id: string): Promise<SyncReport> {
    await this.#requireAdmin(session);
    const subscription = await this.#deps.store.federation.subscription(id);
    if (!subscription) throw new NotFoundError('subscription');
    const report = await this.#sync(subscription);
    await this.#deps.store.audit.record(
      {
        tenantId: session.tenantId,
        actorType: 'staff',
        actorId: session.accountId,
        action: 'federation.synced',
        subjectType: 'federation_subscription',
        subjectId: id,
        details: { outcome: report.kind },
      },
      this.#deps.clock.now().toISOString(),
    );
    return report;
  }

  async unsubscribe(session: StaffSession, id: string): Promise<boolean> {
    await this.#requireAdmin(session);
    return this.#deps.store.federation.unsubscribe(id, {
      tenantId: session.tenantId,
      actorType: 'staff',
      actorId: session.accountId,
      action: 'federation.unsubscribed',
      subjectType: 'federation_subscription',
      subjectId: id,
    });
  }

  /** The schedule's run: every subscription, one after the other. */
  async syncAll(): Promise<Array<{ id: string; report: SyncReport }>> {
    const results = [];
    for (const subscription of await this.#deps.store.federation.subscriptions())
      results.push({ id: subscription.id, report: await this.#sync(subscription) });
    return results;
  }

  async #sync(subscription: Subscription): Promise<SyncReport> {
    const { store, clock, fetcher, newId } = this.#deps;
    const finish = async (report: SyncReport) => {
      await store.federation.report(subscription.id, report, clock.now().toISOString());
      return report;
    };
    const described = await fetcher.json(subscription.instanceUrl);
    if (!described.ok)
      return finish({ kind: 'failed', failure: described.failure, detail: described.detail });
    const description = readInstance(described.value);
    if (!description) return finish({ kind: 'failed', failure: 'not-an-instance' });
    const keysFollowed = await this.#followRotations(subscription.id, description);
    let cursor = subscription.cursor;
    let imported = 0;
    for (let page = 0; page < MAX_PAGES; page++) {
      const url = cursor === null ? subscription.feedUrl : `${subscription.feedUrl}?cursor=${cursor}`;
      const fetched = await fetcher.json(url);
      if (!fetched.ok) return finish({ kind: 'failed', failure: fetched.failure, detail: fetched.detail });
      const feed = readFeedPage(fetched.value);
      if (!feed) return finish({ kind: 'failed', failure: 'not-a-feed' });
      if (feed.entries.length === 0) break;
      const trusted = await store.federation.trustedKeys(subscription.id);
      const refusals: Refusal[] = [];
      const accepted: RemoteImport[] = [];
      for (const entry of feed.entries) {
        const check = await checkEntry(entry, trusted);
        if (check.ok) accepted.push(check.accepted);
        else refusals.push(check.refusal);
      }
      const held = await store.federation.heldVersions(
        subscription.id,
        accepted.map((a) => a.entry.id),
      );
      for (const item of accepted) {
        if (item.version <= (held.get(item.entry.id) ?? 0)) {
          const seq = feed.entries.find((e) => e.contentHash === item.contentHash)?.seq ?? null;
          refusals.push({ seq, reason: 'replayed', service: item.entry.slug, version: item.version });
        } else held.set(item.entry.id, item.version);
      }
      if (refusals.length > 0) return finish({ kind: 'refused', refusals: refusals.slice(0, 50) });
      const last = Math.max(...feed.entries.map((e) => e.seq));
      cursor = String(last);
      await store.federation.importPage(subscription.id, cursor, accepted, clock.now().toISOString(), newId);
      imported += accepted.length;
      if (feed.next === null) break;
    }
    return finish({ kind: 'ok', imported, keysFollowed });
  }

  /**
   * Trusts each key introduced by a rotation statement that a trusted key signed, and retires the
   * key that signed it from the statement's time on; repeated until nothing changes (a chain).
   */
  async #followRotations(subscriptionId: string, description: InstanceDescription): Promise<number> {
    const { store, clock } = this.#deps;
    let followed = 0;
    for (let round = 0; round <= description.rotations.length; round++) {
      const trusted = await store.federation.trustedKeys(subscriptionId);
      let changed = false;
      for (const jws of description.rotations) {
        const signer = trusted.find((k) => k.kid === headerOf(jws)?.kid);
        if (!signer) continue;
        const payload = (await verify(jws, signer.publicJwk, ROTATION_TYPE)) as
          | Partial<RotationPayload>
          | undefined;
        if (!payload || payload.retires !== signer.kid || !isPublicJwk(payload.key)) continue;
        if (typeof payload.at !== 'string' || payload.at.length > 40) continue;
        if ((await thumbprint(payload.key)) !== payload.key.kid) continue;
        if (trusted.some((k) => k.kid === payload.key?.kid)) continue;
        await store.federation.followRotation(
          subscriptionId,
          {
            kid: payload.key.kid,
            publicJwk: payload.key,
            addedAt: clock.now().toISOString(),
            retiredAt: null,
          },
          signer.kid,
          payload.at,
        );
        followed += 1;
        changed = true;
      }
      if (!changed) break;
    }
    return followed;
  }
}
