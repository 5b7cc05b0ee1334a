/**
 * The publishing side of federation (ADR 0054): the instance description and the catalog feed.
 *
 * The feed holds one service package (ADR 0051) per published version of every service offered in
 * the network catalog, in a stable order: a version enters the feed (is given the next position)
 * the first time the feed is read after it was published or offered, and its package is built
 * then, once, so its content hash never changes. Each entry is signed when served, with the key
 * that is current then; a subscriber asks for the entries after the last position it holds.
 *
 * Only what the origin publishes travels: the entry's offer and the package. Usage counts and
 * comments stay in their installation.
 */
import type { Clock, Store } from '../ports.ts';
import type { ServicePackages } from '../service-package.ts';
import {
  ENTRY_TYPE,
  type EntryMeta,
  type EntryPayload,
  FEED_PAGE_BYTES,
  FEED_PAGE_ENTRIES,
  FEED_PATH,
  type FeedPage,
  INSTANCE_FORMAT,
  INSTANCE_PATH,
  type InstanceDescription,
} from './format.ts';
import type { InstanceKeys } from './instance-keys.ts';
import { sign } from './signatures.ts';

/** How this installation names itself (configuration: `AMTSWEG_INSTANCE_NAME`, `…_OPERATOR`). */
export interface InstanceIdentity {
  name: string;
  operator: string;
  /** The installation's public base URL. */
  url: string;
}

export interface FederationFeedDeps {
  store: Store;
  clock: Clock;
  keys: InstanceKeys;
  packages: ServicePackages;
  identity: InstanceIdentity;
}

/** How many new versions one feed request adds at most (the rest on the next request). */
const CATCH_UP = 500;
const CURSOR = /^\d{1,15}$/;

export function instanceUrl(baseUrl: string): string {
  return `${baseUrl}${INSTANCE_PATH}`;
}

export class FederationFeed {
  readonly #deps: FederationFeedDeps;

  constructor(deps: FederationFeedDeps) {
    this.#deps = deps;
  }

  async description(): Promise<InstanceDescription> {
    const { identity, keys } = this.#deps;
    return {
      format: INSTANCE_FORMAT,
      formatVersion: 1,
      name: identity.name,
      operator: identity.operator,
      url: identity.url,
      feed: `${identity.url}${FEED_PATH}`,
      ...(await keys.published()),
    };
  }

  /** The entries after `cursor` (from the start without one); undefined for a cursor that is not one. */
  async page(cursor: string | undefined): Promise<FeedPage | undefined> {
    if (cursor !== undefined && !CURSOR.test(cursor)) return undefined;
    const { store, clock, keys, identity } = this.#deps;
    await this.#catchUp();
    const items = await store.federation.feed(
      cursor === undefined ? 0 : Number(cursor),
      FEED_PAGE_ENTRIES + 1,
    );
    const key = await keys.current();
    const iat = clock.now().toISOString();
    const page: FeedPage = { entries: [], next: null };
    let bytes = 0;
    for (const item of items.slice(0, FEED_PAGE_ENTRIES)) {
      if (page.entries.length > 0 && bytes + item.packageJson.length > FEED_PAGE_BYTES) break;
      bytes += item.packageJson.length;
      const payload: EntryPayload = {
        iss: identity.url,
        iat,
        entry: item.entry,
        package: JSON.parse(item.packageJson),
      };
      page.entries.push({
        seq: item.seq,
        contentHash: item.contentHash,
        jws: await sign(payload, key, ENTRY_TYPE),
      });
    }
    if (page.entries.length < items.length) page.next = String(page.entries.at(-1)?.seq);
    return page;
  }

  /** Adds the versions shared since the last request, each with its package built now. */
  async #catchUp(): Promise<void> {
    const { store, clock, packages } = this.#deps;
    const unfed = await store.federation.unfedVersions(CATCH_UP);
    if (unfed.length === 0) return;
    const entries = new Map<string, EntryMeta | undefined>();
    const items = [];
    const at = clock.now().toISOString();
    for (const version of unfed) {
      if (!entries.has(version.entryId)) {
        const entry = await store.catalog.entryById(version.entryId);
        entries.set(
          version.entryId,
          entry && {
            id: entry.id,
            slug: entry.slug,
            title: entry.title,
            leika: entry.leika,
            topic: entry.topic,
            land: entry.land,
            description: entry.description,
            licence: entry.licence,
            contact: entry.contact,
            provider: entry.provider.de,
            offeredAt: entry.offeredAt,
          },
        );
      }
      const entry = entries.get(version.entryId);
      if (!entry) continue;
      const { pkg } = await packages.exportFor(version.tenantId, version.slug, version.version);
      items.push({
        versionId: version.versionId,
        entryId: version.entryId,
        version: version.version,
        contentHash: pkg.contentHash,
        packageJson: JSON.stringify(pkg),
        entry,
        addedAt: at,
      });
    }
    await store.federation.appendToFeed(items);
  }
}
