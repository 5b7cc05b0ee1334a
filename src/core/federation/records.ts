/**
 * The records federation keeps (ADR 0054, migration 0037): this installation's keys and feed, the
 * feeds it follows with the keys it trusts, and what it received from them.
 */
import type { EntryMeta, PublicJwk } from './format.ts';

export interface OwnKey {
  kid: string;
  publicJwk: PublicJwk;
  /** The private key's seed wrapped under the master key (never leaves the installation). */
  wrappedPrivateKey: string;
  createdAt: string;
  retiredAt: string | null;
  /** The key's introduction signed by the key it replaced; null for the first key. */
  rotationJws: string | null;
}

export interface FeedItem {
  seq: number;
  versionId: string;
  entryId: string;
  version: number;
  contentHash: string;
  /** The package as built when the version entered the feed (its hash never changes). */
  packageJson: string;
  entry: EntryMeta;
  addedAt: string;
}

/** A shared version that is not in the feed yet. */
export interface UnfedVersion {
  tenantId: string;
  slug: string;
  entryId: string;
  versionId: string;
  version: number;
}

export const REFUSAL_REASONS = [
  'malformed',
  'unknown-key',
  'bad-signature',
  'retired-key',
  'hash-mismatch',
  'replayed',
  'not-a-package',
  'invalid-definition',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** One feed entry that was refused, with what could be read of it. */
export interface Refusal {
  seq: number | null;
  reason: RefusalReason;
  service?: string | undefined;
  version?: number | undefined;
  kid?: string | undefined;
}

export const FETCH_FAILURES = [
  'url',
  'address',
  'network',
  'timeout',
  'status',
  'redirect',
  'too-large',
  'not-json',
  'not-an-instance',
  'not-a-feed',
  'key-not-published',
] as const;
export type FetchFailure = (typeof FETCH_FAILURES)[number];

/** What the last synchronisation reported: entries refused (nothing of their page imported), or a failure. */
export type SyncReport =
  | { kind: 'refused'; refusals: Refusal[] }
  | { kind: 'failed'; failure: FetchFailure; detail?: string | undefined }
  | { kind: 'ok'; imported: number; keysFollowed: number };

export type SubscriptionStatus = 'new' | SyncReport['kind'];

export interface Subscription {
  id: string;
  feedUrl: string;
  instanceUrl: string;
  name: string;
  operator: string;
  /** The feed position reached; null before the first page. */
  cursor: string | null;
  status: SubscriptionStatus;
  report: SyncReport | null;
  lastSyncAt: string | null;
  createdBy: string;
  createdAt: string;
}

export interface TrustedKey {
  kid: string;
  publicJwk: PublicJwk;
  addedAt: string;
  retiredAt: string | null;
}

/** One accepted feed entry, ready to store. */
export interface RemoteImport {
  entry: EntryMeta;
  version: number;
  definitionJson: string;
  contentHash: string;
  publishedAt: string;
}
