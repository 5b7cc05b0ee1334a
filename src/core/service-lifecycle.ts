/**
 * A published service's life in the Service-Design area (designer role): its versions, taking it
 * offline and back, publishing an earlier version's content again, and deleting a service that never
 * received an application. Every change is audited with the service as subject; nothing here
 * publishes by itself — an earlier version comes back as an upload that goes through the same
 * confirmation (and four eyes) as any other.
 */
import { type DefinitionChange, diffDefinitions } from '../definition/diff.ts';
import type {
  CatalogEntry,
  ServiceCandidate,
  ServiceVersion,
  StaffSession,
  Tenant,
  VersionEntry,
} from './domain.ts';
import { NotFoundError } from './errors.ts';
import type { Clock, Store } from './ports.ts';
import { requireRole } from './roles.ts';

export interface ServiceLifecycleDeps {
  store: Store;
  clock: Clock;
  newId(): string;
  /** Told after a service changed state here, so caches of this instance can forget it. */
  changed?(tenantId: string, slug: string): void;
}

export interface ServiceOverview {
  tenant: Tenant;
  /** Display names of the staff accounts that published versions. */
  publishers: Map<string, string>;
  /** The newest version; `withdrawnAt` says whether the service is offline. */
  live: ServiceVersion;
  history: VersionEntry[];
  /** How many applications were received (a service with any can only be withdrawn). */
  submissions: number;
  /** Its entry in the network catalog, when offered (ADR 0043). */
  catalogEntry: CatalogEntry | undefined;
}

export interface VersionComparison {
  tenant: Tenant;
  from: ServiceVersion;
  to: ServiceVersion;
  changes: DefinitionChange[];
}

export type DeleteOutcome =
  | { kind: 'deleted' }
  | { kind: 'has-submissions' }
  | { kind: 'confirmation-mismatch' };

export class ServiceLifecycle {
  readonly #deps: ServiceLifecycleDeps;

  constructor(deps: ServiceLifecycleDeps) {
    this.#deps = deps;
  }

  async overview(session: StaffSession, slug: string): Promise<ServiceOverview> {
    requireRole(session, 'designer');
    const { store } = this.#deps;
    const [tenant, live, history] = await Promise.all([
      store.tenants.byId(session.tenantId),
      store.services.latestBySlug(session.tenantId, slug),
      store.services.history(session.tenantId, slug),
    ]);
    if (!tenant || !live) throw new NotFoundError('service');
    const page = await store.submissions.inbox(session.tenantId, {
      serviceId: live.serviceId,
      page: 1,
      pageSize: 1,
    });
    const publishers = await store.staff.displayNames(session.tenantId, [
      ...new Set(history.flatMap((v) => (v.publishedBy ? [v.publishedBy] : []))),
    ]);
    const catalogEntry = await store.catalog.entryOfService(session.tenantId, live.serviceId);
    return { tenant, live, history, submissions: page.total, publishers, catalogEntry };
  }

  /** Two published versions of the service and the readable diff from `from` to `to`. */
  async compare(session: StaffSession, slug: string, from: number, to: number): Promise<VersionComparison> {
    requireRole(session, 'designer');
    const { store } = this.#deps;
    const [tenant, older, newer] = await Promise.all([
      store.tenants.byId(session.tenantId),
      store.services.versionByNumber(session.tenantId, slug, from),
      store.services.versionByNumber(session.tenantId, slug, to),
    ]);
    if (!tenant || !older || !newer) throw new NotFoundError('service version');
    return { tenant, from: older, to: newer, changes: diffDefinitions(older.definition, newer.definition) };
  }

  /** Takes the service offline (`true`) or brings it back (`false`); a repeat changes nothing. */
  async setOffline(session: StaffSession, slug: string, offline: boolean): Promise<boolean> {
    requireRole(session, 'designer');
    const { store, clock } = this.#deps;
    const live = await store.services.latestBySlug(session.tenantId, slug);
    if (!live) throw new NotFoundError('service');
    const at = clock.now().toISOString();
    const changed = await store.services.setWithdrawn(
      session.tenantId,
      live.serviceId,
      offline ? at : null,
      {
        tenantId: session.tenantId,
        actorType: 'staff',
        actorId: session.accountId,
        action: offline ? 'service.withdrawn' : 'service.reinstated',
        subjectType: 'service',
        subjectId: live.serviceId,
        details: { slug, version: live.version },
      },
      at,
    );
    this.#deps.changed?.(session.tenantId, slug);
    return changed;
  }

  /**
   * An earlier version's content as a new upload of the same service (`source: 'version'`), to be
   * confirmed and published as the next version: the history stays linear.
   */
  async republish(session: StaffSession, slug: string, version: number): Promise<ServiceCandidate> {
    requireRole(session, 'designer');
    const { store, clock, newId } = this.#deps;
    const [earlier, live] = await Promise.all([
      store.services.versionByNumber(session.tenantId, slug, version),
      store.services.latestBySlug(session.tenantId, slug),
    ]);
    if (!earlier || !live) throw new NotFoundError('service version');
    const candidate: ServiceCandidate = {
      id: newId(),
      tenantId: session.tenantId,
      slug,
      definition: earlier.definition,
      source: 'version',
      fileName: `${slug}-v${version}.json`,
      warnings: [],
      uploadedBy: session.accountId,
      uploadedAt: clock.now().toISOString(),
      publishedVersionId: null,
      publishedAt: null,
      basedOnVersionId: live.id,
    };
    await store.candidates.create(candidate, {
      tenantId: session.tenantId,
      actorType: 'staff',
      actorId: session.accountId,
      action: 'definition.republished',
      subjectType: 'service_candidate',
      subjectId: candidate.id,
      details: { slug, version, fromVersionId: earlier.id },
    });
    return candidate;
  }

  /** Deletes the service for good when it never received an application; `confirm` must be its slug. */
  async delete(session: StaffSession, slug: string, confirm: string): Promise<DeleteOutcome> {
    requireRole(session, 'designer');
    const { store, clock } = this.#deps;
    const live = await store.services.latestBySlug(session.tenantId, slug);
    if (!live) throw new NotFoundError('service');
    if (confirm.trim() !== slug) return { kind: 'confirmation-mismatch' };
    const outcome = await store.services.delete(
      session.tenantId,
      live.serviceId,
      {
        tenantId: session.tenantId,
        actorType: 'staff',
        actorId: session.accountId,
        action: 'service.deleted',
        subjectType: 'service',
        subjectId: live.serviceId,
        details: { slug, versions: live.version },
      },
      clock.now().toISOString(),
    );
    if (outcome === 'not-found') throw new NotFoundError('service');
    this.#deps.changed?.(session.tenantId, slug);
    return { kind: outcome === 'deleted' ? 'deleted' : 'has-submissions' };
  }
}
