/**
 * The network catalog within one installation (ADR 0043): a municipality offers a published
 * service with its LeiKa key, a description, a licence, a contact and an experience report; the
 * others find it by name, LeiKa key, topic, Land or provider, see how many municipalities run it
 * and what they say about it. Copying it is `CatalogCopies` (ADR 0044).
 *
 * Every call needs the designer role. Entries are visible to every municipality of the installation
 * (that is their purpose); writes are the acting municipality's own, each audited.
 */

import { entryTerms, queryTerms } from './catalog-terms.ts';
import type {
  CatalogComment,
  CatalogEntry,
  CatalogOffer,
  ServiceVersion,
  StaffSession,
  Tenant,
} from './domain.ts';
import { NotFoundError } from './errors.ts';
import type { Clock, Store } from './ports.ts';
import { requireRole } from './roles.ts';

/** The Länder, for the offer's Land (a search term like the others). */
export const LAENDER = [
  'Baden-Württemberg',
  'Bayern',
  'Berlin',
  'Brandenburg',
  'Bremen',
  'Hamburg',
  'Hessen',
  'Mecklenburg-Vorpommern',
  'Niedersachsen',
  'Nordrhein-Westfalen',
  'Rheinland-Pfalz',
  'Saarland',
  'Sachsen',
  'Sachsen-Anhalt',
  'Schleswig-Holstein',
  'Thüringen',
] as const;

/** Licences a service can be offered under (SPDX identifiers): open, and allowing adaptation. */
export const CATALOG_LICENCES = ['EUPL-1.2', 'CC-BY-4.0', 'CC0-1.0'] as const;

/** The most entries one search shows: a search narrows, it does not page through everything. */
export const SEARCH_LIMIT = 50;

/** How long each text of an offer may be (characters). */
export const OFFER_LIMITS = {
  topic: 100,
  description: 2000,
  contact: 300,
  experience: 2000,
} as const;
export const MAX_COMMENT = 2000;

export type OfferField = keyof CatalogOffer;
export type OfferError = { field: OfferField; code: 'missing' | 'invalid' | 'too-long' };

export type OfferOutcome = { ok: true; entryId: string } | { ok: false; errors: OfferError[] };

export type CommentOutcome = { ok: true } | { ok: false; code: 'missing' | 'too-long' };

export interface OfferPage {
  tenant: Tenant;
  live: ServiceVersion;
  /** The entry when the service is already offered (the form then changes it). */
  entry: CatalogEntry | undefined;
}

export interface EntryPage {
  entry: CatalogEntry;
  /** The newest published version of the offered service. */
  latest: ServiceVersion;
  comments: CatalogComment[];
  /** The entry is the viewer's own municipality's. */
  own: boolean;
}

export interface CatalogDeps {
  store: Store;
  clock: Clock;
  newId(): string;
}

const LEIKA = /^\d{14}$/;

/** Reads and checks an offer form; every problem at once, in the form's order. */
export function readOffer(form: Record<string, string>): { offer: CatalogOffer; errors: OfferError[] } {
  const text = (name: OfferField) => (form[name] ?? '').trim();
  const offer: CatalogOffer = {
    leika: text('leika').replace(/\s+/g, '') || null,
    topic: text('topic'),
    land: text('land'),
    description: text('description'),
    licence: text('licence'),
    contact: text('contact'),
    experience: text('experience'),
  };
  const errors: OfferError[] = [];
  if (offer.leika !== null && !LEIKA.test(offer.leika)) errors.push({ field: 'leika', code: 'invalid' });
  const required = (field: 'topic' | 'description') => {
    if (!offer[field]) errors.push({ field, code: 'missing' });
    else if (offer[field].length > OFFER_LIMITS[field]) errors.push({ field, code: 'too-long' });
  };
  required('topic');
  if (!(LAENDER as readonly string[]).includes(offer.land)) errors.push({ field: 'land', code: 'missing' });
  required('description');
  if (!(CATALOG_LICENCES as readonly string[]).includes(offer.licence))
    errors.push({ field: 'licence', code: 'missing' });
  if (!offer.contact) errors.push({ field: 'contact', code: 'missing' });
  else if (offer.contact.length > OFFER_LIMITS.contact) errors.push({ field: 'contact', code: 'too-long' });
  if (offer.experience.length > OFFER_LIMITS.experience)
    errors.push({ field: 'experience', code: 'too-long' });
  return { offer, errors };
}

export class NetworkCatalog {
  readonly #deps: CatalogDeps;

  constructor(deps: CatalogDeps) {
    this.#deps = deps;
  }

