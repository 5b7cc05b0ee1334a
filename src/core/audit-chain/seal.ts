/**
 * Sealing (ADR 0040): the job takes a tenant's events that no checkpoint covers yet, in id order,
 * and the erasures no checkpoint has recorded, and appends one checkpoint over them to the tenant's
 * chain. Appending an event stays a plain insert (no chain head in the submit's transaction); the
 * chain is built afterwards, here. Several instances may seal at once: the store appends a
 * checkpoint only if its number is still free and every row it covers is still unsealed.
 */
import type { AuditCheckpoint } from '../domain.ts';
import type { Clock, Store } from '../ports.ts';
import {
  byEventId,
  checkpointHash,
  erasureLeafHash,
  eventLeafHash,
  GENESIS_HASH,
  merkleRoot,
} from './hashes.ts';

/** At most this many events per checkpoint, so one verification step stays small. */
export const EVENTS_PER_CHECKPOINT = 5000;

export interface SealDeps {
  store: Store;
  clock: Clock;
}

/** Seals the tenant's unsealed events in checkpoints until none are left; returns the new checkpoints. */
export async function sealTenant(deps: SealDeps, tenantId: string): Promise<AuditCheckpoint[]> {
  const sealed: AuditCheckpoint[] = [];
  for (;;) {
    const checkpoint = await sealOnce(deps, tenantId);
    if (checkpoint === undefined) return sealed;
    sealed.push(checkpoint);
  }
}

/** Every tenant's; returns how many checkpoints were appended. */
export async function sealAll(deps: SealDeps): Promise<number> {
  let count = 0;
  for (const tenant of await deps.store.tenants.list()) count += (await sealTenant(deps, tenant.id)).length;
  return count;
}

async function sealOnce({ store, clock }: SealDeps, tenantId: string): Promise<AuditCheckpoint | undefined> {
  const head = await store.auditChain.head(tenantId);
  const seq = (head?.seq ?? 0) + 1;
  const events = (await store.auditChain.unsealed(tenantId, EVENTS_PER_CHECKPOINT)).sort(
    byEventId((e) => e.id),
  );
  const erasures = (await store.auditChain.unrecordedErasures(tenantId)).sort(byEventId((e) => e.eventId));
  if (events.length === 0 && erasures.length === 0) return undefined;
  const body = {
    tenantId,
    seq,
    createdAt: clock.now().toISOString(),
    eventCount: events.length,
    // The leaf is the row as it will be stored once sealed: `sealedIn` is part of what is hashed.
    eventsRoot: merkleRoot(events.map((e) => eventLeafHash({ ...e, sealedIn: seq }))),
    erasureCount: erasures.length,
    erasuresRoot: merkleRoot(erasures.map(erasureLeafHash)),
    prevHash: head?.hash ?? GENESIS_HASH,
  };
  const checkpoint: AuditCheckpoint = { ...body, hash: checkpointHash(body) };
  const appended = await store.auditChain.append(
    checkpoint,
    events.map((e) => e.id),
    erasures.map((e) => e.eventId),
  );
  // Another instance sealed first, or a row changed under us: the next run starts from the new head.
  return appended ? checkpoint : undefined;
}
