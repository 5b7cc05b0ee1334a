/**
 * Verifying a tenant's audit chain (ADR 0040), as `amtsweg audit verify` does: every checkpoint's
 * hash and its link to the previous one, the Merkle root of the events it sealed (recomputed from
 * the stored rows, with the leaf hashes of events deleted under a retention rule standing in for
 * them) and the root of the erasures it recorded. Stops at the first broken link and says which.
 */
import type { AuditCheckpoint } from '../domain.ts';
import type { Store } from '../ports.ts';
import {
  byEventId,
  checkpointHash,
  erasureLeafHash,
  eventLeafHash,
  GENESIS_HASH,
  merkleRoot,
} from './hashes.ts';

export type BrokenLink =
  /** The checkpoint's stored hash is not the hash of its fields: the checkpoint was changed. */
  | 'checkpoint-changed'
  /** The checkpoint does not name the previous one's hash, or a checkpoint number is missing. */
  | 'chain-broken'
  /** The sealed events (present or erased) do not give the stored root or count. */
  | 'events-changed'
  /** The recorded erasures do not give the stored root or count, or one names a later checkpoint. */
  | 'erasures-changed';

export interface VerifyReport {
  tenantId: string;
  checkpoints: number;
  /** Sealed events still stored. */
  events: number;
  /** Sealed events deleted under a retention rule and recorded in a later checkpoint. */
  erasures: number;
  /** Erasures the next checkpoint will record. */
  pendingErasures: number;
  /** Events no checkpoint covers yet (the sealing job has not reached them). */
  unsealed: number;
  /** The newest checkpoint's hash: keep it outside the database to detect a rewritten chain. */
  headHash: string | undefined;
  broken?: { seq: number; link: BrokenLink };
}

const PAGE = 100;

export async function verifyTenant(store: Store, tenantId: string): Promise<VerifyReport> {
  const report: VerifyReport = {
    tenantId,
    checkpoints: 0,
    events: 0,
    erasures: 0,
    pendingErasures: 0,
    unsealed: await store.auditChain.unsealedCount(tenantId),
    headHash: undefined,
  };
  let previous: AuditCheckpoint | undefined;
  for (;;) {
    const page = await store.auditChain.checkpoints(tenantId, previous?.seq ?? 0, PAGE);
    for (const checkpoint of page) {
      const link = await brokenLink(store, checkpoint, previous, report);
      if (link) return { ...report, broken: { seq: checkpoint.seq, link } };
      report.checkpoints += 1;
      report.headHash = checkpoint.hash;
      previous = checkpoint;
    }
    if (page.length < PAGE) break;
  }
  const pending = await store.auditChain.erasuresSealedIn(tenantId, { recordedIn: null });
  for (const erasure of pending) {
    if (previous === undefined || erasure.sealedIn > previous.seq) {
      return { ...report, broken: { seq: erasure.sealedIn, link: 'erasures-changed' } };
    }
  }
  const lastSeq = previous?.seq ?? 0;
  const recordedLater = await store.auditChain.erasuresSealedIn(tenantId, { recordedAfter: lastSeq });
  if (recordedLater.length > 0) return { ...report, broken: { seq: lastSeq + 1, link: 'erasures-changed' } };
  report.pendingErasures = pending.length;
  return report;
}

async function brokenLink(
  store: Store,
  checkpoint: AuditCheckpoint,
  previous: AuditCheckpoint | undefined,
  report: VerifyReport,
): Promise<BrokenLink | undefined> {
  const { hash, ...body } = checkpoint;
  if (checkpointHash(body) !== hash) return 'checkpoint-changed';
  if (checkpoint.seq !== (previous?.seq ?? 0) + 1) return 'chain-broken';
  if (checkpoint.prevHash !== (previous?.hash ?? GENESIS_HASH)) return 'chain-broken';

  const { tenantId, seq } = checkpoint;
  const events = await store.auditChain.sealedIn(tenantId, seq);
  const erased = await store.auditChain.erasuresSealedIn(tenantId, { sealedIn: seq });
  const leaves = [
    ...events.map((e) => ({ id: e.id, hash: eventLeafHash(e) })),
    ...erased.map((e) => ({ id: e.eventId, hash: e.leafHash })),
  ].sort(byEventId((l) => l.id));
  if (leaves.length !== checkpoint.eventCount) return 'events-changed';
  if (merkleRoot(leaves.map((l) => l.hash)) !== checkpoint.eventsRoot) return 'events-changed';

  const recorded = (await store.auditChain.erasuresSealedIn(tenantId, { recordedIn: seq })).sort(
    byEventId((e) => e.eventId),
  );
  if (recorded.some((e) => e.sealedIn >= seq)) return 'erasures-changed';
  if (recorded.length !== checkpoint.erasureCount) return 'erasures-changed';
  if (merkleRoot(recorded.map(erasureLeafHash)) !== checkpoint.erasuresRoot) return 'erasures-changed';

  report.events += events.length;
  report.erasures += recorded.length;
  return undefined;
}