  async #live(session: StaffSession, slug: string): Promise<{ tenant: Tenant; live: ServiceVersion }> {
    const { store } = this.#deps;
    const [tenant, live] = await Promise.all([
      store.tenants.byId(session.tenantId),
      store.services.latestBySlug(session.tenantId, slug),
    ]);
    if (!tenant || !live) throw new NotFoundError('service');
    return { tenant, live };
  }

  /** What the offer form shows: the published service and its entry, if offered already. */
  async offerPage(session: StaffSession, slug: string): Promise<OfferPage> {
    requireRole(session, 'designer');
    const { tenant, live } = await this.#live(session, slug);
    const entry = await this.#deps.store.catalog.entryOfService(session.tenantId, live.serviceId);
    return { tenant, live, entry };
  }

  /** Offers the published service `slug` (or changes its entry); a form with problems stores nothing. */
  async offer(session: StaffSession, slug: string, form: Record<string, string>): Promise<OfferOutcome> {
    requireRole(session, 'designer');
    return offerToCatalog(
      this.#deps,
      { tenantId: session.tenantId, accountId: session.accountId },
      slug,
      form,
    );
  }

  /** Entries matching every word of `query` (name, LeiKa key, topic, Land, provider); all when empty. */
  async search(session: StaffSession, query: string): Promise<CatalogEntry[]> {
    requireRole(session, 'designer');
    return this.#deps.store.catalog.search(queryTerms(query), SEARCH_LIMIT);
  }

  /**
   * Entries of other installations (ADR 0054) whose words contain every word of `query`; all
   * (newest first) when empty. Bounded like the search: a search narrows.
   */
  async searchRemote(session: StaffSession, query: string): Promise<CatalogEntry[]> {
    requireRole(session, 'designer');
    const words = query.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
    return this.#deps.store.federation.searchRemote(words, SEARCH_LIMIT);
  }

  async entry(session: StaffSession, id: string): Promise<EntryPage> {
    requireRole(session, 'designer');
    const { store } = this.#deps;
    const [entry, latest, comments] = await Promise.all([
      store.catalog.entryById(id),
      store.catalog.version(id),
      store.catalog.comments(id),
    ]);
    // An entry whose service was deleted is gone from the catalog.
    if (!entry || !latest) throw new NotFoundError('catalog entry');
    return { entry, latest, comments, own: entry.tenantId === session.tenantId };
  }

  /** A comment of the viewer's municipality on the entry (audited there). */
  async comment(session: StaffSession, id: string, text: string): Promise<CommentOutcome> {
    requireRole(session, 'designer');
    const { store, clock, newId } = this.#deps;
    const entry = await store.catalog.entryById(id);
    if (!entry) throw new NotFoundError('catalog entry');
    const trimmed = text.trim();
    if (!trimmed) return { ok: false, code: 'missing' };
    if (trimmed.length > MAX_COMMENT) return { ok: false, code: 'too-long' };
    const commentId = newId();
    await store.catalog.comment(
      {
        id: commentId,
        entryId: id,
        tenantId: session.tenantId,
        authorId: session.accountId,
        text: trimmed,
        createdAt: clock.now().toISOString(),
      },
      {
        tenantId: session.tenantId,
        actorType: 'staff',
        actorId: session.accountId,
        action: 'catalog.commented',
        subjectType: 'catalog_entry',
        subjectId: id,
        details: { commentId },
      },
    );
    return { ok: true };
  }
}

/**
 * Offers the municipality's published service `slug` (or changes its entry), audited as the staff
 * account's action, or the system's when `accountId` is null (the demo seed). Shared by the use case
 * and the demo, so both index and audit an offer the same way.
 */
export async function offerToCatalog(
  deps: CatalogDeps,
  actor: { tenantId: string; accountId: string | null },
  slug: string,
  form: Record<string, string>,
): Promise<OfferOutcome> {
  const { store, clock, newId } = deps;
  const [tenant, live] = await Promise.all([
    store.tenants.byId(actor.tenantId),
    store.services.latestBySlug(actor.tenantId, slug),
  ]);
  if (!tenant || !live) throw new NotFoundError('service');
  const { offer, errors } = readOffer(form);
  if (errors.length > 0) return { ok: false, errors };
  const title = live.definition.title;
  const terms = entryTerms([
    title.de,
    title.en,
    live.slug,
    offer.leika,
    offer.topic,
    offer.land,
    tenant.name.de,
    tenant.name.en,
  ]);
  const entryId = await store.catalog.offer(
    { id: newId(), tenantId: actor.tenantId, serviceId: live.serviceId, slug, title, ...offer },
    terms,
    actor.accountId ?? 'system',
    clock.now().toISOString(),
    {
      tenantId: actor.tenantId,
      actorType: actor.accountId ? 'staff' : 'system',
      actorId: actor.accountId,
      action: 'catalog.offered',
      subjectType: 'service',
      subjectId: live.serviceId,
      details: { slug, version: live.version, licence: offer.licence },
    },
  );
  return { ok: true, entryId };
}
