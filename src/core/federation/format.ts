/**
 * What installations say to each other (ADR 0054): the instance description at
 * `/.well-known/amtsweg/instance`, the catalog feed's pages at `/katalog/feed`, the signed payload
 * of a feed entry and of a key rotation. Both sides use these types; what arrives from another
 * installation is untrusted until `readInstance`, `readFeedPage` and the signature checks
 * (`signatures.ts`, `verify-entry.ts`) have accepted it.
 */
import type { ServicePackage } from '../../definition/package/format.ts';
import type { LocalizedText } from '../../definition/types.ts';

export const INSTANCE_PATH = '/.well-known/amtsweg/instance';
export const FEED_PATH = '/katalog/feed';
export const INSTANCE_FORMAT = 'amtsweg-instance';
/** The JWS algorithm of every signature: Ed25519 (RFC 8037). */
export const ALG = 'EdDSA';
export const ENTRY_TYPE = 'amtsweg-feed-entry+jws';
export const ROTATION_TYPE = 'amtsweg-key-rotation+jws';
/** At most this many entries per feed page, and about this many bytes of packages. */
export const FEED_PAGE_ENTRIES = 100;
export const FEED_PAGE_BYTES = 8 * 1024 * 1024;

/** An Ed25519 public key as a JWK (RFC 8037), named by its RFC 7638 thumbprint. */
export interface PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: typeof ALG;
  use: 'sig';
}

export interface InstanceDescription {
  format: typeof INSTANCE_FORMAT;
  formatVersion: 1;
  name: string;
  operator: string;
  url: string;
  feed: string;
  /** Every key this installation has signed with, current and retired (JWKS, RFC 7517). */
  keys: { keys: PublicJwk[] };
  /** Retired keys and when they were retired. */
  retired: Array<{ kid: string; at: string }>;
  /** Each key after the first, introduced by a JWS of the key it replaced (`RotationPayload`). */
  rotations: string[];
}

export interface RotationPayload {
  key: PublicJwk;
  retires: string;
  at: string;
}

/** What a feed entry's signature covers. */
export interface EntryPayload {
  /** The signing installation's URL (`InstanceDescription.url`). */
  iss: string;
  /** When it was signed (ISO 8601). A retired key's signature from after its retirement is refused. */
  iat: string;
  entry: EntryMeta;
  package: ServicePackage;
}

/** The catalog entry as its installation offers it (no usage counts, no comments: ADR 0054). */
export interface EntryMeta {
  id: string;
  slug: string;
  title: LocalizedText;
  leika: string | null;
  topic: string;
  land: string;
  description: string;
  licence: string;
  contact: string;
  /** The offering municipality's name. */
  provider: string;
  offeredAt: string;
}

export interface FeedEntry {
  seq: number;
  /** The package's content hash, also inside the signed payload: both must agree. */
  contentHash: string;
  jws: string;
}

export interface FeedPage {
  entries: FeedEntry[];
  /** The cursor for the next page; null when this page reached the end. */
  next: string | null;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max = 2000): v is string => typeof v === 'string' && v.length <= max;

export function isPublicJwk(v: unknown): v is PublicJwk {
  return (
    isObject(v) &&
    v.kty === 'OKP' &&
    v.crv === 'Ed25519' &&
    isText(v.x, 100) &&
    isText(v.kid, 100) &&
    (v.alg === undefined || v.alg === ALG)
  );
}

/** The description another installation sent, or why it is not one. */
export function readInstance(input: unknown): InstanceDescription | undefined {
  if (!isObject(input) || input.format !== INSTANCE_FORMAT || input.formatVersion !== 1) return undefined;
  const keys = isObject(input.keys) ? input.keys.keys : undefined;
  if (!isText(input.name, 300) || !isText(input.operator, 300) || !isText(input.url) || !isText(input.feed))
    return undefined;
  if (!Array.isArray(keys) || keys.length > 100 || !keys.every(isPublicJwk)) return undefined;
  const retired = Array.isArray(input.retired) ? input.retired : [];
  if (!retired.every((r) => isObject(r) && isText(r.kid, 100) && isText(r.at, 40))) return undefined;
  const rotations = Array.isArray(input.rotations) ? input.rotations : [];
  if (rotations.length > 100 || !rotations.every((r) => isText(r, 10_000))) return undefined;
  return input as unknown as InstanceDescription;
}

/** A feed page's shape (the entries themselves are checked one by one, signature first). */
export function readFeedPage(input: unknown): FeedPage | undefined {
  if (!isObject(input) || !Array.isArray(input.entries) || input.entries.length > FEED_PAGE_ENTRIES)
    return undefined;
  if (!(input.next === null || (isText(input.next, 20) && /^\d+$/.test(input.next)))) return undefined;
  const ok = input.entries.every(
    (e) =>
      isObject(e) && Number.isSafeInteger(e.seq) && isText(e.contentHash, 80) && typeof e.jws === 'string',
  );
  return ok ? (input as unknown as FeedPage) : undefined;
}

/** The entry part of a signed payload, checked field by field. */
export function isEntryMeta(v: unknown): v is EntryMeta {
  return (
    isObject(v) &&
    isText(v.id, 100) &&
    isText(v.slug, 80) &&
    isObject(v.title) &&
    isText(v.title.de, 500) &&
    (v.title.en === undefined || isText(v.title.en, 500)) &&
    (v.leika === null || isText(v.leika, 14)) &&
    isText(v.topic, 100) &&
    isText(v.land, 100) &&
    isText(v.description) &&
    isText(v.licence, 100) &&
    isText(v.contact, 300) &&
    isText(v.provider, 300) &&
    isText(v.offeredAt, 40)
  );
}
