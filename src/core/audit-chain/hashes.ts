/**
 * The hashes of the audit hash chain (ADR 0040): leaf hashes of events and erasures, the Merkle
 * tree hash over them as RFC 6962 (Certificate Transparency) defines it, with its domain
 * separation (0x00 before a leaf, 0x01 before an inner node) so a leaf can never pose as a node,
 * and the hash of a checkpoint over its fields and its predecessor's hash. Everything is hex
 * SHA-256 over canonical JSON (RFC 8785), so anyone can recompute it from the stored rows.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical-json.ts';
import type { AuditCheckpoint, AuditErasure, StoredAuditEvent } from '../domain.ts';

/** The previous hash of a tenant's first checkpoint. */
export const GENESIS_HASH = '0'.repeat(64);

const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

function sha256(...parts: Buffer[]): Buffer {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

function leaf(value: unknown): string {
  return sha256(LEAF, Buffer.from(canonicalJson(value), 'utf8')).toString('hex');
}

/** The leaf hash of an event: every stored column, the checkpoint that sealed it included. */
export function eventLeafHash(event: StoredAuditEvent): string {
  return leaf({
    id: event.id,
    tenantId: event.tenantId,
    at: event.at,
    actorType: event.actorType,
    actorId: event.actorId,
    action: event.action,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    detailsJson: event.detailsJson,
    sealedIn: event.sealedIn,
  });
}

/** The leaf hash of an erasure, as the checkpoint that records it covers it. */
export function erasureLeafHash(erasure: Pick<AuditErasure, 'eventId' | 'sealedIn' | 'leafHash'>): string {
  return leaf({ eventId: erasure.eventId, sealedIn: erasure.sealedIn, leafHash: erasure.leafHash });
}

/** RFC 6962 Merkle tree hash over hex leaf hashes, in the given order; the empty tree is SHA-256(""). */
export function merkleRoot(leafHashes: readonly string[]): string {
  const tree = (from: number, to: number): Buffer => {
    const n = to - from;
    if (n === 1) return Buffer.from(leafHashes[from] as string, 'hex');
    let k = 1;
    while (k * 2 < n) k *= 2;
    return sha256(NODE, tree(from, from + k), tree(from + k, to));
  };
  return leafHashes.length === 0 ? sha256().toString('hex') : tree(0, leafHashes.length).toString('hex');
}

/** The hash of a checkpoint: all of its fields but the hash itself, the previous hash included. */
export function checkpointHash(checkpoint: Omit<AuditCheckpoint, 'hash'>): string {
  return createHash('sha256')
    .update(
      canonicalJson({
        tenantId: checkpoint.tenantId,
        seq: checkpoint.seq,
        createdAt: checkpoint.createdAt,
        eventCount: checkpoint.eventCount,
        eventsRoot: checkpoint.eventsRoot,
        erasureCount: checkpoint.erasureCount,
        erasuresRoot: checkpoint.erasuresRoot,
        prevHash: checkpoint.prevHash,
      }),
      'utf8',
    )
    .digest('hex');
}

/** Sorts by event id in code-unit order (not a database collation), as sealing and verifying do. */
export function byEventId<T>(id: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0);
}
