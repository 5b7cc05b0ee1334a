/**
 * Whether a feed entry from another installation may be imported (ADR 0054), checked in this
 * order: a JWS naming a key (`malformed`), a key this installation trusts for that feed
 * (`unknown-key`), its signature (`bad-signature`), the payload's shape (`malformed`), a key that
 * was not retired before it signed (`retired-key`), a service package (`not-a-package`), and the
 * package's content hash, computed again and compared with the hash it states and the entry's
 * (`hash-mismatch`), and a definition of the shape the catalog pages read (`invalid-definition`: an
 * id, a German title, steps and local settings). The full definition check is not repeated here:
 * the origin ran it when publishing, it costs more than everything else of a synchronisation
 * together (`npm run bench:federation`), and a copy passes it again when it is published. Whether the version is newer than the one held is the caller's check
 * (`replayed`): it needs the store.
 */
import { packageStructure } from '../../definition/package/parse.ts';
import { contentHash } from '../service-package.ts';
import { ENTRY_TYPE, type EntryPayload, type FeedEntry, isEntryMeta } from './format.ts';
import type { Refusal, RemoteImport, TrustedKey } from './records.ts';
import { headerOf, verify } from './signatures.ts';

export type EntryCheck = { ok: true; accepted: RemoteImport } | { ok: false; refusal: Refusal };

const ISO = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/;

export async function checkEntry(entry: FeedEntry, trusted: readonly TrustedKey[]): Promise<EntryCheck> {
  const refuse = (refusal: Omit<Refusal, 'seq'>): EntryCheck => ({
    ok: false,
    refusal: { seq: entry.seq, ...refusal },
  });
  const header = headerOf(entry.jws);
  if (!header) return refuse({ reason: 'malformed' });
  const key = trusted.find((k) => k.kid === header.kid);
  if (!key) return refuse({ reason: 'unknown-key', kid: header.kid });
  const payload = (await verify(entry.jws, key.publicJwk, ENTRY_TYPE)) as Partial<EntryPayload> | undefined;
  if (payload === undefined) return refuse({ reason: 'bad-signature', kid: key.kid });
  if (typeof payload.iat !== 'string' || !ISO.test(payload.iat) || !isEntryMeta(payload.entry))
    return refuse({ reason: 'malformed', kid: key.kid });
  const named = { service: payload.entry.slug, kid: key.kid };
  // ISO 8601 UTC times compare as text.
  if (key.retiredAt !== null && payload.iat >= key.retiredAt)
    return refuse({ reason: 'retired-key', ...named });
  const structure = packageStructure(payload.package);
  if (!structure.ok) return refuse({ reason: 'not-a-package', ...named });
  const { contentHash: stated, ...unhashed } = structure.pkg;
  const version = structure.pkg.provenance.version;
  if (contentHash(unhashed) !== stated || entry.contentHash !== stated)
    return refuse({ reason: 'hash-mismatch', ...named, version });
  if (!readable(structure.pkg.definition)) return refuse({ reason: 'invalid-definition', ...named, version });
  return {
    ok: true,
    accepted: {
      entry: payload.entry,
      version,
      definitionJson: JSON.stringify(structure.pkg.definition),
      contentHash: stated,
      publishedAt: structure.pkg.provenance.publishedAt,
    },
  };
}

/** The shape the catalog's pages and the copy read before any check of their own. */
function readable(definition: Record<string, unknown>): boolean {
  const title = definition.title as Record<string, unknown> | undefined;
  const local = definition.local as Record<string, unknown> | undefined;
  return (
    definition.formatVersion === 2 &&
    typeof definition.id === 'string' &&
    typeof title === 'object' &&
    title !== null &&
    typeof title.de === 'string' &&
    Array.isArray(definition.steps) &&
    typeof local === 'object' &&
    local !== null &&
    typeof local.office === 'object'
  );
}
