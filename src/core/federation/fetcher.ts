/**
 * The port through which federation reads other installations (ADR 0054). The adapter
 * (`adapters/federation/http-fetcher.ts`) enforces what keeps this from being a way into the
 * operator's network: only http(s), no private or loopback addresses unless the operator allows
 * them, a size and a time limit, and no redirect to another host.
 */
import type { FetchFailure } from './records.ts';

export type FetchOutcome =
  | { ok: true; value: unknown }
  | { ok: false; failure: FetchFailure; detail?: string | undefined };

export interface FeedFetcher {
  /** GETs `url` and parses the answer as JSON, within the limits. Never throws for the peer's faults. */
  json(url: string): Promise<FetchOutcome>;
}
